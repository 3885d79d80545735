/**
 * Registrations racing on PostgreSQL, each in its own transaction: two people taking the last seat at once get
 * one seat and one waiting-list place; a cancellation (which promotes the next) and new registrations at once
 * never over-book. Every race is forced as in src/members/concurrency.test.ts: all transactions begin before
 * any works, and one that has done its work holds its locks until every other one waits on a lock (or is done).
 * PGlite runs a single connection, so these tests run on PostgreSQL only.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { createTestApp, type TestApp } from '../../test/support/app.ts'
import { onPostgres } from '../../test/support/db.ts'
import { race as sharedRace } from '../../test/support/race.ts'
import type { Trx } from '../db/db.ts'
import { anonymous } from '../platform/actor.ts'
import { fixedClock } from '../platform/clock.ts'
import { DomainError } from '../platform/errors.ts'
import { eventsNow, register, scheduleEvent } from './events.testing.ts'
import { cancelRegistrationByToken, registerForEvent } from './registrations.actions.ts'

const skip = !onPostgres() && 'needs PostgreSQL (DATABASE_URL): PGlite has one connection, transactions never overlap'
const rounds = 5
const clock = fixedClock(eventsNow)
let t: TestApp

before(async () => {
  if (skip) return
  t = await createTestApp({ clock })
})
after(() => t?.close())

type Settled<T> = PromiseSettledResult<T>

/** The forced race of test/support/race.ts on this file's database. */
function race<T>(fns: Array<(trx: Trx) => Promise<T>>): Promise<{ results: Settled<T>[]; maxBlocked: number }> {
  return sharedRace(t.deps.db, fns)
}

let people = 0
function registration(ref: string) {
  const email = `racer${++people}@race.test`
  return (trx: Trx) =>
    registerForEvent(
      trx,
      anonymous,
      ref,
      { name: 'Racer', email, organisation: null, organisationId: null, consent: true },
      { ip: `198.18.${Math.floor(people / 250)}.${people % 250}`, userAgent: 'race', lang: 'de' },
      t.deps,
    )
}

async function statuses(eventId: string) {
  const rows = await t.deps.db
    .selectFrom('event_registration')
    .select(['status', 'waitlist_position'])
    .where('event_id', '=', eventId)
    .execute()
  return {
    confirmed: rows.filter((r) => r.status === 'confirmed').length,
    waitlisted: rows.filter((r) => r.status === 'waitlisted').length,
    positions: rows.map((r) => r.waitlist_position).filter((p) => p !== null),
  }
}

test('two people take the last seat at once: one is confirmed, one waits', { skip }, async () => {
  for (let round = 0; round < rounds; round++) {
    const event = await scheduleEvent(t.deps.db, t.deps, { seats: 2, waitlistLimit: null })
    await register(t.deps.db, t.deps, event.ref, { email: `first${round}@race.test` })
    const { results, maxBlocked } = await race([registration(event.ref), registration(event.ref)])
    assert.ok(maxBlocked >= 1, 'the second waited on the lock of the first')
    const outcomes = results.map((r) => {
      if (r.status === 'rejected') throw r.reason
      return r.value.registration.status
    })
    assert.deepEqual(outcomes.sort(), ['confirmed', 'waitlisted'])
    const now = await statuses(event.id)
    assert.deepEqual([now.confirmed, now.waitlisted], [2, 1])
  }
})

test('a cancellation and registrations at once never over-book; the waiting list keeps its order', {
  skip,
}, async () => {
  for (let round = 0; round < rounds; round++) {
    const event = await scheduleEvent(t.deps.db, t.deps, { seats: 1, waitlistLimit: 2 })
    const holder = await register(t.deps.db, t.deps, event.ref, { email: `holder${round}@race.test` })
    await register(t.deps.db, t.deps, event.ref, { email: `waiting${round}@race.test` })
    const { results, maxBlocked } = await race<unknown>([
      (trx) => cancelRegistrationByToken(trx, holder.manageToken, t.deps),
      registration(event.ref),
      registration(event.ref),
    ])
    assert.ok(maxBlocked >= 1)
    const refusals = results
      .filter((r): r is PromiseRejectedResult => r.status === 'rejected')
      .map((r) => {
        if (!(r.reason instanceof DomainError)) throw r.reason
        return r.reason.code
      })
    const now = await statuses(event.id)
    assert.equal(now.confirmed, 1, 'never more confirmed than seats')
    // depending on who came first, the second registration finds the list full (before the cancellation moved
    // the waiting one up) or not
    assert.ok(refusals.every((code) => code === 'event_full'))
    assert.equal(now.waitlisted + refusals.length, 2, 'each registration either waits or is refused as full')
    assert.ok(now.waitlisted <= 2, 'the waiting list keeps its limit')
    assert.equal(new Set(now.positions).size, now.positions.length, 'no position is given twice')
    const promoted = await t.deps.db
      .selectFrom('event_registration')
      .select('status')
      .where('email', '=', `waiting${round}@race.test`)
      .executeTakeFirstOrThrow()
    assert.equal(promoted.status, 'confirmed', 'the one who waited first got the seat')
  }
})
