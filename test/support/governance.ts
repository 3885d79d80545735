import { loadActor } from '../../src/auth/actor.repo.ts'
import { createAssembly } from '../../src/governance/assemblies.actions.ts'
import { addAgendaItem } from '../../src/governance/assemblies.agenda.ts'
import type { AssemblyView } from '../../src/governance/assemblies.model.ts'
import { agendaItemInput, assemblyInput } from '../../src/governance/assemblies.schema.ts'
import { sendInvitations } from '../../src/governance/invitations.actions.ts'
import { type Actor, systemActor } from '../../src/platform/actor.ts'
import type { Deps } from '../../src/platform/context.ts'
import type { Cooperative } from './factories.ts'
import { admitMember } from './members.ts'

/**
 * Factories of governance: assemblies through the actions (created, with agenda, invited), and a cooperative whose
 * organisations A and B are members with their admins as legal representatives, plus a supporting member.
 */

const dayMs = 86_400_000

/** An instant `days` (and `hours`) from `from`, as ISO. */
export function inDays(days: number, hours = 0, from: Date = new Date()): string {
  return new Date(from.getTime() + days * dayMs + hours * 3_600_000).toISOString()
}

/** A valid ordinary general assembly in person as JSON or a form sends it; override what a test is about. */
export function assemblyJson(overrides: Record<string, unknown> = {}, from: Date = new Date()): Record<string, string> {
  return {
    body: 'general_assembly',
    kind: 'ordinary',
    form: 'in_person',
    title: 'Ordentliche Generalversammlung',
    startsAt: inDays(30, 0, from),
    endsAt: inDays(30, 3, from),
    location: 'Gemeinschaftshaus, Am Markt 1, Berlin',
    onlineUrl: '',
    accessNote: '',
    votingStartsAt: '',
    votingEndsAt: '',
    registerDate: '',
    ...overrides,
  } as Record<string, string>
}

export async function createTestAssembly(
  deps: Deps,
  overrides: Record<string, unknown> = {},
  actor: Actor = systemActor('test'),
): Promise<AssemblyView> {
  const input = assemblyInput.parse(assemblyJson(overrides, deps.clock.now()))
  return deps.db.transaction().execute((trx) => createAssembly(trx, actor, input, deps))
}

export async function addTestItem(
  deps: Deps,
  ref: string,
  overrides: Record<string, unknown> = {},
  actor: Actor = systemActor('test'),
) {
  const input = agendaItemInput.parse({ title: 'Jahresabschluss 2026', kind: 'motion', ...overrides })
  return deps.db.transaction().execute((trx) => addAgendaItem(trx, actor, ref, input, deps))
}

/** An assembly with two agenda items, invited (the roll computed, the mails in the outbox). */
export async function invitedAssembly(deps: Deps, overrides: Record<string, unknown> = {}): Promise<AssemblyView> {
  const assembly = await createTestAssembly(deps, overrides)
  await addTestItem(deps, assembly.ref, { title: 'Bericht des Vorstands', kind: 'information' })
  await addTestItem(deps, assembly.ref, { title: 'Feststellung des Jahresabschlusses', kind: 'motion' })
  const { assembly: invited } = await deps.db
    .transaction()
    .execute((trx) => sendInvitations(trx, systemActor('test'), assembly.ref, deps))
  return invited
}

export interface GovernanceMembers {
  memberA: { id: string; number: string }
  memberB: { id: string; number: string }
  supporting: { id: string; number: string; personId: string }
  /** The admins of A and B, who are also their organisations' legal representatives. */
  repA: Actor
  repB: Actor
}

/** Organisations A and B as members (their admins as legal representatives) and a supporting personal member. */
export async function governanceMembers(deps: Deps, coop: Cooperative): Promise<GovernanceMembers> {
  const a = await admitMember(
    deps,
    { organisationName: 'Org A e.V.', email: coop.orgA.admin.email, givenName: 'Anna', familyName: 'Admin' },
    { organisationId: coop.orgA.id },
  )
  const b = await admitMember(
    deps,
    { organisationName: 'Org B gGmbH', email: coop.orgB.admin.email, givenName: 'Bert', familyName: 'Admin' },
    { organisationId: coop.orgB.id },
  )
  const s = await admitMember(deps, {
    memberType: 'supporting',
    organisationName: '',
    primaryAreas: [],
    givenName: 'Sam',
    familyName: 'Support',
    email: 'sam@support.test',
  })
  const supportingRow = await deps.db
    .selectFrom('member')
    .select(['person_id'])
    .where('id', '=', s.member.id)
    .executeTakeFirstOrThrow()
  return {
    memberA: { id: a.member.id, number: a.member.number },
    memberB: { id: b.member.id, number: b.member.number },
    supporting: { id: s.member.id, number: s.member.number, personId: supportingRow.person_id! },
    repA: (await loadActor(deps.db, coop.orgA.admin.accountId))!,
    repB: (await loadActor(deps.db, coop.orgB.admin.accountId))!,
  }
}

export async function actorOf(deps: Deps, accountId: string): Promise<Actor> {
  const actor = await loadActor(deps.db, accountId)
  if (!actor) throw new Error('no such account')
  return actor
}
