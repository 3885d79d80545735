import { sql } from 'kysely'
import type { Executor } from '../db/db.ts'
import type { NewOrganisation, OrganisationRow, OrganisationUpdate } from '../db/schema.ts'

export async function nextOrganisationRef(db: Executor): Promise<string> {
  const { rows } = await sql<{ n: number }>`SELECT nextval('organisation_ref_seq')::int AS n`.execute(db)
  return `O-${String(rows[0]!.n).padStart(5, '0')}`
}

export async function insertOrganisation(db: Executor, values: NewOrganisation): Promise<OrganisationRow> {
  return db.insertInto('organisation').values(values).returningAll().executeTakeFirstOrThrow()
}

/** A row the actor may see: `scope` is every organisation or the list from the policy. */
export async function findOrganisation(
  db: Executor,
  id: string,
  scope: 'all' | string[],
): Promise<OrganisationRow | undefined> {
  if (scope !== 'all' && !scope.includes(id)) return undefined
  return db.selectFrom('organisation').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function lockOrganisation(db: Executor, id: string): Promise<OrganisationRow | undefined> {
  return db.selectFrom('organisation').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
}

export async function updateOrganisation(
  db: Executor,
  id: string,
  values: OrganisationUpdate,
): Promise<OrganisationRow> {
  return db.updateTable('organisation').set(values).where('id', '=', id).returningAll().executeTakeFirstOrThrow()
}

export async function listOrganisations(
  db: Executor,
  scope: 'all' | string[],
  options: { q?: string; page: number; pageSize: number; includeArchived?: boolean },
): Promise<{ rows: OrganisationRow[]; total: number }> {
  if (scope !== 'all' && scope.length === 0) return { rows: [], total: 0 }
  let query = db.selectFrom('organisation')
  if (scope !== 'all') query = query.where('id', 'in', scope)
  if (!options.includeArchived) query = query.where('archived_at', 'is', null)
  if (options.q) {
    const like = `%${options.q.toLowerCase().replace(/[\\%_]/g, (m) => `\\${m}`)}%`
    query = query.where((eb) =>
      eb.or([
        eb(eb.fn('lower', ['name']), 'like', like),
        eb(eb.fn('lower', ['ref']), 'like', like),
        eb(eb.fn('lower', ['city']), 'like', like),
      ]),
    )
  }
  const [rows, total] = await Promise.all([
    query
      .selectAll()
      .orderBy(sql`lower(name)`)
      .orderBy('id')
      .limit(options.pageSize)
      .offset((options.page - 1) * options.pageSize)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ])
  return { rows, total: Number(total.n) }
}
