import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { createTestApp, type TestApp } from '../../test/support/app.ts'
import { api } from '../../test/support/client.ts'
import { type Cooperative, seedCooperative, tokenFor } from '../../test/support/factories.ts'
import { admitMember } from '../../test/support/members.ts'
import { recordInput } from '../bookings/bookings.schema.ts'
import { recordBooking } from '../bookings/order.actions.ts'
import { seedExamplePrices } from '../demo/seed-demo-catalog.ts'
import type { Member } from '../members/members.model.ts'
import { systemActor } from '../platform/actor.ts'
import { fixedClock } from '../platform/clock.ts'
import { todayIn } from '../platform/dates.ts'
import { expectJson, expectProblem } from './api.testing.ts'
import { fieldPaths, unchanged } from './membership.testing.ts'

const clock = fixedClock(new Date('2026-03-10T10:00:00Z'))
let t: TestApp
let coop: Cooperative
let board: string
let adminA: string
let adminB: string
let memberA: Member
let memberB: Member
let personMember: Member
before(async () => {
  t = await createTestApp({ clock })
  coop = await seedCooperative(t.deps)
  board = await tokenFor(t.deps, coop.board.accountId)
  adminA = await tokenFor(t.deps, coop.orgA.admin.accountId)
  adminB = await tokenFor(t.deps, coop.orgB.admin.accountId)
  memberA = (await admitMember(t.deps, { organisationName: 'Org A e.V.' }, { organisationId: coop.orgA.id })).member
  memberB = (
    await admitMember(t.deps, { organisationName: 'Org B gGmbH', email: 'b@b.test' }, { organisationId: coop.orgB.id })
  ).member
  personMember = (
    await admitMember(t.deps, {
      memberType: 'supporting',
      organisationName: '',
      primaryAreas: [],
      voluntaryShares: 0,
      givenName: 'outsider',
      familyName: 'Test',
      email: coop.outsider.email,
    })
  ).member
})
after(() => t.close())

interface Page<T> {
  items: T[]
  total: number
}
interface Dashboard {
  member: Member
  sharesNow: number
  mandatoryShares: number
  voluntaryShares: number
  subscribedCents: number
  capital: { dueCents: number; paidInCents: number; balanceCents: number }
  owedNowCents: number
  openPayouts: Array<{ dueBy: string }>
}

test('every write: 401 without a token, 403 without members:write, 404 for an unrelated organisation', async () => {
  const boardReadOnly = await tokenFor(t.deps, coop.board.accountId, ['members:read'])
  const m = `/members/${memberA.id}`
  const writes: Array<[string, string, unknown]> = [
    ['POST', `${m}/notice`, {}],
    ['POST', `${m}/exit`, { reason: 'exclusion', eventOn: '2026-03-10', note: 'x' }],
    ['POST', `${m}/share-declarations`, { shares: 1, consent: true }],
    ['POST', `${m}/share-cancellations`, { shares: 1 }],
    ['POST', `${m}/transfers`, { toMemberNumber: memberB.number, shares: 1 }],
    ['POST', `${m}/payments`, { amountCents: 100, receivedOn: '2026-03-10', reference: 'x' }],
    ['POST', `${m}/reversals`, { ledger: 'capital', transactionId: memberB.id, reason: 'x' }],
  ]
  for (const [method, path, json] of writes) {
    const send = (token: string | null) => () => api(t, token, path, { method, json })
    await expectProblem(await unchanged(t, send(null)), 401)
    await expectProblem(await unchanged(t, send(boardReadOnly)), 403, 'forbidden')
    await expectProblem(await unchanged(t, send(adminB)), 404, 'not_found')
  }
  for (const [path, json] of [
    ['/register/purge', undefined],
    ['/annual-accounts', { fiscalYearEnd: '2025-12-31', approvedOn: '2026-03-01' }],
  ] as const) {
    const send = (token: string | null) => () => api(t, token, path, { method: 'POST', json })
    await expectProblem(await unchanged(t, send(null)), 401)
    await expectProblem(await unchanged(t, send(boardReadOnly)), 403)
    await expectProblem(await unchanged(t, send(adminB)), 403)
  }
})

test('the register readers search members; members and staff may not', async () => {
  for (const account of [coop.board, coop.supervisor, coop.auditor]) {
    const page = await expectJson<Page<Member>>(
      await api(t, await tokenFor(t.deps, account.accountId), '/members'),
      200,
    )
    assert.equal(page.total, 3)
  }
  const found = await expectJson<Page<Member>>(await api(t, board, `/members?q=${memberB.number}`), 200)
  assert.deepEqual(
    found.items.map((m) => m.id),
    [memberB.id],
  )
  const byName = await expectJson<Page<Member>>(await api(t, board, '/members?q=org%20a&status=active'), 200)
  assert.deepEqual(
    byName.items.map((m) => m.name),
    ['Org A e.V.'],
  )
  const paged = await expectJson<Page<Member>>(await api(t, board, '/members?pageSize=2&page=2'), 200)
  assert.equal(paged.items.length, 1)
  assert.deepEqual(await fieldPaths(await api(t, board, '/members?status=gone')), ['status'])
  await expectProblem(await api(t, null, '/members'), 401)
  await expectProblem(await api(t, adminA, '/members'), 403, 'forbidden')
  await expectProblem(await api(t, await tokenFor(t.deps, coop.staff.accountId), '/members'), 403)
  await expectProblem(await api(t, await tokenFor(t.deps, coop.board.accountId, ['people:read']), '/members'), 403)
})

test('each account finds the memberships it speaks for', async () => {
  const mine = async (token: string) =>
    (await expectJson<{ items: Member[] }>(await api(t, token, '/me/memberships'), 200)).items.map((m) => m.number)
  assert.deepEqual(await mine(adminA), [memberA.number])
  assert.deepEqual(await mine(adminB), [memberB.number])
  assert.deepEqual(await mine(await tokenFor(t.deps, coop.outsider.accountId)), [personMember.number])
  assert.deepEqual(await mine(await tokenFor(t.deps, coop.orgA.user.accountId)), [])
  await expectProblem(
    await api(t, await tokenFor(t.deps, coop.orgA.admin.accountId, ['people:read']), '/me/memberships'),
    403,
  )
  await expectProblem(await api(t, null, '/me/memberships'), 401)
})

test("a member's dashboard and register entries: its own people and the board; 404 for everyone else", async () => {
  const own = await expectJson<Dashboard>(await api(t, adminA, `/members/${memberA.id}`), 200)
  assert.equal(own.member.number, memberA.number)
  assert.equal(own.member.status, 'active')
  // small tier 1 mandatory; the share for the area wanted on joining stays voluntary until the area is booked
  assert.deepEqual([own.sharesNow, own.mandatoryShares, own.voluntaryShares], [3, 1, 2])
  assert.equal(own.subscribedCents, 30_000)
  assert.equal(own.capital.dueCents, 3_000)
  assert.equal(own.owedNowCents, 3_000)
  await expectJson(await api(t, board, `/members/${memberA.id.toUpperCase()}`), 200)
  const entries = await expectJson<{ entries: Array<{ event: string; sharesAfter: number | null }> }>(
    await api(t, adminA, `/members/${memberA.id}/register-entries`),
    200,
  )
  assert.deepEqual(
    entries.entries.map((e) => [e.event, e.sharesAfter]),
    [
      ['joined', null],
      ['subscription', 3],
    ],
  )
  const outsider = await tokenFor(t.deps, coop.outsider.accountId)
  await expectJson(await api(t, outsider, `/members/${personMember.id}`), 200)
  for (const path of [`/members/${memberA.id}`, `/members/${memberA.id}/register-entries`]) {
    await expectProblem(await api(t, adminB, path), 404, 'not_found')
    await expectProblem(await api(t, outsider, path), 404)
    await expectProblem(await api(t, await tokenFor(t.deps, coop.orgA.user.accountId), path), 403)
    await expectProblem(await api(t, await tokenFor(t.deps, coop.staff.accountId), path), 403)
    await expectProblem(await api(t, null, path), 401)
  }
  await expectProblem(await api(t, adminA, `/members/${personMember.id}`), 404)
  await expectProblem(await api(t, board, '/members/00000000-0000-4000-8000-000000000000'), 404)
  assert.deepEqual(await fieldPaths(await api(t, board, '/members/M-00001')), ['id'])
})

test('notice: a preview first; a date in the past or an exit off the fiscal-year end changes nothing', async () => {
  const preview = await expectJson<{ givenOn: string; exitDates: string[]; payoutDueBy: string }>(
    await api(t, adminB, `/members/${memberB.id}/notice`),
    200,
  )
  assert.equal(preview.givenOn, '2026-03-10')
  assert.deepEqual(preview.exitDates.slice(0, 2), ['2026-12-31', '2027-12-31'])
  assert.equal(preview.payoutDueBy, '2027-06-30')
  await expectProblem(await api(t, adminA, `/members/${memberB.id}/notice`), 404)

  const url = `/members/${memberB.id}/notice`
  const give = (token: string | null, json: Record<string, unknown>) => () =>
    api(t, token, url, { method: 'POST', json })
  assert.deepEqual(await fieldPaths(await unchanged(t, give(adminB, { givenOn: '2026-03-09' }))), ['givenOn'])
  assert.deepEqual(await fieldPaths(await unchanged(t, give(adminB, { givenOn: '2026-3-10' }))), ['givenOn'])
  assert.deepEqual(await fieldPaths(await unchanged(t, give(adminB, { exitOn: '2026-06-30' }))), ['exitOn'])
  assert.deepEqual(await fieldPaths(await unchanged(t, give(adminB, { reason: 'x' }))), ['reason'])
  await expectProblem(await unchanged(t, give(adminA, {})), 404)
  await expectProblem(await unchanged(t, give(null, {})), 401)
  const readOnly = await tokenFor(t.deps, coop.orgB.admin.accountId, ['members:read'])
  await expectProblem(await unchanged(t, give(readOnly, {})), 403, 'forbidden')
  await expectProblem(await unchanged(t, give(await tokenFor(t.deps, coop.orgB.user.accountId), {})), 403)

  await t.flushMail()
  const notice = await expectJson<{ member: Member; exitOn: string; payoutDueBy: string }>(
    await api(t, adminB, url, { method: 'POST', json: { givenOn: '2026-03-10', exitOn: '2027-12-31' } }),
    200,
  )
  assert.equal(notice.exitOn, '2027-12-31')
  assert.equal(notice.payoutDueBy, '2028-06-30')
  assert.equal(notice.member.status, 'leaving')
  assert.ok((await t.flushMail()).some((m) => m.to === 'admin@b.test'))
  await expectProblem(await unchanged(t, give(adminB, {})), 409, 'member_not_active')
  const dashboard = await expectJson<Dashboard>(await api(t, adminB, `/members/${memberB.id}`), 200)
  assert.deepEqual(
    dashboard.openPayouts.map((p) => p.dueBy),
    ['2028-06-30'],
  )
})

test('the board records an exclusion; the member itself may not, and the reason must fit the member', async () => {
  const member = (await admitMember(t.deps, { organisationName: 'Ausschluss e.V.', email: 'x@aus.test' })).member
  const url = `/members/${member.id}/exit`
  const exit = (token: string, json: Record<string, unknown>) => () => api(t, token, url, { method: 'POST', json })
  const json = { reason: 'exclusion', eventOn: '2026-03-10', note: 'Beiträge trotz Mahnung nicht gezahlt' }
  assert.deepEqual(await fieldPaths(await unchanged(t, exit(board, { ...json, reason: 'death' }))), ['reason'])
  assert.deepEqual(await fieldPaths(await unchanged(t, exit(board, { ...json, reason: 'boredom' }))), ['reason'])
  assert.deepEqual(await fieldPaths(await unchanged(t, exit(board, { ...json, eventOn: '2026-03-11' }))), ['eventOn'])
  assert.deepEqual(await fieldPaths(await unchanged(t, exit(board, { ...json, note: '' }))), ['note'])
  await expectProblem(await unchanged(t, exit(adminA, json)), 404)
  await expectProblem(
    await unchanged(t, exit(await tokenFor(t.deps, coop.board.accountId, ['members:read']), json)),
    403,
  )
  const done = await expectJson<{ member: Member; exitOn: string }>(await exit(board, json)(), 200)
  assert.equal(done.exitOn, '2026-12-31')
  assert.equal(done.member.exitReason, 'exclusion')
  assert.equal(done.member.exitNote, json.note)
})

test('further shares: refused while earlier ones are unpaid, then declared and admitted by the board', async () => {
  const url = `/members/${memberA.id}/share-declarations`
  const declare = (token: string, json: Record<string, unknown>) => () => api(t, token, url, { method: 'POST', json })
  assert.deepEqual(await fieldPaths(await unchanged(t, declare(adminA, { shares: 1, consent: true }))), ['shares'])
  assert.deepEqual(await fieldPaths(await unchanged(t, declare(adminA, { shares: 1 }))), ['consent'])
  assert.deepEqual(await fieldPaths(await unchanged(t, declare(adminA, { shares: 0, consent: true }))), ['shares'])
  await expectProblem(await unchanged(t, declare(adminB, { shares: 1, consent: true })), 404)
  await expectJson(
    await api(t, board, `/members/${memberA.id}/payments`, {
      method: 'POST',
      json: { amountCents: 30_000, receivedOn: '2026-03-10', reference: 'SEPA' },
    }),
    201,
  )
  const { application, trackingToken } = await expectJson<{
    application: { id: string; status: string; totalShares: number }
    trackingToken: string
  }>(await declare(adminA, { shares: 2, consent: true })(), 201)
  assert.equal(application.totalShares, 2)
  assert.equal(
    (await expectJson<{ status: string }>(await api(t, null, `/applications/tracking/${trackingToken}`), 200)).status,
    'submitted',
  )
  // the member's own people may read that declaration, not decide it
  await expectJson(await api(t, adminA, `/applications/${application.id}`), 200)
  await expectProblem(
    await unchanged(t, () => api(t, adminA, `/applications/${application.id}/approve`, { method: 'POST', json: {} })),
    403,
  )
  await expectJson(await api(t, board, `/applications/${application.id}/approve`, { method: 'POST', json: {} }), 200)
  const dashboard = await expectJson<Dashboard>(await api(t, adminA, `/members/${memberA.id}`), 200)
  assert.deepEqual([dashboard.sharesNow, dashboard.mandatoryShares, dashboard.voluntaryShares], [5, 1, 4])
})

test('primary areas come from the bookings: a member shows what it books today, no list to set', async () => {
  const none = await expectJson<Dashboard>(await api(t, board, `/members/${memberA.id}`), 200)
  assert.deepEqual(none.member.primaryAreas, [])
  await t.deps.db.transaction().execute(async (trx) => {
    await seedExamplePrices(trx, systemActor('test'), t.deps, todayIn(t.deps.clock.now()))
    await recordBooking(
      trx,
      systemActor('test'),
      recordInput.parse({
        organisationId: coop.orgA.id,
        areaKey: 'digital_infrastructure',
        startsOn: todayIn(t.deps.clock.now()),
        config: { accounts: 4 },
      }),
      t.deps,
    )
  })
  const booked = await expectJson<Dashboard>(await api(t, board, `/members/${memberA.id}`), 200)
  assert.deepEqual(booked.member.primaryAreas, ['digital_infrastructure'])
})
