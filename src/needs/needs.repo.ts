import { type Insertable, sql, type Updateable } from 'kysely'
import type { Executor } from '../db/db.ts'
import type { NeedsQuestionnaireTable, QuestionnaireFollowUpTable } from '../db/schema-catalog.ts'
import type { OverviewFilter } from './needs.schema.ts'

/** The only Kysely code of the needs questionnaire. */

export async function nextQuestionnaireRef(db: Executor, year: number): Promise<string> {
  const { rows } = await sql<{ n: number }>`SELECT nextval('needs_questionnaire_ref_seq') AS n`.execute(db)
  return `BF-${year}-${String(rows[0]?.n).padStart(5, '0')}`
}

export async function insertQuestionnaire(db: Executor, values: Insertable<NeedsQuestionnaireTable>) {
  return db.insertInto('needs_questionnaire').values(values).returningAll().executeTakeFirstOrThrow()
}

export async function updateQuestionnaire(db: Executor, id: string, values: Updateable<NeedsQuestionnaireTable>) {
  return db.updateTable('needs_questionnaire').set(values).where('id', '=', id).returningAll().executeTakeFirstOrThrow()
}

export async function findQuestionnaireByTokenHash(db: Executor, tokenHash: string) {
  return db.selectFrom('needs_questionnaire').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst()
}

export async function lockQuestionnaireByTokenHash(db: Executor, tokenHash: string) {
  return db
    .selectFrom('needs_questionnaire')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .forUpdate()
    .executeTakeFirst()
}

export async function findQuestionnaire(db: Executor, id: string) {
  return db.selectFrom('needs_questionnaire').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function lockQuestionnaire(db: Executor, id: string) {
  return db.selectFrom('needs_questionnaire').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
}

/** Public submissions within the window: from one client address, and for one email address. */
export async function recentSubmissions(
  db: Executor,
  since: Date,
  by: { address: string | null; email: string },
): Promise<{ fromAddress: number; forEmail: number }> {
  const n = (rows: { n: number | string }) => Number(rows.n)
  const forEmail = await db
    .selectFrom('needs_questionnaire')
    .select(sql<number>`count(*)::int8`.as('n'))
    .where(sql`lower(contact_email)`, '=', by.email.toLowerCase())
    .where('submitted_at', '>=', since)
    .executeTakeFirstOrThrow()
  if (by.address === null) return { fromAddress: 0, forEmail: n(forEmail) }
  const fromAddress = await db
    .selectFrom('needs_questionnaire')
    .select(sql<number>`count(*)::int8`.as('n'))
    .where('client_address', '=', by.address)
    .where('submitted_at', '>=', since)
    .executeTakeFirstOrThrow()
  return { fromAddress: n(fromAddress), forEmail: n(forEmail) }
}

/** Every questionnaire the filter lets through, with what the founders' list and projections need. */
export async function overviewRows(db: Executor, filter: OverviewFilter) {
  let query = db
    .selectFrom('needs_questionnaire as q')
    .leftJoin('account as a', 'a.id', 'q.assigned_account_id')
    .select([
      'q.id',
      'q.ref',
      'q.organisation_name',
      'q.legal_form',
      'q.city',
      'q.employees',
      'q.volunteers',
      'q.annual_budget_cents',
      'q.devices',
      'q.tools_today',
      'q.wanted_areas',
      'q.consulting_hours',
      'q.training_hours',
      'q.stage',
      'q.submitted_at',
      'q.follow_up_status',
      'q.follow_up_on',
      'q.assigned_account_id',
      'a.email as assigned_email',
      'q.erased_at',
      'q.application_id',
      'q.organisation_id',
    ])
  if (filter.stage) query = query.where('q.stage', '=', filter.stage)
  if (filter.status) query = query.where('q.follow_up_status', '=', filter.status)
  // the days are Berlin calendar days: the bounds are the day's start and the next day's start there
  if (filter.from) query = query.where(sql`(q.submitted_at AT TIME ZONE 'Europe/Berlin')::date`, '>=', filter.from)
  if (filter.to) query = query.where(sql`(q.submitted_at AT TIME ZONE 'Europe/Berlin')::date`, '<=', filter.to)
  return query.orderBy('q.submitted_at').orderBy('q.ref').execute()
}
export type OverviewRow = Awaited<ReturnType<typeof overviewRows>>[number]

export async function insertFollowUp(db: Executor, values: Insertable<QuestionnaireFollowUpTable>) {
  return db.insertInto('questionnaire_follow_up').values(values).returningAll().executeTakeFirstOrThrow()
}

/** A questionnaire's follow-up history, oldest first, with the assignee's sign-in address. */
export async function followUpRows(db: Executor, questionnaireId: string) {
  return db
    .selectFrom('questionnaire_follow_up as f')
    .leftJoin('account as a', 'a.id', 'f.assigned_account_id')
    .selectAll('f')
    .select('a.email as assigned_email')
    .where('f.questionnaire_id', '=', questionnaireId)
    .orderBy('f.created_at')
    .orderBy('f.id')
    .execute()
}

/** Accounts a follow-up may be assigned to: board and staff, not disabled, by name. */
export async function assigneeRows(db: Executor) {
  return db
    .selectFrom('account as a')
    .innerJoin('person as p', 'p.id', 'a.person_id')
    .select(['a.id', 'a.email', 'p.given_name', 'p.family_name'])
    .where('a.disabled_at', 'is', null)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('account_role as r')
          .select('r.account_id')
          .whereRef('r.account_id', '=', 'a.id')
          .where('r.role', 'in', ['board', 'staff']),
      ),
    )
    .orderBy('p.family_name')
    .orderBy('p.given_name')
    .orderBy('a.email')
    .execute()
}

/** Whether an organisation is a current member (an admin of it may order primary areas). */
export async function memberOrganisationIds(db: Executor, organisationIds: string[], day: string): Promise<string[]> {
  if (organisationIds.length === 0) return []
  const rows = await db
    .selectFrom('member')
    .select('organisation_id')
    .where('organisation_id', 'in', organisationIds)
    .where('joined_on', '<=', day)
    .where((eb) => eb.or([eb('exit_on', 'is', null), eb('exit_on', '>=', day)]))
    .execute()
  return rows.map((r) => r.organisation_id).filter((id): id is string => id !== null)
}
