import { sql } from 'kysely'
import type { Executor, Trx } from '../db/db.ts'
import type { Assembly } from '../db/schema-governance.ts'
import type { Actor } from '../platform/actor.ts'
import { audit } from '../platform/audit.ts'
import type { ActionEnv } from '../platform/context.ts'
import { DomainError, fieldError } from '../platform/errors.ts'
import { authorize } from '../platform/policy.ts'
import { isAssemblyRef } from './assemblies.actions.ts'
import { findAssemblyByRef } from './assemblies.repo.ts'

/**
 * Check-in and presence: staff check people in at the door, a member's representative joins online while the
 * assembly is open, and anyone present can be checked out. The presence counts persons, the members they
 * represent (their own and by proxy) and those members' votes. For virtual and hybrid assemblies this is also the
 * list of participants and how each took part (§47 GenG, §43b GenG).
 */

export interface Presence {
  persons: number
  members: number
  votes: number
}

/** Called after the commit of every change of presence (the live view connects here). */
export const onPresenceChange: Array<(assemblyId: string) => void> = []

/** Tells every listener that the presence of an assembly changed; call it after the commit. */
export function presenceChanged(assemblyId: string): void {
  for (const listener of onPresenceChange) {
    try {
      listener(assemblyId)
    } catch {
      // a listener's failure must not undo or fail the check-in that already committed
    }
  }
}

/**
 * Presence of an assembly: persons present, the distinct members they represent (as representative on the roll,
 * unless the member gave its proxy to someone else, and by active proxy) and the sum of those members' votes.
 */
export async function presence(db: Executor, assemblyId: string): Promise<Presence> {
  const { rows } = await sql<{ persons: number; members: number; votes: number }>`
    WITH present AS (
      SELECT DISTINCT person_id FROM assembly_attendance
      WHERE assembly_id = ${assemblyId} AND checked_out_at IS NULL
    ), represented AS (
      SELECT v.member_id, v.votes FROM assembly_voter v
      JOIN present p ON p.person_id = v.representative_person_id
      WHERE v.assembly_id = ${assemblyId}
        AND NOT EXISTS (SELECT 1 FROM assembly_proxy x
                        WHERE x.assembly_id = v.assembly_id AND x.grantor_member_id = v.member_id AND x.revoked_at IS NULL)
      UNION
      SELECT v.member_id, v.votes FROM assembly_proxy x
      JOIN present p ON p.person_id = x.holder_person_id
      JOIN assembly_voter v ON v.assembly_id = x.assembly_id AND v.member_id = x.grantor_member_id
      WHERE x.assembly_id = ${assemblyId} AND x.revoked_at IS NULL
    )
    SELECT (SELECT count(*) FROM present)::int AS persons,
           (SELECT count(*) FROM represented)::int AS members,
           (SELECT coalesce(sum(votes), 0) FROM represented)::int AS votes`.execute(db)
  const row = rows[0]!
  return { persons: Number(row.persons), members: Number(row.members), votes: Number(row.votes) }
}

async function assemblyForPresence(db: Executor, ref: string, statuses: Assembly['status'][]): Promise<Assembly> {
  const row = isAssemblyRef(ref) ? await findAssemblyByRef(db, ref) : undefined
  if (!row) throw new DomainError('not_found')
  if (!statuses.includes(row.status)) throw new DomainError('conflict', `the assembly is ${row.status}`)
  return row
}

/** Whether a person may take part: they represent a member on the roll, are a personal member on it, or hold a proxy. */
async function mayAttend(db: Executor, assemblyId: string, personId: string): Promise<boolean> {
  const row = await db
    .selectFrom('assembly_voter as v')
    .innerJoin('member as m', 'm.id', 'v.member_id')
    .select('v.member_id')
    .where('v.assembly_id', '=', assemblyId)
    .where((eb) =>
      eb.or([
        eb('v.representative_person_id', '=', personId),
        eb('m.person_id', '=', personId),
        eb(
          'm.organisation_id',
          'in',
          eb
            .selectFrom('affiliation')
            .select('organisation_id')
            .where('person_id', '=', personId)
            .where('function', '=', 'legal_representative'),
        ),
      ]),
    )
    .union(
      db
        .selectFrom('assembly_proxy')
        .select('grantor_member_id as member_id')
        .where('assembly_id', '=', assemblyId)
        .where('holder_person_id', '=', personId)
        .where('revoked_at', 'is', null),
    )
    .executeTakeFirst()
  return row !== undefined
}

async function checkInPerson(
  trx: Trx,
  actor: Actor,
  assembly: Assembly,
  personId: string,
  mode: 'in_person' | 'online',
  env: ActionEnv,
): Promise<Presence> {
  const now = env.clock.now()
  // one check-in per person at a time: the person's row is the lock
  const person = await trx.selectFrom('person').select('id').where('id', '=', personId).forUpdate().executeTakeFirst()
  if (!person || !(await mayAttend(trx, assembly.id, personId))) throw fieldError('personId', 'check_in_unknown')
  const present = await trx
    .selectFrom('assembly_attendance')
    .select('id')
    .where('assembly_id', '=', assembly.id)
    .where('person_id', '=', personId)
    .where('checked_out_at', 'is', null)
    .executeTakeFirst()
  if (present) throw fieldError('personId', 'already_present')
  const row = await trx
    .insertInto('assembly_attendance')
    .values({ assembly_id: assembly.id, person_id: personId, mode, checked_in_at: now, checked_in_by: actor.label })
    .returning('id')
    .executeTakeFirstOrThrow()
  await audit(
    trx,
    actor,
    {
      action: 'assembly.checked_in',
      subjectType: 'assembly',
      subjectId: assembly.id,
      after: { attendanceId: row.id, personId, mode },
    },
    env.clock,
  )
  return presence(trx, assembly.id)
}

/** Staff check a person in at the door (before the opening too, while people arrive). */
export async function checkIn(
  trx: Trx,
  actor: Actor,
  ref: string,
  input: { personId: string; mode?: 'in_person' | 'online' },
  env: ActionEnv,
): Promise<Presence> {
  authorize(actor, 'assembly.check_in')
  const assembly = await assemblyForPresence(trx, ref, ['invited', 'open'])
  return checkInPerson(trx, actor, assembly, input.personId, input.mode ?? 'in_person', env)
}

/** A member's representative (or proxy holder) joins online while the assembly is open (not in person-only ones). */
export async function joinOnline(trx: Trx, actor: Actor, ref: string, env: ActionEnv): Promise<Presence> {
  if (actor.kind === 'anonymous') throw new DomainError('unauthenticated')
  if (!actor.personId || (actor.scopes && !actor.scopes.has('governance:write'))) throw new DomainError('forbidden')
  const assembly = await assemblyForPresence(trx, ref, ['draft', 'invited', 'open', 'closed', 'cancelled'])
  // who neither represents a member nor holds a proxy has nothing to join for
  if (!(await mayAttend(trx, assembly.id, actor.personId))) throw new DomainError('forbidden', 'not on the roll')
  if (assembly.status !== 'open') throw new DomainError('conflict', `the assembly is ${assembly.status}`)
  if (assembly.form === 'in_person')
    throw new DomainError('conflict', 'an in-person assembly has no online participation')
  return checkInPerson(trx, actor, assembly, actor.personId, 'online', env)
}

/** Checks a person out: staff for anyone, a person for themself. */
export async function checkOut(
  trx: Trx,
  actor: Actor,
  ref: string,
  personId: string,
  env: ActionEnv,
): Promise<Presence> {
  if (actor.kind === 'anonymous') throw new DomainError('unauthenticated')
  if (personId !== actor.personId) authorize(actor, 'assembly.check_in')
  const now = env.clock.now()
  const assembly = await assemblyForPresence(trx, ref, ['invited', 'open'])
  const row = await trx
    .updateTable('assembly_attendance')
    .set({ checked_out_at: now })
    .where('assembly_id', '=', assembly.id)
    .where('person_id', '=', personId)
    .where('checked_out_at', 'is', null)
    .returning('id')
    .executeTakeFirst()
  if (!row) throw new DomainError('not_found')
  await audit(
    trx,
    actor,
    {
      action: 'assembly.checked_out',
      subjectType: 'assembly',
      subjectId: assembly.id,
      after: { attendanceId: row.id, personId },
    },
    env.clock,
  )
  return presence(trx, assembly.id)
}

export interface AttendeeCandidate {
  personId: string
  name: string
  members: string[]
  present: boolean
  mode: 'in_person' | 'online' | null
}

/**
 * The door's list: who may attend (representatives, personal members, proxy holders), found by name or member
 * number, with what they represent and whether they are present. Without a query: those present.
 */
export async function attendeeCandidates(
  db: Executor,
  actor: Actor,
  assemblyId: string,
  query: string,
): Promise<AttendeeCandidate[]> {
  authorize(actor, 'assembly.check_in')
  const q = query.trim().toLowerCase().slice(0, 100)
  const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
  const { rows } = await sql<{
    person_id: string
    given_name: string
    family_name: string
    members: string[]
    mode: 'in_person' | 'online' | null
  }>`
    WITH links AS (
      SELECT coalesce(v.representative_person_id, m.person_id) AS person_id, m.number, coalesce(o.name, '') AS org
      FROM assembly_voter v JOIN member m ON m.id = v.member_id LEFT JOIN organisation o ON o.id = m.organisation_id
      WHERE v.assembly_id = ${assemblyId}
      UNION ALL
      SELECT x.holder_person_id, m.number || ' (Vollmacht)', coalesce(o.name, '')
      FROM assembly_proxy x JOIN member m ON m.id = x.grantor_member_id LEFT JOIN organisation o ON o.id = m.organisation_id
      WHERE x.assembly_id = ${assemblyId} AND x.revoked_at IS NULL
    )
    SELECT p.id AS person_id, p.given_name, p.family_name,
           array_agg(DISTINCT l.number || CASE WHEN l.org <> '' THEN ' ' || l.org ELSE '' END) AS members,
           (SELECT a.mode FROM assembly_attendance a
            WHERE a.assembly_id = ${assemblyId} AND a.person_id = p.id AND a.checked_out_at IS NULL LIMIT 1) AS mode
    FROM links l JOIN person p ON p.id = l.person_id
    WHERE ${q === '' ? sql`EXISTS (SELECT 1 FROM assembly_attendance a WHERE a.assembly_id = ${assemblyId} AND a.person_id = p.id AND a.checked_out_at IS NULL)` : sql`(lower(p.given_name || ' ' || p.family_name) LIKE ${like} OR lower(l.number) LIKE ${like} OR lower(l.org) LIKE ${like})`}
    GROUP BY p.id, p.given_name, p.family_name
    ORDER BY p.family_name, p.given_name
    LIMIT 50`.execute(db)
  return rows.map((r) => ({
    personId: r.person_id,
    name: `${r.given_name} ${r.family_name}`,
    members: r.members,
    present: r.mode !== null,
    mode: r.mode,
  }))
}

/** Whether the actor is present right now (for the join and leave buttons). */
export async function isPresent(db: Executor, assemblyId: string, personId: string | null): Promise<boolean> {
  if (!personId) return false
  const row = await db
    .selectFrom('assembly_attendance')
    .select('id')
    .where('assembly_id', '=', assemblyId)
    .where('person_id', '=', personId)
    .where('checked_out_at', 'is', null)
    .executeTakeFirst()
  return row !== undefined
}
