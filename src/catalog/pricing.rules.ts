import type { PriceKind, TermEnd } from '../db/schema-catalog.ts'
import {
  addDays,
  addMonths,
  compareDates,
  endOfMonth,
  maxDate,
  type PlainDate,
  parsePlainDate,
} from '../platform/dates.ts'
import { percentOf } from '../platform/money.ts'

/**
 * Prices and contract terms as pure rules: which size tier an organisation falls in, which price version holds
 * on a day, whether a new version may be adopted, what a booking costs, and when a cancellation takes effect.
 * No clock and no database: dates and versions come in as arguments.
 */

/** A size tier of a flat rate: reaching any one of its thresholds lifts an organisation into it. */
export interface PriceTier {
  key: string
  /** null: this measure does not lift an organisation into the tier. */
  fromEmployees: number | null
  fromVolunteers: number | null
  fromBudgetCents: number | null
  monthlyCents: number
}

export interface OrganisationSize {
  employees: number
  volunteers: number
  annualBudgetCents: number
}

/** One price version of one item (an area's flat rate, an add-on or an hourly service). */
export interface PriceVersion {
  id: string
  kind: PriceKind
  validFrom: PlainDate
  /** Last day it holds; null: until a later version starts. */
  validUntil: PlainDate | null
  /** VAT rate in percent, at most two decimals (19, 7, 0). */
  vatPercent: number
  /** flat_rate only: ascending tiers, the first from zero. */
  tiers: PriceTier[]
  /** addon only: per unit and month. */
  monthlyCents: number | null
  /** One-off fee when the booking starts. */
  setupCents: number
  /** hourly only. */
  hourlyMemberCents: number | null
  hourlyNonMemberCents: number | null
}

function requireCount(n: number, what: string): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${what} must be a whole number >= 0, got ${n}`)
}

/**
 * The tier an organisation falls in: the highest tier any of whose thresholds it reaches (employees, volunteers
 * or annual budget). The first tier holds for everyone; a threshold left empty lifts no one.
 */
export function tierFor(tiers: readonly PriceTier[], size: OrganisationSize): PriceTier {
  requireCount(size.employees, 'employees')
  requireCount(size.volunteers, 'volunteers')
  requireCount(size.annualBudgetCents, 'annualBudgetCents')
  const first = tiers[0]
  if (!first) throw new RangeError('a flat rate without tiers')
  let found = first
  for (const tier of tiers.slice(1)) {
    const reached =
      (tier.fromEmployees !== null && size.employees >= tier.fromEmployees) ||
      (tier.fromVolunteers !== null && size.volunteers >= tier.fromVolunteers) ||
      (tier.fromBudgetCents !== null && size.annualBudgetCents >= tier.fromBudgetCents)
    if (reached) found = tier
  }
  return found
}

export type TierProblem =
  | { path: [number, 'key']; message: 'price_tier_key_duplicate' }
  | { path: [number, 'fromEmployees' | 'fromVolunteers' | 'fromBudgetCents']; message: 'price_tiers_not_ascending' }
  | { path: [number, 'monthlyCents']; message: 'price_tier_decreasing' }
  | { path: [number, 'fromEmployees']; message: 'price_first_tier_from_zero' }
  | { path: [number, 'fromEmployees']; message: 'price_tier_unreachable' }

/**
 * Tiers must read as a ladder: the first holds for everyone (employees from 0), every later one is reachable by
 * at least one threshold, each threshold given rises above the last one given for that measure, and a larger
 * tier never costs less than a smaller one. Keys are unique.
 */
export function tierProblems(tiers: readonly PriceTier[]): TierProblem[] {
  const problems: TierProblem[] = []
  const seen = new Set<string>()
  const last: Record<'fromEmployees' | 'fromVolunteers' | 'fromBudgetCents', number | null> = {
    fromEmployees: null,
    fromVolunteers: null,
    fromBudgetCents: null,
  }
  tiers.forEach((tier, i) => {
    if (seen.has(tier.key)) problems.push({ path: [i, 'key'], message: 'price_tier_key_duplicate' })
    seen.add(tier.key)
    if (i === 0) {
      if (tier.fromEmployees !== 0) problems.push({ path: [0, 'fromEmployees'], message: 'price_first_tier_from_zero' })
    } else {
      if (tier.fromEmployees === null && tier.fromVolunteers === null && tier.fromBudgetCents === null)
        problems.push({ path: [i, 'fromEmployees'], message: 'price_tier_unreachable' })
      const previous = tiers[i - 1]
      if (previous && tier.monthlyCents < previous.monthlyCents)
        problems.push({ path: [i, 'monthlyCents'], message: 'price_tier_decreasing' })
    }
    for (const measure of ['fromEmployees', 'fromVolunteers', 'fromBudgetCents'] as const) {
      const value = tier[measure]
      if (value === null) continue
      const before = last[measure]
      if (i > 0 && before !== null && value <= before)
        problems.push({ path: [i, measure], message: 'price_tiers_not_ascending' })
      last[measure] = value
    }
  })
  return problems
}

/**
 * The version holding on a day: of the versions that have started and are not past their own end, the one that
 * started last. An open version holds until a later one starts; a bounded one (a temporary price) holds only
 * from its start to its end, after which the version it interrupted holds again.
 */
export function versionOn<V extends Pick<PriceVersion, 'validFrom' | 'validUntil'>>(
  versions: readonly V[],
  day: PlainDate,
): V | undefined {
  let found: V | undefined
  for (const v of versions) {
    if (compareDates(v.validFrom, day) > 0) continue
    if (v.validUntil !== null && compareDates(v.validUntil, day) < 0) continue
    if (!found || compareDates(v.validFrom, found.validFrom) > 0) found = v
  }
  return found
}

/** The price history as consecutive segments: which version holds from when until when (null: open). */
export function priceTimeline<V extends Pick<PriceVersion, 'id' | 'validFrom' | 'validUntil'>>(
  versions: readonly V[],
): Array<{ versionId: string; from: PlainDate; until: PlainDate | null }> {
  // the holder changes only on a version's start or the day after a bounded version ends
  const days = new Set<PlainDate>()
  for (const v of versions) {
    days.add(v.validFrom)
    if (v.validUntil !== null) days.add(addDays(v.validUntil, 1))
  }
  const sorted = [...days].sort()
  const segments: Array<{ versionId: string; from: PlainDate; until: PlainDate | null }> = []
  for (const day of sorted) {
    const holder = versionOn(versions, day)
    const last = segments[segments.length - 1]
    if (last && last.versionId === holder?.id) continue
    if (last && last.until === null) last.until = addDays(day, -1)
    if (holder) segments.push({ versionId: holder.id, from: day, until: null })
  }
  return segments
}

export type NewVersionCheck =
  | { ok: true }
  | {
      ok: false
      path: 'validFrom' | 'validUntil'
      message: 'price_from_past' | 'price_until_before_from' | 'price_overlap'
      /** The version in the way, for the message. */
      conflict?: { validFrom: PlainDate; validUntil: PlainDate | null }
    }

/**
 * Whether a new version of an item's price may be adopted. Prices never change backwards: a new version starts
 * tomorrow at the earliest, or today when no version holds today (the item's first price). Versions are never
 * edited, so what holds on a day must stay unambiguous: no two versions start on the same day, no version starts
 * inside a bounded one, and a bounded one contains no other's start. An open version simply holds until the next
 * one starts.
 */
export function checkNewVersion(
  existing: ReadonlyArray<Pick<PriceVersion, 'id' | 'validFrom' | 'validUntil'>>,
  candidate: { validFrom: PlainDate; validUntil: PlainDate | null },
  today: PlainDate,
): NewVersionCheck {
  parsePlainDate(candidate.validFrom)
  if (candidate.validUntil !== null && compareDates(candidate.validUntil, candidate.validFrom) < 0)
    return { ok: false, path: 'validUntil', message: 'price_until_before_from' }
  const earliest = versionOn(existing, today) ? addDays(today, 1) : today
  if (compareDates(candidate.validFrom, earliest) < 0)
    return { ok: false, path: 'validFrom', message: 'price_from_past' }
  const within = (day: PlainDate, from: PlainDate, until: PlainDate | null) =>
    compareDates(day, from) >= 0 && (until === null || compareDates(day, until) <= 0)
  for (const v of existing) {
    const conflict = { validFrom: v.validFrom, validUntil: v.validUntil }
    if (
      v.validFrom === candidate.validFrom ||
      (v.validUntil !== null && within(candidate.validFrom, v.validFrom, v.validUntil))
    )
      return { ok: false, path: 'validFrom', message: 'price_overlap', conflict }
    if (candidate.validUntil !== null && within(v.validFrom, candidate.validFrom, candidate.validUntil))
      return { ok: false, path: 'validUntil', message: 'price_overlap', conflict }
  }
  return { ok: true }
}

/** Net cents -> VAT and gross, VAT rounded half-up (EN 16931). */
export function withVat(
  netCents: number,
  vatPercent: number,
): { netCents: number; vatCents: number; grossCents: number } {
  const vatCents = percentOf(netCents, vatPercent)
  return { netCents, vatCents, grossCents: netCents + vatCents }
}

/** What one booking costs under a version: monthly (flat rate by tier, add-on per unit), setup, hourly rate. */
export interface AgreedPrice {
  priceVersionId: string
  tierKey: string | null
  monthlyCents: number | null
  setupCents: number
  hourlyCents: number | null
  vatPercent: number
}

/**
 * The price agreed for a booking: a flat rate by the organisation's tier, an add-on per unit times the quantity,
 * hourly work at the member's or the non-member's rate.
 */
export function agreedPrice(
  version: PriceVersion,
  booking: { size: OrganisationSize; quantity: number; isMember: boolean },
): AgreedPrice {
  requireCount(booking.quantity, 'quantity')
  const base = { priceVersionId: version.id, setupCents: version.setupCents, vatPercent: version.vatPercent }
  if (version.kind === 'flat_rate') {
    const tier = tierFor(version.tiers, booking.size)
    return { ...base, tierKey: tier.key, monthlyCents: tier.monthlyCents, hourlyCents: null }
  }
  if (version.kind === 'addon') {
    if (version.monthlyCents === null) throw new RangeError('an add-on price without a monthly amount')
    return { ...base, tierKey: null, monthlyCents: version.monthlyCents * booking.quantity, hourlyCents: null }
  }
  const hourly = booking.isMember ? version.hourlyMemberCents : version.hourlyNonMemberCents
  if (hourly === null) throw new RangeError('an hourly price without rates')
  return { ...base, tierKey: null, monthlyCents: null, hourlyCents: hourly }
}

export interface Terms {
  noticeDays: number
  termEnd: TermEnd
  minimumTermMonths: number
}

/** The last day of the period of `termEnd` that contains `day` (calendar months, quarters, years). */
export function periodEnd(day: PlainDate, termEnd: TermEnd): PlainDate {
  if (termEnd === 'day') return parsePlainDate(day)
  if (termEnd === 'month') return endOfMonth(day)
  const year = Number(day.slice(0, 4))
  if (termEnd === 'year') return `${day.slice(0, 4)}-12-31`
  const quarterLastMonth = Math.ceil(Number(day.slice(5, 7)) / 3) * 3
  return endOfMonth(`${String(year).padStart(4, '0')}-${String(quarterLastMonth).padStart(2, '0')}-01`)
}

/**
 * When a cancellation given on `givenOn` ends a booking that started (or starts) on `startsOn`: at the end of the
 * period (month, quarter, year) in which the notice days have passed, and not before the minimum term is over.
 * A booking cancelled in time before it starts never runs: it ends the day before its start.
 */
export function cancellationEffectiveDate(terms: Terms, startsOn: PlainDate, givenOn: PlainDate): PlainDate {
  requireCount(terms.noticeDays, 'noticeDays')
  requireCount(terms.minimumTermMonths, 'minimumTermMonths')
  const noticeOver = addDays(givenOn, terms.noticeDays)
  const minimumOver = terms.minimumTermMonths > 0 ? addDays(addMonths(startsOn, terms.minimumTermMonths), -1) : null
  const earliest = minimumOver ? maxDate(noticeOver, minimumOver) : noticeOver
  if (!minimumOver && compareDates(noticeOver, startsOn) < 0) return addDays(startsOn, -1)
  return periodEnd(earliest, terms.termEnd)
}

/** The next few dates a cancellation could end on, the earliest first, for a member to choose from. */
export function possibleEndDates(terms: Terms, startsOn: PlainDate, givenOn: PlainDate, count: number): PlainDate[] {
  const first = cancellationEffectiveDate(terms, startsOn, givenOn)
  const out = [first]
  if (terms.termEnd === 'day' || compareDates(first, startsOn) < 0) return out
  while (out.length < count) out.push(periodEnd(addDays(out[out.length - 1]!, 1), terms.termEnd))
  return out
}

/**
 * Whether a new version charges more than the one it follows for anything a running booking pays: a tier's
 * monthly rate (by key), the add-on's monthly price, or either hourly rate. VAT is the law's, not a price rise;
 * setup fees are paid only by new bookings.
 */
export function raisesPrice(current: PriceVersion | undefined, next: PriceVersion): boolean {
  if (!current || current.kind !== next.kind) return false
  if (next.kind === 'flat_rate') {
    return next.tiers.some((tier) => {
      const before = current.tiers.find((t) => t.key === tier.key)
      return before
        ? tier.monthlyCents > before.monthlyCents
        : tier.monthlyCents > Math.max(0, ...current.tiers.map((t) => t.monthlyCents))
    })
  }
  if (next.kind === 'addon') return (next.monthlyCents ?? 0) > (current.monthlyCents ?? 0)
  return (
    (next.hourlyMemberCents ?? 0) > (current.hourlyMemberCents ?? 0) ||
    (next.hourlyNonMemberCents ?? 0) > (current.hourlyNonMemberCents ?? 0)
  )
}

/**
 * The first day a price rise may apply to running bookings: after the bookings' own notice period has passed
 * from today, so every member told today can still cancel before paying more.
 */
export function earliestRiseStart(today: PlainDate, noticeDays: number): PlainDate {
  requireCount(noticeDays, 'noticeDays')
  return addDays(today, noticeDays + 1)
}
