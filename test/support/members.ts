import { approveApplication } from '../../src/members/admission.actions.ts'
import { submitApplication } from '../../src/members/applications.actions.ts'
import { type ApplicationInput, applicationInput } from '../../src/members/applications.schema.ts'
import { systemActor } from '../../src/platform/actor.ts'
import type { Deps } from '../../src/platform/context.ts'
import type { Cooperative } from './factories.ts'

/** A complete, valid declaration for an organisation as JSON sends it; override what a test is about. */
export function declarationJson(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    memberType: 'organisation',
    organisationName: 'Klimabündnis Nord e.V.',
    legalForm: 'ev',
    employees: 4,
    volunteers: 30,
    annualBudgetCents: 18_000_000,
    givenName: 'Jana',
    familyName: 'Berg',
    email: 'jana@klima-nord.test',
    street: 'Hafenstraße 3',
    postalCode: '20457',
    city: 'Hamburg',
    primaryAreas: ['digital_infrastructure'],
    voluntaryShares: 1,
    consentStatutes: true,
    consentPrivacy: true,
    acknowledgeDuties: true,
    ...overrides,
  }
}

/** The same declaration, parsed as the actions take it. */
export function declaration(overrides: Record<string, unknown> = {}): ApplicationInput {
  return applicationInput.parse(declarationJson(overrides))
}

/** Applies and admits through the actions, as the board would; returns the new member. */
export async function admitMember(
  deps: Deps,
  overrides: Record<string, unknown> = {},
  options: { organisationId?: string; effectiveOn?: string } = {},
) {
  const actor = systemActor('test')
  return deps.db.transaction().execute(async (trx) => {
    const { application } = await submitApplication(
      trx,
      declaration(overrides),
      { ip: '127.0.0.1', userAgent: 'test', lang: 'de' },
      deps,
      { actor, organisationId: options.organisationId },
    )
    const result = await approveApplication(trx, actor, application.id, deps, { effectiveOn: options.effectiveOn })
    if (result.status !== 'admitted') throw new Error('not admitted')
    return { member: result.member, application: result.application }
  })
}

/** Organisations A and B of the test cooperative as members, each with its own representative. */
export async function admitOrganisationsAB(deps: Deps, coop: Cooperative) {
  const memberA = (await admitMember(deps, { organisationName: 'Org A e.V.' }, { organisationId: coop.orgA.id })).member
  const memberB = (
    await admitMember(
      deps,
      { organisationName: 'Org B gGmbH', email: 'kim@org-b.test', givenName: 'Kim' },
      { organisationId: coop.orgB.id },
    )
  ).member
  return { memberA, memberB }
}
