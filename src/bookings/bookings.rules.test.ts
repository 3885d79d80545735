import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { ConfigField } from '../catalog/catalog.model.ts'
import {
  allowedTransitions,
  bookingState,
  cancellationEndDates,
  changeDirection,
  changeStartProblem,
  checkConfig,
  earliestChangeStart,
  missingShares,
  type OrderFacts,
  orderProblems,
  sharesHeldFor,
  sharesNoLongerMandatory,
  termsOf,
} from './bookings.rules.ts'

test('the state of a booking at every date edge', () => {
  const cases: Array<[string, Parameters<typeof bookingState>[0], string, string]> = [
    [
      'requested stays requested',
      { status: 'requested', startsOn: '2026-04-01', endsOn: null },
      '2026-05-01',
      'requested',
    ],
    ['rejected', { status: 'rejected', startsOn: '2026-04-01', endsOn: null }, '2026-03-01', 'rejected'],
    ['withdrawn', { status: 'withdrawn', startsOn: '2026-04-01', endsOn: null }, '2026-03-01', 'withdrawn'],
    [
      'confirmed, the day before it starts',
      { status: 'confirmed', startsOn: '2026-04-01', endsOn: null },
      '2026-03-31',
      'confirmed',
    ],
    [
      'confirmed, on its first day',
      { status: 'confirmed', startsOn: '2026-04-01', endsOn: null },
      '2026-04-01',
      'active',
    ],
    ['confirmed, years later', { status: 'confirmed', startsOn: '2026-04-01', endsOn: null }, '2030-01-01', 'active'],
    [
      'replaced, on its last day',
      { status: 'confirmed', startsOn: '2026-04-01', endsOn: '2026-06-30' },
      '2026-06-30',
      'active',
    ],
    [
      'replaced, the day after',
      { status: 'confirmed', startsOn: '2026-04-01', endsOn: '2026-06-30' },
      '2026-07-01',
      'ended',
    ],
    [
      'cancelled, before its end',
      { status: 'cancelled', startsOn: '2026-04-01', endsOn: '2026-06-30' },
      '2026-05-15',
      'cancelled',
    ],
    [
      'cancelled, on its last day',
      { status: 'cancelled', startsOn: '2026-04-01', endsOn: '2026-06-30' },
      '2026-06-30',
      'cancelled',
    ],
    [
      'cancelled, the day after',
      { status: 'cancelled', startsOn: '2026-04-01', endsOn: '2026-06-30' },
      '2026-07-01',
      'ended',
    ],
    [
      'cancelled before it started',
      { status: 'cancelled', startsOn: '2026-04-01', endsOn: '2026-03-31' },
      '2026-03-20',
      'cancelled',
    ],
    ['never ran, after', { status: 'cancelled', startsOn: '2026-04-01', endsOn: '2026-03-31' }, '2026-04-01', 'ended'],
  ]
  for (const [name, booking, today, state] of cases) assert.equal(bookingState(booking, today), state, name)
  assert.throws(() => bookingState({ status: 'confirmed', startsOn: '2026-04-01', endsOn: null }, '2026-13-01'))
})

test('what each state allows', () => {
  assert.deepEqual(allowedTransitions('requested'), ['confirm', 'reject', 'withdraw'])
  assert.deepEqual(allowedTransitions('confirmed'), ['cancel', 'change'])
  assert.deepEqual(allowedTransitions('active'), ['cancel', 'change'])
  for (const state of ['cancelled', 'ended', 'rejected', 'withdrawn'] as const)
    assert.deepEqual(allowedTransitions(state), [])
})

const order = (overrides: Partial<OrderFacts> = {}): OrderFacts => ({
  kind: 'flat_rate',
  areaKind: 'primary',
  areaStatus: 'orderable',
  serviceStatus: null,
  itemPath: 'areaKey',
  isMember: true,
  hasPrice: true,
  overlapping: false,
  areaBooked: true,
  startsOn: '2026-04-01',
  today: '2026-03-10',
  quantity: 1,
  description: '',
  termsAccepted: true,
  ...overrides,
})

test('member and non-member rules, the catalog and the dates', () => {
  const cases: Array<[string, Partial<OrderFacts>, Array<[string, string]>]> = [
    ['a member orders a primary area', {}, []],
    ['a non-member may not order a primary area', { isMember: false }, [['areaKey', 'primary_members_only']]],
    [
      'a planned area is not orderable for a non-member either',
      { isMember: false, areaStatus: 'planned' },
      [['areaKey', 'not_orderable']],
    ],
    [
      "nor a primary area's add-on",
      { kind: 'addon', serviceStatus: 'orderable', itemPath: 'serviceKey', isMember: false },
      [['serviceKey', 'primary_members_only']],
    ],
    [
      'a non-member orders hourly work of a secondary area',
      {
        kind: 'hourly',
        areaKind: 'secondary',
        serviceStatus: 'orderable',
        itemPath: 'serviceKey',
        isMember: false,
        quantity: 8,
        description: 'DSGVO',
      },
      [],
    ],
    ['a planned area', { areaStatus: 'planned' }, [['areaKey', 'not_orderable']]],
    ['a discontinued area', { areaStatus: 'discontinued' }, [['areaKey', 'not_orderable']]],
    [
      'a planned service of an orderable area',
      { kind: 'addon', serviceStatus: 'planned', itemPath: 'serviceKey' },
      [['serviceKey', 'not_orderable']],
    ],
    ['no price on the start date', { hasPrice: false }, [['areaKey', 'no_price_yet']]],
    ['already booked or ordered', { overlapping: true }, [['areaKey', 'area_already_booked']]],
    [
      'an add-on without its area',
      { kind: 'addon', serviceStatus: 'orderable', itemPath: 'serviceKey', areaBooked: false, quantity: 3 },
      [['serviceKey', 'addon_needs_area']],
    ],
    ['starting today', { startsOn: '2026-03-10' }, []],
    ['starting yesterday', { startsOn: '2026-03-09' }, [['startsOn', 'date_in_past']]],
    ['a flat rate is one', { quantity: 2 }, [['quantity', 'invalid']]],
    [
      'an add-on needs a unit',
      { kind: 'addon', serviceStatus: 'orderable', itemPath: 'serviceKey', quantity: 0 },
      [['quantity', 'too_small']],
    ],
    [
      'hourly work needs a description',
      {
        kind: 'hourly',
        areaKind: 'secondary',
        serviceStatus: 'orderable',
        itemPath: 'serviceKey',
        quantity: 4,
        description: ' ',
      },
      [['description', 'required']],
    ],
    ['the terms must be accepted', { termsAccepted: false }, [['acceptTerms', 'terms_consent_required']]],
    [
      'everything at once: one message per field',
      { isMember: false, startsOn: '2026-04-01', termsAccepted: false, quantity: 2 },
      [
        ['areaKey', 'primary_members_only'],
        ['quantity', 'invalid'],
        ['acceptTerms', 'terms_consent_required'],
      ],
    ],
    [
      'a start in the past: membership and price of that day are not judged',
      { isMember: false, hasPrice: false, startsOn: '2026-01-01' },
      [['startsOn', 'date_in_past']],
    ],
    [
      'but a planned entry is told at any date',
      { areaStatus: 'planned', startsOn: '2026-01-01' },
      [
        ['areaKey', 'not_orderable'],
        ['startsOn', 'date_in_past'],
      ],
    ],
  ]
  for (const [name, overrides, expected] of cases)
    assert.deepEqual(
      orderProblems(order(overrides)).map((i) => [i.path, i.message]),
      expected,
      name,
    )
})

test('the configuration an area asks for', () => {
  const fields: ConfigField[] = [
    { key: 'accounts', labelDe: 'Konten', labelEn: 'Accounts', type: 'number', required: true },
    { key: 'domain', labelDe: 'Domain', labelEn: 'Domain', type: 'text', required: false },
    { key: 'tier', labelDe: 'Paket', labelEn: 'Plan', type: 'choice', required: true, choices: ['basis', 'plus'] },
  ]
  assert.deepEqual(checkConfig(fields, { accounts: '12', domain: ' verein.de ', tier: 'plus', other: 'x' }), {
    config: { accounts: 12, domain: 'verein.de', tier: 'plus' },
    issues: [],
  })
  assert.deepEqual(checkConfig(fields, { accounts: 7, tier: 'plus' }).config, { accounts: 7, tier: 'plus' })
  assert.deepEqual(
    checkConfig(fields, { accounts: '', tier: 'gold' }).issues.map((i) => [i.path, i.message]),
    [
      ['config.accounts', 'required'],
      ['config.tier', 'invalid_choice'],
    ],
  )
  assert.deepEqual(
    checkConfig(fields, { accounts: '-3', tier: 'basis' }).issues.map((i) => i.message),
    ['not_integer'],
  )
  assert.deepEqual(
    checkConfig(fields, { accounts: '2.5', tier: 'basis' }).issues.map((i) => i.message),
    ['not_integer'],
  )
  assert.deepEqual(
    checkConfig(fields, { accounts: '1', tier: 'basis', domain: 'x'.repeat(501) }).issues.map((i) => i.message),
    ['too_long'],
  )
})

test('the shares an order still needs (§15b GenG)', () => {
  assert.equal(missingShares({ mandatoryWithArea: 3, held: 3, declared: 0 }), 0)
  assert.equal(missingShares({ mandatoryWithArea: 4, held: 3, declared: 0 }), 1)
  assert.equal(missingShares({ mandatoryWithArea: 5, held: 3, declared: 1 }), 1)
  assert.equal(missingShares({ mandatoryWithArea: 2, held: 5, declared: 0 }), 0)
  // a §67b cancellation already given counts even if it takes effect after the day
  assert.equal(sharesHeldFor(5, 3), 3)
  assert.equal(sharesHeldFor(2, 4), 2)
  assert.equal(sharesNoLongerMandatory(4, 3), 1)
  assert.equal(sharesNoLongerMandatory(3, 3), 0)
  assert.equal(sharesNoLongerMandatory(2, 3), 0)
})

const monthly = { noticeDays: 30, termEnd: 'month' as const, minimumTermMonths: 0 }

test('cancellation dates follow the agreed terms, the earliest first', () => {
  assert.deepEqual(cancellationEndDates(monthly, '2026-01-01', '2026-03-10', 3), [
    '2026-04-30',
    '2026-05-31',
    '2026-06-30',
  ])
  // notice given on the day that just reaches the end of a month
  assert.deepEqual(cancellationEndDates(monthly, '2026-01-01', '2026-03-01', 1), ['2026-03-31'])
  // cancelled in time before it starts: it never runs
  assert.deepEqual(cancellationEndDates(monthly, '2026-06-01', '2026-03-10', 3), ['2026-05-31'])
  // a minimum term holds the earliest end back
  assert.deepEqual(cancellationEndDates({ ...monthly, minimumTermMonths: 12 }, '2026-01-01', '2026-03-10', 2), [
    '2026-12-31',
    '2027-01-31',
  ])
  assert.deepEqual(termsOf({ noticeDays: null, termEnd: null, minimumTermMonths: null }, monthly), monthly)
  assert.deepEqual(termsOf({ noticeDays: 14, termEnd: 'day', minimumTermMonths: 0 }, monthly), {
    noticeDays: 14,
    termEnd: 'day',
    minimumTermMonths: 0,
  })
})

test('changes: increases from tomorrow, decreases with the notice', () => {
  assert.equal(changeDirection(5, 3), 'decrease')
  assert.equal(changeDirection(3, 5), 'increase')
  assert.equal(changeDirection(3, 3), 'increase')
  const running = { startsOn: '2026-01-01' }
  assert.equal(earliestChangeStart('increase', monthly, running, '2026-03-10'), '2026-03-11')
  assert.equal(earliestChangeStart('decrease', monthly, running, '2026-03-10'), '2026-05-01')
  // never before the booking itself starts
  assert.equal(earliestChangeStart('increase', monthly, { startsOn: '2026-06-01' }, '2026-03-10'), '2026-06-01')
  assert.equal(changeStartProblem('increase', monthly, running, '2026-03-10', '2026-03-10'), 'change_too_early')
  assert.equal(changeStartProblem('increase', monthly, running, '2026-03-10', '2026-03-11'), null)
  assert.equal(changeStartProblem('decrease', monthly, running, '2026-03-10', '2026-04-30'), 'change_too_early')
  assert.equal(changeStartProblem('decrease', monthly, running, '2026-03-10', '2026-05-01'), null)
  assert.equal(changeStartProblem('decrease', monthly, running, '2026-03-10', '2026-05-15'), 'change_not_period_start')
  assert.equal(changeStartProblem('decrease', monthly, running, '2026-03-10', '2026-06-01'), null)
})
