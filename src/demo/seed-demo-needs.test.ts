import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { createTestApp, type TestApp } from '../../test/support/app.ts'
import { type Cooperative, seedCooperative } from '../../test/support/factories.ts'
import { overviewQuery } from '../needs/needs.schema.ts'
import { needsOverview } from '../needs/overview.actions.ts'
import { systemActor } from '../platform/actor.ts'
import { fixedClock } from '../platform/clock.ts'
import { seedExamplePrices } from './seed-demo-catalog.ts'
import { seedDemoNeeds } from './seed-demo-needs.ts'

let t: TestApp
let coop: Cooperative
before(async () => {
  t = await createTestApp({ clock: fixedClock(new Date('2026-03-01T09:00:00Z')) })
  coop = await seedCooperative(t.deps)
})
after(() => t.close())

test('the demo questionnaires: every stage and several sizes in the founders’ view, follow-ups, one erased', async () => {
  const system = systemActor('seed-demo')
  const { refs } = await t.deps.db.transaction().execute(async (trx) => {
    await seedExamplePrices(
      trx,
      system,
      { ...t.deps, clock: fixedClock(new Date('2024-01-01T08:00:00Z')) },
      '2024-01-01',
    )
    return seedDemoNeeds(trx, t.deps, { assignedAccountId: coop.board.accountId })
  })
  assert.equal(refs.length, 10)
  const overview = await needsOverview(t.deps.db, system, overviewQuery.parse({}), '2026-03-01')
  assert.equal(overview.aggregate.total.organisations, 10)
  for (const stage of overview.aggregate.byStage) assert.ok(stage.organisations >= 2, stage.stage)
  const tiers = new Set(overview.items.map((i) => i.projection.sizeTierKey))
  assert.deepEqual([...tiers].sort(), ['large', 'medium', 'small', 'very_large'])
  assert.ok(overview.aggregate.total.monthlyNetCents > 0)
  assert.equal(overview.items.filter((i) => i.erased).length, 1)
  assert.equal(overview.items.filter((i) => i.followUpStatus !== 'new').length, 4)
  assert.ok(overview.items.filter((i) => i.assignedAccountId === coop.board.accountId).length === 4)
  // submitted over the last weeks, oldest first
  const days = overview.items.map((i) => i.submittedAt).sort()
  assert.ok(days[0]! < '2026-02-01' && days[9]! > '2026-02-25')
})
