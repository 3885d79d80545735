import { createRoute, z } from '@hono/zod-openapi'
import type { Booking } from '../bookings/bookings.model.ts'
import { bookingState } from '../bookings/bookings.rules.ts'
import {
  cancelInput,
  changeInput,
  confirmInput,
  confirmRequestInput,
  orderInput,
  recordInput,
  rejectInput,
  requestInput,
} from '../bookings/bookings.schema.ts'
import { confirmBooking, rejectBooking } from '../bookings/decide.actions.ts'
import { cancelBooking, cancellationPreview, requestChange, withdrawBooking } from '../bookings/lifecycle.actions.ts'
import { placeOrder, recordBooking } from '../bookings/order.actions.ts'
import { bookingDetail, listBookings, stateFilters } from '../bookings/read.actions.ts'
import { confirmRequest, requestByToken, submitRequest, withdrawRequest } from '../bookings/request.actions.ts'
import { bookingSources, bookingStatuses, priceKinds, termEnds } from '../db/schema-catalog.ts'
import { todayIn } from '../platform/dates.ts'
import { clientIp } from '../web/client.ts'
import { apiApp, bodyProblems, idParams, jsonBody, jsonResponse, problems, security, write } from './api.shared.ts'
import { optionalToken } from './public-routes.ts'

/** Orders and bookings: what organisations book, staff decisions, cancellations and changes, public requests. */
export const bookingsApi = apiApp()

const tags = ['Bookings']
const date = z.string().openapi({ format: 'date' })
const states = ['requested', 'confirmed', 'active', 'cancelled', 'ended', 'rejected', 'withdrawn'] as const

const bookingOutput = z
  .object({
    id: z.string().uuid(),
    ref: z.string().openapi({ example: 'BU-2026-00001' }),
    organisationId: z.string().uuid().nullable(),
    areaId: z.string().uuid(),
    serviceId: z.string().uuid().nullable(),
    kind: z.enum(priceKinds),
    quantity: z.number().int(),
    config: z.record(z.string(), z.union([z.string(), z.number()])),
    memberId: z.string().uuid().nullable(),
    price: z.object({
      priceVersionId: z.string().uuid().nullable(),
      tierKey: z.string().nullable(),
      monthlyCents: z.number().int().nullable(),
      setupCents: z.number().int().nullable(),
      hourlyCents: z.number().int().nullable(),
      vatPercent: z.number().nullable(),
    }),
    terms: z.object({
      noticeDays: z.number().int().nullable(),
      termEnd: z.enum(termEnds).nullable(),
      minimumTermMonths: z.number().int().nullable(),
      text: z.string(),
      hash: z.string().nullable().openapi({ description: 'sha256 of the terms text as accepted' }),
      acceptedAt: z.string().nullable(),
      acceptedBy: z.string().nullable(),
    }),
    shareApplicationId: z.string().uuid().nullable().openapi({ description: 'The §15b declaration the order carries' }),
    replacesId: z.string().uuid().nullable(),
    source: z.enum(bookingSources),
    status: z.enum(bookingStatuses),
    state: z.enum(states).openapi({ description: 'The state today (bookings.rules: bookingState)' }),
    requestedAt: z.string(),
    requestedBy: z.string(),
    startsOn: date,
    decidedAt: z.string().nullable(),
    decidedBy: z.string().nullable(),
    rejectionReason: z.string().nullable(),
    cancelledAt: z.string().nullable(),
    cancelReason: z.string().nullable(),
    endsOn: date.nullable(),
    note: z.string(),
  })
  .openapi('Booking')

type BookingView = z.infer<typeof bookingOutput>

function view(booking: Booking & { state?: BookingView['state'] }, state: BookingView['state']): BookingView {
  const { requester: _requester, cancelledBy: _by, ...rest } = booking
  return { ...rest, state: booking.state ?? state }
}

/** The state of a booking just written, for the answer. */
function stateOf(c: Parameters<typeof write>[0], booking: Booking): BookingView['state'] {
  return bookingState(booking, todayIn(c.get('deps').clock.now()))
}

bookingsApi.openapi(
  createRoute({
    method: 'get',
    path: '/bookings',
    operationId: 'listBookings',
    tags,
    security,
    summary:
      "Bookings the token may see: every one for the cooperative's readers, else its organisations' (booking.read)",
    request: {
      query: z.object({
        organisationId: z.string().uuid().optional(),
        state: z
          .enum(stateFilters)
          .optional()
          .openapi({ description: 'open: requested, confirmed, active or cancelled' }),
      }),
    },
    responses: {
      200: jsonResponse(
        z.object({ items: z.array(bookingOutput) }).openapi('BookingList'),
        'The bookings, newest first',
      ),
      ...problems(403, 422),
    },
  }),
  async (c) => {
    const { organisationId, state } = c.req.valid('query')
    const items = await listBookings(c.get('deps').db, c.get('actor'), {
      organisationId: organisationId?.toLowerCase(),
      state,
      today: todayIn(c.get('deps').clock.now()),
    })
    return c.json({ items: items.map((b) => view(b, b.state)) }, 200)
  },
)

const detailOutput = z
  .object({
    booking: bookingOutput,
    history: z.array(
      z.object({ at: z.string(), actor: z.string(), action: z.string(), reason: z.string().nullable() }),
    ),
    upcomingPrices: z.array(z.object({ id: z.string().uuid(), validFrom: date, validUntil: date.nullable() })),
    notices: z.array(
      z.object({
        priceVersionId: z.string().uuid(),
        validFrom: date,
        recipients: z.array(z.string()),
        notifiedAt: z.string(),
      }),
    ),
    shareApplication: z
      .object({ id: z.string().uuid(), ref: z.string(), status: z.string(), shares: z.number().int() })
      .nullable(),
    sharesOffer: z
      .object({ memberId: z.string().uuid(), shares: z.number().int(), effectiveOn: date })
      .nullable()
      .openapi({
        description: 'After a primary area’s cancellation: shares a §67b notice may terminate (never automatic)',
      }),
  })
  .openapi('BookingDetail')

bookingsApi.openapi(
  createRoute({
    method: 'get',
    path: '/bookings/{id}',
    operationId: 'getBooking',
    tags,
    security,
    summary: 'One booking: agreed price and terms, state, history, announced price changes, the §15b declaration',
    request: { params: idParams },
    responses: { 200: jsonResponse(detailOutput, 'The booking'), ...problems(403, 404, 422) },
  }),
  async (c) => {
    const { id } = c.req.valid('param')
    const d = await bookingDetail(c.get('deps').db, c.get('actor'), id, c.get('deps'))
    return c.json(
      {
        booking: view(d.booking, d.state),
        history: d.history,
        upcomingPrices: d.upcomingPrices.map((v) => ({ id: v.id, validFrom: v.validFrom, validUntil: v.validUntil })),
        notices: d.notices,
        shareApplication: d.shareApplication,
        sharesOffer: d.sharesOffer
          ? { memberId: d.sharesOffer.memberId, shares: d.sharesOffer.shares, effectiveOn: d.sharesOffer.effectiveOn }
          : null,
      },
      200,
    )
  },
)

bookingsApi.openapi(
  createRoute({
    method: 'post',
    path: '/orders',
    operationId: 'placeOrder',
    tags,
    security,
    summary:
      "Order an area's flat rate, an add-on or hourly work for an organisation (its admins and legal representatives, " +
      'or staff); a member lacking mandatory shares for a primary area declares them with the order (§15b GenG)',
    request: { body: jsonBody(orderInput) },
    responses: {
      201: jsonResponse(
        z
          .object({
            booking: bookingOutput,
            shareApplication: z.object({ id: z.string().uuid(), ref: z.string() }).nullable(),
          })
          .openapi('OrderResult'),
        'The order, requested',
      ),
      ...problems(403, 404, 409, ...bodyProblems),
    },
  }),
  async (c) => {
    const input = c.req.valid('json')
    const context = { ip: clientIp(c), userAgent: c.req.header('user-agent') ?? null, lang: c.get('lang') }
    const result = await write(c, (trx, actor, deps) => placeOrder(trx, actor, input, context, deps))
    return c.json({ booking: view(result.booking, 'requested'), shareApplication: result.shareApplication }, 201)
  },
)

bookingsApi.openapi(
  createRoute({
    method: 'post',
    path: '/bookings',
    operationId: 'recordBooking',
    tags,
    security,
    summary: 'Staff or the board record a contract that already runs (moved into Allmende): confirmed at once',
    request: { body: jsonBody(recordInput) },
    responses: { 201: jsonResponse(bookingOutput, 'The booking'), ...problems(403, 404, 409, ...bodyProblems) },
  }),
  async (c) => {
    const input = c.req.valid('json')
    const booking = await write(c, (trx, actor, deps) => recordBooking(trx, actor, input, deps))
    return c.json(view(booking, stateOf(c, booking)), 201)
  },
)

function transition<S extends z.ZodType>(
  path: string,
  operationId: string,
  summary: string,
  body: S | null,
  run: (
    ...args: [
      Parameters<Parameters<typeof write>[1]>[0],
      Parameters<Parameters<typeof write>[1]>[1],
      string,
      z.output<S>,
      Parameters<Parameters<typeof write>[1]>[2],
    ]
  ) => Promise<Booking>,
) {
  bookingsApi.openapi(
    createRoute({
      method: 'post',
      path,
      operationId,
      tags,
      security,
      summary,
      request: body ? { params: idParams, body: jsonBody(body) } : { params: idParams },
      responses: { 200: jsonResponse(bookingOutput, 'The booking'), ...problems(403, 404, 409, ...bodyProblems) },
    }),
    async (c) => {
      // one definition for five routes: the request's shape differs by route, so it is read untyped here
      const request = c.req as unknown as { valid(target: 'param' | 'json'): unknown }
      const { id } = request.valid('param') as { id: string }
      const data = (body ? request.valid('json') : {}) as z.output<S>
      const booking = await write(c, (trx, actor, deps) => run(trx, actor, id, data, deps))
      return c.json(view(booking, stateOf(c, booking)), 200)
    },
  )
}

const confirmBody = confirmInput
  .extend({ organisationId: confirmRequestInput.shape.organisationId })
  .openapi('ConfirmInput')

transition(
  '/bookings/{id}/confirm',
  'confirmBooking',
  'Staff confirm an order with its start (re-priced when another version holds then); a public request needs ' +
    '`organisationId` (empty: a new organisation is created from it and its contact invited as admin)',
  confirmBody,
  async (trx, actor, id, data, deps) => {
    const row = await trx.selectFrom('booking').select('organisation_id').where('id', '=', id).executeTakeFirst()
    if (row && row.organisation_id === null)
      return confirmRequest(trx, actor, id, { startsOn: data.startsOn, organisationId: data.organisationId }, deps)
    return confirmBooking(trx, actor, id, { startsOn: data.startsOn }, deps)
  },
)
transition(
  '/bookings/{id}/reject',
  'rejectBooking',
  'Staff reject an order with a reason',
  rejectInput,
  (trx, actor, id, data, deps) => rejectBooking(trx, actor, id, data, deps),
)
transition(
  '/bookings/{id}/withdraw',
  'withdrawBooking',
  'The organisation withdraws an order staff have not decided',
  null,
  (trx, actor, id, _d, deps) => withdrawBooking(trx, actor, id, deps),
)
transition(
  '/bookings/{id}/cancel',
  'cancelBooking',
  'Cancel a confirmed or running booking to one of the end dates of its cancellation preview',
  cancelInput,
  async (trx, actor, id, data, deps) => (await cancelBooking(trx, actor, id, data, deps)).booking,
)
transition(
  '/bookings/{id}/changes',
  'requestChange',
  "Request a change (an add-on's quantity, an area's configuration) as a booking replacing this one from a date the terms allow",
  changeInput,
  (trx, actor, id, data, deps) => requestChange(trx, actor, id, data, deps),
)

bookingsApi.openapi(
  createRoute({
    method: 'get',
    path: '/bookings/{id}/cancellation-preview',
    operationId: 'getCancellationPreview',
    tags,
    security,
    summary: 'The end dates a cancellation given today may choose from, the earliest first, under the agreed terms',
    request: { params: idParams },
    responses: {
      200: jsonResponse(
        z
          .object({
            terms: z.object({
              noticeDays: z.number().int(),
              termEnd: z.enum(termEnds),
              minimumTermMonths: z.number().int(),
            }),
            endDates: z.array(date),
            beforeStart: z.boolean(),
          })
          .openapi('CancellationPreview'),
        'The possible end dates',
      ),
      ...problems(403, 404, 409, 422),
    },
  }),
  async (c) => {
    const { id } = c.req.valid('param')
    return c.json(await cancellationPreview(c.get('deps').db, c.get('actor'), id, c.get('deps')), 200)
  },
)

// --- public requests of non-members ------------------------------------------------------------------------------

const trackingParams = z.object({
  token: z
    .string()
    .regex(/^[\w-]{20,100}$/)
    .openapi({ param: { name: 'token', in: 'path' }, description: 'The tracking token from the request' }),
})

const requestStatusOutput = z
  .object({
    ref: z.string(),
    status: z.enum(bookingStatuses),
    itemName: z.object({ de: z.string(), en: z.string() }),
    hours: z.number().int(),
    hourlyCents: z.number().int().nullable(),
    vatPercent: z.number().nullable(),
    requestedAt: z.string(),
    startsOn: date,
    decidedAt: z.string().nullable(),
    rejectionReason: z.string().nullable(),
    organisationName: z.string(),
  })
  .openapi('OrderRequestStatus')

bookingsApi.openapi(
  createRoute({
    method: 'post',
    path: '/order-requests',
    operationId: 'submitOrderRequest',
    tags,
    security: optionalToken,
    summary:
      'A non-member asks for hourly work (consulting, training) without an account, at the non-member rate; ' +
      'rate-limited like the join form; returns the secret tracking token',
    request: { body: jsonBody(requestInput) },
    responses: {
      201: jsonResponse(
        z.object({ ref: z.string(), trackingToken: z.string() }).openapi('OrderRequestSubmitted'),
        'The request',
      ),
      ...problems(...bodyProblems),
    },
  }),
  async (c) => {
    const input = c.req.valid('json')
    const context = { ip: clientIp(c), userAgent: c.req.header('user-agent') ?? null, lang: c.get('lang') }
    const result = await write(c, (trx, _actor, deps) => submitRequest(trx, input, context, deps))
    return c.json({ ref: result.booking.ref, trackingToken: result.trackingToken }, 201)
  },
)

bookingsApi.openapi(
  createRoute({
    method: 'get',
    path: '/order-requests/tracking/{token}',
    operationId: 'trackOrderRequest',
    tags,
    security: optionalToken,
    summary: 'The requester follows the request with the tracking token (no account needed)',
    request: { params: trackingParams },
    responses: { 200: jsonResponse(requestStatusOutput, 'The request'), ...problems(404, 422) },
  }),
  async (c) => {
    const { token } = c.req.valid('param')
    return c.json(await requestByToken(c.get('deps').db, token), 200)
  },
)

bookingsApi.openapi(
  createRoute({
    method: 'post',
    path: '/order-requests/tracking/{token}/withdraw',
    operationId: 'withdrawOrderRequest',
    tags,
    security: optionalToken,
    summary: 'The requester withdraws a request staff have not decided',
    request: { params: trackingParams },
    responses: { 200: jsonResponse(requestStatusOutput, 'The withdrawn request'), ...problems(404, 409, 422) },
  }),
  async (c) => {
    const { token } = c.req.valid('param')
    return c.json(await write(c, (trx, _actor, deps) => withdrawRequest(trx, token, deps)), 200)
  },
)
