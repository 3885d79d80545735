// Ordering in a browser: an NGO joins, the board admits it and books its payment; its admin orders the managed
// workplace, sees the price, the terms and the declaration of the further share it needs; the board admits the
// share, staff confirm the order, and the booking runs.

import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { Browser } from 'playwright-core'
import { launchBrowser, newPage, screenshot } from './browser.ts'
import { demoPassword, field, signIn, startTestPortal, type TestPortal } from './portal.ts'

describe('bookings', () => {
  let portal: TestPortal
  let browser: Browser

  before(async () => {
    ;[portal, browser] = await Promise.all([startTestPortal(), launchBrowser()])
  })

  after(async () => {
    await browser?.close()
    await portal?.close()
  })

  test('an NGO orders the managed workplace with the extra share declaration; staff confirm; it runs', async () => {
    const email = 'ole.brand@foodsharing-gohlis.example'
    const password = 'Retten statt wegwerfen 2026!'

    // 1. The NGO applies (12 employees: the medium tier, 2 mandatory shares, no area yet)
    const applicant = await newPage(browser)
    try {
      const { page } = applicant
      await page.goto(`${portal.url}/join`)
      await page.getByRole('radio', { name: /^Organisation/ }).check()
      await field(page, 'Name der Organisation').fill('Foodsharing Gohlis e.V.')
      await field(page, 'Beschäftigte').fill('12')
      await field(page, 'Vorname').fill('Ole')
      await field(page, 'Nachname').fill('Brand')
      await field(page, 'E-Mail-Adresse').fill(email)
      await field(page, 'Straße und Hausnummer').fill('Lützowstraße 5')
      await field(page, 'Postleitzahl').fill('04157')
      await field(page, 'Ort').fill('Leipzig')
      await page.getByRole('checkbox', { name: /Satzung gelesen/ }).check()
      await page.getByRole('checkbox', { name: /Mitgliederliste und die Mitgliedschaft/ }).check()
      await page.getByRole('checkbox', { name: /Pflichten nach § 15a GenG/ }).check()
      await page.getByRole('button', { name: 'Beitritt verbindlich erklären' }).click()
      await page.waitForURL((url) => url.pathname.startsWith('/join/status/'))
      await portal.waitForMail(email)
    } finally {
      await applicant.context.close()
    }

    // 2. The board admits it and books the payment of its two shares (§15b: earlier shares paid first)
    const board = await newPage(browser)
    let memberUrl: string
    try {
      const { page } = board
      await signIn(page, portal.url, 'vorstand@beispiel-eg.example', demoPassword)
      await page.goto(`${portal.url}/applications`)
      await page.getByRole('row').filter({ hasText: 'Foodsharing Gohlis' }).getByRole('link').first().click()
      await page.getByRole('button', { name: 'Aufnehmen' }).click()
      await page
        .getByRole('status')
        .filter({ hasText: /Aufgenommen als M-\d{5}/ })
        .waitFor()
      await page.goto(`${portal.url}/members?q=Foodsharing`)
      await page.getByRole('row').filter({ hasText: 'Foodsharing Gohlis' }).getByRole('link').first().click()
      memberUrl = page.url()
      await field(page, 'Betrag (Euro)').fill('200,00')
      await field(page, 'Referenz (z. B. Kontoauszug, Verwendungszweck)').fill('Überweisung Anteile')
      await page.getByRole('button', { name: 'Zahlung buchen' }).click()
      await page
        .getByRole('status')
        .filter({ hasText: /Zahlung über 200,00/ })
        .waitFor()
    } finally {
      await board.context.close()
    }

    // 3. Its admin sets a password from the invitation and orders the managed workplace
    const admin = await newPage(browser)
    try {
      const { page } = admin
      const invitation = await portal.waitForMail(email, { after: 1 })
      const link = /https?:\/\/\S+\/invite\?token=\S+/.exec(invitation.body)?.[0]
      assert.ok(link, 'the admission sends an invitation link')
      await page.goto(link)
      await field(page, 'Neues Passwort').fill(password)
      await field(page, 'Passwort wiederholen').fill(password)
      await page.getByRole('button', { name: 'Speichern' }).click()
      await page.waitForURL((url) => !url.pathname.startsWith('/invite'))
      await page.goto(`${portal.url}/orders/new?area=managed_workplace`)
      await page.getByRole('heading', { level: 1, name: /^Bestellen: Managed Workplace/ }).waitFor()
      await field(page, 'Anzahl der Geräte').fill('14')
      await page.getByRole('button', { name: 'Preis und Bedingungen anzeigen' }).click()
      // medium tier of the example prices: 79 € a month, 150 € setup; 30 days' notice to the end of a month
      await page
        .getByTestId('order-price')
        .getByText(/79,00\s€ netto/)
        .waitFor()
      await page.getByText(/Kündigungsfrist: 30 Tage zum Monatsende/).waitFor()
      await page
        .getByTestId('order-shares')
        .getByText(/Erklärung über 1 weitere Anteile/)
        .waitFor()
      await page.getByRole('checkbox', { name: /Wir übernehmen 1 weitere Geschäftsanteile/ }).check()
      await page.getByRole('checkbox', { name: 'Wir nehmen die Vertragsbedingungen an.' }).check()
      await screenshot(page, 'order-form')
      await page.getByRole('button', { name: 'Verbindlich bestellen' }).click()
      await page.waitForURL((url) => /^\/bookings\/[0-9a-f-]{36}$/.test(url.pathname))
      await page.getByTestId('booking-state').getByText('bestellt').waitFor()
      await page
        .getByTestId('share-application')
        .getByText(/liegt dem Vorstand vor/)
        .waitFor()
      await screenshot(page, 'booking-requested')
      // the §15b declaration's confirmation and the order's
      await portal.waitForMail(email, { after: 3 })
      const subjects = portal.mails.filter((m) => m.to === email).map((m) => m.subject)
      assert.ok(
        subjects.some((subject) => /Bestellung eingegangen: Managed Workplace/.test(subject)),
        subjects.join(' | '),
      )
    } finally {
      await admin.context.close()
    }

    // 4. The board admits the further share; staff confirm the order from their queue
    const boardAgain = await newPage(browser)
    try {
      const { page } = boardAgain
      await signIn(page, portal.url, 'vorstand@beispiel-eg.example', demoPassword)
      await page.goto(`${portal.url}/applications`)
      await page.getByRole('row').filter({ hasText: 'Foodsharing Gohlis' }).getByRole('link').first().click()
      await page.getByRole('button', { name: 'Aufnehmen' }).click()
      await page.getByRole('status').waitFor()
      await page.goto(memberUrl)
      await page.getByTestId('shares-now').getByText('3').waitFor()
    } finally {
      await boardAgain.context.close()
    }
    const staff = await newPage(browser)
    try {
      const { page } = staff
      await signIn(page, portal.url, 'team@beispiel-eg.example', demoPassword)
      await page.goto(`${portal.url}/orders`)
      await page.getByRole('row').filter({ hasText: 'Foodsharing Gohlis' }).getByRole('link').first().click()
      await page.getByRole('button', { name: 'Bestätigen' }).click()
      await page
        .getByRole('status')
        .filter({ hasText: /bestätigt/ })
        .waitFor()
      await page.getByTestId('booking-state').getByText('läuft').waitFor()
      await screenshot(page, 'booking-active')
    } finally {
      await staff.context.close()
    }
  })
})
