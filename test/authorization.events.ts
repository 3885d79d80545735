import { createEvent } from '../src/events/events.actions.ts'
import { eventInput } from '../src/events/events.schema.ts'
import { eventJson } from '../src/events/events.testing.ts'
import { registerForEvent } from '../src/events/registrations.actions.ts'
import { signUp } from '../src/interest/interest.actions.ts'
import { anonymous, systemActor } from '../src/platform/actor.ts'
import { type Expectation, operators } from './authorization.roles.ts'
import type { TestApp } from './support/app.ts'

/**
 * Events and the interest list in the route × role walk. Staff routes are for board and staff (event.manage,
 * interest.read); the public pages, the registrant's manage link and the interest links for anyone.
 */
interface EventFixtures {
  ref: string
  registrationId: string
  manageToken: string
  confirmToken: string
  unsubscribeToken: string
}

const cache = new WeakMap<TestApp, EventFixtures>()

/** A time `days` from the real clock of the walk, as ISO (the walk runs on the system clock). */
function inDays(days: number, hours = 0): string {
  return new Date(Date.now() + days * 86_400_000 + hours * 3_600_000).toISOString()
}

const eventBody = () =>
  eventJson({ startsAt: inDays(30), endsAt: inDays(30, 2), registrationClosesAt: '', waitlistLimit: '' })

async function eventFixtures(t: TestApp): Promise<EventFixtures> {
  const cached = cache.get(t)
  if (cached) return cached
  const fx = await t.deps.db.transaction().execute(async (trx) => {
    const event = await createEvent(trx, systemActor('test'), eventInput.parse(eventBody()), t.deps)
    const context = { ip: null, userAgent: null, lang: 'de' as const }
    const { registration, manageToken } = await registerForEvent(
      trx,
      anonymous,
      event.ref,
      { name: 'Walk', email: 'walk@events.test', organisation: null, organisationId: null, consent: true },
      context,
      t.deps,
    )
    await signUp(trx, { email: 'walk@interest.test', name: null, organisation: null, consent: true }, context, t.deps)
    const mail = await trx
      .selectFrom('mail_outbox')
      .select(['body', 'headers'])
      .where('recipient', '=', 'walk@interest.test')
      .executeTakeFirstOrThrow()
    return {
      ref: event.ref,
      registrationId: registration.id,
      manageToken,
      confirmToken: /\/interest\/confirm\/([\w-]+)/.exec(mail.body)![1]!,
      unsubscribeToken: /\/interest\/unsubscribe\/([\w-]+)/.exec(mail.body)![1]!,
    }
  })
  cache.set(t, fx)
  return fx
}

const ref = async (t: TestApp) => ({ ':ref': (await eventFixtures(t)).ref })
const manage = async (t: TestApp) => ({ ':token': (await eventFixtures(t)).manageToken })

export const eventExpectations: Record<string, Expectation> = {
  'GET /events': { allow: 'public' },
  'GET /events/:ref': { allow: 'public', params: ref },
  'POST /events/:ref/register': {
    allow: 'public',
    body: { name: 'Walk', email: 'walker@events.test', consent: 'on' },
    params: ref,
  },
  'GET /events/registrations/:token': { allow: 'public', params: manage },
  'POST /events/registrations/:token/cancel': { allow: 'public', params: manage },
  'GET /events/manage': { allow: operators },
  'GET /events/new': { allow: operators },
  'POST /events': { allow: operators, bodyFor: () => eventBody() },
  'GET /events/:ref/edit': { allow: operators, params: ref },
  'POST /events/:ref': { allow: operators, bodyFor: () => eventBody(), params: ref },
  'POST /events/:ref/cancel': { allow: operators, body: { reason: 'test' }, params: ref, fresh: true },
  'GET /events/:ref/attendees': { allow: operators, params: ref },
  'GET /events/:ref/attendees.csv': { allow: operators, params: ref },
  'POST /events/:ref/attendees/:id/cancel': {
    allow: operators,
    params: async (t) => ({ ':ref': (await eventFixtures(t)).ref, ':id': (await eventFixtures(t)).registrationId }),
    fresh: true,
  },
  'GET /interest': { allow: 'public' },
  'POST /interest': { allow: 'public', body: { email: 'walk-form@interest.test', consent: 'on' } },
  'GET /interest/sent': { allow: 'public' },
  'GET /interest/confirm/:token': {
    allow: 'public',
    params: async (t) => ({ ':token': (await eventFixtures(t)).confirmToken }),
  },
  'POST /interest/confirm/:token': {
    allow: 'public',
    params: async (t) => ({ ':token': (await eventFixtures(t)).confirmToken }),
  },
  'GET /interest/unsubscribe/:token': {
    allow: 'public',
    params: async (t) => ({ ':token': (await eventFixtures(t)).unsubscribeToken }),
  },
  'POST /interest/unsubscribe/:token': {
    allow: 'public',
    params: async (t) => ({ ':token': (await eventFixtures(t)).unsubscribeToken }),
  },
  'GET /interest/manage': { allow: operators },
  'GET /interest/export.csv': { allow: operators },
  'GET /api/v1/events': { allow: 'public' },
  'GET /api/v1/events/:ref': { allow: 'public', params: ref },
  'POST /api/v1/events': { allow: operators, bodyFor: () => eventBody() },
  'PATCH /api/v1/events/:ref': { allow: operators, body: { titleEn: 'Walk' }, params: ref },
  'POST /api/v1/events/:ref/cancel': { allow: operators, body: { reason: 'test' }, params: ref, fresh: true },
  'GET /api/v1/events/:ref/registrations': { allow: operators, params: ref },
  'POST /api/v1/events/:ref/registrations': {
    allow: 'public',
    body: { name: 'Walk', email: 'walk-api@events.test', consent: true },
    params: ref,
  },
  'POST /api/v1/event-registrations/:token/cancel': { allow: 'public', params: manage },
  'POST /api/v1/interest': { allow: 'public', body: { email: 'walk-api@interest.test', consent: true } },
  'POST /api/v1/interest/confirm': { allow: 'public', body: { token: 'x'.repeat(30) } },
  'POST /api/v1/interest/unsubscribe': { allow: 'public', body: { token: 'x'.repeat(30) } },
  'GET /api/v1/interest/subscribers': { allow: operators },
}
