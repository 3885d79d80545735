import type { CatalogStatus } from '../db/schema-catalog.ts'
import { formatDate, formatEuro, type Language } from '../platform/i18n.ts'
import { tierLabel } from '../statutes/statutes.messages.ts'
import type { CatalogSnapshot } from './catalog.actions.ts'
import { catalogT, formatEuroShort } from './catalog.messages.ts'
import type { StoredPriceVersion } from './catalog.model.ts'
import type { PriceTier } from './pricing.rules.ts'
import { withVat } from './pricing.rules.ts'

/** Pieces the public pages, the calculator and the management pages share. */

export type SnapshotArea = CatalogSnapshot['areas'][number]
export type SnapshotService = SnapshotArea['services'][number]

/** The status in words (with a class for its colour, never colour alone). */
export function StatusBadge(props: { lang: Language; status: CatalogStatus }) {
  const t = catalogT(props.lang)
  return (
    <span class={`badge badge-${props.status}`} data-status={props.status}>
      {t(`status_${props.status}`)}
    </span>
  )
}

/** "ab 10 Beschäftigten oder 50 Ehrenamtlichen oder 500.000 € Jahresbudget"; the first tier holds for everyone. */
export function thresholdText(tier: PriceTier, index: number, lang: Language): string {
  const t = catalogT(lang)
  if (index === 0) return t('tier_base')
  const parts: string[] = []
  if (tier.fromEmployees !== null) parts.push(t('tier_employees', { n: tier.fromEmployees.toLocaleString(lang) }))
  if (tier.fromVolunteers !== null) parts.push(t('tier_volunteers', { n: tier.fromVolunteers.toLocaleString(lang) }))
  if (tier.fromBudgetCents !== null)
    parts.push(t('tier_budget', { amount: formatEuroShort(tier.fromBudgetCents, lang) }))
  return t('tier_from', { parts: parts.join(t('or')) })
}

export function tierName(key: string, lang: Language): string {
  return tierLabel(key, lang)
}

/** A flat rate's tiers as a table: tier, when it applies (in words), net and gross per month. */
export function TierTable(props: { lang: Language; version: StoredPriceVersion; caption: string }) {
  const t = catalogT(props.lang)
  const { version, lang } = props
  return (
    <div class="table-wrap">
      <table class="price-tiers">
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('tier_col')}</th>
            <th scope="col">{t('threshold_col')}</th>
            <th scope="col" class="num">
              {t('monthly_net_col')}
            </th>
            <th scope="col" class="num">
              {t('monthly_gross_col')}
            </th>
          </tr>
        </thead>
        <tbody>
          {version.tiers.map((tier, i) => (
            <tr data-tier={tier.key}>
              <th scope="row">{tierName(tier.key, lang)}</th>
              <td>{thresholdText(tier, i, lang)}</td>
              <td class="num">{formatEuro(tier.monthlyCents, lang)}</td>
              <td class="num">{formatEuro(withVat(tier.monthlyCents, version.vatPercent).grossCents, lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

export function validityCaption(lang: Language, version: StoredPriceVersion): string {
  const t = catalogT(lang)
  return version.validUntil
    ? t('flat_rate_caption_until', {
        from: formatDate(version.validFrom, lang),
        until: formatDate(version.validUntil, lang),
      })
    : t('flat_rate_caption', { date: formatDate(version.validFrom, lang) })
}

/** The lowest price an area starts from: its base tier, or its cheapest hourly member rate. */
export function fromPrice(area: SnapshotArea, lang: Language): string {
  const t = catalogT(lang)
  if (area.kind === 'primary') {
    const lowest = area.flatRate ? Math.min(...area.flatRate.tiers.map((x) => x.monthlyCents)) : null
    return lowest === null ? t('no_price_yet') : t('from_monthly', { amount: formatEuro(lowest, lang) })
  }
  const rates = area.services
    .filter((s) => s.pricing === 'hourly' && s.status !== 'discontinued' && s.price?.hourlyMemberCents != null)
    .map((s) => s.price!.hourlyMemberCents!)
  return rates.length === 0 ? t('no_price_yet') : t('from_hourly', { amount: formatEuro(Math.min(...rates), lang) })
}
