import { sql } from 'kysely'
import type { Db, Trx } from '../../src/db/db.ts'
import { DomainError } from '../../src/platform/errors.ts'

/**
 * Races for the PostgreSQL concurrency tests: two people doing the same thing at the same moment, each in its own
 * transaction. PGlite runs a single connection, so its transactions never overlap.
 */

type Settled<T> = PromiseSettledResult<T>

/**
 * Runs each function in a transaction of its own. All begin before any does its work; one that finished its
 * work (or failed) holds its transaction open until every other one is blocked on a lock, holding too, or
 * done, so a transaction that got a lock first keeps it while the others queue behind it. Returns the results
 * and the most transactions seen waiting on a lock at once.
 */
export async function raceTransactions<T>(
  db: Db,
  fns: Array<(trx: Trx) => Promise<T>>,
): Promise<{ results: Settled<T>[]; maxBlocked: number }> {
  const n = fns.length
  let arrived = 0
  let holding = 0
  let finished = 0
  let blocked = 0
  let maxBlocked = 0
  let start!: () => void
  const started = new Promise<void>((resolve) => {
    start = resolve
  })
  const monitor = (async () => {
    while (finished < n) {
      const { rows } = await sql<{ n: number }>`
        SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND wait_event_type = 'Lock'`.execute(db)
      blocked = rows[0]!.n
      maxBlocked = Math.max(maxBlocked, blocked)
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
  })()
  const results = await Promise.allSettled(
    fns.map(async (fn) => {
      try {
        return await db.transaction().execute(async (trx) => {
          await sql`SELECT 1`.execute(trx)
          if (++arrived === n) start()
          await started
          try {
            return await fn(trx)
          } finally {
            holding++
            const until = Date.now() + 20_000
            while (blocked + holding + finished < n && Date.now() < until)
              await new Promise((resolve) => setTimeout(resolve, 5))
            holding--
          }
        })
      } finally {
        finished++
      }
    }),
  )
  await monitor
  return { results, maxBlocked }
}

export function fulfilled<T>(results: Settled<T>[]): T[] {
  return results.filter((r): r is PromiseFulfilledResult<T> => r.status === 'fulfilled').map((r) => r.value)
}

/** The codes of the refused ones; anything but a DomainError fails the test. */
export function refusals(results: Settled<unknown>[]): string[] {
  return results
    .filter((r): r is PromiseRejectedResult => r.status === 'rejected')
    .map((r) => {
      if (!(r.reason instanceof DomainError)) throw r.reason
      return r.reason.fields[0]?.message ?? r.reason.code
    })
}
