import { sql } from 'kysely'
import { findServiceByKey } from '../catalog/catalog.repo.ts'
import type { Executor, Trx } from '../db/db.ts'
import { cooperativeInfo } from '../members/cooperative.ts'
import type { RequestContext } from '../members/declarations.ts'
import { publicApplicationLimit } from '../members/joining.rules.ts'
import { createOrganisation } from '../organisations/organisations.actions.ts'
import { organisationInput } from '../organisations/organisations.schema.ts'
import { invitePerson } from '../people/affiliations.actions.ts'
import type { Actor } from '../platform/actor.ts'
import { audit } from '../platform/audit.ts'
import type { ActionEnv } from '../platform/context.ts'
import { randomToken, sha256 } from '../platform/crypto.ts'
import { compareDates, type PlainDate, todayIn } from '../platform/dates.ts'
import { DomainError, fieldError } from '../platform/errors.ts'
import { formatDate, formatEuro } from '../platform/i18n.ts'
import { enqueueMail } from '../platform/mail.ts'
import { bookingMail } from './bookings.mails.ts'
import { type Booking, type Requester, toBooking } from './bookings.model.ts'
import {
  findBookingByToken,
  insertBooking,
  lockOrganisationRow,
  membershipOn,
  nextBookingRef,
  updateBooking,
} from './bookings.repo.ts'
import type { RequestInput } from './bookings.schema.ts'
import { itemOfBooking, type OrderItem, orderItem, priceOn } from './catalog-items.ts'
import { lockForDecision, priceForStart } from './decide.actions.ts'
import { itemName, notifyOrganisation } from './notify.ts'

/** Who asks through the public form, as the journal names them. */
function requesterActor(email: string): Actor {
  return {
    kind: 'anonymous',
    accountId: null,
    personId: null,
    label: `requester:${email}`,
    roles: new Set(),
    orgs: new Map(),
    scopes: null,
    language: 'de',
  }
}

/** Refuses more public requests from one address or one email within the hour than the join form allows. */
async function checkRequestLimit(trx: Trx, email: string, ip: string | null, now: Date): Promise<void> {
  const since = new Date(now.getTime() - publicApplicationLimit.windowMinutes * 60_000)
  const count = async (key: 'email' | 'ipHash', value: string) =>
    Number(
      (
        await trx
          .selectFrom('booking')
          .select(sql<number>`count(*)::int8`.as('n'))
          .where('source', '=', 'request')
          .where(sql`lower(requester->>${key})`, '=', value)
          .where('requested_at', '>=', since)
          .executeTakeFirstOrThrow()
      ).n,
    )
  const tooMany =
    (ip !== null && (await count('ipHash', sha256(ip))) >= publicApplicationLimit.perAddress) ||
    (await count('email', email.toLowerCase())) >= publicApplicationLimit.perEmail
  if (tooMany)
    throw new DomainError('rate_limited', 'public requests', [{ path: 'email', message: 'too_many_requests' }])
}

/**
 * A non-member asks for hourly work (consulting, training) without an account: stored as a booking without an
 * organisation (requester, source 'request', status requested) priced at the non-member rate holding today, with
 * a secret tracking link mailed to the requester. Only hourly services of secondary areas can be asked for;
 * rate-limited per address and email like the join form. The address is kept only as a hash, for the limit.
 */
export async function submitRequest(
  trx: Trx,
  input: RequestInput,
  context: RequestContext,
  env: ActionEnv,
): Promise<{ booking: Booking; trackingToken: string }> {
  const now = env.clock.now()
  const today = todayIn(now)
  await checkRequestLimit(trx, input.email, context.ip, now)
  const service = await findServiceByKey(trx, input.serviceKey)
  if (!service) throw fieldError('serviceKey', 'service_unknown')
  const area = await trx
    .selectFrom('service_area')
    .select('key')
    .where('id', '=', service.area_id)
    .executeTakeFirstOrThrow()
  const item = await orderItem(trx, area.key, input.serviceKey)
  if (item.kind !== 'hourly' || item.area.kind !== 'secondary') throw fieldError('serviceKey', 'primary_members_only')
  if (item.area.status !== 'orderable' || item.service?.status !== 'orderable')
    throw fieldError('serviceKey', 'not_orderable')
  const version = priceOn(item, today)
  if (!version || version.hourlyNonMemberCents === null) throw fieldError('serviceKey', 'no_price_yet')
  const requester: Requester & { ipHash: string | null } = {
    organisationName: input.organisationName,
    givenName: input.givenName,
    familyName: input.familyName,
    email: input.email,
    phone: input.phone,
    message: input.message,
    language: context.lang,
    consentAt: now.toISOString(),
    ipHash: context.ip ? sha256(context.ip) : null,
  }
  const trackingToken = randomToken()
  const row = await insertBooking(trx, {
    ref: await nextBookingRef(trx, Number(today.slice(0, 4))),
    organisation_id: null,
    requester: JSON.stringify(requester),
    area_id: item.area.id,
    service_id: item.service.id,
    kind: 'hourly',
    quantity: input.quantity,
    price_version_id: version.id,
    setup_cents: 0,
    hourly_cents: version.hourlyNonMemberCents,
    vat_percent: version.vatPercent,
    notice_days: item.area.terms.noticeDays,
    term_end: item.area.terms.termEnd,
    minimum_term_months: item.area.terms.minimumTermMonths,
    source: 'request',
    status: 'requested',
    requested_at: now,
    requested_by: `requester:${input.email}`,
    starts_on: today,
    tracking_token_hash: sha256(trackingToken),
    note: input.message,
  })
  const booking = toBooking(row)
  await audit(
    trx,
    requesterActor(input.email),
    {
      action: 'booking.requested',
      subjectType: 'booking',
      subjectId: booking.id,
      after: {
        ref: booking.ref,
        service: item.service.key,
        hours: input.quantity,
        organisation: input.organisationName,
      },
    },
    env.clock,
  )
  const cooperative = await cooperativeInfo(trx)
  await enqueueMail(
    trx,
    bookingMail('request', context.lang, input.email, {
      name: `${input.givenName} ${input.familyName}`,
      ref: booking.ref,
      item: itemName(item, context.lang),
      hours: input.quantity,
      rate: formatEuro(version.hourlyNonMemberCents, context.lang),
      cooperative: cooperative.name,
      link: `${env.config.baseUrl}/orders/status/${trackingToken}`,
    }),
  )
  return { booking, trackingToken }
}

/** The requester's view through the secret link. */
export interface RequestStatus {
  ref: string
  status: Booking['status']
  itemName: { de: string; en: string }
  hours: number
  hourlyCents: number | null
  vatPercent: number | null
  requestedAt: string
  startsOn: PlainDate
  decidedAt: string | null
  rejectionReason: string | null
  organisationName: string
}

function statusOf(booking: Booking, item: OrderItem): RequestStatus {
  return {
    ref: booking.ref,
    status: booking.status,
    itemName: { de: itemName(item, 'de'), en: itemName(item, 'en') },
    hours: booking.quantity,
    hourlyCents: booking.price.hourlyCents,
    vatPercent: booking.price.vatPercent,
    requestedAt: booking.requestedAt,
    startsOn: booking.startsOn,
    decidedAt: booking.decidedAt,
    rejectionReason: booking.rejectionReason,
    organisationName: booking.requester?.organisationName ?? '',
  }
}

export async function requestByToken(db: Executor, token: string): Promise<RequestStatus> {
  const row = await findBookingByToken(db, sha256(token))
  if (row?.source !== 'request') throw new DomainError('not_found')
  return statusOf(toBooking(row), await itemOfBooking(db, row))
}

/** The requester withdraws a request staff have not decided yet. */
export async function withdrawRequest(trx: Trx, token: string, env: ActionEnv): Promise<RequestStatus> {
  const found = await findBookingByToken(trx, sha256(token))
  if (found?.source !== 'request') throw new DomainError('not_found')
  const row = await trx
    .selectFrom('booking')
    .selectAll()
    .where('id', '=', found.id)
    .forUpdate()
    .executeTakeFirstOrThrow()
  if (row.status !== 'requested') throw new DomainError('booking_state', row.status)
  const booking = toBooking(await updateBooking(trx, row.id, { status: 'withdrawn' }))
  await audit(
    trx,
    requesterActor(booking.requester?.email ?? 'unknown'),
    {
      action: 'booking.withdrawn',
      subjectType: 'booking',
      subjectId: booking.id,
      organisationId: booking.organisationId,
      before: { status: 'requested' },
      after: { status: 'withdrawn' },
    },
    env.clock,
  )
  return statusOf(booking, await itemOfBooking(trx, row))
}

/**
 * Staff confirm a public request for an organisation: one the cooperative already knows (linked), or a new one
 * created from the request whose contact is invited as its admin. The booking is then confirmed for it from the
 * start date, at the member's or (for a non-member) the non-member rate of the version holding then.
 */
export async function confirmRequest(
  trx: Trx,
  actor: Actor,
  id: string,
  input: { startsOn: PlainDate; organisationId: string | null },
  env: ActionEnv,
): Promise<Booking> {
  const now = env.clock.now()
  const today = todayIn(now)
  const { row, item } = await lockForDecision(trx, actor, id, today)
  const requester = toBooking(row).requester
  if (row.organisation_id || !requester) throw new DomainError('booking_state', 'not a public request')
  if (compareDates(input.startsOn, today) < 0) throw fieldError('startsOn', 'date_in_past')
  let organisationId = input.organisationId
  if (organisationId) {
    const organisation = await lockOrganisationRow(trx, organisationId)
    if (!organisation || organisation.archived_at) throw fieldError('organisationId', 'order_organisation_unknown')
  } else {
    const created = await createOrganisation(
      trx,
      actor,
      organisationInput.parse({
        name: requester.organisationName,
        legalForm: 'other',
        email: requester.email,
        phone: requester.phone,
      }),
      env,
    )
    organisationId = created.id
  }
  await invitePerson(
    trx,
    actor,
    organisationId,
    { email: requester.email, givenName: requester.givenName, familyName: requester.familyName, functions: ['admin'] },
    env,
  )
  const membership = await membershipOn(trx, organisationId, input.startsOn)
  const price = await priceForStart(
    trx,
    { ...row, price_version_id: null },
    item,
    organisationId,
    input.startsOn,
    membership !== undefined,
  )
  const booking = toBooking(
    await updateBooking(trx, id, {
      organisation_id: organisationId,
      member_id: membership?.id ?? null,
      status: 'confirmed',
      starts_on: input.startsOn,
      price_version_id: price.priceVersionId,
      tier_key: null,
      monthly_cents: null,
      setup_cents: 0,
      hourly_cents: price.hourlyCents,
      vat_percent: price.vatPercent,
      decided_at: now,
      decided_by: actor.label,
    }),
  )
  await audit(
    trx,
    actor,
    {
      action: 'booking.confirmed',
      subjectType: 'booking',
      subjectId: id,
      organisationId,
      before: { status: 'requested', organisationId: null },
      after: {
        status: 'confirmed',
        organisationId,
        startsOn: input.startsOn,
        price: booking.price,
        linked: Boolean(input.organisationId),
      },
    },
    env.clock,
  )
  // the requester is the new organisation's admin now: told with the organisation's contacts, in one mail
  await notifyOrganisation(trx, 'confirmed', booking, item, (l) => ({ date: formatDate(booking.startsOn, l) }), env)
  return booking
}
