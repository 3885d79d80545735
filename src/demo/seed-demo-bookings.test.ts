import assert from 'node:assert/strict'
import { test } from 'node:test'
import { createTestDb } from '../../test/support/db.ts'
import { fixedClock } from '../platform/clock.ts'
import { loadConfig } from '../platform/config.ts'
import { seedDemo } from './seed-demo.ts'

test('the demo members book their areas; an add-on order and a public request wait in the queue', async () => {
  const handle = await createTestDb()
  try {
    const env = { clock: fixedClock(new Date('2026-03-10T10:00:00Z')), config: loadConfig({ LOG_LEVEL: 'silent' }) }
    const logins = await seedDemo(handle.db, env)
    assert.ok(logins.length > 0)
    const running = await handle.db
      .selectFrom('booking')
      .select(['source', 'status', 'cancel_reason'])
      .where('source', '=', 'staff')
      .execute()
    // the areas of the five demo organisations: 2 + 1 + 3 + 1 + 2; the one that gave notice ends them with its exit
    assert.equal(running.length, 9)
    assert.ok(running.every((b) => b.status === 'confirmed' || b.cancel_reason === 'membership ends'))
    assert.ok(running.some((b) => b.status === 'cancelled'))
    // seedDemo puts an add-on order and a public request into the team's queue (seedDemoBookings)
    const queue = await handle.db
      .selectFrom('booking')
      .select(['source', 'kind'])
      .where('status', '=', 'requested')
      .execute()
    assert.deepEqual(queue.map((b) => [b.source, b.kind]).sort(), [
      ['order', 'addon'],
      ['request', 'hourly'],
    ])
  } finally {
    await handle.close()
  }
})
