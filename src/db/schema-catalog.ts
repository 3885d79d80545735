import type { ColumnType, Generated, Selectable } from 'kysely'

/** Tables of the service catalog, prices, needs questionnaires and bookings (migration 0003-catalog). */

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
type Json = ColumnType<unknown, string | undefined | null, string | null>
type PlainDateColumn = ColumnType<string, string, string>
type NullablePlainDate = ColumnType<string | null, string | null | undefined, string | null>
type TextList = ColumnType<string[], string[] | undefined, string[]>
/** numeric columns arrive as text ('19.00'), so no decimal is ever rounded through a float on the way. */
type Numeric = ColumnType<string, string | number, string | number>
type NullableNumeric = ColumnType<string | null, string | number | null | undefined, string | number | null>

export const catalogStatuses = ['planned', 'orderable', 'discontinued'] as const
export type CatalogStatus = (typeof catalogStatuses)[number]
export const areaKinds = ['primary', 'secondary'] as const
export type AreaKind = (typeof areaKinds)[number]
export const servicePricings = ['included', 'addon', 'hourly'] as const
export type ServicePricing = (typeof servicePricings)[number]
export const priceKinds = ['flat_rate', 'addon', 'hourly'] as const
export type PriceKind = (typeof priceKinds)[number]
export const termEnds = ['day', 'month', 'quarter', 'year'] as const
export type TermEnd = (typeof termEnds)[number]
export const ssoKinds = ['none', 'oidc', 'saml', 'ldap'] as const
export type SsoKind = (typeof ssoKinds)[number]
export const bookingStatuses = ['requested', 'confirmed', 'rejected', 'withdrawn', 'cancelled'] as const
export type BookingStatus = (typeof bookingStatuses)[number]
export const bookingSources = ['order', 'request', 'staff', 'register'] as const
export type BookingSource = (typeof bookingSources)[number]
export const followUpStatuses = ['new', 'contacted', 'in_talks', 'applied', 'declined'] as const
export type FollowUpStatus = (typeof followUpStatuses)[number]

export interface ProviderTable {
  id: Generated<string>
  key: string
  name: string
  is_home: Generated<boolean>
  organisation_id: string | null
  website: string | null
  description_de: Generated<string>
  description_en: Generated<string>
  created_at: Timestamp
  archived_at: NullableTimestamp
}

export interface ServiceAreaTable {
  id: Generated<string>
  key: string
  provider_id: string
  kind: AreaKind
  status: Generated<CatalogStatus>
  position: Generated<number>
  name_de: string
  name_en: string
  summary_de: Generated<string>
  summary_en: Generated<string>
  description_de: Generated<string>
  description_en: Generated<string>
  included_de: TextList
  included_en: TextList
  notice_days: Generated<number>
  term_end: Generated<TermEnd>
  minimum_term_months: Generated<number>
  terms_de: Generated<string>
  terms_en: Generated<string>
  config_fields: Json
  created_at: Timestamp
  updated_at: Timestamp
}

export interface ServiceTable {
  id: Generated<string>
  key: string
  area_id: string
  provider_id: string
  pricing: ServicePricing
  status: Generated<CatalogStatus>
  position: Generated<number>
  name_de: string
  name_en: string
  summary_de: Generated<string>
  summary_en: Generated<string>
  description_de: Generated<string>
  description_en: Generated<string>
  included_de: TextList
  included_en: TextList
  software: TextList
  replaces: TextList
  data_location: Generated<string>
  energy_source: Generated<string>
  backup_policy: Generated<string>
  sso: Generated<SsoKind>
  unit_de: Generated<string>
  unit_en: Generated<string>
  created_at: Timestamp
  updated_at: Timestamp
}

export interface PriceVersionTable {
  id: Generated<string>
  area_id: string | null
  service_id: string | null
  kind: PriceKind
  valid_from: PlainDateColumn
  valid_until: NullablePlainDate
  vat_percent: Numeric
  tiers: Json
  monthly_cents: number | null
  setup_cents: ColumnType<number, number | undefined, number>
  hourly_member_cents: number | null
  hourly_non_member_cents: number | null
  note: Generated<string>
  created_at: Timestamp
  created_by: string
}

export interface NeedsQuestionnaireTable {
  id: Generated<string>
  ref: string
  token_hash: string
  organisation_id: string | null
  application_id: string | null
  account_id: string | null
  organisation_name: string
  legal_form: Generated<string>
  contact_name: string
  contact_email: string
  contact_phone: string | null
  city: Generated<string>
  employees: Generated<number>
  volunteers: Generated<number>
  annual_budget_cents: ColumnType<number, number | undefined, number>
  devices: Generated<number>
  tools_today: TextList
  pain_points: Generated<string>
  wanted_areas: TextList
  consulting_hours: Generated<number>
  training_hours: Generated<number>
  stage: 'informed' | 'discussing' | 'committed'
  language: Generated<'de' | 'en'>
  consent_contact_at: Timestamp
  quote: Json
  submitted_at: Timestamp
  follow_up_status: Generated<FollowUpStatus>
  follow_up_on: NullablePlainDate
  assigned_account_id: string | null
  updated_at: Timestamp
  /** migration 0006-needs: when the contact withdrew consent and the personal fields were erased */
  erased_at: NullableTimestamp
  /** migration 0006-needs: the client address of a public submission (the hourly limit); erased with the rest */
  client_address: ColumnType<string | null, string | null | undefined, string | null>
}

export interface QuestionnaireFollowUpTable {
  id: Generated<string>
  questionnaire_id: string
  status: FollowUpStatus
  note: Generated<string>
  next_on: NullablePlainDate
  created_at: Timestamp
  created_by: string
  /** migration 0006-needs: who follows the organisation up from this entry on */
  assigned_account_id: ColumnType<string | null, string | null | undefined, string | null>
}

export interface BookingTable {
  id: Generated<string>
  ref: string
  organisation_id: string | null
  requester: Json
  area_id: string
  service_id: string | null
  kind: PriceKind
  quantity: Generated<number>
  config: Json
  member_id: string | null
  price_version_id: string | null
  tier_key: string | null
  monthly_cents: number | null
  setup_cents: number | null
  hourly_cents: number | null
  vat_percent: NullableNumeric
  notice_days: number | null
  term_end: TermEnd | null
  minimum_term_months: number | null
  terms_text: Generated<string>
  terms_hash: string | null
  terms_accepted_at: NullableTimestamp
  terms_accepted_by: string | null
  share_application_id: string | null
  questionnaire_id: string | null
  replaces_id: string | null
  source: Generated<BookingSource>
  status: Generated<BookingStatus>
  requested_at: Timestamp
  requested_by: string
  starts_on: PlainDateColumn
  decided_at: NullableTimestamp
  decided_by: string | null
  rejection_reason: string | null
  cancelled_at: NullableTimestamp
  cancelled_by: string | null
  cancel_reason: string | null
  ends_on: NullablePlainDate
  tracking_token_hash: string | null
  note: Generated<string>
}

export interface PriceChangeNoticeTable {
  price_version_id: string
  booking_id: string
  organisation_id: string
  recipients: string[]
  notified_at: Timestamp
}

export interface CatalogDatabase {
  provider: ProviderTable
  service_area: ServiceAreaTable
  service: ServiceTable
  price_version: PriceVersionTable
  needs_questionnaire: NeedsQuestionnaireTable
  questionnaire_follow_up: QuestionnaireFollowUpTable
  booking: BookingTable
  price_change_notice: PriceChangeNoticeTable
}

export type ProviderRow = Selectable<ProviderTable>
export type ServiceAreaRow = Selectable<ServiceAreaTable>
export type ServiceRow = Selectable<ServiceTable>
export type PriceVersionRow = Selectable<PriceVersionTable>
export type NeedsQuestionnaireRow = Selectable<NeedsQuestionnaireTable>
export type BookingRow = Selectable<BookingTable>
