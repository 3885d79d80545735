// A person on the public pages: the catalog, an area page, and the price calculator, which updates while
// typing with the script and works the same with the "Berechnen" button.

import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { Browser } from 'playwright-core'
import { launchBrowser, newPage, screenshot } from './browser.ts'
import { field, startTestPortal, type TestPortal } from './portal.ts'

describe('catalog and price calculator', () => {
  let portal: TestPortal
  let browser: Browser

  before(async () => {
    ;[portal, browser] = await Promise.all([startTestPortal(), launchBrowser()])
  })

  after(async () => {
    await browser?.close()
    await portal?.close()
  })

  test('the catalog lists the areas by kind and leads to an area page with its tier table', async () => {
    const { context, page } = await newPage(browser)
    try {
      await page.goto(`${portal.url}/catalog`)
      await page.getByRole('heading', { level: 1, name: 'Leistungen' }).waitFor()
      await page.getByRole('heading', { level: 2, name: 'Primär – nur für Mitglieder, als Flatrate' }).waitFor()
      await screenshot(page, 'catalog')
      await page.getByRole('link', { name: /Mehr zu „Digitale Infrastruktur/ }).click()
      await page.getByRole('heading', { level: 1, name: /Digitale Infrastruktur/ }).waitFor()
      const table = page.getByRole('table', { name: /Monatliche Flatrate/ })
      await table.getByRole('row', { name: /Mittel|medium/i }).waitFor()
      assert.ok(await page.getByRole('link', { name: 'Bedarf angeben' }).first().isVisible())
      await screenshot(page, 'catalog-area')
    } finally {
      await context.close()
    }
  })

  test('the calculator updates while typing, and the result is the same as with the button', async () => {
    const { context, page } = await newPage(browser)
    try {
      // the button loads the page anew (a GET form); wait for that document, not for the live fragment
      const submit = () =>
        Promise.all([
          page.waitForResponse((r) => r.request().resourceType() === 'document' && r.url().includes('/prices?')),
          page.getByRole('button', { name: 'Berechnen' }).click(),
        ]).then(() => page.waitForLoadState('domcontentloaded'))
      await page.goto(`${portal.url}/prices`)
      await page.getByRole('heading', { level: 1, name: 'Preisrechner' }).waitFor()
      await field(page, 'Beschäftigte').fill('10')
      await page.getByRole('checkbox', { name: /Digitale Infrastruktur/ }).check()
      await page.getByRole('checkbox', { name: /IT-Helpdesk/ }).check()
      const result = page.locator('#calc-result')
      await result.getByText('Summe monatlich').waitFor()
      // each change sends its own request; wait for the one with both areas
      await result.locator('[data-total="gross"]', { hasText: '271,32' }).waitFor()
      const live = await result.locator('[data-total="gross"]').textContent()
      assert.match(live ?? '', /271,32/)
      assert.ok(await page.getByRole('img', { name: /Zusammensetzung des Monatsbeitrags/ }).isVisible())
      assert.match(page.url(), /employees=10/, 'the address follows the inputs')
      await screenshot(page, 'price-calculator')
      await submit()
      assert.equal(await page.locator('#calc-result [data-total="gross"]').textContent(), live)
      await field(page, 'Beschäftigte').fill('-4')
      await submit()
      await page.locator('#f-employees-error').getByText('Der Wert muss mindestens 0 sein.').waitFor()
      assert.equal(await page.locator('#calc-result [data-total="gross"]').count(), 0, 'no result for bad input')
      await screenshot(page, 'price-calculator-error')
    } finally {
      await context.close()
    }
  })
})
