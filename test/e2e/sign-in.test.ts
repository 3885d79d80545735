// Signing in with a password: the board account reaches its overview, a wrong
// password is answered at the form and the person stays on the login page.

import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { Browser } from 'playwright-core'
import { launchBrowser, newPage, screenshot } from './browser.ts'
import { demoPassword, field, pathOf, signIn, startTestPortal, submitLogin, type TestPortal } from './portal.ts'

describe('sign in', () => {
  let portal: TestPortal
  let browser: Browser

  before(async () => {
    ;[portal, browser] = await Promise.all([startTestPortal(), launchBrowser()])
  })

  after(async () => {
    await browser?.close()
    await portal?.close()
  })

  test('the board signs in and sees the overview of the cooperative', async () => {
    const { context, page } = await newPage(browser)
    try {
      // A signed-out visitor who opens the portal sees the public start page, and signs in from there.
      await page.goto(`${portal.url}/`)
      await page.getByRole('heading', { level: 1, name: 'Beispiel-Genossenschaft eG' }).waitFor()
      await page.getByRole('link', { name: 'Bedarf angeben' }).first().waitFor()
      await screenshot(page, 'start-public')
      await page.getByRole('main').getByRole('link', { name: 'Anmelden' }).click()
      await page.waitForURL((url) => url.pathname === '/login')
      await page.getByRole('heading', { level: 1, name: 'Anmelden' }).waitFor()
      await screenshot(page, 'login')

      await signIn(page, portal.url, 'vorstand@beispiel-eg.example', demoPassword)

      await page.getByRole('heading', { level: 1, name: 'Willkommen, Clara Neumann.' }).waitFor()
      assert.equal(await page.title(), 'Übersicht · Allmende')
      // The board is in the back office: its roles and the counts of the cooperative.
      await page.getByRole('heading', { name: 'Deine Rollen in der Genossenschaft' }).waitFor()
      await page.getByRole('listitem').filter({ hasText: 'Vorstand' }).waitFor()
      await page.getByRole('heading', { name: 'Verwaltung' }).waitFor()
      const cards = page.getByRole('link', { name: /Organisationen$/ }).filter({ hasText: /^\d+/ })
      assert.match((await cards.textContent()) ?? '', /^6\s+Organisationen$/, 'five members and the partner provider')
      const nav = page.getByRole('navigation', { name: 'Hauptnavigation' })
      assert.equal(await nav.getByRole('link', { name: 'Übersicht' }).getAttribute('aria-current'), 'page')
      for (const name of ['Organisationen', 'Personen', 'Journal', 'Mein Profil'])
        await nav.getByRole('link', { name, exact: true }).waitFor()
      await page.getByRole('button', { name: 'Abmelden' }).waitFor()
      await screenshot(page, 'overview-board')

      // The overview leads on: the list of member organisations.
      await nav.getByRole('link', { name: 'Organisationen', exact: true }).click()
      await page.waitForURL(`${portal.url}/organisations`)
      await page.getByRole('link', { name: 'Klimabündnis Nord e.V.' }).waitFor()
      await screenshot(page, 'organisations-board')
    } finally {
      await context.close()
    }
  })

  test('a wrong password is reported at the form and the person stays on /login', async () => {
    const { context, page } = await newPage(browser)
    try {
      await page.goto(`${portal.url}/login`)
      await submitLogin(page, portal.url, 'vorstand2@beispiel-eg.example', 'Falsches-Passwort-2026')

      const alert = page.getByRole('alert')
      await alert.waitFor()
      assert.equal((await alert.textContent())?.trim(), 'E-Mail-Adresse oder Passwort ist falsch.')
      assert.equal(pathOf(page), '/login')
      await page.getByRole('heading', { level: 1, name: 'Anmelden' }).waitFor()
      // The message sits in the form's section, right above the fields; the address stays, the password not.
      const section = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Anmelden' }) })
      await section.getByRole('alert').waitFor()
      assert.equal(await field(page, 'E-Mail-Adresse').inputValue(), 'vorstand2@beispiel-eg.example')
      assert.equal(await field(page, 'Passwort').inputValue(), '')
      // Still signed out: only the public navigation (no overview, no profile), a sign-in link, no sign-out.
      const nav = page.getByRole('navigation', { name: 'Hauptnavigation' })
      await nav.getByRole('link', { name: 'Leistungen', exact: true }).waitFor()
      assert.equal(await nav.getByRole('link', { name: 'Übersicht' }).count(), 0)
      assert.equal(await nav.getByRole('link', { name: 'Mein Profil' }).count(), 0)
      assert.equal(await page.getByRole('button', { name: 'Abmelden' }).count(), 0)
      await screenshot(page, 'login-wrong-password')

      // The right password still works afterwards.
      await signIn(page, portal.url, 'vorstand2@beispiel-eg.example', demoPassword)
      await page.getByRole('heading', { level: 1, name: 'Willkommen, Jonas Becker.' }).waitFor()
    } finally {
      await context.close()
    }
  })
})
