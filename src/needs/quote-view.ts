import { pick } from '../catalog/catalog.model.ts'
import { withVat } from '../catalog/pricing.rules.ts'
import { toolLabel } from '../catalog/tools.ts'
import { monthsBetween } from '../platform/dates.ts'
import { formatDate, formatEuro, type Language, translator } from '../platform/i18n.ts'
import { tierLabel } from '../statutes/statutes.messages.ts'
import type { Bar } from './charts.tsx'
import { needsText } from './needs.messages.ts'
import type { StoredQuote } from './needs.model.ts'

/**
 * A stored quote as text in the reader's language: the same lines for the page and the PDF, so they cannot
 * disagree. Only formatting; every figure was computed when the quote was stored.
 */

export interface QuoteTexts {
  monthly: {
    rows: Array<{
      key: string
      priced: boolean
      area: string
      tier: string
      net: string
      vat: string
      gross: string
      setup: string
    }>
    total: { net: string; vat: string; gross: string; setup: string } | null
    unpricedNote: string | null
  }
  chart: Bar[]
  shares: {
    mandatory: string
    why: string
    firstPayment: string
    suggested: string
    suggestedWhy: string
    plan: Array<{ due: string; mandatory: string; withSuggested: string }>
  }
  hours: Array<{
    priced: boolean
    area: string
    hours: string
    rateMember: string
    totalMember: string
    rateNonMember: string
    totalNonMember: string
  }>
  migration: Array<{ tool: string; replacements: Array<{ service: string; software: string; where: string }> }>
  computedWith: string
  priceVersions: string
}

export function quoteTexts(stored: StoredQuote, lang: Language): QuoteTexts {
  const t = translator(needsText, lang)
  const euro = (cents: number | null) => (cents === null ? t('unpriced') : formatEuro(cents, lang))
  const areaName = (key: string) => (stored.names.areas[key] ? pick(stored.names.areas[key], lang) : key)
  const q = stored.quote
  const rows = q.areas.map((a) => {
    if (a.monthlyNetCents === null || a.vatPercent === null)
      return {
        key: a.key,
        priced: false,
        area: areaName(a.key),
        tier: t('none'),
        net: t('unpriced'),
        vat: '',
        gross: '',
        setup: '',
      }
    const line = withVat(a.monthlyNetCents, a.vatPercent)
    return {
      key: a.key,
      priced: true,
      area: areaName(a.key),
      tier: a.tierKey ? tierLabel(a.tierKey, lang) : t('none'),
      net: euro(line.netCents),
      vat: `${euro(line.vatCents)} (${a.vatPercent} %)`,
      gross: euro(line.grossCents),
      setup: euro(a.setupNetCents),
    }
  })
  const { shares } = q
  const value = formatEuro(shares.shareValueCents, lang)
  const primaryCount = stored.areas.filter((a) => a.kind === 'primary').length
  const start = stored.schedule.mandatory[0]?.dueOn ?? stored.computedOn
  const dueText = (dueOn: string) => {
    const months = monthsBetween(start, dueOn)
    return months === 0 ? t('due_now') : t('due_months', { months })
  }
  const days = [...new Set([...stored.schedule.mandatory, ...stored.schedule.withSuggested].map((p) => p.dueOn))].sort()
  const amountOn = (plan: StoredQuote['schedule']['mandatory'], day: string) =>
    formatEuro(plan.find((p) => p.dueOn === day)?.amountCents ?? 0, lang)
  return {
    monthly: {
      rows,
      total:
        q.areas.length > 0
          ? {
              net: euro(q.monthlyNetCents),
              vat: euro(q.monthlyVatCents),
              gross: euro(q.monthlyGrossCents),
              setup: euro(q.setupNetCents),
            }
          : null,
      unpricedNote:
        q.unpricedAreas.length > 0 ? t('unpriced_note', { areas: q.unpricedAreas.map(areaName).join(', ') }) : null,
    },
    chart: q.areas
      .filter((a) => a.monthlyNetCents !== null)
      .map((a) => ({ label: areaName(a.key), value: a.monthlyNetCents ?? 0, text: euro(a.monthlyNetCents) })),
    shares: {
      mandatory: t('shares_mandatory_value', { n: shares.mandatory, value, amount: euro(shares.mandatoryCents) }),
      why: t('shares_why', {
        tier: tierLabel(stored.sizeTier.key, lang),
        tierShares: stored.sizeTier.shares,
        areas: primaryCount,
        perArea: stored.sharesPerPrimaryArea,
      }),
      firstPayment: t('first_payment_value', { amount: euro(stored.schedule.mandatory[0]?.amountCents ?? 0) }),
      suggested: t('shares_suggested_value', { n: shares.suggested, value, amount: euro(shares.suggestedCents) }),
      suggestedWhy:
        shares.suggested > 0
          ? t('shares_suggested_why', { months: stored.capitalMonths })
          : t('shares_suggested_none', { months: stored.capitalMonths }),
      plan: days.map((day) => ({
        due: dueText(day),
        mandatory: amountOn(stored.schedule.mandatory, day),
        withSuggested: amountOn(stored.schedule.withSuggested, day),
      })),
    },
    hours: q.hours.map((h) => ({
      priced: h.memberRateCents !== null && h.nonMemberRateCents !== null,
      area: areaName(h.areaKey),
      hours: String(h.hours),
      rateMember: euro(h.memberRateCents),
      totalMember: euro(h.memberNetCents),
      rateNonMember: euro(h.nonMemberRateCents),
      totalNonMember: euro(h.nonMemberNetCents),
    })),
    migration: q.migration.map((m) => ({
      tool: toolLabel(m.tool, lang),
      replacements: m.services.map((s) => {
        const service = stored.names.services[s.serviceKey]
        return {
          service: service ? pick(service.name, lang) : s.serviceKey,
          software: service?.software.join(', ') ?? '',
          where:
            (s.inWantedArea ? t('in_wanted') : t('in_area', { area: areaName(s.areaKey) })) +
            (service?.addon ? ` (${t('addon_note')})` : ''),
        }
      }),
    })),
    computedWith: t('computed_with', {
      date: formatDate(stored.computedOn, lang),
      statutes: formatDate(stored.statutesValidFrom, lang),
      months: stored.capitalMonths,
    }),
    priceVersions:
      stored.priceVersions.length > 0
        ? t('price_versions', {
            versions: stored.priceVersions
              .map((v) => t('price_version', { area: areaName(v.key), from: formatDate(v.validFrom, lang) }))
              .join('; '),
          })
        : t('price_versions_none'),
  }
}
