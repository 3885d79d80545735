import type { CapitalTx, ShareTx } from '../capital/capital.rules.ts'
import type { CapitalTransactionRow, ExitReason, MemberType, ShareTransactionRow } from '../db/schema.ts'
import type { Actor } from '../platform/actor.ts'
import type { PlainDate } from '../platform/dates.ts'
import { DomainError } from '../platform/errors.ts'
import { authorize, authorizeWithin, type Permission, permissionRules } from '../platform/policy.ts'
import type { MemberWithPartyRow } from './members.repo.ts'
import { type MembershipStatus, membershipStatus } from './membership.rules.ts'

export interface Member {
  id: string
  number: string
  memberType: MemberType
  organisationId: string | null
  personId: string | null
  name: string
  address: string
  email: string | null
  joinedOn: PlainDate
  noticeGivenOn: PlainDate | null
  exitOn: PlainDate | null
  exitReason: ExitReason | null
  exitNote: string | null
  status: MembershipStatus
  primaryAreas: string[]
  employees: number
  annualBudgetCents: number
  purged: boolean
}

export function toMember(row: MemberWithPartyRow, today: PlainDate): Member {
  const cityLine = [row.party_postal_code, row.party_city].filter(Boolean).join(' ')
  return {
    id: row.id,
    number: row.number,
    memberType: row.member_type,
    organisationId: row.organisation_id,
    personId: row.person_id,
    name: row.party_name,
    address: [row.party_street, cityLine, row.party_country !== 'DE' ? row.party_country : '']
      .filter(Boolean)
      .join(', '),
    email: row.party_email,
    joinedOn: row.joined_on,
    noticeGivenOn: row.notice_given_on,
    exitOn: row.exit_on,
    exitReason: row.exit_reason,
    exitNote: row.exit_note,
    status: membershipStatus({ joinedOn: row.joined_on, exitOn: row.exit_on }, today),
    primaryAreas: row.primary_areas,
    employees: row.org_employees ?? 0,
    annualBudgetCents: Number(row.org_budget_cents ?? 0),
    purged: row.purged_at !== null,
  }
}

export function toShareTx(row: ShareTransactionRow): ShareTx {
  return {
    id: row.id,
    kind: row.kind,
    shares: row.shares,
    effectiveOn: row.effective_on,
    reversesId: row.reverses_id,
  }
}

export function toCapitalTx(row: CapitalTransactionRow): CapitalTx {
  return {
    id: row.id,
    kind: row.kind,
    amountCents: Number(row.amount_cents),
    effectiveOn: row.effective_on,
    reversesId: row.reverses_id,
    reversedKind: row.reversed_kind,
  }
}

/** Permissions a person member holds over their own membership, as an organisation's representatives do over theirs. */
const selfPermissions: Permission[] = ['member.read', 'capital.read', 'member.give_notice', 'member.request_shares']

/**
 * Access to one membership: an organisation's membership through the functions in that organisation
 * (someone who cannot see the organisation gets not found), a person's membership by that person.
 */
export function authorizeMember(
  actor: Actor,
  permission: Permission,
  member:
    | { organisation_id: string | null; person_id: string | null }
    | { organisationId: string | null; personId: string | null },
): void {
  const organisationId = 'organisation_id' in member ? member.organisation_id : member.organisationId
  const personId = 'person_id' in member ? member.person_id : member.personId
  if (actor.kind === 'anonymous') throw new DomainError('unauthenticated')
  if (personId && actor.personId === personId && selfPermissions.includes(permission)) {
    const scope = permissionRules[permission].scope
    if (!actor.scopes || !scope || actor.scopes.has(scope)) return
    throw new DomainError('forbidden', permission)
  }
  if (organisationId) {
    authorizeWithin(actor, permission, organisationId)
    return
  }
  if (!permissionRules[permission].roles.some((role) => actor.roles.has(role))) {
    throw new DomainError(
      permissionRules['member.read_all'].roles.some((role) => actor.roles.has(role)) ? 'forbidden' : 'not_found',
    )
  }
  authorize(actor, permission)
}
