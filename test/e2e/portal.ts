// Starts the real portal (server, embedded database, demo seed) for one e2e
// test file, and collects the mails the console mailer writes to its log.
// Import this before any module under src/: argon2 must be in fast mode.
import './fast-hash.ts'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import type { Locator, Page } from 'playwright-core'
import { demoPassword } from '../../src/demo/seed-demo.ts'
import { loadConfig } from '../../src/platform/config.ts'
import { type Portal, startPortal } from '../../src/server.ts'

export { demoPassword }

export interface CapturedMail {
  to: string
  subject: string
  body: string
}

export interface TestPortal {
  portal: Portal
  /** http://localhost:<port>, the same origin the portal puts into its mails. */
  url: string
  /** Every line the portal logged, mails included. */
  log: string[]
  mails: CapturedMail[]
  /** Waits for a mail to `to` (newer than `after` mails) and returns it. */
  waitForMail(to: string, options?: { after?: number; timeoutMs?: number }): Promise<CapturedMail>
  close(): Promise<void>
}

// The console mailer writes one block per mail through the portal's log function.
const mailPattern =
  /--- mail \(SMTP_URL not set, written here instead\) ---\nTo: (.*)\nSubject: (.*)\n\n([\s\S]*)\n---$/

/**
 * A free TCP port, chosen before start: with PORT=0 the portal would still put
 * http://localhost:0 into its mails (config.baseUrl is not updated with the real port).
 */
async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', resolve)
  })
  const address = server.address()
  await new Promise<void>((resolve) => server.close(() => resolve()))
  if (!address || typeof address === 'string') throw new Error('no port')
  return address.port
}

/**
 * Under scripts/run-tests.ts the data directory starts as a copy of the migrated template database: creating
 * an embedded database from nothing (initdb) is the slowest part of starting, several seconds per file.
 * The portal then only seeds the demo. Run on its own, a file starts from an empty directory.
 */
async function prepareDataDir(dataDir: string): Promise<void> {
  const template = process.env.ALLMENDE_TEST_TEMPLATE
  if (!template || !existsSync(template)) return
  const pglite = await PGlite.create({ dataDir, loadDataDir: new Blob([await readFile(template)]) })
  await pglite.close()
}

export async function startTestPortal(): Promise<TestPortal> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'allmende-e2e-'))
  try {
    await prepareDataDir(dataDir)
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true })
    throw error
  }
  const log: string[] = []
  const mails: CapturedMail[] = []
  const capture = (line: string) => {
    log.push(line)
    const match = mailPattern.exec(line.trimStart())
    if (match) mails.push({ to: match[1]!, subject: match[2]!, body: match[3]! })
  }
  let portal: Portal | undefined
  // Another process may take the port between freePort() and listen(): then try again with a new one.
  for (let attempt = 0; !portal; attempt++) {
    const port = await freePort()
    const config = loadConfig({
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      BASE_URL: `http://localhost:${port}`,
      LOG_LEVEL: 'silent',
      ALLMENDE_FAST_HASH: '1',
    })
    try {
      portal = await startPortal(config, capture)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt >= 3) {
        await rm(dataDir, { recursive: true, force: true })
        throw error
      }
    }
  }
  const started = portal
  if (!started.demoLogins) {
    await started.close()
    await rm(dataDir, { recursive: true, force: true })
    throw new Error(`the portal did not seed the demo cooperative; log:\n${log.join('\n')}`)
  }
  return {
    portal: started,
    url: started.url,
    log,
    mails,
    async waitForMail(to, options = {}) {
      const deadline = Date.now() + (options.timeoutMs ?? 10_000)
      for (;;) {
        const mail = mails.slice(options.after ?? 0).find((m) => m.to === to)
        if (mail) return mail
        if (Date.now() > deadline) throw new Error(`no mail to ${to} arrived; log:\n${log.join('\n')}`)
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
    },
    async close() {
      await started.close()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}

/** The path of the page's current URL, e.g. "/login". */
export function pathOf(page: Page): string {
  return new URL(page.url()).pathname
}

/**
 * The form control labelled exactly `label`. Required fields carry a visual " *" inside their <label>
 * (aria-hidden, so not part of the accessible name), but Playwright's getByLabel matches the label's
 * whole text, so the marker is allowed here.
 */
export function field(scope: Page | Locator, label: string): Locator {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  return scope.getByLabel(new RegExp(`^\\s*${escaped}(\\s*\\*)?\\s*$`))
}

/** Signs in through the German login form, the way a person does it. Does not wait for the page after. */
export async function submitLogin(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  if (pathOf(page) !== '/login' || !page.url().startsWith(baseUrl)) await page.goto(`${baseUrl}/login`)
  await field(page, 'E-Mail-Adresse').fill(email)
  await field(page, 'Passwort').fill(password)
  await page.getByRole('button', { name: 'Anmelden', exact: true }).click()
}

/** Signs in and waits for the overview (accounts without a second factor). */
export async function signIn(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await submitLogin(page, baseUrl, email, password)
  await page.waitForURL(`${baseUrl}/`)
}

/** Signs out with the header button and waits for the login page with its notice. */
export async function signOut(page: Page, baseUrl: string): Promise<void> {
  await page.getByRole('button', { name: 'Abmelden' }).click()
  await page.waitForURL(`${baseUrl}/login`)
  await page.getByRole('status').filter({ hasText: 'Du bist abgemeldet.' }).waitFor()
}
