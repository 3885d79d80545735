import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { addDays, fiscalYearEnd, fiscalYearStart, monthsBetween, type PlainDate } from '../platform/dates.ts'
import {
  deathEffectiveDate,
  dissolutionEffectiveDate,
  exclusionEffectiveDate,
  membershipStatus,
  overlapsExisting,
  payoutDueDate,
  possibleExitDates,
  retentionPurgeFrom,
  shareCancellationEffectiveDate,
  terminationEffectiveDate,
} from './membership.rules.ts'

const calendar = (noticeMonths = 3) => ({ noticeMonths, fiscalYearStartMonth: 1 })

test('§65 GenG: termination to the end of a fiscal year, at least the notice period ahead', () => {
  const cases: Array<[PlainDate, number, number, PlainDate]> = [
    // given on, notice months, fiscal year start month, effective
    ['2026-09-30', 3, 1, '2026-12-31'],
    ['2026-10-01', 3, 1, '2027-12-31'],
    ['2026-01-01', 3, 1, '2026-12-31'],
    ['2026-12-31', 3, 1, '2027-12-31'],
    ['2026-03-31', 3, 7, '2026-06-30'],
    ['2026-04-01', 3, 7, '2027-06-30'],
    ['2026-06-30', 3, 7, '2027-06-30'],
    ['2026-07-01', 3, 7, '2027-06-30'],
    ['2025-12-31', 3, 4, '2026-03-31'],
    ['2026-01-01', 3, 4, '2027-03-31'],
    ['2026-06-30', 6, 1, '2026-12-31'],
    ['2026-07-01', 6, 1, '2027-12-31'],
    ['2026-12-31', 12, 1, '2027-12-31'],
    ['2027-01-01', 12, 1, '2028-12-31'],
    ['2026-12-31', 24, 1, '2028-12-31'],
    ['2027-01-01', 24, 1, '2029-12-31'],
    ['2026-06-15', 24, 1, '2028-12-31'],
    ['2026-12-31', 60, 1, '2031-12-31'],
    ['2027-01-01', 60, 1, '2032-12-31'],
    ['2026-06-30', 60, 7, '2031-06-30'],
    ['2026-07-01', 60, 7, '2032-06-30'],
    ['2026-03-31', 60, 7, '2031-06-30'],
    ['2028-02-29', 3, 1, '2028-12-31'],
    ['2028-02-29', 10, 1, '2028-12-31'],
    ['2028-02-29', 11, 1, '2029-12-31'],
    ['2028-02-29', 3, 6, '2028-05-31'],
    ['2028-03-01', 3, 6, '2029-05-31'],
    ['2028-02-29', 3, 3, '2029-02-28'],
    ['2028-02-29', 48, 3, '2032-02-29'],
    ['2028-03-01', 48, 3, '2033-02-28'],
    ['2027-11-30', 3, 3, '2028-02-29'],
    ['2027-11-29', 3, 3, '2028-02-29'],
    ['2027-12-01', 3, 3, '2029-02-28'],
  ]
  for (const [givenOn, noticeMonths, fiscalYearStartMonth, expected] of cases)
    assert.equal(
      terminationEffectiveDate(givenOn, { noticeMonths, fiscalYearStartMonth }),
      expected,
      `${givenOn}, ${noticeMonths} months, fiscal year from month ${fiscalYearStartMonth}`,
    )
})

test('§65 GenG: the effective date is the first fiscal-year end the notice period reaches', () => {
  const day = fc.integer({ min: 0, max: 365 * 30 }).map((n) => addDays('2000-01-01', n))
  fc.assert(
    fc.property(
      day,
      fc.integer({ min: 3, max: 60 }),
      fc.integer({ min: 1, max: 12 }),
      (givenOn, noticeMonths, startMonth) => {
        const settings = { noticeMonths, fiscalYearStartMonth: startMonth }
        const end = terminationEffectiveDate(givenOn, settings)
        assert.equal(fiscalYearEnd(end, startMonth), end, 'a fiscal-year end')
        assert.ok(monthsBetween(givenOn, end) >= noticeMonths, 'notice period kept')
        const earlier = addDays(fiscalYearStart(end, startMonth), -1)
        assert.ok(earlier < givenOn || monthsBetween(givenOn, earlier) < noticeMonths, 'no earlier end would do')
        assert.equal(shareCancellationEffectiveDate(givenOn, settings), end, '§67b follows §65')
      },
    ),
  )
})

test('possible exit dates: the earliest and the fiscal-year ends after it', () => {
  assert.deepEqual(possibleExitDates('2026-10-01', calendar(), 3), ['2027-12-31', '2028-12-31', '2029-12-31'])
  assert.deepEqual(possibleExitDates('2026-03-31', { noticeMonths: 3, fiscalYearStartMonth: 7 }, 2), [
    '2026-06-30',
    '2027-06-30',
  ])
  assert.deepEqual(possibleExitDates('2026-05-01', { noticeMonths: 3, fiscalYearStartMonth: 3 }, 4), [
    '2027-02-28',
    '2028-02-29',
    '2029-02-28',
    '2030-02-28',
  ])
  assert.deepEqual(possibleExitDates('2026-05-01', calendar(), 0), [])
  assert.throws(() => possibleExitDates('2026-05-01', calendar(), -1), RangeError)
})

test('§67b GenG: cancelling voluntary shares keeps the same notice as a termination', () => {
  assert.equal(shareCancellationEffectiveDate('2026-09-30', calendar()), '2026-12-31')
  assert.equal(shareCancellationEffectiveDate('2026-10-01', calendar()), '2027-12-31')
  assert.equal(shareCancellationEffectiveDate('2026-10-01', calendar(24)), '2028-12-31')
})

test('§§68, 77, 77a GenG: exclusion, death and dissolution end with the fiscal year they happen in', () => {
  const cases: Array<[PlainDate, number, PlainDate]> = [
    ['2026-01-01', 1, '2026-12-31'],
    ['2026-12-31', 1, '2026-12-31'],
    ['2026-12-20', 1, '2026-12-31'],
    ['2026-06-30', 7, '2026-06-30'],
    ['2026-07-01', 7, '2027-06-30'],
    ['2028-02-29', 3, '2028-02-29'],
    ['2028-03-01', 3, '2029-02-28'],
  ]
  for (const [on, fiscalYearStartMonth, expected] of cases) {
    const settings = { fiscalYearStartMonth }
    assert.equal(exclusionEffectiveDate(on, settings), expected, `exclusion ${on}`)
    assert.equal(deathEffectiveDate(on, settings), expected, `death ${on}`)
    assert.equal(dissolutionEffectiveDate(on, settings), expected, `dissolution ${on}`)
  }
})

test('§73 (2) GenG: payout within six months after the membership ended', () => {
  const cases: Array<[PlainDate, PlainDate]> = [
    ['2026-12-31', '2027-06-30'],
    ['2026-06-30', '2026-12-31'],
    ['2027-08-31', '2028-02-29'],
    ['2026-08-31', '2027-02-28'],
    ['2026-03-31', '2026-09-30'],
    ['2026-02-28', '2026-08-31'],
    ['2026-05-15', '2026-11-15'],
  ]
  for (const [exitOn, expected] of cases) assert.equal(payoutDueDate(exitOn), expected, exitOn)
})

test('membership status on a day', () => {
  const cases: Array<[PlainDate | null, PlainDate, string]> = [
    [null, '2026-05-01', 'active'],
    ['2026-12-31', '2026-05-01', 'leaving'],
    ['2026-12-31', '2026-12-31', 'leaving'],
    ['2026-12-31', '2027-01-01', 'exited'],
    ['2026-12-31', '2030-01-01', 'exited'],
  ]
  for (const [exitOn, today, expected] of cases)
    assert.equal(membershipStatus({ joinedOn: '2020-01-01', exitOn }, today), expected, `${exitOn} on ${today}`)
  assert.throws(() => membershipStatus({ joinedOn: '2020-01-01', exitOn: null }, '2026-02-30'), RangeError)
})

test('memberships of one member never overlap', () => {
  const past = { joinedOn: '2020-01-01', exitOn: '2022-12-31' }
  const open = { joinedOn: '2024-01-01', exitOn: null }
  const later = { joinedOn: '2030-01-01', exitOn: '2031-12-31' }
  const cases: Array<[Array<{ joinedOn: PlainDate; exitOn: PlainDate | null }>, PlainDate, boolean]> = [
    [[], '2026-01-01', false],
    [[past], '2023-01-01', false],
    [[past], '2022-12-31', true],
    [[past], '2021-06-01', true],
    [[past], '2020-01-01', true],
    [[past], '2019-12-31', true],
    [[past, open], '2026-01-01', true],
    [[past, open], '2023-06-01', true],
    [[later], '2029-01-01', true],
    [[later], '2032-01-01', false],
    [[past, later], '2032-01-01', false],
  ]
  for (const [existing, candidate, expected] of cases)
    assert.equal(overlapsExisting(existing, candidate), expected, `${candidate} vs ${JSON.stringify(existing)}`)
})

test('§30 GenG: records are kept 3 years after the end of the calendar year of exit', () => {
  const cases: Array<[PlainDate, PlainDate]> = [
    ['2026-12-31', '2030-01-01'],
    ['2026-01-01', '2030-01-01'],
    ['2026-06-30', '2030-01-01'],
    ['2027-01-01', '2031-01-01'],
    ['2028-02-29', '2032-01-01'],
  ]
  for (const [exitOn, expected] of cases) assert.equal(retentionPurgeFrom(exitOn), expected, exitOn)
})
