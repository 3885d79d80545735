/**
 * Two staff members listing the same organisation as a partner provider at the same moment, on PostgreSQL:
 * the organisation row is locked, so the second waits, then sees the first one's provider and is told so at
 * the field — not a bare unique-index conflict. PGlite has one connection (transactions never overlap), so this
 * runs on PostgreSQL only.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { sql } from 'kysely'
import { createTestApp, type TestApp } from '../../test/support/app.ts'
import { onPostgres } from '../../test/support/db.ts'
import { type Cooperative, seedCooperative } from '../../test/support/factories.ts'
import { systemActor } from '../platform/actor.ts'
import { fixedClock } from '../platform/clock.ts'
import { DomainError } from '../platform/errors.ts'
import { createProvider } from './providers.actions.ts'

const skip = !onPostgres() && 'needs PostgreSQL (DATABASE_URL): PGlite has one connection, transactions never overlap'
let t: TestApp
let coop: Cooperative
before(async () => {
  if (skip) return
  t = await createTestApp({ clock: fixedClock(new Date('2026-12-01T09:00:00Z')) })
  coop = await seedCooperative(t.deps)
})
after(() => t?.close())

async function lockWaiters(): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM pg_stat_activity
    WHERE datname = current_database() AND wait_event_type = 'Lock'`.execute(t.deps.db)
  return rows[0]!.n
}

test('two providers for one organisation at once: one is created, the other refused at the field', {
  skip,
}, async () => {
  const input = (key: string) => ({
    key,
    name: `Partner ${key}`,
    organisationId: coop.orgA.id,
    website: null,
    description: { de: '', en: '' },
  })
  let firstDone!: () => void
  const first = new Promise<void>((resolve) => {
    firstDone = resolve
  })
  const a = t.deps.db.transaction().execute(async (trx) => {
    const provider = await createProvider(trx, systemActor('staff-a'), input('partner-one'), t.deps)
    firstDone()
    // keep the lock until the other transaction waits for it, so the two really overlap
    for (let i = 0; i < 400 && (await lockWaiters()) === 0; i++) await new Promise((r) => setTimeout(r, 5))
    return provider
  })
  await first
  const b = t.deps.db
    .transaction()
    .execute((trx) => createProvider(trx, systemActor('staff-b'), input('partner-two'), t.deps))
  const [ra, rb] = await Promise.allSettled([a, b])
  assert.equal(ra.status, 'fulfilled')
  assert.equal(rb.status, 'rejected')
  const error = (rb as PromiseRejectedResult).reason
  assert.ok(error instanceof DomainError, String(error))
  assert.deepEqual(
    error.fields.map((f) => [f.path, f.message]),
    [['organisationId', 'provider_organisation_taken']],
  )
  const rows = await t.deps.db
    .selectFrom('provider')
    .select('key')
    .where('organisation_id', '=', coop.orgA.id)
    .execute()
  assert.deepEqual(
    rows.map((r) => r.key),
    ['partner-one'],
  )
})
