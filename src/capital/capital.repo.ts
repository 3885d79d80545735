import type { Insertable } from 'kysely'
import { sql } from 'kysely'
import type { Executor } from '../db/db.ts'
import type { CapitalTransactionTable, ShareTransactionTable } from '../db/schema.ts'

export async function insertShareTx(db: Executor, values: Insertable<ShareTransactionTable>) {
  return db.insertInto('share_transaction').values(values).returningAll().executeTakeFirstOrThrow()
}

export async function insertCapitalTx(db: Executor, values: Insertable<CapitalTransactionTable>) {
  return db.insertInto('capital_transaction').values(values).returningAll().executeTakeFirstOrThrow()
}

export async function findShareTx(db: Executor, id: string) {
  return db.selectFrom('share_transaction').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function findCapitalTx(db: Executor, id: string) {
  return db.selectFrom('capital_transaction').selectAll().where('id', '=', id).executeTakeFirst()
}

/** Share count per member as of a date, for many members at once (register exports). */
export async function shareCountsAsOf(db: Executor, asOf: string, memberIds?: string[]) {
  let query = db
    .selectFrom('share_transaction')
    .select(['member_id', sql<number>`sum(shares)::int8`.as('shares')])
    .where('effective_on', '<=', asOf)
    .groupBy('member_id')
  if (memberIds) {
    if (memberIds.length === 0) return new Map<string, number>()
    query = query.where('member_id', 'in', memberIds)
  }
  const rows = await query.execute()
  return new Map(rows.map((r) => [r.member_id, Number(r.shares)]))
}
