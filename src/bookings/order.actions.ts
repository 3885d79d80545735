import { pick, type StoredPriceVersion } from '../catalog/catalog.model.ts'
import { type AgreedPrice, agreedPrice, type Terms, withVat } from '../catalog/pricing.rules.ts'
import type { Executor, Trx } from '../db/db.ts'
import type { RequestContext } from '../members/declarations.ts'
import { declareExtraShares } from '../members/share-declarations.actions.ts'
import type { Actor } from '../platform/actor.ts'
import { audit } from '../platform/audit.ts'
import type { ActionEnv } from '../platform/context.ts'
import { sha256 } from '../platform/crypto.ts'
import { type PlainDate, todayIn } from '../platform/dates.ts'
import { DomainError, type FieldIssue, fieldError } from '../platform/errors.ts'
import { formatDate, type Language } from '../platform/i18n.ts'
import { bookingMailText, termsText } from './bookings.mails.ts'
import { type Booking, toBooking } from './bookings.model.ts'
import { authorizeOrder } from './bookings.policy.ts'
import {
  agreedAreaBookingOn,
  insertBooking,
  lockOrganisationRow,
  membershipOn,
  nextBookingRef,
  organisationRow,
  overlappingBookings,
} from './bookings.repo.ts'
import { checkConfig, orderProblems } from './bookings.rules.ts'
import type { OrderInput, RecordInput } from './bookings.schema.ts'
import { type OrderItem, orderItem, priceOn } from './catalog-items.ts'
import { notifyOrganisation } from './notify.ts'
import { type SharesForArea, sharesForArea } from './shares.ts'

/** What an order would agree to, as the order page shows it before it is placed and the action stores it. */
export interface OrderAssessment {
  item: OrderItem
  organisation: { id: string; name: string }
  isMember: boolean
  memberId: string | null
  version: StoredPriceVersion | null
  price:
    | (AgreedPrice & { monthly: ReturnType<typeof withVat> | null; hourly: ReturnType<typeof withVat> | null })
    | null
  terms: Terms
  termsText: string
  config: Record<string, string | number>
  /** Only for a member's primary area: the shares it needs, and how many a §15b declaration must add. */
  shares: SharesForArea | null
  issues: FieldIssue[]
}

/** An error that rewraps the field issues a nested action reported under the order form's field names. */
function renamed(error: unknown, from: string, to: string): unknown {
  if (!(error instanceof DomainError) || error.code !== 'validation') return error
  return new DomainError(
    'validation',
    error.detail,
    error.fields.map((f) => (f.path === from ? { ...f, path: to } : f)),
  )
}

/**
 * Weighs an order against the catalog, the organisation's membership, its bookings and its shares on the start
 * date (bookings.rules: orderProblems, checkConfig); reads only, so the order page can show the same figures the
 * action will store.
 */
export async function assessOrder(
  db: Executor,
  input: Pick<
    OrderInput,
    'organisationId' | 'areaKey' | 'serviceKey' | 'quantity' | 'startsOn' | 'description' | 'config'
  > & {
    acceptTerms: boolean
  },
  today: PlainDate,
  lang: Language,
  options: { record?: boolean } = {},
): Promise<OrderAssessment> {
  const organisation = await organisationRow(db, input.organisationId)
  if (!organisation || organisation.archived_at) throw fieldError('organisationId', 'order_organisation_unknown')
  const item = await orderItem(db, input.areaKey, input.serviceKey)
  const membership = await membershipOn(db, organisation.id, input.startsOn)
  const version = priceOn(item, input.startsOn) ?? null
  const overlapping =
    item.kind === 'hourly'
      ? []
      : await overlappingBookings(
          db,
          { organisationId: organisation.id, areaId: item.area.id, serviceId: item.service?.id ?? null },
          { from: input.startsOn, until: null },
        )
  const areaBooked =
    item.kind === 'addon' ? Boolean(await agreedAreaBookingOn(db, organisation.id, item.area.id, input.startsOn)) : true
  const checked =
    item.kind === 'flat_rate' ? checkConfig(item.area.configFields, input.config) : { config: {}, issues: [] }
  const issues = [
    ...orderProblems({
      kind: item.kind,
      areaKind: item.area.kind,
      areaStatus: item.area.status,
      serviceStatus: item.service?.status ?? null,
      itemPath: item.service ? 'serviceKey' : 'areaKey',
      isMember: membership !== undefined,
      hasPrice: version !== null,
      overlapping: overlapping.length > 0,
      areaBooked,
      startsOn: input.startsOn,
      // a contract moved into Allmende may have started before
      today: options.record ? input.startsOn : today,
      quantity: input.quantity,
      description: options.record ? '-' : input.description,
      termsAccepted: options.record ? true : input.acceptTerms,
    }),
    ...checked.issues,
  ]
  const size = {
    employees: organisation.employees,
    volunteers: organisation.volunteers,
    annualBudgetCents: Number(organisation.annual_budget_cents),
  }
  const price =
    version && (item.kind !== 'flat_rate' || input.quantity === 1)
      ? agreedPrice(version, { size, quantity: Math.max(1, input.quantity), isMember: membership !== undefined })
      : null
  const shares =
    membership && item.kind === 'flat_rate' && item.area.kind === 'primary'
      ? await sharesForArea(db, membership.id, organisation.id, item.area.key, input.startsOn)
      : null
  return {
    item,
    organisation: { id: organisation.id, name: organisation.name },
    isMember: membership !== undefined,
    memberId: membership?.id ?? null,
    version,
    price: price
      ? {
          ...price,
          monthly: price.monthlyCents === null ? null : withVat(price.monthlyCents, price.vatPercent),
          hourly: price.hourlyCents === null ? null : withVat(price.hourlyCents, price.vatPercent),
        }
      : null,
    terms: item.area.terms,
    termsText: termsText(lang, item.area.terms, pick(item.area.termsText, lang)),
    config: checked.config,
    shares,
    issues,
  }
}

function priceColumns(price: AgreedPrice) {
  return {
    price_version_id: price.priceVersionId,
    tier_key: price.tierKey,
    monthly_cents: price.monthlyCents,
    setup_cents: price.setupCents,
    hourly_cents: price.hourlyCents,
    vat_percent: price.vatPercent,
  }
}

/** Inserts a booking; the database's no-overlap trigger backs up the rule, reported at the item's field. */
async function insertChecked(trx: Trx, values: Parameters<typeof insertBooking>[1], itemPath: string) {
  try {
    return await insertBooking(trx, values)
  } catch (error) {
    if ((error as { code?: string }).code === '23P01') throw fieldError(itemPath, 'area_already_booked')
    throw error
  }
}

/**
 * An organisation orders an area's flat rate, an add-on or hourly work (booking.order: its admins and legal
 * representatives, or staff for it). The organisation row is locked, so two orders of one organisation are
 * serialised and the second sees the first. The price of the version holding on the start date and the terms are
 * stored with the order as agreed (terms text and its sha256, who accepted when). When a member's new primary area
 * needs more mandatory shares than it holds or has declared, the order carries the §15b declaration of exactly
 * the missing shares (declareExtraShares) and is confirmed only once the board admitted them.
 */
export async function placeOrder(
  trx: Trx,
  actor: Actor,
  input: OrderInput,
  context: RequestContext,
  env: ActionEnv,
): Promise<{ booking: Booking; shareApplication: { id: string; ref: string } | null }> {
  authorizeOrder(actor, input.organisationId)
  if (!(await lockOrganisationRow(trx, input.organisationId))) throw new DomainError('not_found')
  const now = env.clock.now()
  const today = todayIn(now)
  const assessed = await assessOrder(trx, input, today, context.lang)
  const issues = [...assessed.issues]
  const missing = assessed.shares?.missing ?? 0
  if (missing > 0 && !input.declareShares) issues.push({ path: 'declareShares', message: 'shares_consent_required' })
  if (issues.length > 0 || !assessed.price) throw new DomainError('validation', 'order', issues)
  let shareApplication: { id: string; ref: string } | null = null
  if (missing > 0 && assessed.memberId) {
    try {
      const declared = await declareExtraShares(trx, actor, assessed.memberId, missing, context, env, {
        mandatoryShares: missing,
      })
      shareApplication = { id: declared.application.id, ref: declared.application.ref }
    } catch (error) {
      if (error instanceof DomainError && error.code === 'forbidden')
        throw fieldError('declareShares', 'shares_declared_by_member')
      throw renamed(error, 'shares', 'declareShares')
    }
  }
  const { item } = assessed
  const row = await insertChecked(
    trx,
    {
      ref: await nextBookingRef(trx, Number(today.slice(0, 4))),
      organisation_id: assessed.organisation.id,
      area_id: item.area.id,
      service_id: item.service?.id ?? null,
      kind: item.kind,
      quantity: item.kind === 'flat_rate' ? 1 : input.quantity,
      config: JSON.stringify(assessed.config),
      member_id: assessed.memberId,
      ...priceColumns(assessed.price),
      notice_days: assessed.terms.noticeDays,
      term_end: assessed.terms.termEnd,
      minimum_term_months: assessed.terms.minimumTermMonths,
      terms_text: assessed.termsText,
      terms_hash: sha256(assessed.termsText),
      terms_accepted_at: now,
      terms_accepted_by: actor.label,
      share_application_id: shareApplication?.id ?? null,
      source: 'order',
      status: 'requested',
      requested_at: now,
      requested_by: actor.label,
      starts_on: input.startsOn,
      note: input.description,
    },
    item.service ? 'serviceKey' : 'areaKey',
  )
  const booking = toBooking(row)
  await audit(
    trx,
    actor,
    {
      action: 'booking.ordered',
      subjectType: 'booking',
      subjectId: booking.id,
      organisationId: booking.organisationId,
      after: {
        ref: booking.ref,
        area: item.area.key,
        service: item.service?.key ?? null,
        quantity: booking.quantity,
        startsOn: booking.startsOn,
        price: booking.price,
        termsHash: booking.terms.hash,
        shareApplication: shareApplication?.ref ?? null,
      },
    },
    env.clock,
  )
  await notifyOrganisation(
    trx,
    'ordered',
    booking,
    item,
    (lang) => ({
      date: formatDate(booking.startsOn, lang),
      shares: shareApplication
        ? bookingMailText(lang, 'ordered_shares', {
            organisation: assessed.organisation.name,
            shares: missing,
            application: shareApplication.ref,
          })
        : '',
    }),
    env,
  )
  return { booking, shareApplication }
}

/**
 * Staff or the board record a contract that already exists for an organisation (moved into Allmende, or agreed
 * outside the portal): source 'staff', confirmed at once, priced by the version holding on its start (which may
 * lie in the past). A member must already hold the mandatory shares the area needs then (otherwise it declares
 * them first, §15b GenG).
 */
export async function recordBooking(trx: Trx, actor: Actor, input: RecordInput, env: ActionEnv): Promise<Booking> {
  if (actor.kind === 'anonymous') throw new DomainError('unauthenticated')
  if (!actor.roles.has('staff') && !actor.roles.has('board')) throw new DomainError('forbidden', 'booking.decide')
  authorizeOrder(actor, input.organisationId)
  if (!(await lockOrganisationRow(trx, input.organisationId))) throw new DomainError('not_found')
  const now = env.clock.now()
  const today = todayIn(now)
  const assessed = await assessOrder(trx, { ...input, description: '', acceptTerms: true }, today, actor.language, {
    record: true,
  })
  if (assessed.issues.length > 0 || !assessed.price) throw new DomainError('validation', 'record', assessed.issues)
  if (assessed.shares && assessed.shares.mandatoryWithArea > assessed.shares.held)
    throw new DomainError('shares_missing', `${assessed.shares.mandatoryWithArea - assessed.shares.held} shares`)
  const { item } = assessed
  const row = await insertChecked(
    trx,
    {
      ref: await nextBookingRef(trx, Number(input.startsOn.slice(0, 4))),
      organisation_id: assessed.organisation.id,
      area_id: item.area.id,
      service_id: item.service?.id ?? null,
      kind: item.kind,
      quantity: item.kind === 'flat_rate' ? 1 : input.quantity,
      config: JSON.stringify(assessed.config),
      member_id: assessed.memberId,
      ...priceColumns(assessed.price),
      notice_days: assessed.terms.noticeDays,
      term_end: assessed.terms.termEnd,
      minimum_term_months: assessed.terms.minimumTermMonths,
      terms_text: assessed.termsText,
      terms_hash: sha256(assessed.termsText),
      source: 'staff',
      status: 'confirmed',
      requested_at: now,
      requested_by: actor.label,
      decided_at: now,
      decided_by: actor.label,
      starts_on: input.startsOn,
      note: input.note,
    },
    item.service ? 'serviceKey' : 'areaKey',
  )
  const booking = toBooking(row)
  await audit(
    trx,
    actor,
    {
      action: 'booking.recorded',
      subjectType: 'booking',
      subjectId: booking.id,
      organisationId: booking.organisationId,
      after: {
        ref: booking.ref,
        area: item.area.key,
        service: item.service?.key ?? null,
        quantity: booking.quantity,
        startsOn: booking.startsOn,
        price: booking.price,
      },
      reason: input.note || null,
    },
    env.clock,
  )
  return booking
}
