import type { Actor } from '../platform/actor.ts'
import { DomainError } from '../platform/errors.ts'
import { can } from '../platform/policy.ts'

/**
 * Who may change a catalog entry: staff and the board everything; a partner provider's admins (admins of the
 * provider's organisation) only what that provider offers (ICA principle 6: cooperation among cooperatives).
 */
export function mayManageProvider(actor: Actor, provider: { organisation_id: string | null }): boolean {
  if (can(actor, 'catalog.manage')) return true
  return provider.organisation_id !== null && can(actor, 'catalog.manage_own', provider.organisation_id)
}

export function authorizeProvider(actor: Actor, provider: { organisation_id: string | null }): void {
  if (actor.kind === 'anonymous') throw new DomainError('unauthenticated')
  if (!mayManageProvider(actor, provider)) throw new DomainError('forbidden', 'catalog.manage')
}
