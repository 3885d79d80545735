import { sql } from 'kysely'
import type { Executor } from '../db/db.ts'
import type { MemberRow } from '../db/schema.ts'
import type { PlainDate } from '../platform/dates.ts'

export async function nextMemberNumber(db: Executor): Promise<string> {
  const { rows } = await sql<{ n: number }>`SELECT nextval('member_number_seq') AS n`.execute(db)
  return `M-${String(rows[0]?.n).padStart(5, '0')}`
}

export async function nextApplicationRef(db: Executor, year: number): Promise<string> {
  const { rows } = await sql<{ n: number }>`SELECT nextval('membership_application_ref_seq') AS n`.execute(db)
  return `B-${year}-${String(rows[0]?.n).padStart(5, '0')}`
}

/**
 * A member with the name and address of whoever holds the membership (organisation or person), and the primary
 * service areas its organisation books on `on` (from the bookings: they raise the mandatory shares that day).
 */
export function memberWithParty(db: Executor, on: PlainDate) {
  return db
    .selectFrom('member as m')
    .leftJoin('organisation as o', 'o.id', 'm.organisation_id')
    .leftJoin('person as p', 'p.id', 'm.person_id')
    .selectAll('m')
    .select([
      sql<string>`coalesce(o.name, p.given_name || ' ' || p.family_name)`.as('party_name'),
      sql<string>`coalesce(o.street, p.street)`.as('party_street'),
      sql<string>`coalesce(o.postal_code, p.postal_code)`.as('party_postal_code'),
      sql<string>`coalesce(o.city, p.city)`.as('party_city'),
      sql<string>`coalesce(o.country, p.country)`.as('party_country'),
      sql<string | null>`coalesce(o.email, p.email)`.as('party_email'),
      'o.employees as org_employees',
      'o.annual_budget_cents as org_budget_cents',
      sql<string[]>`booked_primary_areas(m.organisation_id, ${on}::date)`.as('primary_areas'),
    ])
}
export type MemberWithPartyRow = Awaited<ReturnType<ReturnType<typeof memberWithParty>['executeTakeFirstOrThrow']>>

/** One member; its primary areas are those booked on `on`. */
export async function findMember(db: Executor, id: string, on: PlainDate) {
  return memberWithParty(db, on).where('m.id', '=', id).executeTakeFirst()
}

export async function findMemberByNumber(db: Executor, number: string, on: PlainDate) {
  return memberWithParty(db, on).where('m.number', '=', number).executeTakeFirst()
}

export async function lockMember(db: Executor, id: string): Promise<MemberRow | undefined> {
  return db.selectFrom('member').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
}

/** Memberships of an organisation or a person, newest first. */
export async function membershipsOf(
  db: Executor,
  party: { organisationId?: string | null; personId?: string | null },
  on: PlainDate,
) {
  let query = memberWithParty(db, on)
  if (party.organisationId) query = query.where('m.organisation_id', '=', party.organisationId)
  else if (party.personId) query = query.where('m.person_id', '=', party.personId)
  else return []
  return query.orderBy('m.joined_on', 'desc').execute()
}

export async function updateMemberRow(db: Executor, id: string, values: Partial<MemberRow>): Promise<MemberRow> {
  return db.updateTable('member').set(values).where('id', '=', id).returningAll().executeTakeFirstOrThrow()
}

export async function shareRows(db: Executor, memberId: string) {
  return db.selectFrom('share_transaction').selectAll().where('member_id', '=', memberId).orderBy('seq').execute()
}

export async function capitalRows(db: Executor, memberId: string) {
  return db.selectFrom('capital_transaction').selectAll().where('member_id', '=', memberId).orderBy('seq').execute()
}
