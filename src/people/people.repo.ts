import { sql } from 'kysely'
import type { Executor } from '../db/db.ts'
import type { CoopRole, OrgFunction, PersonRow } from '../db/schema.ts'

export async function insertPerson(db: Executor, values: Omit<PersonRow, 'id'>): Promise<PersonRow> {
  return db.insertInto('person').values(values).returningAll().executeTakeFirstOrThrow()
}

export async function findPerson(db: Executor, id: string): Promise<PersonRow | undefined> {
  return db.selectFrom('person').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function lockPerson(db: Executor, id: string): Promise<PersonRow | undefined> {
  return db.selectFrom('person').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
}

export async function updatePersonRow(db: Executor, id: string, values: Partial<PersonRow>): Promise<PersonRow> {
  return db.updateTable('person').set(values).where('id', '=', id).returningAll().executeTakeFirstOrThrow()
}

export async function accountOfPerson(db: Executor, personId: string) {
  const account = await db.selectFrom('account').selectAll().where('person_id', '=', personId).executeTakeFirst()
  if (!account) return null
  const roles = await db.selectFrom('account_role').select('role').where('account_id', '=', account.id).execute()
  return { ...account, roles: roles.map((r) => r.role as CoopRole) }
}

export async function affiliationsOfPerson(db: Executor, personId: string) {
  return db
    .selectFrom('affiliation')
    .innerJoin('organisation', 'organisation.id', 'affiliation.organisation_id')
    .select(['organisation.id', 'organisation.name', 'affiliation.function'])
    .where('affiliation.person_id', '=', personId)
    .orderBy('organisation.name')
    .execute()
}

/** People of one organisation with their functions, whether they have an account and an open invitation. */
export async function peopleOfOrganisation(db: Executor, organisationId: string, now: Date) {
  return db
    .selectFrom('affiliation')
    .innerJoin('person', 'person.id', 'affiliation.person_id')
    .leftJoin('account', 'account.person_id', 'person.id')
    .select([
      'person.id as person_id',
      'person.given_name',
      'person.family_name',
      'person.email',
      'account.id as account_id',
      sql<OrgFunction[]>`array_agg(affiliation.function ORDER BY affiliation.function)`.as('functions'),
      sql<boolean>`EXISTS (SELECT 1 FROM one_time_token t WHERE t.purpose = 'invite' AND t.organisation_id = ${organisationId} AND lower(t.email) = lower(person.email) AND t.used_at IS NULL AND t.expires_at > ${now})`.as(
        'invitation_pending',
      ),
    ])
    .where('affiliation.organisation_id', '=', organisationId)
    .groupBy(['person.id', 'account.id'])
    .orderBy(sql`lower(person.family_name)`)
    .orderBy(sql`lower(person.given_name)`)
    .execute()
}

export async function functionsInOrganisation(
  db: Executor,
  organisationId: string,
  personId: string,
): Promise<OrgFunction[]> {
  const rows = await db
    .selectFrom('affiliation')
    .select('function')
    .where('organisation_id', '=', organisationId)
    .where('person_id', '=', personId)
    .forUpdate()
    .execute()
  return rows.map((r) => r.function)
}

export async function countAdmins(db: Executor, organisationId: string): Promise<number> {
  const row = await db
    .selectFrom('affiliation')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('organisation_id', '=', organisationId)
    .where('function', '=', 'admin')
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export async function setAffiliations(
  db: Executor,
  organisationId: string,
  personId: string,
  functions: OrgFunction[],
  now: Date,
) {
  await db
    .deleteFrom('affiliation')
    .where('organisation_id', '=', organisationId)
    .where('person_id', '=', personId)
    .execute()
  if (functions.length > 0) {
    await db
      .insertInto('affiliation')
      .values(
        functions.map((f) => ({ organisation_id: organisationId, person_id: personId, function: f, created_at: now })),
      )
      .execute()
  }
}

export async function searchPeople(db: Executor, options: { q?: string; page: number; pageSize: number }) {
  let query = db.selectFrom('person')
  if (options.q) {
    const like = `%${options.q.toLowerCase().replace(/[\\%_]/g, (m) => `\\${m}`)}%`
    query = query.where((eb) =>
      eb.or([
        eb(eb.fn('lower', ['given_name']), 'like', like),
        eb(eb.fn('lower', ['family_name']), 'like', like),
        eb(eb.fn('lower', ['email']), 'like', like),
      ]),
    )
  }
  const [rows, total] = await Promise.all([
    query
      .selectAll()
      .orderBy(sql`lower(family_name)`)
      .orderBy(sql`lower(given_name)`)
      .orderBy('id')
      .limit(options.pageSize)
      .offset((options.page - 1) * options.pageSize)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ])
  return { rows, total: Number(total.n) }
}

export async function setRoles(db: Executor, accountId: string, roles: CoopRole[], now: Date): Promise<void> {
  await db.deleteFrom('account_role').where('account_id', '=', accountId).execute()
  if (roles.length > 0) {
    await db
      .insertInto('account_role')
      .values(roles.map((role) => ({ account_id: accountId, role, granted_at: now })))
      .execute()
  }
}

/** Is the person affiliated with any of these organisations? (Org admins may see their own people only.) */
export async function personInOrganisations(
  db: Executor,
  personId: string,
  organisationIds: string[],
): Promise<boolean> {
  if (organisationIds.length === 0) return false
  const row = await db
    .selectFrom('affiliation')
    .select('person_id')
    .where('person_id', '=', personId)
    .where('organisation_id', 'in', organisationIds)
    .executeTakeFirst()
  return Boolean(row)
}

/**
 * Whom to write to for an organisation: the people holding any of `functions` there, with the address and
 * language of their account (or of the person, without one). Each address once.
 */
export async function contactsOf(
  db: Executor,
  organisationId: string,
  functions: OrgFunction[],
): Promise<Array<{ email: string; name: string; language: 'de' | 'en' }>> {
  const rows = await db
    .selectFrom('affiliation')
    .innerJoin('person', 'person.id', 'affiliation.person_id')
    .leftJoin('account', 'account.person_id', 'person.id')
    .select([
      'person.given_name',
      'person.family_name',
      'person.email',
      'account.email as account_email',
      'account.language',
    ])
    .where('affiliation.organisation_id', '=', organisationId)
    .where('affiliation.function', 'in', functions)
    .where((eb) => eb.or([eb('account.disabled_at', 'is', null), eb('account.id', 'is', null)]))
    .orderBy('person.family_name')
    .execute()
  const seen = new Set<string>()
  const out: Array<{ email: string; name: string; language: 'de' | 'en' }> = []
  for (const row of rows) {
    const email = row.account_email ?? row.email
    if (!email || seen.has(email.toLowerCase())) continue
    seen.add(email.toLowerCase())
    out.push({ email, name: `${row.given_name} ${row.family_name}`, language: row.language ?? 'de' })
  }
  return out
}
