/**
 * The demo's events and interest list, seeded with the demo cooperative: four
 * upcoming events, one full with a waiting list, member prices for the demo's member organisations, confirmed
 * subscribers; the journal chain holds.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { createTestDb } from '../../test/support/db.ts'
import { upcomingEvents } from '../events/events.actions.ts'
import { availability } from '../events/events.rules.ts'
import { verifyAuditChain } from '../platform/audit.ts'
import { fixedClock } from '../platform/clock.ts'
import { loadConfig } from '../platform/config.ts'
import { seedDemo } from './seed-demo.ts'

test('the demo events: an info evening, a members training, a webinar and a full workshop with a waiting list', async () => {
  const handle = await createTestDb()
  try {
    const env = { clock: fixedClock(new Date('2026-03-10T10:00:00Z')), config: loadConfig({ LOG_LEVEL: 'silent' }) }
    // seedDemo seeds the events and the interest list (seedDemoEvents)
    await seedDemo(handle.db, env)
    const events = await upcomingEvents(handle.db, env.clock.now())
    assert.deepEqual(
      events.map((e) => [e.kind, e.confirmed, e.waitlisted]),
      [
        ['workshop', 6, 2],
        ['info_event', 6, 0],
        ['training', 10, 0],
        ['webinar', 5, 0],
      ],
    )
    assert.equal(availability(events[0]!, env.clock.now()).kind, 'waitlist')
    const training = await handle.db
      .selectFrom('event_registration as r')
      .innerJoin('event as e', 'e.id', 'r.event_id')
      .select(['r.email', 'r.is_member', 'r.gross_cents'])
      .where('e.kind', '=', 'training')
      .where('r.email', '=', 'jana.petersen@klimabuendnis-nord.example')
      .executeTakeFirstOrThrow()
    assert.deepEqual([training.is_member, Number(training.gross_cents)], [true, 0], 'Klimabündnis is a member')
    const interest = await handle.db
      .selectFrom('interest_subscription')
      .select(['status'])
      .orderBy('created_at')
      .execute()
    assert.deepEqual(
      interest.map((s) => s.status),
      ['confirmed', 'confirmed', 'confirmed', 'confirmed', 'pending'],
    )
    assert.equal((await verifyAuditChain(handle.db)).ok, true)
  } finally {
    await handle.close()
  }
})
