import { mayManageProvider } from '../catalog/catalog.policy.ts'
import type { ProviderRow } from '../db/schema-catalog.ts'
import type { Actor } from '../platform/actor.ts'
import { DomainError } from '../platform/errors.ts'
import { authorizeWithin, can } from '../platform/policy.ts'

/**
 * Who decides on an order: staff and the board for every order; a partner provider's admins for orders of their
 * own provider's items (ICA principle 6), with a token that may write orders.
 */
export function mayDecide(actor: Actor, provider: Pick<ProviderRow, 'organisation_id'>): boolean {
  if (actor.kind === 'anonymous') return false
  if (can(actor, 'booking.decide')) return true
  if (actor.scopes && !actor.scopes.has('orders:write')) return false
  return provider.organisation_id !== null && mayManageProvider(actor, provider)
}

/** Reading a booking: the organisation's contacts (booking.read), every reader of all bookings, or its decider. */
export function mayRead(
  actor: Actor,
  booking: { organisation_id: string | null },
  provider: Pick<ProviderRow, 'organisation_id'>,
): boolean {
  if (can(actor, 'booking.read_all')) return true
  if (booking.organisation_id && can(actor, 'booking.read', booking.organisation_id)) return true
  return mayDecide(actor, provider)
}

/** Reading is checked first: who may not read a booking is told it does not exist. */
export function authorizeRead(
  actor: Actor,
  booking: { organisation_id: string | null },
  provider: Pick<ProviderRow, 'organisation_id'>,
): void {
  if (actor.kind === 'anonymous') throw new DomainError('unauthenticated')
  if (!mayRead({ ...actor, scopes: null }, booking, provider)) throw new DomainError('not_found')
  if (!mayRead(actor, booking, provider)) throw new DomainError('forbidden', 'booking.read')
}

export function authorizeDecide(
  actor: Actor,
  booking: { organisation_id: string | null },
  provider: Pick<ProviderRow, 'organisation_id'>,
): void {
  authorizeRead({ ...actor, scopes: null }, booking, provider)
  if (!mayDecide(actor, provider)) throw new DomainError('forbidden', 'booking.decide')
}

/** Ordering, withdrawing, changing and cancelling for an organisation (booking.order). */
export function authorizeOrder(actor: Actor, organisationId: string): void {
  authorizeWithin(actor, 'booking.order', organisationId)
}
