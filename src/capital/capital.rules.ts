import { compareDates, type PlainDate, parsePlainDate } from '../platform/dates.ts'
import { percentOf } from '../platform/money.ts'

/**
 * The share ledger and the capital ledger of a membership. Both are append-only (GoBD, DOMAIN: ledgers): a
 * correction is a reversal entry pointing to what it reverses, and no balance is ever negative on any day.
 * A balance "as of" a day counts every entry effective on or before it.
 */

export type ShareTxKind = 'subscription' | 'cancellation' | 'transfer_out' | 'transfer_in' | 'reversal'

export interface ShareTx {
  id: string
  kind: ShareTxKind
  /** Signed: subscription and transfer_in > 0, cancellation and transfer_out < 0, reversal the exact negative. */
  shares: number
  effectiveOn: PlainDate
  reversesId: string | null
}

export type LedgerError =
  | 'sign'
  | 'negative_balance'
  | 'reversal_target_missing'
  | 'reversal_of_reversal'
  | 'already_reversed'
  | 'reversal_not_exact'
  | 'reversal_needs_target'
  | 'zero_amount'

/** The sign each non-reversal share kind must have (§15b GenG subscription, §67b cancellation, §76 transfer). */
export const shareTxSign: Record<Exclude<ShareTxKind, 'reversal'>, 1 | -1> = {
  subscription: 1,
  transfer_in: 1,
  cancellation: -1,
  transfer_out: -1,
}

function requireWhole(n: number, what: string): void {
  if (!Number.isSafeInteger(n)) throw new RangeError(`${what} must be a whole number, got ${n}`)
}

function onOrBefore(effectiveOn: PlainDate, asOf: PlainDate | undefined): boolean {
  return asOf === undefined || compareDates(effectiveOn, asOf) <= 0
}

/** Shares held as of a day: the sum of entries effective on or before asOf (all entries when asOf is undefined). */
export function shareBalance(txs: ShareTx[], asOf?: PlainDate): number {
  if (asOf !== undefined) parsePlainDate(asOf)
  let sum = 0
  for (const tx of txs) if (onOrBefore(tx.effectiveOn, asOf)) sum += tx.shares
  return sum
}

interface Entry {
  id: string
  kind: string
  amount: number
  effectiveOn: PlainDate
  reversesId: string | null
}

/**
 * The reversal rules both ledgers share: reversesId is set exactly on reversals ('reversal_needs_target' for a
 * reversal without one or another kind with one); the target exists, is no reversal itself, is not yet reversed,
 * and the reversal is its exact negative taking effect on or after it ('reversal_not_exact' otherwise; to
 * withdraw a future-dated entry, date the reversal on the entry's own day, as shareReversal does by default).
 */
function checkReversal<E extends Entry>(existing: E[], next: E): { error: LedgerError } | { target: E | null } {
  if (next.kind !== 'reversal') return next.reversesId === null ? { target: null } : { error: 'reversal_needs_target' }
  if (next.reversesId === null) return { error: 'reversal_needs_target' }
  const target = existing.find((tx) => tx.id === next.reversesId)
  if (!target) return { error: 'reversal_target_missing' }
  if (target.kind === 'reversal') return { error: 'reversal_of_reversal' }
  if (existing.some((tx) => tx.kind === 'reversal' && tx.reversesId === target.id)) return { error: 'already_reversed' }
  if (next.amount !== -target.amount) return { error: 'reversal_not_exact' }
  // Dated before its target, a reversal would show the opposite of the entry on the days in between.
  if (compareDates(next.effectiveOn, target.effectiveOn) < 0) return { error: 'reversal_not_exact' }
  return { target }
}

/**
 * Whether `values` (running sums per entry) stay >= 0 on every day from `from` on, after adding `next`. Entries
 * are grouped by day; a balance as of a day includes all of that day's entries.
 */
function staysNonNegative<E>(
  all: E[],
  from: PlainDate,
  dateOf: (e: E) => PlainDate,
  measures: Array<(e: E) => number>,
): boolean {
  const sorted = [...all].sort((a, b) => compareDates(dateOf(a), dateOf(b)))
  const sums = measures.map(() => 0)
  for (let i = 0; i < sorted.length; i++) {
    const entry = sorted[i]!
    measures.forEach((measure, k) => {
      sums[k]! += measure(entry)
    })
    const day = dateOf(entry)
    const lastOfDay = i === sorted.length - 1 || dateOf(sorted[i + 1]!) !== day
    if (lastOfDay && compareDates(day, from) >= 0 && sums.some((s) => s < 0)) return false
  }
  return true
}

/**
 * Checks a new share entry against the member's existing ones; null if it may be appended. Amounts are non-zero
 * with the kind's sign; reversals follow the reversal rules; the share balance stays >= 0 as of every day from the
 * new entry's date on (not just at the end), so even a member's very first entry cannot be negative (append-only
 * ledger, DOMAIN: balances never negative; §67b GenG: only held shares can be cancelled).
 */
export function checkShareTx(existing: ShareTx[], next: ShareTx): LedgerError | null {
  requireWhole(next.shares, 'shares')
  parsePlainDate(next.effectiveOn)
  if (next.shares === 0) return 'zero_amount'
  const reversal = checkReversal(
    existing.map((tx) => ({ ...tx, amount: tx.shares })),
    { ...next, amount: next.shares },
  )
  if ('error' in reversal) return reversal.error
  if (next.kind !== 'reversal' && Math.sign(next.shares) !== shareTxSign[next.kind]) return 'sign'
  const fine = staysNonNegative([...existing, next], next.effectiveOn, (tx) => tx.effectiveOn, [(tx) => tx.shares])
  return fine ? null : 'negative_balance'
}

/** The reversal entry of a share entry: the exact negative, pointing to it. */
export function shareReversal(target: ShareTx, id: string, effectiveOn: PlainDate = target.effectiveOn): ShareTx {
  if (target.kind === 'reversal') throw new RangeError('a reversal cannot be reversed')
  return { id, kind: 'reversal', shares: -target.shares, effectiveOn, reversesId: target.id }
}

export type CapitalTxKind =
  | 'payment_due'
  | 'payment_received'
  | 'transfer_out'
  | 'adoption'
  | 'loss'
  | 'payout'
  | 'reversal'

export interface CapitalTx {
  id: string
  kind: CapitalTxKind
  /** Signed: payment_due, payment_received, adoption > 0; transfer_out, loss, payout < 0; reversal the exact negative. */
  amountCents: number
  effectiveOn: PlainDate
  reversesId: string | null
  /** On a reversal, the kind of the entry it reverses; null otherwise. */
  reversedKind: Exclude<CapitalTxKind, 'reversal'> | null
}

/**
 * The sign of each non-reversal capital kind: a call for payment (§7 Nr. 1 GenG), a payment received, capital
 * adopted from or transferred to another member (§76 GenG), a share of a loss written off and the payout (§73 GenG).
 */
export const capitalTxSign: Record<Exclude<CapitalTxKind, 'reversal'>, 1 | -1> = {
  payment_due: 1,
  payment_received: 1,
  adoption: 1,
  transfer_out: -1,
  loss: -1,
  payout: -1,
}

export interface CapitalBalances {
  /** Σ payment_due (net of reversals): what the member has been asked to pay so far. */
  dueCents: number
  /** Σ payment_received + adoption + transfer_out (net): capital paid in on the member's shares. */
  paidInCents: number
  /** Σ loss as a positive number. */
  lossCents: number
  /** Σ payout as a positive number. */
  payoutCents: number
  /** Geschäftsguthaben = paidIn - loss - payout. */
  balanceCents: number
  /** max(0, due - paidIn): owed now. */
  outstandingCents: number
}

/** The kind an entry counts as: its own, or for a reversal the kind it reverses. */
function effectiveKind(tx: CapitalTx): Exclude<CapitalTxKind, 'reversal'> | null {
  return tx.kind === 'reversal' ? tx.reversedKind : tx.kind
}

/** How much an entry moves the capital balance (Geschäftsguthaben) and the amount called for. */
function movement(tx: CapitalTx): { balance: number; due: number } {
  const kind = effectiveKind(tx)
  if (kind === 'payment_due') return { balance: 0, due: tx.amountCents }
  if (kind === null) return { balance: 0, due: 0 }
  return { balance: tx.amountCents, due: 0 }
}

/**
 * The balances of a capital ledger as of a day (all entries when asOf is undefined). Reversals count under the
 * kind they reverse, so a reversed entry and its reversal cancel out. §73 GenG: the capital balance is what is
 * paid out at the end; §22 GenG: what is owed cannot be set off, so `outstandingCents` is shown on its own.
 */
export function capitalBalances(txs: CapitalTx[], asOf?: PlainDate): CapitalBalances {
  if (asOf !== undefined) parsePlainDate(asOf)
  let due = 0
  let paidIn = 0
  let loss = 0
  let payout = 0
  for (const tx of txs) {
    if (!onOrBefore(tx.effectiveOn, asOf)) continue
    const kind = effectiveKind(tx)
    if (kind === 'payment_due') due += tx.amountCents
    else if (kind === 'loss') loss -= tx.amountCents
    else if (kind === 'payout') payout -= tx.amountCents
    else if (kind !== null) paidIn += tx.amountCents
  }
  const balance = paidIn - loss - payout
  return {
    dueCents: due,
    paidInCents: paidIn,
    lossCents: loss,
    payoutCents: payout,
    balanceCents: balance,
    outstandingCents: Math.max(0, due - paidIn),
  }
}

/**
 * Checks a new capital entry against the member's existing ones; null if it may be appended. Amounts are non-zero
 * with the kind's sign; reversals follow the share ledger's rules and name the reversed kind (reversedKind is set
 * exactly on reversals, else 'reversal_not_exact'); the capital balance and the amount called for stay >= 0 as of
 * every day from the new entry's date on (append-only ledger; §73 GenG: no payout or loss beyond the balance).
 */
export function checkCapitalTx(existing: CapitalTx[], next: CapitalTx): LedgerError | null {
  requireWhole(next.amountCents, 'amountCents')
  parsePlainDate(next.effectiveOn)
  if (next.amountCents === 0) return 'zero_amount'
  const reversal = checkReversal(
    existing.map((tx) => ({ ...tx, amount: tx.amountCents })),
    { ...next, amount: next.amountCents },
  )
  if ('error' in reversal) return reversal.error
  if (next.kind === 'reversal') {
    if (next.reversedKind !== reversal.target?.kind) return 'reversal_not_exact'
  } else {
    if (next.reversedKind !== null) return 'reversal_not_exact'
    if (Math.sign(next.amountCents) !== capitalTxSign[next.kind]) return 'sign'
  }
  const fine = staysNonNegative([...existing, next], next.effectiveOn, (tx) => tx.effectiveOn, [
    (tx) => movement(tx).balance,
    (tx) => movement(tx).due,
  ])
  return fine ? null : 'negative_balance'
}

/** The reversal entry of a capital entry: the exact negative, pointing to it and naming its kind. */
export function capitalReversal(target: CapitalTx, id: string, effectiveOn: PlainDate = target.effectiveOn): CapitalTx {
  if (target.kind === 'reversal') throw new RangeError('a reversal cannot be reversed')
  return {
    id,
    kind: 'reversal',
    amountCents: -target.amountCents,
    effectiveOn,
    reversesId: target.id,
    reversedKind: target.kind,
  }
}

/**
 * §73 (2) GenG: the payout is the capital balance minus the member's share of a loss (lossPercent of the balance,
 * half-up), never below 0; the loss share never exceeds the balance (no further contribution is claimed here).
 */
export function payoutAmount(balanceCents: number, lossPercent: number): { lossCents: number; payoutCents: number } {
  requireWhole(balanceCents, 'balanceCents')
  if (balanceCents < 0) throw new RangeError(`balanceCents must be >= 0, got ${balanceCents}`)
  if (!(lossPercent >= 0)) throw new RangeError(`lossPercent must be >= 0, got ${lossPercent}`)
  const lossCents = Math.min(balanceCents, percentOf(balanceCents, lossPercent))
  return { lossCents, payoutCents: balanceCents - lossCents }
}
