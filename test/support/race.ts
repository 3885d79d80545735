import { sql } from 'kysely'
import type { Db, Trx } from '../../src/db/db.ts'
import { DomainError } from '../../src/platform/errors.ts'

/**
 * Two (or more) transactions racing on PostgreSQL, the race forced as in src/members/concurrency.test.ts: all
 * begin before any works; one that did its work keeps its transaction (and locks) open until every other one is
 * blocked on a lock, holding too, or done. Returns the results and the most transactions seen waiting at once.
 */
export async function race<T>(
  db: Db,
  fns: Array<(trx: Trx) => Promise<T>>,
): Promise<{ results: PromiseSettledResult<T>[]; maxBlocked: number }> {
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

/** The values of the races that went through. */
export function fulfilled<T>(results: PromiseSettledResult<T>[]): T[] {
  return results.filter((r): r is PromiseFulfilledResult<T> => r.status === 'fulfilled').map((r) => r.value)
}

/** The codes (or field message keys) of the refused ones; anything but a DomainError fails the test. */
export function refusals(results: PromiseSettledResult<unknown>[]): string[] {
  return results
    .filter((r): r is PromiseRejectedResult => r.status === 'rejected')
    .map((r) => {
      if (!(r.reason instanceof DomainError)) throw r.reason
      return r.reason.fields[0]?.message ?? r.reason.code
    })
}
