import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { createTestApp, type TestApp } from '../../test/support/app.ts'
import { admitMember, declaration } from '../../test/support/members.ts'
import { recordInput } from '../bookings/bookings.schema.ts'
import { cancelBooking } from '../bookings/lifecycle.actions.ts'
import { recordBooking } from '../bookings/order.actions.ts'
import { cancelVoluntaryShares, ledgerSummary, mandatorySharesOn, recordPayment } from '../capital/ledger.actions.ts'
import { listPayouts, recordAnnualAccounts, settlePayout } from '../capital/payouts.actions.ts'
import { seedExamplePrices } from '../demo/seed-demo-catalog.ts'
import { systemActor } from '../platform/actor.ts'
import { fixedClock } from '../platform/clock.ts'
import type { DomainError } from '../platform/errors.ts'
import { approveApplication } from './admission.actions.ts'
import { submitApplication } from './applications.actions.ts'
import { giveNotice } from './exit.actions.ts'
import { registerAsOf } from './register.actions.ts'

const clock = fixedClock(new Date('2026-03-10T10:00:00Z'))
const board = systemActor('test')
let t: TestApp
before(async () => {
  t = await createTestApp({ clock })
})
after(() => t.close())

test('an organisation applies, is admitted, pays, gives notice and is paid out', async () => {
  const { member } = await admitMember(t.deps)
  assert.match(member.number, /^M-\d{5}$/)
  assert.equal(member.joinedOn, '2026-03-10')
  // 4 employees, 180,000 € budget: small tier 1 share + 1 area + 1 voluntary
  let summary = await ledgerSummary(t.deps.db, member.id, '2026-03-10')
  assert.equal(summary.sharesNow, 3)
  assert.equal(summary.subscribedCents, 30_000)
  assert.equal(summary.owedNowCents, 3_000)
  await t.deps.db
    .transaction()
    .execute((trx) =>
      recordPayment(
        trx,
        board,
        member.id,
        { amountCents: 30_000, receivedOn: '2026-03-10', reference: 'SEPA 1' },
        t.deps,
      ),
    )
  summary = await ledgerSummary(t.deps.db, member.id, '2026-03-10')
  assert.equal(summary.capital.balanceCents, 30_000)
  assert.equal(summary.owedNowCents, 0)

  const notice = await t.deps.db.transaction().execute((trx) => giveNotice(trx, board, member.id, {}, t.deps))
  assert.equal(notice.exitOn, '2026-12-31')
  assert.equal(notice.payoutDueBy, '2027-06-30')

  const register = await registerAsOf(t.deps.db, board, '2026-12-31')
  assert.equal(register.find((r) => r.number === member.number)?.shares, 3)

  clock.set(new Date('2027-05-20T10:00:00Z'))
  await t.deps.db
    .transaction()
    .execute((trx) =>
      recordAnnualAccounts(
        trx,
        board,
        { fiscalYearEnd: '2026-12-31', approvedOn: '2027-05-15', lossPercent: 10, note: '' },
        t.deps,
      ),
    )
  const [item] = await listPayouts(t.deps.db, board, { today: '2027-05-20', status: 'open' })
  assert.equal(item?.status, 'payable')
  assert.equal(item?.amountCents, 27_000)
  const paid = await t.deps.db
    .transaction()
    .execute((trx) => settlePayout(trx, board, item!.id, { paidOn: '2027-05-20', reference: 'Auszahlung' }, t.deps))
  assert.equal(paid.status, 'paid')
  summary = await ledgerSummary(t.deps.db, member.id, '2027-05-20')
  assert.equal(summary.capital.balanceCents, 0)
  assert.equal(summary.capital.lossCents, 3_000)
  const mails = await t.flushMail()
  assert.ok(mails.some((m) => /Willkommen/.test(m.subject)))
})

test('two distinct board members are needed when the statutes ask for it', async () => {
  await t.deps.db
    .transaction()
    .execute((trx) =>
      submitApplication(
        trx,
        declaration({ organisationName: 'Zweite Initiative e.V.', email: 'z@zwei.test' }),
        { ip: null, userAgent: null, lang: 'de' },
        t.deps,
      ),
    )
  const rows = await t.deps.db
    .selectFrom('membership_application')
    .select(['id', 'status'])
    .where('status', '=', 'submitted')
    .execute()
  assert.equal(rows.length, 1)
  const result = await t.deps.db.transaction().execute((trx) => approveApplication(trx, board, rows[0]!.id, t.deps))
  assert.equal(result.status, 'admitted')
})

test('booked primary areas raise the mandatory shares; voluntary shares that became mandatory cannot be cancelled', async () => {
  clock.set(new Date('2026-03-10T10:00:00Z'))
  await t.deps.db.transaction().execute((trx) => seedExamplePrices(trx, board, t.deps, '2026-03-10'))
  const { member } = await admitMember(t.deps, { organisationName: 'Dritte Initiative e.V.', email: 'd@drei.test' })
  const organisationId = member.organisationId!
  const record = (areaKey: string) =>
    t.deps.db
      .transaction()
      .execute((trx) =>
        recordBooking(
          trx,
          board,
          recordInput.parse({ organisationId, areaKey, startsOn: '2026-03-10', config: { accounts: 5, devices: 3 } }),
          t.deps,
        ),
      )
  // 4 employees: 1 share by size, 1 per booked area; the member holds 3 (the area it wanted on joining, 1 voluntary)
  await record('digital_infrastructure')
  const helpdesk = await record('it_helpdesk')
  await assert.rejects(record('managed_workplace'), (e: DomainError) => e.code === 'shares_missing')
  assert.equal(await mandatorySharesOn(t.deps.db, member.id, '2026-03-10'), 3)
  await assert.rejects(
    t.deps.db.transaction().execute((trx) => cancelVoluntaryShares(trx, board, member.id, { shares: 1 }, t.deps)),
    (e: DomainError) => e.code === 'shares_below_mandatory',
  )
  await t.deps.db
    .transaction()
    .execute((trx) => cancelBooking(trx, board, helpdesk.id, { endsOn: '2026-04-30', reason: '' }, t.deps))
  assert.equal(await mandatorySharesOn(t.deps.db, member.id, '2026-04-30'), 3)
  assert.equal(await mandatorySharesOn(t.deps.db, member.id, '2026-05-01'), 2)
  const cancelled = await t.deps.db
    .transaction()
    .execute((trx) => cancelVoluntaryShares(trx, board, member.id, { shares: 1 }, t.deps))
  assert.equal(cancelled.effectiveOn, '2026-12-31')
  assert.equal((await ledgerSummary(t.deps.db, member.id, '2026-12-30')).sharesNow, 3)
  assert.equal((await ledgerSummary(t.deps.db, member.id, '2026-12-31')).sharesNow, 2)
})
