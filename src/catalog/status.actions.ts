import type { Trx } from '../db/db.ts'
import type { CatalogStatus } from '../db/schema-catalog.ts'
import type { Actor } from '../platform/actor.ts'
import { audit } from '../platform/audit.ts'
import type { ActionEnv } from '../platform/context.ts'
import { todayIn } from '../platform/dates.ts'
import { DomainError, fieldError } from '../platform/errors.ts'
import { toArea, toPriceVersion, toService } from './catalog.model.ts'
import { authorizeProvider } from './catalog.policy.ts'
import {
  findAreaByKey,
  findProvider,
  findServiceByKey,
  lockArea,
  lockService,
  priceVersionRows,
} from './catalog.repo.ts'
import { versionOn } from './pricing.rules.ts'

/**
 * Opens, plans or discontinues an area or a service. Only what has a price holding today can be orderable
 * (an area's flat rate; an add-on's or hourly service's own price; included services go with their area), so
 * nobody orders something whose price is not yet decided. Discontinuing stops new orders; running bookings run on.
 */
export async function setCatalogStatus(
  trx: Trx,
  actor: Actor,
  input: { areaKey: string; status: CatalogStatus } | { serviceKey: string; status: CatalogStatus },
  env: ActionEnv,
): Promise<void> {
  const today = todayIn(env.clock.now())
  if ('serviceKey' in input) {
    const found = await findServiceByKey(trx, input.serviceKey)
    if (!found) throw fieldError('serviceKey', 'service_unknown')
    const provider = await findProvider(trx, found.provider_id)
    if (!provider) throw new DomainError('not_found')
    authorizeProvider(actor, provider)
    const row = await lockService(trx, found.id)
    if (!row) throw new DomainError('not_found')
    const service = toService(row)
    if (input.status === 'orderable' && service.pricing !== 'included') {
      const versions = (await priceVersionRows(trx, { serviceId: service.id })).map(toPriceVersion)
      if (!versionOn(versions, today)) throw fieldError('status', 'orderable_needs_price')
    }
    if (service.status === input.status) return
    await trx
      .updateTable('service')
      .set({ status: input.status, updated_at: env.clock.now() })
      .where('id', '=', service.id)
      .execute()
    await audit(
      trx,
      actor,
      {
        action: 'catalog.status_changed',
        subjectType: 'service',
        subjectId: service.id,
        before: { status: service.status },
        after: { status: input.status },
      },
      env.clock,
    )
    return
  }
  const found = await findAreaByKey(trx, input.areaKey)
  if (!found) throw fieldError('areaKey', 'area_unknown')
  const provider = await findProvider(trx, found.provider_id)
  if (!provider) throw new DomainError('not_found')
  authorizeProvider(actor, provider)
  const row = await lockArea(trx, found.id)
  if (!row) throw new DomainError('not_found')
  const area = toArea(row)
  if (input.status === 'orderable' && area.kind === 'primary') {
    const versions = (await priceVersionRows(trx, { areaId: area.id })).map(toPriceVersion)
    if (!versionOn(versions, today)) throw fieldError('status', 'orderable_needs_price')
  }
  if (area.status === input.status) return
  await trx
    .updateTable('service_area')
    .set({ status: input.status, updated_at: env.clock.now() })
    .where('id', '=', area.id)
    .execute()
  await audit(
    trx,
    actor,
    {
      action: 'catalog.status_changed',
      subjectType: 'service_area',
      subjectId: area.id,
      before: { status: area.status },
      after: { status: input.status },
    },
    env.clock,
  )
}
