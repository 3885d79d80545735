import { addPriceVersion } from '../catalog/prices.actions.ts'
import type { PriceTier } from '../catalog/pricing.rules.ts'
import { setCatalogStatus } from '../catalog/status.actions.ts'
import type { Trx } from '../db/db.ts'
import type { Actor } from '../platform/actor.ts'
import type { ActionEnv } from '../platform/context.ts'
import type { PlainDate } from '../platform/dates.ts'

/**
 * Example prices for the demo cooperative (and the tests): tiers by employees, volunteers or budget, VAT 19 %.
 * They are the demo's, not a recommendation: a real cooperative adopts its own under Katalog → Preise.
 */
const tiers = (small: number, medium: number, large: number, veryLarge: number): PriceTier[] => [
  { key: 'small', fromEmployees: 0, fromVolunteers: 0, fromBudgetCents: 0, monthlyCents: small },
  { key: 'medium', fromEmployees: 10, fromVolunteers: 50, fromBudgetCents: 50_000_000, monthlyCents: medium },
  { key: 'large', fromEmployees: 50, fromVolunteers: 250, fromBudgetCents: 250_000_000, monthlyCents: large },
  {
    key: 'very_large',
    fromEmployees: 250,
    fromVolunteers: null,
    fromBudgetCents: 1_000_000_000,
    monthlyCents: veryLarge,
  },
]

export const examplePrices = {
  flatRates: {
    digital_infrastructure: { tiers: tiers(4_900, 12_900, 34_900, 89_000), setupCents: 25_000 },
    it_helpdesk: { tiers: tiers(3_900, 9_900, 24_900, 59_000), setupCents: 0 },
    managed_workplace: { tiers: tiers(2_900, 7_900, 19_900, 49_000), setupCents: 15_000 },
  },
  addons: { mail: { monthlyCents: 300, setupCents: 0 } },
  hourly: {
    it_projects: { member: 7_500, nonMember: 9_500 },
    data_protection: { member: 8_500, nonMember: 11_000 },
    inhouse_training: { member: 7_000, nonMember: 9_500 },
  },
} as const

/** Adopts the example prices from `validFrom` and opens every area and priced service for orders. */
export async function seedExamplePrices(trx: Trx, actor: Actor, env: ActionEnv, validFrom: PlainDate): Promise<void> {
  const note = 'Beispielpreise der Demo'
  for (const [areaKey, price] of Object.entries(examplePrices.flatRates))
    await addPriceVersion(
      trx,
      actor,
      { areaKey, validFrom, validUntil: null, vatPercent: 19, tiers: price.tiers, setupCents: price.setupCents, note },
      env,
    )
  for (const [serviceKey, price] of Object.entries(examplePrices.addons))
    await addPriceVersion(
      trx,
      actor,
      {
        serviceKey,
        validFrom,
        validUntil: null,
        vatPercent: 19,
        monthlyCents: price.monthlyCents,
        setupCents: price.setupCents,
        note,
      },
      env,
    )
  for (const [serviceKey, price] of Object.entries(examplePrices.hourly))
    await addPriceVersion(
      trx,
      actor,
      {
        serviceKey,
        validFrom,
        validUntil: null,
        vatPercent: 19,
        hourlyMemberCents: price.member,
        hourlyNonMemberCents: price.nonMember,
        setupCents: 0,
        note,
      },
      env,
    )
  const areas = await trx.selectFrom('service_area').select('key').execute()
  for (const { key } of areas) await setCatalogStatus(trx, actor, { areaKey: key, status: 'orderable' }, env)
  const services = await trx.selectFrom('service').select('key').execute()
  for (const { key } of services) await setCatalogStatus(trx, actor, { serviceKey: key, status: 'orderable' }, env)
}
