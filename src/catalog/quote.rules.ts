import type { AreaKind } from '../db/schema-catalog.ts'
import { mandatoryShares, type StatutesSettings } from '../statutes/statutes.rules.ts'
import { type OrganisationSize, type PriceVersion, tierFor, withVat } from './pricing.rules.ts'

/**
 * The quote a needs questionnaire produces (and the public price calculator shows): the monthly flat rate of
 * the wanted primary areas by the organisation's size, the mandatory shares the statutes ask for and the
 * further shares suggested, the estimated hourly work, and which of today's tools the catalog replaces.
 */

/** The questionnaire's hours are asked for these two secondary areas (the founders' consulting and education). */
export const hoursAreas = { consulting: 'consulting', training: 'education' } as const

/** The part of the catalog a quote reads, with the price versions holding on the quote's day. */
export interface QuoteCatalog {
  areas: Array<{ key: string; kind: AreaKind; flatRate: PriceVersion | null }>
  /** The hourly price of a secondary area used for estimates: its first hourly service with a price. */
  hourlyRates: Record<string, PriceVersion | null>
  /** Services that replace tools, with the area they belong to. */
  replacements: Array<{ serviceKey: string; areaKey: string; replaces: string[] }>
}

export interface QuoteInput extends OrganisationSize {
  wantedAreas: string[]
  consultingHours: number
  trainingHours: number
  toolsToday: string[]
}

export interface QuoteArea {
  key: string
  tierKey: string | null
  /** null: the area has no price yet (planned). */
  monthlyNetCents: number | null
  setupNetCents: number
  vatPercent: number | null
}

export interface QuoteHours {
  areaKey: string
  hours: number
  memberRateCents: number | null
  nonMemberRateCents: number | null
  memberNetCents: number | null
  nonMemberNetCents: number | null
  vatPercent: number | null
}

export interface Quote {
  areas: QuoteArea[]
  /** Sum over the priced areas; `unpricedAreas` lists those without a price. */
  monthlyNetCents: number
  monthlyVatCents: number
  monthlyGrossCents: number
  setupNetCents: number
  unpricedAreas: string[]
  shares: {
    mandatory: number
    suggested: number
    shareValueCents: number
    mandatoryCents: number
    suggestedCents: number
  }
  hours: QuoteHours[]
  migration: Array<{ tool: string; services: Array<{ serviceKey: string; areaKey: string; inWantedArea: boolean }> }>
}

/** Months of the flat rate the suggested capital (mandatory plus further shares) should amount to by default. */
export const defaultSuggestedCapitalMonths = 3

/**
 * Suggested further shares: enough that the member's capital covers `capitalMonths` of its monthly flat rate
 * (the cooperative finances its start from members' capital, no outside investors); never negative, and within
 * the statutes' maximum.
 */
export function suggestedShares(
  settings: StatutesSettings,
  mandatory: number,
  monthlyNetCents: number,
  capitalMonths: number,
): number {
  if (!Number.isSafeInteger(capitalMonths) || capitalMonths < 0) throw new RangeError('capitalMonths must be >= 0')
  const wantedCapital = monthlyNetCents * capitalMonths
  const wantedShares = Math.ceil(wantedCapital / settings.shareValueCents)
  return Math.max(0, Math.min(settings.maximumShares, wantedShares) - mandatory)
}

export function computeQuote(
  input: QuoteInput,
  catalog: QuoteCatalog,
  settings: StatutesSettings,
  capitalMonths: number = defaultSuggestedCapitalMonths,
): Quote {
  const primary = catalog.areas.filter((a) => a.kind === 'primary' && input.wantedAreas.includes(a.key))
  const areas: QuoteArea[] = primary.map((area) => {
    if (!area.flatRate)
      return { key: area.key, tierKey: null, monthlyNetCents: null, setupNetCents: 0, vatPercent: null }
    const tier = tierFor(area.flatRate.tiers, input)
    return {
      key: area.key,
      tierKey: tier.key,
      monthlyNetCents: tier.monthlyCents,
      setupNetCents: area.flatRate.setupCents,
      vatPercent: area.flatRate.vatPercent,
    }
  })
  let monthlyNet = 0
  let monthlyVat = 0
  let setupNet = 0
  for (const area of areas) {
    if (area.monthlyNetCents === null || area.vatPercent === null) continue
    const line = withVat(area.monthlyNetCents, area.vatPercent)
    monthlyNet += line.netCents
    monthlyVat += line.vatCents
    setupNet += area.setupNetCents
  }
  const mandatory = mandatoryShares(settings, {
    memberType: 'organisation',
    employees: input.employees,
    annualBudgetCents: input.annualBudgetCents,
    primaryAreas: primary.length,
  })
  const suggested = suggestedShares(settings, mandatory, monthlyNet, capitalMonths)
  const hours: QuoteHours[] = []
  for (const [asked, areaKey] of [
    [input.consultingHours, hoursAreas.consulting],
    [input.trainingHours, hoursAreas.training],
  ] as const) {
    if (asked <= 0) continue
    const rate = catalog.hourlyRates[areaKey] ?? null
    const member = rate?.hourlyMemberCents ?? null
    const nonMember = rate?.hourlyNonMemberCents ?? null
    hours.push({
      areaKey,
      hours: asked,
      memberRateCents: member,
      nonMemberRateCents: nonMember,
      memberNetCents: member === null ? null : member * asked,
      nonMemberNetCents: nonMember === null ? null : nonMember * asked,
      vatPercent: rate?.vatPercent ?? null,
    })
  }
  const migration = input.toolsToday
    .filter((tool) => tool !== 'other')
    .map((tool) => ({
      tool,
      services: catalog.replacements
        .filter((r) => r.replaces.includes(tool))
        .map((r) => ({
          serviceKey: r.serviceKey,
          areaKey: r.areaKey,
          inWantedArea: input.wantedAreas.includes(r.areaKey),
        })),
    }))
  return {
    areas,
    monthlyNetCents: monthlyNet,
    monthlyVatCents: monthlyVat,
    monthlyGrossCents: monthlyNet + monthlyVat,
    setupNetCents: setupNet,
    unpricedAreas: areas.filter((a) => a.monthlyNetCents === null).map((a) => a.key),
    shares: {
      mandatory,
      suggested,
      shareValueCents: settings.shareValueCents,
      mandatoryCents: mandatory * settings.shareValueCents,
      suggestedCents: suggested * settings.shareValueCents,
    },
    hours,
    migration,
  }
}
