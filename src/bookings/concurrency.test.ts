/**
 * Two people ordering or confirming the same thing at the same moment on PostgreSQL, each in its own
 * transaction: one booking, one confirmation. The races are forced (test/support/race.ts).
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { createTestApp, type TestApp } from '../../test/support/app.ts'
import { openCatalog } from '../../test/support/bookings.ts'
import { onPostgres } from '../../test/support/db.ts'
import { type Cooperative, seedCooperative } from '../../test/support/factories.ts'
import { admitMember } from '../../test/support/members.ts'
import { fulfilled, race as raceOn, refusals } from '../../test/support/race.ts'
import { loadActor } from '../auth/actor.repo.ts'
import type { Actor } from '../platform/actor.ts'
import { fixedClock } from '../platform/clock.ts'
import { orderInput } from './bookings.schema.ts'
import { confirmBooking } from './decide.actions.ts'
import { placeOrder } from './order.actions.ts'

const skip = !onPostgres() && 'needs PostgreSQL (DATABASE_URL): PGlite has one connection, transactions never overlap'
const clock = fixedClock(new Date('2026-03-10T10:00:00Z'))
const context = { ip: null, userAgent: 'test', lang: 'de' as const }
let t: TestApp
let coop: Cooperative
let adminA: Actor
let staff: Actor
let board: Actor

before(async () => {
  if (skip) return
  t = await createTestApp({ clock })
  coop = await seedCooperative(t.deps)
  await openCatalog(t.deps)
  await admitMember(
    t.deps,
    { organisationName: 'Org A e.V.', primaryAreas: ['digital_infrastructure', 'it_helpdesk'] },
    { organisationId: coop.orgA.id },
  )
  adminA = (await loadActor(t.deps.db, coop.orgA.admin.accountId))!
  staff = (await loadActor(t.deps.db, coop.staff.accountId))!
  board = (await loadActor(t.deps.db, coop.board.accountId))!
})
after(() => t?.close())

const order = (areaKey: string, startsOn: string) =>
  orderInput.parse({
    organisationId: coop.orgA.id,
    areaKey,
    startsOn,
    config: { accounts: '5' },
    acceptTerms: true,
  })

test('two orders of the same area by the same organisation at once: one booking', { skip }, async () => {
  const { results, maxBlocked } = await raceOn(t.deps.db, [
    (trx) => placeOrder(trx, adminA, order('digital_infrastructure', '2026-04-01'), context, t.deps),
    (trx) => placeOrder(trx, adminA, order('digital_infrastructure', '2026-05-01'), context, t.deps),
  ])
  assert.equal(fulfilled(results).length, 1)
  assert.deepEqual(refusals(results), ['area_already_booked'])
  assert.ok(maxBlocked >= 1, 'the second order waited for the first')
  const rows = await t.deps.db
    .selectFrom('booking')
    .select('id')
    .where('organisation_id', '=', coop.orgA.id)
    .where('status', '=', 'requested')
    .execute()
  assert.equal(rows.length, 1)
})

test('two staff confirming one order at once: one confirmation', { skip }, async () => {
  const { booking } = await t.deps.db
    .transaction()
    .execute((trx) => placeOrder(trx, adminA, order('it_helpdesk', '2026-04-01'), context, t.deps))
  const { results, maxBlocked } = await raceOn(t.deps.db, [
    (trx) => confirmBooking(trx, staff, booking.id, { startsOn: '2026-04-01' }, t.deps),
    (trx) => confirmBooking(trx, board, booking.id, { startsOn: '2026-04-02' }, t.deps),
  ])
  assert.equal(fulfilled(results).length, 1)
  assert.deepEqual(refusals(results), ['booking_state'])
  assert.ok(maxBlocked >= 1)
  const confirmations = await t.deps.db
    .selectFrom('audit_entry')
    .select('seq')
    .where('action', '=', 'booking.confirmed')
    .where('subject_id', '=', booking.id)
    .execute()
  assert.equal(confirmations.length, 1)
})
