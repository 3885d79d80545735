import { pick } from '../catalog/catalog.model.ts'
import type { Executor } from '../db/db.ts'
import { cooperativeInfo } from '../members/cooperative.ts'
import { contactsOf } from '../people/people.repo.ts'
import type { ActionEnv } from '../platform/context.ts'
import { formatEuro, type Language } from '../platform/i18n.ts'
import { enqueueMail } from '../platform/mail.ts'
import { type BookingMailKey, bookingMail, bookingMailText } from './bookings.mails.ts'
import type { Booking } from './bookings.model.ts'
import type { OrderItem } from './catalog-items.ts'

/** The item's name in a language: the service's, or the area's for its flat rate. */
export function itemName(item: Pick<OrderItem, 'area' | 'service'>, lang: Language): string {
  return item.service ? `${pick(item.service.name, lang)} (${pick(item.area.name, lang)})` : pick(item.area.name, lang)
}

/** The agreed price as one sentence of a mail. */
export function priceSentence(booking: Booking, lang: Language): string {
  const p = booking.price
  if (p.priceVersionId === null) return ''
  const euro = (cents: number | null) => formatEuro(cents ?? 0, lang)
  const setup = p.setupCents ? bookingMailText(lang, 'price_setup', { setup: euro(p.setupCents) }) : ''
  const vat = String(p.vatPercent ?? 0)
  const key: BookingMailKey =
    booking.kind === 'flat_rate' ? 'price_flat' : booking.kind === 'addon' ? 'price_addon' : 'price_hourly'
  return bookingMailText(lang, key, {
    monthly: euro(p.monthlyCents),
    hourly: euro(p.hourlyCents),
    vat,
    tier: p.tierKey ?? '',
    quantity: booking.quantity,
    setup,
  })
}

/**
 * Tells an organisation's admins and legal representatives (and its billing contacts) about a booking, in each
 * one's language; written to the outbox in the same transaction, so a rolled-back change mails no one.
 */
export async function notifyOrganisation(
  db: Executor,
  kind: Parameters<typeof bookingMail>[0],
  booking: Booking,
  item: OrderItem,
  params: (lang: Language) => Record<string, string | number>,
  env: ActionEnv,
): Promise<number> {
  if (!booking.organisationId) return 0
  const cooperative = await cooperativeInfo(db)
  const organisation = await db
    .selectFrom('organisation')
    .select('name')
    .where('id', '=', booking.organisationId)
    .executeTakeFirstOrThrow()
  const contacts = await contactsOf(db, booking.organisationId, ['admin', 'legal_representative', 'billing_contact'])
  for (const contact of contacts) {
    const lang = contact.language
    await enqueueMail(
      db,
      bookingMail(kind, lang, contact.email, {
        name: contact.name,
        ref: booking.ref,
        organisation: organisation.name,
        item: itemName(item, lang),
        price: priceSentence(booking, lang),
        cooperative: cooperative.name,
        link: `${env.config.baseUrl}/bookings/${booking.id}`,
        shares: '',
        ...params(lang),
      }),
    )
  }
  return contacts.length
}

/** Tells the person who asked through the public form (no organisation in the portal yet), in their language. */
export async function notifyRequester(
  db: Executor,
  kind: Parameters<typeof bookingMail>[0],
  booking: Booking,
  item: OrderItem,
  params: Record<string, string | number>,
  env: ActionEnv,
): Promise<void> {
  const requester = booking.requester
  if (!requester || booking.organisationId) return
  const cooperative = await cooperativeInfo(db)
  const lang = requester.language
  await enqueueMail(
    db,
    bookingMail(kind, lang, requester.email, {
      name: `${requester.givenName} ${requester.familyName}`,
      ref: booking.ref,
      organisation: requester.organisationName,
      item: itemName(item, lang),
      price: priceSentence(booking, lang),
      cooperative: cooperative.name,
      link: env.config.baseUrl,
      ...params,
    }),
  )
}
