// Two-factor sign-in: a member user turns on TOTP in the profile with a code
// computed from the key shown on the page, signs out, and from then on needs a
// fresh code after the password.

import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { Secret, TOTP } from 'otpauth'
import type { Browser } from 'playwright-core'
import { launchBrowser, newPage, screenshot } from './browser.ts'
import {
  demoPassword,
  field,
  pathOf,
  signIn,
  signOut,
  startTestPortal,
  submitLogin,
  type TestPortal,
} from './portal.ts'

const periodMs = 30_000

/** The code an authenticator app shows for the given 30-second step. */
function codeForStep(secret: string, step: number): string {
  const totp = new TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) })
  return totp.generate({ timestamp: step * periodMs })
}

function currentStep(): number {
  return Math.floor(Date.now() / periodMs)
}

describe('two-factor sign-in', () => {
  let portal: TestPortal
  let browser: Browser

  before(async () => {
    ;[portal, browser] = await Promise.all([startTestPortal(), launchBrowser()])
  })

  after(async () => {
    await browser?.close()
    await portal?.close()
  })

  test('a member user turns on TOTP and then signs in with password and code', async () => {
    const email = 'malte.hansen@klimabuendnis-nord.example'
    const { context, page } = await newPage(browser)
    try {
      await signIn(page, portal.url, email, demoPassword)
      await page.getByRole('heading', { level: 1, name: 'Willkommen, Malte Hansen.' }).waitFor()

      await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Mein Profil' }).click()
      await page.waitForURL(`${portal.url}/profile`)
      await page.getByRole('heading', { level: 1, name: 'Mein Profil' }).waitFor()
      await page.getByText('Die Zwei-Faktor-Anmeldung ist nicht aktiv.').waitFor()

      await page.getByRole('button', { name: 'Zwei-Faktor-Anmeldung einrichten' }).click()
      await page.getByRole('img', { name: 'QR code' }).waitFor()
      const secret = ((await page.getByTestId('totp-secret').textContent()) ?? '').trim()
      assert.match(secret, /^[A-Z2-7]{32}$/, 'a 160-bit base32 key')
      await screenshot(page, 'profile-two-factor-setup')

      // What the app shows right now confirms the setup. The server remembers this step and refuses it again.
      const setupStep = currentStep()
      await field(page, 'Code').fill(codeForStep(secret, setupStep))
      await page.getByRole('button', { name: 'Aktivieren' }).click()
      await page.getByRole('status').filter({ hasText: 'Die Zwei-Faktor-Anmeldung ist jetzt aktiv.' }).waitFor()
      assert.equal(pathOf(page), '/profile')
      await page.getByText('Die Zwei-Faktor-Anmeldung ist aktiv.').waitFor()
      await page.getByRole('button', { name: 'Zwei-Faktor-Anmeldung abschalten' }).waitFor()

      await signOut(page, portal.url)

      // The password alone is no longer enough: a page asks for the code, and nothing else is reachable yet.
      await submitLogin(page, portal.url, email, demoPassword)
      await page.waitForURL((url) => url.pathname === '/login/second-factor')
      await page.getByRole('heading', { level: 1, name: 'Bestätigungscode' }).waitFor()
      await screenshot(page, 'login-second-factor')

      // The code that turned 2FA on is used up: replaying it is refused.
      await field(page, 'Code').fill(codeForStep(secret, setupStep))
      await page.getByRole('button', { name: 'Bestätigen' }).click()
      await page
        .getByText('Der Code ist falsch oder abgelaufen. Bitte den aktuellen Code aus der App eingeben.')
        .first()
        .waitFor()
      assert.equal(pathOf(page), '/login/second-factor')
      assert.equal(await field(page, 'Code').getAttribute('aria-invalid'), 'true')

      // A fresh code: the current step if it has moved on since the setup, else the next one (the server
      // accepts one step either side of its clock, and only steps newer than the last one used).
      const loginStep = Math.max(currentStep(), setupStep + 1)
      await field(page, 'Code').fill(codeForStep(secret, loginStep))
      await page.getByRole('button', { name: 'Bestätigen' }).click()
      await page.waitForURL(`${portal.url}/`)
      await page.getByRole('heading', { level: 1, name: 'Willkommen, Malte Hansen.' }).waitFor()
      await page.getByRole('button', { name: 'Abmelden' }).waitFor()
      await screenshot(page, 'overview-member-after-two-factor')
    } finally {
      await context.close()
    }
  })
})
