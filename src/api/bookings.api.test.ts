import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { sql } from 'kysely'
import { createTestApp, type TestApp } from '../../test/support/app.ts'
import { openCatalog } from '../../test/support/bookings.ts'
import { api } from '../../test/support/client.ts'
import { type Cooperative, seedCooperative, tokenFor } from '../../test/support/factories.ts'
import { admitMember } from '../../test/support/members.ts'
import { fixedClock } from '../platform/clock.ts'
import { expectJson, expectProblem } from './api.testing.ts'
import { fieldPaths, membershipSnapshot } from './membership.testing.ts'

const clock = fixedClock(new Date('2026-03-10T10:00:00Z'))
let t: TestApp
let coop: Cooperative
let adminA: string
let adminB: string
let staff: string
let readOnly: string

before(async () => {
  t = await createTestApp({ clock })
  coop = await seedCooperative(t.deps)
  await openCatalog(t.deps)
  await admitMember(t.deps, { organisationName: 'Org A e.V.' }, { organisationId: coop.orgA.id })
  adminA = await tokenFor(t.deps, coop.orgA.admin.accountId)
  adminB = await tokenFor(t.deps, coop.orgB.admin.accountId)
  staff = await tokenFor(t.deps, coop.staff.accountId)
  readOnly = await tokenFor(t.deps, coop.orgA.admin.accountId, ['orders:read'])
})
after(() => t.close())

interface BookingJson {
  id: string
  ref: string
  state: string
  status: string
  endsOn: string | null
  price: { monthlyCents: number | null; hourlyCents: number | null }
}

/** Bookings, memberships, the journal and the outbox as they are: a refused request changes none of them. */
async function unchanged(request: () => Promise<Response>): Promise<Response> {
  const snap = async () => ({
    membership: await membershipSnapshot(t),
    bookings: (await sql`SELECT to_jsonb(b)::text AS row FROM booking b ORDER BY 1`.execute(t.deps.db)).rows,
  })
  const before = await snap()
  const res = await request()
  await res.clone().text()
  assert.deepEqual(await snap(), before, 'a refused request must leave the data as it was')
  return res
}

const order = (overrides: Record<string, unknown> = {}) => ({
  organisationId: coop.orgA.id,
  areaKey: 'digital_infrastructure',
  startsOn: '2026-04-01',
  config: { accounts: 7 },
  acceptTerms: true,
  ...overrides,
})

test('orders: bad input is a 422 with field paths and changes nothing; a good one is requested', async () => {
  const post = (token: string, json: unknown) => () => api(t, token, '/orders', { method: 'POST', json })
  assert.deepEqual(await fieldPaths(await unchanged(post(adminA, order({ startsOn: '10.3.26' })))), ['startsOn'])
  assert.deepEqual(await fieldPaths(await unchanged(post(adminA, order({ acceptTerms: false, config: {} })))), [
    'acceptTerms',
    'config.accounts',
  ])
  assert.deepEqual(await fieldPaths(await unchanged(post(adminA, order({ startsOn: '2026-03-01' })))), ['startsOn'])
  assert.deepEqual(await fieldPaths(await unchanged(post(adminA, order({ unknown: 1 })))), ['unknown'])
  // Org B is not a member: no primary area for it
  assert.deepEqual(await fieldPaths(await unchanged(post(adminB, order({ organisationId: coop.orgB.id })))), [
    'areaKey',
  ])
  await expectProblem(await unchanged(post(adminB, order())), 404)
  await expectProblem(await unchanged(post(readOnly, order())), 403)
  const created = await expectJson<{ booking: BookingJson; shareApplication: null }>(await post(adminA, order())(), 201)
  assert.equal(created.booking.state, 'requested')
  assert.equal(created.shareApplication, null)
  assert.deepEqual(await fieldPaths(await unchanged(post(adminA, order({ startsOn: '2026-05-01' })))), ['areaKey'])
})

test('staff confirm; the organisation reads it, cancels it by the preview; others get 404', async () => {
  const mine = await expectJson<{ items: BookingJson[] }>(await api(t, adminA, '/bookings?state=requested'), 200)
  const booking = mine.items[0]!
  assert.deepEqual((await expectJson<{ items: BookingJson[] }>(await api(t, adminB, '/bookings'), 200)).items, [])
  await expectProblem(await api(t, adminB, `/bookings/${booking.id}`), 404)
  await expectProblem(
    await unchanged(() =>
      api(t, adminA, `/bookings/${booking.id}/confirm`, { method: 'POST', json: { startsOn: '2026-04-01' } }),
    ),
    403,
  )
  const confirmed = await expectJson<BookingJson>(
    await api(t, staff, `/bookings/${booking.id}/confirm`, { method: 'POST', json: { startsOn: '2026-04-01' } }),
    200,
  )
  assert.deepEqual([confirmed.status, confirmed.state], ['confirmed', 'confirmed'])
  await expectProblem(
    await unchanged(() =>
      api(t, staff, `/bookings/${booking.id}/confirm`, { method: 'POST', json: { startsOn: '2026-04-01' } }),
    ),
    409,
    'booking_state',
  )
  const preview = await expectJson<{ endDates: string[] }>(
    await api(t, adminA, `/bookings/${booking.id}/cancellation-preview`),
    200,
  )
  assert.equal(preview.endDates[0], '2026-04-30')
  assert.deepEqual(
    await fieldPaths(
      await unchanged(() =>
        api(t, adminA, `/bookings/${booking.id}/cancel`, { method: 'POST', json: { endsOn: '2026-04-15' } }),
      ),
    ),
    ['endsOn'],
  )
  const cancelled = await expectJson<BookingJson>(
    await api(t, adminA, `/bookings/${booking.id}/cancel`, {
      method: 'POST',
      json: { endsOn: '2026-04-30', reason: 'Umzug' },
    }),
    200,
  )
  assert.deepEqual([cancelled.state, cancelled.endsOn], ['cancelled', '2026-04-30'])
  const detail = await expectJson<{ history: Array<{ action: string }>; sharesOffer: { shares: number } | null }>(
    await api(t, adminA, `/bookings/${booking.id}`),
    200,
  )
  assert.deepEqual(
    detail.history.map((h) => h.action),
    ['booking.ordered', 'booking.confirmed', 'booking.cancelled'],
  )
  // the area's share was held on joining: it is no longer mandatory at the end of the year
  assert.equal(detail.sharesOffer?.shares, 1)
})

test('a public request without a token: submitted, tracked and withdrawn', async () => {
  const json = {
    organisationName: 'Kulturverein',
    givenName: 'Mara',
    familyName: 'Nord',
    email: 'mara@kultur.test',
    serviceKey: 'inhouse_training',
    quantity: 8,
    message: 'Ein Tag Nextcloud-Schulung',
    consent: true,
  }
  assert.deepEqual(
    await fieldPaths(
      await unchanged(() => api(t, null, '/order-requests', { method: 'POST', json: { ...json, consent: false } })),
    ),
    ['consent'],
  )
  assert.deepEqual(
    await fieldPaths(
      await unchanged(() => api(t, null, '/order-requests', { method: 'POST', json: { ...json, serviceKey: 'mail' } })),
    ),
    ['serviceKey'],
  )
  const sent = await expectJson<{ ref: string; trackingToken: string }>(
    await api(t, null, '/order-requests', { method: 'POST', json }),
    201,
  )
  const tracked = await expectJson<{ status: string; hours: number }>(
    await api(t, null, `/order-requests/tracking/${sent.trackingToken}`),
    200,
  )
  assert.deepEqual([tracked.status, tracked.hours], ['requested', 8])
  const withdrawn = await expectJson<{ status: string }>(
    await api(t, null, `/order-requests/tracking/${sent.trackingToken}/withdraw`, { method: 'POST' }),
    200,
  )
  assert.equal(withdrawn.status, 'withdrawn')
  await expectProblem(
    await api(t, null, `/order-requests/tracking/${sent.trackingToken}/withdraw`, { method: 'POST' }),
    409,
  )
  await expectProblem(await api(t, null, '/bookings'), 401)
})
