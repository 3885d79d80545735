import { loadActor } from '../../src/auth/actor.repo.ts'
import type { OrgFunction } from '../../src/db/schema.ts'
import { createOrganisation } from '../../src/organisations/organisations.actions.ts'
import { organisationInput } from '../../src/organisations/organisations.schema.ts'
import { createAccount } from '../../src/people/accounts.actions.ts'
import { type ApiScope, apiScopes, systemActor } from '../../src/platform/actor.ts'
import type { Deps } from '../../src/platform/context.ts'
import { createApiToken } from '../../src/tokens/tokens.actions.ts'

export const password = 'correct horse battery staple'

export interface Cooperative {
  board: { email: string; accountId: string; personId: string }
  supervisor: { email: string; accountId: string; personId: string }
  staff: { email: string; accountId: string; personId: string }
  auditor: { email: string; accountId: string; personId: string }
  orgA: {
    id: string
    admin: { email: string; accountId: string; personId: string }
    user: { email: string; accountId: string; personId: string }
  }
  orgB: {
    id: string
    admin: { email: string; accountId: string; personId: string }
    user: { email: string; accountId: string; personId: string }
  }
  outsider: { email: string; accountId: string; personId: string }
}

/** A small cooperative built through the actions: one account per role, two organisations with an admin and a user each. */
export async function seedCooperative(deps: Deps): Promise<Cooperative> {
  const actor = systemActor('test')
  return deps.db.transaction().execute(async (trx) => {
    const make = async (
      email: string,
      roles: Array<'board' | 'supervisory_board' | 'staff' | 'auditor'> = [],
      organisations: Array<{ id: string; functions: OrgFunction[] }> = [],
    ) => {
      const r = await createAccount(
        trx,
        actor,
        {
          email,
          givenName: email.split('@')[0]!,
          familyName: 'Test',
          password,
          roles,
          emailVerified: true,
          organisations,
        },
        deps,
      )
      return { email, ...r }
    }
    const a = await createOrganisation(
      trx,
      actor,
      organisationInput.parse({ name: 'Org A e.V.', legalForm: 'ev', postalCode: '10115', city: 'Berlin' }),
      deps,
    )
    const b = await createOrganisation(
      trx,
      actor,
      organisationInput.parse({ name: 'Org B gGmbH', legalForm: 'ggmbh', postalCode: '20095', city: 'Hamburg' }),
      deps,
    )
    return {
      board: await make('board@coop.test', ['board']),
      supervisor: await make('supervisor@coop.test', ['supervisory_board']),
      staff: await make('staff@coop.test', ['staff']),
      auditor: await make('auditor@coop.test', ['auditor']),
      orgA: {
        id: a.id,
        admin: await make('admin@a.test', [], [{ id: a.id, functions: ['admin'] }]),
        user: await make('user@a.test', [], [{ id: a.id, functions: ['member_user'] }]),
      },
      orgB: {
        id: b.id,
        admin: await make('admin@b.test', [], [{ id: b.id, functions: ['admin'] }]),
        user: await make('user@b.test', [], [{ id: b.id, functions: ['member_user'] }]),
      },
      outsider: await make('outsider@nowhere.test'),
    }
  })
}

/** A personal API token for an account (all scopes unless given). */
export async function tokenFor(deps: Deps, accountId: string, scopes: ApiScope[] = [...apiScopes]): Promise<string> {
  const actor = await loadActor(deps.db, accountId)
  if (!actor) throw new Error('no such account')
  const created = await deps.db
    .transaction()
    .execute((trx) => createApiToken(trx, actor, { name: 'test', scopes }, deps))
  return created.token
}
