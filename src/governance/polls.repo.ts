import { sql } from 'kysely'
import type { Executor, Trx } from '../db/db.ts'
import type { Poll, PollOption } from '../db/schema-governance.ts'

/** The Kysely code of polls: rows in, rows out. */

export async function assemblyById(db: Executor, id: string) {
  return db.selectFrom('assembly').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function assemblyByRef(db: Executor, ref: string) {
  return db.selectFrom('assembly').selectAll().where('ref', '=', ref).executeTakeFirst()
}

export async function pollById(db: Executor, id: string): Promise<Poll | undefined> {
  return db.selectFrom('poll').selectAll().where('id', '=', id).executeTakeFirst()
}

/** Locks the poll for a change of its state; casting holds it FOR SHARE, so a close waits for casts in flight. */
export async function lockPollForUpdate(trx: Trx, id: string): Promise<Poll | undefined> {
  return trx.selectFrom('poll').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
}

export async function lockPollForShare(trx: Trx, id: string): Promise<Poll | undefined> {
  return trx.selectFrom('poll').selectAll().where('id', '=', id).forShare().executeTakeFirst()
}

export async function pollsOf(db: Executor, assemblyId: string): Promise<Poll[]> {
  return db
    .selectFrom('poll')
    .selectAll()
    .where('assembly_id', '=', assemblyId)
    .orderBy('created_at')
    .orderBy('id')
    .execute()
}

export async function optionsOf(db: Executor, pollId: string): Promise<PollOption[]> {
  return db.selectFrom('poll_option').selectAll().where('poll_id', '=', pollId).orderBy('position').execute()
}

export async function exclusionsOf(db: Executor, pollId: string) {
  return db
    .selectFrom('poll_exclusion')
    .innerJoin('member', 'member.id', 'poll_exclusion.member_id')
    .select(['poll_exclusion.member_id', 'poll_exclusion.reason', 'member.number'])
    .where('poll_id', '=', pollId)
    .orderBy('member.number')
    .execute()
}

/** Members on the roll with a vote, not excluded from the poll: who may vote (§43 GenG). */
export async function entitledCount(db: Executor, poll: { id: string; assembly_id: string }): Promise<number> {
  const row = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM assembly_voter v
    WHERE v.assembly_id = ${poll.assembly_id} AND v.votes > 0
      AND NOT EXISTS (SELECT 1 FROM poll_exclusion e WHERE e.poll_id = ${poll.id} AND e.member_id = v.member_id)`.execute(
    db,
  )
  return row.rows[0]!.n
}

export async function castCount(db: Executor, pollId: string): Promise<number> {
  const row = await db
    .selectFrom('vote_cast')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('poll_id', '=', pollId)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** Counts of the open polls of an assembly in one query: for the live counters. */
export async function openCounts(db: Executor, assemblyId: string): Promise<Array<{ id: string; cast: number }>> {
  const { rows } = await sql<{ id: string; cast: number }>`
    SELECT p.id, (SELECT count(*)::int FROM vote_cast c WHERE c.poll_id = p.id) AS cast
    FROM poll p WHERE p.assembly_id = ${assemblyId} AND p.status = 'open' ORDER BY p.created_at, p.id`.execute(db)
  return rows
}

export async function ballotsOf(db: Executor, pollId: string) {
  return db
    .selectFrom('ballot')
    .select(['member_id', 'choices', 'weight', 'receipt'])
    .where('poll_id', '=', pollId)
    .execute()
}

/** Several polls FOR SHARE, in id order (a fixed order: no deadlock between batches). */
export async function lockPollsForShare(trx: Trx, ids: string[]): Promise<Poll[]> {
  return trx.selectFrom('poll').selectAll().where('id', 'in', ids).orderBy('id').forShare().execute()
}

export async function optionsOfPolls(db: Executor, pollIds: string[]): Promise<PollOption[]> {
  return db
    .selectFrom('poll_option')
    .selectAll()
    .where('poll_id', 'in', pollIds)
    .orderBy('poll_id')
    .orderBy('position')
    .execute()
}
