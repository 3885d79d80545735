// Inviting a person: an org admin invites a new colleague by email from her
// organisation's page; the colleague follows the link in the mail in her own
// browser, sets a password, is signed in, and can sign in again later.

import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { Browser } from 'playwright-core'
import { launchBrowser, newPage, screenshot } from './browser.ts'
import { demoPassword, field, pathOf, signIn, signOut, startTestPortal, type TestPortal } from './portal.ts'

describe('invitation', () => {
  let portal: TestPortal
  let browser: Browser

  before(async () => {
    ;[portal, browser] = await Promise.all([startTestPortal(), launchBrowser()])
  })

  after(async () => {
    await browser?.close()
    await portal?.close()
  })

  test('an org admin invites a person, who sets a password from the mail and signs in', async () => {
    const invitee = 'ole.jensen@klimabuendnis-nord.example'
    const password = 'Grüne Wiese am Deich 2026'
    let link: string

    const admin = await newPage(browser)
    try {
      const { page } = admin
      await signIn(page, portal.url, 'jana.petersen@klimabuendnis-nord.example', demoPassword)
      await page.getByRole('heading', { level: 1, name: 'Willkommen, Jana Petersen.' }).waitFor()
      await page
        .getByRole('navigation', { name: 'Hauptnavigation' })
        .getByRole('link', { name: 'Meine Organisation' })
        .click()
      await page.waitForURL((url) => url.pathname.startsWith('/organisations/'))
      const orgPath = pathOf(page)
      await page.getByRole('heading', { level: 1, name: 'Klimabündnis Nord e.V.' }).waitFor()
      await page.getByRole('cell', { name: 'jana.petersen@klimabuendnis-nord.example' }).waitFor()

      await page.getByRole('heading', { name: 'Person einladen' }).scrollIntoViewIfNeeded()
      await field(page, 'Vorname').fill('Ole')
      await field(page, 'Nachname').fill('Jensen')
      await field(page, 'E-Mail-Adresse').fill(invitee)
      // "Mitarbeitende Person" is ticked by default; she also makes him the technical contact.
      const functions = page.getByRole('group', { name: 'Funktionen', exact: true })
      assert.equal(await functions.getByLabel('Mitarbeitende Person').isChecked(), true)
      await functions.getByLabel('Technischer Kontakt').check()
      await screenshot(page, 'organisation-invite-form')
      const mailsBefore = portal.mails.length
      await page.getByRole('button', { name: 'Einladung senden' }).click()

      await page
        .getByRole('status')
        .filter({ hasText: `Die Einladung an ${invitee} ist verschickt.` })
        .waitFor()
      assert.equal(pathOf(page), orgPath)
      const row = page.getByRole('row').filter({ hasText: invitee })
      await row.getByRole('cell', { name: /^Ole Jensen/ }).waitFor()
      await row.getByText('Einladung offen').waitFor()
      await screenshot(page, 'organisation-after-invite')

      const mail = await portal.waitForMail(invitee, { after: mailsBefore })
      assert.equal(mail.subject, 'Einladung zu Klimabündnis Nord e.V. – Allmende')
      assert.match(mail.body, /Hallo Ole Jensen,/)
      assert.match(mail.body, /Jana Petersen hat dich zu Klimabündnis Nord e\.V\./)
      const match = /(https?:\/\/\S+\/invite\?token=[\w-]+)/.exec(mail.body)
      assert.ok(match, `an invitation link in the mail:\n${mail.body}`)
      link = match[1]!
      // The link must point at the running portal, or nobody could follow it.
      assert.equal(new URL(link).origin, new URL(portal.url).origin)
    } finally {
      await admin.context.close()
    }

    // The invited person: her own browser, no cookies of the admin.
    const guest = await newPage(browser)
    try {
      const { page } = guest
      await page.goto(link)
      await page.getByRole('heading', { level: 1, name: 'Einladung annehmen' }).waitFor()
      await page.getByText(`Willkommen bei Klimabündnis Nord e.V.! Lege ein Passwort für ${invitee} fest.`).waitFor()
      await screenshot(page, 'invitation-accept')

      // A password that is too short is refused at the field, and the link still works afterwards.
      await field(page, 'Neues Passwort').fill('kurz')
      await field(page, 'Passwort wiederholen').fill('kurz')
      await page.getByRole('button', { name: 'Speichern' }).click()
      await page.getByRole('alert').waitFor()
      assert.equal(await field(page, 'Neues Passwort').getAttribute('aria-invalid'), 'true')
      await screenshot(page, 'invitation-password-too-short')

      await field(page, 'Neues Passwort').fill(password)
      await field(page, 'Passwort wiederholen').fill(password)
      await page.getByRole('button', { name: 'Speichern' }).click()
      await page.waitForURL(`${portal.url}/`)
      await page.getByRole('status').filter({ hasText: 'Dein Zugang ist eingerichtet. Willkommen!' }).waitFor()
      await page.getByRole('heading', { level: 1, name: 'Willkommen, Ole Jensen.' }).waitFor()
      await page.getByRole('link', { name: 'Klimabündnis Nord e.V.' }).waitFor()
      await screenshot(page, 'overview-invited-person')

      await signOut(page, portal.url)
      await signIn(page, portal.url, invitee, password)
      await page.getByRole('heading', { level: 1, name: 'Willkommen, Ole Jensen.' }).waitFor()

      // The link is used up now.
      await page.goto(link)
      await page.getByRole('alert').filter({ hasText: 'Dieser Link ist ungültig' }).waitFor()
    } finally {
      await guest.context.close()
    }
  })
})
