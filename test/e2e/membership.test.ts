// Joining and leaving: an organisation applies on the public form, the board admits it, the new org admin
// sets a password from the mail, sees the register entry and the share certificate, then gives notice and
// sees the date the membership ends.

import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { Browser } from 'playwright-core'
import { terminationEffectiveDate } from '../../src/members/membership.rules.ts'
import { todayIn } from '../../src/platform/dates.ts'
import { formatDate } from '../../src/platform/i18n.ts'
import { defaultStatutes } from '../../src/statutes/statutes.rules.ts'
import { launchBrowser, newPage, screenshot } from './browser.ts'
import { demoPassword, field, signIn, startTestPortal, type TestPortal } from './portal.ts'

describe('membership', () => {
  let portal: TestPortal
  let browser: Browser

  before(async () => {
    ;[portal, browser] = await Promise.all([startTestPortal(), launchBrowser()])
  })

  after(async () => {
    await browser?.close()
    await portal?.close()
  })

  test('an organisation applies, the board admits it, its admin sees the register entry and gives notice', async () => {
    const applicantEmail = 'mara.lind@weltladen-lindenau.example'
    let statusUrl: string

    // 1. The applicant fills in the public form; the quote follows the size while she types.
    const applicant = await newPage(browser)
    try {
      const { page } = applicant
      await page.goto(`${portal.url}/join`)
      await page.getByRole('heading', { level: 1, name: 'Mitglied werden' }).waitFor()
      await page.getByRole('radio', { name: /^Organisation/ }).check()
      await field(page, 'Name der Organisation').fill('Weltladen Lindenau e.V.')
      await field(page, 'Beschäftigte').fill('12')
      const quote = page.locator('#quote')
      // 12 employees: the medium tier, 2 mandatory shares before any service area
      await quote
        .getByText(/Pflichtanteile/)
        .first()
        .waitFor()
      await page.getByRole('checkbox', { name: /Digitale Infrastruktur/ }).check()
      await field(page, 'Vorname').fill('Mara')
      await field(page, 'Nachname').fill('Lind')
      await field(page, 'E-Mail-Adresse').fill(applicantEmail)
      await field(page, 'Straße und Hausnummer').fill('Georg-Schwarz-Straße 10')
      await field(page, 'Postleitzahl').fill('04177')
      await field(page, 'Ort').fill('Leipzig')
      await page.waitForFunction(() => /300,00\s€/.test(document.querySelector('#quote')?.textContent ?? ''))
      await page.getByRole('checkbox', { name: /Satzung gelesen/ }).check()
      await page.getByRole('checkbox', { name: /Mitgliederliste und die Mitgliedschaft/ }).check()
      await page.getByRole('checkbox', { name: /Pflichten nach § 15a GenG/ }).check()
      await screenshot(page, 'join-form')
      await page.getByRole('button', { name: 'Beitritt verbindlich erklären' }).click()
      await page.waitForURL((url) => url.pathname.startsWith('/join/status/'))
      statusUrl = page.url()
      await page.getByText('eingegangen').first().waitFor()
      await screenshot(page, 'join-status-submitted')
      await portal.waitForMail(applicantEmail)
    } finally {
      await applicant.context.close()
    }

    // 2. A board member admits it from the queue.
    const boardPage = await newPage(browser)
    let memberNumber: string
    try {
      const { page } = boardPage
      await signIn(page, portal.url, 'vorstand@beispiel-eg.example', demoPassword)
      await page.goto(`${portal.url}/applications`)
      await page.getByRole('row').filter({ hasText: 'Weltladen Lindenau' }).getByRole('link').first().click()
      await page.getByRole('heading', { level: 1 }).waitFor()
      await screenshot(page, 'application-detail')
      await page.getByRole('button', { name: 'Aufnehmen' }).click()
      const flash = page.getByRole('status').filter({ hasText: /Aufgenommen als M-\d{5}/ })
      await flash.waitFor()
      memberNumber = /M-\d{5}/.exec((await flash.textContent()) ?? '')![0]
    } finally {
      await boardPage.context.close()
    }

    // 3. The applicant follows the invitation, sets a password and looks at the membership.
    const admin = await newPage(browser)
    try {
      const { page } = admin
      await page.goto(statusUrl)
      await page.getByText(memberNumber).first().waitFor()
      const invitation = await portal.waitForMail(applicantEmail, { after: 1 })
      const link = /https?:\/\/\S+\/invite\?token=\S+/.exec(invitation.body)?.[0]
      assert.ok(link, 'the admission sends an invitation link')
      await page.goto(link)
      const password = 'Fairer Handel seit 1988!'
      await field(page, 'Neues Passwort').fill(password)
      await field(page, 'Passwort wiederholen').fill(password)
      await page.getByRole('button', { name: 'Speichern' }).click()
      await page.waitForURL((url) => !url.pathname.startsWith('/invite'))

      await page.goto(`${portal.url}/membership`)
      await page.getByText(memberNumber).first().waitFor()
      await page
        .getByText(formatDate(todayIn(new Date()), 'de'))
        .first()
        .waitFor()
      await screenshot(page, 'membership-dashboard')
      const certificate = page.getByRole('link', { name: /Anteilsbescheinigung/ })
      const href = await certificate.getAttribute('href')
      assert.ok(href)
      const pdf = await page.request.get(new URL(href, page.url()).toString())
      assert.equal(pdf.status(), 200)
      assert.equal(pdf.headers()['content-type'], 'application/pdf')
      assert.equal((await pdf.body()).subarray(0, 5).toString(), '%PDF-')

      // 4. Notice: the page shows the effective date before and after confirming.
      const exitOn = formatDate(terminationEffectiveDate(todayIn(new Date()), defaultStatutes), 'de')
      await page.getByRole('heading', { name: 'Mitgliedschaft kündigen' }).scrollIntoViewIfNeeded()
      await page.getByText(exitOn).first().waitFor()
      page.once('dialog', (dialog) => dialog.accept())
      await page.getByRole('button', { name: 'Kündigung verbindlich erklären' }).click()
      await page
        .getByRole('status')
        .filter({ hasText: `Gekündigt zum ${exitOn}` })
        .waitFor()
      await screenshot(page, 'membership-notice-given')
    } finally {
      await admin.context.close()
    }
  })
})
