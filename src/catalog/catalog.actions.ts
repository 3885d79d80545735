import type { Executor } from '../db/db.ts'
import { cooperativeInfo } from '../members/cooperative.ts'
import type { PlainDate } from '../platform/dates.ts'
import {
  type Area,
  type Provider,
  type Service,
  type StoredPriceVersion,
  toArea,
  toPriceVersion,
  toProvider,
  toService,
} from './catalog.model.ts'
import { allPriceVersionRows, areaRows, providerRows, serviceRows } from './catalog.repo.ts'
import { versionOn } from './pricing.rules.ts'
import { defaultSuggestedCapitalMonths, type QuoteCatalog } from './quote.rules.ts'

/** The whole catalog as of a day: providers, areas with their services, and the prices holding that day. */
export interface CatalogSnapshot {
  day: PlainDate
  providers: Provider[]
  areas: Array<
    Area & {
      provider: Provider
      flatRate: StoredPriceVersion | null
      services: Array<Service & { provider: Provider; price: StoredPriceVersion | null }>
    }
  >
  /** Every version, for the price history and for the versions after `day`. */
  versions: StoredPriceVersion[]
}

/**
 * Reads the catalog in four queries (providers, areas, services, prices) whatever its size; public pages, the
 * feed, quotes and orders all read it this way so they agree on what holds on a day.
 */
export async function catalogOn(db: Executor, day: PlainDate): Promise<CatalogSnapshot> {
  const [cooperative, providerList, areaList, serviceList, versionList] = await Promise.all([
    cooperativeInfo(db),
    providerRows(db),
    areaRows(db),
    serviceRows(db),
    allPriceVersionRows(db),
  ])
  const providers = providerList.map((row) => toProvider(row, cooperative.name))
  const byId = new Map(providers.map((p) => [p.id, p]))
  const versions = versionList.map(toPriceVersion)
  const providerOf = (id: string) => {
    const provider = byId.get(id)
    if (!provider) throw new Error(`catalog entry with unknown provider ${id}`)
    return provider
  }
  const services = serviceList.map(toService)
  const areas = areaList.map(toArea).map((area) => ({
    ...area,
    provider: providerOf(area.providerId),
    flatRate:
      versionOn(
        versions.filter((v) => v.areaId === area.id),
        day,
      ) ?? null,
    services: services
      .filter((s) => s.areaId === area.id)
      .map((service) => ({
        ...service,
        provider: providerOf(service.providerId),
        price:
          versionOn(
            versions.filter((v) => v.serviceId === service.id),
            day,
          ) ?? null,
      })),
  }))
  return { day, providers, areas, versions }
}

/**
 * What a quote needs from the catalog on a day. Discontinued entries are left out; planned ones stay (the
 * founders collect needs before anything is orderable). An area's hourly rate for estimates is that of its
 * first hourly service with a price.
 */
export function quoteCatalogOf(snapshot: CatalogSnapshot): QuoteCatalog {
  const live = snapshot.areas.filter((a) => a.status !== 'discontinued')
  const hourlyRates: QuoteCatalog['hourlyRates'] = {}
  for (const area of live.filter((a) => a.kind === 'secondary'))
    hourlyRates[area.key] =
      area.services.find((s) => s.pricing === 'hourly' && s.status !== 'discontinued' && s.price)?.price ?? null
  return {
    areas: live.map((a) => ({ key: a.key, kind: a.kind, flatRate: a.kind === 'primary' ? a.flatRate : null })),
    hourlyRates,
    replacements: live.flatMap((a) =>
      a.services
        .filter((s) => s.status !== 'discontinued' && s.replaces.length > 0)
        .map((s) => ({ serviceKey: s.key, areaKey: a.key, replaces: s.replaces })),
    ),
  }
}

/** Instance setting: months of the flat rate that suggested shares should cover (quote.rules: suggestedShares). */
export const capitalMonthsSetting = 'quote_capital_months'

export async function quoteCapitalMonths(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('instance_setting')
    .select('value')
    .where('key', '=', capitalMonthsSetting)
    .executeTakeFirst()
  const months = row ? Number(row.value) : defaultSuggestedCapitalMonths
  return Number.isSafeInteger(months) && months >= 0 ? months : defaultSuggestedCapitalMonths
}
