import type { EventKind, EventRegistrationRow, EventStatus, RegistrationStatus } from '../db/schema-events.ts'
import type { Language } from '../platform/i18n.ts'
import type { EventWithCountsRow } from './events.repo.ts'
import type { OpenState, SeatState } from './events.rules.ts'

/** An event as the actions return it. `onlineUrl` is for staff and registered people: pages decide who sees it. */
export interface EventView extends OpenState, SeatState {
  id: string
  ref: string
  kind: EventKind
  titleDe: string
  titleEn: string
  descriptionDe: string
  descriptionEn: string
  timeZone: string
  location: string
  onlineUrl: string | null
  memberPriceCents: number
  nonMemberPriceCents: number
  vatPercent: number
  status: EventStatus
  cancelReason: string | null
  cancelledAt: Date | null
  sequence: number
  createdAt: Date
  createdBy: string
  updatedAt: Date
  updatedBy: string
}

export function toEventView(row: EventWithCountsRow): EventView {
  return {
    id: row.id,
    ref: row.ref,
    kind: row.kind,
    titleDe: row.title_de,
    titleEn: row.title_en,
    descriptionDe: row.description_de,
    descriptionEn: row.description_en,
    startsAt: new Date(row.starts_at),
    endsAt: new Date(row.ends_at),
    timeZone: row.time_zone,
    location: row.location,
    onlineUrl: row.online_url,
    seats: row.seats,
    waitlistLimit: row.waitlist_limit,
    memberPriceCents: Number(row.member_price_cents),
    nonMemberPriceCents: Number(row.non_member_price_cents),
    vatPercent: Number(row.vat_percent),
    registrationClosesAt: new Date(row.registration_closes_at),
    status: row.status,
    cancelReason: row.cancel_reason,
    cancelledAt: row.cancelled_at ? new Date(row.cancelled_at) : null,
    sequence: row.sequence,
    confirmed: Number(row.confirmed),
    waitlisted: Number(row.waitlisted),
    createdAt: new Date(row.created_at),
    createdBy: row.created_by,
    updatedAt: new Date(row.updated_at),
    updatedBy: row.updated_by,
  }
}

/** The title and description in a language; the German text when the English one is empty. */
export function eventText(
  event: Pick<EventView, 'titleDe' | 'titleEn' | 'descriptionDe' | 'descriptionEn'>,
  lang: Language,
) {
  return {
    title: lang === 'en' && event.titleEn ? event.titleEn : event.titleDe,
    description: lang === 'en' && event.descriptionEn ? event.descriptionEn : event.descriptionDe,
  }
}

export interface RegistrationView {
  id: string
  eventId: string
  name: string
  email: string
  organisationName: string | null
  organisationId: string | null
  accountId: string | null
  isMember: boolean
  priceCents: number
  vatPercent: number
  grossCents: number
  status: RegistrationStatus
  waitlistPosition: number | null
  /** For a waiting person: where they stand among those still waiting (1 = next). */
  waitingRank: number | null
  language: Language
  consentText: string
  consentAt: Date
  registeredAt: Date
  promotedAt: Date | null
  cancelledAt: Date | null
  cancelledBy: string | null
}

export function toRegistrationView(row: EventRegistrationRow, waitingRank: number | null = null): RegistrationView {
  return {
    id: row.id,
    eventId: row.event_id,
    name: row.name,
    email: row.email,
    organisationName: row.organisation_name,
    organisationId: row.organisation_id,
    accountId: row.account_id,
    isMember: row.is_member,
    priceCents: Number(row.price_cents),
    vatPercent: Number(row.vat_percent),
    grossCents: Number(row.gross_cents),
    status: row.status,
    waitlistPosition: row.waitlist_position,
    waitingRank: row.status === 'waitlisted' ? waitingRank : null,
    language: row.language,
    consentText: row.consent_text,
    consentAt: new Date(row.consent_at),
    registeredAt: new Date(row.registered_at),
    promotedAt: row.promoted_at ? new Date(row.promoted_at) : null,
    cancelledAt: row.cancelled_at ? new Date(row.cancelled_at) : null,
    cancelledBy: row.cancelled_by,
  }
}
