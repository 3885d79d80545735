/**
 * The benchmark on one database: create and migrate it, seed it, admit a handful through the actions, export the
 * register in-process, then serve the app and measure it over HTTP; drop it afterwards.
 */
import type { ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import pg from 'pg'
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
import type { BenchArgs } from './register.ts'
import {
  backendCpu,
  cpuBetween,
  type LoadResult,
  load,
  log,
  mib,
  ms,
  openLoop,
  quantile,
  request,
  s,
  timed,
} from './register-load.ts'
import { forkServer, memoryLine, password, serverMemory, signIn } from './register-server.ts'
// ------------------------------------------------------------------------------------------------ one database

export interface Result {
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

export async function benchOn(kind: 'postgres' | 'pglite', args: BenchArgs): Promise<Result> {
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
    const server = forkServer({ databaseUrl, dataDir }, args.profile)
    child = server.child
    const port = await server.port
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
