import { recordInput } from '../../src/bookings/bookings.schema.ts'
import { recordBooking } from '../../src/bookings/order.actions.ts'
import { seedExamplePrices } from '../../src/demo/seed-demo-catalog.ts'
import { systemActor } from '../../src/platform/actor.ts'
import type { Deps } from '../../src/platform/context.ts'
import { todayIn } from '../../src/platform/dates.ts'

/** The demo's example prices from a day (today unless given): every area and priced service becomes orderable. */
export async function openCatalog(deps: Deps, validFrom = todayIn(deps.clock.now())): Promise<void> {
  await deps.db.transaction().execute((trx) => seedExamplePrices(trx, systemActor('test'), deps, validFrom))
}

/**
 * Staff record a running contract of a primary area for an organisation (as for contracts moved into Allmende):
 * confirmed at once from `startsOn` (today unless given). The configuration the founders' areas ask for is filled.
 */
export async function bookArea(
  deps: Deps,
  organisationId: string,
  areaKey = 'digital_infrastructure',
  startsOn = todayIn(deps.clock.now()),
) {
  return deps.db
    .transaction()
    .execute((trx) =>
      recordBooking(
        trx,
        systemActor('test'),
        recordInput.parse({ organisationId, areaKey, startsOn, config: { accounts: 5, devices: 5 } }),
        deps,
      ),
    )
}
