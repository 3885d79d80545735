import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { createTestApp, type TestApp } from '../../test/support/app.ts'
import { admitMember, declaration } from '../../test/support/members.ts'
import { cancelVoluntaryShares, ledgerSummary, recordPayment } from '../capital/ledger.actions.ts'
import { listPayouts, recordAnnualAccounts, settlePayout } from '../capital/payouts.actions.ts'
import { systemActor } from '../platform/actor.ts'
import { fixedClock } from '../platform/clock.ts'
import type { DomainError } from '../platform/errors.ts'
import { approveApplication } from './admission.actions.ts'
import { submitApplication } from './applications.actions.ts'
import { setPrimaryAreas } from './areas.actions.ts'
import { giveNotice } from './exit.actions.ts'
import { registerAsOf } from './register.actions.ts'
import type { PrimaryArea } from './service-areas.ts'

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
  const { member } = await admitMember(t.deps, { organisationName: 'Dritte Initiative e.V.', email: 'd@drei.test' })
  const set = (areas: PrimaryArea[]) =>
    t.deps.db.transaction().execute((trx) => setPrimaryAreas(trx, board, member.id, areas, t.deps))
  await assert.rejects(set(['digital_infrastructure', 'it_helpdesk', 'managed_workplace']), (e: DomainError) => {
    assert.equal(e.fields[0]?.message, 'areas_need_shares')
    return true
  })
  const result = await set(['digital_infrastructure', 'it_helpdesk'])
  assert.equal(result.mandatoryShares, 3)
  await assert.rejects(
    t.deps.db.transaction().execute((trx) => cancelVoluntaryShares(trx, board, member.id, { shares: 1 }, t.deps)),
    (e: DomainError) => e.code === 'shares_below_mandatory',
  )
  await set(['digital_infrastructure'])
  const cancelled = await t.deps.db
    .transaction()
    .execute((trx) => cancelVoluntaryShares(trx, board, member.id, { shares: 1 }, t.deps))
  assert.equal(cancelled.effectiveOn, '2026-12-31')
  assert.equal((await ledgerSummary(t.deps.db, member.id, '2026-12-30')).sharesNow, 3)
  assert.equal((await ledgerSummary(t.deps.db, member.id, '2026-12-31')).sharesNow, 2)
})
