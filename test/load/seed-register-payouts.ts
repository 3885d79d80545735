/**
 * Capital leaving the cooperative: the balances a member holds, the annual accounts a payout waits for, the payout
 * worklist items with their loss share and payout, §67b cancellations and §76 transfers of voluntary shares;
 * the annual accounts of every closed year.
 */
import { payoutAmount } from '../../src/capital/capital.rules.ts'
import { payoutDueDate, shareCancellationEffectiveDate } from '../../src/members/membership.rules.ts'
import { addDays, addMonths, compareDates, fiscalYearEnd, type PlainDate } from '../../src/platform/dates.ts'
import { boardLabels, founded, type PlanContext, type PlannedMember, type Row } from './seed-register-context.ts'
import { capitalRow, shareRow } from './seed-register-ledgers.ts'

// The capital a member holds (everything but the amounts due): on a day, and the lowest from a day on.
export function balanceOn(c: PlanContext, m: PlannedMember, day: PlainDate): number {
  const { paidRows } = c
  let sum = 0
  for (const r of paidRows[m.index] ?? []) if (compareDates(r.row.effective_on as string, day) <= 0) sum += r.amount
  return sum
}
export function lowestFrom(c: PlanContext, m: PlannedMember, day: PlainDate): number {
  const { paidRows } = c
  const days = new Set([
    day,
    ...(paidRows[m.index] ?? []).map((r) => r.row.effective_on as string).filter((d) => d > day),
  ])
  return Math.min(...[...days].map((d) => balanceOn(c, m, d)))
}

export const approvedOn = (fiscalEnd: PlainDate) => addDays(addMonths(fiscalEnd, 5), 12)
const accountsApproved = (c: PlanContext, ended: PlainDate) =>
  compareDates(addDays(approvedOn(fiscalYearEnd(ended, c.fy)), 20), c.today) <= 0
export const lossPercentFor = (c: PlanContext, ended: PlainDate): number =>
  ({ '2020': 4.5, '2023': 1.25 })[fiscalYearEnd(ended, c.fy).slice(0, 4)] ?? 0

/** The payout worklist item (§73 GenG) and, once that year's accounts are approved, its loss share and payout. */
export function payoutFor(
  c: PlanContext,
  m: PlannedMember,
  cause: 'exit' | 'share_cancellation',
  ended: PlainDate,
  shareTxId: string | null,
  cancelledValue: number,
) {
  const { rnd, today, fy, payouts, subscribed } = c
  const dueBy = payoutDueDate(ended)
  const row: Row = {
    id: rnd.uuid(),
    member_id: m.id,
    cause,
    share_transaction_id: shareTxId,
    ended_on: ended,
    due_by: dueBy,
    status: 'awaiting_accounts',
    loss_cents: null,
    amount_cents: null,
    paid_on: null,
    capital_transaction_id: null,
    created_at: rnd.at(minDay(ended, today)),
  }
  payouts.push(row)
  if (!accountsApproved(c, ended)) return
  const paidOn = minDay(addDays(approvedOn(fiscalYearEnd(ended, fy)), rnd.int(2, 15)), dueBy)
  const balance = Math.min(balanceOn(c, m, paidOn), lowestFrom(c, m, paidOn))
  // as payoutBase: the whole balance at an exit; for cancelled shares what the balance holds beyond the shares kept
  const base = cause === 'exit' ? balance : Math.max(0, Math.min(cancelledValue, balance - (subscribed[m.index] ?? 0)))
  const { lossCents, payoutCents } = payoutAmount(Math.max(0, base), lossPercentFor(c, ended))
  const at = rnd.at(paidOn)
  if (lossCents > 0)
    capitalRow(c, m, at, {
      kind: 'loss',
      amount_cents: -lossCents,
      effective_on: paidOn,
      reference: `Verlustanteil ${fiscalYearEnd(ended, fy)}`,
    })
  const payout =
    payoutCents > 0
      ? capitalRow(c, m, at, {
          kind: 'payout',
          amount_cents: -payoutCents,
          effective_on: paidOn,
          reference: `Auszahlung ${m.number}`,
        })
      : null
  Object.assign(row, {
    status: 'paid',
    loss_cents: lossCents,
    amount_cents: payoutCents,
    paid_on: paidOn,
    capital_transaction_id: payout?.row.id ?? null,
  })
}

export function planCancellationsAndTransfers(c: PlanContext) {
  const { settings, rnd, today, planned, subscribed } = c
  // §67b cancellations of voluntary shares and §76 transfers of fully paid ones, by members who stay
  for (const m of planned) {
    if (m.voluntary === 0 || m.exitOn !== null) continue
    if (rnd.chance(0.07)) {
      const givenOn = rnd.dayBetween(addDays(m.joinedOn, 365), addDays(today, -5))
      if (compareDates(givenOn, addDays(today, -5)) > 0) continue
      const on = shareCancellationEffectiveDate(givenOn, settings)
      const shares = rnd.int(1, m.voluntary)
      const value = shares * settings.shareValueCents
      const txId = shareRow(c, m, rnd.at(givenOn), {
        kind: 'cancellation',
        shares: -shares,
        value_cents: -value,
        effective_on: on,
        note: `§67b ${givenOn}`,
      })
      payoutFor(c, m, 'share_cancellation', on, txId, value)
    } else if (rnd.chance(0.08) && !m.arrears) {
      const on = addDays(addMonths(m.joinedOn, 12 * settings.instalmentCount), rnd.int(60, 400))
      if (compareDates(on, addDays(today, -1)) > 0) continue
      const to = planned[rnd.int(0, planned.length - 1)]!
      if (to === m || compareDates(to.joinedOn, on) >= 0 || (to.exitOn && compareDates(to.exitOn, on) <= 0)) continue
      const shares = rnd.int(1, m.voluntary)
      const value = shares * settings.shareValueCents
      // only fully paid shares, as transferShares requires, and the capital stays >= 0 afterwards
      if (lowestFrom(c, m, on) < (subscribed[m.index] ?? 0)) continue
      const counterpart = rnd.uuid()
      const at = rnd.at(on)
      const note = `§76 ${m.number} → ${to.number}`
      const common = { effective_on: on, counterpart_id: counterpart }
      shareRow(c, m, at, { ...common, note, kind: 'transfer_out', shares: -shares, value_cents: -value })
      shareRow(c, to, at, { ...common, note, kind: 'transfer_in', shares, value_cents: value })
      capitalRow(c, m, at, { ...common, reference: note, kind: 'transfer_out', amount_cents: -value })
      capitalRow(c, to, at, { ...common, reference: note, kind: 'adoption', amount_cents: value })
    }
  }
}
export function planAnnualAccounts(c: PlanContext): Row[] {
  const { rnd, today, fy } = c
  // annual accounts for every closed year
  const annualAccounts: Row[] = []
  for (let y = Number(founded.slice(0, 4)); ; y++) {
    const end = fiscalYearEnd(`${y}-06-15`, fy)
    const approved = approvedOn(end)
    if (compareDates(approved, today) > 0) break
    annualAccounts.push({
      fiscal_year_end: end,
      approved_on: approved,
      loss_percent: lossPercentFor(c, end),
      note: `Generalversammlung ${approved.slice(0, 4)}`,
      recorded_at: rnd.at(approved),
      recorded_by: boardLabels[0],
    })
  }
  return annualAccounts
}

function minDay(a: PlainDate, b: PlainDate): PlainDate {
  return compareDates(a, b) <= 0 ? a : b
}
