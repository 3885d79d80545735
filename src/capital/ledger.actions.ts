import type { Executor, Trx } from '../db/db.ts'
import type { CapitalTransactionRow, ShareTransactionRow } from '../db/schema.ts'
import { authorizeMember, toCapitalTx, toMember, toShareTx } from '../members/members.model.ts'
import { capitalRows, findMember, lockMember, shareRows } from '../members/members.repo.ts'
import { payoutDueDate, shareCancellationEffectiveDate } from '../members/membership.rules.ts'
import type { Actor } from '../platform/actor.ts'
import { audit } from '../platform/audit.ts'
import type { ActionEnv } from '../platform/context.ts'
import { compareDates, type PlainDate, todayIn } from '../platform/dates.ts'
import { DomainError, fieldError } from '../platform/errors.ts'
import { authorize } from '../platform/policy.ts'
import { statutesOn } from '../statutes/statutes.actions.ts'
import { mandatoryShares, paymentSchedule, type StatutesSettings } from '../statutes/statutes.rules.ts'
import { insertCapitalTx, insertShareTx } from './capital.repo.ts'
import { type CapitalBalances, capitalBalances, checkCapitalTx, checkShareTx, shareBalance } from './capital.rules.ts'

/** A member's ledgers read together: the share count now and in the end, the capital figures. */
export interface LedgerSummary {
  /** Shares held today. */
  sharesNow: number
  /** Shares after every booked change, including cancellations that take effect later. */
  sharesTotal: number
  /** Capital subscribed: the value of the shares finally held. */
  subscribedCents: number
  capital: CapitalBalances
  /** What the payment plan asks for so far and has not been paid (never more than the subscribed capital). */
  owedNowCents: number
  /** Subscribed capital not yet paid in, whenever due. */
  unpaidCommitmentCents: number
  shareRows: ShareTransactionRow[]
  capitalRows: CapitalTransactionRow[]
}

export async function ledgerSummary(db: Executor, memberId: string, today: PlainDate): Promise<LedgerSummary> {
  const [shares, capital] = await Promise.all([shareRows(db, memberId), capitalRows(db, memberId)])
  return summarise(shares, capital, today)
}

export function summarise(
  shares: ShareTransactionRow[],
  capital: CapitalTransactionRow[],
  today: PlainDate,
): LedgerSummary {
  const shareTxs = shares.map(toShareTx)
  const capitalTxs = capital.map(toCapitalTx)
  const subscribedCents = shares.reduce((sum, r) => sum + Number(r.value_cents), 0)
  const now = capitalBalances(capitalTxs, today)
  return {
    sharesNow: shareBalance(shareTxs, today),
    sharesTotal: shareBalance(shareTxs),
    subscribedCents,
    capital: now,
    owedNowCents: Math.max(0, Math.min(now.dueCents, subscribedCents) - now.paidInCents),
    unpaidCommitmentCents: Math.max(0, subscribedCents - capitalBalances(capitalTxs).paidInCents),
    shareRows: shares,
    capitalRows: capital,
  }
}

/** The member's mandatory shares under the statutes in force: by size tier and booked primary areas. */
export function mandatorySharesOfMember(
  settings: StatutesSettings,
  member: {
    memberType: 'organisation' | 'employee' | 'supporting'
    employees: number
    annualBudgetCents: number
    primaryAreas: string[]
  },
): number {
  return mandatoryShares(settings, {
    memberType: member.memberType,
    employees: member.employees,
    annualBudgetCents: member.annualBudgetCents,
    primaryAreas: member.primaryAreas.length,
  })
}

export async function appendShareTx(trx: Trx, values: Parameters<typeof insertShareTx>[1]) {
  const existing = (await shareRows(trx, values.member_id)).map(toShareTx)
  const problem = checkShareTx(existing, {
    id: 'new',
    kind: values.kind,
    shares: values.shares,
    effectiveOn: values.effective_on,
    reversesId: values.reverses_id ?? null,
  })
  if (problem) throw new DomainError('ledger_rule', problem)
  return insertShareTx(trx, values)
}

export async function appendCapitalTx(trx: Trx, values: Parameters<typeof insertCapitalTx>[1]) {
  const existing = (await capitalRows(trx, values.member_id)).map(toCapitalTx)
  const problem = checkCapitalTx(existing, {
    id: 'new',
    kind: values.kind,
    amountCents: values.amount_cents,
    effectiveOn: values.effective_on,
    reversesId: values.reverses_id ?? null,
    reversedKind: values.reversed_kind ?? null,
  })
  if (problem) throw new DomainError('ledger_rule', problem)
  return insertCapitalTx(trx, values)
}

/**
 * Books subscribed shares (on admission or after a §15b declaration) and the payments due on them by the
 * statutes' plan (§7 GenG). The caller has authorised and locked the member.
 */
export async function subscribeShares(
  trx: Trx,
  actor: Actor,
  input: { memberId: string; shares: number; effectiveOn: PlainDate; applicationId: string | null; note: string },
  settings: StatutesSettings,
  env: ActionEnv,
): Promise<{ amountCents: number; schedule: Array<{ dueOn: PlainDate; amountCents: number }> }> {
  const now = env.clock.now()
  const amountCents = input.shares * settings.shareValueCents
  const tx = await appendShareTx(trx, {
    member_id: input.memberId,
    kind: 'subscription',
    shares: input.shares,
    value_cents: amountCents,
    effective_on: input.effectiveOn,
    application_id: input.applicationId,
    note: input.note,
    booked_at: now,
    booked_by: actor.label,
  })
  const schedule = paymentSchedule(settings, input.shares, input.effectiveOn)
  for (const due of schedule) {
    await appendCapitalTx(trx, {
      member_id: input.memberId,
      kind: 'payment_due',
      amount_cents: due.amountCents,
      effective_on: due.dueOn,
      reference: input.note,
      booked_at: now,
      booked_by: actor.label,
    })
  }
  await audit(
    trx,
    actor,
    {
      action: 'shares.subscribed',
      subjectType: 'member',
      subjectId: input.memberId,
      organisationId: await organisationOf(trx, input.memberId),
      after: { transaction: tx.id, shares: input.shares, effectiveOn: input.effectiveOn, schedule },
    },
    env.clock,
  )
  return { amountCents, schedule }
}

async function organisationOf(db: Executor, memberId: string): Promise<string | null> {
  const row = await db.selectFrom('member').select('organisation_id').where('id', '=', memberId).executeTakeFirst()
  return row?.organisation_id ?? null
}

export async function activeMember(trx: Trx, memberId: string, today: PlainDate) {
  const row = await findMember(trx, memberId, today)
  if (!row) throw new DomainError('not_found')
  return { row, member: toMember(row, today) }
}

/**
 * The member's mandatory shares on a day: the statutes in force that day, its size, and the primary areas its
 * organisation books that day (a booking running then keeps its shares mandatory).
 */
export async function mandatorySharesOn(db: Executor, memberId: string, day: PlainDate): Promise<number> {
  const [row, statutes] = await Promise.all([findMember(db, memberId, day), statutesOn(db, day)])
  if (!row) throw new DomainError('not_found')
  return mandatorySharesOfMember(statutes.settings, toMember(row, day))
}

/**
 * §67b GenG: a member gives notice on voluntary shares. It takes effect at a fiscal-year end after the
 * notice period; the shares still required by the statutes on that day (size, the primary areas booked then:
 * mandatory shares cannot go while the service that requires them is used) cannot be cancelled, and earlier
 * pending cancellations count. The member row is locked, so two cancellations at once are serialised.
 */
export async function cancelVoluntaryShares(
  trx: Trx,
  actor: Actor,
  memberId: string,
  input: { shares: number },
  env: ActionEnv,
) {
  const today = todayIn(env.clock.now())
  const { row } = await activeMember(trx, memberId, today)
  authorizeMember(actor, 'member.give_notice', row)
  await lockMember(trx, memberId)
  const { member } = await activeMember(trx, memberId, today)
  if (member.status !== 'active') throw new DomainError('member_not_active')
  const statutes = await statutesOn(trx, today)
  const effectiveOn = shareCancellationEffectiveDate(today, statutes.settings)
  const mandatory = await mandatorySharesOn(trx, memberId, effectiveOn)
  const summary = await ledgerSummary(trx, memberId, today)
  if (input.shares > summary.sharesTotal - mandatory) throw new DomainError('shares_below_mandatory')
  const valuePerShare = summary.sharesTotal > 0 ? Math.round(summary.subscribedCents / summary.sharesTotal) : 0
  const tx = await appendShareTx(trx, {
    member_id: memberId,
    kind: 'cancellation',
    shares: -input.shares,
    value_cents: -input.shares * valuePerShare,
    effective_on: effectiveOn,
    note: `§67b ${today}`,
    booked_at: env.clock.now(),
    booked_by: actor.label,
  })
  await trx
    .insertInto('payout')
    .values({
      member_id: memberId,
      cause: 'share_cancellation',
      share_transaction_id: tx.id,
      ended_on: effectiveOn,
      due_by: payoutDueDate(effectiveOn),
      created_at: env.clock.now(),
    })
    .execute()
  await audit(
    trx,
    actor,
    {
      action: 'shares.cancelled',
      subjectType: 'member',
      subjectId: memberId,
      organisationId: member.organisationId,
      after: { transaction: tx.id, shares: input.shares, givenOn: today, effectiveOn, mandatory },
    },
    env.clock,
  )
  return { transactionId: tx.id, effectiveOn, sharesAfter: summary.sharesTotal - input.shares, mandatory }
}

/** The board books a payment received on the member's shares; paying more than subscribed is refused. */
export async function recordPayment(
  trx: Trx,
  actor: Actor,
  memberId: string,
  input: { amountCents: number; receivedOn: PlainDate; reference: string },
  env: ActionEnv,
) {
  authorize(actor, 'capital.book')
  const today = todayIn(env.clock.now())
  if (compareDates(input.receivedOn, today) > 0) throw fieldError('receivedOn', 'date_in_future')
  if (!(await lockMember(trx, memberId))) throw new DomainError('not_found')
  const { member } = await activeMember(trx, memberId, today)
  const summary = await ledgerSummary(trx, memberId, today)
  if (input.amountCents > summary.unpaidCommitmentCents) throw fieldError('amountCents', 'payment_exceeds_owed')
  const tx = await appendCapitalTx(trx, {
    member_id: memberId,
    kind: 'payment_received',
    amount_cents: input.amountCents,
    effective_on: input.receivedOn,
    reference: input.reference,
    booked_at: env.clock.now(),
    booked_by: actor.label,
  })
  await audit(
    trx,
    actor,
    {
      action: 'capital.payment_received',
      subjectType: 'member',
      subjectId: memberId,
      organisationId: member.organisationId,
      after: {
        transaction: tx.id,
        amountCents: input.amountCents,
        receivedOn: input.receivedOn,
        reference: input.reference,
      },
    },
    env.clock,
  )
  return { transactionId: tx.id }
}
