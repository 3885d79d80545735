import assert from 'node:assert/strict'
import { test } from 'node:test'
import {
  type CapitalTx,
  type CapitalTxKind,
  capitalBalances,
  capitalReversal,
  checkCapitalTx,
  checkShareTx,
  type LedgerError,
  payoutAmount,
  type ShareTx,
  type ShareTxKind,
  shareBalance,
  shareReversal,
} from './capital.rules.ts'

let counter = 0
const share = (
  kind: ShareTxKind,
  shares: number,
  effectiveOn = '2026-01-01',
  reversesId: string | null = null,
): ShareTx => ({
  id: `s${++counter}`,
  kind,
  shares,
  effectiveOn,
  reversesId,
})
const capital = (
  kind: CapitalTxKind,
  amountCents: number,
  effectiveOn = '2026-01-01',
  reversesId: string | null = null,
  reversedKind: CapitalTx['reversedKind'] = null,
): CapitalTx => ({ id: `c${++counter}`, kind, amountCents, effectiveOn, reversesId, reversedKind })

test('share balance as of a day counts entries effective on or before it', () => {
  const txs = [
    share('subscription', 5, '2026-01-01'),
    share('subscription', 3, '2026-06-01'),
    share('cancellation', -2, '2026-12-31'),
    share('transfer_in', 4, '2027-03-01'),
    share('transfer_out', -1, '2027-03-01'),
  ]
  const cases: Array<[string | undefined, number]> = [
    ['2025-12-31', 0],
    ['2026-01-01', 5],
    ['2026-05-31', 5],
    ['2026-06-01', 8],
    ['2026-12-31', 6],
    ['2027-03-01', 9],
    [undefined, 9],
  ]
  for (const [asOf, expected] of cases) assert.equal(shareBalance(txs, asOf), expected, String(asOf))
  assert.equal(shareBalance([]), 0)
  assert.throws(() => shareBalance(txs, '2026-02-30'), RangeError)
})

test('share entries: amounts, signs and balances', () => {
  const held = [share('subscription', 5, '2026-01-01')]
  const cases: Array<[string, ShareTx[], ShareTx, LedgerError | null]> = [
    ['first subscription', [], share('subscription', 5), null],
    ['zero shares', [], share('subscription', 0), 'zero_amount'],
    ['negative subscription', [], share('subscription', -1), 'sign'],
    ['negative transfer in', [], share('transfer_in', -1), 'sign'],
    ['positive cancellation', held, share('cancellation', 1), 'sign'],
    ['positive transfer out', held, share('transfer_out', 1), 'sign'],
    ['first entry a cancellation', [], share('cancellation', -1), 'negative_balance'],
    ['first entry a transfer out', [], share('transfer_out', -1), 'negative_balance'],
    ['cancel some held shares', held, share('cancellation', -3, '2026-12-31'), null],
    ['cancel all held shares', held, share('cancellation', -5, '2026-12-31'), null],
    ['cancel more than held', held, share('cancellation', -6, '2026-12-31'), 'negative_balance'],
    ['transfer out more than held', held, share('transfer_out', -6, '2026-12-31'), 'negative_balance'],
    ['cancellation before the subscription', held, share('cancellation', -2, '2025-12-31'), 'negative_balance'],
    ['cancellation on the subscription day', held, share('cancellation', -5, '2026-01-01'), null],
    ['transfer in, then more out', held, share('transfer_in', 2, '2026-03-01'), null],
  ]
  for (const [name, existing, next, expected] of cases) assert.equal(checkShareTx(existing, next), expected, name)
})

test('a share entry may not make a later balance negative', () => {
  const existing = [share('subscription', 5, '2026-01-01'), share('cancellation', -5, '2026-12-31')]
  assert.equal(checkShareTx(existing, share('transfer_out', -1, '2026-06-01')), 'negative_balance')
  assert.equal(checkShareTx(existing, share('transfer_out', -1, '2027-01-01')), 'negative_balance')
  assert.equal(checkShareTx(existing, share('subscription', 1, '2026-06-01')), null)
  const growing = [share('subscription', 1, '2026-01-01'), share('subscription', 9, '2026-12-01')]
  assert.equal(checkShareTx(growing, share('cancellation', -5, '2026-06-01')), 'negative_balance')
  assert.equal(checkShareTx(growing, share('cancellation', -5, '2026-12-01')), null)
})

test('share reversals: the exact negative of an unreversed, non-reversal entry', () => {
  const sub = share('subscription', 5, '2026-01-01')
  const cancel = share('cancellation', -2, '2026-12-31')
  const rev = shareReversal(sub, 'r1')
  const ledger = [sub, cancel]
  const cases: Array<[string, ShareTx[], ShareTx, LedgerError | null]> = [
    ['reverse a cancellation', ledger, shareReversal(cancel, 'r2'), null],
    ['reverse a subscription with no shares left to take', ledger, shareReversal(sub, 'r3'), 'negative_balance'],
    ['reverse a subscription', [sub], rev, null],
    ['reversal without target', [sub], share('reversal', -5, '2026-01-01', null), 'reversal_needs_target'],
    ['target on an ordinary entry', [sub], share('subscription', 5, '2026-01-01', sub.id), 'reversal_needs_target'],
    ['target missing', [sub], share('reversal', -5, '2026-01-01', 'nope'), 'reversal_target_missing'],
    ['reversal of a reversal', [sub, rev], share('reversal', 5, '2026-01-01', rev.id), 'reversal_of_reversal'],
    ['reversed twice', [sub, rev], share('reversal', -5, '2026-01-01', sub.id), 'already_reversed'],
    ['not the exact amount', [sub], share('reversal', -3, '2026-01-01', sub.id), 'reversal_not_exact'],
    ['same sign as the target', [sub], share('reversal', 5, '2026-01-01', sub.id), 'reversal_not_exact'],
    ['a zero reversal', [sub], share('reversal', 0, '2026-01-01', sub.id), 'zero_amount'],
    ['dated before its target', [sub], { ...rev, effectiveOn: '2025-12-31' }, 'reversal_not_exact'],
    ['dated after its target', [sub], { ...rev, effectiveOn: '2026-03-01' }, null],
    ['withdraw a future cancellation', ledger, shareReversal(cancel, 'r6'), null],
    [
      'withdraw it from today',
      ledger,
      { ...shareReversal(cancel, 'r7'), effectiveOn: '2026-06-01' },
      'reversal_not_exact',
    ],
  ]
  for (const [name, existing, next, expected] of cases) assert.equal(checkShareTx(existing, next), expected, name)
  assert.equal(shareBalance([sub, rev]), 0)
  assert.deepEqual(rev, { id: 'r1', kind: 'reversal', shares: -5, effectiveOn: '2026-01-01', reversesId: sub.id })
  assert.equal(shareReversal(sub, 'r4', '2026-02-01').effectiveOn, '2026-02-01')
  assert.throws(() => shareReversal(rev, 'r5'), RangeError)
})

test('share entries must be whole numbers on real days', () => {
  assert.throws(() => checkShareTx([], share('subscription', 1.5)), RangeError)
  assert.throws(() => checkShareTx([], share('subscription', Number.NaN)), RangeError)
  assert.throws(() => checkShareTx([], share('subscription', 1, '2026-02-30')), RangeError)
})

test('capital balances as of a day', () => {
  const txs = [
    capital('payment_due', 10000, '2026-01-01'),
    capital('payment_received', 1000, '2026-01-05'),
    capital('adoption', 5000, '2026-03-01'),
    capital('transfer_out', -2000, '2026-04-01'),
    capital('loss', -500, '2026-12-31'),
    capital('payout', -3500, '2027-06-30'),
  ]
  const cases: Array<[string | undefined, [number, number, number, number, number, number]]> = [
    // asOf: due, paidIn, loss, payout, balance, outstanding
    ['2025-12-31', [0, 0, 0, 0, 0, 0]],
    ['2026-01-01', [10000, 0, 0, 0, 0, 10000]],
    ['2026-01-05', [10000, 1000, 0, 0, 1000, 9000]],
    ['2026-03-01', [10000, 6000, 0, 0, 6000, 4000]],
    ['2026-04-01', [10000, 4000, 0, 0, 4000, 6000]],
    ['2026-12-31', [10000, 4000, 500, 0, 3500, 6000]],
    [undefined, [10000, 4000, 500, 3500, 0, 6000]],
  ]
  for (const [asOf, [dueCents, paidInCents, lossCents, payoutCents, balanceCents, outstandingCents]] of cases)
    assert.deepEqual(
      capitalBalances(txs, asOf),
      { dueCents, paidInCents, lossCents, payoutCents, balanceCents, outstandingCents },
      String(asOf),
    )
  const overpaid = [capital('payment_due', 1000), capital('payment_received', 1500)]
  assert.equal(capitalBalances(overpaid).outstandingCents, 0)
  assert.equal(capitalBalances(overpaid).balanceCents, 1500)
})

test('capital reversals count under the kind they reverse', () => {
  const due = capital('payment_due', 10000, '2026-01-01')
  const paid = capital('payment_received', 4000, '2026-02-01')
  const mistaken = capital('payment_received', 3000, '2026-03-01')
  const loss = capital('loss', -1000, '2026-12-31')
  const txs = [
    due,
    paid,
    mistaken,
    capitalReversal(mistaken, 'r1', '2026-03-15'),
    loss,
    capitalReversal(loss, 'r2', '2027-01-15'),
  ]
  const cases: Array<[string | undefined, [number, number, number, number, number, number]]> = [
    // asOf: due, paidIn, loss, payout, balance, outstanding
    ['2026-03-01', [10000, 7000, 0, 0, 7000, 3000]],
    ['2026-03-15', [10000, 4000, 0, 0, 4000, 6000]],
    ['2026-12-31', [10000, 4000, 1000, 0, 3000, 6000]],
    [undefined, [10000, 4000, 0, 0, 4000, 6000]],
  ]
  for (const [asOf, [dueCents, paidInCents, lossCents, payoutCents, balanceCents, outstandingCents]] of cases)
    assert.deepEqual(
      capitalBalances(txs, asOf),
      { dueCents, paidInCents, lossCents, payoutCents, balanceCents, outstandingCents },
      String(asOf),
    )
  const accepted: CapitalTx[] = []
  for (const tx of txs) {
    assert.equal(checkCapitalTx(accepted, tx), null, tx.id)
    accepted.push(tx)
  }
})

test('capital entries: signs by kind', () => {
  const funded = [capital('payment_due', 10000), capital('payment_received', 10000)]
  const cases: Array<[CapitalTxKind, number, LedgerError | null]> = [
    ['payment_due', 1000, null],
    ['payment_due', -1000, 'sign'],
    ['payment_received', 1000, null],
    ['payment_received', -1000, 'sign'],
    ['adoption', 1000, null],
    ['adoption', -1000, 'sign'],
    ['transfer_out', -1000, null],
    ['transfer_out', 1000, 'sign'],
    ['loss', -1000, null],
    ['loss', 1000, 'sign'],
    ['payout', -1000, null],
    ['payout', 1000, 'sign'],
    ['payment_due', 0, 'zero_amount'],
    ['payout', 0, 'zero_amount'],
  ]
  for (const [kind, amount, expected] of cases)
    assert.equal(checkCapitalTx(funded, capital(kind, amount, '2026-06-01')), expected, `${kind} ${amount}`)
})

test('capital entries: the balance and the amount called for never go negative', () => {
  const funded = [capital('payment_due', 10000, '2026-01-01'), capital('payment_received', 4000, '2026-02-01')]
  const cases: Array<[string, CapitalTx[], CapitalTx, LedgerError | null]> = [
    ['first entry a payout', [], capital('payout', -1), 'negative_balance'],
    ['first entry a loss', [], capital('loss', -1), 'negative_balance'],
    ['first entry a transfer out', [], capital('transfer_out', -1), 'negative_balance'],
    ['first entry a payment', [], capital('payment_received', 1), null],
    ['pay out the whole balance', funded, capital('payout', -4000, '2027-06-30'), null],
    ['pay out more than the balance', funded, capital('payout', -4001, '2027-06-30'), 'negative_balance'],
    ['pay out before the money came in', funded, capital('payout', -4000, '2026-01-15'), 'negative_balance'],
    ['a loss beyond the balance', funded, capital('loss', -5000, '2026-12-31'), 'negative_balance'],
    ['transfer out all of it', funded, capital('transfer_out', -4000, '2026-03-01'), null],
  ]
  for (const [name, existing, next, expected] of cases) assert.equal(checkCapitalTx(existing, next), expected, name)
  const paidOut = [...funded, capital('payout', -4000, '2027-06-30')]
  assert.equal(checkCapitalTx(paidOut, capitalReversal(funded[1]!, 'r1', '2026-06-01')), 'negative_balance')
  assert.equal(checkCapitalTx(paidOut, capital('transfer_out', -1, '2026-06-01')), 'negative_balance')
})

test('capital reversals follow the share ledger rules and name the reversed kind', () => {
  const due = capital('payment_due', 10000, '2026-01-01')
  const paid = capital('payment_received', 4000, '2026-02-01')
  const revDue = capitalReversal(due, 'rd')
  const ledger = [due, paid]
  const cases: Array<[string, CapitalTx[], CapitalTx, LedgerError | null]> = [
    ['reverse a call for payment', ledger, revDue, null],
    ['reverse a payment', ledger, capitalReversal(paid, 'rp'), null],
    [
      'reverse a call for payment before it was made',
      ledger,
      { ...revDue, effectiveOn: '2025-12-31' },
      'reversal_not_exact',
    ],
    ['reverse a call for payment later', ledger, { ...revDue, effectiveOn: '2026-12-31' }, null],
    ['wrong reversed kind', ledger, { ...revDue, reversedKind: 'payment_received' }, 'reversal_not_exact'],
    ['no reversed kind', ledger, { ...revDue, reversedKind: null }, 'reversal_not_exact'],
    [
      'reversed kind on an ordinary entry',
      ledger,
      capital('payment_due', 5, '2026-01-01', null, 'payment_due'),
      'reversal_not_exact',
    ],
    ['not the exact amount', ledger, { ...revDue, amountCents: -9999 }, 'reversal_not_exact'],
    ['no target', ledger, { ...revDue, reversesId: null }, 'reversal_needs_target'],
    ['target on an ordinary entry', ledger, capital('payment_due', 5, '2026-01-01', due.id), 'reversal_needs_target'],
    ['target missing', ledger, { ...revDue, reversesId: 'nope' }, 'reversal_target_missing'],
    ['reversed twice', [...ledger, revDue], { ...revDue, id: 'rd2' }, 'already_reversed'],
    [
      'reversal of a reversal',
      [...ledger, revDue],
      capital('reversal', 10000, '2026-01-01', revDue.id, 'payment_due'),
      'reversal_of_reversal',
    ],
  ]
  for (const [name, existing, next, expected] of cases) assert.equal(checkCapitalTx(existing, next), expected, name)
  assert.deepEqual(revDue, {
    id: 'rd',
    kind: 'reversal',
    amountCents: -10000,
    effectiveOn: '2026-01-01',
    reversesId: due.id,
    reversedKind: 'payment_due',
  })
  assert.throws(() => capitalReversal(revDue, 'x'), RangeError)
  assert.throws(() => checkCapitalTx([], capital('payment_due', 0.5)), RangeError)
})

test('§73 GenG: payout is the balance minus the member’s share of a loss, half-up, never below 0', () => {
  const cases: Array<[number, number, number, number]> = [
    [10000, 0, 0, 10000],
    [10000, 10, 1000, 9000],
    [333, 50, 167, 166],
    [10001, 2.5, 250, 9751],
    [10020, 2.5, 251, 9769],
    [10000, 100, 10000, 0],
    [10000, 150, 10000, 0],
    [0, 10, 0, 0],
    [1, 50, 1, 0],
  ]
  for (const [balance, percent, lossCents, payoutCents] of cases)
    assert.deepEqual(payoutAmount(balance, percent), { lossCents, payoutCents }, `${percent} % of ${balance}`)
  assert.throws(() => payoutAmount(-1, 10), RangeError)
  assert.throws(() => payoutAmount(100, -1), RangeError)
  assert.throws(() => payoutAmount(100, Number.NaN), RangeError)
})
