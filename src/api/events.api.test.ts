/**
 * Events and the interest list through the JSON API: public reading and registering without a token, staff
 * writes with one, 422 with field paths, 409 for a full or closed event, and the interest list's double opt-in.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { sql } from 'kysely'
import { createTestApp, type TestApp } from '../../test/support/app.ts'
import { api } from '../../test/support/client.ts'
import { type Cooperative, seedCooperative, tokenFor } from '../../test/support/factories.ts'
import { eventJson, eventsNow } from '../events/events.testing.ts'
import { fixedClock } from '../platform/clock.ts'
import { expectJson, expectProblem } from './api.testing.ts'

const clock = fixedClock(eventsNow)
let t: TestApp
let coop: Cooperative
let staff: string
let outsider: string

before(async () => {
  t = await createTestApp({ clock, config: { trustProxy: true } })
  coop = await seedCooperative(t.deps)
  staff = await tokenFor(t.deps, coop.staff.accountId)
  outsider = await tokenFor(t.deps, coop.outsider.accountId)
})
after(() => t.close())

interface ApiEvent {
  ref: string
  seatsLeft: number
  availability: string
  online: boolean
  onlineUrl?: string | null
  nonMemberGrossCents: number
  startsAt: string
  status: string
}

let ips = 0
function from(): Record<string, string> {
  return { 'x-forwarded-for': `198.51.100.${++ips}` }
}

async function counts() {
  const { rows } = await sql<{ e: number; r: number; a: number; m: number }>`
    SELECT (SELECT count(*) FROM event)::int AS e, (SELECT count(*) FROM event_registration)::int AS r,
           (SELECT count(*) FROM audit_entry)::int AS a, (SELECT count(*) FROM mail_outbox)::int AS m`.execute(
    t.deps.db,
  )
  return rows[0]
}

async function createVia(overrides: Record<string, unknown> = {}): Promise<ApiEvent> {
  return expectJson<ApiEvent>(
    await api(t, staff, '/events', {
      method: 'POST',
      json: eventJson({
        startsAt: '2026-06-10T18:00:00+02:00',
        endsAt: '2026-06-10T20:00:00+02:00',
        onlineUrl: 'https://video.coop.test/raum',
        ...overrides,
      }),
    }),
    201,
  )
}

function registerVia(ref: string, email: string, token: string | null = null) {
  return api(t, token, `/events/${ref}/registrations`, {
    method: 'POST',
    json: { name: 'Kim', email, consent: true },
    headers: from(),
  })
}

test('staff schedule an event; the public read it without a token and never see the online link', async () => {
  const created = await createVia()
  assert.match(created.ref, /^VA-2026-\d{3}$/)
  assert.equal(created.onlineUrl, 'https://video.coop.test/raum')
  assert.equal(created.startsAt, '2026-06-10T16:00:00.000Z')
  const list = await expectJson<{ items: ApiEvent[] }>(await api(t, null, '/events'), 200)
  const listed = list.items.find((e) => e.ref === created.ref)!
  assert.equal(listed.seatsLeft, 3)
  assert.equal(listed.availability, 'seats')
  assert.equal(listed.online, true)
  assert.equal(listed.nonMemberGrossCents, 2_380)
  assert.ok(!('onlineUrl' in listed))
  const one = await expectJson<ApiEvent>(await api(t, null, `/events/${created.ref}`), 200)
  assert.ok(!JSON.stringify(one).includes('video.coop.test'))
  await expectProblem(await api(t, null, '/events/VA-2026-999'), 404, 'not_found')
  await expectProblem(await api(t, null, '/events?kind=party'), 422, 'validation')
})

test('writes need the permission; bad input is a 422 with field paths and changes nothing', async () => {
  const before = await counts()
  await expectProblem(await api(t, null, '/events', { method: 'POST', json: eventJson() }), 401)
  await expectProblem(await api(t, outsider, '/events', { method: 'POST', json: eventJson() }), 403)
  const bad = await expectProblem(
    await api(t, staff, '/events', {
      method: 'POST',
      json: eventJson({ endsAt: '2026-06-10T17:00', seats: 0, memberPriceCents: 5_000, location: '' }),
    }),
    422,
    'validation',
  )
  assert.deepEqual(bad.errors?.map((e) => e.path).sort(), ['seats'])
  const cross = await expectProblem(
    await api(t, staff, '/events', {
      method: 'POST',
      json: eventJson({ endsAt: '2026-06-10T17:00', memberPriceCents: 5_000, location: '' }),
    }),
    422,
  )
  assert.deepEqual(
    cross.errors?.map((e) => e.path),
    ['endsAt', 'location', 'memberPriceCents'],
  )
  assert.match(cross.errors![0]!.message, /end must be after the start/)
  const unknown = await expectProblem(
    await api(t, staff, '/events', { method: 'POST', json: { ...eventJson(), colour: 'red' } }),
    422,
  )
  assert.deepEqual(
    unknown.errors?.map((e) => e.path),
    ['colour'],
  )
  assert.deepEqual(await counts(), before)
})

test('registering: confirmed, then the waiting list, then 409 event_full; the same email twice at its field', async () => {
  const event = await createVia({ seats: 1, waitlistLimit: 1 })
  const first = await expectJson<{ registration: { status: string }; manageToken: string }>(
    await registerVia(event.ref, 'one@api.test'),
    201,
  )
  assert.equal(first.registration.status, 'confirmed')
  const second = await expectJson<{ registration: { status: string; waitingRank: number } }>(
    await registerVia(event.ref, 'two@api.test'),
    201,
  )
  assert.deepEqual([second.registration.status, second.registration.waitingRank], ['waitlisted', 1])
  const before = await counts()
  await expectProblem(await registerVia(event.ref, 'three@api.test'), 409, 'event_full')
  const twice = await expectProblem(await registerVia(event.ref, 'ONE@api.test'), 422, 'validation')
  assert.deepEqual(
    twice.errors?.map((e) => e.path),
    ['email'],
  )
  const noConsent = await expectProblem(
    await api(t, null, `/events/${event.ref}/registrations`, {
      method: 'POST',
      json: { name: 'X', email: 'x@api.test' },
    }),
    422,
  )
  assert.deepEqual(
    noConsent.errors?.map((e) => e.path),
    ['consent'],
  )
  assert.deepEqual(await counts(), before)
  // the registrant cancels with the token; the one waiting moves up
  const cancelled = await expectJson<{ registration: { status: string }; alreadyCancelled: boolean }>(
    await api(t, null, `/event-registrations/${first.manageToken}/cancel`, { method: 'POST' }),
    200,
  )
  assert.deepEqual([cancelled.registration.status, cancelled.alreadyCancelled], ['cancelled', false])
  const lists = await expectJson<{ confirmed: Array<{ email: string }>; waitlisted: unknown[]; cancelled: unknown[] }>(
    await api(t, staff, `/events/${event.ref}/registrations`),
    200,
  )
  assert.deepEqual(
    lists.confirmed.map((r) => r.email),
    ['two@api.test'],
  )
  assert.equal(lists.cancelled.length, 1)
  await expectProblem(await api(t, outsider, `/events/${event.ref}/registrations`), 403)
  await expectProblem(
    await api(t, null, '/event-registrations/unknown-token-aaaaaaaaaaaa/cancel', { method: 'POST' }),
    404,
  )
})

test('patching seats below the confirmed is refused at `seats`; cancelling closes registration', async () => {
  const event = await createVia({ seats: 2 })
  await registerVia(event.ref, 'a@patch.test')
  await registerVia(event.ref, 'b@patch.test')
  const before = await counts()
  const fewer = await expectProblem(
    await api(t, staff, `/events/${event.ref}`, { method: 'PATCH', json: { seats: 1 } }),
    422,
  )
  assert.deepEqual(
    fewer.errors?.map((e) => [e.path, e.message]),
    [
      [
        'seats',
        'More people are already confirmed. So few seats would over-book the event – please cancel registrations first.',
      ],
    ],
  )
  assert.deepEqual(await counts(), before)
  const more = await expectJson<ApiEvent>(
    await api(t, staff, `/events/${event.ref}`, { method: 'PATCH', json: { seats: 5 } }),
    200,
  )
  assert.equal(more.seatsLeft, 3)
  const off = await expectJson<ApiEvent>(
    await api(t, staff, `/events/${event.ref}/cancel`, { method: 'POST', json: { reason: 'Krankheit' } }),
    200,
  )
  assert.equal(off.status, 'cancelled')
  await expectProblem(await registerVia(event.ref, 'c@patch.test'), 409, 'registration_closed')
  await expectProblem(
    await api(t, staff, `/events/${event.ref}/cancel`, { method: 'POST', json: { reason: 'again' } }),
    409,
    'conflict',
  )
})

test('the interest list: sign-up, confirm and unsubscribe with tokens in the body; staff get the confirmed', async () => {
  const res = await api(t, null, '/interest', {
    method: 'POST',
    json: { email: 'api@interest.test', name: 'Api', consent: true },
    headers: from(),
  })
  assert.deepEqual(await expectJson(res, 202), { status: 'confirmation_sent' })
  const mail = await t.deps.db
    .selectFrom('mail_outbox')
    .select(['body', 'headers'])
    .where('recipient', '=', 'api@interest.test')
    .executeTakeFirstOrThrow()
  const confirmToken = /\/interest\/confirm\/([\w-]+)/.exec(mail.body)![1]!
  const missing = await expectProblem(
    await api(t, null, '/interest', { method: 'POST', json: { email: 'x@interest.test' }, headers: from() }),
    422,
  )
  assert.deepEqual(
    missing.errors?.map((e) => e.path),
    ['consent'],
  )
  await expectProblem(await api(t, null, '/interest/confirm', { method: 'POST', json: { token: 'x'.repeat(30) } }), 400)
  await expectProblem(await api(t, null, '/interest/confirm', { method: 'POST', json: { token: 'short' } }), 422)
  assert.deepEqual(
    await expectJson(await api(t, null, '/interest/confirm', { method: 'POST', json: { token: confirmToken } }), 200),
    { status: 'confirmed' },
  )
  const page = await expectJson<{ items: Array<{ email: string; consentVersion: string }>; total: number }>(
    await api(t, staff, '/interest/subscribers?pageSize=10'),
    200,
  )
  assert.deepEqual(
    page.items.map((s) => s.email),
    ['api@interest.test'],
  )
  assert.equal(page.total, 1)
  await expectProblem(await api(t, outsider, '/interest/subscribers'), 403)
  const welcome = await t.deps.db
    .selectFrom('mail_outbox')
    .select('headers')
    .where('recipient', '=', 'api@interest.test')
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow()
  const unsubscribeToken = /unsubscribe\/([\w-]+)>/.exec(
    (welcome.headers as Record<string, string>)['List-Unsubscribe']!,
  )![1]!
  assert.deepEqual(
    await expectJson(
      await api(t, null, '/interest/unsubscribe', { method: 'POST', json: { token: unsubscribeToken } }),
      200,
    ),
    { status: 'unsubscribed' },
  )
  assert.equal((await expectJson<{ total: number }>(await api(t, staff, '/interest/subscribers'), 200)).total, 0)
})
