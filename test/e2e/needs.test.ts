// The needs questionnaire in a browser: an NGO fills it in, reads its quote and migration list, joins with these
// details in one click; the board finds it in the founders' view as "applied" and records a follow-up.

import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { Browser } from 'playwright-core'
import { launchBrowser, newPage, screenshot } from './browser.ts'
import { demoPassword, field, signIn, startTestPortal, type TestPortal } from './portal.ts'

describe('needs questionnaire', () => {
  let portal: TestPortal
  let browser: Browser

  before(async () => {
    ;[portal, browser] = await Promise.all([startTestPortal(), launchBrowser()])
  })

  after(async () => {
    await browser?.close()
    await portal?.close()
  })

  test('an NGO fills in the questionnaire, reads its quote, joins with it; the board follows it up', async () => {
    const email = 'kim.ort@repaircafe-plagwitz.example'
    const ngo = await newPage(browser)
    try {
      const { page } = ngo
      await page.goto(`${portal.url}/needs`)
      await page.getByRole('heading', { level: 1, name: 'Bedarf angeben' }).waitFor()
      await field(page, 'Name der Organisation').fill('Repair Café Plagwitz e.V.')
      await field(page, 'Ort').fill('Leipzig')
      await field(page, 'Name').fill('Kim Ort')
      await field(page, 'E-Mail-Adresse').fill(email)
      await field(page, 'Beschäftigte').fill('10')
      await field(page, 'Ehrenamtliche').fill('40')
      await page.getByRole('checkbox', { name: 'Dropbox' }).check()
      await page.getByRole('checkbox', { name: 'Zoom' }).check()
      await page.getByRole('checkbox', { name: /^Digitale Infrastruktur/ }).check()
      await page.getByRole('checkbox', { name: /^Bildungsformate/ }).check()
      await field(page, 'Stunden Workshops und Trainings pro Jahr').fill('8')
      await page.getByRole('radio', { name: /^Wir sind dabei/ }).check()
      await page.getByRole('checkbox', { name: /kontaktieren/ }).check()
      await screenshot(page, 'needs-form')
      await page.getByRole('button', { name: 'Angebot berechnen und absenden' }).click()
      await page.waitForURL((url) => /^\/needs\/[\w-]{43}$/.test(url.pathname))
      await page.getByRole('heading', { level: 1, name: /^Angebot BF-\d{4}-\d{5}$/ }).waitFor()
      // 10 employees: the medium tier of the example prices, 129 € a month
      const monthly = page.getByRole('row', { name: /^Digitale Infrastruktur/ })
      await monthly.getByText('129,00 €').waitFor()
      const migration = page.getByRole('row', { name: /^Dropbox/ })
      await migration.getByText(/Cloudspeicher und Office-Dokumente/).waitFor()
      await migration.getByText(/in den gewählten Bereichen enthalten/).waitFor()
      await page.getByRole('img', { name: /Zusammensetzung des Monatsbeitrags/ }).waitFor()
      await screenshot(page, 'needs-quote')
      const mail = await portal.waitForMail(email)
      assert.match(mail.body, /\/needs\/[\w-]{43}/)

      await page.getByRole('link', { name: 'Mitglied werden mit diesen Angaben' }).click()
      await page.getByRole('heading', { level: 1, name: 'Mitglied werden' }).waitFor()
      assert.equal(await field(page, 'Name der Organisation').inputValue(), 'Repair Café Plagwitz e.V.')
      assert.equal(await field(page, 'Vorname').inputValue(), 'Kim')
      assert.equal(await field(page, 'Nachname').inputValue(), 'Ort')
      assert.ok(await page.getByRole('checkbox', { name: /^Digitale Infrastruktur/ }).isChecked())
      await field(page, 'Straße und Hausnummer').fill('Karl-Heine-Straße 22')
      await field(page, 'Postleitzahl').fill('04229')
      await page.getByRole('checkbox', { name: /Satzung gelesen/ }).check()
      await page.getByRole('checkbox', { name: /Mitgliederliste und die Mitgliedschaft/ }).check()
      await page.getByRole('checkbox', { name: /Pflichten nach § 15a GenG/ }).check()
      await page.getByRole('button', { name: 'Beitritt verbindlich erklären' }).click()
      await page.waitForURL((url) => url.pathname.startsWith('/join/status/'))
      await page.getByText('eingegangen').first().waitFor()
    } finally {
      await ngo.context.close()
    }

    const board = await newPage(browser)
    try {
      const { page } = board
      await signIn(page, portal.url, 'vorstand@beispiel-eg.example', demoPassword)
      await page.goto(`${portal.url}/needs/overview?stage=committed`)
      await page.getByRole('heading', { level: 1, name: 'Gründungsplanung: Bedarfe' }).waitFor()
      const row = page.getByRole('row').filter({ hasText: 'Repair Café Plagwitz' })
      await row.getByText('Beitritt erklärt').waitFor()
      await screenshot(page, 'needs-overview')
      await row.getByRole('link').first().click()
      await page.getByRole('heading', { level: 1, name: /Repair Café Plagwitz/ }).waitFor()
      await page.getByLabel('Notiz').fill('Zur Gründungsversammlung eingeladen.')
      await page.getByRole('button', { name: 'Eintragen' }).click()
      await page
        .getByRole('status')
        .filter({ hasText: /Nachverfolgung für BF-\d{4}-\d{5} eingetragen/ })
        .waitFor()
      await page.getByRole('cell', { name: 'Zur Gründungsversammlung eingeladen.' }).waitFor()
      await screenshot(page, 'needs-follow-up')
    } finally {
      await board.context.close()
    }
  })
})
