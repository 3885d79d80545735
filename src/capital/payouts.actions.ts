import type { Executor, Trx } from '../db/db.ts'
import { findMember, lockMember, memberWithParty } from '../members/members.repo.ts'
import type { Actor } from '../platform/actor.ts'
import { audit } from '../platform/audit.ts'
import type { ActionEnv } from '../platform/context.ts'
import { compareDates, fiscalYearEnd, type PlainDate, todayIn } from '../platform/dates.ts'
import { DomainError, fieldError } from '../platform/errors.ts'
import { authorize } from '../platform/policy.ts'
import { statutesLookup, statutesOn } from '../statutes/statutes.actions.ts'
import { insertCapitalTx } from './capital.repo.ts'
import { payoutAmount } from './capital.rules.ts'
import { ledgerSummary } from './ledger.actions.ts'

export interface AnnualAccounts {
  fiscalYearEnd: PlainDate
  approvedOn: PlainDate
  lossPercent: number
  note: string
}

export async function listAnnualAccounts(db: Executor, actor: Actor): Promise<AnnualAccounts[]> {
  authorize(actor, 'payout.read')
  const rows = await db.selectFrom('annual_accounts').selectAll().orderBy('fiscal_year_end', 'desc').execute()
  return rows.map((r) => ({
    fiscalYearEnd: r.fiscal_year_end,
    approvedOn: r.approved_on,
    lossPercent: Number(r.loss_percent),
    note: r.note,
  }))
}

/**
 * The board records that the general assembly approved the annual accounts of a fiscal year (§48 GenG),
 * with the share of a loss that leaving members bear (§73 (2)). Payouts for that year become payable.
 */
export async function recordAnnualAccounts(
  trx: Trx,
  actor: Actor,
  input: AnnualAccounts,
  env: ActionEnv,
): Promise<AnnualAccounts> {
  authorize(actor, 'payout.manage')
  const today = todayIn(env.clock.now())
  const settings = (await statutesOn(trx, input.fiscalYearEnd)).settings
  if (fiscalYearEnd(input.fiscalYearEnd, settings.fiscalYearStartMonth) !== input.fiscalYearEnd)
    throw fieldError('fiscalYearEnd', 'not_fiscal_year_end')
  if (compareDates(input.approvedOn, input.fiscalYearEnd) <= 0)
    throw fieldError('approvedOn', 'approval_before_year_end')
  if (compareDates(input.approvedOn, today) > 0) throw fieldError('approvedOn', 'date_in_future')
  const existing = await trx
    .selectFrom('annual_accounts')
    .select('fiscal_year_end')
    .where('fiscal_year_end', '=', input.fiscalYearEnd)
    .executeTakeFirst()
  if (existing) throw fieldError('fiscalYearEnd', 'accounts_already_recorded')
  await trx
    .insertInto('annual_accounts')
    .values({
      fiscal_year_end: input.fiscalYearEnd,
      approved_on: input.approvedOn,
      loss_percent: input.lossPercent,
      note: input.note,
      recorded_at: env.clock.now(),
      recorded_by: actor.label,
    })
    .execute()
  await audit(
    trx,
    actor,
    {
      action: 'annual_accounts.recorded',
      subjectType: 'annual_accounts',
      subjectId: input.fiscalYearEnd,
      after: input,
    },
    env.clock,
  )
  return input
}

export interface PayoutItem {
  id: string
  memberId: string
  memberNumber: string
  memberName: string
  cause: 'exit' | 'share_cancellation'
  endedOn: PlainDate
  dueBy: PlainDate
  status: 'awaiting_accounts' | 'payable' | 'paid'
  overdue: boolean
  accountsApprovedOn: PlainDate | null
  lossPercent: number | null
  /** Expected (or, when paid, actual) amounts. */
  balanceCents: number
  lossCents: number
  amountCents: number
  paidOn: PlainDate | null
}

async function payoutBase(
  db: Executor,
  payout: { cause: string; member_id: string; share_transaction_id: string | null },
  today: PlainDate,
) {
  const summary = await ledgerSummary(db, payout.member_id, today)
  const balance = summary.capital.balanceCents
  if (payout.cause === 'exit') return balance
  // §67b: the capital on the cancelled shares: what the balance holds beyond the value of the shares kept
  const tx = summary.shareRows.find((r) => r.id === payout.share_transaction_id)
  const cancelled = tx ? -Number(tx.value_cents) : 0
  return Math.max(0, Math.min(cancelled, balance - summary.subscribedCents))
}

/** The board's worklist: payouts with their deadline (§73 (2) GenG: within six months), pending first. */
export async function listPayouts(
  db: Executor,
  actor: Actor,
  options: { status?: 'open' | 'paid'; today: PlainDate },
): Promise<PayoutItem[]> {
  authorize(actor, 'payout.read')
  let query = db.selectFrom('payout').selectAll()
  if (options.status === 'open') query = query.where('status', '=', 'awaiting_accounts')
  if (options.status === 'paid') query = query.where('status', '=', 'paid')
  const rows = await query.orderBy('due_by').execute()
  const accounts = await db.selectFrom('annual_accounts').selectAll().execute()
  const items: PayoutItem[] = []
  const settingsOn = await statutesLookup(db)
  const members = new Map(
    rows.length === 0
      ? []
      : (
          await memberWithParty(db, options.today)
            .where('m.id', 'in', [...new Set(rows.map((r) => r.member_id))])
            .execute()
        ).map((m) => [m.id, m]),
  )
  for (const row of rows) {
    const member = members.get(row.member_id)
    if (!member) continue
    const settings = settingsOn(row.ended_on)
    const yearEnd = fiscalYearEnd(row.ended_on, settings.fiscalYearStartMonth)
    const approved = accounts.find((a) => a.fiscal_year_end === yearEnd) ?? null
    const lossPercent = approved ? Number(approved.loss_percent) : null
    let balance = 0
    let loss = row.loss_cents ?? 0
    let amount = row.amount_cents ?? 0
    if (row.status !== 'paid') {
      balance = await payoutBase(db, row, options.today)
      const computed = payoutAmount(balance, lossPercent ?? 0)
      loss = computed.lossCents
      amount = computed.payoutCents
    } else balance = loss + amount
    const status =
      row.status === 'paid'
        ? 'paid'
        : approved && compareDates(row.ended_on, options.today) < 0
          ? 'payable'
          : 'awaiting_accounts'
    items.push({
      id: row.id,
      memberId: row.member_id,
      memberNumber: member.number,
      memberName: member.party_name,
      cause: row.cause,
      endedOn: row.ended_on,
      dueBy: row.due_by,
      status,
      overdue: status !== 'paid' && compareDates(row.due_by, options.today) < 0,
      accountsApprovedOn: approved?.approved_on ?? null,
      lossPercent,
      balanceCents: balance,
      lossCents: loss,
      amountCents: amount,
      paidOn: row.paid_on,
    })
  }
  return items
}

/**
 * Pays out (§73 GenG): only after the membership (or the cancelled shares) ended and the annual accounts of
 * that fiscal year were approved; books the member's share of a loss and the payout, then closes the item.
 */
export async function settlePayout(
  trx: Trx,
  actor: Actor,
  payoutId: string,
  input: { paidOn: PlainDate; reference: string },
  env: ActionEnv,
): Promise<PayoutItem> {
  authorize(actor, 'payout.manage')
  const row = await trx.selectFrom('payout').selectAll().where('id', '=', payoutId).forUpdate().executeTakeFirst()
  if (!row) throw new DomainError('not_found')
  if (row.status === 'paid') throw new DomainError('already_decided', 'paid')
  await lockMember(trx, row.member_id)
  const today = todayIn(env.clock.now())
  if (compareDates(input.paidOn, today) > 0) throw fieldError('paidOn', 'date_in_future')
  if (compareDates(input.paidOn, row.ended_on) <= 0) throw fieldError('paidOn', 'payout_before_end')
  const settings = (await statutesOn(trx, row.ended_on)).settings
  const yearEnd = fiscalYearEnd(row.ended_on, settings.fiscalYearStartMonth)
  const approved = await trx
    .selectFrom('annual_accounts')
    .selectAll()
    .where('fiscal_year_end', '=', yearEnd)
    .executeTakeFirst()
  if (!approved) throw new DomainError('accounts_not_approved', yearEnd)
  const balance = await payoutBase(trx, row, today)
  const { lossCents, payoutCents } = payoutAmount(balance, Number(approved.loss_percent))
  const now = env.clock.now()
  const common = { member_id: row.member_id, effective_on: input.paidOn, booked_at: now, booked_by: actor.label }
  if (lossCents > 0)
    await insertCapitalTx(trx, {
      ...common,
      kind: 'loss',
      amount_cents: -lossCents,
      reference: `Verlustanteil ${yearEnd}`,
    })
  let capitalTxId: string | null = null
  if (payoutCents > 0)
    capitalTxId = (
      await insertCapitalTx(trx, { ...common, kind: 'payout', amount_cents: -payoutCents, reference: input.reference })
    ).id
  await trx
    .updateTable('payout')
    .set({
      status: 'paid',
      loss_cents: lossCents,
      amount_cents: payoutCents,
      paid_on: input.paidOn,
      capital_transaction_id: capitalTxId,
    })
    .where('id', '=', payoutId)
    .execute()
  const member = await findMember(trx, row.member_id, todayIn(env.clock.now()))
  await audit(
    trx,
    actor,
    {
      action: 'payout.paid',
      subjectType: 'member',
      subjectId: row.member_id,
      organisationId: member?.organisation_id ?? null,
      after: {
        payout: payoutId,
        cause: row.cause,
        balanceCents: balance,
        lossCents,
        payoutCents,
        paidOn: input.paidOn,
      },
    },
    env.clock,
  )
  const items = await listPayouts(trx, actor, { today })
  const item = items.find((i) => i.id === payoutId)
  if (!item) throw new DomainError('not_found')
  return item
}
