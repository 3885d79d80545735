import type { BookingRow, BookingSource, BookingStatus, PriceKind, TermEnd } from '../db/schema-catalog.ts'
import type { PlainDate } from '../platform/dates.ts'

/** Who asked through the public request form (a non-member without an organisation in the portal yet). */
export interface Requester {
  organisationName: string
  givenName: string
  familyName: string
  email: string
  phone: string | null
  message: string
  language: 'de' | 'en'
  consentAt: string
}

/** A booking (an order, then a contract) with the price and the terms agreed for it. */
export interface Booking {
  id: string
  ref: string
  organisationId: string | null
  requester: Requester | null
  areaId: string
  serviceId: string | null
  kind: PriceKind
  quantity: number
  config: Record<string, string | number>
  memberId: string | null
  price: {
    priceVersionId: string | null
    tierKey: string | null
    monthlyCents: number | null
    setupCents: number | null
    hourlyCents: number | null
    vatPercent: number | null
  }
  terms: {
    noticeDays: number | null
    termEnd: TermEnd | null
    minimumTermMonths: number | null
    text: string
    hash: string | null
    acceptedAt: string | null
    acceptedBy: string | null
  }
  shareApplicationId: string | null
  replacesId: string | null
  source: BookingSource
  status: BookingStatus
  requestedAt: string
  requestedBy: string
  startsOn: PlainDate
  decidedAt: string | null
  decidedBy: string | null
  rejectionReason: string | null
  cancelledAt: string | null
  cancelledBy: string | null
  cancelReason: string | null
  endsOn: PlainDate | null
  note: string
}

function json<T>(value: unknown, fallback: T): T {
  if (value === null || value === undefined) return fallback
  return (typeof value === 'string' ? JSON.parse(value) : value) as T
}

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString())
const numberOrNull = (value: number | string | null) => (value === null ? null : Number(value))

export function toBooking(row: BookingRow): Booking {
  const requester = json<Partial<Requester>>(row.requester, {})
  return {
    id: row.id,
    ref: row.ref,
    organisationId: row.organisation_id,
    requester: requester.email ? (requester as Requester) : null,
    areaId: row.area_id,
    serviceId: row.service_id,
    kind: row.kind,
    quantity: row.quantity,
    config: json<Record<string, string | number>>(row.config, {}),
    memberId: row.member_id,
    price: {
      priceVersionId: row.price_version_id,
      tierKey: row.tier_key,
      monthlyCents: numberOrNull(row.monthly_cents),
      setupCents: numberOrNull(row.setup_cents),
      hourlyCents: numberOrNull(row.hourly_cents),
      vatPercent: numberOrNull(row.vat_percent),
    },
    terms: {
      noticeDays: row.notice_days,
      termEnd: row.term_end,
      minimumTermMonths: row.minimum_term_months,
      text: row.terms_text,
      hash: row.terms_hash,
      acceptedAt: iso(row.terms_accepted_at),
      acceptedBy: row.terms_accepted_by,
    },
    shareApplicationId: row.share_application_id,
    replacesId: row.replaces_id,
    source: row.source,
    status: row.status,
    requestedAt: new Date(row.requested_at).toISOString(),
    requestedBy: row.requested_by,
    startsOn: row.starts_on,
    decidedAt: iso(row.decided_at),
    decidedBy: row.decided_by,
    rejectionReason: row.rejection_reason,
    cancelledAt: iso(row.cancelled_at),
    cancelledBy: row.cancelled_by,
    cancelReason: row.cancel_reason,
    endsOn: row.ends_on,
    note: row.note,
  }
}
