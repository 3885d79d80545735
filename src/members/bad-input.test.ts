/**
 * Bad input at the level of the actions: each is refused with its documented error (the field and the
 * validation-message key, or the DomainError code) and leaves the register, the ledgers, the payouts,
 * the applications, the journal and the outbox exactly as they were.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { sql } from 'kysely'
import { createTestApp, type TestApp } from '../../test/support/app.ts'
import { admitMember, declaration } from '../../test/support/members.ts'
import { loadActor } from '../auth/actor.repo.ts'
import { recordPayment } from '../capital/ledger.actions.ts'
import { recordAnnualAccounts, settlePayout } from '../capital/payouts.actions.ts'
import { reverseTransaction } from '../capital/reversals.actions.ts'
import { transferShares } from '../capital/transfers.actions.ts'
import type { Trx } from '../db/db.ts'
import { createOrganisation } from '../organisations/organisations.actions.ts'
import { organisationInput } from '../organisations/organisations.schema.ts'
import { createAccount } from '../people/accounts.actions.ts'
import { type Actor, systemActor } from '../platform/actor.ts'
import { fixedClock } from '../platform/clock.ts'
import { DomainError } from '../platform/errors.ts'
import { adoptStatutes } from '../statutes/statutes.actions.ts'
import { defaultStatutes } from '../statutes/statutes.rules.ts'
import { submitApplication } from './applications.actions.ts'
import { applicationInput } from './applications.schema.ts'
import { giveNotice } from './exit.actions.ts'
import type { Member } from './members.model.ts'
import { declareExtraShares } from './share-declarations.actions.ts'

const today = '2026-03-10'
const clock = fixedClock(new Date(`${today}T10:00:00Z`))
const board = systemActor('test')
const request = { ip: '192.0.2.1', userAgent: 'test', lang: 'de' as const }
let t: TestApp
/** Admitted today, 3 shares (2 mandatory), nothing paid; its organisation's admin. */
let active: Member
let admin: Actor
let other: Member
/** Admitted 2025-03-10, gave notice the same day, left on 2025-12-31. */
let exited: Member
let reversalId: string

before(async () => {
  t = await createTestApp({ clock })
  const { organisationId, accountId } = await t.deps.db.transaction().execute(async (trx) => {
    const org = await createOrganisation(
      trx,
      board,
      organisationInput.parse({
        name: 'Klimabündnis Nord e.V.',
        legalForm: 'ev',
        postalCode: '20457',
        city: 'Hamburg',
      }),
      t.deps,
    )
    const account = await createAccount(
      trx,
      board,
      {
        email: 'jana@klima-nord.test',
        givenName: 'Jana',
        familyName: 'Berg',
        emailVerified: true,
        organisations: [{ id: org.id, functions: ['admin', 'legal_representative'] }],
      },
      t.deps,
    )
    return { organisationId: org.id, accountId: account.accountId }
  })
  active = (await admitMember(t.deps, {}, { organisationId })).member
  admin = (await loadActor(t.deps.db, accountId))!
  other = (await admitMember(t.deps, { organisationName: 'Andere Initiative e.V.', email: 'x@andere.test' })).member

  clock.set(new Date('2025-03-10T10:00:00Z'))
  exited = (await admitMember(t.deps, { organisationName: 'Ehemalige e.V.', email: 'e@ehemalige.test' })).member
  await t.deps.db.transaction().execute((trx) => giveNotice(trx, board, exited.id, {}, t.deps))
  clock.set(new Date(`${today}T10:00:00Z`))

  // a payment booked and corrected: the correction is what the reversal-of-a-reversal test aims at
  const payment = await t.deps.db
    .transaction()
    .execute((trx) =>
      recordPayment(trx, board, active.id, { amountCents: 5_000, receivedOn: today, reference: 'SEPA' }, t.deps),
    )
  const reversal = await t.deps.db
    .transaction()
    .execute((trx) =>
      reverseTransaction(
        trx,
        board,
        { ledger: 'capital', transactionId: payment.transactionId, reason: 'falsches Mitglied' },
        t.deps,
      ),
    )
  reversalId = reversal.reversalIds[0]!
})
after(() => t.close())

async function snapshot() {
  const db = t.deps.db
  const counts: Record<string, number> = {}
  for (const table of [
    'member',
    'share_transaction',
    'capital_transaction',
    'payout',
    'membership_application',
    'membership_declaration',
    'application_approval',
    'audit_entry',
    'statutes_version',
    'annual_accounts',
    'mail_outbox',
  ]) {
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(db)
    counts[table] = rows[0]!.n
  }
  const members = await db.selectFrom('member').selectAll().orderBy('number').execute()
  const payouts = await db.selectFrom('payout').selectAll().orderBy('id').execute()
  const applications = await db
    .selectFrom('membership_application')
    .select(['id', 'status', 'decided_at'])
    .orderBy('id')
    .execute()
  return JSON.stringify({ counts, members, payouts, applications })
}

/**
 * Runs the action in a transaction as a route would; it must fail with `code` (and, for a validation error,
 * the one field issue given) and change nothing.
 */
async function refused(
  action: (trx: Trx) => Promise<unknown>,
  code: DomainError['code'],
  field?: { path: string; message: string },
) {
  const before = await snapshot()
  await assert.rejects(
    () => t.deps.db.transaction().execute(action),
    (error: unknown) => {
      assert.ok(error instanceof DomainError, String(error))
      assert.equal(error.code, code, error.message)
      if (field) assert.deepEqual(error.fields, [field])
      return true
    },
  )
  assert.equal(await snapshot(), before)
}

test('notice: given today, to a fiscal-year end, not after the exit', async () => {
  await refused((trx) => giveNotice(trx, admin, active.id, { givenOn: '2026-03-09' }, t.deps), 'validation', {
    path: 'givenOn',
    message: 'date_in_past',
  })
  await refused((trx) => giveNotice(trx, admin, active.id, { givenOn: '2026-03-11' }, t.deps), 'validation', {
    path: 'givenOn',
    message: 'date_in_future',
  })
  await refused((trx) => giveNotice(trx, admin, active.id, { exitOn: '2027-06-30' }, t.deps), 'validation', {
    path: 'exitOn',
    message: 'exit_not_fiscal_year_end',
  })
  await refused((trx) => giveNotice(trx, board, exited.id, {}, t.deps), 'member_not_active')
})

test('transfers: not more shares than held, not to oneself, not to someone unknown', async () => {
  await refused(
    (trx) => transferShares(trx, board, active.id, { toMemberNumber: other.number, shares: 4 }, t.deps),
    'validation',
    { path: 'shares', message: 'shares_more_than_held' },
  )
  await refused(
    (trx) => transferShares(trx, board, active.id, { toMemberNumber: active.number, shares: 1 }, t.deps),
    'validation',
    { path: 'toMemberNumber', message: 'transfer_to_self' },
  )
  await refused(
    (trx) => transferShares(trx, board, active.id, { toMemberNumber: 'M-99999', shares: 1 }, t.deps),
    'validation',
    { path: 'toMemberNumber', message: 'member_unknown' },
  )
  // shares not yet paid in cannot be handed on with their capital (§76 GenG)
  await refused(
    (trx) => transferShares(trx, board, active.id, { toMemberNumber: other.number, shares: 1 }, t.deps),
    'validation',
    { path: 'shares', message: 'transfer_needs_paid_shares' },
  )
})

test('ledger corrections and payments: no reversal of a reversal, no overpayment, no future date', async () => {
  await refused(
    (trx) => reverseTransaction(trx, board, { ledger: 'capital', transactionId: reversalId, reason: 'zurück' }, t.deps),
    'ledger_rule',
  )
  await refused(
    (trx) =>
      recordPayment(trx, board, active.id, { amountCents: 30_001, receivedOn: today, reference: 'zu viel' }, t.deps),
    'validation',
    { path: 'amountCents', message: 'payment_exceeds_owed' },
  )
  await refused(
    (trx) =>
      recordPayment(
        trx,
        board,
        active.id,
        { amountCents: 1_000, receivedOn: '2026-03-11', reference: 'morgen' },
        t.deps,
      ),
    'validation',
    { path: 'receivedOn', message: 'date_in_future' },
  )
})

test('the joining form: consent, a valid IBAN and at most the maximum of shares', async () => {
  const raw = {
    memberType: 'organisation',
    organisationName: 'Neue Initiative e.V.',
    givenName: 'Ada',
    familyName: 'Neu',
    email: 'ada@neu.test',
    street: 'Weg 1',
    postalCode: '10115',
    city: 'Berlin',
    primaryAreas: ['digital_infrastructure'],
    consentStatutes: true,
    consentPrivacy: true,
    acknowledgeDuties: true,
  }
  assert.equal(applicationInput.safeParse(raw).success, true)
  const noConsent = applicationInput.safeParse({ ...raw, consentStatutes: false })
  assert.deepEqual(
    noConsent.error?.issues.map((i) => [i.path.join('.'), i.message]),
    [['consentStatutes', 'consent_required']],
  )
  assert.equal(applicationInput.safeParse({ ...raw, iban: 'DE89370400440532013000' }).success, true)
  const badIban = applicationInput.safeParse({ ...raw, iban: 'DE89370400440532013001' })
  assert.deepEqual(
    badIban.error?.issues.map((i) => [i.path.join('.'), i.message]),
    [['iban', 'iban_invalid']],
  )
  // 2 mandatory shares + 99 voluntary ones exceed the statutes' maximum of 100
  await refused((trx) => submitApplication(trx, declaration({ voluntaryShares: 99 }), request, t.deps), 'validation', {
    path: 'voluntaryShares',
    message: 'shares_above_maximum',
  })
})

test('§15b: no further shares while earlier ones are unpaid', async () => {
  await refused((trx) => declareExtraShares(trx, admin, active.id, 1, request, t.deps), 'validation', {
    path: 'shares',
    message: 'earlier_shares_unpaid',
  })
  await refused((trx) => declareExtraShares(trx, admin, active.id, 98, request, t.deps), 'validation', {
    path: 'shares',
    message: 'shares_above_maximum',
  })
})

test('statutes: not from a past date, and within the law', async () => {
  const adopt = (validFrom: string, changes: Partial<typeof defaultStatutes>) => (trx: Trx) =>
    adoptStatutes(trx, board, { validFrom, settings: { ...defaultStatutes, ...changes }, note: '' }, t.deps)
  await refused(adopt('2026-03-09', {}), 'validation', { path: 'validFrom', message: 'date_in_past' })
  // §7 Nr. 1 GenG: at least a tenth of each share paid in
  await refused(adopt('2026-07-01', { minimumPaymentPercent: 5 }), 'validation', {
    path: 'minimumPaymentPercent',
    message: 'too_small',
  })
  // §65 (2) GenG: notice at most five years
  await refused(adopt('2026-07-01', { noticeMonths: 61 }), 'validation', { path: 'noticeMonths', message: 'too_big' })
  await refused(adopt('2000-01-01', {}), 'validation', { path: 'validFrom', message: 'date_in_past' })
})

test('annual accounts and payouts: a fiscal-year end, and no payout before the accounts are approved', async () => {
  await refused(
    (trx) =>
      recordAnnualAccounts(
        trx,
        board,
        { fiscalYearEnd: '2025-06-30', approvedOn: '2026-03-01', lossPercent: 0, note: '' },
        t.deps,
      ),
    'validation',
    { path: 'fiscalYearEnd', message: 'not_fiscal_year_end' },
  )
  const payout = await t.deps.db
    .selectFrom('payout')
    .select(['id', 'ended_on'])
    .where('member_id', '=', exited.id)
    .executeTakeFirstOrThrow()
  assert.equal(payout.ended_on, '2025-12-31')
  await refused(
    (trx) => settlePayout(trx, board, payout.id, { paidOn: today, reference: 'Auszahlung' }, t.deps),
    'accounts_not_approved',
  )
})
