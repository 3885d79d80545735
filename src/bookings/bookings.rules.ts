import type { ConfigField } from '../catalog/catalog.model.ts'
import { cancellationEffectiveDate, possibleEndDates, type Terms } from '../catalog/pricing.rules.ts'
import type { AreaKind, BookingStatus, CatalogStatus, PriceKind, TermEnd } from '../db/schema-catalog.ts'
import { addDays, compareDates, maxDate, type PlainDate, parsePlainDate } from '../platform/dates.ts'
import type { FieldIssue } from '../platform/errors.ts'

/**
 * Orders and contracts as pure rules: the state a booking is in on a day, what may be ordered by whom, the
 * configuration asked for, the shares an order needs, when a cancellation or a change may take effect. No clock,
 * no database: dates, catalog entries and counts come in as arguments.
 */

export type BookingState = 'requested' | 'confirmed' | 'active' | 'cancelled' | 'ended' | 'rejected' | 'withdrawn'

/**
 * The state a booking is in on `today`: requested until staff decide; confirmed while its start lies ahead;
 * active from its start; cancelled while a cancellation has not yet taken effect (it runs to its end date);
 * ended after its last day (a cancelled booking, or one a change replaced). Rejected and withdrawn orders stay so.
 */
export function bookingState(
  booking: { status: BookingStatus; startsOn: PlainDate; endsOn: PlainDate | null },
  today: PlainDate,
): BookingState {
  parsePlainDate(today)
  if (booking.status === 'requested' || booking.status === 'rejected' || booking.status === 'withdrawn')
    return booking.status
  if (booking.endsOn !== null && compareDates(booking.endsOn, today) < 0) return 'ended'
  if (booking.status === 'cancelled') return 'cancelled'
  return compareDates(booking.startsOn, today) > 0 ? 'confirmed' : 'active'
}

/** Whether a booking counts as running or agreed for the overlap rule: not rejected, withdrawn or ended. */
export function isLive(state: BookingState): boolean {
  return state === 'requested' || state === 'confirmed' || state === 'active' || state === 'cancelled'
}

/** What one order asks for, with the facts the rules need (read by the action, decided here). */
export interface OrderFacts {
  kind: PriceKind
  areaKind: AreaKind
  areaStatus: CatalogStatus
  /** null for an area's flat rate. */
  serviceStatus: CatalogStatus | null
  /** The field the item's problems are shown at: serviceKey for a service, areaKey for an area's flat rate. */
  itemPath: 'areaKey' | 'serviceKey'
  /** An active membership on the start date. */
  isMember: boolean
  /** A price version holds on the start date. */
  hasPrice: boolean
  /** The organisation books or has ordered the same item in an overlapping period. */
  overlapping: boolean
  /** Add-ons only: the organisation books (confirmed or running) the add-on's area on the start date. */
  areaBooked: boolean
  startsOn: PlainDate
  today: PlainDate
  quantity: number
  description: string
  termsAccepted: boolean
}

/**
 * Everything that keeps an order from being placed, each at its field. Primary areas and their add-ons are for
 * member organisations only (Satzung; DOMAIN: non-members book secondary services only); only orderable entries
 * with a price on the start date can be ordered; one running booking per item; nothing starts in the past.
 */
export function orderProblems(order: OrderFacts): FieldIssue[] {
  const issues: FieldIssue[] = []
  const item = (message: string) => issues.push({ path: order.itemPath, message })
  // membership, price and bookings are read for the start date: for a start in the past only the date is wrong
  const pastStart = compareDates(order.startsOn, order.today) < 0
  if (order.areaStatus !== 'orderable' || (order.serviceStatus !== null && order.serviceStatus !== 'orderable'))
    item('not_orderable')
  else if (pastStart) {
    // told at the date
  } else if (order.areaKind === 'primary' && !order.isMember) item('primary_members_only')
  else if (!order.hasPrice) item('no_price_yet')
  else if (order.overlapping) item('area_already_booked')
  else if (order.kind === 'addon' && !order.areaBooked) item('addon_needs_area')
  if (pastStart) issues.push({ path: 'startsOn', message: 'date_in_past' })
  if (order.kind === 'flat_rate' && order.quantity !== 1) issues.push({ path: 'quantity', message: 'invalid' })
  if (order.kind !== 'flat_rate' && order.quantity < 1) issues.push({ path: 'quantity', message: 'too_small' })
  if (order.kind === 'hourly' && order.description.trim() === '')
    issues.push({ path: 'description', message: 'required' })
  if (!order.termsAccepted) issues.push({ path: 'acceptTerms', message: 'terms_consent_required' })
  return issues
}

/**
 * The configuration an area asks for, checked and normalised: required fields filled, numbers whole and not
 * negative, a choice one of its choices; fields the area does not ask for are dropped.
 */
export function checkConfig(
  fields: readonly ConfigField[],
  values: Readonly<Record<string, unknown>>,
): { config: Record<string, string | number>; issues: FieldIssue[] } {
  const config: Record<string, string | number> = {}
  const issues: FieldIssue[] = []
  for (const field of fields) {
    const path = `config.${field.key}`
    const raw = values[field.key]
    const value = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : ''
    if (value === '') {
      if (field.required) issues.push({ path, message: 'required' })
      continue
    }
    if (field.type === 'number') {
      if (!/^\d{1,9}$/.test(value)) issues.push({ path, message: 'not_integer' })
      else config[field.key] = Number(value)
    } else if (field.type === 'choice') {
      if (!(field.choices ?? []).includes(value)) issues.push({ path, message: 'invalid_choice' })
      else config[field.key] = value
    } else if (value.length > 500) issues.push({ path, message: 'too_long' })
    else config[field.key] = value
  }
  return { config, issues }
}

/**
 * The shares an order still needs (§15b GenG: further shares need a declaration): the mandatory shares with the
 * new area on the start date, less the shares held then and those already declared and waiting for the board.
 */
export function missingShares(input: { mandatoryWithArea: number; held: number; declared: number }): number {
  return Math.max(0, input.mandatoryWithArea - input.held - input.declared)
}

/**
 * The shares a member holds for a day in the future: those held that day, but not more than it keeps in the end
 * (a §67b cancellation already given counts, whenever it takes effect).
 */
export function sharesHeldFor(balanceOnDay: number, balanceInTheEnd: number): number {
  return Math.min(balanceOnDay, balanceInTheEnd)
}

/** The terms a booking runs under: the ones agreed with it, or (recorded without) its area's. */
export function termsOf(
  agreed: { noticeDays: number | null; termEnd: TermEnd | null; minimumTermMonths: number | null },
  area: Terms,
): Terms {
  return {
    noticeDays: agreed.noticeDays ?? area.noticeDays,
    termEnd: agreed.termEnd ?? area.termEnd,
    minimumTermMonths: agreed.minimumTermMonths ?? area.minimumTermMonths,
  }
}

/**
 * The end dates a cancellation given today may choose from, the earliest first (pricing.rules: notice, period
 * end, minimum term); a booking cancelled in time before its start ends the day before it starts.
 */
export function cancellationEndDates(terms: Terms, startsOn: PlainDate, today: PlainDate, count = 6): PlainDate[] {
  return possibleEndDates(terms, startsOn, today, count)
}

export type ChangeDirection = 'increase' | 'decrease'

/** A change that lowers the quantity follows the cancellation notice; anything else may start tomorrow. */
export function changeDirection(oldQuantity: number, newQuantity: number): ChangeDirection {
  return newQuantity < oldQuantity ? 'decrease' : 'increase'
}

/**
 * The earliest day a change of a running or confirmed booking may start: a decrease the day after the earliest
 * cancellation would end it; an increase (or another configuration) tomorrow; never before the booking starts.
 */
export function earliestChangeStart(
  direction: ChangeDirection,
  terms: Terms,
  booking: { startsOn: PlainDate },
  today: PlainDate,
): PlainDate {
  const earliest =
    direction === 'decrease' ? addDays(cancellationEffectiveDate(terms, booking.startsOn, today), 1) : addDays(today, 1)
  return maxDate(earliest, booking.startsOn)
}

/** The day a change may start on: a decrease only the day after a possible end date, an increase any day from the earliest. */
export function changeStartProblem(
  direction: ChangeDirection,
  terms: Terms,
  booking: { startsOn: PlainDate },
  today: PlainDate,
  startsOn: PlainDate,
): 'change_too_early' | 'change_not_period_start' | null {
  const earliest = earliestChangeStart(direction, terms, booking, today)
  if (compareDates(startsOn, earliest) < 0) return 'change_too_early'
  if (direction === 'decrease') {
    const allowed = cancellationEndDates(terms, booking.startsOn, today, 60).map((d) => addDays(d, 1))
    if (!allowed.includes(startsOn) && compareDates(startsOn, booking.startsOn) !== 0) return 'change_not_period_start'
  }
  return null
}

/** Which transitions a state allows: confirm or reject a request, withdraw it, cancel or change an agreed booking. */
export function allowedTransitions(
  state: BookingState,
): Array<'confirm' | 'reject' | 'withdraw' | 'cancel' | 'change'> {
  if (state === 'requested') return ['confirm', 'reject', 'withdraw']
  if (state === 'confirmed' || state === 'active') return ['cancel', 'change']
  return []
}

/**
 * The §67b offer after a cancellation: the shares that were mandatory with the area (never more than are held)
 * and are not on the day a notice given today would take effect. Zero when nothing became voluntary; it is an
 * offer, never a cancellation by itself.
 */
export function sharesNoLongerMandatory(mandatoryBefore: number, mandatoryThen: number): number {
  return Math.max(0, mandatoryBefore - mandatoryThen)
}
