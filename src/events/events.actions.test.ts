/**
 * Events and registrations through the actions, on a real database: seats, the waiting list, promotion on
 * cancellation, member prices, changes and cancellation of the event, and what each writes to the outbox
 * (the .ics attachments with their iTIP method, UID and sequence).
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { createTestApp, type TestApp } from '../../test/support/app.ts'
import { type Cooperative, seedCooperative } from '../../test/support/factories.ts'
import { admitMember } from '../../test/support/members.ts'
import { loadActor } from '../auth/actor.repo.ts'
import { systemActor } from '../platform/actor.ts'
import { fixedClock } from '../platform/clock.ts'
import { DomainError } from '../platform/errors.ts'
import { cancelEvent, updateEvent } from './events.actions.ts'
import { eventPatch } from './events.schema.ts'
import { eventsNow, register, scheduleEvent } from './events.testing.ts'
import { unfold } from './ics.ts'
import { cancelRegistrationByToken, registrationByToken } from './registrations.actions.ts'

const clock = fixedClock(eventsNow)
const staff = systemActor('test')
let t: TestApp
let coop: Cooperative

before(async () => {
  t = await createTestApp({ clock })
  coop = await seedCooperative(t.deps)
})
after(() => t.close())

interface OutboxMail {
  recipient: string
  subject: string
  body: string
  attachments: Array<{ filename: string; contentType: string; content: string }>
}

/** The mails written since the last call, oldest first. */
let seen = 0
async function newMails(): Promise<OutboxMail[]> {
  const rows = await t.deps.db
    .selectFrom('mail_outbox')
    .select(['id', 'recipient', 'subject', 'body', 'attachments'])
    .where('id', '>', seen)
    .orderBy('id')
    .execute()
  if (rows.length) seen = Number(rows.at(-1)!.id)
  return rows as unknown as OutboxMail[]
}

function icsOf(mail: OutboxMail | undefined): string[] {
  const attachment = mail?.attachments[0]
  assert.ok(attachment, `an .ics on ${mail?.subject}`)
  return unfold(attachment.content)
}

function tokenIn(mail: OutboxMail | undefined): string {
  const match = mail && /\/events\/registrations\/([\w-]+)/.exec(mail.body)
  assert.ok(match, `a manage link in ${mail?.subject}`)
  return match[1]!
}

test('seats fill, then the waiting list to its limit, then the event is full and nothing is stored', async () => {
  const event = await scheduleEvent(t.deps.db, t.deps)
  assert.match(event.ref, /^VA-2026-\d{3}$/)
  await newMails()
  const results = []
  for (const n of [1, 2, 3, 4, 5])
    results.push(await register(t.deps.db, t.deps, event.ref, { email: `p${n}@seats.test` }))
  assert.deepEqual(
    results.map((r) => [r.registration.status, r.registration.waitlistPosition, r.registration.waitingRank]),
    [
      ['confirmed', null, null],
      ['confirmed', null, null],
      ['confirmed', null, null],
      ['waitlisted', 1, 1],
      ['waitlisted', 2, 2],
    ],
  )
  await assert.rejects(
    register(t.deps.db, t.deps, event.ref, { email: 'p6@seats.test' }),
    (e) => e instanceof DomainError && e.code === 'event_full',
  )
  const mails = await newMails()
  assert.equal(mails.length, 5)
  const first = mails[0]!
  assert.equal(first.recipient, 'p1@seats.test')
  assert.match(first.subject, /^Anmeldung bestätigt: Infoabend/)
  assert.equal(first.attachments[0]!.filename, 'einladung.ics')
  assert.equal(first.attachments[0]!.contentType, 'text/calendar; charset=utf-8; method=REQUEST')
  const ics = icsOf(first)
  assert.ok(ics.includes('METHOD:REQUEST'))
  assert.ok(ics.includes('DTSTART:20260610T160000Z'))
  assert.ok(ics.includes('DTEND:20260610T180000Z'))
  assert.ok(ics.includes('LOCATION:Oranienstraße 45\\, 10969 Berlin'))
  assert.ok(ics.includes(`UID:registration-${results[0]!.registration.id}@localhost`))
  assert.ok(ics.includes('ATTENDEE;CN=p1;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;RSVP=FALSE:mailto:p1@seats.test'))
  // the non-member price of 20 € net, 23,80 € gross
  assert.match(first.body, /Preis: 23,80\s€ \(inkl\. 19 % USt\.\), als Nichtmitglied/)
  const waiting = mails[3]!
  assert.match(waiting.subject, /^Warteliste/)
  assert.match(waiting.body, /an Stelle 1/)
  assert.deepEqual(waiting.attachments, [], 'no invitation while waiting')
})

test('a cancellation frees the seat for the first on the waiting list, who is mailed the invitation', async () => {
  const event = await scheduleEvent(t.deps.db, t.deps, { seats: 1, waitlistLimit: null })
  const a = await register(t.deps.db, t.deps, event.ref, { email: 'a@promote.test' })
  const b = await register(t.deps.db, t.deps, event.ref, { email: 'b@promote.test' })
  const c = await register(t.deps.db, t.deps, event.ref, { email: 'c@promote.test' })
  assert.equal(b.registration.status, 'waitlisted')
  await newMails()
  const result = await t.deps.db.transaction().execute((trx) => cancelRegistrationByToken(trx, a.manageToken, t.deps))
  assert.equal(result.registration.status, 'cancelled')
  assert.equal(result.event.confirmed, 1)
  assert.equal(result.event.waitlisted, 1)
  const mails = await newMails()
  assert.deepEqual(
    mails.map((m) => [m.recipient, m.subject.split(':')[0]]),
    [
      ['a@promote.test', 'Abmeldung'],
      ['b@promote.test', 'Ein Platz ist frei – du bist angemeldet'],
    ],
  )
  const cancelIcs = icsOf(mails[0])
  assert.ok(cancelIcs.includes('METHOD:CANCEL'))
  assert.ok(cancelIcs.includes('STATUS:CANCELLED'))
  assert.ok(cancelIcs.includes(`UID:registration-${a.registration.id}@localhost`))
  assert.ok(cancelIcs.includes('SEQUENCE:1'), 'the cancellation outranks the invitation')
  assert.ok(icsOf(mails[1]).includes(`UID:registration-${b.registration.id}@localhost`))
  // the promotion mail carries a new manage link; the one from the waiting-list mail no longer works
  const fresh = tokenIn(mails[1])
  assert.equal((await registrationByToken(t.deps.db, fresh)).registration.status, 'confirmed')
  await assert.rejects(
    registrationByToken(t.deps.db, b.manageToken),
    (e) => e instanceof DomainError && e.code === 'not_found',
  )
  assert.equal((await registrationByToken(t.deps.db, c.manageToken)).registration.waitingRank, 1)
  // cancelling twice changes nothing and mails nothing
  const again = await t.deps.db.transaction().execute((trx) => cancelRegistrationByToken(trx, a.manageToken, t.deps))
  assert.equal(again.alreadyCancelled, true)
  assert.deepEqual(await newMails(), [])
  const journal = await t.deps.db
    .selectFrom('audit_entry')
    .select('action')
    .where('subject_id', 'in', [a.registration.id, b.registration.id])
    .orderBy('seq')
    .execute()
  assert.deepEqual(
    journal.map((j) => j.action),
    ['event.registered', 'event.registered', 'event.registration_cancelled', 'event.registration_promoted'],
  )
})

test('the member price for an organisation with an active membership or a person member; say so at registration', async () => {
  await admitMember(
    t.deps,
    { organisationName: 'Org A e.V.' },
    { organisationId: coop.orgA.id, effectiveOn: '2026-01-01' },
  )
  const event = await scheduleEvent(t.deps.db, t.deps, {
    seats: 10,
    memberPriceCents: 1_000,
    nonMemberPriceCents: 3_000,
  })
  const adminA = (await loadActor(t.deps.db, coop.orgA.admin.accountId))!
  const adminB = (await loadActor(t.deps.db, coop.orgB.admin.accountId))!
  const forA = await register(
    t.deps.db,
    t.deps,
    event.ref,
    { email: 'admin@a.test', organisationId: coop.orgA.id },
    adminA,
  )
  const self = await register(t.deps.db, t.deps, event.ref, { email: 'self@a.test' }, adminA)
  const forB = await register(
    t.deps.db,
    t.deps,
    event.ref,
    { email: 'admin@b.test', organisationId: coop.orgB.id },
    adminB,
  )
  const anonymousOne = await register(t.deps.db, t.deps, event.ref, { email: 'anyone@public.test' })
  assert.deepEqual(
    [forA, self, forB, anonymousOne].map((r) => [
      r.registration.isMember,
      r.registration.grossCents,
      r.registration.organisationName,
    ]),
    [
      [true, 1_190, 'Org A e.V.'],
      [false, 3_570, null],
      [false, 3_570, 'Org B gGmbH'],
      [false, 3_570, null],
    ],
  )
  // an organisation one does not belong to is refused at the field
  await assert.rejects(
    register(t.deps.db, t.deps, event.ref, { email: 'sneaky@b.test', organisationId: coop.orgA.id }, adminB),
    (e) =>
      e instanceof DomainError &&
      e.fields[0]?.path === 'organisationId' &&
      e.fields[0]?.message === 'organisation_not_yours',
  )
})

test('more seats move people up; a new time mails the changed invitation with a higher sequence', async () => {
  const event = await scheduleEvent(t.deps.db, t.deps, { seats: 1, waitlistLimit: null })
  const a = await register(t.deps.db, t.deps, event.ref, { email: 'a@change.test' })
  await register(t.deps.db, t.deps, event.ref, { email: 'b@change.test' })
  await newMails()
  const more = await t.deps.db
    .transaction()
    .execute((trx) => updateEvent(trx, staff, event.ref, eventPatch.parse({ seats: 2 }), t.deps))
  assert.deepEqual([more.confirmed, more.waitlisted], [2, 0])
  assert.deepEqual(
    (await newMails()).map((m) => m.recipient),
    ['b@change.test'],
  )
  const moved = await t.deps.db
    .transaction()
    .execute((trx) =>
      updateEvent(
        trx,
        staff,
        event.ref,
        eventPatch.parse({ startsAt: '2026-06-11T18:00', endsAt: '2026-06-11T20:30' }),
        t.deps,
      ),
    )
  assert.equal(moved.sequence, 1)
  // registration closed at the start: it moves with it
  assert.equal(moved.registrationClosesAt.toISOString(), '2026-06-11T16:00:00.000Z')
  const mails = await newMails()
  assert.deepEqual(mails.map((m) => m.recipient).sort(), ['a@change.test', 'b@change.test'])
  const ics = icsOf(mails.find((m) => m.recipient === 'a@change.test'))
  assert.ok(ics.includes('SEQUENCE:1'))
  assert.ok(ics.includes('DTSTART:20260611T160000Z'))
  assert.ok(ics.includes(`UID:registration-${a.registration.id}@localhost`))
  // a change of the title alone sends nothing
  await t.deps.db
    .transaction()
    .execute((trx) => updateEvent(trx, staff, event.ref, eventPatch.parse({ titleDe: 'Infoabend (neu)' }), t.deps))
  assert.deepEqual(await newMails(), [])
})

test('cancelling the event ends every registration and tells everyone, with a CANCEL for the confirmed', async () => {
  const event = await scheduleEvent(t.deps.db, t.deps, { seats: 1, waitlistLimit: null })
  await register(t.deps.db, t.deps, event.ref, { email: 'a@off.test' })
  await register(t.deps.db, t.deps, event.ref, { email: 'b@off.test' })
  await newMails()
  const cancelled = await t.deps.db
    .transaction()
    .execute((trx) => cancelEvent(trx, staff, event.ref, { reason: 'Die Referentin ist krank.' }, t.deps))
  assert.equal(cancelled.status, 'cancelled')
  assert.deepEqual([cancelled.confirmed, cancelled.waitlisted], [0, 0])
  const mails = await newMails()
  assert.deepEqual(
    mails.map((m) => m.recipient),
    ['a@off.test', 'b@off.test'],
  )
  assert.ok(mails.every((m) => m.subject.startsWith('Abgesagt:') && m.body.includes('Die Referentin ist krank.')))
  const ics = icsOf(mails[0])
  assert.ok(ics.includes('METHOD:CANCEL'))
  assert.ok(ics.includes('SEQUENCE:1'))
  assert.deepEqual(mails[1]!.attachments, [], 'the waiting one never had an invitation')
  await assert.rejects(
    register(t.deps.db, t.deps, event.ref, { email: 'c@off.test' }),
    (e) => e instanceof DomainError && e.code === 'registration_closed',
  )
  await assert.rejects(
    t.deps.db.transaction().execute((trx) => cancelEvent(trx, staff, event.ref, { reason: 'x' }, t.deps)),
    (e) => e instanceof DomainError && e.code === 'conflict',
  )
})

test('registration closes at its time; after the start nobody can cancel', async () => {
  const event = await scheduleEvent(t.deps.db, t.deps, { registrationClosesAt: '2026-06-01T12:00' })
  const early = await register(t.deps.db, t.deps, event.ref, { email: 'early@close.test' })
  clock.set(new Date('2026-06-01T10:00:00Z'))
  try {
    await assert.rejects(
      register(t.deps.db, t.deps, event.ref, { email: 'late@close.test' }),
      (e) => e instanceof DomainError && e.code === 'registration_closed',
    )
    clock.set(new Date('2026-06-10T16:30:00Z'))
    await assert.rejects(
      t.deps.db.transaction().execute((trx) => cancelRegistrationByToken(trx, early.manageToken, t.deps)),
      (e) => e instanceof DomainError && e.code === 'registration_closed',
    )
  } finally {
    clock.set(eventsNow)
  }
})
