// The language switch (German by default, English on request, remembered) and
// the keyboard and accessibility basics of the login page.

import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { Browser, Page, Response } from 'playwright-core'
import { launchBrowser, newPage, screenshot } from './browser.ts'
import { demoPassword, field, pathOf, startTestPortal, type TestPortal } from './portal.ts'

async function htmlLang(page: Page): Promise<string | null> {
  return page.locator('html').getAttribute('lang')
}

/** Every form control a person can reach, with the text of its label(s) or ARIA name; hidden inputs excluded. */
async function controlsWithLabels(page: Page) {
  return page.locator('input:not([type=hidden]), select, textarea').evaluateAll((elements) =>
    elements.map((el) => {
      const control = el as HTMLInputElement
      const labelledBy = (control.getAttribute('aria-labelledby') ?? '')
        .split(/\s+/)
        .map((id) => document.getElementById(id)?.textContent ?? '')
      const texts = Array.from(control.labels ?? [], (l) => l.textContent ?? '')
      const name = [...texts, ...labelledBy, control.getAttribute('aria-label') ?? '']
        .map((t) => t.replace(/\s+/g, ' ').trim())
        .filter(Boolean)
        .join(' | ')
      return { control: `${control.tagName.toLowerCase()}[name=${control.name}]`, name }
    }),
  )
}

describe('language and accessibility', () => {
  let portal: TestPortal
  let browser: Browser

  before(async () => {
    ;[portal, browser] = await Promise.all([startTestPortal(), launchBrowser()])
  })

  after(async () => {
    await browser?.close()
    await portal?.close()
  })

  test('the portal speaks German first; "English" switches, and the choice sticks across pages', async () => {
    const { context, page } = await newPage(browser)
    try {
      await page.goto(`${portal.url}/login`)
      assert.equal(await htmlLang(page), 'de')
      await page.getByRole('heading', { level: 1, name: 'Anmelden' }).waitFor()

      // The switch names the other language in that language.
      const toEnglish = page.getByRole('link', { name: 'English' })
      assert.equal(await toEnglish.getAttribute('lang'), 'en')
      await toEnglish.click()
      await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor()
      assert.equal(pathOf(page), '/login', 'the switch brings the person back to the same page')
      assert.equal(await htmlLang(page), 'en')
      await page.getByRole('link', { name: 'Deutsch' }).waitFor()
      await screenshot(page, 'login-english')

      // Another page, and a reload: still English.
      await page.getByRole('link', { name: 'Forgot your password?' }).click()
      await page.getByRole('heading', { level: 1, name: 'Forgot password' }).waitFor()
      assert.equal(await htmlLang(page), 'en')
      await page.reload()
      await page.getByRole('heading', { level: 1, name: 'Forgot password' }).waitFor()

      // Signed in, too.
      await page.getByRole('link', { name: 'Sign in', exact: true }).click()
      await field(page, 'Email address').fill('vorstand@beispiel-eg.example')
      await field(page, 'Password').fill(demoPassword)
      await page.getByRole('button', { name: 'Sign in', exact: true }).click()
      await page.waitForURL(`${portal.url}/`)
      await page.getByRole('heading', { level: 1, name: 'Welcome, Clara Neumann.' }).waitFor()
      assert.equal(await htmlLang(page), 'en')
      const nav = page.getByRole('navigation', { name: 'Main navigation' })
      await nav.getByRole('link', { name: 'Organisations' }).click()
      await page.getByRole('heading', { level: 1, name: 'Organisations' }).waitFor()
      assert.equal(await htmlLang(page), 'en')
      await screenshot(page, 'organisations-english')

      // And back to German, on the same page.
      await page.getByRole('link', { name: 'Deutsch' }).click()
      await page.getByRole('heading', { level: 1, name: 'Organisationen' }).waitFor()
      assert.equal(pathOf(page), '/organisations')
      assert.equal(await htmlLang(page), 'de')
      await page.getByRole('navigation', { name: 'Hauptnavigation' }).waitFor()
    } finally {
      await context.close()
    }
  })

  test('a browser that prefers English gets English without choosing', async () => {
    const { context, page } = await newPage(browser, { locale: 'en-GB' })
    try {
      await page.goto(`${portal.url}/login`)
      await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor()
      assert.equal(await htmlLang(page), 'en')
    } finally {
      await context.close()
    }
  })

  test('login page: skip link first, every field labelled, little JavaScript', async (t) => {
    const { context, page } = await newPage(browser)
    try {
      const scripts: Response[] = []
      page.on('response', (response) => {
        if (response.request().resourceType() === 'script') scripts.push(response)
      })
      await page.goto(`${portal.url}/login`, { waitUntil: 'load' })

      // The first stop of the Tab key is the skip link; it shows itself when focused and leads into <main>.
      await page.keyboard.press('Tab')
      const skip = page.getByRole('link', { name: 'Zum Inhalt springen' })
      assert.equal(await skip.evaluate((el) => el === document.activeElement), true, 'skip link has the focus')
      assert.equal(await skip.getAttribute('href'), '#main')
      const box = await skip.boundingBox()
      assert.ok(box && box.x >= 0 && box.y >= 0 && box.width > 0, 'the focused skip link is on screen')
      await screenshot(page, 'login-skip-link-focused')
      // Also in document order, not only for the keyboard: nothing focusable comes before it.
      const firstFocusable = await page.evaluate(() => {
        const candidates = document.querySelectorAll<HTMLElement>(
          'a[href], button, input:not([type=hidden]), select, textarea, [tabindex]:not([tabindex="-1"])',
        )
        const first = Array.from(candidates).find((el) => !el.hasAttribute('disabled'))
        return first ? `${first.tagName.toLowerCase()}.${first.className}` : null
      })
      assert.equal(firstFocusable, 'a.skip')
      await page.keyboard.press('Enter')
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'main')
      await page.keyboard.press('Tab')
      assert.equal(
        await field(page, 'E-Mail-Adresse').evaluate((el) => el === document.activeElement),
        true,
        'after skipping, Tab goes straight to the first field',
      )

      // Every field has a visible label tied to it.
      const controls = await controlsWithLabels(page)
      assert.deepEqual(controls, [
        { control: 'input[name=email]', name: 'E-Mail-Adresse *' },
        { control: 'input[name=password]', name: 'Passwort *' },
      ])
      await page.getByRole('textbox', { name: 'E-Mail-Adresse', exact: true }).waitFor()
      await page.getByRole('textbox', { name: 'Passwort', exact: true }).waitFor()

      // All JavaScript the page loads, files and inline, stays under 30 KB.
      let bytes = 0
      for (const response of scripts) bytes += (await response.body()).byteLength
      const inline = await page
        .locator('script:not([src])')
        .evaluateAll((els) =>
          els.reduce((sum, el) => sum + new TextEncoder().encode(el.textContent ?? '').byteLength, 0),
        )
      t.diagnostic(`JavaScript on /login: ${scripts.length} file(s), ${bytes} bytes + ${inline} bytes inline`)
      assert.ok(scripts.length >= 1, 'the progressive-enhancement script is loaded')
      assert.ok(bytes + inline < 30 * 1024, `JavaScript total ${bytes + inline} bytes`)
    } finally {
      await context.close()
    }
  })

  test('the signed-in pages with forms label every field, too', async () => {
    const { context, page } = await newPage(browser)
    try {
      await page.goto(`${portal.url}/login`)
      await field(page, 'E-Mail-Adresse').fill('jana.petersen@klimabuendnis-nord.example')
      await field(page, 'Passwort').fill(demoPassword)
      await page.getByRole('button', { name: 'Anmelden', exact: true }).click()
      await page.waitForURL(`${portal.url}/`)
      await page.getByRole('link', { name: 'Meine Organisation' }).click()
      await page.getByRole('heading', { level: 2, name: 'Person einladen' }).waitFor()
      const orgPage = await controlsWithLabels(page)
      await page.getByRole('link', { name: 'Mein Profil' }).click()
      await page.getByRole('heading', { level: 1, name: 'Mein Profil' }).waitFor()
      const profilePage = await controlsWithLabels(page)
      for (const { control, name } of [...orgPage, ...profilePage]) assert.notEqual(name, '', `${control} has no label`)
      assert.ok(orgPage.length > 10 && profilePage.length > 10, 'both pages are full of fields')
    } finally {
      await context.close()
    }
  })
})
