import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { fieldIssues } from '../platform/fields.ts'
import {
  defaultSizeTiers,
  defaultStatutes,
  firstPaymentCents,
  type MemberType,
  mandatoryShares,
  paymentSchedule,
  readStatutes,
  type StatutesSettings,
  type StatutesVersion,
  sizeTierFor,
  statutesSettingsSchema,
  versionInForce,
} from './statutes.rules.ts'

const settings = (patch: Partial<StatutesSettings> = {}): StatutesSettings => ({
  ...structuredClone(defaultStatutes),
  ...patch,
})

/** Issue paths and messages of an invalid settings object. */
function issues(input: unknown): Array<[string, string]> {
  const result = statutesSettingsSchema.safeParse(input)
  assert.equal(result.success, false, 'expected invalid settings')
  return result.error!.issues.map((i) => [i.path.join('.'), i.message])
}

test('the defaults are valid statutes and cannot be changed by accident', () => {
  assert.deepEqual(statutesSettingsSchema.parse(defaultStatutes), defaultStatutes)
  assert.equal(defaultStatutes.shareValueCents, 10000)
  assert.equal(defaultStatutes.noticeMonths, 3)
  assert.equal(defaultStatutes.proxyLimit, 2)
  assert.equal(defaultSizeTiers.length, 4)
  assert.throws(() => {
    ;(defaultStatutes as { noticeMonths: number }).noticeMonths = 6
  }, TypeError)
  assert.throws(() => defaultStatutes.sizeTiers.push({ key: 'x', fromEmployees: 1, fromBudgetCents: 1, shares: 1 }))
})

test('field ranges follow the law: notice 3..60 months, first payment >= 10 %, proxy for <= 2 members', () => {
  const cases: Array<[Partial<StatutesSettings>, string, string]> = [
    [{ noticeMonths: 2 }, 'noticeMonths', 'too_small'],
    [{ noticeMonths: 61 }, 'noticeMonths', 'too_big'],
    [{ minimumPaymentPercent: 9 }, 'minimumPaymentPercent', 'too_small'],
    [{ minimumPaymentPercent: 101 }, 'minimumPaymentPercent', 'too_big'],
    [{ minimumPaymentPercent: 12.5 }, 'minimumPaymentPercent', 'not_integer'],
    [{ proxyLimit: 3 }, 'proxyLimit', 'too_big'],
    [{ proxyLimit: 0 }, 'proxyLimit', 'too_small'],
    [{ admissionApprovals: 3 }, 'admissionApprovals', 'too_big'],
    [{ shareValueCents: 99 }, 'shareValueCents', 'too_small'],
    [{ shareValueCents: 100_000_01 }, 'shareValueCents', 'too_big'],
    [{ minimumShares: 0 }, 'minimumShares', 'too_small'],
    [{ sharesPerPrimaryArea: 21 }, 'sharesPerPrimaryArea', 'too_big'],
    [{ instalmentCount: 21 }, 'instalmentCount', 'too_big'],
    [{ instalmentIntervalMonths: 0 }, 'instalmentIntervalMonths', 'too_small'],
    [{ instalmentIntervalMonths: 25 }, 'instalmentIntervalMonths', 'too_big'],
    [{ fiscalYearStartMonth: 0 }, 'fiscalYearStartMonth', 'too_small'],
    [{ fiscalYearStartMonth: 13 }, 'fiscalYearStartMonth', 'too_big'],
    [{ employeeMemberShares: 0 }, 'employeeMemberShares', 'too_small'],
    [{ supportingMemberShares: 0 }, 'supportingMemberShares', 'too_small'],
  ]
  for (const [patch, path, message] of cases)
    assert.deepEqual(issues(settings(patch)), [[path, message]], JSON.stringify(patch))
  for (const ok of [
    { noticeMonths: 3 },
    { noticeMonths: 60 },
    { minimumPaymentPercent: 10 },
    { minimumPaymentPercent: 100 },
    { shareValueCents: 100 },
    { shareValueCents: 100_000_00 },
    { instalmentCount: 0 },
    { proxyLimit: 1 },
    { admissionApprovals: 2 },
    { fiscalYearStartMonth: 7 },
    { supportingMembersVote: true },
  ])
    assert.equal(statutesSettingsSchema.safeParse(settings(ok)).success, true, JSON.stringify(ok))
})

test('governance settings follow the law: plural votes <= 3 (§43 (3)), demand <= a tenth (§45 (1)), periods (§46)', () => {
  assert.equal(defaultStatutes.pluralVotesMax, 1)
  assert.equal(defaultStatutes.demandPercent, 10)
  assert.equal(defaultStatutes.writtenVotes, false)
  assert.equal(defaultStatutes.invitationDays, 14)
  assert.equal(defaultStatutes.agendaDays, 7)
  const cases: Array<[Partial<StatutesSettings>, string, string]> = [
    [{ pluralVotesMax: 4 }, 'pluralVotesMax', 'too_big'],
    [{ pluralVotesMax: 0 }, 'pluralVotesMax', 'too_small'],
    [{ demandPercent: 11 }, 'demandPercent', 'too_big'], // §45 (1): the statutes may only lower the tenth
    [{ demandPercent: 0 }, 'demandPercent', 'too_small'],
    [{ invitationDays: 13 }, 'invitationDays', 'too_small'], // §46 (1): at least two weeks
    [{ invitationDays: 61 }, 'invitationDays', 'too_big'],
    [{ agendaDays: 6 }, 'agendaDays', 'too_small'], // §46 (2): at least one week
    [{ agendaDays: 15 }, 'agendaDays', 'statutes_agenda_after_invitation'],
    [{ invitationDays: 20, agendaDays: 21 }, 'agendaDays', 'statutes_agenda_after_invitation'],
    [{ agendaDays: 7.5 }, 'agendaDays', 'not_integer'],
  ]
  for (const [patch, path, message] of cases)
    assert.deepEqual(issues(settings(patch)), [[path, message]], JSON.stringify(patch))
  assert.equal(issues(settings({ writtenVotes: 'yes' as unknown as boolean }))[0]?.[0], 'writtenVotes')
  for (const ok of [
    { pluralVotesMax: 3 },
    { demandPercent: 1 },
    { demandPercent: 5 },
    { writtenVotes: true },
    { invitationDays: 60, agendaDays: 60 },
    { invitationDays: 21, agendaDays: 14 },
  ])
    assert.equal(statutesSettingsSchema.safeParse(settings(ok)).success, true, JSON.stringify(ok))
  const en = fieldIssues(statutesSettingsSchema.safeParse(settings({ agendaDays: 20 })).error!, 'en')
  assert.match(en[0]!.message, /invitation period/)
})

test('the schema is strict and takes typed JSON, not form strings', () => {
  assert.deepEqual(issues({ ...settings(), extra: 1 }), [['', 'Unrecognized key: "extra"']])
  assert.deepEqual(issues(settings({ noticeMonths: '6' as unknown as number })), [['noticeMonths', 'not_integer']])
  assert.deepEqual(
    issues(settings({ supportingMembersVote: 'true' as unknown as boolean }))[0]?.[0],
    'supportingMembersVote',
  )
  const tiers = [{ ...defaultSizeTiers[0], extra: true }]
  assert.equal(issues(settings({ sizeTiers: tiers as never }))[0]?.[0], 'sizeTiers.0')
  assert.deepEqual(issues(settings({ sizeTiers: [] })), [['sizeTiers', 'too_small']])
})

test('size tiers: start at 0/0, thresholds strictly ascending, shares never falling, keys unique', () => {
  const tier = (key: string, fromEmployees: number, fromBudgetCents: number, shares: number) => ({
    key,
    fromEmployees,
    fromBudgetCents,
    shares,
  })
  const cases: Array<[StatutesSettings['sizeTiers'], Array<[string, string]>]> = [
    [[tier('a', 1, 0, 1)], [['sizeTiers.0.fromEmployees', 'statutes_first_tier_from_zero']]],
    [[tier('a', 0, 5, 1)], [['sizeTiers.0.fromBudgetCents', 'statutes_first_tier_from_zero']]],
    [[tier('a', 0, 0, 1), tier('b', 0, 10, 2)], [['sizeTiers.1.fromEmployees', 'statutes_tiers_not_ascending']]],
    [
      [tier('a', 0, 0, 1), tier('b', 10, 100, 2), tier('c', 20, 100, 3)],
      [['sizeTiers.2.fromBudgetCents', 'statutes_tiers_not_ascending']],
    ],
    [
      [tier('a', 0, 0, 1), tier('b', 10, 100, 2), tier('c', 5, 50, 3)],
      [
        ['sizeTiers.2.fromEmployees', 'statutes_tiers_not_ascending'],
        ['sizeTiers.2.fromBudgetCents', 'statutes_tiers_not_ascending'],
      ],
    ],
    [[tier('a', 0, 0, 2), tier('b', 10, 100, 1)], [['sizeTiers.1.shares', 'statutes_tier_shares_decreasing']]],
    [[tier('a', 0, 0, 1), tier('a', 10, 100, 2)], [['sizeTiers.1.key', 'statutes_tier_key_duplicate']]],
    [[tier('Klein', 0, 0, 1)], [['sizeTiers.0.key', 'statutes_tier_key_invalid']]],
    [[tier('', 0, 0, 1)], [['sizeTiers.0.key', 'statutes_tier_key_invalid']]],
  ]
  for (const [sizeTiers, expected] of cases)
    assert.deepEqual(issues(settings({ sizeTiers })), expected, JSON.stringify(sizeTiers))
  const equalShares = [tier('a', 0, 0, 1), tier('b', 10, 100, 1)]
  assert.equal(statutesSettingsSchema.safeParse(settings({ sizeTiers: equalShares })).success, true)
})

test('maximumShares must cover every mandatory count the statutes name', () => {
  const path: Array<[string, string]> = [['maximumShares', 'statutes_maximum_below_mandatory']]
  assert.deepEqual(issues(settings({ maximumShares: 7 })), path, 'largest tier has 8')
  assert.deepEqual(issues(settings({ minimumShares: 11, maximumShares: 10 })), path)
  assert.deepEqual(issues(settings({ employeeMemberShares: 101 })), path)
  assert.deepEqual(issues(settings({ supportingMemberShares: 101 })), path)
  assert.equal(statutesSettingsSchema.safeParse(settings({ maximumShares: 8 })).success, true)
})

test('every invalid field is reported at once, cross-field checks included', () => {
  const found = issues(settings({ noticeMonths: 1, maximumShares: 2 }))
  assert.deepEqual(found, [
    ['noticeMonths', 'too_small'],
    ['maximumShares', 'statutes_maximum_below_mandatory'],
  ])
})

test('cross-field issues are validation-message keys translated for the form', () => {
  const result = statutesSettingsSchema.safeParse(
    settings({ maximumShares: 2, sizeTiers: [{ key: 'a', fromEmployees: 3, fromBudgetCents: 0, shares: 3 }] }),
  )
  assert.equal(result.success, false)
  const de = fieldIssues(result.error!, 'de')
  const en = fieldIssues(result.error!, 'en')
  assert.equal(de[0]?.path, 'sizeTiers.0.fromEmployees')
  assert.match(de[0]!.message, /erste Größenstufe/)
  assert.match(en[0]!.message, /first size tier/)
  assert.match(en[1]!.message, /maximum number of shares/)
  const notice = fieldIssues(statutesSettingsSchema.safeParse(settings({ noticeMonths: 2 })).error!, 'en')
  assert.deepEqual(notice, [{ path: 'noticeMonths', message: 'The value must be at least 3.' }])
})

test('readStatutes fills fields an older stored version lacks, then validates', () => {
  const old = { shareValueCents: 6400, noticeMonths: 24 }
  const read = readStatutes(old)
  assert.equal(read.shareValueCents, 6400)
  assert.equal(read.noticeMonths, 24)
  assert.equal(read.proxyLimit, 2)
  // settings added with governance: an older version has none of them and takes the law's defaults
  assert.equal(read.pluralVotesMax, 1)
  assert.equal(read.demandPercent, 10)
  assert.equal(read.writtenVotes, false)
  assert.equal(read.invitationDays, 14)
  assert.equal(read.agendaDays, 7)
  assert.deepEqual(read.sizeTiers, defaultSizeTiers)
  read.sizeTiers.push({ key: 'huge', fromEmployees: 1000, fromBudgetCents: 10_000_000_000, shares: 16 })
  assert.equal(defaultStatutes.sizeTiers.length, 4, 'the defaults are not shared')
  assert.deepEqual(readStatutes('{"noticeMonths":6}').noticeMonths, 6)
  assert.deepEqual(readStatutes({}), defaultStatutes)
  assert.throws(() => readStatutes({ noticeMonths: 2 }))
  assert.throws(() => readStatutes({ unknownSetting: 1 }))
  assert.throws(() => readStatutes(null))
  assert.throws(() => readStatutes([]))
})

test('versionInForce: a statute change mid-year applies from its validFrom', () => {
  const versions: StatutesVersion[] = [
    { id: 'v2', validFrom: '2026-07-01', settings: settings({ noticeMonths: 6 }) },
    { id: 'v1', validFrom: '2025-01-01', settings: settings() },
    { id: 'v3', validFrom: '2027-01-01', settings: settings({ noticeMonths: 12 }) },
  ]
  const cases: Array<[string, string | undefined]> = [
    ['2024-12-31', undefined],
    ['2025-01-01', 'v1'],
    ['2026-06-30', 'v1'],
    ['2026-07-01', 'v2'],
    ['2026-12-31', 'v2'],
    ['2027-01-01', 'v3'],
    ['2040-01-01', 'v3'],
  ]
  for (const [date, id] of cases) assert.equal(versionInForce(versions, date)?.id, id, date)
  assert.equal(versionInForce([], '2026-01-01'), undefined)
  const sameDay = [
    { id: 'first', validFrom: '2026-01-01' },
    { id: 'second', validFrom: '2026-01-01' },
  ]
  assert.equal(versionInForce(sameDay, '2026-05-01')?.id, 'second')
})

test('versionInForce picks the latest version not after the date', () => {
  const date = fc.integer({ min: 0, max: 3650 }).map((n) => {
    const d = new Date(Date.UTC(2020, 0, 1) + n * 86_400_000)
    return d.toISOString().slice(0, 10)
  })
  fc.assert(
    fc.property(fc.array(date, { maxLength: 8 }), date, (froms, on) => {
      const versions = froms.map((validFrom, i) => ({ id: String(i), validFrom }))
      const found = versionInForce(versions, on)
      const eligible = froms.filter((f) => f <= on)
      if (eligible.length === 0) assert.equal(found, undefined)
      else assert.equal(found?.validFrom, eligible.sort().at(-1))
    }),
  )
})

test('size tiers at every edge: either employees or budget lifts an organisation', () => {
  const s = settings()
  const cases: Array<[number, number, string]> = [
    [0, 0, 'small'],
    [9, 49_999_999, 'small'],
    [10, 0, 'medium'],
    [0, 50_000_000, 'medium'],
    [10, 50_000_000, 'medium'],
    [49, 249_999_999, 'medium'],
    [50, 0, 'large'],
    [0, 250_000_000, 'large'],
    [249, 999_999_999, 'large'],
    [250, 0, 'very_large'],
    [0, 1_000_000_000, 'very_large'],
    [9, 1_000_000_000, 'very_large'],
    [250, 49_999_999, 'very_large'],
    [100_000, 99_000_000_000, 'very_large'],
  ]
  for (const [employees, budget, key] of cases)
    assert.equal(sizeTierFor(s, employees, budget).key, key, `${employees} employees, ${budget} cents`)
  assert.throws(() => sizeTierFor(s, -1, 0), RangeError)
  assert.throws(() => sizeTierFor(s, 1.5, 0), RangeError)
})

test('mandatory shares: tier + shares per primary area, fixed counts for employees and supporting members', () => {
  const s = settings()
  const org = (employees: number, annualBudgetCents: number, primaryAreas: number) => ({
    memberType: 'organisation' as MemberType,
    employees,
    annualBudgetCents,
    primaryAreas,
  })
  const cases: Array<[Partial<StatutesSettings>, ReturnType<typeof org>, number]> = [
    [{}, org(0, 0, 0), 1],
    [{}, org(9, 0, 1), 2],
    [{}, org(10, 0, 1), 3],
    [{}, org(9, 49_999_999, 3), 4],
    [{}, org(9, 50_000_000, 3), 5],
    [{}, org(50, 0, 3), 7],
    [{}, org(250, 0, 3), 11],
    [{ sharesPerPrimaryArea: 0 }, org(250, 0, 3), 8],
    [{ sharesPerPrimaryArea: 5 }, org(0, 0, 3), 16],
    [{ minimumShares: 3 }, org(0, 0, 0), 3],
    [{ minimumShares: 3 }, org(0, 0, 1), 3],
    [{ minimumShares: 3 }, org(0, 0, 2), 3],
    [{ minimumShares: 3 }, org(0, 0, 3), 4],
    [{ maximumShares: 10 }, org(250, 0, 3), 10],
    [{ maximumShares: 10, sharesPerPrimaryArea: 20 }, org(0, 0, 3), 10],
    [{}, { ...org(250, 0, 3), memberType: 'employee' }, 1],
    [{ employeeMemberShares: 2 }, { ...org(0, 0, 0), memberType: 'employee' }, 2],
    [{}, { ...org(250, 2_000_000_000, 3), memberType: 'supporting' }, 1],
    [{ supportingMemberShares: 5 }, { ...org(0, 0, 0), memberType: 'supporting' }, 5],
    [{ minimumShares: 4, supportingMemberShares: 2 }, { ...org(0, 0, 0), memberType: 'supporting' }, 4],
  ]
  for (const [patch, input, expected] of cases)
    assert.equal(
      mandatoryShares({ ...s, ...patch }, input),
      expected,
      `${JSON.stringify(patch)} ${JSON.stringify(input)}`,
    )
})

test('mandatory shares always lie within [minimumShares, maximumShares] and grow with size and areas', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 1000 }),
      fc.integer({ min: 0, max: 5_000_000_000 }),
      fc.integer({ min: 0, max: 5 }),
      fc.integer({ min: 0, max: 20 }),
      fc.integer({ min: 1, max: 10 }),
      (employees, budget, areas, perArea, minimum) => {
        const s = settings({ sharesPerPrimaryArea: perArea, minimumShares: minimum })
        const n = mandatoryShares(s, {
          memberType: 'organisation',
          employees,
          annualBudgetCents: budget,
          primaryAreas: areas,
        })
        assert.ok(n >= s.minimumShares && n <= s.maximumShares)
        const bigger = mandatoryShares(s, {
          memberType: 'organisation',
          employees: employees + 1,
          annualBudgetCents: budget,
          primaryAreas: areas + 1,
        })
        assert.ok(bigger >= n)
      },
    ),
  )
})

test('payment schedule: 10 % at once, the rest in equal yearly instalments', () => {
  assert.deepEqual(paymentSchedule(settings(), 3, '2026-01-31'), [
    { dueOn: '2026-01-31', amountCents: 3000 },
    { dueOn: '2027-01-31', amountCents: 9000 },
    { dueOn: '2028-01-31', amountCents: 9000 },
    { dueOn: '2029-01-31', amountCents: 9000 },
  ])
})

test('payment schedule variants: rounding, intervals, all at once, zero rows', () => {
  type Row = { dueOn: string; amountCents: number }
  const cases: Array<[Partial<StatutesSettings>, number, string, Row[]]> = [
    [{ minimumPaymentPercent: 100 }, 2, '2026-03-01', [{ dueOn: '2026-03-01', amountCents: 20000 }]],
    [{ instalmentCount: 0 }, 2, '2026-03-01', [{ dueOn: '2026-03-01', amountCents: 20000 }]],
    [
      { shareValueCents: 6400, minimumPaymentPercent: 25, instalmentCount: 3, instalmentIntervalMonths: 1 },
      1,
      '2026-01-31',
      [
        { dueOn: '2026-01-31', amountCents: 1600 },
        { dueOn: '2026-02-28', amountCents: 1600 },
        { dueOn: '2026-03-31', amountCents: 1600 },
        { dueOn: '2026-04-30', amountCents: 1600 },
      ],
    ],
    [
      { shareValueCents: 1000, instalmentCount: 7, instalmentIntervalMonths: 6 },
      1,
      '2024-08-31',
      [
        { dueOn: '2024-08-31', amountCents: 100 },
        { dueOn: '2025-02-28', amountCents: 128 },
        { dueOn: '2025-08-31', amountCents: 128 },
        { dueOn: '2026-02-28', amountCents: 128 },
        { dueOn: '2026-08-31', amountCents: 128 },
        { dueOn: '2027-02-28', amountCents: 128 },
        { dueOn: '2027-08-31', amountCents: 128 },
        { dueOn: '2028-02-29', amountCents: 132 },
      ],
    ],
    [
      { shareValueCents: 105, minimumPaymentPercent: 90, instalmentCount: 20 },
      1,
      '2026-01-01',
      [
        { dueOn: '2026-01-01', amountCents: 95 },
        { dueOn: '2046-01-01', amountCents: 10 },
      ],
    ],
    [
      { shareValueCents: 333, minimumPaymentPercent: 10, instalmentCount: 1 },
      1,
      '2026-01-01',
      [
        { dueOn: '2026-01-01', amountCents: 34 },
        { dueOn: '2027-01-01', amountCents: 299 },
      ],
    ],
    [{}, 0, '2026-01-01', []],
  ]
  for (const [patch, shares, startOn, expected] of cases)
    assert.deepEqual(paymentSchedule(settings(patch), shares, startOn), expected, JSON.stringify(patch))
})

test('the first payment is half-up but never below a tenth of the value (§7 Nr. 1 GenG)', () => {
  const cases: Array<[number, number, number, number]> = [
    [10000, 1, 10, 1000],
    [10000, 3, 15, 4500],
    [333, 1, 10, 34],
    [335, 1, 10, 34],
    [104, 1, 10, 11],
    [105, 1, 11, 12],
    [101, 1, 50, 51],
    [6400, 2, 100, 12800],
  ]
  for (const [shareValueCents, shares, minimumPaymentPercent, expected] of cases)
    assert.equal(firstPaymentCents(settings({ shareValueCents, minimumPaymentPercent }), shares), expected)
})

test('payment schedules sum exactly to the subscribed value, in date order, without zero rows', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 100, max: 100_000_00 }),
      fc.integer({ min: 0, max: 1000 }),
      fc.integer({ min: 10, max: 100 }),
      fc.integer({ min: 0, max: 20 }),
      fc.integer({ min: 1, max: 24 }),
      fc.constantFrom('2026-01-31', '2024-02-29', '2026-07-15', '2026-12-31'),
      (shareValueCents, shares, minimumPaymentPercent, instalmentCount, instalmentIntervalMonths, startOn) => {
        const s = settings({ shareValueCents, minimumPaymentPercent, instalmentCount, instalmentIntervalMonths })
        const rows = paymentSchedule(s, shares, startOn)
        const total = shares * shareValueCents
        assert.equal(
          rows.reduce((sum, r) => sum + r.amountCents, 0),
          total,
        )
        assert.ok(rows.every((r) => r.amountCents > 0 && Number.isInteger(r.amountCents)))
        assert.ok(rows.every((r, i) => i === 0 || rows[i - 1]!.dueOn < r.dueOn))
        if (total > 0) {
          assert.equal(rows[0]?.dueOn, startOn)
          assert.ok(rows[0]!.amountCents * 10 >= total, 'at least a tenth at once')
        }
        assert.ok(rows.length <= instalmentCount + 1)
      },
    ),
  )
})
