import { withVat } from '../catalog/pricing.rules.ts'

/**
 * The rules of seats, the waiting list and prices: pure functions (the time comes in as an argument), so the
 * actions only lock, ask these and write.
 */

export interface SeatState {
  seats: number
  /** null: the waiting list has no limit; 0: there is none. */
  waitlistLimit: number | null
  confirmed: number
  waitlisted: number
}

export interface OpenState {
  status: 'scheduled' | 'cancelled'
  startsAt: Date
  endsAt: Date
  registrationClosesAt: Date
}

/** Registration is open while the event is scheduled, before it closes and before the event has ended. */
export function registrationOpen(event: OpenState, now: Date): boolean {
  return (
    event.status === 'scheduled' &&
    now.getTime() < event.registrationClosesAt.getTime() &&
    now.getTime() < event.endsAt.getTime()
  )
}

export function seatsLeft(state: Pick<SeatState, 'seats' | 'confirmed'>): number {
  return Math.max(0, state.seats - state.confirmed)
}

/** Places left on the waiting list; `Infinity` without a limit. */
export function waitlistPlacesLeft(state: SeatState): number {
  if (state.waitlistLimit === null) return Number.POSITIVE_INFINITY
  return Math.max(0, state.waitlistLimit - state.waitlisted)
}

export type RegistrationDecision =
  | { outcome: 'confirmed' }
  | { outcome: 'waitlisted'; position: number }
  | { outcome: 'refused'; code: 'event_full' | 'registration_closed' }

/**
 * What a new registration becomes: a free seat confirms it; without one it goes to the end of the waiting list
 * while that has room; otherwise it is refused (`event_full`), as it is when registration is closed or the event
 * is over or cancelled (`registration_closed`). `lastPosition` is the highest waiting-list position ever given
 * for the event, so positions stay in the order people came.
 */
export function decideRegistration(
  event: OpenState & SeatState,
  lastPosition: number,
  now: Date,
): RegistrationDecision {
  if (!registrationOpen(event, now)) return { outcome: 'refused', code: 'registration_closed' }
  if (seatsLeft(event) > 0) return { outcome: 'confirmed' }
  if (waitlistPlacesLeft(event) > 0) return { outcome: 'waitlisted', position: lastPosition + 1 }
  return { outcome: 'refused', code: 'event_full' }
}

/**
 * Who moves up from the waiting list when seats are free (after a cancellation or more seats): the first ones
 * by position, as many as seats are free. Nobody moves up once the event has started or was cancelled: a seat
 * that comes free then is of no use to anyone.
 */
export function promotions<T extends { position: number }>(
  event: Pick<OpenState, 'status' | 'startsAt'> & Pick<SeatState, 'seats' | 'confirmed'>,
  waitlist: readonly T[],
  now: Date,
): T[] {
  if (event.status !== 'scheduled' || now.getTime() >= event.startsAt.getTime()) return []
  return [...waitlist].sort((a, b) => a.position - b.position).slice(0, seatsLeft(event))
}

/** Where a waiting person stands now: 1 for the first of those still waiting. */
export function waitingRank(position: number, waiting: readonly number[]): number {
  return waiting.filter((p) => p <= position).length
}

/**
 * A change of seats may not drop below the confirmed registrations (that would over-book the event; staff
 * cancel registrations first). Returns the validation key, or null when the change is fine.
 */
export function checkSeats(seats: number, confirmed: number): 'seats_below_confirmed' | null {
  return seats < confirmed ? 'seats_below_confirmed' : null
}

export interface EventPrices {
  memberPriceCents: number
  nonMemberPriceCents: number
  vatPercent: number
}

/** The price that applies: the member price for members, the other for everyone else; net, VAT and gross. */
export function priceFor(
  prices: EventPrices,
  isMember: boolean,
): { netCents: number; vatCents: number; grossCents: number } {
  return withVat(isMember ? prices.memberPriceCents : prices.nonMemberPriceCents, prices.vatPercent)
}

/** The words for how full an event is: seats left, full with a waiting list, or full. */
export type Availability =
  | { kind: 'seats'; left: number }
  | { kind: 'waitlist'; placesLeft: number | null }
  | { kind: 'full' }
  | { kind: 'closed' }
  | { kind: 'cancelled' }

export function availability(event: OpenState & SeatState, now: Date): Availability {
  if (event.status === 'cancelled') return { kind: 'cancelled' }
  if (!registrationOpen(event, now)) return { kind: 'closed' }
  const left = seatsLeft(event)
  if (left > 0) return { kind: 'seats', left }
  const places = waitlistPlacesLeft(event)
  if (places > 0) return { kind: 'waitlist', placesLeft: Number.isFinite(places) ? places : null }
  return { kind: 'full' }
}

/** The next event reference: VA-<year>-<number>, three digits at least (VA-2026-001). */
export function eventRef(year: number, number: number): string {
  return `VA-${year}-${String(number).padStart(3, '0')}`
}

export interface EventFields {
  startsAt: Date
  endsAt: Date
  registrationClosesAt: Date
  location: string
  onlineUrl: string | null
  memberPriceCents: number
  nonMemberPriceCents: number
}

/**
 * The checks across fields of an event, each as a field and a validation key, all at once: ends after it
 * starts, registration closes by the end, a place or a link, the member price not above the other; a new start
 * (of a new event, or a moved one) not in the past.
 */
export function eventFieldIssues(
  fields: EventFields,
  options: { now: Date; startChanged: boolean },
): Array<{ path: string; message: string }> {
  const issues: Array<{ path: string; message: string }> = []
  if (options.startChanged && fields.startsAt.getTime() < options.now.getTime())
    issues.push({ path: 'startsAt', message: 'starts_in_past' })
  if (fields.endsAt.getTime() <= fields.startsAt.getTime())
    issues.push({ path: 'endsAt', message: 'ends_before_start' })
  else if (fields.registrationClosesAt.getTime() > fields.endsAt.getTime())
    issues.push({ path: 'registrationClosesAt', message: 'closes_after_end' })
  if (fields.location.trim() === '' && !fields.onlineUrl) issues.push({ path: 'location', message: 'place_required' })
  if (fields.memberPriceCents > fields.nonMemberPriceCents)
    issues.push({ path: 'memberPriceCents', message: 'member_price_above' })
  return issues
}
