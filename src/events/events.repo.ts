import type { Insertable } from 'kysely'
import { sql } from 'kysely'
import type { Executor, Trx } from '../db/db.ts'
import type { EventRegistrationRow, EventRow, EventTable } from '../db/schema-events.ts'
import type { PlainDate } from '../platform/dates.ts'

/** The only Kysely code of events and registrations. */

export async function nextEventNumber(db: Executor): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT nextval('event_ref_seq') AS n`.execute(db)
  return Number(rows[0]?.n)
}

/** Events with their confirmed and waiting counts. */
export function eventsWithCounts(db: Executor) {
  return db
    .selectFrom('event as e')
    .selectAll('e')
    .select([
      sql<number>`(SELECT count(*) FROM event_registration r WHERE r.event_id = e.id AND r.status = 'confirmed')::int8`.as(
        'confirmed',
      ),
      sql<number>`(SELECT count(*) FROM event_registration r WHERE r.event_id = e.id AND r.status = 'waitlisted')::int8`.as(
        'waitlisted',
      ),
    ])
}
export type EventWithCountsRow = EventRow & { confirmed: number; waitlisted: number }

export async function findEventByRef(db: Executor, ref: string): Promise<EventWithCountsRow | undefined> {
  return eventsWithCounts(db).where('e.ref', '=', ref).executeTakeFirst()
}

/**
 * Locks the event row: every registration, cancellation and change of one event runs after the other, so
 * seat counts read under the lock are the truth (no over-booking when two people take the last seat at once).
 */
export async function lockEvent(trx: Trx, where: { ref: string } | { id: string }): Promise<EventRow | undefined> {
  const query = trx.selectFrom('event').selectAll().forUpdate()
  return ('ref' in where ? query.where('ref', '=', where.ref) : query.where('id', '=', where.id)).executeTakeFirst()
}

export async function countsOf(trx: Executor, eventId: string): Promise<{ confirmed: number; waitlisted: number }> {
  const row = await trx
    .selectFrom('event_registration')
    .select([
      sql<number>`count(*) FILTER (WHERE status = 'confirmed')::int8`.as('confirmed'),
      sql<number>`count(*) FILTER (WHERE status = 'waitlisted')::int8`.as('waitlisted'),
    ])
    .where('event_id', '=', eventId)
    .executeTakeFirstOrThrow()
  return { confirmed: Number(row.confirmed), waitlisted: Number(row.waitlisted) }
}

/** The highest waiting-list position given for the event so far (0 when none). */
export async function lastWaitlistPosition(trx: Executor, eventId: string): Promise<number> {
  const row = await trx
    .selectFrom('event_registration')
    .select(sql<number>`coalesce(max(waitlist_position), 0)::int8`.as('n'))
    .where('event_id', '=', eventId)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export async function insertEvent(trx: Trx, values: Insertable<EventTable>) {
  return trx.insertInto('event').values(values).returningAll().executeTakeFirstOrThrow()
}

export async function registrationsOf(db: Executor, eventId: string): Promise<EventRegistrationRow[]> {
  return db
    .selectFrom('event_registration')
    .selectAll()
    .where('event_id', '=', eventId)
    .orderBy(sql`CASE status WHEN 'confirmed' THEN 0 WHEN 'waitlisted' THEN 1 ELSE 2 END`)
    .orderBy('waitlist_position')
    .orderBy('registered_at')
    .orderBy('id')
    .execute()
}

export async function waitingOf(trx: Executor, eventId: string): Promise<EventRegistrationRow[]> {
  return trx
    .selectFrom('event_registration')
    .selectAll()
    .where('event_id', '=', eventId)
    .where('status', '=', 'waitlisted')
    .orderBy('waitlist_position')
    .execute()
}

export async function liveRegistrationByEmail(trx: Executor, eventId: string, email: string) {
  return trx
    .selectFrom('event_registration')
    .select('id')
    .where('event_id', '=', eventId)
    .where(sql`lower(email)`, '=', email.toLowerCase())
    .where('status', '<>', 'cancelled')
    .executeTakeFirst()
}

export async function registrationByTokenHash(db: Executor, tokenHash: string) {
  return db.selectFrom('event_registration').selectAll().where('manage_token_hash', '=', tokenHash).executeTakeFirst()
}

export async function lockRegistration(trx: Trx, id: string) {
  return trx.selectFrom('event_registration').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
}

/** Registrations from one client address since a time (the public limit per address). */
export async function registrationsFromAddress(trx: Executor, ip: string, since: Date): Promise<number> {
  const row = await trx
    .selectFrom('event_registration')
    .select(sql<number>`count(*)::int8`.as('n'))
    .where('ip_address', '=', ip)
    .where('registered_at', '>=', since)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/**
 * The membership that gives the member price on a day: an organisation's or a person's that has begun and not
 * ended (a member who gave notice is a member until the exit date, §65 GenG).
 */
export async function activeMembershipOf(
  db: Executor,
  party: { organisationId: string } | { personId: string },
  today: PlainDate,
): Promise<string | null> {
  let query = db
    .selectFrom('member')
    .select('id')
    .where('joined_on', '<=', today)
    .where((eb) => eb.or([eb('exit_on', 'is', null), eb('exit_on', '>=', today)]))
  query =
    'organisationId' in party
      ? query.where('organisation_id', '=', party.organisationId)
      : query.where('person_id', '=', party.personId)
  const row = await query.orderBy('joined_on', 'desc').executeTakeFirst()
  return row?.id ?? null
}

export async function organisationNames(db: Executor, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map()
  const rows = await db
    .selectFrom('organisation')
    .select(['id', 'name'])
    .where('id', 'in', ids)
    .where('archived_at', 'is', null)
    .execute()
  return new Map(rows.map((r) => [r.id, r.name]))
}
