import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import {
  addDays,
  addMonths,
  addYears,
  compareDates,
  daysBetween,
  daysInMonth,
  endOfMonth,
  fiscalYearEnd,
  fiscalYearStart,
  isLeapYear,
  isPlainDate,
  maxDate,
  minDate,
  monthsBetween,
  type PlainDate,
  parsePlainDate,
  todayIn,
} from './dates.ts'

/** Any real day 1900..2200, built through JS Date in UTC (fine as a test oracle, never in the rules). */
const plainDate = fc
  .integer({ min: Date.UTC(1900, 0, 1) / 86_400_000, max: Date.UTC(2200, 11, 31) / 86_400_000 })
  .map((day) => new Date(day * 86_400_000).toISOString().slice(0, 10))

const oracleAddDays = (d: PlainDate, n: number) =>
  new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10)

test('isPlainDate: strict format and real calendar days', () => {
  const cases: Array<[string, boolean]> = [
    ['2024-02-29', true],
    ['2025-02-29', false],
    ['2000-02-29', true],
    ['1900-02-29', false],
    ['2100-02-29', false],
    ['2026-04-30', true],
    ['2026-04-31', false],
    ['2026-12-31', true],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-01-00', false],
    ['0001-01-01', true],
    ['0000-12-31', false],
    ['9999-12-31', true],
    ['2026-1-01', false],
    ['2026-01-1', false],
    ['26-01-01', false],
    ['2026/01/01', false],
    [' 2026-01-01', false],
    ['2026-01-01 ', false],
    ['2026-01-01T00:00', false],
    ['+02026-01-01', false],
    ['２０２６-01-01', false],
    ['', false],
  ]
  for (const [input, expected] of cases) assert.equal(isPlainDate(input), expected, input)
  assert.equal(isPlainDate(undefined as unknown as string), false)
  assert.equal(isPlainDate(20260101 as unknown as string), false)
})

test('parsePlainDate returns the date or throws', () => {
  assert.equal(parsePlainDate('2024-02-29'), '2024-02-29')
  for (const bad of ['2025-02-29', '2026-4-1', 'today', '']) assert.throws(() => parsePlainDate(bad), RangeError, bad)
})

test('isPlainDate agrees with a round trip through Date', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1000, max: 9999 }),
      fc.integer({ min: 1, max: 12 }),
      fc.integer({ min: 1, max: 31 }),
      (y, m, d) => {
        const s = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
        const roundTrips = new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s
        assert.equal(isPlainDate(s), roundTrips, s)
      },
    ),
  )
})

test('leap years and month lengths', () => {
  const leap: Array<[number, boolean]> = [
    [2024, true],
    [2025, false],
    [2028, true],
    [2000, true],
    [1900, false],
    [2100, false],
    [2400, true],
  ]
  for (const [y, expected] of leap) assert.equal(isLeapYear(y), expected, String(y))
  const lengths: Array<[number, number, number]> = [
    [2024, 2, 29],
    [2025, 2, 28],
    [2100, 2, 28],
    [2026, 1, 31],
    [2026, 4, 30],
    [2026, 6, 30],
    [2026, 7, 31],
    [2026, 8, 31],
    [2026, 9, 30],
    [2026, 11, 30],
    [2026, 12, 31],
  ]
  for (const [y, m, days] of lengths) assert.equal(daysInMonth(y, m), days, `${y}-${m}`)
  assert.throws(() => daysInMonth(2026, 13), RangeError)
  assert.throws(() => daysInMonth(2026, 0), RangeError)
})

test('compareDates, minDate, maxDate', () => {
  assert.equal(compareDates('2026-01-01', '2026-01-02'), -1)
  assert.equal(compareDates('2026-01-02', '2026-01-01'), 1)
  assert.equal(compareDates('2026-01-01', '2026-01-01'), 0)
  assert.equal(compareDates('2025-12-31', '2026-01-01'), -1)
  assert.equal(minDate('2026-03-01', '2026-02-28'), '2026-02-28')
  assert.equal(maxDate('2026-03-01', '2026-02-28'), '2026-03-01')
  assert.throws(() => compareDates('2026-02-30', '2026-01-01'), RangeError)
})

test('addDays across month, year and leap-day boundaries', () => {
  const cases: Array<[PlainDate, number, PlainDate]> = [
    ['2026-01-31', 1, '2026-02-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2025-02-28', 1, '2025-03-01'],
    ['2024-02-29', 1, '2024-03-01'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2027-01-01', -1, '2026-12-31'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2026-01-01', 365, '2027-01-01'],
    ['2028-01-01', 366, '2029-01-01'],
    ['2026-05-15', 0, '2026-05-15'],
    ['2026-01-01', -146097, '1626-01-01'],
  ]
  for (const [d, n, expected] of cases) assert.equal(addDays(d, n), expected, `${d} + ${n}`)
  assert.throws(() => addDays('2026-01-01', 0.5), RangeError)
  assert.throws(() => addDays('9999-12-31', 1), RangeError)
})

test('addMonths clamps to the end of a shorter month', () => {
  const cases: Array<[PlainDate, number, PlainDate]> = [
    ['2024-01-31', 1, '2024-02-29'],
    ['2025-01-31', 1, '2025-02-28'],
    ['2026-01-31', 2, '2026-03-31'],
    ['2026-03-31', 1, '2026-04-30'],
    ['2026-03-31', -1, '2026-02-28'],
    ['2026-05-31', 6, '2026-11-30'],
    ['2026-08-31', 6, '2027-02-28'],
    ['2026-11-15', 2, '2027-01-15'],
    ['2026-01-15', -1, '2025-12-15'],
    ['2026-01-15', -13, '2024-12-15'],
    ['2026-06-30', 0, '2026-06-30'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2024-02-29', 48, '2028-02-29'],
  ]
  for (const [d, n, expected] of cases) assert.equal(addMonths(d, n), expected, `${d} + ${n} months`)
})

test('addYears: 29 February becomes 28 February in a common year', () => {
  assert.equal(addYears('2024-02-29', 1), '2025-02-28')
  assert.equal(addYears('2024-02-29', 4), '2028-02-29')
  assert.equal(addYears('2024-02-29', -1), '2023-02-28')
  assert.equal(addYears('2026-12-31', 3), '2029-12-31')
})

test('endOfMonth', () => {
  assert.equal(endOfMonth('2024-02-01'), '2024-02-29')
  assert.equal(endOfMonth('2025-02-14'), '2025-02-28')
  assert.equal(endOfMonth('2026-04-30'), '2026-04-30')
  assert.equal(endOfMonth('2026-12-01'), '2026-12-31')
})

test('fiscal years starting in January, April and July', () => {
  const cases: Array<[PlainDate, number, PlainDate, PlainDate]> = [
    ['2026-01-01', 1, '2026-01-01', '2026-12-31'],
    ['2026-12-31', 1, '2026-01-01', '2026-12-31'],
    ['2026-03-01', 7, '2025-07-01', '2026-06-30'],
    ['2026-06-30', 7, '2025-07-01', '2026-06-30'],
    ['2026-07-01', 7, '2026-07-01', '2027-06-30'],
    ['2026-03-31', 4, '2025-04-01', '2026-03-31'],
    ['2026-04-01', 4, '2026-04-01', '2027-03-31'],
    ['2028-02-29', 3, '2027-03-01', '2028-02-29'],
    ['2027-02-28', 3, '2026-03-01', '2027-02-28'],
    ['2026-12-15', 12, '2026-12-01', '2027-11-30'],
    ['2026-11-30', 12, '2025-12-01', '2026-11-30'],
  ]
  for (const [d, startMonth, start, end] of cases) {
    assert.equal(fiscalYearStart(d, startMonth), start, `start of ${d} (${startMonth})`)
    assert.equal(fiscalYearEnd(d, startMonth), end, `end of ${d} (${startMonth})`)
  }
  for (const bad of [0, 13, 1.5]) assert.throws(() => fiscalYearEnd('2026-01-01', bad), RangeError)
})

test('monthsBetween counts whole months like a notice period', () => {
  const cases: Array<[PlainDate, PlainDate, number]> = [
    ['2026-09-30', '2026-12-31', 3],
    ['2026-10-01', '2026-12-31', 2],
    ['2026-09-30', '2026-12-30', 3],
    ['2026-09-30', '2026-12-29', 2],
    ['2026-11-30', '2027-02-28', 3],
    ['2026-03-31', '2026-06-30', 3],
    ['2026-04-01', '2026-06-30', 2],
    ['2028-02-29', '2028-05-31', 3],
    ['2028-02-29', '2029-02-28', 12],
    ['2028-02-29', '2032-02-29', 48],
    ['2026-01-31', '2026-02-28', 1],
    ['2026-01-31', '2026-02-27', 0],
    ['2026-05-05', '2026-05-05', 0],
    ['2026-05-05', '2026-05-04', -1],
    ['2026-12-31', '2026-09-30', -3],
    ['2026-01-01', '2031-01-01', 60],
    ['2026-01-02', '2031-01-01', 59],
  ]
  for (const [a, b, expected] of cases) assert.equal(monthsBetween(a, b), expected, `${a} -> ${b}`)
})

test('monthsBetween is the largest n with addMonths(a, n) <= b', () => {
  fc.assert(
    fc.property(plainDate, plainDate, (a, b) => {
      const n = monthsBetween(a, b)
      assert.ok(addMonths(a, n) <= b, `addMonths(${a}, ${n}) <= ${b}`)
      assert.ok(addMonths(a, n + 1) > b, `addMonths(${a}, ${n + 1}) > ${b}`)
    }),
  )
})

test('addDays agrees with Date in UTC, and daysBetween inverts it', () => {
  fc.assert(
    fc.property(plainDate, fc.integer({ min: -40_000, max: 40_000 }), (d, n) => {
      const later = addDays(d, n)
      assert.equal(later, oracleAddDays(d, n))
      assert.equal(daysBetween(d, later), n)
      assert.equal(addDays(later, -n), d)
    }),
  )
})

test('addMonths keeps the day where it exists and lands in the right month', () => {
  fc.assert(
    fc.property(plainDate, fc.integer({ min: -1200, max: 1200 }), (d, n) => {
      const r = addMonths(d, n)
      assert.ok(isPlainDate(r))
      const months = (s: string) => Number(s.slice(0, 4)) * 12 + Number(s.slice(5, 7))
      assert.equal(months(r) - months(d), n)
      const day = Number(d.slice(8))
      const lastDay = daysInMonth(Number(r.slice(0, 4)), Number(r.slice(5, 7)))
      assert.equal(Number(r.slice(8)), Math.min(day, lastDay))
    }),
  )
})

test('a fiscal year contains its day, starts on day 1 of the start month and lasts 12 months', () => {
  fc.assert(
    fc.property(plainDate, fc.integer({ min: 1, max: 12 }), (d, startMonth) => {
      const start = fiscalYearStart(d, startMonth)
      const end = fiscalYearEnd(d, startMonth)
      assert.ok(start <= d && d <= end)
      assert.equal(Number(start.slice(5, 7)), startMonth)
      assert.equal(start.slice(8), '01')
      assert.equal(addDays(end, 1), addMonths(start, 12))
      assert.equal(fiscalYearEnd(start, startMonth), end)
      assert.equal(fiscalYearStart(end, startMonth), start)
    }),
  )
})

test('todayIn: the calendar day in Berlin, across midnight and daylight saving time', () => {
  const cases: Array<[string, PlainDate]> = [
    ['2026-06-30T21:59:59.999Z', '2026-06-30'],
    ['2026-06-30T22:00:00.000Z', '2026-07-01'],
    ['2026-12-31T22:59:59.999Z', '2026-12-31'],
    ['2026-12-31T23:00:00.000Z', '2027-01-01'],
    ['2026-03-28T23:30:00.000Z', '2026-03-29'],
    ['2026-10-24T22:30:00.000Z', '2026-10-25'],
    ['2026-10-25T22:30:00.000Z', '2026-10-25'],
    ['2026-10-25T23:00:00.000Z', '2026-10-26'],
    ['2028-02-28T23:00:00.000Z', '2028-02-29'],
  ]
  for (const [instant, expected] of cases) assert.equal(todayIn(new Date(instant)), expected, instant)
  assert.equal(todayIn(new Date('2026-12-31T23:00:00Z'), 'UTC'), '2026-12-31')
  assert.equal(todayIn(new Date('2027-01-01T03:00:00Z'), 'America/New_York'), '2026-12-31')
  assert.throws(() => todayIn(new Date('nonsense')), RangeError)
})
