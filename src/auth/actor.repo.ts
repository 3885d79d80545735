import type { Executor } from '../db/db.ts'
import type { CoopRole, OrgFunction } from '../db/schema.ts'
import type { Actor, ApiScope } from '../platform/actor.ts'

/** Builds the actor of an account: its cooperative roles and its functions per organisation. */
export async function loadActor(
  db: Executor,
  accountId: string,
  scopes: ReadonlySet<ApiScope> | null = null,
): Promise<Actor | null> {
  const account = await db
    .selectFrom('account')
    .select(['id', 'person_id', 'email', 'language', 'disabled_at'])
    .where('id', '=', accountId)
    .executeTakeFirst()
  if (!account || account.disabled_at) return null
  const [roles, affiliations] = await Promise.all([
    db.selectFrom('account_role').select('role').where('account_id', '=', accountId).execute(),
    db
      .selectFrom('affiliation')
      .innerJoin('organisation', 'organisation.id', 'affiliation.organisation_id')
      .select(['affiliation.organisation_id', 'affiliation.function'])
      .where('affiliation.person_id', '=', account.person_id)
      .where('organisation.archived_at', 'is', null)
      .orderBy('organisation.name')
      .execute(),
  ])
  const orgs = new Map<string, Set<OrgFunction>>()
  for (const a of affiliations) {
    const set = orgs.get(a.organisation_id) ?? new Set<OrgFunction>()
    set.add(a.function)
    orgs.set(a.organisation_id, set)
  }
  return {
    kind: 'account',
    accountId: account.id,
    personId: account.person_id,
    label: account.email,
    roles: new Set(roles.map((r) => r.role as CoopRole)),
    orgs,
    scopes,
    language: account.language,
  }
}
