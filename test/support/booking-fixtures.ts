import { loadActor } from '../../src/auth/actor.repo.ts'
import { orderInput, requestInput } from '../../src/bookings/bookings.schema.ts'
import { placeOrder } from '../../src/bookings/order.actions.ts'
import { submitRequest } from '../../src/bookings/request.actions.ts'
import { todayIn } from '../../src/platform/dates.ts'
import type { TestApp } from './app.ts'
import { bookArea, openCatalog } from './bookings.ts'
import type { Cooperative } from './factories.ts'
import { fixtures } from './membership-fixtures.ts'

/** Organisation A (a member) books the digital infrastructure, has ordered the helpdesk; a public request waits. */
export interface BookingFixtures {
  bookingId: string
  requestedId: string
  trackingToken: string
}

const cache = new WeakMap<TestApp, BookingFixtures>()

export async function bookingFixtures(t: TestApp, coop: Cooperative): Promise<BookingFixtures> {
  const cached = cache.get(t)
  if (cached) return cached
  await fixtures(t, coop)
  const priced = await t.deps.db.selectFrom('price_version').select('id').limit(1).executeTakeFirst()
  if (!priced) await openCatalog(t.deps)
  const today = todayIn(t.deps.clock.now())
  const booking = await bookArea(t.deps, coop.orgA.id, 'digital_infrastructure', today)
  const admin = (await loadActor(t.deps.db, coop.orgA.admin.accountId))!
  const context = { ip: null, userAgent: 'test', lang: 'de' as const }
  const fx = await t.deps.db.transaction().execute(async (trx) => {
    const ordered = await placeOrder(
      trx,
      admin,
      orderInput.parse({ organisationId: coop.orgA.id, areaKey: 'it_helpdesk', startsOn: today, acceptTerms: true }),
      context,
      t.deps,
    )
    const request = await submitRequest(
      trx,
      requestInput.parse({
        organisationName: 'Anfragende e.V.',
        givenName: 'Ana',
        familyName: 'Frage',
        email: 'ana@anfrage.test',
        serviceKey: 'it_projects',
        quantity: 3,
        message: 'Beratung',
        consent: true,
      }),
      context,
      t.deps,
    )
    return { bookingId: booking.id, requestedId: ordered.booking.id, trackingToken: request.trackingToken }
  })
  cache.set(t, fx)
  return fx
}
