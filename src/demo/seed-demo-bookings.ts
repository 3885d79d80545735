import { loadActor } from '../auth/actor.repo.ts'
import { orderInput, requestInput } from '../bookings/bookings.schema.ts'
import { placeOrder } from '../bookings/order.actions.ts'
import { submitRequest } from '../bookings/request.actions.ts'
import type { Trx } from '../db/db.ts'
import type { ActionEnv } from '../platform/context.ts'
import { addDays, todayIn } from '../platform/dates.ts'

/**
 * Orders waiting in the team's queue of the demo: a member organisation's admin orders mailboxes for its running
 * workplace, and a non-member asks for a data-protection consultation through the public form. Runs after the
 * members are seeded (their areas are booked), inside the seed transaction.
 */
export async function seedDemoBookings(
  trx: Trx,
  env: ActionEnv,
  demo: { accountIds: Map<string, string>; organisationIds: string[] },
): Promise<void> {
  const today = todayIn(env.clock.now())
  const adminId = demo.accountIds.get('jana.petersen@klimabuendnis-nord.example')
  const organisationId = demo.organisationIds[0]
  const admin = adminId ? await loadActor(trx, adminId) : undefined
  if (!admin || !organisationId) throw new Error('the demo organisation Klimabündnis Nord is missing')
  await placeOrder(
    trx,
    admin,
    orderInput.parse({
      organisationId,
      areaKey: 'digital_infrastructure',
      serviceKey: 'mail',
      quantity: 8,
      startsOn: addDays(today, 14),
      acceptTerms: true,
    }),
    { ip: null, userAgent: null, lang: 'de' },
    env,
  )
  await submitRequest(
    trx,
    requestInput.parse({
      organisationName: 'Kulturverein Nordlicht',
      givenName: 'Mara',
      familyName: 'Nord',
      email: 'mara.nord@nordlicht.example',
      serviceKey: 'data_protection',
      quantity: 6,
      message: 'Wir brauchen ein Verzeichnis der Verarbeitungstätigkeiten und eine Vorlage für Auftragsverarbeitung.',
      consent: true,
    }),
    { ip: null, userAgent: null, lang: 'de' },
    env,
  )
}
