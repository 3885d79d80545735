import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { createTestApp, type TestApp } from '../../test/support/app.ts'
import { systemActor } from '../platform/actor.ts'
import { fixedClock } from '../platform/clock.ts'
import { seedDemoCatalogPartner } from './seed-demo-catalog-partner.ts'

const clock = fixedClock(new Date('2026-12-01T09:00:00Z'))
let t: TestApp
before(async () => {
  t = await createTestApp({ clock })
})
after(() => t.close())

test('the demo partner cooperative lists its own orderable area, shown with its name', async () => {
  await t.deps.db
    .transaction()
    .execute((trx) => seedDemoCatalogPartner(trx, systemActor('seed-demo'), t.deps, '2026-12-01'))
  const body = await (await t.app.request('/catalog/accessibility')).text()
  assert.match(body, /Angeboten von Datenwerk Leipzig eG/)
  assert.match(body, /data-status="orderable"/)
  assert.match(body, /80,00\s€\/h/)
})
