import { type AgreedPrice, agreedPrice } from '../catalog/pricing.rules.ts'
import type { Trx } from '../db/db.ts'
import type { BookingRow } from '../db/schema-catalog.ts'
import type { Actor } from '../platform/actor.ts'
import { audit } from '../platform/audit.ts'
import type { ActionEnv } from '../platform/context.ts'
import { addDays, compareDates, type PlainDate, todayIn } from '../platform/dates.ts'
import { DomainError, fieldError } from '../platform/errors.ts'
import { formatDate } from '../platform/i18n.ts'
import { type Booking, toBooking } from './bookings.model.ts'
import { authorizeDecide } from './bookings.policy.ts'
import {
  findBooking,
  lockBooking,
  membershipOn,
  organisationRow,
  shareApplicationRow,
  updateBooking,
} from './bookings.repo.ts'
import { allowedTransitions, bookingState } from './bookings.rules.ts'
import { itemOfBooking, type OrderItem, priceOn } from './catalog-items.ts'
import { notifyOrganisation, notifyRequester } from './notify.ts'
import { sharesForArea } from './shares.ts'

/** Reads, authorises the decider (bookings.policy) and locks a booking that waits for a decision. */
export async function lockForDecision(trx: Trx, actor: Actor, id: string, today: PlainDate) {
  const found = await findBooking(trx, id)
  if (!found) throw new DomainError('not_found')
  const item = await itemOfBooking(trx, found)
  authorizeDecide(actor, found, item.provider)
  const row = await lockBooking(trx, id)
  if (!row) throw new DomainError('not_found')
  if (!allowedTransitions(bookingState(toBooking(row), today)).includes('confirm'))
    throw new DomainError('booking_state', row.status)
  return { row, item }
}

/** The price on the new start: kept when the same version holds then, re-priced when another one does. */
export async function priceForStart(
  trx: Trx,
  row: BookingRow,
  item: OrderItem,
  organisationId: string,
  startsOn: PlainDate,
  isMember: boolean,
): Promise<AgreedPrice> {
  const version = priceOn(item, startsOn)
  if (!version) throw fieldError('startsOn', 'no_price_yet')
  if (
    version.id === row.price_version_id &&
    row.vat_percent !== null &&
    (row.monthly_cents !== null || row.hourly_cents !== null)
  )
    return {
      priceVersionId: version.id,
      tierKey: row.tier_key,
      monthlyCents: row.monthly_cents === null ? null : Number(row.monthly_cents),
      setupCents: Number(row.setup_cents ?? 0),
      hourlyCents: row.hourly_cents === null ? null : Number(row.hourly_cents),
      vatPercent: Number(row.vat_percent),
    }
  const organisation = await organisationRow(trx, organisationId)
  if (!organisation) throw new DomainError('not_found')
  return agreedPrice(version, {
    size: {
      employees: organisation.employees,
      volunteers: organisation.volunteers,
      annualBudgetCents: Number(organisation.annual_budget_cents),
    },
    quantity: row.quantity,
    isMember,
  })
}

/** Moves the booking a confirmed change replaces to its end: the day before the change starts. */
async function endReplaced(trx: Trx, actor: Actor, replacesId: string, startsOn: PlainDate, env: ActionEnv) {
  const old = await lockBooking(trx, replacesId)
  if (!old) throw new DomainError('not_found')
  const endsOn = addDays(startsOn, -1)
  if (old.ends_on !== null && compareDates(old.ends_on, endsOn) <= 0) return
  await updateBooking(trx, old.id, { ends_on: endsOn })
  await audit(
    trx,
    actor,
    {
      action: 'booking.replaced',
      subjectType: 'booking',
      subjectId: old.id,
      organisationId: old.organisation_id,
      before: { endsOn: old.ends_on },
      after: { endsOn },
    },
    env.clock,
  )
}

/**
 * Staff confirm an order with its start (today or later), from which the contract runs with its price version:
 * re-priced only when another version holds on the confirmed start. A §15b declaration the order carries must
 * have been admitted by the board first, and a member must hold the mandatory shares its primary areas need on
 * the start date (shares_missing). The booking row is locked, so two staff confirming at once yield one
 * confirmation; a confirmed change ends the booking it replaces the day before.
 */
export async function confirmBooking(
  trx: Trx,
  actor: Actor,
  id: string,
  input: { startsOn: PlainDate },
  env: ActionEnv,
): Promise<Booking> {
  const now = env.clock.now()
  const today = todayIn(now)
  const { row, item } = await lockForDecision(trx, actor, id, today)
  if (!row.organisation_id) throw new DomainError('booking_state', 'a request needs its organisation first')
  if (compareDates(input.startsOn, today) < 0) throw fieldError('startsOn', 'date_in_past')
  if (row.replaces_id && compareDates(input.startsOn, row.starts_on) < 0)
    throw fieldError('startsOn', 'change_too_early')
  const membership = await membershipOn(trx, row.organisation_id, input.startsOn)
  if (item.area.kind === 'primary' && !membership) throw new DomainError('members_only')
  if (row.share_application_id) {
    const application = await shareApplicationRow(trx, row.share_application_id)
    if (application?.status !== 'admitted')
      throw new DomainError('shares_missing', `declaration ${application?.ref ?? ''} not admitted`)
  }
  if (membership && item.kind === 'flat_rate' && item.area.kind === 'primary' && !row.replaces_id) {
    const shares = await sharesForArea(trx, membership.id, row.organisation_id, item.area.key, input.startsOn, {
      countDeclared: false,
    })
    if (shares.mandatoryWithArea > shares.held)
      throw new DomainError('shares_missing', `${shares.mandatoryWithArea - shares.held} shares`)
  }
  const price = await priceForStart(trx, row, item, row.organisation_id, input.startsOn, membership !== undefined)
  let updated: BookingRow
  try {
    updated = await updateBooking(trx, id, {
      status: 'confirmed',
      starts_on: input.startsOn,
      member_id: membership?.id ?? null,
      price_version_id: price.priceVersionId,
      tier_key: price.tierKey,
      monthly_cents: price.monthlyCents,
      setup_cents: price.setupCents,
      hourly_cents: price.hourlyCents,
      vat_percent: price.vatPercent,
      decided_at: now,
      decided_by: actor.label,
    })
  } catch (error) {
    if ((error as { code?: string }).code === '23P01') throw new DomainError('already_booked')
    throw error
  }
  if (row.replaces_id) await endReplaced(trx, actor, row.replaces_id, input.startsOn, env)
  const booking = toBooking(updated)
  await audit(
    trx,
    actor,
    {
      action: 'booking.confirmed',
      subjectType: 'booking',
      subjectId: id,
      organisationId: booking.organisationId,
      before: { status: row.status, startsOn: row.starts_on, priceVersionId: row.price_version_id },
      after: { status: 'confirmed', startsOn: booking.startsOn, price: booking.price },
    },
    env.clock,
  )
  await notifyOrganisation(
    trx,
    'confirmed',
    booking,
    item,
    (lang) => ({ date: formatDate(booking.startsOn, lang) }),
    env,
  )
  return booking
}

/** Staff reject an order with a reason the organisation (or the requester) is told. */
export async function rejectBooking(
  trx: Trx,
  actor: Actor,
  id: string,
  input: { reason: string },
  env: ActionEnv,
): Promise<Booking> {
  const now = env.clock.now()
  const { row, item } = await lockForDecision(trx, actor, id, todayIn(now))
  const booking = toBooking(
    await updateBooking(trx, id, {
      status: 'rejected',
      rejection_reason: input.reason,
      decided_at: now,
      decided_by: actor.label,
    }),
  )
  await audit(
    trx,
    actor,
    {
      action: 'booking.rejected',
      subjectType: 'booking',
      subjectId: id,
      organisationId: booking.organisationId,
      before: { status: row.status },
      after: { status: 'rejected' },
      reason: input.reason,
    },
    env.clock,
  )
  await notifyOrganisation(trx, 'rejected', booking, item, () => ({ reason: input.reason }), env)
  await notifyRequester(trx, 'rejected', booking, item, { reason: input.reason }, env)
  return booking
}
