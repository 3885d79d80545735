import { type Insertable, sql, type Updateable } from 'kysely'
import type { Executor } from '../db/db.ts'
import type { BookingTable } from '../db/schema-catalog.ts'
import type { PlainDate } from '../platform/dates.ts'

/** The only Kysely code of orders and bookings. */

export async function nextBookingRef(db: Executor, year: number): Promise<string> {
  const { rows } = await sql<{ n: number }>`SELECT nextval('booking_ref_seq') AS n`.execute(db)
  return `BU-${year}-${String(rows[0]?.n).padStart(5, '0')}`
}

export async function insertBooking(db: Executor, values: Insertable<BookingTable>) {
  return db.insertInto('booking').values(values).returningAll().executeTakeFirstOrThrow()
}

export async function updateBooking(db: Executor, id: string, values: Updateable<BookingTable>) {
  return db.updateTable('booking').set(values).where('id', '=', id).returningAll().executeTakeFirstOrThrow()
}

export async function findBooking(db: Executor, id: string) {
  return db.selectFrom('booking').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function lockBooking(db: Executor, id: string) {
  return db.selectFrom('booking').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
}

export async function findBookingByToken(db: Executor, tokenHash: string) {
  return db.selectFrom('booking').selectAll().where('tracking_token_hash', '=', tokenHash).executeTakeFirst()
}

/** Serialises two orders of one organisation: the second waits until the first has committed. */
export async function lockOrganisationRow(db: Executor, organisationId: string) {
  return db
    .selectFrom('organisation')
    .select(['id', 'name', 'employees', 'volunteers', 'annual_budget_cents', 'archived_at'])
    .where('id', '=', organisationId)
    .forUpdate()
    .executeTakeFirst()
}

export async function organisationRow(db: Executor, organisationId: string) {
  return db
    .selectFrom('organisation')
    .select(['id', 'name', 'employees', 'volunteers', 'annual_budget_cents', 'archived_at'])
    .where('id', '=', organisationId)
    .executeTakeFirst()
}

/**
 * Live bookings (requested, confirmed, cancelled) of the same item by an organisation whose period overlaps
 * [from, until]: what the no-overlap rule (and the trigger of migration 0003) refuses a second one of.
 */
export async function overlappingBookings(
  db: Executor,
  item: { organisationId: string; areaId: string; serviceId: string | null },
  period: { from: PlainDate; until: PlainDate | null },
  except: string[] = [],
) {
  let query = db
    .selectFrom('booking')
    .selectAll()
    .where('organisation_id', '=', item.organisationId)
    .where('area_id', '=', item.areaId)
    .where('status', 'in', ['requested', 'confirmed', 'cancelled'])
    // a booking that ends the day before it starts never runs (and daterange refuses its bounds)
    .where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>=', eb.ref('starts_on'))]))
    .where(
      sql<boolean>`daterange(starts_on, ends_on, '[]') && daterange(${period.from}::date, ${period.until}::date, '[]')`,
    )
  query = item.serviceId ? query.where('service_id', '=', item.serviceId) : query.where('service_id', 'is', null)
  if (except.length > 0) query = query.where('id', 'not in', except)
  return query.execute()
}

/** The organisation's confirmed (or cancelled but still running) flat rate of an area on a day. */
export async function agreedAreaBookingOn(db: Executor, organisationId: string, areaId: string, day: PlainDate) {
  return db
    .selectFrom('booking')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where('area_id', '=', areaId)
    .where('kind', '=', 'flat_rate')
    .where('status', 'in', ['confirmed', 'cancelled'])
    .where('starts_on', '<=', day)
    .where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>=', day)]))
    .executeTakeFirst()
}

/** The primary areas (keys) an organisation books on a day (SQL function of migration 0003). */
export async function bookedPrimaryAreas(db: Executor, organisationId: string, day: PlainDate): Promise<string[]> {
  const { rows } = await sql<{
    keys: string[]
  }>`SELECT booked_primary_areas(${organisationId}::uuid, ${day}::date) AS keys`.execute(db)
  return rows[0]?.keys ?? []
}

/** Further shares the member declared (§15b) that wait for the board. */
export async function declaredSharesWaiting(db: Executor, memberId: string): Promise<number> {
  const row = await db
    .selectFrom('membership_application')
    .select(sql<number>`coalesce(sum(mandatory_shares + voluntary_shares), 0)::int8`.as('n'))
    .where('member_id', '=', memberId)
    .where('status', '=', 'submitted')
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** The membership of an organisation that is active on a day (joined by then, not exited before it). */
export async function membershipOn(db: Executor, organisationId: string, day: PlainDate) {
  return db
    .selectFrom('member')
    .select(['id', 'number', 'joined_on', 'exit_on'])
    .where('organisation_id', '=', organisationId)
    .where('joined_on', '<=', day)
    .where((eb) => eb.or([eb('exit_on', 'is', null), eb('exit_on', '>=', day)]))
    .executeTakeFirst()
}

/** Pending changes (requested bookings that replace this one). */
export async function pendingChangesOf(db: Executor, bookingId: string) {
  return db
    .selectFrom('booking')
    .selectAll()
    .where('replaces_id', '=', bookingId)
    .where('status', '=', 'requested')
    .execute()
}

export async function shareApplicationRow(db: Executor, id: string) {
  return db
    .selectFrom('membership_application')
    .select(['id', 'ref', 'status', 'mandatory_shares', 'voluntary_shares', 'submitted_at', 'decided_at'])
    .where('id', '=', id)
    .executeTakeFirst()
}

/** Journal entries about one booking, oldest first (its history). */
export async function bookingJournal(db: Executor, bookingId: string) {
  return db
    .selectFrom('audit_entry')
    .select(['seq', 'at', 'actor_label', 'action', 'reason', 'after'])
    .where('subject_type', '=', 'booking')
    .where('subject_id', '=', bookingId)
    .orderBy('seq')
    .execute()
}

export async function priceNoticesOf(db: Executor, bookingId: string) {
  return db
    .selectFrom('price_change_notice as n')
    .innerJoin('price_version as v', 'v.id', 'n.price_version_id')
    .select(['n.price_version_id', 'n.recipients', 'n.notified_at', 'v.valid_from'])
    .where('n.booking_id', '=', bookingId)
    .orderBy('v.valid_from')
    .execute()
}
