import {
  addDays,
  addMonths,
  compareDates,
  fiscalYearEnd,
  monthsBetween,
  type PlainDate,
  parsePlainDate,
} from '../platform/dates.ts'
import type { StatutesSettings } from '../statutes/statutes.rules.ts'

/** Termination and exit of a membership (§§65, 67b, 68, 73, 77, 77a GenG): pure date rules. */

export type NoticeSettings = Pick<StatutesSettings, 'noticeMonths' | 'fiscalYearStartMonth'>
export type FiscalYearSettings = Pick<StatutesSettings, 'fiscalYearStartMonth'>

function requireNoticeMonths(n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`noticeMonths must be a whole number >= 0, got ${n}`)
}

/** The end of the fiscal year after the one ending on `end`. */
function nextFiscalYearEnd(end: PlainDate, settings: FiscalYearSettings): PlainDate {
  // Recomputed from the next day, not addYears(end, 1): a fiscal year ending on 29 February would drift to the 28th.
  return fiscalYearEnd(addDays(end, 1), settings.fiscalYearStartMonth)
}

/**
 * §65 GenG: a termination takes effect only at the end of a fiscal year, at least noticeMonths after the notice
 * was given (monthsBetween(givenOn, end) >= noticeMonths; the statutes set 3 to 60 months, §65 (2)).
 * Given 2026-09-30 with 3 months -> 2026-12-31; given 2026-10-01 -> 2027-12-31.
 */
export function terminationEffectiveDate(givenOn: PlainDate, settings: NoticeSettings): PlainDate {
  requireNoticeMonths(settings.noticeMonths)
  let end = fiscalYearEnd(givenOn, settings.fiscalYearStartMonth)
  while (monthsBetween(givenOn, end) < settings.noticeMonths) end = nextFiscalYearEnd(end, settings)
  return end
}

/**
 * The next `count` dates a termination given on givenOn could take effect (§65 GenG), earliest first: the
 * earliest effective date and the fiscal-year ends after it (a member may name a later end in the notice).
 */
export function possibleExitDates(givenOn: PlainDate, settings: NoticeSettings, count: number): PlainDate[] {
  if (!Number.isSafeInteger(count) || count < 0) throw new RangeError(`count must be a whole number >= 0, got ${count}`)
  const dates: PlainDate[] = []
  let end = terminationEffectiveDate(givenOn, settings)
  for (let i = 0; i < count; i++) {
    dates.push(end)
    end = nextFiscalYearEnd(end, settings)
  }
  return dates
}

/** §67b GenG: cancelling voluntary extra shares follows the notice rule of a termination (§65). */
export function shareCancellationEffectiveDate(givenOn: PlainDate, settings: NoticeSettings): PlainDate {
  return terminationEffectiveDate(givenOn, settings)
}

/** §68 GenG: an exclusion takes effect at the end of the fiscal year in which it was decided. */
export function exclusionEffectiveDate(decidedOn: PlainDate, settings: FiscalYearSettings): PlainDate {
  return fiscalYearEnd(decidedOn, settings.fiscalYearStartMonth)
}

/** §77 (1) GenG: the heirs are members until the end of the fiscal year in which the member died. */
export function deathEffectiveDate(diedOn: PlainDate, settings: FiscalYearSettings): PlainDate {
  return fiscalYearEnd(diedOn, settings.fiscalYearStartMonth)
}

/**
 * §77a GenG: a dissolved legal person or partnership stays a member until the end of the fiscal year in which
 * the dissolution took effect.
 */
export function dissolutionEffectiveDate(dissolvedOn: PlainDate, settings: FiscalYearSettings): PlainDate {
  return fiscalYearEnd(dissolvedOn, settings.fiscalYearStartMonth)
}

/**
 * §73 (2) GenG: the capital balance is paid out within 6 months after the membership ended. The membership ends
 * with the exit day, so the period starts the next morning and ends on the day before the same date six months
 * later (§§187 (2), 188 (2) BGB): exit 2026-12-31 -> 2027-06-30; exit 2026-06-30 -> 2026-12-31.
 */
export function payoutDueDate(exitOn: PlainDate): PlainDate {
  return addDays(addMonths(addDays(exitOn, 1), 6), -1)
}

export type MembershipStatus = 'active' | 'leaving' | 'exited'

/**
 * The state of a membership on a day (§§65, 69 GenG: the exit date is recorded as soon as it is known, the member
 * stays a member until then): active without an exit date; leaving while today <= exitOn; exited after it.
 */
export function membershipStatus(
  m: { joinedOn: PlainDate; exitOn: PlainDate | null },
  today: PlainDate,
): MembershipStatus {
  parsePlainDate(m.joinedOn)
  if (m.exitOn === null) {
    parsePlainDate(today)
    return 'active'
  }
  return compareDates(today, m.exitOn) <= 0 ? 'leaving' : 'exited'
}

/**
 * Memberships of one member (organisation or person) never overlap (§30 GenG: one entry per membership in the
 * member list): a new one may start only after every earlier one's exit date. The new membership has no end
 * yet, so it conflicts with any existing [joinedOn, exitOn | ∞] that has not ended before candidateJoinOn,
 * including one that starts later.
 */
export function overlapsExisting(
  existing: Array<{ joinedOn: PlainDate; exitOn: PlainDate | null }>,
  candidateJoinOn: PlainDate,
): boolean {
  parsePlainDate(candidateJoinOn)
  return existing.some((m) => m.exitOn === null || compareDates(candidateJoinOn, m.exitOn) <= 0)
}

/**
 * §30 GenG: supporting records of the member list are kept 3 years after the end of the calendar year in which
 * the member left; returns the first day they may be purged (exit 2026-12-31 -> 2030-01-01).
 */
export function retentionPurgeFrom(exitOn: PlainDate): PlainDate {
  const year = Number(parsePlainDate(exitOn).slice(0, 4))
  return parsePlainDate(`${String(year + 4).padStart(4, '0')}-01-01`)
}
