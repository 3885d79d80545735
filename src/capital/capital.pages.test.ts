import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { createTestApp, type TestApp } from '../../test/support/app.ts'
import { signedInClient } from '../../test/support/client.ts'
import { type Cooperative, password, seedCooperative } from '../../test/support/factories.ts'
import { admitOrganisationsAB } from '../../test/support/members.ts'
import type { Member } from '../members/members.model.ts'
import { fixedClock } from '../platform/clock.ts'
import { ledgerSummary } from './ledger.actions.ts'

const clock = fixedClock(new Date('2026-03-10T10:00:00Z'))
let t: TestApp
let coop: Cooperative
let memberA: Member
let memberB: Member

before(async () => {
  t = await createTestApp({ clock })
  coop = await seedCooperative(t.deps)
  ;({ memberA, memberB } = await admitOrganisationsAB(t.deps, coop))
})
after(() => t.close())

const signedIn = (email: string) => signedInClient(t, email, password)

/** Everything a refused request must leave as it was: both ledgers of both members. */
async function ledgers() {
  const db = t.deps.db
  return {
    shares: await db.selectFrom('share_transaction').selectAll().orderBy('seq').execute(),
    capital: await db.selectFrom('capital_transaction').selectAll().orderBy('seq').execute(),
  }
}

async function capitalRow(kind: 'payment_received' | 'reversal' | 'payout') {
  return t.deps.db
    .selectFrom('capital_transaction')
    .selectAll()
    .where('member_id', '=', memberA.id)
    .where('kind', '=', kind)
    .orderBy('seq', 'desc')
    .executeTakeFirstOrThrow()
}

test('the board books a payment and reverses it; a reversal cannot be reversed', async () => {
  const c = await signedIn(coop.board.email)
  await c.get(`/members/${memberA.id}`)
  assert.match(c.lastBody, /Zahlungseingang buchen/)

  const empty = await c.post(`/members/${memberA.id}/payments`, { amountCents: '', receivedOn: '', reference: '' })
  assert.equal(empty.status, 422)
  assert.match(c.lastBody, /id="f-amountCents-error"/)
  assert.match(c.lastBody, /id="f-receivedOn-error"/)
  const tooMuch = await c.post(`/members/${memberA.id}/payments`, {
    amountCents: '5.000,00',
    receivedOn: '2026-03-10',
    reference: 'zu viel',
  })
  assert.equal(tooMuch.status, 422)
  assert.match(c.lastBody, /id="f-amountCents-error"/)
  assert.match(c.lastBody, /höher als die noch offenen Einzahlungen/)
  assert.equal((await ledgerSummary(t.deps.db, memberA.id, '2026-03-10')).capital.paidInCents, 0)

  const paid = await c.post(`/members/${memberA.id}/payments`, {
    amountCents: '120,00',
    receivedOn: '10.03.2026',
    reference: 'SEPA 4711',
  })
  assert.equal(paid.status, 303)
  await c.get(paid.headers.get('location')!)
  assert.match(c.lastBody, /Die Zahlung über 120,00\s€ ist gebucht\./)
  assert.match(c.lastBody, /data-testid="paid-in">120,00\s€</)
  const payment = await capitalRow('payment_received')
  assert.equal(Number(payment.amount_cents), 12_000)
  assert.equal(payment.reference, 'SEPA 4711')
  assert.match(c.lastBody, new RegExp(`name="transactionId" value="${payment.id}"`))

  const noReason = await c.post(`/members/${memberA.id}/reversals`, {
    ledger: 'capital',
    transactionId: payment.id,
    reason: '',
  })
  assert.equal(noReason.status, 422)
  assert.match(c.lastBody, new RegExp(`id="reverse-${payment.id}-error"`))

  const reversed = await c.post(`/members/${memberA.id}/reversals`, {
    ledger: 'capital',
    transactionId: payment.id,
    reason: 'falsches Mitglied',
  })
  assert.equal(reversed.status, 303)
  await c.get(`/members/${memberA.id}`)
  assert.match(c.lastBody, /data-testid="paid-in">0,00\s€</)
  const reversal = await capitalRow('reversal')
  assert.equal(reversal.reverses_id, payment.id)
  assert.equal(Number(reversal.amount_cents), -12_000)
  // neither the reversed payment nor the reversal offers a reversal any more
  assert.doesNotMatch(c.lastBody, new RegExp(`name="transactionId" value="${payment.id}"`))
  assert.doesNotMatch(c.lastBody, new RegExp(`name="transactionId" value="${reversal.id}"`))
  assert.match(c.lastBody, /Storno von: Einzahlung erhalten/)

  // asked anyway, both are refused with the reason, and the ledgers stay as they were
  const before = await ledgers()
  const again = await c.post(`/members/${memberA.id}/reversals`, {
    ledger: 'capital',
    transactionId: reversal.id,
    reason: 'zurück',
  })
  assert.equal(again.status, 409)
  assert.match(c.lastBody, /Eine Stornobuchung kann nicht storniert werden\./)
  const twice = await c.post(`/members/${memberA.id}/reversals`, {
    ledger: 'capital',
    transactionId: payment.id,
    reason: 'noch einmal',
  })
  assert.equal(twice.status, 409)
  assert.match(c.lastBody, /Diese Buchung ist schon storniert\./)
  assert.deepEqual(await ledgers(), before)
  assert.equal((await ledgerSummary(t.deps.db, memberA.id, '2026-03-10')).capital.balanceCents, 0)

  // an entry of another member is not found through this member's page
  const other = await t.deps.db
    .selectFrom('capital_transaction')
    .select('id')
    .where('member_id', '=', memberB.id)
    .executeTakeFirstOrThrow()
  const foreign = await c.post(`/members/${memberA.id}/reversals`, {
    ledger: 'capital',
    transactionId: other.id,
    reason: 'x',
  })
  assert.equal(foreign.status, 404)
})

test('members cannot book: the forms are not shown and the requests are refused', async () => {
  const c = await signedIn(coop.orgA.admin.email)
  await c.get(`/members/${memberA.id}`)
  assert.doesNotMatch(c.lastBody, /Zahlungseingang buchen/)
  const before = await ledgers()
  const res = await c.post(`/members/${memberA.id}/payments`, {
    amountCents: '10',
    receivedOn: '2026-03-10',
    reference: 'selbst',
  })
  assert.equal(res.status, 403)
  assert.deepEqual(await ledgers(), before)
})

test('a transfer of more shares than held gets a message at the field and changes nothing', async () => {
  const c = await signedIn(coop.board.email)
  await c.get(`/members/${memberA.id}`)
  const before = await ledgers()
  const tooMany = await c.post(`/members/${memberA.id}/transfers`, {
    toMemberNumber: memberB.number,
    transferShares: '50',
  })
  assert.equal(tooMany.status, 422)
  assert.match(c.lastBody, /id="f-transferShares-error"/)
  assert.match(c.lastBody, /So viele Anteile hält das Mitglied nicht\./)
  assert.match(c.lastBody, /aria-invalid="true"/)
  const unknown = await c.post(`/members/${memberA.id}/transfers`, { toMemberNumber: 'M-99999', transferShares: '1' })
  assert.equal(unknown.status, 422)
  assert.match(c.lastBody, /id="f-toMemberNumber-error"/)
  assert.match(c.lastBody, /Diese Mitgliedsnummer gibt es nicht\./)
  const malformed = await c.post(`/members/${memberA.id}/transfers`, { toMemberNumber: 'B-1', transferShares: '1' })
  assert.equal(malformed.status, 422)
  assert.match(c.lastBody, /Bitte eine Mitgliedsnummer wie M-00042 angeben\./)
  assert.deepEqual(await ledgers(), before)

  // paid in full, the voluntary share can go to the other member
  const paid = await c.post(`/members/${memberA.id}/payments`, {
    amountCents: '300',
    receivedOn: '2026-03-10',
    reference: 'SEPA 4712',
  })
  assert.equal(paid.status, 303)
  const moved = await c.post(`/members/${memberA.id}/transfers`, {
    toMemberNumber: memberB.number.toLowerCase(),
    transferShares: '1',
  })
  assert.equal(moved.status, 303)
  await c.get(`/members/${memberA.id}`)
  assert.match(c.lastBody, new RegExp(`1 Anteile an ${memberB.number} übertragen \\(100,00\\s€\\)`))
  assert.equal((await ledgerSummary(t.deps.db, memberA.id, '2026-03-10')).sharesNow, 2)
  assert.equal((await ledgerSummary(t.deps.db, memberB.id, '2026-03-10')).sharesNow, 4)
})

test('after notice and approved accounts the payout is payable, overdue when late, and settling books it', async () => {
  const admin = await signedIn(coop.orgA.admin.email)
  await admin.get(`/members/${memberA.id}`)
  assert.equal((await admin.post(`/members/${memberA.id}/notice`, { exitOn: '2026-12-31' })).status, 303)
  assert.equal((await admin.get('/payouts')).status, 403)

  clock.set(new Date('2027-07-05T08:00:00Z'))
  const c = await signedIn(coop.board.email)
  await c.get('/payouts')
  assert.match(c.lastBody, new RegExp(memberA.number))
  assert.match(c.lastBody, /wartet auf Jahresabschluss/)
  assert.match(c.lastBody, /<tr class="overdue">/)
  assert.match(c.lastBody, /überfällig/)
  assert.doesNotMatch(c.lastBody, /Als ausgezahlt buchen/)

  const wrongDay = await c.post('/payouts/annual-accounts', {
    fiscalYearEnd: '2026-11-30',
    approvedOn: '2027-05-15',
    lossPercent: '10',
    note: '',
  })
  assert.equal(wrongDay.status, 422)
  assert.match(c.lastBody, /id="f-fiscalYearEnd-error"/)
  const badPercent = await c.post('/payouts/annual-accounts', {
    fiscalYearEnd: '2026-12-31',
    approvedOn: '2027-05-15',
    lossPercent: '120',
    note: '',
  })
  assert.equal(badPercent.status, 422)
  assert.match(c.lastBody, /Bitte eine Zahl von 0 bis 100 angeben/)
  const recorded = await c.post('/payouts/annual-accounts', {
    fiscalYearEnd: '2026-12-31',
    approvedOn: '2027-05-15',
    lossPercent: '10',
    note: 'Generalversammlung 2027',
  })
  assert.equal(recorded.status, 303)
  await c.get('/payouts')
  assert.match(c.lastBody, /Der Jahresabschluss zum 31\.12\.2026 ist eingetragen\./)
  assert.match(c.lastBody, /zahlbar/)
  // 200 € left after the transfer, 10 % loss share: 180 € expected
  assert.match(c.lastBody, /180,00\s€/)
  const payout = await t.deps.db
    .selectFrom('payout')
    .selectAll()
    .where('member_id', '=', memberA.id)
    .executeTakeFirstOrThrow()
  assert.match(c.lastBody, new RegExp(`action="/payouts/${payout.id}/settle"`))

  const noReference = await c.post(`/payouts/${payout.id}/settle`, { paidOn: '2027-07-05', reference: '' })
  assert.equal(noReference.status, 422)
  assert.match(c.lastBody, new RegExp(`id="settle-${payout.id}-reference-error"`))
  const settled = await c.post(`/payouts/${payout.id}/settle`, { paidOn: '2027-07-05', reference: 'Überweisung 17' })
  assert.equal(settled.status, 303)
  await c.get('/payouts?status=paid')
  assert.match(c.lastBody, /ausgezahlt am 05\.07\.2027/)
  const booked = await capitalRow('payout')
  assert.equal(Number(booked.amount_cents), -18_000)
  assert.equal(booked.reference, 'Überweisung 17')
  assert.equal((await ledgerSummary(t.deps.db, memberA.id, '2027-07-05')).capital.balanceCents, 0)

  const twice = await c.post(`/payouts/${payout.id}/settle`, { paidOn: '2027-07-05', reference: 'noch einmal' })
  assert.equal(twice.status, 409)
  assert.match(c.lastBody, /Diese Auszahlung ist schon gebucht\./)

  // the supervisory board reads the worklist but books nothing
  const supervisor = await signedIn(coop.supervisor.email)
  await supervisor.get('/payouts?status=all')
  assert.match(supervisor.lastBody, new RegExp(memberA.number))
  assert.doesNotMatch(supervisor.lastBody, /Jahresabschluss eintragen/)
})
