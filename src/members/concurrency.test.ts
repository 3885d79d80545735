/**
 * Two people doing the same thing at the same moment on PostgreSQL, each in its own transaction: admissions,
 * cancellations, transfers and payments stay consistent. Every race is forced: all transactions start before
 * any works, and one that has done its work keeps its locks until every other one waits on a lock (or is done).
 * PGlite runs a single connection, so its transactions never overlap: these tests run on PostgreSQL only.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { createTestApp, type TestApp } from '../../test/support/app.ts'
import { bookArea, openCatalog } from '../../test/support/bookings.ts'
import { onPostgres } from '../../test/support/db.ts'
import { admitMember, declaration } from '../../test/support/members.ts'
import { fulfilled, race as raceOn, refusals } from '../../test/support/race.ts'
import { loadActor } from '../auth/actor.repo.ts'
import { cancelVoluntaryShares, ledgerSummary, recordPayment } from '../capital/ledger.actions.ts'
import { transferShares } from '../capital/transfers.actions.ts'
import type { Trx } from '../db/db.ts'
import { createOrganisation } from '../organisations/organisations.actions.ts'
import { organisationInput } from '../organisations/organisations.schema.ts'
import { createAccount } from '../people/accounts.actions.ts'
import { type Actor, systemActor } from '../platform/actor.ts'
import { fixedClock } from '../platform/clock.ts'
import { adoptStatutes } from '../statutes/statutes.actions.ts'
import { defaultStatutes } from '../statutes/statutes.rules.ts'
import { approveApplication } from './admission.actions.ts'
import { submitApplication } from './applications.actions.ts'

const skip = !onPostgres() && 'needs PostgreSQL (DATABASE_URL): PGlite has one connection, transactions never overlap'
const rounds = 5
const today = '2026-03-10'
const clock = fixedClock(new Date(`${today}T10:00:00Z`))
const system = systemActor('test')
let t: TestApp
let boardA: Actor
let boardB: Actor
let counter = 0

before(async () => {
  if (skip) return
  t = await createTestApp({ clock })
  const ids = await t.deps.db.transaction().execute(async (trx) => {
    const make = (email: string) =>
      createAccount(trx, system, { email, givenName: email, familyName: 'Vorstand', roles: ['board'] }, t.deps)
    return [await make('clara@board.test'), await make('jonas@board.test')]
  })
  await openCatalog(t.deps)
  boardA = (await loadActor(t.deps.db, ids[0]!.accountId))!
  boardB = (await loadActor(t.deps.db, ids[1]!.accountId))!
})
after(() => t?.close())

const race = <T>(fns: Array<(trx: Trx) => Promise<T>>) => raceOn(t.deps.db, fns)

async function submit(): Promise<string> {
  const n = ++counter
  const { application } = await t.deps.db
    .transaction()
    .execute((trx) =>
      submitApplication(
        trx,
        declaration({ organisationName: `Gleichzeitig ${n} e.V.`, email: `vertretung${n}@gleich.test` }),
        { ip: null, userAgent: null, lang: 'de' },
        t.deps,
      ),
    )
  return application.id
}

async function admissionState(applicationId: string) {
  const [application, members, approvals] = await Promise.all([
    t.deps.db
      .selectFrom('membership_application')
      .select(['status', 'member_id'])
      .where('id', '=', applicationId)
      .executeTakeFirstOrThrow(),
    t.deps.db.selectFrom('member').select('id').where('application_id', '=', applicationId).execute(),
    t.deps.db
      .selectFrom('application_approval')
      .select('account_id')
      .where('application_id', '=', applicationId)
      .execute(),
  ])
  const shares = members[0]
    ? await t.deps.db.selectFrom('share_transaction').select('shares').where('member_id', '=', members[0].id).execute()
    : []
  return { application, members, approvals, shares }
}

async function admissionsOf(memberId: string): Promise<number> {
  const rows = await t.deps.db
    .selectFrom('audit_entry')
    .select('seq')
    .where('action', '=', 'member.admitted')
    .where('subject_id', '=', memberId)
    .execute()
  return rows.length
}

test('two board members admitting the same application at once yield one member', { skip }, async () => {
  for (let round = 0; round < rounds; round++) {
    const id = await submit()
    const { results, maxBlocked } = await race([
      (trx) => approveApplication(trx, boardA, id, t.deps),
      (trx) => approveApplication(trx, boardB, id, t.deps),
    ])
    assert.equal(maxBlocked, 1, 'the second approval waited for the first')
    assert.deepEqual(
      fulfilled(results).map((r) => r.status),
      ['admitted'],
    )
    assert.deepEqual(refusals(results), ['already_decided'])
    const state = await admissionState(id)
    assert.equal(state.application.status, 'admitted')
    assert.equal(state.members.length, 1)
    assert.equal(state.application.member_id, state.members[0]!.id)
    assert.equal(state.approvals.length, 1)
    assert.deepEqual(
      state.shares.map((s) => s.shares),
      [3],
    )
    assert.equal(await admissionsOf(state.members[0]!.id), 1)
  }
})

/** A member with 2 mandatory shares (small organisation, one primary area) and 1 voluntary, its admin's actor. */
async function memberWithAdmin(paid: boolean) {
  const n = ++counter
  const { organisationId, accountId } = await t.deps.db.transaction().execute(async (trx) => {
    const org = await createOrganisation(
      trx,
      system,
      organisationInput.parse({ name: `Anteile ${n} e.V.`, legalForm: 'ev', postalCode: '10115', city: 'Berlin' }),
      t.deps,
    )
    const account = await createAccount(
      trx,
      system,
      {
        email: `admin${n}@anteile.test`,
        givenName: 'Admin',
        familyName: String(n),
        organisations: [{ id: org.id, functions: ['admin', 'legal_representative'] }],
      },
      t.deps,
    )
    return { organisationId: org.id, accountId: account.accountId }
  })
  const { member } = await admitMember(
    t.deps,
    { organisationName: `Anteile ${n} e.V.`, email: `admin${n}@anteile.test` },
    { organisationId },
  )
  // it books the area it wanted on joining: that share stays mandatory, one voluntary share can go
  await bookArea(t.deps, organisationId)
  if (paid)
    await t.deps.db
      .transaction()
      .execute((trx) =>
        recordPayment(trx, system, member.id, { amountCents: 30_000, receivedOn: today, reference: 'voll' }, t.deps),
      )
  return { member, admin: (await loadActor(t.deps.db, accountId))! }
}

async function sharesOf(memberId: string) {
  const summary = await ledgerSummary(t.deps.db, memberId, today)
  const cancellations = summary.shareRows.filter((r) => r.kind === 'cancellation').length
  const payouts = await t.deps.db
    .selectFrom('payout')
    .select('id')
    .where('member_id', '=', memberId)
    .where('cause', '=', 'share_cancellation')
    .execute()
  return { total: summary.sharesTotal, cancellations, payouts: payouts.length, capital: summary.capital.balanceCents }
}

test('two cancellations of the one voluntary share at once: one succeeds, the mandatory shares stay', {
  skip,
}, async () => {
  for (let round = 0; round < rounds; round++) {
    const { member, admin } = await memberWithAdmin(false)
    // the organisation's admin twice (two browser tabs), or the admin and the board recording a letter
    const second = round % 2 === 0 ? admin : boardA
    const { results, maxBlocked } = await race([
      (trx) => cancelVoluntaryShares(trx, admin, member.id, { shares: 1 }, t.deps),
      (trx) => cancelVoluntaryShares(trx, second, member.id, { shares: 1 }, t.deps),
    ])
    assert.equal(maxBlocked, 1)
    assert.equal(fulfilled(results).length, 1)
    assert.deepEqual(refusals(results), ['shares_below_mandatory'])
    assert.deepEqual(await sharesOf(member.id), { total: 2, cancellations: 1, payouts: 1, capital: 0 })
  }
})

test('a transfer and a cancellation of the same share at once: exactly one of them happens', { skip }, async () => {
  for (let round = 0; round < rounds; round++) {
    const { member: from, admin } = await memberWithAdmin(true)
    const { member: to } = await memberWithAdmin(false)
    const fns = [
      (trx: Trx) =>
        transferShares(trx, boardA, from.id, { toMemberNumber: to.number, shares: 1 }, t.deps).then(() => 'transfer'),
      (trx: Trx) => cancelVoluntaryShares(trx, admin, from.id, { shares: 1 }, t.deps).then(() => 'cancellation'),
    ]
    // alternate who starts first, so both orders are seen
    const { results, maxBlocked } = await race(round % 2 === 0 ? fns : [...fns].reverse())
    assert.equal(maxBlocked, 1)
    const won = fulfilled(results)
    assert.equal(won.length, 1)
    assert.deepEqual(refusals(results), ['shares_below_mandatory'])
    const source = await sharesOf(from.id)
    const target = await sharesOf(to.id)
    assert.equal(source.total, 2, 'never below the mandatory shares')
    if (won[0] === 'transfer') {
      assert.deepEqual(source, { total: 2, cancellations: 0, payouts: 0, capital: 20_000 })
      assert.equal(target.total, 4)
      assert.equal(target.capital, 10_000)
    } else {
      assert.deepEqual(source, { total: 2, cancellations: 1, payouts: 1, capital: 30_000 })
      assert.equal(target.total, 3)
      assert.equal(target.capital, 0)
    }
  }
})

test('many payments at once never pay in more than was subscribed', { skip }, async () => {
  for (let round = 0; round < rounds; round++) {
    const { member } = await memberWithAdmin(false)
    const amounts = [7_000, 9_000, 5_000, 11_000, 6_000].map((a) => a + round * 100)
    const { results, maxBlocked } = await race(
      amounts.map(
        (amountCents, i) => (trx: Trx) =>
          recordPayment(
            trx,
            i % 2 ? boardA : boardB,
            member.id,
            { amountCents, receivedOn: today, reference: `Zahlung ${i}` },
            t.deps,
          ).then(() => amountCents),
      ),
    )
    assert.ok(maxBlocked >= 1)
    const paid = fulfilled(results)
    const refused = refusals(results)
    assert.ok(
      refused.every((code) => code === 'payment_exceeds_owed'),
      refused.join(),
    )
    assert.equal(paid.length + refused.length, amounts.length)
    const summary = await ledgerSummary(t.deps.db, member.id, today)
    const total = paid.reduce((a, b) => a + b, 0)
    assert.equal(summary.capital.paidInCents, total)
    assert.ok(total <= summary.subscribedCents, `${total} > ${summary.subscribedCents}`)
    // every refused payment was larger than what is still open now
    const open = summary.subscribedCents - total
    results.forEach((r, i) => {
      if (r.status === 'rejected') assert.ok(amounts[i]! > open, `${amounts[i]} refused while ${open} open`)
    })
    assert.ok(paid.length >= 3)
  }
})

test('two approvals required: two board members at once make one member with both approvals', { skip }, async () => {
  await t.deps.db
    .transaction()
    .execute((trx) =>
      adoptStatutes(
        trx,
        system,
        { validFrom: today, settings: { ...defaultStatutes, admissionApprovals: 2 }, note: 'Vier-Augen-Prinzip' },
        t.deps,
      ),
    )
  for (let round = 0; round < rounds; round++) {
    // the same board member approving twice at once (a double click): one approval, still waiting for a second
    const twice = await submit()
    const doubled = await race([
      (trx) => approveApplication(trx, boardA, twice, t.deps),
      (trx) => approveApplication(trx, boardA, twice, t.deps),
    ])
    assert.equal(doubled.maxBlocked, 1)
    assert.deepEqual(
      fulfilled(doubled.results).map((r) => r.status),
      ['awaiting_approval'],
    )
    assert.deepEqual(refusals(doubled.results), ['already_approved'])
    let state = await admissionState(twice)
    assert.equal(state.application.status, 'submitted')
    assert.equal(state.members.length, 0)
    assert.deepEqual(
      state.approvals.map((a) => a.account_id),
      [boardA.accountId],
    )

    // two distinct board members at once: the second one's approval admits
    const id = await submit()
    const { results, maxBlocked } = await race([
      (trx) => approveApplication(trx, boardA, id, t.deps),
      (trx) => approveApplication(trx, boardB, id, t.deps),
    ])
    assert.equal(maxBlocked, 1)
    assert.deepEqual(
      fulfilled(results)
        .map((r) => r.status)
        .sort(),
      ['admitted', 'awaiting_approval'],
    )
    state = await admissionState(id)
    assert.equal(state.application.status, 'admitted')
    assert.equal(state.members.length, 1)
    assert.deepEqual(state.approvals.map((a) => a.account_id).sort(), [boardA.accountId, boardB.accountId].sort())
    assert.deepEqual(
      state.shares.map((s) => s.shares),
      [3],
    )
    assert.equal(await admissionsOf(state.members[0]!.id), 1)
  }
})
