// Proves the browser harness on its own, without the application: if this
// fails, the problem is chromium or playwright on the machine, not Allmende.
import assert from 'node:assert/strict'
import { stat } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { test } from 'node:test'
import { launchBrowser, newPage, screenshot } from './browser.ts'

const PAGE = `<!doctype html>
<html lang="de">
<head>
  <meta charset="utf-8">
  <title>Rauchtest</title>
</head>
<body>
  <main>
    <h1>Rauchtest</h1>
    <label for="name">Vorname</label>
    <input id="name" name="name" type="text">
    <button type="button" id="greet">Begrüßen</button>
    <p id="out" role="status">Noch niemand begrüßt.</p>
  </main>
  <script>
    document.getElementById('greet').addEventListener('click', () => {
      const name = document.getElementById('name').value
      document.getElementById('out').textContent = 'Hallo, ' + name + '!'
    })
  </script>
</body>
</html>`

async function startServer(): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    if (req.url === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      res.end(PAGE)
      return
    }
    // Chromium asks for /favicon.ico; answer so it is not left pending.
    res.writeHead(404).end()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return { server, url: `http://127.0.0.1:${port}/` }
}

test('headless chromium renders a page, fills a field by label and clicks by role', async () => {
  const { server, url } = await startServer()
  const browser = await launchBrowser()
  try {
    const { context, page } = await newPage(browser)
    await page.goto(url)

    assert.equal(await page.locator('html').getAttribute('lang'), 'de')

    await page.getByLabel('Vorname').fill('Käthe')
    await page.getByRole('button', { name: 'Begrüßen' }).click()

    const status = page.getByRole('status')
    // waitFor on the changed text instead of reading at once: the click
    // handler runs in the page, after click() has resolved.
    await page.getByText('Hallo, Käthe!').waitFor()
    assert.equal(await status.textContent(), 'Hallo, Käthe!')

    const file = await screenshot(page, 'browser-smoke')
    assert.ok((await stat(file)).size > 0, 'screenshot should not be empty')

    await context.close()
  } finally {
    await browser.close()
    // Keep-alive sockets from chromium would otherwise hold the process open.
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }
})
