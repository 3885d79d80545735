import { createArea } from '../../src/catalog/areas.actions.ts'
import { areaInput, serviceInput } from '../../src/catalog/catalog.schema.ts'
import { createProvider } from '../../src/catalog/providers.actions.ts'
import { createService } from '../../src/catalog/services.actions.ts'
import { systemActor } from '../../src/platform/actor.ts'
import type { TestApp } from './app.ts'
import type { Cooperative } from './factories.ts'

/**
 * Organisation B as a partner provider (`partner-b`) with a secondary area and an hourly service of its own:
 * what the catalog routes act on in the authorization walk (the `otherAdmin` is its admin).
 */
export const catalogKeys = {
  provider: 'partner-b',
  area: 'partner_training',
  service: 'partner_workshop',
} as const

const done = new WeakMap<TestApp, Promise<void>>()

export function catalogFixtures(t: TestApp, coop: Cooperative): Promise<void> {
  let pending = done.get(t)
  if (!pending) {
    const actor = systemActor('test')
    pending = t.deps.db.transaction().execute(async (trx) => {
      await createProvider(
        trx,
        actor,
        {
          key: catalogKeys.provider,
          name: 'Partner B eG',
          organisationId: coop.orgB.id,
          website: null,
          description: { de: '', en: '' },
        },
        t.deps,
      )
      await createArea(
        trx,
        actor,
        areaInput.parse({
          key: catalogKeys.area,
          kind: 'secondary',
          providerKey: catalogKeys.provider,
          name: { de: 'Schulungen von Partner B', en: 'Trainings by partner B' },
        }),
        t.deps,
      )
      await createService(
        trx,
        actor,
        serviceInput.parse({
          key: catalogKeys.service,
          areaKey: catalogKeys.area,
          pricing: 'hourly',
          name: { de: 'Workshop', en: 'Workshop' },
        }),
        t.deps,
      )
    })
    done.set(t, pending)
  }
  return pending
}
