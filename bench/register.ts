/**
 * The member register at scale (issue 3): 10,000 members with 200,000 share and capital transactions.
 * Targets: the register export as of a date under 5 s; the member dashboard p99 under 50 ms at 100 requests/s.
 *
 * Per database (PostgreSQL by default: a fresh database allmende_bench_<random> on 127.0.0.1:5432, created,
 * migrated and dropped here; PGlite with --db=pglite or --db=both, in a temporary data directory):
 *  1. seed in bulk (test/load/seed-register.ts; the ledger triggers check every row) and time it;
 *  2. admit a handful through the real actions and compare their rows with the bulk rows;
 *  3. export the register as of --as-of in-process (registerAsOf, registerCsv, registerListPdf), median of --runs;
 *  4. serve the real app in a child process (createApp + @hono/node-server on 127.0.0.1), sign org admins in,
 *     time GET /register.csv and /register.pdf as the board, then drive GET /membership (the member's dashboard)
 *     open-loop at --rate requests/s for --seconds (after --warmup seconds): requests leave on a fixed timetable
 *     whatever the answers do, and latency counts from the scheduled instant; the server's RSS is sampled.
 *
 * Run: npx tsx bench/register.ts [--db=postgres|pglite|both] [--members=10000] [--ledger=200000]
 *      [--as-of=2026-06-30] [--runs=3] [--rate=100] [--seconds=30] [--warmup=5] [--pg=postgres://postgres@127.0.0.1:5432/postgres]
 */
import { type ChildProcess, fork } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import { serve } from '@hono/node-server'
import { sql } from 'kysely'
import pg from 'pg'
import { createApp } from '../src/app.tsx'
import { loadActor } from '../src/auth/actor.repo.ts'
import { recordPayment } from '../src/capital/ledger.actions.ts'
import { createDb, type DbHandle } from '../src/db/db.ts'
import { migrate } from '../src/db/migrate.ts'
import { registerListPdf } from '../src/documents/member-documents.ts'
import { cooperativeInfo } from '../src/members/cooperative.ts'
import { registerRowTexts } from '../src/members/documents.actions.ts'
import { memberDashboard, registerAsOf } from '../src/members/register.actions.ts'
import { registerCsv } from '../src/members/register-csv.ts'
import { createAccount } from '../src/people/accounts.actions.ts'
import { systemActor } from '../src/platform/actor.ts'
import { systemClock } from '../src/platform/clock.ts'
import { loadConfig } from '../src/platform/config.ts'
import type { Deps } from '../src/platform/context.ts'
import { todayIn } from '../src/platform/dates.ts'
import { createMailer } from '../src/platform/mail.ts'
import { seedRegister } from '../test/load/seed-register.ts'
import { admitMember } from '../test/support/members.ts'

const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: 'postgres' },
    members: { type: 'string', default: '10000' },
    ledger: { type: 'string', default: '200000' },
    'as-of': { type: 'string', default: '2026-06-30' },
    runs: { type: 'string', default: '3' },
    rate: { type: 'string', default: '100' },
    seconds: { type: 'string', default: '30' },
    warmup: { type: 'string', default: '5' },
    admins: { type: 'string', default: '10' },
    pg: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
    serve: { type: 'string' },
    /** write a V8 CPU profile of the server process into this directory */
    profile: { type: 'string' },
    /** leave the seeded PostgreSQL database in place (for EXPLAIN ANALYZE); drop it by hand afterwards */
    keep: { type: 'boolean', default: false },
    /** further open-loop phases of 15 s at these rates (comma-separated), e.g. to find what PGlite sustains */
    'extra-rates': { type: 'string', default: '' },
    /** only the dashboard (no in-process or HTTP export) */
    'skip-export': { type: 'boolean', default: false },
  },
})

const password = 'Bench-Register-2026!'
const log = (line: string) => process.stdout.write(`${line}\n`)

// ------------------------------------------------------------------------------------------------ the server

/** The child process: the real app over the seeded database, on a random port of 127.0.0.1. */
async function serveMode(target: { databaseUrl?: string; dataDir?: string }) {
  const handle = await createDb(target)
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    ALLMENDE_DEMO: '0',
    BASE_URL: 'http://127.0.0.1:3000',
  })
  const mailer = createMailer({ from: config.mailFrom, log: () => {} })
  const deps: Deps = { handle, db: handle.db, config, mailer, clock: systemClock }
  const app = createApp(deps)
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
    process.send?.({ port: info.port }),
  )
  const delay = monitorEventLoopDelay({ resolution: 5 })
  delay.enable()
  process.on('message', async (message) => {
    if (message === 'memory') {
      const eld = { p99: delay.percentile(99) / 1e6, max: delay.max / 1e6 }
      delay.reset()
      process.send?.({ memory: process.memoryUsage(), eld })
      return
    }
    if (message !== 'stop') return
    server.close()
    await handle.close()
    process.exit(0)
  })
}

// ------------------------------------------------------------------------------------------------ measuring

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN
const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN
const ms = (x: number) => `${x.toFixed(x < 10 ? 1 : 0)} ms`
const s = (x: number) => `${(x / 1000).toFixed(2)} s`
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`
const load = () => os.loadavg()[0]!.toFixed(1)

async function timed<T>(f: () => Promise<T> | T): Promise<[T, number]> {
  const started = performance.now()
  const value = await f()
  return [value, performance.now() - started]
}

// Free sockets are dropped after 3 s, before the server's keep-alive timeout of 5 s can race a request on them.
const agent = new http.Agent({ keepAlive: true, maxSockets: 256, timeout: 3000 })

interface Answer {
  status: number
  body: Buffer
  headers: http.IncomingHttpHeaders
}

function request(
  port: number,
  method: string,
  pathname: string,
  headers: http.OutgoingHttpHeaders = {},
  body?: string,
) {
  return new Promise<Answer>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: pathname, headers, agent }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), headers: res.headers }))
      res.on('error', reject)
    })
    req.on('error', reject)
    if (body) req.end(body)
    else req.end()
  })
}

function cookiesOf(answer: Answer, jar: Map<string, string>) {
  for (const line of answer.headers['set-cookie'] ?? []) {
    const [pair = ''] = line.split(';')
    const eq = pair.indexOf('=')
    jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim())
  }
}
const cookieHeader = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join('; ')

/** Signs in through the login form, as a browser does; returns the cookie header of the session. */
async function signIn(port: number, email: string): Promise<string> {
  const jar = new Map<string, string>()
  const page = await request(port, 'GET', '/login')
  cookiesOf(page, jar)
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body.toString())?.[1]
  if (!csrf) throw new Error('no CSRF token on /login')
  const form = new URLSearchParams({ _csrf: csrf, email, password, next: '/' }).toString()
  const answer = await request(
    port,
    'POST',
    '/login',
    { 'content-type': 'application/x-www-form-urlencoded', cookie: cookieHeader(jar) },
    form,
  )
  cookiesOf(answer, jar)
  if (answer.status !== 303 || !jar.has('allmende_session')) throw new Error(`sign-in of ${email}: ${answer.status}`)
  return cookieHeader(jar)
}

function procStatus(pid: number): { rss: number; hwm: number } {
  const text = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
  const kib = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(text)?.[1] ?? 0) * 1024
  return { rss: kib('VmRSS'), hwm: kib('VmHWM') }
}

/** The server's own view of its memory: V8 heap and external buffers (RSS also holds freed pages not returned). */
function serverMemory(child: ChildProcess): Promise<NodeJS.MemoryUsage & { eld: { p99: number; max: number } }> {
  return new Promise((resolve) => {
    const listen = (m: unknown) => {
      if (typeof m === 'object' && m && 'memory' in m) {
        child.off('message', listen)
        const { memory, eld } = m as { memory: NodeJS.MemoryUsage; eld: { p99: number; max: number } }
        resolve({ ...memory, eld })
      }
    }
    child.on('message', listen)
    child.send('memory')
  })
}
const memoryLine = (pid: number, m: NodeJS.MemoryUsage) =>
  `RSS ${mib(procStatus(pid).rss)} (heap used ${mib(m.heapUsed)} of ${mib(m.heapTotal)}, external ${mib(m.external)})`

/** CPU seconds used so far by the PostgreSQL backends serving one database, per backend pid. */
async function backendCpu(admin: pg.Client | undefined, database: string): Promise<Map<number, number>> {
  const out = new Map<number, number>()
  if (!admin) return out
  const { rows } = await admin.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1', [database])
  for (const { pid } of rows)
    try {
      out.set(pid, cpuSeconds(pid))
    } catch {} // gone meanwhile
  return out
}
const cpuBetween = (before: Map<number, number>, after: Map<number, number>) =>
  [...after].reduce((sum, [pid, cpu]) => sum + cpu - (before.get(pid) ?? 0), 0)

/** CPU seconds (user + system) a process has used so far. */
function cpuSeconds(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
  return (Number(fields[11]) + Number(fields[12])) / 100
}

interface LoadResult {
  sent: number
  ok: number
  errors: number
  statuses: Record<string, number>
  latencies: number[]
  /** how late the driver sent compared with the timetable, worst case */
  maxSendLag: number
  rssMax: number
  rssEnd: number
  hwm: number
  serverCpu: number
  seconds: number
  firstError: string | undefined
}

/**
 * Open loop: request i leaves at start + i / rate whatever happened to the earlier ones; its latency counts from
 * that scheduled instant to the last byte of the answer (so a stalled server cannot hide its queue).
 */
async function openLoop(
  port: number,
  pid: number,
  rate: number,
  seconds: number,
  next: (i: number) => { path: string; cookie: string; expect: string },
): Promise<LoadResult> {
  const total = Math.round(rate * seconds)
  const latencies: number[] = []
  const statuses: Record<string, number> = {}
  let errors = 0
  let firstError: string | undefined
  let maxSendLag = 0
  let rssMax = 0
  const sampler = setInterval(() => {
    rssMax = Math.max(rssMax, procStatus(pid).rss)
  }, 250)
  const cpuBefore = cpuSeconds(pid)
  const start = performance.now() + 20
  const inFlight: Array<Promise<void>> = []
  for (let i = 0; i < total; i++) {
    const at = start + (i * 1000) / rate
    const wait = at - performance.now()
    if (wait > 0) await new Promise((r) => setTimeout(r, wait))
    maxSendLag = Math.max(maxSendLag, performance.now() - at)
    const { path: pathname, cookie, expect } = next(i)
    inFlight.push(
      request(port, 'GET', pathname, { cookie })
        .then((answer) => {
          const key = String(answer.status)
          statuses[key] = (statuses[key] ?? 0) + 1
          if (answer.status !== 200 || !answer.body.includes(expect)) {
            errors++
            if (!firstError)
              firstError = `${answer.status} ${answer.body.toString().replace(/\s+/g, ' ').slice(0, 300)}`
          } else latencies.push(performance.now() - at)
        })
        .catch((error: Error) => {
          firstError ??= error.message
          statuses[error.message] = (statuses[error.message] ?? 0) + 1
          errors++
        }),
    )
  }
  await Promise.all(inFlight)
  const elapsed = (performance.now() - start) / 1000
  clearInterval(sampler)
  const end = procStatus(pid)
  return {
    sent: total,
    ok: latencies.length,
    errors,
    statuses,
    latencies: latencies.sort((a, b) => a - b),
    maxSendLag,
    rssMax: Math.max(rssMax, end.rss),
    rssEnd: end.rss,
    hwm: end.hwm,
    serverCpu: (cpuSeconds(pid) - cpuBefore) / elapsed,
    seconds: elapsed,
    firstError,
  }
}

// ------------------------------------------------------------------------------------------------ one database

interface Result {
  kind: 'postgres' | 'pglite'
  seedMs: number
  seedTimings: Record<string, number>
  counts: Record<string, number>
  shape: string[]
  exportRows: number
  query: number[]
  csv: number[]
  pdf: number[]
  csvBytes: number
  pdfBytes: number
  httpCsv: number[]
  httpPdf: number[]
  dashboardPath: string
  dashboard: LoadResult
  sequential: number[]
  stalls: string
  extra: Array<{ rate: number; result: LoadResult }>
  mixed: { result: LoadResult; pdfMs: number } | undefined
  memory: { start: string; afterExport: string; afterLoad: string }
  loadBefore: string
  loadAfter: string
}

/** NULL columns per row, grouped by kind or status: a row the actions write must look like some bulk row. */
async function compareShapes(handle: DbHandle, real: { memberIds: string[] }): Promise<string[]> {
  const problems: string[] = []
  const tables: Array<[string, string, string]> = [
    ['member', 'id', "coalesce(exit_reason, 'open')"],
    ['share_transaction', 'member_id', 'kind'],
    ['capital_transaction', 'member_id', 'kind'],
    ['membership_application', 'member_id', "kind || '/' || status"],
  ]
  for (const [table, key, group] of tables) {
    const { rows } = await sql<{ real: boolean; grp: string; pattern: string; n: number }>`
      SELECT ${sql.ref(key)} = ANY(${real.memberIds}::uuid[]) AS real, ${sql.raw(group)} AS grp,
        (SELECT string_agg(k, ',' ORDER BY k) FROM jsonb_each(to_jsonb(t)) AS j(k, v) WHERE v = 'null'::jsonb) AS pattern,
        count(*)::int AS n
      FROM ${sql.table(table)} t GROUP BY 1, 2, 3`.execute(handle.db)
    const bulk = new Set(rows.filter((r) => !r.real).map((r) => `${r.grp}|${r.pattern ?? ''}`))
    for (const r of rows.filter((x) => x.real))
      if (!bulk.has(`${r.grp}|${r.pattern ?? ''}`))
        problems.push(`${table} ${r.grp}: NULL in (${r.pattern ?? ''}) only in rows of the actions`)
  }
  return problems
}

async function benchOn(kind: 'postgres' | 'pglite'): Promise<Result> {
  const members = Number(args.members)
  const ledgerRows = Number(args.ledger)
  const asOf = args['as-of']!
  const runs = Number(args.runs)
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
  } else dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'allmende-bench-pglite-'))
  let child: ChildProcess | undefined
  try {
    log(`\n== ${kind === 'postgres' ? `PostgreSQL (database ${name})` : `PGlite (${dataDir})`}`)
    const handle = await createDb({ databaseUrl, dataDir, poolSize: 4 })
    await migrate(handle)
    const today = todayIn(new Date())
    const [seeded, seedMs] = await timed(() => seedRegister(handle.db, { members, ledgerRows, today, log }))
    log(`  seeded in ${s(seedMs)} (load ${load()})`)

    // a handful through the real actions: submit and admit, then a payment; their rows must look like the bulk rows
    const config = loadConfig({ PORT: '3000', LOG_LEVEL: 'silent', ALLMENDE_DEMO: '0' })
    const deps: Deps = {
      handle,
      db: handle.db,
      config,
      mailer: createMailer({ from: 'bench@localhost', log: () => {} }),
      clock: systemClock,
    }
    const realIds: string[] = []
    for (let i = 0; i < 5; i++) {
      const overrides =
        i < 3
          ? { organisationName: `Bench-Verein ${i} e.V.`, email: `bench${i}@verein.example`, voluntaryShares: i }
          : {
              memberType: 'supporting',
              organisationName: '',
              givenName: 'Bench',
              familyName: `Person ${i}`,
              email: `bench${i}@person.example`,
              primaryAreas: [],
            }
      const { member } = await admitMember(deps, overrides)
      realIds.push(member.id)
      const dash = await memberDashboard(handle.db, systemActor('bench'), member.id, deps)
      await handle.db
        .transaction()
        .execute((trx) =>
          recordPayment(
            trx,
            systemActor('bench'),
            member.id,
            { amountCents: dash.ledger.owedNowCents, receivedOn: today, reference: `${member.number} Überweisung` },
            deps,
          ),
        )
    }
    const shape = await compareShapes(handle, { memberIds: realIds })
    log(
      `  5 members admitted through the actions: ${shape.length === 0 ? 'their rows look like the bulk rows' : shape.join('; ')}`,
    )

    // accounts: one board member, and admins of active member organisations
    const actor = systemActor('bench')
    const orgs = seeded.activeOrganisationMembers
    const adminCount = Math.min(Number(args.admins), orgs.length)
    const picked = Array.from({ length: adminCount }, (_, i) => orgs[Math.floor((i * orgs.length) / adminCount)]!)
    const boardId = await handle.db.transaction().execute(async (trx) => {
      const board = await createAccount(
        trx,
        actor,
        {
          email: 'board@bench.example',
          givenName: 'Bench',
          familyName: 'Board',
          password,
          roles: ['board'],
          emailVerified: true,
        },
        deps,
      )
      for (const [i, m] of picked.entries())
        await createAccount(
          trx,
          actor,
          {
            email: `admin${i}@bench.example`,
            givenName: 'Admin',
            familyName: `Nr ${i}`,
            password,
            emailVerified: true,
            organisations: [{ id: m.organisationId, functions: ['admin'] }],
          },
          deps,
        )
      return board.accountId
    })
    const board = await loadActor(handle.db, boardId)
    if (!board) throw new Error('no board actor')

    // the export in-process: the query, then CSV and PDF from its rows
    const query: number[] = []
    const csv: number[] = []
    const pdf: number[] = []
    let exportRows = 0
    let csvBytes = 0
    let pdfBytes = 0
    const cooperative = await cooperativeInfo(handle.db)
    for (let run = 0; run < (args['skip-export'] ? 0 : runs); run++) {
      const [rows, q] = await timed(() => registerAsOf(handle.db, board, asOf))
      const [text, c] = await timed(() => registerCsv(asOf, rows, 'de'))
      const [file, p] = await timed(() =>
        registerListPdf(
          {
            cooperative,
            asOf,
            rows: rows.map((row) => ({ ...row, ...registerRowTexts(row, 'de') })),
            issuedAt: new Date(),
          },
          'de',
        ),
      )
      query.push(q)
      csv.push(c)
      pdf.push(p)
      exportRows = rows.length
      csvBytes = Buffer.byteLength(text)
      pdfBytes = file.length
      log(`  export run ${run + 1}: registerAsOf ${ms(q)} (${rows.length} rows), CSV ${ms(c)}, PDF ${ms(p)}`)
    }
    await handle.close()

    // the server in its own process, so the load driver does not share its event loop
    child = fork(import.meta.filename, ['--serve', JSON.stringify({ databaseUrl, dataDir })], {
      cwd: path.resolve(import.meta.dirname, '..'),
      execArgv: [
        '--import',
        'tsx',
        ...(args.profile ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(args.profile)}`] : []),
      ],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    const port = await new Promise<number>((resolve, reject) => {
      child!.once('message', (m) => resolve((m as { port: number }).port))
      child!.once('exit', (code) => reject(new Error(`server exited with ${code}`)))
    })
    const pid = child.pid!
    const boardCookie = await signIn(port, 'board@bench.example')
    const sessions: Array<{ cookie: string; member: (typeof picked)[number] }> = []
    for (const [i, m] of picked.entries())
      sessions.push({ cookie: await signIn(port, `admin${i}@bench.example`), member: m })
    const memoryStart = memoryLine(pid, await serverMemory(child))
    log(`  server pid ${pid} on port ${port}; ${sessions.length} org admins and the board signed in; ${memoryStart}`)

    // the member's dashboard: an org admin's /membership shows its one membership with ledger and documents
    const dashboardPath = '/membership'
    for (const session of sessions) {
      const answer = await request(port, 'GET', dashboardPath, { cookie: session.cookie })
      if (answer.status !== 200 || !answer.body.includes(session.member.number))
        throw new Error(`${dashboardPath} for ${session.member.number}: ${answer.status}`)
    }
    // one request at a time first: what a request costs on a server that has nothing else to do
    const sequential: number[] = []
    for (let i = 0; i < 50; i++) {
      const session = sessions[i % sessions.length]!
      const [, t] = await timed(() => request(port, 'GET', dashboardPath, { cookie: session.cookie }))
      sequential.push(t)
    }
    sequential.sort((a, b) => a - b)
    log(
      `  GET ${dashboardPath} one at a time (50): p50 ${ms(quantile(sequential, 0.5))}, p95 ${ms(quantile(sequential, 0.95))}`,
    )
    const rate = Number(args.rate)
    const next = (i: number) => {
      const session = sessions[i % sessions.length]!
      return { path: dashboardPath, cookie: session.cookie, expect: session.member.number }
    }
    await openLoop(port, pid, rate, Number(args.warmup), next)
    await serverMemory(child) // resets the server's event-loop delay histogram
    const loadBefore = load()
    const pgBefore = await backendCpu(admin, name)
    const dashboard = await openLoop(port, pid, rate, Number(args.seconds), next)
    const pgCpu = cpuBetween(pgBefore, await backendCpu(admin, name)) / dashboard.seconds
    const loadAfter = load()
    const l = dashboard.latencies
    log(
      `  GET ${dashboardPath} at ${rate}/s for ${dashboard.seconds.toFixed(1)} s: ${dashboard.sent} sent, ${dashboard.errors} errors; ` +
        `p50 ${ms(quantile(l, 0.5))}, p95 ${ms(quantile(l, 0.95))}, p99 ${ms(quantile(l, 0.99))}, max ${ms(l[l.length - 1] ?? Number.NaN)}; ` +
        `server RSS ${mib(dashboard.rssEnd)} (max ${mib(dashboard.rssMax)}), CPU ${(dashboard.serverCpu * 100).toFixed(0)} % of a core; load ${loadBefore} → ${loadAfter}`,
    )
    const afterLoad = await serverMemory(child)
    const memoryAfterLoad = memoryLine(pid, afterLoad)
    const stalls =
      `server event-loop delay p99 ${ms(afterLoad.eld.p99)}, max ${ms(afterLoad.eld.max)}; load driver late by up to ${ms(dashboard.maxSendLag)}` +
      (admin ? `; PostgreSQL backends ${(pgCpu * 100).toFixed(0)} % of a core` : '')
    log(`  after the load: ${memoryAfterLoad}; ${stalls}`)
    const extra: Array<{ rate: number; result: LoadResult }> = []
    for (const extraRate of (args['extra-rates'] ?? '').split(',').filter(Boolean).map(Number)) {
      await new Promise((r) => setTimeout(r, 2000))
      const result = await openLoop(port, pid, extraRate, 15, next)
      extra.push({ rate: extraRate, result })
      const e = result.latencies
      log(
        `  GET ${dashboardPath} at ${extraRate}/s for 15 s: ${result.errors} errors, p50 ${ms(quantile(e, 0.5))}, ` +
          `p99 ${ms(quantile(e, 0.99))}, max ${ms(e[e.length - 1] ?? Number.NaN)}, server CPU ${(result.serverCpu * 100).toFixed(0)} %`,
      )
    }
    const httpCsv: number[] = []
    const httpPdf: number[] = []
    for (let run = 0; run < (args['skip-export'] ? 0 : runs); run++) {
      const [a, tc] = await timed(() => request(port, 'GET', `/register.csv?at=${asOf}`, { cookie: boardCookie }))
      const [b, tp] = await timed(() => request(port, 'GET', `/register.pdf?at=${asOf}`, { cookie: boardCookie }))
      if (a.status !== 200 || b.status !== 200) throw new Error(`register export over HTTP: ${a.status} / ${b.status}`)
      httpCsv.push(tc)
      httpPdf.push(tp)
      log(
        `  GET /register.csv ${ms(tc)} (${a.body.length} bytes), GET /register.pdf ${ms(tp)} (${b.body.length} bytes)`,
      )
    }

    const memoryAfterExport = memoryLine(pid, await serverMemory(child))
    log(`  after the exports: ${memoryAfterExport}`)

    // the same load while the board downloads the register as PDF: rendering it holds the event loop
    let mixed: { result: LoadResult; pdfMs: number } | undefined
    if (!args['skip-export']) {
      const during = openLoop(port, pid, rate, 10, next)
      await new Promise((r) => setTimeout(r, 3000))
      const [, pdfMs] = await timed(() => request(port, 'GET', `/register.pdf?at=${asOf}`, { cookie: boardCookie }))
      mixed = { result: await during, pdfMs }
      const m = mixed.result.latencies
      log(
        `  GET ${dashboardPath} at ${rate}/s for 10 s with one GET /register.pdf (${ms(pdfMs)}) after 3 s: ` +
          `p50 ${ms(quantile(m, 0.5))}, p99 ${ms(quantile(m, 0.99))}, max ${ms(m[m.length - 1] ?? Number.NaN)}, ${mixed.result.errors} errors`,
      )
    }
    if (dashboard.errors > 0)
      log(`  answers: ${JSON.stringify(dashboard.statuses)}; first error: ${dashboard.firstError}`)
    return {
      kind,
      seedMs,
      seedTimings: seeded.timings,
      counts: seeded.counts,
      shape,
      exportRows,
      query,
      csv,
      pdf,
      csvBytes,
      pdfBytes,
      httpCsv,
      httpPdf,
      dashboardPath,
      dashboard,
      sequential,
      stalls,
      extra,
      mixed,
      memory: { start: memoryStart, afterExport: memoryAfterExport, afterLoad: memoryAfterLoad },
      loadBefore,
      loadAfter,
    }
  } finally {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child!.once('exit', r))
      child.send('stop')
      await exited
    }
    if (admin) {
      if (args.keep) log(`  kept: ${databaseUrl}`)
      else await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
      await admin.end()
    }
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true })
  }
}

// ------------------------------------------------------------------------------------------------ main

async function main() {
  const kinds = args.db === 'both' ? (['postgres', 'pglite'] as const) : ([args.db as 'postgres' | 'pglite'] as const)
  const started = performance.now()
  const cpus = os.cpus()
  log(
    `machine: ${cpus.length} × ${cpus[0]?.model}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, load ${os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
  )
  log(`register: ${args.members} members, ${args.ledger} ledger rows; export as of ${args['as-of']}`)
  const results: Result[] = []
  for (const kind of kinds) results.push(await benchOn(kind))

  log('\n== summary')
  for (const r of results) {
    const d = r.dashboard
    const l = d.latencies
    const ledger = (r.seedTimings.share_transaction ?? 0) + (r.seedTimings.capital_transaction ?? 0)
    log(`${r.kind}:`)
    log(
      `  seed: ${s(r.seedMs)} in all (ledger ${s(ledger)} for ${(r.counts.share_transaction ?? 0) + (r.counts.capital_transaction ?? 0)} rows through the triggers)`,
    )
    if (r.query.length > 0) {
      log(
        `  export as of ${args['as-of']} (${r.exportRows} rows), median of ${r.query.length}: registerAsOf ${ms(median(r.query))}, ` +
          `CSV ${ms(median(r.csv))} (${(r.csvBytes / 1024).toFixed(0)} KiB), PDF ${ms(median(r.pdf))} (${(r.pdfBytes / 1024).toFixed(0)} KiB); ` +
          `query + CSV ${ms(median(r.query) + median(r.csv))}, query + PDF ${ms(median(r.query) + median(r.pdf))}  (target < 5 s)`,
      )
      log(
        `  over HTTP as the board: GET /register.csv ${ms(median(r.httpCsv))}, GET /register.pdf ${ms(median(r.httpPdf))}`,
      )
    }
    log(
      `  dashboard GET ${r.dashboardPath} one at a time: p50 ${ms(quantile(r.sequential, 0.5))}, p95 ${ms(quantile(r.sequential, 0.95))}`,
    )
    log(
      `  dashboard GET ${r.dashboardPath} at ${args.rate}/s for ${args.seconds} s: ${d.sent} requests, ${d.errors} errors, ` +
        `p50 ${ms(quantile(l, 0.5))}, p95 ${ms(quantile(l, 0.95))}, p99 ${ms(quantile(l, 0.99))}, max ${ms(l[l.length - 1] ?? Number.NaN)}  (target p99 < 50 ms); ` +
        `server CPU ${(d.serverCpu * 100).toFixed(0)} % of a core; machine load ${r.loadBefore} → ${r.loadAfter}`,
    )
    log(`  ${r.stalls}`)
    for (const { rate, result } of r.extra) {
      const e = result.latencies
      log(
        `  dashboard at ${rate}/s for 15 s: ${result.errors} errors, p50 ${ms(quantile(e, 0.5))}, p99 ${ms(quantile(e, 0.99))}, max ${ms(e[e.length - 1] ?? Number.NaN)}, server CPU ${(result.serverCpu * 100).toFixed(0)} %`,
      )
    }
    if (r.mixed) {
      const m = r.mixed.result.latencies
      log(
        `  dashboard while one register PDF renders (${ms(r.mixed.pdfMs)}): p50 ${ms(quantile(m, 0.5))}, p99 ${ms(quantile(m, 0.99))}, max ${ms(m[m.length - 1] ?? Number.NaN)}`,
      )
    }
    log(`  server memory: signed in ${r.memory.start}`)
    log(`                 after the dashboard load ${r.memory.afterLoad}`)
    if (r.query.length > 0) log(`                 after the HTTP exports ${r.memory.afterExport}`)
  }
  agent.destroy()
  log(`total ${s(performance.now() - started)}`)
  log(`command: npx tsx bench/register.ts ${process.argv.slice(2).join(' ')}`.trimEnd())
}

if (args.serve) await serveMode(JSON.parse(args.serve) as { databaseUrl?: string; dataDir?: string })
else await main()
