import type { Executor, Trx } from '../db/db.ts'
import { cooperativeInfo } from '../members/cooperative.ts'
import type { Actor } from '../platform/actor.ts'
import { audit } from '../platform/audit.ts'
import type { ActionEnv } from '../platform/context.ts'
import { DomainError, fieldError } from '../platform/errors.ts'
import { authorize, can } from '../platform/policy.ts'
import { type Provider, toProvider } from './catalog.model.ts'
import { mayManageProvider } from './catalog.policy.ts'
import { providerRows } from './catalog.repo.ts'
import type { ProviderInput } from './catalog.schema.ts'
import { keyTaken } from './entries.shared.ts'

/**
 * Providers: the cooperative itself and partner cooperatives (ICA principle 6: cooperation among cooperatives).
 * A partner is an organisation of the portal; its admins then manage the partner's own catalog entries.
 */

export interface ProviderView extends Provider {
  organisationName: string | null
  areas: number
  services: number
}

/** Every provider with its organisation and how many entries it offers (staff). */
export async function listProviders(db: Executor, actor: Actor): Promise<ProviderView[]> {
  authorize(actor, 'catalog.manage')
  const [cooperative, rows, counts] = await Promise.all([
    cooperativeInfo(db),
    db
      .selectFrom('provider')
      .leftJoin('organisation', 'organisation.id', 'provider.organisation_id')
      .selectAll('provider')
      .select('organisation.name as organisation_name')
      .orderBy('provider.is_home', 'desc')
      .orderBy('provider.name')
      .execute(),
    db
      .selectFrom('provider')
      .select((eb) => [
        'provider.id',
        eb
          .selectFrom('service_area')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('service_area.provider_id', '=', 'provider.id')
          .as('areas'),
        eb
          .selectFrom('service')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('service.provider_id', '=', 'provider.id')
          .as('services'),
      ])
      .execute(),
  ])
  return rows.map((row) => {
    const count = counts.find((c) => c.id === row.id)
    return {
      ...toProvider(row, cooperative.name),
      organisationName: row.organisation_name,
      areas: Number(count?.areas ?? 0),
      services: Number(count?.services ?? 0),
    }
  })
}

/** The providers whose entries the actor may manage: all for staff, a partner's admins their own. */
export async function managedProviders(db: Executor, actor: Actor): Promise<Provider[]> {
  if (actor.kind === 'anonymous') return []
  const cooperative = await cooperativeInfo(db)
  return (await providerRows(db))
    .filter((row) => mayManageProvider(actor, row))
    .map((row) => toProvider(row, cooperative.name))
}

/** Organisations that are no provider yet: what staff can choose from for a new partner. */
export async function organisationsWithoutProvider(db: Executor, actor: Actor) {
  authorize(actor, 'catalog.manage')
  return db
    .selectFrom('organisation')
    .select(['id', 'name', 'ref'])
    .where('archived_at', 'is', null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('provider').select('provider.id').whereRef('provider.organisation_id', '=', 'organisation.id'),
        ),
      ),
    )
    .orderBy('name')
    .execute()
}

/** Staff list a partner provider for an existing organisation; an organisation is at most one provider. */
export async function createProvider(trx: Trx, actor: Actor, input: ProviderInput, env: ActionEnv): Promise<Provider> {
  authorize(actor, 'catalog.manage')
  const org = await trx
    .selectFrom('organisation')
    .select(['id', 'archived_at'])
    .where('id', '=', input.organisationId)
    .forUpdate()
    .executeTakeFirst()
  if (!org || org.archived_at !== null) throw fieldError('organisationId', 'organisation_unknown')
  const taken = await trx.selectFrom('provider').select('key').where('organisation_id', '=', org.id).executeTakeFirst()
  if (taken) throw fieldError('organisationId', 'provider_organisation_taken')
  if (await keyTaken(trx, 'provider', input.key)) throw fieldError('key', 'catalog_key_taken')
  const row = await trx
    .insertInto('provider')
    .values({
      key: input.key,
      name: input.name,
      organisation_id: org.id,
      website: input.website,
      description_de: input.description.de,
      description_en: input.description.en,
      created_at: env.clock.now(),
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  const provider = toProvider(row, row.name)
  await audit(
    trx,
    actor,
    {
      action: 'catalog.provider_created',
      subjectType: 'provider',
      subjectId: provider.id,
      organisationId: org.id,
      before: null,
      after: provider,
    },
    env.clock,
  )
  return provider
}

/**
 * Archives a partner provider. Only once everything it offers is discontinued: a provider without a listing
 * must not leave orderable entries behind. The cooperative itself cannot be archived.
 */
export async function archiveProvider(trx: Trx, actor: Actor, key: string, env: ActionEnv): Promise<void> {
  authorize(actor, 'catalog.manage')
  const row = await trx.selectFrom('provider').selectAll().where('key', '=', key).forUpdate().executeTakeFirst()
  if (!row) throw new DomainError('not_found')
  if (row.is_home) throw fieldError('provider', 'provider_home_archive')
  if (row.archived_at !== null) return
  const live = await trx
    .selectFrom('service_area')
    .select('key')
    .where('provider_id', '=', row.id)
    .where('status', '<>', 'discontinued')
    .union(
      trx.selectFrom('service').select('key').where('provider_id', '=', row.id).where('status', '<>', 'discontinued'),
    )
    .execute()
  if (live.length > 0) throw fieldError('provider', 'provider_has_live_entries')
  const now = env.clock.now()
  await trx.updateTable('provider').set({ archived_at: now }).where('id', '=', row.id).execute()
  await audit(
    trx,
    actor,
    {
      action: 'catalog.provider_archived',
      subjectType: 'provider',
      subjectId: row.id,
      organisationId: row.organisation_id,
      before: { archivedAt: null },
      after: { archivedAt: now.toISOString() },
    },
    env.clock,
  )
}

/** Whether the actor manages anything in the catalog (staff, or an admin of a partner provider). */
export async function managesCatalog(db: Executor, actor: Actor): Promise<boolean> {
  if (can(actor, 'catalog.manage')) return true
  return (await managedProviders(db, actor)).length > 0
}
