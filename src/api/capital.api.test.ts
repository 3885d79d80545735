import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { createTestApp, type TestApp } from '../../test/support/app.ts'
import { bookArea, openCatalog } from '../../test/support/bookings.ts'
import { api } from '../../test/support/client.ts'
import { type Cooperative, seedCooperative, tokenFor } from '../../test/support/factories.ts'
import { admitMember } from '../../test/support/members.ts'
import type { Member } from '../members/members.model.ts'
import { fixedClock } from '../platform/clock.ts'
import { expectJson, expectProblem } from './api.testing.ts'
import { fieldPaths, unchanged } from './membership.testing.ts'

const clock = fixedClock(new Date('2026-03-10T10:00:00Z'))
let t: TestApp
let coop: Cooperative
let board: string
let boardReadOnly: string
let adminA: string
let adminB: string
let x: Member
let y: Member
before(async () => {
  t = await createTestApp({ clock })
  coop = await seedCooperative(t.deps)
  board = await tokenFor(t.deps, coop.board.accountId)
  boardReadOnly = await tokenFor(t.deps, coop.board.accountId, ['members:read'])
  adminA = await tokenFor(t.deps, coop.orgA.admin.accountId)
  adminB = await tokenFor(t.deps, coop.orgB.admin.accountId)
  x = (await admitMember(t.deps, { organisationName: 'Org A e.V.' }, { organisationId: coop.orgA.id })).member
  y = (
    await admitMember(t.deps, { organisationName: 'Org B gGmbH', email: 'b@b.test' }, { organisationId: coop.orgB.id })
  ).member
  // both book the area they wanted on joining: its share is mandatory while the area runs
  await openCatalog(t.deps)
  await bookArea(t.deps, coop.orgA.id)
  await bookArea(t.deps, coop.orgB.id)
})
after(() => t.close())

interface Ledgers {
  sharesNow: number
  balanceCents: number
  owedNowCents: number
  shares: Array<{ id: string; kind: string; shares: number; reversed: boolean }>
  capital: Array<{ id: string; kind: string; amountCents: number; effectiveOn: string; reversed: boolean }>
}

const ledgers = async (token: string, member: Member) =>
  expectJson<Ledgers>(await api(t, token, `/members/${member.id}/ledgers`), 200)
const post = (token: string | null, path: string, json: unknown) => () => api(t, token, path, { method: 'POST', json })

test("the ledgers: the member's people and the register readers read them, nobody else", async () => {
  const own = await ledgers(adminA, x)
  assert.deepEqual(
    own.shares.map((s) => [s.kind, s.shares]),
    [['subscription', 3]],
  )
  // 10 % at admission, the rest in three yearly instalments (§7 GenG)
  assert.deepEqual(
    own.capital.map((c) => [c.kind, c.effectiveOn]),
    [
      ['payment_due', '2026-03-10'],
      ['payment_due', '2027-03-10'],
      ['payment_due', '2028-03-10'],
      ['payment_due', '2029-03-10'],
    ],
  )
  assert.equal(own.owedNowCents, 3_000)
  await ledgers(await tokenFor(t.deps, coop.auditor.accountId), x)
  const path = `/members/${x.id}/ledgers`
  await expectProblem(await api(t, adminB, path), 404)
  await expectProblem(await api(t, await tokenFor(t.deps, coop.orgA.user.accountId), path), 403)
  await expectProblem(await api(t, await tokenFor(t.deps, coop.orgA.admin.accountId, ['people:read']), path), 403)
  await expectProblem(await api(t, null, path), 401)
})

test('payments: the board books them; too much, a future date or the wrong people change nothing', async () => {
  const path = `/members/${x.id}/payments`
  const json = { amountCents: 30_000, receivedOn: '2026-03-10', reference: 'SEPA 1' }
  assert.deepEqual(await fieldPaths(await unchanged(t, post(board, path, { ...json, amountCents: 30_001 }))), [
    'amountCents',
  ])
  assert.deepEqual(await fieldPaths(await unchanged(t, post(board, path, { ...json, amountCents: 0 }))), [
    'amountCents',
  ])
  assert.deepEqual(await fieldPaths(await unchanged(t, post(board, path, { ...json, receivedOn: '2026-03-11' }))), [
    'receivedOn',
  ])
  assert.deepEqual(await fieldPaths(await unchanged(t, post(board, path, { ...json, reference: '' }))), ['reference'])
  await expectProblem(await unchanged(t, post(adminA, path, json)), 403)
  await expectProblem(await unchanged(t, post(boardReadOnly, path, json)), 403)
  await expectProblem(await unchanged(t, post(adminB, path, json)), 404)
  await expectProblem(await unchanged(t, post(null, path, json)), 401)
  const booked = await expectJson<{ transactionId: string }>(await post(board, path, json)(), 201)
  const after = await ledgers(board, x)
  assert.equal(after.balanceCents, 30_000)
  assert.equal(after.owedNowCents, 0)
  assert.equal(after.capital.at(-1)?.id, booked.transactionId)
})

test('reversals: an exact negative; a reversal cannot be reversed, nothing twice, only the member’s own entries', async () => {
  const before = await ledgers(board, x)
  const payment = before.capital.find((c) => c.kind === 'payment_received')!
  const path = `/members/${x.id}/reversals`
  const reversal = await expectJson<{ reversalIds: string[] }>(
    await post(board, path, { ledger: 'capital', transactionId: payment.id, reason: 'Falsches Mitglied' })(),
    201,
  )
  assert.equal(reversal.reversalIds.length, 1)
  const after = await ledgers(board, x)
  assert.equal(after.balanceCents, 0)
  assert.ok(after.capital.find((c) => c.id === payment.id)?.reversed)

  const reverse = (json: Record<string, unknown>) => post(board, path, { reason: 'nochmal', ...json })
  assert.deepEqual(
    await fieldPaths(await unchanged(t, reverse({ ledger: 'capital', transactionId: reversal.reversalIds[0] }))),
    ['transactionId'],
  )
  await expectProblem(await unchanged(t, reverse({ ledger: 'capital', transactionId: payment.id })), 409, 'ledger_rule')
  const ofY = (await ledgers(board, y)).capital[0]!
  assert.deepEqual(await fieldPaths(await unchanged(t, reverse({ ledger: 'capital', transactionId: ofY.id }))), [
    'transactionId',
  ])
  // the capital id is not a share entry
  assert.deepEqual(await fieldPaths(await unchanged(t, reverse({ ledger: 'shares', transactionId: payment.id }))), [
    'transactionId',
  ])
  assert.deepEqual(await fieldPaths(await unchanged(t, reverse({ ledger: 'cash', transactionId: payment.id }))), [
    'ledger',
  ])
  // reversing the subscription would leave the member below its mandatory shares
  const subscription = before.shares[0]!
  await expectProblem(
    await unchanged(t, reverse({ ledger: 'shares', transactionId: subscription.id })),
    409,
    'shares_below_mandatory',
  )
  await expectProblem(
    await unchanged(t, () =>
      api(t, adminA, path, {
        method: 'POST',
        json: { ledger: 'capital', transactionId: payment.id, reason: 'mine' },
      }),
    ),
    403,
  )
  await expectJson(
    await post(board, `/members/${x.id}/payments`, {
      amountCents: 30_000,
      receivedOn: '2026-03-10',
      reference: 'SEPA 2',
    })(),
    201,
  )
})

test('transfers (§76): fully paid shares to another member; more than held, to oneself or the mandatory ones are refused', async () => {
  const path = `/members/${x.id}/transfers`
  const json = { toMemberNumber: y.number, shares: 1 }
  assert.deepEqual(await fieldPaths(await unchanged(t, post(board, path, { ...json, shares: 10 }))), ['shares'])
  assert.deepEqual(await fieldPaths(await unchanged(t, post(board, path, { ...json, toMemberNumber: x.number }))), [
    'toMemberNumber',
  ])
  assert.deepEqual(await fieldPaths(await unchanged(t, post(board, path, { ...json, toMemberNumber: 'M-99999' }))), [
    'toMemberNumber',
  ])
  assert.deepEqual(await fieldPaths(await unchanged(t, post(board, path, { ...json, effectiveOn: '2026-03-01' }))), [
    'effectiveOn',
  ])
  await expectProblem(await unchanged(t, post(board, path, { ...json, shares: 2 })), 409, 'shares_below_mandatory')
  // the receiving member has not paid in full: it may receive, but not give
  assert.deepEqual(
    await fieldPaths(
      await unchanged(t, post(board, `/members/${y.id}/transfers`, { toMemberNumber: x.number, shares: 1 })),
    ),
    ['shares'],
  )
  await expectProblem(await unchanged(t, post(adminA, path, json)), 403)
  await expectProblem(await unchanged(t, post(adminB, path, json)), 404)
  const transfer = await expectJson<{ transferId: string; amountCents: number; effectiveOn: string }>(
    await post(board, path, json)(),
    201,
  )
  assert.equal(transfer.amountCents, 10_000)
  const from = await ledgers(board, x)
  const to = await ledgers(board, y)
  assert.equal(from.sharesNow, 2)
  assert.equal(to.sharesNow, 4)
  assert.equal(from.balanceCents, 20_000)
  assert.equal(to.balanceCents, 10_000)
  assert.deepEqual(
    to.capital.filter((c) => c.kind === 'adoption').map((c) => c.amountCents),
    [10_000],
  )
})

test('§67b cancellation of voluntary shares by the member; the mandatory ones stay', async () => {
  // paid in full (30,000 on its own shares, 10,000 came with the transfer)
  await expectJson(
    await post(board, `/members/${y.id}/payments`, {
      amountCents: 30_000,
      receivedOn: '2026-03-10',
      reference: 'SEPA B',
    })(),
    201,
  )
  const path = `/members/${y.id}/share-cancellations`
  await expectProblem(await unchanged(t, post(adminB, path, { shares: 3 })), 409, 'shares_below_mandatory')
  assert.deepEqual(await fieldPaths(await unchanged(t, post(adminB, path, { shares: 0 }))), ['shares'])
  await expectProblem(await unchanged(t, post(adminA, path, { shares: 1 })), 404)
  const readOnly = await tokenFor(t.deps, coop.orgB.admin.accountId, ['members:read'])
  await expectProblem(await unchanged(t, post(readOnly, path, { shares: 1 })), 403)
  const cancelled = await expectJson<{ effectiveOn: string; sharesAfter: number; mandatory: number }>(
    await post(adminB, path, { shares: 2 })(),
    201,
  )
  assert.deepEqual(cancelled, { ...cancelled, effectiveOn: '2026-12-31', sharesAfter: 2, mandatory: 2 })
  assert.equal((await ledgers(adminB, y)).sharesNow, 4, 'held until the cancellation takes effect')
})

test('payouts: the worklist, annual accounts, settlement once they are approved', async () => {
  interface Payout {
    id: string
    memberNumber: string
    cause: string
    status: string
    dueBy: string
    amountCents: number
  }
  const list = await expectJson<{ items: Payout[] }>(await api(t, boardReadOnly, '/payouts?status=open'), 200)
  assert.deepEqual(
    list.items.map((p) => [p.memberNumber, p.cause, p.status, p.dueBy]),
    [[y.number, 'share_cancellation', 'awaiting_accounts', '2027-06-30']],
  )
  const payout = list.items[0]!
  await expectProblem(await api(t, adminB, '/payouts'), 403)
  await expectProblem(await api(t, null, '/payouts'), 401)
  assert.deepEqual(await fieldPaths(await api(t, board, '/payouts?status=late')), ['status'])

  const settle = `/payouts/${payout.id}/settle`
  clock.set(new Date('2027-05-20T10:00:00Z'))
  await expectProblem(
    await unchanged(t, post(board, settle, { paidOn: '2027-05-20', reference: 'Auszahlung' })),
    409,
    'accounts_not_approved',
  )
  const accounts = { fiscalYearEnd: '2026-12-31', approvedOn: '2027-05-15', lossPercent: 10, note: 'GV 2027' }
  assert.deepEqual(
    await fieldPaths(await unchanged(t, post(board, '/annual-accounts', { ...accounts, fiscalYearEnd: '2026-06-30' }))),
    ['fiscalYearEnd'],
  )
  assert.deepEqual(
    await fieldPaths(await unchanged(t, post(board, '/annual-accounts', { ...accounts, approvedOn: '2027-05-21' }))),
    ['approvedOn'],
  )
  assert.deepEqual(
    await fieldPaths(await unchanged(t, post(board, '/annual-accounts', { ...accounts, lossPercent: 101 }))),
    ['lossPercent'],
  )
  await expectProblem(await unchanged(t, post(boardReadOnly, '/annual-accounts', accounts)), 403)
  await expectJson(await post(board, '/annual-accounts', accounts)(), 201)
  assert.deepEqual(await fieldPaths(await unchanged(t, post(board, '/annual-accounts', accounts))), ['fiscalYearEnd'])
  const recorded = await expectJson<{ items: Array<{ fiscalYearEnd: string; lossPercent: number }> }>(
    await api(t, board, '/annual-accounts'),
    200,
  )
  assert.deepEqual(recorded.items, [{ ...accounts }])

  assert.deepEqual(
    await fieldPaths(await unchanged(t, post(board, settle, { paidOn: '2026-12-31', reference: 'zu früh' }))),
    ['paidOn'],
  )
  await expectProblem(await unchanged(t, post(adminB, settle, { paidOn: '2027-05-20', reference: 'x' })), 403)
  const paid = await expectJson<Payout>(
    await post(board, settle, { paidOn: '2027-05-20', reference: 'Auszahlung' })(),
    200,
  )
  // the capital on the two cancelled shares, less the 10 % loss share
  assert.equal(paid.status, 'paid')
  assert.equal(paid.amountCents, 18_000)
  await expectProblem(
    await unchanged(t, post(board, settle, { paidOn: '2027-05-20', reference: 'doppelt' })),
    409,
    'already_decided',
  )
  await expectProblem(
    await api(t, board, '/payouts/00000000-0000-4000-8000-000000000000/settle', {
      method: 'POST',
      json: { paidOn: '2027-05-20', reference: 'x' },
    }),
    404,
  )
})
