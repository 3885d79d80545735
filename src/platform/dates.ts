/**
 * Calendar dates as 'YYYY-MM-DD' strings, with integer day arithmetic instead of JS `Date`: legal deadlines
 * (notice periods, fiscal-year ends, payout and retention periods) are counted in calendar days and months,
 * and a `Date` carries a time and a zone that shift them by a day. Years run from 0001 to 9999, so the
 * string order is the calendar order.
 */

/** A calendar day as 'YYYY-MM-DD'; every value produced here is a real day. */
export type PlainDate = string

const plainDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/
const minYear = 1
const maxYear = 9999

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
}

export function daysInMonth(y: number, m: number): number {
  if (!Number.isInteger(y) || !Number.isInteger(m) || m < 1 || m > 12) throw new RangeError(`invalid month ${y}-${m}`)
  if (m === 2) return isLeapYear(y) ? 29 : 28
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31
}

function split(s: string): [number, number, number] | undefined {
  const match = plainDatePattern.exec(s)
  if (!match) return undefined
  const y = Number(match[1])
  const m = Number(match[2])
  const d = Number(match[3])
  if (y < minYear || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return undefined
  return [y, m, d]
}

function parts(d: PlainDate): [number, number, number] {
  const p = split(d)
  if (!p) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${JSON.stringify(d)}`)
  return p
}

function format(y: number, m: number, d: number): PlainDate {
  if (y < minYear || y > maxYear) throw new RangeError(`year ${y} out of range ${minYear}..${maxYear}`)
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
}

function requireInteger(n: number, what: string): void {
  if (!Number.isSafeInteger(n)) throw new RangeError(`${what} must be a whole number, got ${n}`)
}

function requireMonth(m: number): void {
  if (!Number.isInteger(m) || m < 1 || m > 12) throw new RangeError(`month must be 1..12, got ${m}`)
}

// Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's days_from_civil / civil_from_days).
function toDayNumber(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y
  const era = Math.floor(yy / 400)
  const yoe = yy - era * 400
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy
  return era * 146097 + doe - 719468
}

function fromDayNumber(n: number): [number, number, number] {
  const z = n + 719468
  const era = Math.floor(z / 146097)
  const doe = z - era * 146097
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365)
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1
  const m = mp < 10 ? mp + 3 : mp - 9
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d]
}

/** Strict 'YYYY-MM-DD' that names a real day (2024-02-29 yes, 2025-02-29 no), years 0001..9999. */
export function isPlainDate(s: string): boolean {
  return typeof s === 'string' && split(s) !== undefined
}

/** The date itself, or an Error saying why it is not one. */
export function parsePlainDate(s: string): PlainDate {
  parts(s)
  return s
}

const formatters = new Map<string, Intl.DateTimeFormat>()

/** The calendar day an instant falls on in a time zone; Europe/Berlin by default (DOMAIN: dates in Berlin). */
export function todayIn(now: Date, timeZone = 'Europe/Berlin'): PlainDate {
  if (Number.isNaN(now.getTime())) throw new RangeError('invalid instant')
  let formatter = formatters.get(timeZone)
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      calendar: 'gregory',
      numberingSystem: 'latn',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
    })
    formatters.set(timeZone, formatter)
  }
  const p = Object.fromEntries(formatter.formatToParts(now).map((part) => [part.type, part.value]))
  return format(Number(p.year), Number(p.month), Number(p.day))
}

export function compareDates(a: PlainDate, b: PlainDate): number {
  parts(a)
  parts(b)
  return a < b ? -1 : a > b ? 1 : 0
}

export function minDate(a: PlainDate, b: PlainDate): PlainDate {
  return compareDates(a, b) <= 0 ? a : b
}

export function maxDate(a: PlainDate, b: PlainDate): PlainDate {
  return compareDates(a, b) >= 0 ? a : b
}

export function addDays(d: PlainDate, n: number): PlainDate {
  requireInteger(n, 'days')
  const [y, m, day] = parts(d)
  return format(...fromDayNumber(toDayNumber(y, m, day) + n))
}

/** Days from a to b (negative when b is earlier). */
export function daysBetween(a: PlainDate, b: PlainDate): number {
  return toDayNumber(...parts(b)) - toDayNumber(...parts(a))
}

/** Calendar months later (or earlier for n < 0); a day past the target month's end becomes its last day. */
export function addMonths(d: PlainDate, n: number): PlainDate {
  requireInteger(n, 'months')
  const [y, m, day] = parts(d)
  const index = y * 12 + (m - 1) + n
  const ty = Math.floor(index / 12)
  const tm = index - ty * 12 + 1
  if (ty < minYear || ty > maxYear) throw new RangeError(`year ${ty} out of range ${minYear}..${maxYear}`)
  return format(ty, tm, Math.min(day, daysInMonth(ty, tm)))
}

/** Calendar years later; 29 February becomes 28 February in a common year. */
export function addYears(d: PlainDate, n: number): PlainDate {
  requireInteger(n, 'years')
  return addMonths(d, n * 12)
}

export function endOfMonth(d: PlainDate): PlainDate {
  const [y, m] = parts(d)
  return format(y, m, daysInMonth(y, m))
}

/** First day of the fiscal year containing d; the fiscal year starts on day 1 of startMonth (1..12), Satzung. */
export function fiscalYearStart(d: PlainDate, startMonth: number): PlainDate {
  requireMonth(startMonth)
  const [y, m] = parts(d)
  return format(m >= startMonth ? y : y - 1, startMonth, 1)
}

/** Last day of the fiscal year containing d: startMonth 1 -> 31 December; startMonth 7, 2026-03-01 -> 2026-06-30. */
export function fiscalYearEnd(d: PlainDate, startMonth: number): PlainDate {
  return addDays(addMonths(fiscalYearStart(d, startMonth), 12), -1)
}

/**
 * Whole months from a to b, counted like notice periods: the largest n with addMonths(a, n) <= b.
 * 2026-09-30 -> 2026-12-31 is 3 (the three months end on 2026-12-30); 2026-10-01 -> 2026-12-31 is 2.
 * For b before a the same definition gives a negative count.
 */
export function monthsBetween(a: PlainDate, b: PlainDate): number {
  const [ay, am] = parts(a)
  const [by, bm] = parts(b)
  const n = by * 12 + bm - (ay * 12 + am)
  // addMonths(a, n) lies in b's month, addMonths(a, n - 1) in the month before: one of the two is the answer.
  return addMonths(a, n) <= b ? n : n - 1
}
