import type {
  AreaKind,
  CatalogStatus,
  PriceKind,
  PriceVersionRow,
  ProviderRow,
  ServiceAreaRow,
  ServicePricing,
  ServiceRow,
  SsoKind,
  TermEnd,
} from '../db/schema-catalog.ts'
import type { Language } from '../platform/i18n.ts'
import type { PriceTier, PriceVersion, Terms } from './pricing.rules.ts'

/** Text in both languages; `pick` chooses the reader's, falling back to German. */
export interface Localised {
  de: string
  en: string
}

export function pick(text: Localised, lang: Language): string {
  return text[lang] || text.de
}

export function pickList(list: { de: string[]; en: string[] }, lang: Language): string[] {
  return list[lang].length > 0 ? list[lang] : list.de
}

export interface Provider {
  id: string
  key: string
  name: string
  isHome: boolean
  organisationId: string | null
  website: string | null
  description: Localised
  archived: boolean
}

/** A field a member fills in when ordering an area (its configuration). */
export interface ConfigField {
  key: string
  labelDe: string
  labelEn: string
  type: 'text' | 'number' | 'choice'
  required: boolean
  choices?: string[]
}

export interface Area {
  id: string
  key: string
  providerId: string
  kind: AreaKind
  status: CatalogStatus
  position: number
  name: Localised
  summary: Localised
  description: Localised
  included: { de: string[]; en: string[] }
  terms: Terms
  termsText: Localised
  configFields: ConfigField[]
}

export interface Service {
  id: string
  key: string
  areaId: string
  providerId: string
  pricing: ServicePricing
  status: CatalogStatus
  position: number
  name: Localised
  summary: Localised
  description: Localised
  included: { de: string[]; en: string[] }
  software: string[]
  replaces: string[]
  dataLocation: string
  energySource: string
  backupPolicy: string
  sso: SsoKind
  unit: Localised
}

/** A stored price version with what the rules need, and who adopted it. */
export interface StoredPriceVersion extends PriceVersion {
  areaId: string | null
  serviceId: string | null
  note: string
  createdAt: string
  createdBy: string
}

/** The home provider's name is the cooperative's own (instance settings), not the placeholder in the row. */
export function toProvider(row: ProviderRow, cooperativeName: string): Provider {
  return {
    id: row.id,
    key: row.key,
    name: row.is_home ? cooperativeName : row.name,
    isHome: row.is_home,
    organisationId: row.organisation_id,
    website: row.website,
    description: { de: row.description_de, en: row.description_en },
    archived: row.archived_at !== null,
  }
}

function json<T>(value: unknown, fallback: T): T {
  if (value === null || value === undefined) return fallback
  return (typeof value === 'string' ? JSON.parse(value) : value) as T
}

export function toArea(row: ServiceAreaRow): Area {
  return {
    id: row.id,
    key: row.key,
    providerId: row.provider_id,
    kind: row.kind,
    status: row.status,
    position: row.position,
    name: { de: row.name_de, en: row.name_en },
    summary: { de: row.summary_de, en: row.summary_en },
    description: { de: row.description_de, en: row.description_en },
    included: { de: row.included_de, en: row.included_en },
    terms: {
      noticeDays: row.notice_days,
      termEnd: row.term_end as TermEnd,
      minimumTermMonths: row.minimum_term_months,
    },
    termsText: { de: row.terms_de, en: row.terms_en },
    configFields: json<ConfigField[]>(row.config_fields, []),
  }
}

export function toService(row: ServiceRow): Service {
  return {
    id: row.id,
    key: row.key,
    areaId: row.area_id,
    providerId: row.provider_id,
    pricing: row.pricing,
    status: row.status,
    position: row.position,
    name: { de: row.name_de, en: row.name_en },
    summary: { de: row.summary_de, en: row.summary_en },
    description: { de: row.description_de, en: row.description_en },
    included: { de: row.included_de, en: row.included_en },
    software: row.software,
    replaces: row.replaces,
    dataLocation: row.data_location,
    energySource: row.energy_source,
    backupPolicy: row.backup_policy,
    sso: row.sso,
    unit: { de: row.unit_de, en: row.unit_en },
  }
}

export function toPriceVersion(row: PriceVersionRow): StoredPriceVersion {
  return {
    id: row.id,
    areaId: row.area_id,
    serviceId: row.service_id,
    kind: row.kind as PriceKind,
    validFrom: row.valid_from,
    validUntil: row.valid_until,
    vatPercent: Number(row.vat_percent),
    tiers: json<PriceTier[]>(row.tiers, []),
    monthlyCents: row.monthly_cents === null ? null : Number(row.monthly_cents),
    setupCents: Number(row.setup_cents),
    hourlyMemberCents: row.hourly_member_cents === null ? null : Number(row.hourly_member_cents),
    hourlyNonMemberCents: row.hourly_non_member_cents === null ? null : Number(row.hourly_non_member_cents),
    note: row.note,
    createdAt: new Date(row.created_at).toISOString(),
    createdBy: row.created_by,
  }
}
