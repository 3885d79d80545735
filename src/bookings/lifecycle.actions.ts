import { pick } from '../catalog/catalog.model.ts'
import { agreedPrice, type Terms } from '../catalog/pricing.rules.ts'
import type { Executor, Trx } from '../db/db.ts'
import type { BookingRow } from '../db/schema-catalog.ts'
import type { Actor } from '../platform/actor.ts'
import { audit } from '../platform/audit.ts'
import type { ActionEnv } from '../platform/context.ts'
import { sha256 } from '../platform/crypto.ts'
import { type PlainDate, todayIn } from '../platform/dates.ts'
import { DomainError, fieldError } from '../platform/errors.ts'
import { formatDate } from '../platform/i18n.ts'
import { bookingMailText, termsText } from './bookings.mails.ts'
import { type Booking, toBooking } from './bookings.model.ts'
import { authorizeOrder, authorizeRead } from './bookings.policy.ts'
import {
  findBooking,
  insertBooking,
  lockBooking,
  membershipOn,
  nextBookingRef,
  organisationRow,
  pendingChangesOf,
  updateBooking,
} from './bookings.repo.ts'
import {
  allowedTransitions,
  bookingState,
  cancellationEndDates,
  changeDirection,
  changeStartProblem,
  checkConfig,
  earliestChangeStart,
  termsOf,
} from './bookings.rules.ts'
import type { ChangeInput } from './bookings.schema.ts'
import { itemOfBooking, type OrderItem, priceOn } from './catalog-items.ts'
import { notifyOrganisation } from './notify.ts'
import { type SharesOffer, sharesOffer } from './shares.ts'

/** A booking of an organisation, read and authorised for booking.order, then locked. */
async function lockForOrganisation(trx: Trx, actor: Actor, id: string) {
  const found = await findBooking(trx, id)
  if (!found) throw new DomainError('not_found')
  const item = await itemOfBooking(trx, found)
  authorizeRead({ ...actor, scopes: null }, found, item.provider)
  if (!found.organisation_id) throw new DomainError('booking_state', 'a public request')
  authorizeOrder(actor, found.organisation_id)
  const row = await lockBooking(trx, id)
  if (!row) throw new DomainError('not_found')
  return { row, item, organisationId: found.organisation_id }
}

/** The organisation withdraws an order (or a change) staff have not decided yet. */
export async function withdrawBooking(trx: Trx, actor: Actor, id: string, env: ActionEnv): Promise<Booking> {
  const { row, item } = await lockForOrganisation(trx, actor, id)
  if (row.status !== 'requested') throw new DomainError('booking_state', row.status)
  const booking = toBooking(await updateBooking(trx, id, { status: 'withdrawn' }))
  await audit(
    trx,
    actor,
    {
      action: 'booking.withdrawn',
      subjectType: 'booking',
      subjectId: id,
      organisationId: booking.organisationId,
      before: { status: row.status },
      after: { status: 'withdrawn' },
    },
    env.clock,
  )
  await notifyOrganisation(trx, 'withdrawn', booking, item, () => ({}), env)
  return booking
}

/** What a cancellation given today may end a booking on, under the terms agreed with it. */
export interface CancellationPreview {
  terms: Terms
  endDates: PlainDate[]
  /** The booking has not started: cancelled in time it never runs (it ends the day before its start). */
  beforeStart: boolean
}

function cancellable(row: BookingRow, item: OrderItem, today: PlainDate): CancellationPreview {
  const booking = toBooking(row)
  const state = bookingState(booking, today)
  if (!allowedTransitions(state).includes('cancel') || row.ends_on !== null)
    throw new DomainError('booking_state', state)
  const terms = termsOf(booking.terms, item.area.terms)
  const endDates = cancellationEndDates(terms, booking.startsOn, today)
  return { terms, endDates, beforeStart: endDates[0]! < booking.startsOn }
}

export async function cancellationPreview(
  db: Executor,
  actor: Actor,
  id: string,
  env: ActionEnv,
): Promise<CancellationPreview> {
  const row = await findBooking(db, id)
  if (!row) throw new DomainError('not_found')
  const item = await itemOfBooking(db, row)
  authorizeRead(actor, row, item.provider)
  return cancellable(row, item, todayIn(env.clock.now()))
}

/**
 * The organisation (or staff for it) cancels a confirmed or running booking to one of the end dates its agreed
 * terms allow (pricing.rules: notice, period end, minimum term); a booking cancelled in time before its start ends
 * the day before it. A pending change must be withdrawn first. After a primary area, the result says how many
 * shares a §67b notice could then terminate — it is offered, never done by itself.
 */
export async function cancelBooking(
  trx: Trx,
  actor: Actor,
  id: string,
  input: { endsOn: PlainDate; reason: string },
  env: ActionEnv,
): Promise<{ booking: Booking; sharesOffer: SharesOffer | null }> {
  const now = env.clock.now()
  const today = todayIn(now)
  const { row, item } = await lockForOrganisation(trx, actor, id)
  const preview = cancellable(row, item, today)
  if ((await pendingChangesOf(trx, id)).length > 0) throw new DomainError('booking_state', 'a change is pending')
  if (!preview.endDates.includes(input.endsOn)) throw fieldError('endsOn', 'cancel_date_not_allowed')
  const booking = toBooking(
    await updateBooking(trx, id, {
      status: 'cancelled',
      ends_on: input.endsOn,
      cancelled_at: now,
      cancelled_by: actor.label,
      cancel_reason: input.reason || null,
    }),
  )
  await audit(
    trx,
    actor,
    {
      action: 'booking.cancelled',
      subjectType: 'booking',
      subjectId: id,
      organisationId: booking.organisationId,
      before: { status: row.status, endsOn: row.ends_on },
      after: { status: 'cancelled', endsOn: input.endsOn, terms: preview.terms },
      reason: input.reason || null,
    },
    env.clock,
  )
  const offer = await offerAfterCancellation(trx, booking, item, today)
  await notifyOrganisation(
    trx,
    'cancelled',
    booking,
    item,
    (lang) => ({
      date: formatDate(booking.endsOn, lang),
      shares: offer && offer.shares > 0 ? bookingMailText(lang, 'cancelled_shares', {}) : '',
    }),
    env,
  )
  return { booking, sharesOffer: offer }
}

/** The §67b offer after a primary area's cancellation (shares.ts: sharesOffer); null when it does not apply. */
export async function offerAfterCancellation(
  db: Executor,
  booking: Booking,
  item: OrderItem,
  today: PlainDate,
): Promise<SharesOffer | null> {
  if (booking.status !== 'cancelled' || booking.kind !== 'flat_rate' || item.area.kind !== 'primary') return null
  if (!booking.organisationId) return null
  const membership = await membershipOn(db, booking.organisationId, today)
  if (!membership || membership.exit_on !== null) return null
  return sharesOffer(db, { id: membership.id, organisationId: booking.organisationId }, item.area.key, today)
}

/**
 * A change of a confirmed or running booking (an add-on's quantity, an area's configuration) is requested as a
 * new booking that replaces the old one from a date the terms allow: a decrease the day after a possible
 * cancellation date, anything else from tomorrow. Priced by the version holding on its start; once staff confirm
 * it, the old booking ends the day before.
 */
export async function requestChange(
  trx: Trx,
  actor: Actor,
  id: string,
  input: ChangeInput,
  env: ActionEnv,
): Promise<Booking> {
  const now = env.clock.now()
  const today = todayIn(now)
  const { row, item, organisationId } = await lockForOrganisation(trx, actor, id)
  const old = toBooking(row)
  const state = bookingState(old, today)
  if (!allowedTransitions(state).includes('change') || row.ends_on !== null || old.kind === 'hourly')
    throw new DomainError('booking_state', state)
  if ((await pendingChangesOf(trx, id)).length > 0) throw new DomainError('booking_state', 'a change is pending')
  const quantity = old.kind === 'addon' ? (input.quantity ?? old.quantity) : 1
  const checked =
    old.kind === 'flat_rate' ? checkConfig(item.area.configFields, input.config) : { config: {}, issues: [] }
  const issues = [...checked.issues]
  if (quantity < 1) issues.push({ path: 'quantity', message: 'too_small' })
  if (!input.acceptTerms) issues.push({ path: 'acceptTerms', message: 'terms_consent_required' })
  const terms = termsOf(old.terms, item.area.terms)
  const direction = changeDirection(old.quantity, quantity)
  const startProblem = changeStartProblem(direction, terms, old, today, input.startsOn)
  if (startProblem) issues.push({ path: 'startsOn', message: startProblem })
  if (quantity === old.quantity && JSON.stringify(checked.config) === JSON.stringify(old.config))
    issues.push({ path: old.kind === 'addon' ? 'quantity' : 'config', message: 'change_nothing' })
  if (issues.length > 0) throw new DomainError('validation', 'change', issues)
  const version = priceOn(item, input.startsOn)
  if (!version) throw fieldError('startsOn', 'no_price_yet')
  const organisation = await organisationRow(trx, organisationId)
  if (!organisation) throw new DomainError('not_found')
  const membership = await membershipOn(trx, organisationId, input.startsOn)
  if (item.area.kind === 'primary' && !membership) throw fieldError('startsOn', 'primary_members_only')
  const price = agreedPrice(version, {
    size: {
      employees: organisation.employees,
      volunteers: organisation.volunteers,
      annualBudgetCents: Number(organisation.annual_budget_cents),
    },
    quantity,
    isMember: membership !== undefined,
  })
  const text = termsText(actor.language, item.area.terms, pick(item.area.termsText, actor.language))
  const inserted = await insertBooking(trx, {
    ref: await nextBookingRef(trx, Number(today.slice(0, 4))),
    organisation_id: organisationId,
    area_id: row.area_id,
    service_id: row.service_id,
    kind: row.kind,
    quantity,
    config: JSON.stringify(checked.config),
    member_id: membership?.id ?? null,
    price_version_id: price.priceVersionId,
    tier_key: price.tierKey,
    monthly_cents: price.monthlyCents,
    setup_cents: 0,
    hourly_cents: price.hourlyCents,
    vat_percent: price.vatPercent,
    notice_days: item.area.terms.noticeDays,
    term_end: item.area.terms.termEnd,
    minimum_term_months: item.area.terms.minimumTermMonths,
    terms_text: text,
    terms_hash: sha256(text),
    terms_accepted_at: now,
    terms_accepted_by: actor.label,
    replaces_id: id,
    source: 'order',
    status: 'requested',
    requested_at: now,
    requested_by: actor.label,
    starts_on: input.startsOn,
  })
  const booking = toBooking(inserted)
  await audit(
    trx,
    actor,
    {
      action: 'booking.change_requested',
      subjectType: 'booking',
      subjectId: booking.id,
      organisationId,
      before: { ref: old.ref, quantity: old.quantity, config: old.config },
      after: { ref: booking.ref, replaces: old.ref, quantity, config: checked.config, startsOn: input.startsOn },
    },
    env.clock,
  )
  await notifyOrganisation(
    trx,
    'change',
    booking,
    item,
    (lang) => ({ date: formatDate(booking.startsOn, lang), old: old.ref }),
    env,
  )
  return booking
}

/** The earliest start of a change, for the change form (an increase; a decrease follows the notice). */
export function changeStarts(booking: Booking, item: OrderItem, today: PlainDate) {
  const terms = termsOf(booking.terms, item.area.terms)
  return {
    increase: earliestChangeStart('increase', terms, booking, today),
    decrease: earliestChangeStart('decrease', terms, booking, today),
  }
}
