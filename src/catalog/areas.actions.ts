import type { Executor, Trx } from '../db/db.ts'
import type { ServiceAreaTable } from '../db/schema-catalog.ts'
import type { Actor } from '../platform/actor.ts'
import { audit } from '../platform/audit.ts'
import type { ActionEnv } from '../platform/context.ts'
import { DomainError, fieldError } from '../platform/errors.ts'
import { type Area, toArea } from './catalog.model.ts'
import { authorizeProvider } from './catalog.policy.ts'
import { findAreaByKey, findProvider, lockArea } from './catalog.repo.ts'
import { type AreaInput, type AreaUpdate, areaUpdate, type CatalogPatch } from './catalog.schema.ts'
import { keyTaken, mergePatch, parseMerged, providerForEntry } from './entries.shared.ts'

/**
 * Creating and editing service areas. Staff manage every area; a partner provider's admins only the areas their
 * provider offers (catalog.policy). Key and kind are fixed at creation: bookings, quotes and the statutes'
 * share formula (primary areas) refer to them. Status changes go through setCatalogStatus.
 */

function columns(input: AreaUpdate, providerId: string) {
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
    notice_days: input.terms.noticeDays,
    term_end: input.terms.termEnd,
    minimum_term_months: input.terms.minimumTermMonths,
    terms_de: input.terms.text.de,
    terms_en: input.terms.text.en,
    config_fields: JSON.stringify(input.configFields),
  } satisfies Partial<Record<keyof ServiceAreaTable, unknown>>
}

/** An area as the inputs describe it, for the edit form, a patch's base and the journal. */
export function areaFields(area: Area, providerKey: string): AreaUpdate {
  return {
    providerKey,
    position: area.position,
    name: area.name,
    summary: area.summary,
    description: area.description,
    included: area.included,
    terms: { ...area.terms, text: area.termsText },
    configFields: area.configFields.map((f) => ({ ...f, choices: f.choices })),
  }
}

/** Creates an area, planned: it opens for orders once it has a price (setCatalogStatus). */
export async function createArea(trx: Trx, actor: Actor, input: AreaInput, env: ActionEnv): Promise<Area> {
  if (actor.kind === 'anonymous') throw new DomainError('unauthenticated')
  const provider = await providerForEntry(trx, input.providerKey, null)
  authorizeProvider(actor, provider)
  if (await keyTaken(trx, 'service_area', input.key)) throw fieldError('key', 'catalog_key_taken')
  const now = env.clock.now()
  const row = await trx
    .insertInto('service_area')
    .values({ key: input.key, kind: input.kind, ...columns(input, provider.id), created_at: now, updated_at: now })
    .returningAll()
    .executeTakeFirstOrThrow()
  const area = toArea(row)
  await audit(
    trx,
    actor,
    {
      action: 'catalog.area_created',
      subjectType: 'service_area',
      subjectId: area.id,
      organisationId: provider.organisation_id,
      before: null,
      after: { key: area.key, kind: area.kind, status: area.status, ...areaFields(area, provider.key) },
    },
    env.clock,
  )
  return area
}

/**
 * Changes an area: the patch is laid over what it is now and checked whole. Moving an area to another provider
 * needs the right to manage both (staff), so a partner cannot hand its entries to someone else.
 */
export async function updateArea(
  trx: Trx,
  actor: Actor,
  key: string,
  patch: CatalogPatch,
  env: ActionEnv,
): Promise<Area> {
  if (actor.kind === 'anonymous') throw new DomainError('unauthenticated')
  const found = await findAreaByKey(trx, key)
  if (!found) throw new DomainError('not_found')
  const provider = await findProvider(trx, found.provider_id)
  if (!provider) throw new DomainError('not_found')
  authorizeProvider(actor, provider)
  const row = await lockArea(trx, found.id)
  if (!row) throw new DomainError('not_found')
  const current = areaFields(toArea(row), provider.key)
  const next = parseMerged(areaUpdate, mergePatch(current, patch))
  const target = next.providerKey === provider.key ? provider : await providerForEntry(trx, next.providerKey, null)
  authorizeProvider(actor, target)
  const updated = await trx
    .updateTable('service_area')
    .set({ ...columns(next, target.id), updated_at: env.clock.now() })
    .where('id', '=', row.id)
    .returningAll()
    .executeTakeFirstOrThrow()
  const area = toArea(updated)
  await audit(
    trx,
    actor,
    {
      action: 'catalog.area_updated',
      subjectType: 'service_area',
      subjectId: area.id,
      organisationId: target.organisation_id,
      before: current,
      after: areaFields(area, target.key),
    },
    env.clock,
  )
  return area
}

/** The area and the key of its provider, for the edit form of someone who may manage it. */
export async function areaForEdit(db: Executor, actor: Actor, key: string) {
  const row = await findAreaByKey(db, key)
  if (!row) throw new DomainError('not_found')
  const provider = await findProvider(db, row.provider_id)
  if (!provider) throw new DomainError('not_found')
  authorizeProvider(actor, provider)
  return { area: toArea(row), providerKey: provider.key }
}
