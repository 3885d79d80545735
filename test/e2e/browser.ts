// Thin harness around playwright-core for the e2e suite. We drive Debian's
// chromium package because playwright cannot download its own browser builds
// on our machines (only the npm registry and apt mirrors are reachable).
import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core'

// One action (click, fill, wait) should never take long against a local
// server; failing fast keeps a broken page from eating the CI budget.
const ACTION_TIMEOUT_MS = 10_000
// Navigation may include a cold server-side render, so give it a little more.
const NAVIGATION_TIMEOUT_MS = 15_000

const SCREENSHOT_DIR = path.resolve('test-results', 'screenshots')

// CI and dev machines run as root, where chromium refuses to start with its
// sandbox. The rest keeps chromium from calling home (there is no network) and
// from relying on /dev/shm, which is small in containers.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-dev-shm-usage',
]

// chromium.launch (unlike launchPersistentContext) already gives every launch
// a fresh temporary profile and removes it on close, so tests cannot leak
// cookies or storage into each other through the profile.
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    // A hung launch should fail the test rather than stall the run.
    timeout: 30_000,
  })
}

export async function newPage(
  browser: Browser,
  opts: { locale?: string } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    // The portal is German-first; tests that check negotiation pass another one.
    locale: opts.locale ?? 'de-DE',
    timezoneId: 'Europe/Berlin',
    viewport: { width: 1280, height: 800 },
  })
  context.setDefaultTimeout(ACTION_TIMEOUT_MS)
  context.setDefaultNavigationTimeout(NAVIGATION_TIMEOUT_MS)
  const page = await context.newPage()
  return { context, page }
}

export async function screenshot(page: Page, name: string): Promise<string> {
  // Names come from test code; keep them from escaping the screenshot dir.
  const safe = name.replace(/[^A-Za-z0-9._-]+/g, '_')
  const file = path.join(SCREENSHOT_DIR, `${safe}.png`)
  await mkdir(SCREENSHOT_DIR, { recursive: true })
  await page.screenshot({ path: file, fullPage: true })
  return file
}
