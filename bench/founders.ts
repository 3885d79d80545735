/**
 * The founders' view at the size of the February round (issue 4): 500 needs questionnaires, and the board's
 * GET /needs/overview (every questionnaire recomputed with today's prices and statutes, aggregated, charted,
 * listed) under 1 s. Per database (PGlite in a temporary data directory; PostgreSQL: a fresh database
 * allmende_bench_<random> on 127.0.0.1:5432, created, migrated and dropped here):
 *  1. the example prices from the first day of the round, then --count questionnaires through the real action
 *     (test/load/seed-needs.ts: submitQuestionnaire with area check, stored quote, journal and mail; a third get a
 *     follow-up, one in thirty is erased), timed;
 *  2. the real app in a child process (createApp + @hono/node-server on 127.0.0.1), the board signed in through
 *     the login form;
 *  3. per page (the overview, sorted by monthly revenue on a later page, its CSV, the summary CSV): --warmup
 *     requests, then --runs sequential ones; median, p95 and max of the time to the last byte.
 *
 * Run: npx tsx bench/founders.ts [--db=pglite|postgres|both] [--count=500] [--runs=30] [--warmup=5]
 *      [--pg=postgres://postgres@127.0.0.1:5432/postgres]
 */
import { type ChildProcess, fork } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import pg from 'pg'
import { createDb } from '../src/db/db.ts'
import { migrate } from '../src/db/migrate.ts'
import { seedExamplePrices } from '../src/demo/seed-demo-catalog.ts'
import { createAccount } from '../src/people/accounts.actions.ts'
import { systemActor } from '../src/platform/actor.ts'
import { fixedClock, systemClock } from '../src/platform/clock.ts'
import { loadConfig } from '../src/platform/config.ts'
import type { Deps } from '../src/platform/context.ts'
import { addDays, todayIn } from '../src/platform/dates.ts'
import { createMailer } from '../src/platform/mail.ts'
import { seedNeeds } from '../test/load/seed-needs.ts'
import { agent, load, log, median, ms, quantile, request, s, timed } from './register-load.ts'
import { password, serveMode, signIn } from './register-server.ts'

const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: 'both' },
    count: { type: 'string', default: '500' },
    runs: { type: 'string', default: '30' },
    warmup: { type: 'string', default: '5' },
    pg: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
    serve: { type: 'string' },
  },
})

interface PageResult {
  path: string
  bytes: number
  times: number[]
}

interface Result {
  kind: 'postgres' | 'pglite'
  seedMs: number
  followUps: number
  erased: number
  pages: PageResult[]
  loadBefore: string
  loadAfter: string
}

/** The server in its own process (this file with --serve), so the measuring does not share its event loop. */
function forkServer(target: { databaseUrl?: string; dataDir?: string }): {
  child: ChildProcess
  port: Promise<number>
} {
  const child = fork(path.join(import.meta.dirname, 'founders.ts'), ['--serve', JSON.stringify(target)], {
    cwd: path.resolve(import.meta.dirname, '..'),
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const port = new Promise<number>((resolve, reject) => {
    child.once('message', (m) => resolve((m as { port: number }).port))
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)))
  })
  return { child, port }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return
  const exited = new Promise((r) => child.once('exit', r))
  child.send('stop')
  await exited
}

async function benchOn(kind: 'postgres' | 'pglite'): Promise<Result> {
  const count = Number(args.count)
  const runs = Number(args.runs)
  const warmup = Number(args.warmup)
  let databaseUrl: string | undefined
  let dataDir: string | undefined
  let admin: pg.Client | undefined
  const name = `allmende_bench_${randomBytes(4).toString('hex')}`
  if (kind === 'postgres') {
    const url = new URL(args.pg!)
    url.pathname = `/${name}`
    databaseUrl = url.toString()
    admin = new pg.Client({ connectionString: args.pg })
    await admin.connect()
    await admin.query(`CREATE DATABASE "${name}"`)
  } else dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'allmende-bench-needs-'))
  let child: ChildProcess | undefined
  try {
    log(`\n== ${kind === 'postgres' ? `PostgreSQL (database ${name})` : `PGlite (${dataDir})`}`)
    const handle = await createDb({ databaseUrl, dataDir, poolSize: 4 })
    await migrate(handle)
    const today = todayIn(new Date())
    const firstDay = addDays(today, -27)
    const config = loadConfig({ PORT: '3000', LOG_LEVEL: 'silent', ALLMENDE_DEMO: '0' })
    const deps: Deps = {
      handle,
      db: handle.db,
      config,
      mailer: createMailer({ from: 'bench@localhost', log: () => {} }),
      clock: fixedClock(new Date(`${firstDay}T07:00:00Z`)),
    }
    const system = systemActor('bench')
    await handle.db.transaction().execute(async (trx) => {
      // the prices hold from the round's first day, so every questionnaire's quote is priced
      await seedExamplePrices(trx, system, deps, firstDay)
      await createAccount(
        trx,
        system,
        {
          email: 'board@bench.example',
          givenName: 'Bench',
          familyName: 'Board',
          password,
          roles: ['board'],
          emailVerified: true,
        },
        { ...deps, clock: systemClock },
      )
    })
    const [seeded, seedMs] = await timed(() =>
      seedNeeds(deps, { count, firstDay, lastDay: today, log: (line) => count >= 200 && log(line) }),
    )
    log(
      `  seeded ${count} questionnaires through the action in ${s(seedMs)} (${seeded.followUps} follow-ups, ` +
        `${seeded.erased} erased; load ${load()})`,
    )
    await handle.close()

    const server = forkServer({ databaseUrl, dataDir })
    child = server.child
    const port = await server.port
    const cookie = await signIn(port, 'board@bench.example')
    const lastPage = Math.max(1, Math.ceil(count / 50))
    const paths = [
      '/needs/overview',
      `/needs/overview?sort=monthly&dir=desc&page=${lastPage}`,
      '/needs/overview.csv',
      '/needs/summary.csv',
    ]
    const loadBefore = load()
    const pages: PageResult[] = []
    for (const pathname of paths) {
      const times: number[] = []
      let bytes = 0
      for (let i = 0; i < warmup + runs; i++) {
        const [answer, t] = await timed(() => request(port, 'GET', pathname, { cookie }))
        if (answer.status !== 200) throw new Error(`${pathname}: ${answer.status}`)
        // the page must show every questionnaire: the total at the top, the CSV a row each
        if (pathname === '/needs/overview' && !answer.body.includes(`data-total-organisations="${count}"`))
          throw new Error(`${pathname} does not count ${count} organisations`)
        if (pathname === '/needs/overview.csv' && answer.body.toString().trimEnd().split('\r\n').length !== count + 1)
          throw new Error(`${pathname} has not ${count} rows`)
        if (i >= warmup) times.push(t)
        bytes = answer.body.length
      }
      times.sort((a, b) => a - b)
      pages.push({ path: pathname, bytes, times })
      log(
        `  GET ${pathname} (${(bytes / 1024).toFixed(0)} KiB), ${runs} after ${warmup} warm-up: median ${ms(median(times))}, ` +
          `p95 ${ms(quantile(times, 0.95))}, max ${ms(times[times.length - 1] ?? Number.NaN)}`,
      )
    }
    return { kind, seedMs, followUps: seeded.followUps, erased: seeded.erased, pages, loadBefore, loadAfter: load() }
  } finally {
    if (child) await stop(child)
    if (admin) {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => {})
      await admin.end()
    }
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true })
  }
}

async function main() {
  const kinds = args.db === 'both' ? (['pglite', 'postgres'] as const) : ([args.db as 'postgres' | 'pglite'] as const)
  const started = performance.now()
  const cpus = os.cpus()
  log(
    `machine: ${cpus.length} × ${cpus[0]?.model}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, ` +
      `load ${os
        .loadavg()
        .map((x) => x.toFixed(1))
        .join(' ')}`,
  )
  const results: Result[] = []
  for (const kind of kinds) results.push(await benchOn(kind))
  log('\n== summary (target: GET /needs/overview under 1 s)')
  for (const r of results) {
    log(`${r.kind}: seed ${s(r.seedMs)}; load ${r.loadBefore} → ${r.loadAfter}`)
    for (const p of r.pages)
      log(
        `  ${p.path}: median ${ms(median(p.times))}, p95 ${ms(quantile(p.times, 0.95))}, max ${ms(p.times[p.times.length - 1] ?? Number.NaN)}`,
      )
  }
  agent.destroy()
  log(`total ${s(performance.now() - started)}`)
  log(`command: npx tsx bench/founders.ts ${process.argv.slice(2).join(' ')}`.trimEnd())
}

if (args.serve) await serveMode(JSON.parse(args.serve) as { databaseUrl?: string; dataDir?: string })
else await main()
