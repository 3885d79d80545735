import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import {
  agreedPrice,
  cancellationEffectiveDate,
  checkNewVersion,
  earliestRiseStart,
  type PriceTier,
  type PriceVersion,
  periodEnd,
  possibleEndDates,
  priceTimeline,
  raisesPrice,
  type Terms,
  tierFor,
  tierProblems,
  versionOn,
  withVat,
} from './pricing.rules.ts'

const tiers: PriceTier[] = [
  { key: 'small', fromEmployees: 0, fromVolunteers: 0, fromBudgetCents: 0, monthlyCents: 4_900 },
  { key: 'medium', fromEmployees: 10, fromVolunteers: 50, fromBudgetCents: 50_000_000, monthlyCents: 12_900 },
  { key: 'large', fromEmployees: 50, fromVolunteers: 250, fromBudgetCents: 250_000_000, monthlyCents: 34_900 },
  { key: 'very_large', fromEmployees: 250, fromVolunteers: null, fromBudgetCents: 1_000_000_000, monthlyCents: 89_000 },
]

const size = (employees: number, volunteers = 0, annualBudgetCents = 0) => ({
  employees,
  volunteers,
  annualBudgetCents,
})

test('tier edges: each threshold on its own lifts an organisation, one below it does not', () => {
  const cases: Array<[ReturnType<typeof size>, string]> = [
    [size(0), 'small'],
    [size(9), 'small'],
    [size(10), 'medium'],
    [size(49), 'medium'],
    [size(50), 'large'],
    [size(249), 'large'],
    [size(250), 'very_large'],
    [size(0, 49), 'small'],
    [size(0, 50), 'medium'],
    [size(0, 249), 'medium'],
    [size(0, 250), 'large'],
    // no volunteer threshold on the top tier: volunteers alone never reach it
    [size(0, 1_000_000), 'large'],
    [size(0, 0, 49_999_999), 'small'],
    [size(0, 0, 50_000_000), 'medium'],
    [size(0, 0, 249_999_999), 'medium'],
    [size(0, 0, 250_000_000), 'large'],
    [size(0, 0, 999_999_999), 'large'],
    [size(0, 0, 1_000_000_000), 'very_large'],
    // the highest tier reached by any measure wins
    [size(9, 250, 0), 'large'],
    [size(250, 0, 0), 'very_large'],
    [size(12, 0, 300_000_000), 'large'],
  ]
  for (const [s, expected] of cases) assert.equal(tierFor(tiers, s).key, expected, JSON.stringify(s))
})

test('tierFor refuses negative or fractional sizes and an empty tier list', () => {
  assert.throws(() => tierFor(tiers, size(-1)), RangeError)
  assert.throws(() => tierFor(tiers, size(1.5)), RangeError)
  assert.throws(() => tierFor(tiers, size(0, -3)), RangeError)
  assert.throws(() => tierFor([], size(1)), RangeError)
})

test('the tier never falls when an organisation grows', () => {
  fc.assert(
    fc.property(
      fc.nat(400),
      fc.nat(400),
      fc.nat(2_000_000_000),
      fc.nat(50),
      fc.nat(50),
      fc.nat(100_000_000),
      (e, v, b, de, dv, db) => {
        const before = tiers.findIndex((t) => t.key === tierFor(tiers, size(e, v, b)).key)
        const after = tiers.findIndex((t) => t.key === tierFor(tiers, size(e + de, v + dv, b + db)).key)
        return after >= before
      },
    ),
  )
})

test('tier problems: duplicates, a first tier not from zero, falling thresholds and prices, an unreachable tier', () => {
  assert.deepEqual(tierProblems(tiers), [])
  assert.deepEqual(
    tierProblems([
      { key: 'a', fromEmployees: 1, fromVolunteers: null, fromBudgetCents: null, monthlyCents: 100 },
      { key: 'a', fromEmployees: 1, fromVolunteers: null, fromBudgetCents: null, monthlyCents: 50 },
      { key: 'c', fromEmployees: null, fromVolunteers: null, fromBudgetCents: null, monthlyCents: 200 },
    ]),
    [
      { path: [0, 'fromEmployees'], message: 'price_first_tier_from_zero' },
      { path: [1, 'key'], message: 'price_tier_key_duplicate' },
      { path: [1, 'monthlyCents'], message: 'price_tier_decreasing' },
      { path: [1, 'fromEmployees'], message: 'price_tiers_not_ascending' },
      { path: [2, 'fromEmployees'], message: 'price_tier_unreachable' },
    ],
  )
  // a measure skipped by a tier is compared with the last tier that gave it
  assert.deepEqual(
    tierProblems([
      { key: 'a', fromEmployees: 0, fromVolunteers: 0, fromBudgetCents: null, monthlyCents: 1 },
      { key: 'b', fromEmployees: 10, fromVolunteers: null, fromBudgetCents: null, monthlyCents: 2 },
      { key: 'c', fromEmployees: null, fromVolunteers: 0, fromBudgetCents: null, monthlyCents: 3 },
    ]),
    [{ path: [2, 'fromVolunteers'], message: 'price_tiers_not_ascending' }],
  )
})

const v = (id: string, validFrom: string, validUntil: string | null) => ({ id, validFrom, validUntil })

test('versionOn: the version holding on a day, at both edges of every version', () => {
  const versions = [v('a', '2026-01-01', '2026-03-31'), v('b', '2026-04-01', null), v('c', '2027-01-01', null)]
  const cases: Array<[string, string | undefined]> = [
    ['2025-12-31', undefined],
    ['2026-01-01', 'a'],
    ['2026-03-31', 'a'],
    ['2026-04-01', 'b'],
    ['2026-12-31', 'b'],
    ['2027-01-01', 'c'],
    ['2099-06-30', 'c'],
  ]
  for (const [day, expected] of cases) assert.equal(versionOn(versions, day)?.id, expected, day)
  // a gap after a bounded version: nothing holds
  assert.equal(versionOn([v('a', '2026-01-01', '2026-01-31')], '2026-02-01'), undefined)
})

test('versionOn: a bounded version interrupts an open one, which holds again after it', () => {
  const versions = [
    v('base', '2026-01-01', null),
    v('promo', '2026-06-01', '2026-06-30'),
    v('next', '2027-01-01', null),
  ]
  const cases: Array<[string, string]> = [
    ['2026-05-31', 'base'],
    ['2026-06-01', 'promo'],
    ['2026-06-30', 'promo'],
    ['2026-07-01', 'base'],
    ['2026-12-31', 'base'],
    ['2027-01-01', 'next'],
  ]
  for (const [day, expected] of cases) assert.equal(versionOn(versions, day)?.id, expected, day)
  assert.deepEqual(priceTimeline(versions), [
    { versionId: 'base', from: '2026-01-01', until: '2026-05-31' },
    { versionId: 'promo', from: '2026-06-01', until: '2026-06-30' },
    { versionId: 'base', from: '2026-07-01', until: '2026-12-31' },
    { versionId: 'next', from: '2027-01-01', until: null },
  ])
  // a gap after a bounded first version
  assert.deepEqual(priceTimeline([v('a', '2026-01-01', '2026-01-31'), v('b', '2026-03-01', null)]), [
    { versionId: 'a', from: '2026-01-01', until: '2026-01-31' },
    { versionId: 'b', from: '2026-03-01', until: null },
  ])
})

test('checkNewVersion: starts and overlaps at every boundary', () => {
  const today = '2026-12-01'
  const open = [v('cur', '2026-01-01', null)]
  const refuse = (path: string, message: string, conflict?: { validFrom: string; validUntil: string | null }) => ({
    ok: false,
    path,
    message,
    ...(conflict ? { conflict } : {}),
  })
  // never backwards: tomorrow at the earliest while a version holds today
  assert.deepEqual(checkNewVersion(open, v('x', '2026-12-01', null), today), refuse('validFrom', 'price_from_past'))
  assert.deepEqual(checkNewVersion(open, v('x', '2026-12-02', null), today), { ok: true })
  // the first price of an item may start today, not yesterday
  assert.deepEqual(checkNewVersion([], v('x', '2026-12-01', null), today), { ok: true })
  assert.deepEqual(checkNewVersion([], v('x', '2026-11-30', null), today), refuse('validFrom', 'price_from_past'))
  // nothing holds today (the only version ended): today is allowed again
  assert.deepEqual(checkNewVersion([v('old', '2026-01-01', '2026-11-30')], v('x', '2026-12-01', null), today), {
    ok: true,
  })
  assert.deepEqual(
    checkNewVersion(open, v('x', '2027-01-01', '2026-12-31'), today),
    refuse('validUntil', 'price_until_before_from'),
  )
  // a bounded promotion in the future: touching it from either side is fine, one day into it is not
  const promo = { validFrom: '2027-02-01', validUntil: '2027-02-28' }
  const withPromo = [...open, v('promo', promo.validFrom, promo.validUntil)]
  assert.deepEqual(checkNewVersion(withPromo, v('x', '2027-01-01', '2027-01-31'), today), { ok: true })
  assert.deepEqual(checkNewVersion(withPromo, v('x', '2027-03-01', null), today), { ok: true })
  assert.deepEqual(
    checkNewVersion(withPromo, v('x', '2027-01-01', '2027-02-01'), today),
    refuse('validUntil', 'price_overlap', promo),
  )
  assert.deepEqual(
    checkNewVersion(withPromo, v('x', '2027-02-01', null), today),
    refuse('validFrom', 'price_overlap', promo),
  )
  assert.deepEqual(
    checkNewVersion(withPromo, v('x', '2027-02-28', null), today),
    refuse('validFrom', 'price_overlap', promo),
  )
  // an open version may be put between two others: it holds until the next one starts
  const scheduled = [...open, v('next', '2027-01-01', null)]
  assert.deepEqual(checkNewVersion(scheduled, v('x', '2026-12-15', null), today), { ok: true })
  // the same start day as an existing version
  assert.deepEqual(
    checkNewVersion(scheduled, v('x', '2027-01-01', null), today),
    refuse('validFrom', 'price_overlap', { validFrom: '2027-01-01', validUntil: null }),
  )
  // a bounded version across another's start
  assert.deepEqual(
    checkNewVersion(scheduled, v('x', '2026-12-15', '2027-01-15'), today),
    refuse('validUntil', 'price_overlap', { validFrom: '2027-01-01', validUntil: null }),
  )
})

test('adopting accepted versions never changes what held before their start', () => {
  const day = fc.integer({ min: 0, max: 400 }).map((n) => new Date(Date.UTC(2026, 0, 1 + n)).toISOString().slice(0, 10))
  const plus = (d: string, n: number) => new Date(Date.parse(d) + n * 86_400_000).toISOString().slice(0, 10)
  fc.assert(
    fc.property(
      fc.array(fc.tuple(day, fc.option(fc.integer({ min: 0, max: 90 }), { nil: null })), { maxLength: 8 }),
      day,
      fc.option(fc.integer({ min: 0, max: 90 }), { nil: null }),
      day,
      (raw, from, length, today) => {
        const versions: Array<{ id: string; validFrom: string; validUntil: string | null }> = []
        raw.forEach(([f, len], i) => {
          const candidate = { validFrom: f, validUntil: len === null ? null : plus(f, len) }
          if (checkNewVersion(versions, candidate, '2025-12-31').ok) versions.push({ id: `h${i}`, ...candidate })
        })
        const candidate = { validFrom: from, validUntil: length === null ? null : plus(from, length) }
        const result = checkNewVersion(versions, candidate, today)
        if (!result.ok) return true
        if (from < today) return false
        const after = [...versions, { id: 'new', ...candidate }]
        // every day before the new start (and so every day up to today) keeps its holder
        for (let d = '2025-12-31'; d < from; d = plus(d, 1))
          if (versionOn(versions, d)?.id !== versionOn(after, d)?.id) return false
        // on its own days the new version holds, unless a later-starting open one took over
        return versionOn(after, from)?.id === 'new'
      },
    ),
    { numRuns: 300 },
  )
})

test('VAT is rounded half-up per line (EN 16931)', () => {
  assert.deepEqual(withVat(4_900, 19), { netCents: 4_900, vatCents: 931, grossCents: 5_831 })
  assert.deepEqual(withVat(50, 19), { netCents: 50, vatCents: 10, grossCents: 60 }) // 9.5 -> 10
  assert.deepEqual(withVat(150, 7), { netCents: 150, vatCents: 11, grossCents: 161 }) // 10.5 -> 11
  assert.deepEqual(withVat(12_345, 0), { netCents: 12_345, vatCents: 0, grossCents: 12_345 })
})

const flatRate: PriceVersion = {
  id: 'p1',
  kind: 'flat_rate',
  validFrom: '2026-01-01',
  validUntil: null,
  vatPercent: 19,
  tiers,
  monthlyCents: null,
  setupCents: 25_000,
  hourlyMemberCents: null,
  hourlyNonMemberCents: null,
}

test('agreed prices: flat rate by tier, add-on per unit, hourly by membership', () => {
  assert.deepEqual(agreedPrice(flatRate, { size: size(12), quantity: 1, isMember: true }), {
    priceVersionId: 'p1',
    tierKey: 'medium',
    monthlyCents: 12_900,
    setupCents: 25_000,
    hourlyCents: null,
    vatPercent: 19,
  })
  const addon: PriceVersion = { ...flatRate, id: 'p2', kind: 'addon', tiers: [], monthlyCents: 300, setupCents: 0 }
  assert.equal(agreedPrice(addon, { size: size(1), quantity: 7, isMember: true }).monthlyCents, 2_100)
  const hourly: PriceVersion = {
    ...flatRate,
    id: 'p3',
    kind: 'hourly',
    tiers: [],
    setupCents: 0,
    hourlyMemberCents: 6_500,
    hourlyNonMemberCents: 9_500,
  }
  assert.equal(agreedPrice(hourly, { size: size(1), quantity: 10, isMember: true }).hourlyCents, 6_500)
  assert.equal(agreedPrice(hourly, { size: size(1), quantity: 10, isMember: false }).hourlyCents, 9_500)
})

test('period ends: month, quarter, year, day', () => {
  const cases: Array<[string, 'day' | 'month' | 'quarter' | 'year', string]> = [
    ['2026-02-10', 'month', '2026-02-28'],
    ['2028-02-10', 'month', '2028-02-29'],
    ['2026-01-01', 'quarter', '2026-03-31'],
    ['2026-04-01', 'quarter', '2026-06-30'],
    ['2026-09-30', 'quarter', '2026-09-30'],
    ['2026-10-01', 'quarter', '2026-12-31'],
    ['2026-07-14', 'year', '2026-12-31'],
    ['2026-07-14', 'day', '2026-07-14'],
  ]
  for (const [day, end, expected] of cases) assert.equal(periodEnd(day, end), expected, `${day} ${end}`)
})

test('cancellation dates: notice days, period end, minimum term, before the start', () => {
  const month: Terms = { noticeDays: 30, termEnd: 'month', minimumTermMonths: 0 }
  const cases: Array<[Terms, string, string, string]> = [
    // 30 days from 1 Dec is 31 Dec: the end of December
    [month, '2026-01-01', '2026-12-01', '2026-12-31'],
    // one day later, the notice runs into January
    [month, '2026-01-01', '2026-12-02', '2027-01-31'],
    [{ ...month, noticeDays: 0 }, '2026-01-01', '2026-12-02', '2026-12-31'],
    [{ ...month, termEnd: 'quarter' }, '2026-01-01', '2026-12-02', '2027-03-31'],
    [{ ...month, termEnd: 'year' }, '2026-01-01', '2026-12-01', '2026-12-31'],
    [{ ...month, termEnd: 'year' }, '2026-01-01', '2026-12-02', '2027-12-31'],
    [{ ...month, termEnd: 'day', noticeDays: 14 }, '2026-01-01', '2026-12-02', '2026-12-16'],
    // a minimum term of 12 months from 15 March runs to 14 March next year: the end of March
    [{ ...month, minimumTermMonths: 12 }, '2026-03-15', '2026-04-01', '2027-03-31'],
    // the minimum term already over: only the notice counts
    [{ ...month, minimumTermMonths: 12 }, '2024-03-15', '2026-04-01', '2026-05-31'],
    // cancelled in time before it starts: it never runs
    [month, '2027-03-01', '2026-12-01', '2027-02-28'],
    [month, '2027-01-15', '2026-12-01', '2027-01-14'],
    // too late to stop the start: it runs to the end of the period the notice ends in
    [month, '2026-12-20', '2026-12-01', '2026-12-31'],
  ]
  for (const [terms, startsOn, givenOn, expected] of cases)
    assert.equal(
      cancellationEffectiveDate(terms, startsOn, givenOn),
      expected,
      JSON.stringify([terms, startsOn, givenOn]),
    )
  assert.deepEqual(possibleEndDates(month, '2026-01-01', '2026-12-02', 3), ['2027-01-31', '2027-02-28', '2027-03-31'])
  assert.deepEqual(possibleEndDates({ ...month, termEnd: 'quarter' }, '2026-01-01', '2026-12-02', 2), [
    '2027-03-31',
    '2027-06-30',
  ])
})

test('a cancellation always ends at a period end, after the notice, never before the minimum term', () => {
  const day = fc
    .integer({ min: 0, max: 3000 })
    .map((n) => new Date(Date.UTC(2025, 0, 1 + n)).toISOString().slice(0, 10))
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 120 }),
      fc.constantFrom('day', 'month', 'quarter', 'year' as const),
      fc.integer({ min: 0, max: 24 }),
      day,
      day,
      (noticeDays, termEnd, minimumTermMonths, startsOn, givenOn) => {
        const terms = { noticeDays, termEnd: termEnd as 'day', minimumTermMonths }
        const end = cancellationEffectiveDate(terms, startsOn, givenOn)
        const dayAfter = (d: string) => new Date(Date.parse(d) + 86_400_000).toISOString().slice(0, 10)
        if (end < startsOn) return dayAfter(end) === startsOn && minimumTermMonths === 0
        const noticeOver = new Date(Date.parse(givenOn) + noticeDays * 86_400_000).toISOString().slice(0, 10)
        return periodEnd(end, termEnd as 'day') === end && end >= noticeOver
      },
    ),
    { numRuns: 1000 },
  )
})

test('a price rise: any tier up by key, a new dearer tier, add-on or hourly up; VAT and setup are no rise', () => {
  const next = (over: Partial<PriceVersion>) => ({ ...flatRate, id: 'n', ...over })
  assert.equal(raisesPrice(undefined, flatRate), false)
  assert.equal(raisesPrice(flatRate, next({})), false)
  assert.equal(raisesPrice(flatRate, next({ vatPercent: 21, setupCents: 99_000 })), false)
  assert.equal(
    raisesPrice(
      flatRate,
      next({ tiers: tiers.map((t) => (t.key === 'large' ? { ...t, monthlyCents: t.monthlyCents + 1 } : t)) }),
    ),
    true,
  )
  assert.equal(
    raisesPrice(flatRate, next({ tiers: tiers.map((t) => ({ ...t, monthlyCents: t.monthlyCents - 100 })) })),
    false,
  )
  assert.equal(
    raisesPrice(
      flatRate,
      next({
        tiers: [
          ...tiers,
          { key: 'huge', fromEmployees: 1000, fromVolunteers: null, fromBudgetCents: null, monthlyCents: 99_000 },
        ],
      }),
    ),
    true,
  )
  const addon = { ...flatRate, kind: 'addon' as const, tiers: [], monthlyCents: 300 }
  assert.equal(raisesPrice(addon, { ...addon, monthlyCents: 301 }), true)
  assert.equal(raisesPrice(addon, { ...addon, monthlyCents: 300 }), false)
  const hourly = {
    ...flatRate,
    kind: 'hourly' as const,
    tiers: [],
    hourlyMemberCents: 6_500,
    hourlyNonMemberCents: 9_500,
  }
  assert.equal(raisesPrice(hourly, { ...hourly, hourlyNonMemberCents: 9_600 }), true)
  assert.equal(raisesPrice(hourly, { ...hourly, hourlyMemberCents: 6_000 }), false)
  assert.equal(earliestRiseStart('2026-12-01', 30), '2027-01-01')
  assert.equal(earliestRiseStart('2026-12-01', 0), '2026-12-02')
})
