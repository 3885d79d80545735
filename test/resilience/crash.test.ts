import assert from 'node:assert/strict'
import { type ChildProcess, spawn } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { after, test } from 'node:test'
import pg from 'pg'
import { createDb } from '../../src/db/db.ts'
import { verifyAuditChain } from '../../src/platform/audit.ts'

/**
 * Kills the portal with SIGKILL while it is busy writing, restarts it on the same data, and checks that
 * nothing is half-written: every organisation has exactly one creation entry in the journal, no entry
 * points to a missing organisation, and the hash chain verifies.
 */
const root = path.resolve(import.meta.dirname, '../..')
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'allmende-crash-'))
const pgUrl = process.env.ALLMENDE_TEST_PG_URL
let scratchUrl: string | undefined
let child: ChildProcess | null = null

/** Resolves when the process has exited, also if that happened before the call. */
function exited(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => proc.once('exit', () => resolve()))
}

after(async () => {
  child?.kill('SIGKILL')
  fs.rmSync(dataDir, { recursive: true, force: true })
  if (pgUrl && scratchUrl) {
    const admin = new pg.Client({ connectionString: pgUrl })
    await admin.connect()
    await admin.query(`DROP DATABASE IF EXISTS "${new URL(scratchUrl).pathname.slice(1)}" WITH (FORCE)`)
    await admin.end()
  }
})

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port
      s.close(() => resolve(port))
    })
  })
}

async function startPortal(port: number): Promise<ChildProcess> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    BASE_URL: `http://localhost:${port}`,
    ALLMENDE_FAST_HASH: '1',
  }
  if (scratchUrl) env.DATABASE_URL = scratchUrl
  else delete env.DATABASE_URL
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  await new Promise<void>((resolve, reject) => {
    let out = ''
    const timer = setTimeout(() => reject(new Error(`portal did not start:\n${out}`)), 60_000)
    proc.stdout!.on('data', (d) => {
      out += d
      if (out.includes('is ready at')) {
        clearTimeout(timer)
        resolve()
      }
    })
    proc.stderr!.on('data', (d) => {
      out += d
    })
    proc.on('exit', (code) => reject(new Error(`portal exited with ${code}:\n${out}`)))
  })
  return proc
}

async function signIn(base: string): Promise<{ cookie: string; csrf: string }> {
  const page = await fetch(`${base}/login`)
  const csrfCookie = page.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .join('; ')
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!
  const res = await fetch(`${base}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrfCookie },
    body: new URLSearchParams({
      _csrf: csrf,
      email: 'team@beispiel-eg.example',
      password: 'Allmende-Demo-2026',
    }).toString(),
  })
  assert.equal(res.status, 303)
  const session = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .join('; ')
  return { cookie: `${csrfCookie}; ${session}`, csrf }
}

test('SIGKILL in the middle of writes leaves no half-written data', { timeout: 180_000 }, async () => {
  if (pgUrl) {
    scratchUrl = pgUrl.replace(/\/[^/]*$/, `/${new URL(pgUrl).pathname.slice(1)}_crash_${process.pid}`)
    const admin = new pg.Client({ connectionString: pgUrl })
    await admin.connect()
    await admin.query(`CREATE DATABASE "${new URL(scratchUrl).pathname.slice(1)}"`)
    await admin.end()
  }
  const port = await freePort()
  const base = `http://127.0.0.1:${port}`
  child = await startPortal(port)
  const { cookie, csrf } = await signIn(base)
  let started = 0
  const requests: Array<Promise<unknown>> = []
  for (let i = 0; i < 60; i++) {
    started++
    requests.push(
      fetch(`${base}/organisations`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
        body: new URLSearchParams({
          _csrf: csrf,
          name: `Crash-Test ${i}`,
          legalForm: 'ev',
          postalCode: '10115',
          city: 'Berlin',
          country: 'DE',
        }).toString(),
      }).catch(() => null),
    )
    if (i === 20) {
      // Let the first writes land, then pull the plug while the rest are in flight.
      await new Promise((r) => setTimeout(r, 150))
      child.kill('SIGKILL')
    }
  }
  await Promise.all(requests)
  await exited(child)
  child = null
  assert.ok(started > 20)

  // The portal starts again on the same data (PGlite recovers its WAL; PostgreSQL never stopped).
  const port2 = await freePort()
  child = await startPortal(port2)
  child.kill('SIGTERM')
  await exited(child)
  child = null

  const handle = await createDb(scratchUrl ? { databaseUrl: scratchUrl } : { dataDir })
  try {
    const orgs = await handle.db
      .selectFrom('organisation')
      .select(['id', 'name'])
      .where('name', 'like', 'Crash-Test%')
      .execute()
    const created = await handle.db
      .selectFrom('audit_entry')
      .select(['subject_id'])
      .where('action', '=', 'organisation.created')
      .execute()
    const createdIds = new Set(created.map((e) => e.subject_id))
    for (const org of orgs) assert.ok(createdIds.has(org.id), `organisation ${org.name} has its journal entry`)
    const allOrgIds = new Set((await handle.db.selectFrom('organisation').select('id').execute()).map((o) => o.id))
    for (const id of createdIds) assert.ok(allOrgIds.has(id), 'no journal entry without its organisation')
    const chain = await verifyAuditChain(handle.db)
    assert.equal(chain.ok, true, JSON.stringify(chain.firstBroken))
    assert.ok(orgs.length < 60, `the kill interrupted the run (${orgs.length} of 60 written)`)
  } finally {
    await handle.close()
  }
})
