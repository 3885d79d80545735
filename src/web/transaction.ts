import type { Trx } from '../db/db.ts'
import type { AppContext } from '../platform/context.ts'

/**
 * Runs one use case in one transaction; after the commit the outbox is flushed in the background so
 * mails leave only for changes that were kept.
 */
export async function inTransaction<T>(c: AppContext, fn: (trx: Trx) => Promise<T>): Promise<T> {
  const { db, mailer } = c.get('deps')
  const result = await db.transaction().execute(fn)
  mailer.flush(db).catch(() => {})
  return result
}
