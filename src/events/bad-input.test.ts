/**
 * Bad input at the level of the actions: each is refused with its documented error (the field and the
 * validation key, or the DomainError code) and leaves events, registrations, the journal and the outbox exactly
 * as they were: over-booking by fewer seats, a full event, closed registration, the same email twice, missing
 * consent, a bad email, an end before the start, too many registrations from one address.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { sql } from 'kysely'
import { createTestApp, type TestApp } from '../../test/support/app.ts'
import type { Trx } from '../db/db.ts'
import { anonymous, systemActor } from '../platform/actor.ts'
import { fixedClock } from '../platform/clock.ts'
import { DomainError } from '../platform/errors.ts'
import { createEvent, updateEvent } from './events.actions.ts'
import type { EventView } from './events.model.ts'
import { eventInput, eventPatch, registrationInput } from './events.schema.ts'
import { eventJson, eventsNow, register, scheduleEvent } from './events.testing.ts'
import { publicRegistrationLimit, registerForEvent } from './registrations.actions.ts'

const clock = fixedClock(eventsNow)
const staff = systemActor('test')
let t: TestApp
/** Two seats, both taken, one waiting-list place, taken. */
let full: EventView
/** Plenty of seats; jana@open.test is registered. */
let open: EventView
/** Registration closed yesterday. */
let closed: EventView

before(async () => {
  t = await createTestApp({ clock })
  full = await scheduleEvent(t.deps.db, t.deps, { seats: 2, waitlistLimit: 1 })
  for (const email of ['a@full.test', 'b@full.test', 'c@full.test'])
    await register(t.deps.db, t.deps, full.ref, { email })
  open = await scheduleEvent(t.deps.db, t.deps, { seats: 50 })
  await register(t.deps.db, t.deps, open.ref, { email: 'jana@open.test' })
  closed = await scheduleEvent(t.deps.db, t.deps, { registrationClosesAt: '2026-05-02T12:00' })
  clock.set(new Date('2026-05-03T08:00:00Z'))
})
after(() => t.close())

async function snapshot() {
  const counts: Record<string, number> = {}
  for (const table of ['event', 'event_registration', 'audit_entry', 'mail_outbox']) {
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(t.deps.db)
    counts[table] = rows[0]!.n
  }
  const events = await t.deps.db.selectFrom('event').selectAll().orderBy('ref').execute()
  const registrations = await t.deps.db
    .selectFrom('event_registration')
    .select(['id', 'status', 'waitlist_position', 'manage_token_hash'])
    .orderBy('id')
    .execute()
  return JSON.stringify({ counts, events, registrations })
}

async function refused(
  action: (trx: Trx) => Promise<unknown>,
  code: DomainError['code'],
  field?: { path: string; message: string },
) {
  const before = await snapshot()
  await assert.rejects(
    t.deps.db.transaction().execute(action),
    (error) =>
      error instanceof DomainError &&
      error.code === code &&
      (!field || error.fields.some((f) => f.path === field.path && f.message === field.message)),
  )
  assert.equal(await snapshot(), before)
}

const context = { ip: '192.0.2.77', userAgent: 'test', lang: 'de' as const }
const person = (email: string) =>
  registrationInput.parse({ name: 'Kim', email, organisation: '', organisationId: '', consent: true })

test('fewer seats than confirmed registrations (over-booking) is refused at the seats field', async () => {
  await refused((trx) => updateEvent(trx, staff, full.ref, eventPatch.parse({ seats: 1 }), t.deps), 'validation', {
    path: 'seats',
    message: 'seats_below_confirmed',
  })
})

test('a full event with a full waiting list: event_full, nothing stored', async () => {
  await refused(
    (trx) => registerForEvent(trx, anonymous, full.ref, person('d@full.test'), context, t.deps),
    'event_full',
  )
})

test('closed registration: registration_closed, nothing stored', async () => {
  await refused(
    (trx) => registerForEvent(trx, anonymous, closed.ref, person('late@closed.test'), context, t.deps),
    'registration_closed',
  )
})

test('the same email twice for one event is refused at the email field (in any case)', async () => {
  await refused(
    (trx) => registerForEvent(trx, anonymous, open.ref, person('JANA@open.test'), context, t.deps),
    'validation',
    { path: 'email', message: 'already_registered' },
  )
})

test('missing consent and a bad email never reach the action', () => {
  const missing = registrationInput.safeParse({ name: 'Kim', email: 'kim@x.test' })
  assert.equal(missing.success, false)
  assert.ok(missing.error?.issues.some((i) => i.path[0] === 'consent' && i.message === 'registration_consent_required'))
  const bad = registrationInput.safeParse({ name: 'Kim', email: 'kim@', consent: true })
  assert.ok(bad.error?.issues.some((i) => i.path[0] === 'email' && i.message === 'email_invalid'))
})

test('an event ending before it starts, or without a place, is refused at the fields', async () => {
  await refused(
    (trx) => createEvent(trx, staff, eventInput.parse(eventJson({ endsAt: '2026-06-10T17:00', location: '' })), t.deps),
    'validation',
    { path: 'endsAt', message: 'ends_before_start' },
  )
  await refused(
    (trx) => updateEvent(trx, staff, open.ref, eventPatch.parse({ endsAt: '2026-06-10T17:59' }), t.deps),
    'validation',
    { path: 'endsAt', message: 'ends_before_start' },
  )
  await refused((trx) => createEvent(trx, anonymous, eventInput.parse(eventJson()), t.deps), 'unauthenticated')
})

test('too many registrations from one address within an hour: rate_limited at the email field', async () => {
  for (let i = 0; i < publicRegistrationLimit.perAddress; i++)
    await register(t.deps.db, t.deps, open.ref, { email: `n${i}@busy.test`, ip: '192.0.2.200' })
  await refused(
    (trx) =>
      registerForEvent(
        trx,
        anonymous,
        open.ref,
        person('one-more@busy.test'),
        { ...context, ip: '192.0.2.200' },
        t.deps,
      ),
    'rate_limited',
    { path: 'email', message: 'too_many_registrations' },
  )
})
