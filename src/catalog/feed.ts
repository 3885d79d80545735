import { sql } from 'kysely'
import type { Executor } from '../db/db.ts'
import { cooperativeInfo } from '../members/cooperative.ts'
import { sha256 } from '../platform/crypto.ts'
import { compareDates, type PlainDate } from '../platform/dates.ts'
import type { CatalogSnapshot } from './catalog.actions.ts'
import { catalogOn } from './catalog.actions.ts'
import type { StoredPriceVersion } from './catalog.model.ts'

/**
 * The machine-readable catalog (docs/catalog-feed.md): what a federated portal imports. Planned and orderable
 * entries of providers that are not archived, prices in integer cents with their currency. The document is a
 * function of the catalog's data and the day only (`generatedAt` is the catalog's last change, not the clock),
 * so its hash is a stable ETag.
 */
export const feedFormat = 'allmende-catalog'
export const feedVersion = 1

type Snapshot = CatalogSnapshot
type SnapshotArea = Snapshot['areas'][number]
type SnapshotService = SnapshotArea['services'][number]

function flatRateOf(v: StoredPriceVersion) {
  return {
    validFrom: v.validFrom,
    validUntil: v.validUntil,
    vatPercent: v.vatPercent,
    setupCents: v.setupCents,
    currency: 'EUR' as const,
    tiers: v.tiers.map((t) => ({
      key: t.key,
      fromEmployees: t.fromEmployees,
      fromVolunteers: t.fromVolunteers,
      fromBudgetCents: t.fromBudgetCents,
      monthlyCents: t.monthlyCents,
    })),
  }
}

function servicePriceOf(v: StoredPriceVersion) {
  return {
    kind: v.kind,
    validFrom: v.validFrom,
    validUntil: v.validUntil,
    vatPercent: v.vatPercent,
    setupCents: v.setupCents,
    currency: 'EUR' as const,
    monthlyCents: v.kind === 'addon' ? v.monthlyCents : null,
    hourlyMemberCents: v.kind === 'hourly' ? v.hourlyMemberCents : null,
    hourlyNonMemberCents: v.kind === 'hourly' ? v.hourlyNonMemberCents : null,
  }
}

/** Versions that start after the day, soonest first: announced price changes. */
function upcoming(versions: StoredPriceVersion[], day: PlainDate): StoredPriceVersion[] {
  return versions
    .filter((v) => compareDates(v.validFrom, day) > 0)
    .sort((a, b) => compareDates(a.validFrom, b.validFrom))
}

/** One service of the feed (also the API's answer about a service, whatever its status). */
export function serviceEntry(service: SnapshotService, versions: StoredPriceVersion[], day: PlainDate) {
  return {
    key: service.key,
    pricing: service.pricing,
    status: service.status,
    provider: service.provider.key,
    name: service.name,
    summary: service.summary,
    description: service.description,
    included: service.included,
    software: service.software,
    replaces: service.replaces,
    dataLocation: service.dataLocation,
    energySource: service.energySource,
    backupPolicy: service.backupPolicy,
    sso: service.sso,
    unit: service.unit,
    price: service.price ? servicePriceOf(service.price) : null,
    upcomingPrices: upcoming(
      versions.filter((v) => v.serviceId === service.id),
      day,
    ).map(servicePriceOf),
  }
}

/** One area of the feed (also GET /api/v1/catalog/areas/{key}). */
export function areaEntry(area: SnapshotArea, snapshot: Snapshot) {
  return {
    key: area.key,
    kind: area.kind,
    status: area.status,
    position: area.position,
    provider: area.provider.key,
    name: area.name,
    summary: area.summary,
    description: area.description,
    included: area.included,
    terms: { ...area.terms, text: area.termsText },
    configFields: area.configFields,
    flatRate: area.kind === 'primary' && area.flatRate ? flatRateOf(area.flatRate) : null,
    upcomingPrices:
      area.kind === 'primary'
        ? upcoming(
            snapshot.versions.filter((v) => v.areaId === area.id),
            snapshot.day,
          ).map(flatRateOf)
        : [],
    services: area.services
      .filter((s) => s.status !== 'discontinued' && !s.provider.archived)
      .map((s) => serviceEntry(s, snapshot.versions, snapshot.day)),
  }
}

export type FeedArea = ReturnType<typeof areaEntry>

/** Whether an area is listed publicly: not discontinued, its provider not archived. */
export function isListed(area: SnapshotArea): boolean {
  return area.status !== 'discontinued' && !area.provider.archived
}

export function buildFeed(snapshot: Snapshot, meta: { publisher: { name: string; url: string }; generatedAt: string }) {
  return {
    format: feedFormat,
    version: feedVersion,
    generatedAt: meta.generatedAt,
    validOn: snapshot.day,
    publisher: meta.publisher,
    providers: snapshot.providers
      .filter((p) => !p.archived)
      .map((p) => ({
        key: p.key,
        name: p.name,
        cooperative: p.isHome,
        website: p.website,
        description: p.description,
      })),
    areas: snapshot.areas.filter(isListed).map((a) => areaEntry(a, snapshot)),
  }
}

export type CatalogFeed = ReturnType<typeof buildFeed>

/** The last change of anything the feed shows: entries, prices, providers, the cooperative's name. */
async function lastChange(db: Executor): Promise<string> {
  const { rows } = await sql<{ at: Date | string | null }>`
    SELECT greatest(
      (SELECT max(updated_at) FROM service_area),
      (SELECT max(updated_at) FROM service),
      (SELECT max(created_at) FROM price_version),
      (SELECT max(greatest(created_at, archived_at)) FROM provider)
    ) AS at`.execute(db)
  const at = rows[0]?.at
  return at ? new Date(at).toISOString() : new Date(0).toISOString()
}

/** The feed of a day, its JSON text and that text's hash (the ETag). */
export async function catalogFeed(db: Executor, day: PlainDate, baseUrl: string) {
  const [snapshot, cooperative, generatedAt] = await Promise.all([
    catalogOn(db, day),
    cooperativeInfo(db),
    lastChange(db),
  ])
  const feed = buildFeed(snapshot, { publisher: { name: cooperative.name, url: baseUrl }, generatedAt })
  const body = JSON.stringify(feed)
  return { feed, body, etag: `"${sha256(body).slice(0, 32)}"` }
}
