import type { ColumnType, Generated, Selectable } from 'kysely'

/** Tables of events, registrations and the interest list (migration 0004-events). */

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
/** numeric columns arrive as text ('19.00'), so no decimal is ever rounded through a float on the way. */
type Numeric = ColumnType<string, string | number, string | number>

export const eventKinds = ['workshop', 'training', 'webinar', 'info_event'] as const
export type EventKind = (typeof eventKinds)[number]
export const eventStatuses = ['scheduled', 'cancelled'] as const
export type EventStatus = (typeof eventStatuses)[number]
export const registrationStatuses = ['confirmed', 'waitlisted', 'cancelled'] as const
export type RegistrationStatus = (typeof registrationStatuses)[number]
export const interestStatuses = ['pending', 'confirmed', 'unsubscribed'] as const
export type InterestStatus = (typeof interestStatuses)[number]

export interface EventTable {
  id: Generated<string>
  ref: string
  kind: EventKind
  title_de: string
  title_en: Generated<string>
  description_de: Generated<string>
  description_en: Generated<string>
  starts_at: Timestamp
  ends_at: Timestamp
  time_zone: Generated<string>
  location: Generated<string>
  online_url: string | null
  seats: number
  waitlist_limit: number | null
  member_price_cents: number
  non_member_price_cents: number
  vat_percent: Numeric
  registration_closes_at: Timestamp
  status: Generated<EventStatus>
  cancel_reason: string | null
  cancelled_at: NullableTimestamp
  cancelled_by: string | null
  sequence: Generated<number>
  created_at: Timestamp
  created_by: string
  updated_at: Timestamp
  updated_by: string
}

export interface EventRegistrationTable {
  id: Generated<string>
  event_id: string
  name: string
  email: string
  organisation_name: string | null
  organisation_id: string | null
  account_id: string | null
  is_member: boolean
  member_id: string | null
  price_cents: number
  vat_percent: Numeric
  gross_cents: number
  status: RegistrationStatus
  waitlist_position: number | null
  manage_token_hash: string
  language: 'de' | 'en'
  consent_text: string
  consent_at: Timestamp
  ip_address: string | null
  user_agent: string | null
  registered_at: Timestamp
  promoted_at: NullableTimestamp
  cancelled_at: NullableTimestamp
  cancelled_by: string | null
}

export interface InterestSubscriptionTable {
  id: Generated<string>
  email: string
  name: string | null
  organisation: string | null
  language: 'de' | 'en'
  status: InterestStatus
  consent_text: string
  consent_version: string
  consent_at: Timestamp
  consent_ip: string | null
  consent_user_agent: string | null
  confirm_token_hash: string | null
  confirm_expires_at: Timestamp
  confirmed_at: NullableTimestamp
  confirmed_ip: string | null
  unsubscribe_token_hash: string
  unsubscribed_at: NullableTimestamp
  created_at: Timestamp
}

export interface InterestRequestTable {
  id: Generated<number>
  requested_at: Timestamp
  ip_address: string | null
  email_hash: string
}

export interface EventsDatabase {
  event: EventTable
  event_registration: EventRegistrationTable
  interest_subscription: InterestSubscriptionTable
  interest_request: InterestRequestTable
}

export type EventRow = Selectable<EventTable>
export type EventRegistrationRow = Selectable<EventRegistrationTable>
export type InterestSubscriptionRow = Selectable<InterestSubscriptionTable>
