import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { PriceVersion } from '../catalog/pricing.rules.ts'
import type { QuoteCatalog } from '../catalog/quote.rules.ts'
import { examplePrices } from '../demo/seed-demo-catalog.ts'
import { defaultStatutes } from '../statutes/statutes.rules.ts'
import type { QuestionnaireFigures, QuestionnaireStage } from './needs.model.ts'
import {
  aggregateProjections,
  compareForList,
  projectQuestionnaire,
  type QuoteBasisData,
  storedQuoteOf,
} from './needs.rules.ts'

const flat = (id: string, area: keyof typeof examplePrices.flatRates): PriceVersion => ({
  id,
  kind: 'flat_rate',
  validFrom: '2026-01-01',
  validUntil: null,
  vatPercent: 19,
  tiers: examplePrices.flatRates[area].tiers,
  monthlyCents: null,
  setupCents: examplePrices.flatRates[area].setupCents,
  hourlyMemberCents: null,
  hourlyNonMemberCents: null,
})

const hourly: PriceVersion = {
  ...flat('h-it', 'digital_infrastructure'),
  kind: 'hourly',
  tiers: [],
  setupCents: 0,
  hourlyMemberCents: 7_500,
  hourlyNonMemberCents: 9_500,
}

/** The example prices; managed workplace without a price (as if still planned). */
const catalog: QuoteCatalog = {
  areas: [
    { key: 'digital_infrastructure', kind: 'primary', flatRate: flat('v-di', 'digital_infrastructure') },
    { key: 'it_helpdesk', kind: 'primary', flatRate: flat('v-hd', 'it_helpdesk') },
    { key: 'managed_workplace', kind: 'primary', flatRate: null },
    { key: 'consulting', kind: 'secondary', flatRate: null },
    { key: 'education', kind: 'secondary', flatRate: null },
  ],
  hourlyRates: { consulting: hourly, education: null },
  replacements: [
    { serviceKey: 'cloud', areaKey: 'digital_infrastructure', replaces: ['dropbox', 'google_workspace'] },
    { serviceKey: 'kanban', areaKey: 'digital_infrastructure', replaces: ['trello'] },
  ],
}
const areaKeys = catalog.areas.map((a) => a.key)
const tierKeys = defaultStatutes.sizeTiers.map((t) => t.key)

const figures = (over: Partial<QuestionnaireFigures>): QuestionnaireFigures => ({
  employees: 0,
  volunteers: 0,
  annualBudgetCents: 0,
  devices: 0,
  toolsToday: [],
  wantedAreas: [],
  consultingHours: 0,
  trainingHours: 0,
  ...over,
})

const project = (stage: QuestionnaireStage, over: Partial<QuestionnaireFigures>) =>
  projectQuestionnaire({ ...figures(over), stage }, catalog, defaultStatutes, 3)

test('projections by hand, at the tier edges of prices and statutes', () => {
  // [what, stage, figures, tier of the statutes, monthly, mandatory, suggested, capital]
  const cases: Array<
    [string, QuestionnaireStage, Partial<QuestionnaireFigures>, string, number, number, number, number]
  > = [
    // 9 employees: small price tier 49 €; statutes small (1) + 1 area = 2; 3 × 49 € = 147 € → 2 shares → none more
    [
      '9 employees',
      'informed',
      { employees: 9, wantedAreas: ['digital_infrastructure'] },
      'small',
      4_900,
      2,
      0,
      20_000,
    ],
    // 10 employees: medium 129 € + 99 €; medium (2) + 2 areas = 4; 3 × 228 € = 684 € → 7 shares → 3 more
    [
      '10 employees',
      'committed',
      { employees: 10, wantedAreas: ['digital_infrastructure', 'it_helpdesk'] },
      'medium',
      22_800,
      4,
      3,
      70_000,
    ],
    // 50 volunteers lift the price tier (129 €) but not the statutes' tier (volunteers do not count there)
    [
      '50 volunteers',
      'committed',
      { volunteers: 50, wantedAreas: ['digital_infrastructure'] },
      'small',
      12_900,
      2,
      2,
      40_000,
    ],
    // a budget of 2.5 million € is the statutes' large tier: 4 shares, a secondary area adds none
    [
      'budget 2.5 M€',
      'discussing',
      { annualBudgetCents: 250_000_000, wantedAreas: ['consulting'] },
      'large',
      0,
      4,
      0,
      40_000,
    ],
    // 249 999,99 € stays below it: medium
    ['budget below large', 'discussing', { annualBudgetCents: 249_999_999 }, 'medium', 0, 2, 0, 20_000],
  ]
  for (const [what, stage, over, tier, monthly, mandatory, suggested, capital] of cases) {
    const p = project(stage, over)
    assert.deepEqual(
      [p.sizeTierKey, p.monthlyNetCents, p.mandatoryShares, p.suggestedShares, p.capitalCents],
      [tier, monthly, mandatory, suggested, capital],
      what,
    )
  }
})

test('an unpriced area adds its mandatory share but no revenue, and is named', () => {
  const p = project('informed', { employees: 9, wantedAreas: ['digital_infrastructure', 'managed_workplace'] })
  assert.equal(p.monthlyNetCents, 4_900)
  assert.deepEqual(p.unpricedAreas, ['managed_workplace'])
  assert.equal(p.mandatoryShares, 3)
})

test('the aggregate: counts and sums by stage, stage × size tier, areas; checked against hand-computed values', () => {
  const projections = [
    project('informed', { employees: 9, wantedAreas: ['digital_infrastructure', 'managed_workplace'] }),
    project('committed', { employees: 10, wantedAreas: ['digital_infrastructure', 'it_helpdesk'] }),
    project('committed', { volunteers: 50, wantedAreas: ['digital_infrastructure'] }),
    project('discussing', { annualBudgetCents: 250_000_000, wantedAreas: ['consulting', 'consulting'] }),
  ]
  const a = aggregateProjections(projections, tierKeys, areaKeys)
  assert.equal(a.organisations, 4)
  assert.deepEqual(
    a.byStage.map((s) => [
      s.stage,
      s.organisations,
      s.monthlyNetCents,
      s.mandatoryShares,
      s.suggestedShares,
      s.capitalCents,
      s.withUnpricedAreas,
    ]),
    [
      // 49 €; 3 mandatory (small 1 + 2 areas); 3 × 49 € = 147 € → 2 shares, fewer than 3: none more
      ['informed', 1, 4_900, 3, 0, 30_000, 1],
      ['discussing', 1, 0, 4, 0, 40_000, 0],
      ['committed', 2, 22_800 + 12_900, 4 + 2, 3 + 2, 70_000 + 40_000, 0],
    ],
  )
  assert.deepEqual(a.total, {
    organisations: 4,
    monthlyNetCents: 40_600,
    mandatoryShares: 13,
    suggestedShares: 5,
    capitalCents: 180_000,
    withUnpricedAreas: 1,
  })
  assert.deepEqual(a.stageByTier.tiers, ['small', 'medium', 'large', 'very_large'])
  assert.deepEqual(a.stageByTier.counts, {
    informed: { small: 1, medium: 0, large: 0, very_large: 0 },
    discussing: { small: 0, medium: 0, large: 1, very_large: 0 },
    committed: { small: 1, medium: 1, large: 0, very_large: 0 },
  })
  assert.deepEqual(
    a.areas.map((x) => [x.key, x.organisations, x.byStage.informed, x.byStage.discussing, x.byStage.committed]),
    [
      ['digital_infrastructure', 3, 1, 0, 2],
      ['it_helpdesk', 1, 0, 0, 1],
      ['managed_workplace', 1, 1, 0, 0],
      // a key given twice counts once
      ['consulting', 1, 0, 1, 0],
      ['education', 0, 0, 0, 0],
    ],
  )
})

test('an empty view has zero everywhere, every stage and area listed', () => {
  const a = aggregateProjections([], tierKeys, areaKeys)
  assert.equal(a.total.organisations, 0)
  assert.equal(a.total.monthlyNetCents, 0)
  assert.deepEqual(
    a.byStage.map((s) => s.stage),
    ['informed', 'discussing', 'committed'],
  )
  assert.equal(a.areas.length, areaKeys.length)
})

test('the list order: by submission, monthly revenue or stage; ties by reference, never ambiguous', () => {
  const rows = [
    { ref: 'BF-2026-00003', submittedAt: '2026-02-03T10:00:00.000Z', stage: 'informed' as const, monthlyNetCents: 100 },
    {
      ref: 'BF-2026-00001',
      submittedAt: '2026-02-01T10:00:00.000Z',
      stage: 'committed' as const,
      monthlyNetCents: 100,
    },
    {
      ref: 'BF-2026-00002',
      submittedAt: '2026-02-02T10:00:00.000Z',
      stage: 'discussing' as const,
      monthlyNetCents: 900,
    },
  ]
  const order = (sort: 'submitted' | 'monthly' | 'stage', descending: boolean) =>
    [...rows].sort((a, b) => compareForList(a, b, sort, descending)).map((r) => r.ref.slice(-1))
  assert.deepEqual(order('submitted', false), ['1', '2', '3'])
  assert.deepEqual(order('submitted', true), ['3', '2', '1'])
  assert.deepEqual(order('monthly', true), ['2', '3', '1'])
  assert.deepEqual(order('monthly', false), ['1', '3', '2'])
  assert.deepEqual(order('stage', true), ['1', '2', '3'])
})

test('the stored quote names the statutes and price versions it used, and the payment plans', () => {
  const basis: QuoteBasisData = {
    day: '2026-02-10',
    catalog,
    areas: [
      {
        key: 'digital_infrastructure',
        kind: 'primary',
        name: { de: 'Digitale Infrastruktur', en: 'Digital infrastructure' },
        flatRate: { id: 'v-di', validFrom: '2026-01-01' },
        services: [{ key: 'cloud', name: { de: 'Cloud', en: 'Cloud' }, software: ['Nextcloud'] }],
      },
      {
        key: 'managed_workplace',
        kind: 'primary',
        name: { de: 'Managed Workplace', en: 'Managed workplace' },
        flatRate: null,
        services: [],
      },
      {
        key: 'consulting',
        kind: 'secondary',
        name: { de: 'Beratung', en: 'Consulting' },
        flatRate: null,
        services: [],
      },
    ],
    statutes: { id: 's-1', validFrom: '2000-01-01', settings: defaultStatutes },
    capitalMonths: 3,
  }
  const stored = storedQuoteOf(
    figures({
      employees: 10,
      wantedAreas: ['consulting', 'digital_infrastructure', 'managed_workplace'],
      consultingHours: 8,
      toolsToday: ['dropbox', 'trello', 'zoom'],
    }),
    basis,
  )
  assert.equal(stored.computedOn, '2026-02-10')
  assert.equal(stored.statutesVersionId, 's-1')
  assert.deepEqual(stored.priceVersions, [
    { key: 'digital_infrastructure', kind: 'flat_rate', versionId: 'v-di', validFrom: '2026-01-01' },
    { key: 'consulting', kind: 'hourly', versionId: 'h-it', validFrom: '2026-01-01' },
  ])
  // medium (10 employees): 2 + 2 primary areas = 4 mandatory; 3 × 129 € = 387 € → 4 shares: none more
  assert.deepEqual(stored.sizeTier, { key: 'medium', shares: 2 })
  assert.equal(stored.quote.shares.mandatory, 4)
  assert.equal(stored.quote.shares.suggested, 0)
  // §7 GenG: 10 % of 400 € at once, the rest in three instalments every 12 months
  assert.deepEqual(stored.schedule.mandatory, [
    { dueOn: '2026-02-10', amountCents: 4_000 },
    { dueOn: '2027-02-10', amountCents: 12_000 },
    { dueOn: '2028-02-10', amountCents: 12_000 },
    { dueOn: '2029-02-10', amountCents: 12_000 },
  ])
  assert.deepEqual(
    stored.areas.map((a) => a.key),
    ['digital_infrastructure', 'managed_workplace', 'consulting'],
  )
  assert.deepEqual(stored.quote.unpricedAreas, ['managed_workplace'])
  assert.deepEqual(
    stored.quote.migration.map((m) => [m.tool, m.services.map((s) => s.serviceKey)]),
    [
      ['dropbox', ['cloud']],
      ['trello', ['kanban']],
      ['zoom', []],
    ],
  )
  assert.deepEqual(stored.names.services.cloud, { name: { de: 'Cloud', en: 'Cloud' }, software: ['Nextcloud'] })
})
