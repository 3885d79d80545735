import type { CoopRole } from '../db/schema.ts'
import type { Actor, ApiScope } from './actor.ts'
import { DomainError } from './errors.ts'

/**
 * Who may do what. One table for the whole platform so the route × role test and the pages agree.
 * Cooperative roles reach every organisation; organisation functions reach only their own organisation.
 */
export type Permission =
  | 'organisation.list_all'
  | 'organisation.read'
  | 'organisation.create'
  | 'organisation.update'
  | 'organisation.archive'
  | 'person.list_all'
  | 'person.create'
  | 'person.update_any'
  | 'affiliation.read'
  | 'affiliation.manage'
  | 'account.manage_roles'
  | 'account.reset_second_factor'
  | 'journal.read_all'
  | 'journal.read_organisation'
  | 'statutes.manage'
  | 'application.read_all'
  | 'application.decide'
  | 'member.read_all'
  | 'member.read'
  | 'member.give_notice'
  | 'member.request_shares'
  | 'member.manage'
  | 'capital.read'
  | 'capital.book'
  | 'payout.read'
  | 'payout.manage'
  | 'register.purge'
  | 'catalog.manage'
  | 'catalog.manage_own'
  | 'needs.read_all'
  | 'needs.follow_up'
  | 'booking.read_all'
  | 'booking.read'
  | 'booking.order'
  | 'booking.decide'
  | 'event.manage'
  | 'interest.read'
  | 'assembly.read'
  | 'assembly.manage'
  | 'assembly.check_in'
  | 'assembly.act'
  | 'governance.read_all'
  | 'room.manage'

const readers: CoopRole[] = ['board', 'supervisory_board', 'staff', 'auditor']
const operators: CoopRole[] = ['board', 'staff']
/** Who may inspect the member register and the ledgers of every member (§30, §31 GenG; the auditing association). */
const registerReaders: CoopRole[] = ['board', 'supervisory_board', 'auditor']

interface Rule {
  roles: CoopRole[]
  /** Organisation functions that grant the permission for that one organisation. */
  orgFunctions?: Array<
    'admin' | 'legal_representative' | 'member_user' | 'billing_contact' | 'technical_contact' | 'any'
  >
  scope: ApiScope | null
}

export const permissionRules: Record<Permission, Rule> = {
  'organisation.list_all': { roles: readers, scope: 'organisations:read' },
  'organisation.read': { roles: readers, orgFunctions: ['any'], scope: 'organisations:read' },
  'organisation.create': { roles: operators, scope: 'organisations:write' },
  'organisation.update': { roles: operators, orgFunctions: ['admin'], scope: 'organisations:write' },
  'organisation.archive': { roles: operators, scope: 'organisations:write' },
  'person.list_all': { roles: readers, scope: 'people:read' },
  'person.create': { roles: operators, scope: 'people:write' },
  'person.update_any': { roles: operators, scope: 'people:write' },
  'affiliation.read': { roles: readers, orgFunctions: ['any'], scope: 'people:read' },
  'affiliation.manage': { roles: operators, orgFunctions: ['admin'], scope: 'people:write' },
  'account.manage_roles': { roles: ['board'], scope: 'people:write' },
  'account.reset_second_factor': { roles: operators, scope: 'people:write' },
  'journal.read_all': { roles: readers, scope: 'journal:read' },
  'journal.read_organisation': {
    roles: readers,
    orgFunctions: ['admin', 'legal_representative'],
    scope: 'journal:read',
  },
  'statutes.manage': { roles: ['board'], scope: 'members:write' },
  'application.read_all': { roles: registerReaders, scope: 'members:read' },
  /** Admission and rejection are the board's (§15 GenG). */
  'application.decide': { roles: ['board'], scope: 'members:write' },
  'member.read_all': { roles: registerReaders, scope: 'members:read' },
  /** A member's own entries (§31 GenG): the organisation's representatives and admins. */
  'member.read': {
    roles: registerReaders,
    orgFunctions: ['admin', 'legal_representative', 'billing_contact'],
    scope: 'members:read',
  },
  /** Notice is a declaration of the member: given by its representative or admin, or recorded by the board. */
  'member.give_notice': { roles: ['board'], orgFunctions: ['admin', 'legal_representative'], scope: 'members:write' },
  'member.request_shares': {
    roles: ['board'],
    orgFunctions: ['admin', 'legal_representative'],
    scope: 'members:write',
  },
  'member.manage': { roles: ['board'], scope: 'members:write' },
  'capital.read': {
    roles: registerReaders,
    orgFunctions: ['admin', 'legal_representative', 'billing_contact'],
    scope: 'members:read',
  },
  'capital.book': { roles: ['board'], scope: 'members:write' },
  'payout.read': { roles: registerReaders, scope: 'members:read' },
  'payout.manage': { roles: ['board'], scope: 'members:write' },
  'register.purge': { roles: ['board'], scope: 'members:write' },
  /** Areas, services, providers and prices of the whole catalog. */
  'catalog.manage': { roles: operators, scope: 'catalog:write' },
  /** A partner provider's own services: the admins of the provider's organisation (checked against the provider). */
  'catalog.manage_own': { roles: operators, orgFunctions: ['admin'], scope: 'catalog:write' },
  /** The founders' view of every needs questionnaire (the business plan's input). */
  'needs.read_all': { roles: ['board', 'supervisory_board', 'staff'], scope: 'orders:read' },
  'needs.follow_up': { roles: operators, scope: 'orders:write' },
  'booking.read_all': { roles: readers, scope: 'orders:read' },
  /** An organisation's own bookings: those who speak for it, pay for it or run its IT. */
  'booking.read': {
    roles: readers,
    orgFunctions: ['admin', 'legal_representative', 'billing_contact', 'technical_contact'],
    scope: 'orders:read',
  },
  /** Ordering, changing and cancelling binds the organisation: its admins and legal representatives, or staff for it. */
  'booking.order': { roles: operators, orgFunctions: ['admin', 'legal_representative'], scope: 'orders:write' },
  /** Confirming or rejecting an order (a partner's own orders: checked against the provider). */
  'booking.decide': { roles: operators, scope: 'orders:write' },
  'event.manage': { roles: operators, scope: 'catalog:write' },
  /** The interest list (people who asked to stay informed) and its export. */
  'interest.read': { roles: operators, scope: 'orders:read' },
  /** Assemblies a member may attend: everyone who speaks for or works at a member (checked against the voter roll). */
  'assembly.read': { roles: readers, orgFunctions: ['any'], scope: 'governance:read' },
  /** Calling, preparing, chairing and closing assemblies and their polls: the board, staff for it. */
  'assembly.manage': { roles: operators, scope: 'governance:write' },
  /** Checking people in and out at the door. */
  'assembly.check_in': { roles: operators, scope: 'governance:write' },
  /** Acting for a member in an assembly (proxies, motions, co-signing, voting): who speaks for it. */
  'assembly.act': { roles: [], orgFunctions: ['legal_representative'], scope: 'governance:write' },
  /** Every assembly, vote record and register of resolutions. */
  'governance.read_all': { roles: readers, scope: 'governance:read' },
  /** Opening committee rooms and naming their first chair (the contents stay with the room's members). */
  'room.manage': { roles: ['board'], scope: 'governance:write' },
}

/** True when the actor holds the permission, for `organisationId` where it is organisation-bound. */
export function can(actor: Actor, permission: Permission, organisationId?: string | null): boolean {
  if (actor.kind === 'anonymous') return false
  const rule = permissionRules[permission]
  if (actor.scopes && rule.scope && !actor.scopes.has(rule.scope)) return false
  if (rule.roles.some((role) => actor.roles.has(role))) return true
  if (!rule.orgFunctions || !organisationId) return false
  const functions = actor.orgs.get(organisationId)
  if (!functions) return false
  return rule.orgFunctions.some((f) => (f === 'any' ? functions.size > 0 : functions.has(f)))
}

/** Throws `forbidden` (or `unauthenticated` for nobody) unless the actor holds the permission. */
export function authorize(actor: Actor, permission: Permission, organisationId?: string | null): void {
  if (actor.kind === 'anonymous') throw new DomainError('unauthenticated')
  if (!can(actor, permission, organisationId)) throw new DomainError('forbidden', permission)
}

/** Organisations whose rows the actor may see for a permission: every one, or a list (possibly empty). */
export function organisationScope(actor: Actor, permission: Permission): 'all' | string[] {
  const rule = permissionRules[permission]
  if (actor.kind === 'anonymous') return []
  if (actor.scopes && rule.scope && !actor.scopes.has(rule.scope)) return []
  if (rule.roles.some((role) => actor.roles.has(role))) return 'all'
  return [...actor.orgs.keys()].filter((id) => can(actor, permission, id))
}

export function isSignedIn(actor: Actor): boolean {
  return actor.kind !== 'anonymous'
}

/**
 * For organisation-bound permissions: someone who cannot even see the organisation gets `not_found`
 * (its existence is not revealed); someone who sees it but lacks the right gets `forbidden`.
 */
export function authorizeWithin(actor: Actor, permission: Permission, organisationId: string): void {
  if (actor.kind === 'anonymous') throw new DomainError('unauthenticated')
  if (can(actor, permission, organisationId)) return
  throw new DomainError(
    can({ ...actor, scopes: null }, 'organisation.read', organisationId) ? 'forbidden' : 'not_found',
    permission,
  )
}
