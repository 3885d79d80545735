import type { Insertable, Updateable } from 'kysely'
import { sql } from 'kysely'
import type { Executor, Trx } from '../db/db.ts'
import type { Assembly, AssemblyTable } from '../db/schema-governance.ts'

/** The only Kysely code of assemblies and their agenda. */

export async function nextAssemblyNumber(db: Executor): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT nextval('assembly_ref_seq') AS n`.execute(db)
  return Number(rows[0]?.n)
}

export async function insertAssembly(db: Executor, values: Insertable<AssemblyTable>): Promise<Assembly> {
  return db.insertInto('assembly').values(values).returningAll().executeTakeFirstOrThrow()
}

export async function updateAssemblyRow(
  db: Executor,
  id: string,
  values: Updateable<AssemblyTable>,
): Promise<Assembly> {
  return db.updateTable('assembly').set(values).where('id', '=', id).returningAll().executeTakeFirstOrThrow()
}

export async function findAssemblyByRef(db: Executor, ref: string): Promise<Assembly | undefined> {
  return db.selectFrom('assembly').selectAll().where('ref', '=', ref).executeTakeFirst()
}

export async function findAssembly(db: Executor, id: string): Promise<Assembly | undefined> {
  return db.selectFrom('assembly').selectAll().where('id', '=', id).executeTakeFirst()
}

/** Locks the assembly: changes of one assembly, its agenda and its roll run one after the other. */
export async function lockAssembly(trx: Trx, ref: string): Promise<Assembly | undefined> {
  return trx.selectFrom('assembly').selectAll().where('ref', '=', ref).forUpdate().executeTakeFirst()
}

export async function listAssemblyRows(db: Executor, options: { ids?: string[] | 'all' }): Promise<Assembly[]> {
  let query = db.selectFrom('assembly').selectAll()
  if (options.ids !== undefined && options.ids !== 'all') {
    if (options.ids.length === 0) return []
    query = query.where('id', 'in', options.ids)
  }
  return query.orderBy('starts_at', 'desc').orderBy('ref', 'desc').limit(500).execute()
}

export async function agendaRows(db: Executor, assemblyId: string) {
  return db.selectFrom('agenda_item').selectAll().where('assembly_id', '=', assemblyId).orderBy('position').execute()
}

export async function nextAgendaPosition(db: Executor, assemblyId: string): Promise<number> {
  const row = await db
    .selectFrom('agenda_item')
    .select(sql<number>`coalesce(max(position), 0)::int`.as('max'))
    .where('assembly_id', '=', assemblyId)
    .executeTakeFirstOrThrow()
  return Number(row.max) + 1
}

/**
 * Swaps two agenda items' positions. The positions are unique per assembly, so one goes through a free slot
 * far above the others first.
 */
export async function swapAgendaPositions(
  trx: Trx,
  a: { id: string; position: number },
  b: { id: string; position: number },
): Promise<void> {
  await trx
    .updateTable('agenda_item')
    .set({ position: 1_000_000 + a.position })
    .where('id', '=', a.id)
    .execute()
  await trx.updateTable('agenda_item').set({ position: a.position }).where('id', '=', b.id).execute()
  await trx.updateTable('agenda_item').set({ position: b.position }).where('id', '=', a.id).execute()
}

/**
 * Assemblies where a person is invited or may act: their own member (as person or through an organisation they
 * are affiliated with) is on the roll, they represent a member, or they hold a proxy.
 */
export async function assemblyIdsFor(db: Executor, personId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('assembly_voter as v')
    .innerJoin('member as m', 'm.id', 'v.member_id')
    .select('v.assembly_id')
    .where((eb) =>
      eb.or([
        eb('v.representative_person_id', '=', personId),
        eb('m.person_id', '=', personId),
        eb(
          'm.organisation_id',
          'in',
          eb.selectFrom('affiliation').select('organisation_id').where('person_id', '=', personId),
        ),
      ]),
    )
    .union(
      db
        .selectFrom('assembly_proxy')
        .select('assembly_id')
        .where('holder_person_id', '=', personId)
        .where('revoked_at', 'is', null),
    )
    .execute()
  return [...new Set(rows.map((r) => r.assembly_id))]
}
