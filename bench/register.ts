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
import os from 'node:os'
import { parseArgs } from 'node:util'
import { benchOn, type Result } from './register-database.ts'
import { agent, log, median, ms, quantile, s } from './register-load.ts'
import { serveMode } from './register-server.ts'

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

/** The command line, as benchOn reads it. */
export type BenchArgs = typeof args

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
  for (const kind of kinds) results.push(await benchOn(kind, args))

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
