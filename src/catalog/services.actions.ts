import type { Executor, Trx } from '../db/db.ts'
import type { CatalogStatus, ServiceTable } from '../db/schema-catalog.ts'
import type { Actor } from '../platform/actor.ts'
import { audit } from '../platform/audit.ts'
import type { ActionEnv } from '../platform/context.ts'
import { DomainError, fieldError } from '../platform/errors.ts'
import { type Service, toService } from './catalog.model.ts'
import { authorizeProvider } from './catalog.policy.ts'
import { findArea, findAreaByKey, findProvider, findServiceByKey, lockService } from './catalog.repo.ts'
import { type CatalogPatch, type ServiceInput, type ServiceUpdate, serviceUpdate } from './catalog.schema.ts'
import { keyTaken, mergePatch, parseMerged, providerForEntry } from './entries.shared.ts'
import { setCatalogStatus } from './status.actions.ts'

/**
 * Creating and editing services. A service belongs to an area and has a provider of its own (by default the
 * area's): whoever creates or moves it must be allowed to manage both, so a partner lists services only in its
 * own areas and never inside the cooperative's flat rate. The pricing (included, add-on, hourly) is fixed at
 * creation: price versions and bookings depend on it.
 */

function columns(input: ServiceUpdate, providerId: string) {
  return {
    provider_id: providerId,
    position: input.position,
    name_de: input.name.de,
    name_en: input.name.en,
    summary_de: input.summary.de,
    summary_en: input.summary.en,
    description_de: input.description.de,
    description_en: input.description.en,
    included_de: input.included.de,
    included_en: input.included.en,
    software: input.software,
    replaces: input.replaces,
    data_location: input.dataLocation,
    energy_source: input.energySource,
    backup_policy: input.backupPolicy,
    sso: input.sso,
    unit_de: input.unit.de,
    unit_en: input.unit.en,
  } satisfies Partial<Record<keyof ServiceTable, unknown>>
}

export function serviceFields(service: Service, providerKey: string): ServiceUpdate {
  return {
    providerKey,
    position: service.position,
    name: service.name,
    summary: service.summary,
    description: service.description,
    included: service.included,
    software: service.software,
    replaces: service.replaces as ServiceUpdate['replaces'],
    dataLocation: service.dataLocation,
    energySource: service.energySource,
    backupPolicy: service.backupPolicy,
    sso: service.sso,
    unit: service.unit,
  }
}

/** Creates a service, planned; `status` (from the form) is then set through setCatalogStatus in the same transaction. */
export async function createService(
  trx: Trx,
  actor: Actor,
  input: ServiceInput & { status?: CatalogStatus },
  env: ActionEnv,
): Promise<Service> {
  if (actor.kind === 'anonymous') throw new DomainError('unauthenticated')
  const area = await findAreaByKey(trx, input.areaKey)
  if (!area) throw fieldError('areaKey', 'area_unknown')
  const areaProvider = await findProvider(trx, area.provider_id)
  if (!areaProvider) throw new DomainError('not_found')
  authorizeProvider(actor, areaProvider)
  const provider = await providerForEntry(trx, input.providerKey, area.provider_id)
  authorizeProvider(actor, provider)
  // a secondary area has no flat rate a service could be part of
  if (area.kind === 'secondary' && input.pricing === 'included') throw fieldError('pricing', 'pricing_needs_flat_rate')
  if (await keyTaken(trx, 'service', input.key)) throw fieldError('key', 'catalog_key_taken')
  const now = env.clock.now()
  const row = await trx
    .insertInto('service')
    .values({
      key: input.key,
      area_id: area.id,
      pricing: input.pricing,
      ...columns(input, provider.id),
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  const service = toService(row)
  await audit(
    trx,
    actor,
    {
      action: 'catalog.service_created',
      subjectType: 'service',
      subjectId: service.id,
      organisationId: provider.organisation_id,
      before: null,
      after: { key: service.key, areaKey: area.key, pricing: service.pricing, ...serviceFields(service, provider.key) },
    },
    env.clock,
  )
  if (input.status && input.status !== service.status) {
    await setCatalogStatus(trx, actor, { serviceKey: service.key, status: input.status }, env)
    return { ...service, status: input.status }
  }
  return service
}

/** Changes a service: the patch over what it is now, checked whole; a new provider needs the right to both. */
export async function updateService(
  trx: Trx,
  actor: Actor,
  key: string,
  patch: CatalogPatch & { status?: CatalogStatus },
  env: ActionEnv,
): Promise<Service> {
  if (actor.kind === 'anonymous') throw new DomainError('unauthenticated')
  const found = await findServiceByKey(trx, key)
  if (!found) throw new DomainError('not_found')
  const provider = await findProvider(trx, found.provider_id)
  if (!provider) throw new DomainError('not_found')
  authorizeProvider(actor, provider)
  const row = await lockService(trx, found.id)
  if (!row) throw new DomainError('not_found')
  const { status, ...fields } = patch
  const current = serviceFields(toService(row), provider.key)
  const next = parseMerged(serviceUpdate, mergePatch(current, fields))
  const target = next.providerKey === provider.key ? provider : await providerForEntry(trx, next.providerKey, null)
  authorizeProvider(actor, target)
  const updated = await trx
    .updateTable('service')
    .set({ ...columns(next, target.id), updated_at: env.clock.now() })
    .where('id', '=', row.id)
    .returningAll()
    .executeTakeFirstOrThrow()
  const service = toService(updated)
  await audit(
    trx,
    actor,
    {
      action: 'catalog.service_updated',
      subjectType: 'service',
      subjectId: service.id,
      organisationId: target.organisation_id,
      before: current,
      after: serviceFields(service, target.key),
    },
    env.clock,
  )
  if (status && status !== service.status) {
    await setCatalogStatus(trx, actor, { serviceKey: service.key, status }, env)
    return { ...service, status }
  }
  return service
}

/** The service with its area's key and its provider's key, for the edit form of someone who may manage it. */
export async function serviceForEdit(db: Executor, actor: Actor, key: string) {
  const row = await findServiceByKey(db, key)
  if (!row) throw new DomainError('not_found')
  const provider = await findProvider(db, row.provider_id)
  const area = await findArea(db, row.area_id)
  if (!provider || !area) throw new DomainError('not_found')
  authorizeProvider(actor, provider)
  return { service: toService(row), providerKey: provider.key, areaKey: area.key, areaKind: area.kind }
}
