import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { defaultStatutes } from '../statutes/statutes.rules.ts'
import type { PriceTier, PriceVersion } from './pricing.rules.ts'
import { computeQuote, type QuoteCatalog, suggestedShares } from './quote.rules.ts'

const tiers: PriceTier[] = [
  { key: 'small', fromEmployees: 0, fromVolunteers: 0, fromBudgetCents: 0, monthlyCents: 4_900 },
  { key: 'medium', fromEmployees: 10, fromVolunteers: 50, fromBudgetCents: 50_000_000, monthlyCents: 12_900 },
  { key: 'large', fromEmployees: 50, fromVolunteers: 250, fromBudgetCents: 250_000_000, monthlyCents: 34_900 },
]

const version = (id: string, over: Partial<PriceVersion>): PriceVersion => ({
  id,
  kind: 'flat_rate',
  validFrom: '2026-01-01',
  validUntil: null,
  vatPercent: 19,
  tiers,
  monthlyCents: null,
  setupCents: 0,
  hourlyMemberCents: null,
  hourlyNonMemberCents: null,
  ...over,
})

const catalog: QuoteCatalog = {
  areas: [
    { key: 'digital_infrastructure', kind: 'primary', flatRate: version('di', { setupCents: 25_000 }) },
    {
      key: 'it_helpdesk',
      kind: 'primary',
      flatRate: version('hd', {
        tiers: tiers.map((t) => ({ ...t, monthlyCents: t.monthlyCents / 2 + 50 })),
      }),
    },
    { key: 'managed_workplace', kind: 'primary', flatRate: null },
    { key: 'consulting', kind: 'secondary', flatRate: null },
  ],
  hourlyRates: {
    consulting: version('c', { kind: 'hourly', tiers: [], hourlyMemberCents: 6_500, hourlyNonMemberCents: 9_500 }),
    education: null,
  },
  replacements: [
    { serviceKey: 'cloud', areaKey: 'digital_infrastructure', replaces: ['dropbox', 'google_workspace'] },
    { serviceKey: 'chat_video', areaKey: 'digital_infrastructure', replaces: ['zoom', 'teams', 'slack'] },
    { serviceKey: 'mail', areaKey: 'digital_infrastructure', replaces: ['google_workspace'] },
  ],
}

const input = {
  employees: 12,
  volunteers: 0,
  annualBudgetCents: 0,
  wantedAreas: ['digital_infrastructure', 'it_helpdesk', 'managed_workplace'],
  consultingHours: 10,
  trainingHours: 4,
  toolsToday: ['dropbox', 'google_workspace', 'trello', 'other'],
}

test('a quote: flat rates by tier with VAT, shares, hours, the migration list', () => {
  const q = computeQuote(input, catalog, defaultStatutes)
  assert.deepEqual(
    q.areas.map((a) => [a.key, a.tierKey, a.monthlyNetCents]),
    [
      ['digital_infrastructure', 'medium', 12_900],
      ['it_helpdesk', 'medium', 6_500],
      ['managed_workplace', null, null],
    ],
  )
  assert.equal(q.monthlyNetCents, 19_400)
  // VAT per line, half-up: 2451 + 1235
  assert.equal(q.monthlyVatCents, 2_451 + 1_235)
  assert.equal(q.monthlyGrossCents, 19_400 + 3_686)
  assert.equal(q.setupNetCents, 25_000)
  assert.deepEqual(q.unpricedAreas, ['managed_workplace'])
  // medium tier (12 employees) 2 shares + 3 areas
  assert.equal(q.shares.mandatory, 5)
  assert.equal(q.shares.mandatoryCents, 50_000)
  // 3 months of 194 € = 582 € -> 6 shares of 100 €, 1 beyond the mandatory 5
  assert.equal(q.shares.suggested, 1)
  assert.deepEqual(q.hours, [
    {
      areaKey: 'consulting',
      hours: 10,
      memberRateCents: 6_500,
      nonMemberRateCents: 9_500,
      memberNetCents: 65_000,
      nonMemberNetCents: 95_000,
      vatPercent: 19,
    },
    {
      areaKey: 'education',
      hours: 4,
      memberRateCents: null,
      nonMemberRateCents: null,
      memberNetCents: null,
      nonMemberNetCents: null,
      vatPercent: null,
    },
  ])
  assert.deepEqual(q.migration, [
    { tool: 'dropbox', services: [{ serviceKey: 'cloud', areaKey: 'digital_infrastructure', inWantedArea: true }] },
    {
      tool: 'google_workspace',
      services: [
        { serviceKey: 'cloud', areaKey: 'digital_infrastructure', inWantedArea: true },
        { serviceKey: 'mail', areaKey: 'digital_infrastructure', inWantedArea: true },
      ],
    },
    { tool: 'trello', services: [] },
  ])
})

test('a secondary area never adds a flat rate or mandatory shares', () => {
  const q = computeQuote({ ...input, wantedAreas: ['consulting'] }, catalog, defaultStatutes)
  assert.deepEqual(q.areas, [])
  assert.equal(q.monthlyNetCents, 0)
  assert.equal(q.shares.mandatory, 2)
  assert.equal(q.shares.suggested, 0)
})

test('the quote follows the tier edge: 9 and 10 employees', () => {
  const at = (employees: number) =>
    computeQuote({ ...input, employees, wantedAreas: ['digital_infrastructure'] }, catalog, defaultStatutes)
  assert.equal(at(9).monthlyNetCents, 4_900)
  assert.equal(at(9).shares.mandatory, 2)
  assert.equal(at(10).monthlyNetCents, 12_900)
  assert.equal(at(10).shares.mandatory, 3)
})

test('suggested shares make the capital cover the months asked for, within the maximum, never negative', () => {
  assert.equal(suggestedShares(defaultStatutes, 3, 12_900, 3), 1) // 387 € -> 4 shares
  assert.equal(suggestedShares(defaultStatutes, 3, 10_000, 3), 0) // exactly 300 €
  assert.equal(suggestedShares(defaultStatutes, 8, 10_000, 3), 0)
  assert.equal(suggestedShares(defaultStatutes, 1, 10_000_000, 3), defaultStatutes.maximumShares - 1)
  assert.equal(suggestedShares(defaultStatutes, 2, 12_900, 0), 0)
  fc.assert(
    fc.property(fc.nat(100), fc.nat(10_000_000), fc.nat(24), (mandatory, monthly, months) => {
      const s = suggestedShares(defaultStatutes, mandatory, monthly, months)
      const capital = (s + mandatory) * defaultStatutes.shareValueCents
      return (
        s >= 0 &&
        s + mandatory <= Math.max(mandatory, defaultStatutes.maximumShares) &&
        (capital >= monthly * months || s + mandatory >= defaultStatutes.maximumShares)
      )
    }),
  )
})
