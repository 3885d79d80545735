import type { Localised } from '../catalog/catalog.model.ts'
import type { PriceVersion } from '../catalog/pricing.rules.ts'
import { computeQuote, type QuoteCatalog } from '../catalog/quote.rules.ts'
import type { AreaKind, FollowUpStatus } from '../db/schema-catalog.ts'
import type { PlainDate } from '../platform/dates.ts'
import { paymentSchedule, type StatutesSettings, sizeTierFor } from '../statutes/statutes.rules.ts'
import {
  type QuestionnaireFigures,
  type QuestionnaireStage,
  questionnaireStages,
  type StoredQuote,
} from './needs.model.ts'

/**
 * Pure rules of the needs questionnaire: the quote it stores (with the versions behind it) and the founders'
 * projections — every questionnaire recomputed with one day's catalog and statutes, then summed by stage, size
 * tier and area. No clock, no database: the catalog, the statutes and the day come in as arguments.
 */

/** What one day's catalog says about an area, as far as a quote's record needs it. */
export interface BasisArea {
  key: string
  kind: AreaKind
  name: Localised
  flatRate: Pick<PriceVersion, 'id' | 'validFrom'> | null
  /** `addon`: booked and priced on its own, not part of the flat rate. */
  services: Array<{ key: string; name: Localised; software: string[]; addon?: boolean }>
}

/** Everything a quote is computed from on a day. */
export interface QuoteBasisData {
  day: PlainDate
  catalog: QuoteCatalog
  areas: BasisArea[]
  statutes: { id: string; validFrom: PlainDate; settings: StatutesSettings }
  capitalMonths: number
}

/**
 * The quote a questionnaire stores: computeQuote's figures, the statutes' payment plans for the mandatory and for
 * mandatory plus suggested shares (§7 Nr. 1 GenG, counted from the quote's day), and which statutes and price
 * versions it used, so the quote can later be read exactly as it was given.
 */
export function storedQuoteOf(figures: QuestionnaireFigures, basis: QuoteBasisData): StoredQuote {
  const { settings } = basis.statutes
  const quote = computeQuote(figures, basis.catalog, settings, basis.capitalMonths)
  const tier = sizeTierFor(settings, figures.employees, figures.annualBudgetCents)
  const wanted = basis.areas.filter((a) => figures.wantedAreas.includes(a.key))
  const priceVersions: StoredQuote['priceVersions'] = []
  for (const area of wanted)
    if (area.kind === 'primary' && area.flatRate)
      priceVersions.push({
        key: area.key,
        kind: 'flat_rate',
        versionId: area.flatRate.id,
        validFrom: area.flatRate.validFrom,
      })
  for (const hours of quote.hours) {
    const rate = basis.catalog.hourlyRates[hours.areaKey]
    if (rate) priceVersions.push({ key: hours.areaKey, kind: 'hourly', versionId: rate.id, validFrom: rate.validFrom })
  }
  const names: StoredQuote['names'] = { areas: {}, services: {} }
  for (const area of basis.areas) {
    names.areas[area.key] = area.name
    for (const service of area.services)
      names.services[service.key] = {
        name: service.name,
        software: service.software,
        ...(service.addon ? { addon: true } : {}),
      }
  }
  const { mandatory, suggested } = quote.shares
  return {
    computedOn: basis.day,
    statutesVersionId: basis.statutes.id,
    statutesValidFrom: basis.statutes.validFrom,
    capitalMonths: basis.capitalMonths,
    priceVersions,
    sizeTier: { key: tier.key, shares: tier.shares },
    sharesPerPrimaryArea: settings.sharesPerPrimaryArea,
    quote,
    schedule: {
      mandatory: paymentSchedule(settings, mandatory, basis.day),
      withSuggested: paymentSchedule(settings, mandatory + suggested, basis.day),
    },
    areas: wanted.map((a) => ({ key: a.key, kind: a.kind, name: a.name })),
    names,
  }
}

/** One questionnaire recomputed for the founders' projections. */
export interface Projection {
  stage: QuestionnaireStage
  sizeTierKey: string
  wantedAreas: string[]
  monthlyNetCents: number
  /** Wanted primary areas without a price on the day: their revenue is not in monthlyNetCents. */
  unpricedAreas: string[]
  mandatoryShares: number
  suggestedShares: number
  /** (mandatory + suggested) × share value. */
  capitalCents: number
}

/**
 * Recomputes one questionnaire with the day's catalog and statutes: what it would pay monthly (the flat rates of
 * its wanted primary areas, net) and subscribe (mandatory and suggested shares) if it joined today.
 */
export function projectQuestionnaire(
  row: QuestionnaireFigures & { stage: QuestionnaireStage },
  catalog: QuoteCatalog,
  settings: StatutesSettings,
  capitalMonths: number,
): Projection {
  const quote = computeQuote(row, catalog, settings, capitalMonths)
  return {
    stage: row.stage,
    sizeTierKey: sizeTierFor(settings, row.employees, row.annualBudgetCents).key,
    wantedAreas: row.wantedAreas,
    monthlyNetCents: quote.monthlyNetCents,
    unpricedAreas: quote.unpricedAreas,
    mandatoryShares: quote.shares.mandatory,
    suggestedShares: quote.shares.suggested,
    capitalCents: (quote.shares.mandatory + quote.shares.suggested) * settings.shareValueCents,
  }
}

export interface StageFigures {
  stage: QuestionnaireStage
  organisations: number
  monthlyNetCents: number
  mandatoryShares: number
  suggestedShares: number
  capitalCents: number
  /** Organisations whose projection misses an unpriced area. */
  withUnpricedAreas: number
}

/** The founders' figures: per stage, stage × size tier, wanted areas, and the totals. */
export interface Aggregate {
  organisations: number
  byStage: StageFigures[]
  /** Counts per stage and size tier key; tiers in the statutes' order. */
  stageByTier: { tiers: string[]; counts: Record<QuestionnaireStage, Record<string, number>> }
  /** Organisations wanting each area, in the order given (catalog order), areas nobody wants included. */
  areas: Array<{ key: string; organisations: number; byStage: Record<QuestionnaireStage, number> }>
  total: Omit<StageFigures, 'stage'>
}

const zeroStages = (): Record<QuestionnaireStage, number> => ({ informed: 0, discussing: 0, committed: 0 })

/**
 * Sums projections by stage (informed → discussing → committed, the stages a business plan weighs differently),
 * counts them per stage and size tier (tiers from the statutes), and counts per area how many want it.
 */
export function aggregateProjections(
  projections: readonly Projection[],
  tierKeys: readonly string[],
  areaKeys: readonly string[],
): Aggregate {
  const byStage = new Map<QuestionnaireStage, StageFigures>(
    questionnaireStages.map((stage) => [
      stage,
      {
        stage,
        organisations: 0,
        monthlyNetCents: 0,
        mandatoryShares: 0,
        suggestedShares: 0,
        capitalCents: 0,
        withUnpricedAreas: 0,
      },
    ]),
  )
  const counts = Object.fromEntries(
    questionnaireStages.map((s) => [s, Object.fromEntries(tierKeys.map((k) => [k, 0]))]),
  ) as Record<QuestionnaireStage, Record<string, number>>
  const areas = new Map(areaKeys.map((key) => [key, { key, organisations: 0, byStage: zeroStages() }]))
  for (const p of projections) {
    const figures = byStage.get(p.stage)!
    figures.organisations += 1
    figures.monthlyNetCents += p.monthlyNetCents
    figures.mandatoryShares += p.mandatoryShares
    figures.suggestedShares += p.suggestedShares
    figures.capitalCents += p.capitalCents
    if (p.unpricedAreas.length > 0) figures.withUnpricedAreas += 1
    counts[p.stage][p.sizeTierKey] = (counts[p.stage][p.sizeTierKey] ?? 0) + 1
    for (const key of new Set(p.wantedAreas)) {
      const area = areas.get(key)
      if (!area) continue // an area since removed from the catalog
      area.organisations += 1
      area.byStage[p.stage] += 1
    }
  }
  const stages = [...byStage.values()]
  const sum = (f: (s: StageFigures) => number) => stages.reduce((n, s) => n + f(s), 0)
  return {
    organisations: projections.length,
    byStage: stages,
    stageByTier: { tiers: [...tierKeys], counts },
    areas: [...areas.values()],
    total: {
      organisations: sum((s) => s.organisations),
      monthlyNetCents: sum((s) => s.monthlyNetCents),
      mandatoryShares: sum((s) => s.mandatoryShares),
      suggestedShares: sum((s) => s.suggestedShares),
      capitalCents: sum((s) => s.capitalCents),
      withUnpricedAreas: sum((s) => s.withUnpricedAreas),
    },
  }
}

export const sortKeys = ['submitted', 'monthly', 'stage'] as const
export type SortKey = (typeof sortKeys)[number]

const stageRank: Record<QuestionnaireStage, number> = { informed: 0, discussing: 1, committed: 2 }

/**
 * The order of the founders' list: by submission time, projected monthly revenue or stage (committed highest),
 * ties broken by the reference so pages never overlap.
 */
export function compareForList(
  a: { submittedAt: string; ref: string; stage: QuestionnaireStage; monthlyNetCents: number },
  b: { submittedAt: string; ref: string; stage: QuestionnaireStage; monthlyNetCents: number },
  sort: SortKey,
  descending: boolean,
): number {
  let order = 0
  if (sort === 'monthly') order = a.monthlyNetCents - b.monthlyNetCents
  else if (sort === 'stage') order = stageRank[a.stage] - stageRank[b.stage]
  else order = a.submittedAt < b.submittedAt ? -1 : a.submittedAt > b.submittedAt ? 1 : 0
  if (order === 0) order = a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0
  return descending ? -order : order
}

/** Follow-up statuses in the order the work goes. */
export const followUpOrder: readonly FollowUpStatus[] = ['new', 'contacted', 'in_talks', 'applied', 'declined']
