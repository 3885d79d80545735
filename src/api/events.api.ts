import { createRoute, z } from '@hono/zod-openapi'
import { eventKinds, registrationStatuses } from '../db/schema-events.ts'
import { cancelEvent, createEvent, getEvent, upcomingEvents, updateEvent } from '../events/events.actions.ts'
import type { EventView, RegistrationView } from '../events/events.model.ts'
import { availability, priceFor, seatsLeft } from '../events/events.rules.ts'
import { cancelEventInput, eventInput, eventPatch, registrationInput } from '../events/events.schema.ts'
import { attendeesOf, cancelRegistrationByToken, registerForEvent } from '../events/registrations.actions.ts'
import { authorize } from '../platform/policy.ts'
import { clientIp } from '../web/client.ts'
import { apiApp, bodyProblems, jsonBody, jsonResponse, problemSchema, problems, security, write } from './api.shared.ts'
import { optionalToken } from './public-routes.ts'

/** Events and trainings: the public dates with seats and prices, registration, and the staff's management. */
export const eventsApi = apiApp()

const tags = ['Events']

const refParams = z.object({
  ref: z
    .string()
    .regex(/^VA-\d{4}-\d{3,9}$/)
    .openapi({ param: { name: 'ref', in: 'path' }, example: 'VA-2026-001' }),
})

const tokenParams = z.object({
  token: z
    .string()
    .regex(/^[\w-]{20,100}$/)
    .openapi({ param: { name: 'token', in: 'path' }, description: 'The manage token from the registration' }),
})

const tooMany = {
  429: {
    description: 'Too many registrations from this address within the hour',
    content: { 'application/problem+json': { schema: problemSchema } },
  },
} as const

const publicEvent = z
  .object({
    ref: z.string().openapi({ example: 'VA-2026-001' }),
    kind: z.enum(eventKinds),
    titleDe: z.string(),
    titleEn: z.string(),
    descriptionDe: z.string(),
    descriptionEn: z.string(),
    startsAt: z.string().openapi({ format: 'date-time' }),
    endsAt: z.string().openapi({ format: 'date-time' }),
    timeZone: z.string().openapi({ example: 'Europe/Berlin', description: 'The zone the dates are shown in' }),
    location: z.string().openapi({ description: 'The address; empty for an online-only event' }),
    online: z.boolean().openapi({ description: 'The link to join goes to registered people only' }),
    seats: z.number().int(),
    seatsLeft: z.number().int(),
    waitlistLimit: z.number().int().nullable().openapi({ description: 'null: no limit; 0: no waiting list' }),
    waiting: z.number().int(),
    availability: z.enum(['seats', 'waitlist', 'full', 'closed', 'cancelled']),
    registrationClosesAt: z.string().openapi({ format: 'date-time' }),
    memberPriceCents: z.number().int().openapi({ description: 'Net, in cents; 0 = free' }),
    nonMemberPriceCents: z.number().int(),
    vatPercent: z.number(),
    memberGrossCents: z.number().int(),
    nonMemberGrossCents: z.number().int(),
    status: z.enum(['scheduled', 'cancelled']),
    cancelReason: z.string().nullable(),
  })
  .openapi('Event')

const staffEvent = publicEvent
  .extend({
    onlineUrl: z.string().nullable(),
    confirmed: z.number().int(),
    sequence: z.number().int().openapi({ description: 'iCalendar SEQUENCE, raised with each change of time or place' }),
    createdAt: z.string().openapi({ format: 'date-time' }),
    createdBy: z.string(),
    updatedAt: z.string().openapi({ format: 'date-time' }),
    updatedBy: z.string(),
  })
  .openapi('StaffEvent')

function publicView(event: EventView, now: Date): z.infer<typeof publicEvent> {
  return {
    ref: event.ref,
    kind: event.kind,
    titleDe: event.titleDe,
    titleEn: event.titleEn,
    descriptionDe: event.descriptionDe,
    descriptionEn: event.descriptionEn,
    startsAt: event.startsAt.toISOString(),
    endsAt: event.endsAt.toISOString(),
    timeZone: event.timeZone,
    location: event.location,
    online: event.onlineUrl !== null,
    seats: event.seats,
    seatsLeft: seatsLeft(event),
    waitlistLimit: event.waitlistLimit,
    waiting: event.waitlisted,
    availability: availability(event, now).kind,
    registrationClosesAt: event.registrationClosesAt.toISOString(),
    memberPriceCents: event.memberPriceCents,
    nonMemberPriceCents: event.nonMemberPriceCents,
    vatPercent: event.vatPercent,
    memberGrossCents: priceFor(event, true).grossCents,
    nonMemberGrossCents: priceFor(event, false).grossCents,
    status: event.status,
    cancelReason: event.cancelReason,
  }
}

function staffView(event: EventView, now: Date): z.infer<typeof staffEvent> {
  return {
    ...publicView(event, now),
    onlineUrl: event.onlineUrl,
    confirmed: event.confirmed,
    sequence: event.sequence,
    createdAt: event.createdAt.toISOString(),
    createdBy: event.createdBy,
    updatedAt: event.updatedAt.toISOString(),
    updatedBy: event.updatedBy,
  }
}

const registrationOutput = z
  .object({
    id: z.string().uuid(),
    name: z.string(),
    email: z.string(),
    organisationName: z.string().nullable(),
    organisationId: z.string().uuid().nullable(),
    isMember: z.boolean().openapi({ description: 'Member at registration: the member price applied' }),
    priceCents: z.number().int().openapi({ description: 'Net, in cents' }),
    vatPercent: z.number(),
    grossCents: z.number().int(),
    status: z.enum(registrationStatuses),
    waitlistPosition: z.number().int().nullable(),
    waitingRank: z.number().int().nullable().openapi({ description: 'Place among those still waiting (1 = next)' }),
    registeredAt: z.string().openapi({ format: 'date-time' }),
    promotedAt: z.string().nullable().openapi({ format: 'date-time' }),
    cancelledAt: z.string().nullable().openapi({ format: 'date-time' }),
  })
  .openapi('EventRegistration')

function registrationView(r: RegistrationView): z.infer<typeof registrationOutput> {
  return {
    id: r.id,
    name: r.name,
    email: r.email,
    organisationName: r.organisationName,
    organisationId: r.organisationId,
    isMember: r.isMember,
    priceCents: r.priceCents,
    vatPercent: r.vatPercent,
    grossCents: r.grossCents,
    status: r.status,
    waitlistPosition: r.waitlistPosition,
    waitingRank: r.waitingRank,
    registeredAt: r.registeredAt.toISOString(),
    promotedAt: r.promotedAt?.toISOString() ?? null,
    cancelledAt: r.cancelledAt?.toISOString() ?? null,
  }
}

const now = (c: { get(key: 'deps'): { clock: { now(): Date } } }) => c.get('deps').clock.now()

eventsApi.openapi(
  createRoute({
    method: 'get',
    path: '/events',
    operationId: 'listEvents',
    tags,
    security: optionalToken,
    summary: 'Upcoming events, soonest first, with seats left and prices (public); cancelled ones marked',
    request: { query: z.object({ kind: z.enum(eventKinds).optional() }) },
    responses: {
      200: jsonResponse(z.object({ items: z.array(publicEvent) }).openapi('EventList'), 'The events'),
      ...problems(422),
    },
  }),
  async (c) => {
    const { kind } = c.req.valid('query')
    const events = await upcomingEvents(c.get('deps').db, now(c), kind)
    return c.json({ items: events.map((e) => publicView(e, now(c))) }, 200)
  },
)

eventsApi.openapi(
  createRoute({
    method: 'get',
    path: '/events/{ref}',
    operationId: 'getEvent',
    tags,
    security: optionalToken,
    summary: 'One event (public; the online link only goes to registered people)',
    request: { params: refParams },
    responses: { 200: jsonResponse(publicEvent, 'The event'), ...problems(404, 422) },
  }),
  async (c) => {
    const { ref } = c.req.valid('param')
    return c.json(publicView(await getEvent(c.get('deps').db, ref), now(c)), 200)
  },
)

eventsApi.openapi(
  createRoute({
    method: 'post',
    path: '/events',
    operationId: 'createEvent',
    tags,
    security,
    summary: 'Schedule an event (staff)',
    description:
      'Times are ISO 8601 with an offset; a time without one is read as Europe/Berlin. Prices are net cents. ' +
      'Registration closes at the start unless `registrationClosesAt` is given.',
    request: { body: jsonBody(eventInput) },
    responses: { 201: jsonResponse(staffEvent, 'The new event'), ...problems(403, ...bodyProblems) },
  }),
  async (c) => {
    const input = c.req.valid('json')
    const event = await write(c, (trx, actor, deps) => createEvent(trx, actor, input, deps))
    return c.json(staffView(event, now(c)), 201)
  },
)

eventsApi.openapi(
  createRoute({
    method: 'patch',
    path: '/events/{ref}',
    operationId: 'updateEvent',
    tags,
    security,
    summary: 'Change an event (staff): fewer seats than confirmed are refused; more seats move the waiting list up',
    description: 'A change of time or place mails everyone registered the changed invitation (.ics).',
    request: { params: refParams, body: jsonBody(eventPatch) },
    responses: { 200: jsonResponse(staffEvent, 'The changed event'), ...problems(403, 404, 409, ...bodyProblems) },
  }),
  async (c) => {
    const { ref } = c.req.valid('param')
    const patch = c.req.valid('json')
    const event = await write(c, (trx, actor, deps) => updateEvent(trx, actor, ref, patch, deps))
    return c.json(staffView(event, now(c)), 200)
  },
)

eventsApi.openapi(
  createRoute({
    method: 'post',
    path: '/events/{ref}/cancel',
    operationId: 'cancelEvent',
    tags,
    security,
    summary: 'Cancel an event with a reason (staff); everyone registered is mailed (a CANCEL for their calendar)',
    request: { params: refParams, body: jsonBody(cancelEventInput) },
    responses: { 200: jsonResponse(staffEvent, 'The cancelled event'), ...problems(403, 404, 409, ...bodyProblems) },
  }),
  async (c) => {
    const { ref } = c.req.valid('param')
    const input = c.req.valid('json')
    const event = await write(c, (trx, actor, deps) => cancelEvent(trx, actor, ref, input, deps))
    return c.json(staffView(event, now(c)), 200)
  },
)

eventsApi.openapi(
  createRoute({
    method: 'get',
    path: '/events/{ref}/registrations',
    operationId: 'listEventRegistrations',
    tags,
    security,
    summary: 'The attendee list (staff): confirmed, the waiting list in order, cancelled',
    request: { params: refParams },
    responses: {
      200: jsonResponse(
        z
          .object({
            confirmed: z.array(registrationOutput),
            waitlisted: z.array(registrationOutput),
            cancelled: z.array(registrationOutput),
          })
          .openapi('EventRegistrations'),
        'The registrations',
      ),
      ...problems(403, 404, 422),
    },
  }),
  async (c) => {
    const { ref } = c.req.valid('param')
    const actor = c.get('actor')
    authorize(actor, 'event.manage')
    const db = c.get('deps').db
    const lists = await attendeesOf(db, actor, await getEvent(db, ref))
    return c.json(
      {
        confirmed: lists.confirmed.map(registrationView),
        waitlisted: lists.waitlisted.map(registrationView),
        cancelled: lists.cancelled.map(registrationView),
      },
      200,
    )
  },
)

const registeredOutput = z
  .object({
    registration: registrationOutput,
    manageToken: z
      .string()
      .openapi({ description: 'The secret for POST /event-registrations/{token}/cancel; also in the mail' }),
    event: publicEvent,
  })
  .openapi('EventRegistered')

eventsApi.openapi(
  createRoute({
    method: 'post',
    path: '/events/{ref}/registrations',
    operationId: 'registerForEvent',
    tags,
    security: optionalToken,
    summary: 'Register for an event (no token needed): a free seat confirms, otherwise the waiting list',
    description:
      'With a token, `organisationId` names the organisation you come for: an organisation with an active ' +
      'membership (or you as a person member) gets the member price; everyone else the non-member price. ' +
      '409 `event_full` when seats and waiting list are taken, `registration_closed` when closed or over; ' +
      'nothing is stored then. The confirmation is mailed with the invitation (.ics).',
    request: { params: refParams, body: jsonBody(registrationInput) },
    responses: {
      201: jsonResponse(registeredOutput, 'The registration'),
      ...problems(404, 409, ...bodyProblems),
      ...tooMany,
    },
  }),
  async (c) => {
    const { ref } = c.req.valid('param')
    const input = c.req.valid('json')
    const context = { ip: clientIp(c), userAgent: c.req.header('user-agent') ?? null, lang: c.get('lang') }
    const result = await write(c, (trx, actor, deps) => registerForEvent(trx, actor, ref, input, context, deps))
    return c.json(
      {
        registration: registrationView(result.registration),
        manageToken: result.manageToken,
        event: publicView(result.event, now(c)),
      },
      201,
    )
  },
)

eventsApi.openapi(
  createRoute({
    method: 'post',
    path: '/event-registrations/{token}/cancel',
    operationId: 'cancelEventRegistration',
    tags,
    security: optionalToken,
    summary: 'The registrant cancels with the manage token; a freed seat goes to the first on the waiting list',
    request: { params: tokenParams },
    responses: {
      200: jsonResponse(
        z
          .object({ registration: registrationOutput, alreadyCancelled: z.boolean() })
          .openapi('EventRegistrationCancelled'),
        'The cancelled registration',
      ),
      ...problems(404, 409, 422),
    },
  }),
  async (c) => {
    const { token } = c.req.valid('param')
    const result = await write(c, (trx, _actor, deps) => cancelRegistrationByToken(trx, token, deps))
    return c.json(
      { registration: registrationView(result.registration), alreadyCancelled: result.alreadyCancelled },
      200,
    )
  },
)
