import { sql } from 'kysely'
import type { Executor, Trx } from '../db/db.ts'
import type { Assembly, Motion, MotionAmendment } from '../db/schema-governance.ts'

/** The Kysely code of motions, supporters and amendments. */

export async function findAssembly(db: Executor, ref: string): Promise<Assembly | undefined> {
  return db.selectFrom('assembly').selectAll().where('ref', '=', ref).executeTakeFirst()
}

/** Locks the assembly: motions of one assembly are numbered one after another under this lock. */
export async function lockAssembly(trx: Trx, ref: string): Promise<Assembly | undefined> {
  return trx.selectFrom('assembly').selectAll().where('ref', '=', ref).forUpdate().executeTakeFirst()
}

export interface RollEntry {
  memberId: string
  number: string
  name: string
  organisationId: string | null
  personId: string | null
  representativePersonId: string | null
  votes: number
}

/**
 * The entries of an assembly's voter roll that concern a person: the members whose organisation they
 * belong to, the personal member they are, or whom the roll names them to represent.
 */
export async function rollEntriesFor(
  db: Executor,
  assemblyId: string,
  personId: string | null,
  organisationIds: string[],
): Promise<RollEntry[]> {
  if (!personId && organisationIds.length === 0) return []
  const rows = await db
    .selectFrom('assembly_voter as av')
    .innerJoin('member as m', 'm.id', 'av.member_id')
    .leftJoin('organisation as o', 'o.id', 'm.organisation_id')
    .leftJoin('person as p', 'p.id', 'm.person_id')
    .select([
      'av.member_id as memberId',
      'm.number',
      'm.organisation_id as organisationId',
      'm.person_id as personId',
      'av.representative_person_id as representativePersonId',
      'av.votes',
      sql<string>`coalesce(o.name, p.given_name || ' ' || p.family_name, m.number)`.as('name'),
    ])
    .where('av.assembly_id', '=', assemblyId)
    .where((eb) => {
      const ors = []
      if (personId) {
        ors.push(eb('av.representative_person_id', '=', personId))
        ors.push(eb('m.person_id', '=', personId))
      }
      if (organisationIds.length) ors.push(eb('m.organisation_id', 'in', organisationIds))
      return eb.or(ors)
    })
    .orderBy('m.number')
    .execute()
  return rows
}

export async function motionsOf(db: Executor, assemblyId: string) {
  return db
    .selectFrom('motion as mo')
    .selectAll('mo')
    .select((eb) => [
      eb
        .selectFrom('motion_supporter as s')
        .select(eb.fn.countAll<string>().as('n'))
        .whereRef('s.motion_id', '=', 'mo.id')
        .as('supporters'),
      eb
        .selectFrom('motion_amendment as a')
        .select(eb.fn.countAll<string>().as('n'))
        .whereRef('a.motion_id', '=', 'mo.id')
        .as('amendments'),
    ])
    .where('mo.assembly_id', '=', assemblyId)
    .orderBy(sql`length(mo.ref)`)
    .orderBy('mo.ref')
    .execute()
}

export async function motionRefs(trx: Trx, assemblyId: string): Promise<string[]> {
  const rows = await trx.selectFrom('motion').select('ref').where('assembly_id', '=', assemblyId).execute()
  return rows.map((r) => r.ref)
}

export async function findMotion(db: Executor, assemblyId: string, ref: string): Promise<Motion | undefined> {
  return db
    .selectFrom('motion')
    .selectAll()
    .where('assembly_id', '=', assemblyId)
    .where('ref', '=', ref)
    .executeTakeFirst()
}

export async function lockMotion(trx: Trx, assemblyId: string, ref: string): Promise<Motion | undefined> {
  return trx
    .selectFrom('motion')
    .selectAll()
    .where('assembly_id', '=', assemblyId)
    .where('ref', '=', ref)
    .forUpdate()
    .executeTakeFirst()
}

export async function lockMotionById(trx: Trx, id: string): Promise<Motion | undefined> {
  return trx.selectFrom('motion').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
}

export async function supportersOf(db: Executor, motionId: string) {
  return db
    .selectFrom('motion_supporter as s')
    .innerJoin('member as m', 'm.id', 's.member_id')
    .leftJoin('organisation as o', 'o.id', 'm.organisation_id')
    .innerJoin('person as p', 'p.id', 's.person_id')
    .select([
      's.member_id as memberId',
      'm.number',
      sql<string>`coalesce(o.name, p.given_name || ' ' || p.family_name)`.as('name'),
      sql<string>`p.given_name || ' ' || p.family_name`.as('personName'),
      's.supported_at as supportedAt',
    ])
    .where('s.motion_id', '=', motionId)
    .orderBy('s.supported_at')
    .orderBy('m.number')
    .execute()
}

export async function insertSupporter(
  trx: Trx,
  row: { motion_id: string; member_id: string; person_id: string; supported_at: Date },
): Promise<boolean> {
  const inserted = await trx
    .insertInto('motion_supporter')
    .values(row)
    .onConflict((oc) => oc.columns(['motion_id', 'member_id']).doNothing())
    .returning('member_id')
    .executeTakeFirst()
  return inserted !== undefined
}

export async function amendmentsOf(db: Executor, motionId: string): Promise<MotionAmendment[]> {
  return db
    .selectFrom('motion_amendment')
    .selectAll()
    .where('motion_id', '=', motionId)
    .orderBy(sql`length(ref)`)
    .orderBy('ref')
    .execute()
}

export async function lockAmendment(trx: Trx, motionId: string, ref: string): Promise<MotionAmendment | undefined> {
  return trx
    .selectFrom('motion_amendment')
    .selectAll()
    .where('motion_id', '=', motionId)
    .where('ref', '=', ref)
    .forUpdate()
    .executeTakeFirst()
}

export async function personNames(db: Executor, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map()
  const rows = await db
    .selectFrom('person')
    .select(['id', sql<string>`given_name || ' ' || family_name`.as('name')])
    .where('id', 'in', ids)
    .execute()
  return new Map(rows.map((r) => [r.id, r.name]))
}
