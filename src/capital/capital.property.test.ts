import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { addDays, type PlainDate } from '../platform/dates.ts'
import {
  type CapitalBalances,
  type CapitalTx,
  type CapitalTxKind,
  capitalBalances,
  capitalReversal,
  capitalTxSign,
  checkCapitalTx,
  checkShareTx,
  type ShareTx,
  type ShareTxKind,
  shareBalance,
  shareReversal,
  shareTxSign,
} from './capital.rules.ts'

/**
 * Ledgers are built from random candidate entries, each appended only if the check lets it through. Whatever
 * the sequence, the accepted ledger must add up, never dip below zero on any day, and let any entry be undone
 * exactly by its reversal.
 */

const horizon = 30
const day = (n: number): PlainDate => addDays('2026-01-01', n)
const allDays = Array.from({ length: horizon + 2 }, (_, n) => day(n - 1))
const shareKinds: ShareTxKind[] = ['subscription', 'cancellation', 'transfer_out', 'transfer_in', 'reversal']
const capitalKinds: CapitalTxKind[] = [
  'payment_due',
  'payment_received',
  'transfer_out',
  'adoption',
  'loss',
  'payout',
  'reversal',
]

/** True four times in five: most candidates are plausible, so ledgers grow; the rest probe the refusals. */
const mostly = fc.integer({ min: 0, max: 4 }).map((n) => n > 0)

/** A candidate: a kind, a size, a day, whether the amount gets the kind's sign, and which entry a reversal aims at. */
const candidate = <K extends string>(kinds: K[], maxAmount: number) =>
  fc.record({
    kind: fc.constantFrom(...kinds),
    amount: fc.integer({ min: 0, max: maxAmount }),
    signed: mostly,
    day: fc.integer({ min: 0, max: horizon }),
    target: fc.nat(),
    exact: mostly,
  })
type Candidate<K> = { kind: K; amount: number; signed: boolean; day: number; target: number; exact: boolean }

function buildShareLedger(candidates: Array<Candidate<ShareTxKind>>): ShareTx[] {
  const accepted: ShareTx[] = []
  candidates.forEach((c, i) => {
    const target = accepted.length > 0 ? accepted[c.target % accepted.length]! : undefined
    let tx: ShareTx
    if (c.kind === 'reversal')
      tx = {
        id: `t${i}`,
        kind: 'reversal',
        shares: c.exact && target ? -target.shares : c.signed ? -c.amount : c.amount,
        effectiveOn: day(c.day),
        reversesId: target?.id ?? 'missing',
      }
    else
      tx = {
        id: `t${i}`,
        kind: c.kind,
        shares: c.signed ? shareTxSign[c.kind] * c.amount : -shareTxSign[c.kind] * c.amount,
        effectiveOn: day(c.day),
        reversesId: null,
      }
    if (checkShareTx(accepted, tx) === null) accepted.push(tx)
  })
  return accepted
}

function buildCapitalLedger(candidates: Array<Candidate<CapitalTxKind>>): CapitalTx[] {
  const accepted: CapitalTx[] = []
  candidates.forEach((c, i) => {
    const target = accepted.length > 0 ? accepted[c.target % accepted.length]! : undefined
    let tx: CapitalTx
    if (c.kind === 'reversal')
      tx = {
        id: `t${i}`,
        kind: 'reversal',
        amountCents: c.exact && target ? -target.amountCents : c.signed ? -c.amount : c.amount,
        effectiveOn: day(c.day),
        reversesId: target?.id ?? 'missing',
        reversedKind: target && target.kind !== 'reversal' ? target.kind : 'payment_due',
      }
    else
      tx = {
        id: `t${i}`,
        kind: c.kind,
        amountCents: c.signed ? capitalTxSign[c.kind] * c.amount : -capitalTxSign[c.kind] * c.amount,
        effectiveOn: day(c.day),
        reversesId: null,
        reversedKind: null,
      }
    if (checkCapitalTx(accepted, tx) === null) accepted.push(tx)
  })
  return accepted
}

/** Entries nobody has reversed and that are no reversals themselves: what a ledger "really" holds at the end. */
function standing<T extends { id: string; kind: string; reversesId: string | null }>(txs: T[]): T[] {
  const reversed = new Set(txs.filter((tx) => tx.kind === 'reversal').map((tx) => tx.reversesId))
  return txs.filter((tx) => tx.kind !== 'reversal' && !reversed.has(tx.id))
}

/** Capital balances computed independently: every entry by the kind of the entry it belongs to, looked up by id. */
function modelCapital(txs: CapitalTx[], asOf?: PlainDate): CapitalBalances {
  const byId = new Map(txs.map((tx) => [tx.id, tx]))
  const sum = (kinds: string[]) =>
    txs
      .filter((tx) => asOf === undefined || tx.effectiveOn <= asOf)
      .filter((tx) => kinds.includes(tx.kind === 'reversal' ? byId.get(tx.reversesId!)!.kind : tx.kind))
      .reduce((s, tx) => s + tx.amountCents, 0)
  const due = sum(['payment_due'])
  const paidIn = sum(['payment_received', 'adoption', 'transfer_out'])
  const loss = 0 - sum(['loss'])
  const payout = 0 - sum(['payout'])
  return {
    dueCents: due,
    paidInCents: paidIn,
    lossCents: loss,
    payoutCents: payout,
    balanceCents: paidIn - loss - payout,
    outstandingCents: Math.max(0, due - paidIn),
  }
}

const shareCandidates = fc.array(candidate(shareKinds, 12), { maxLength: 60, size: 'large' })
const capitalCandidates = fc.array(candidate(capitalKinds, 20_000), { maxLength: 60, size: 'large' })

test('share ledger: the balance is the sum of what was accepted and never negative on any day', () => {
  fc.assert(
    fc.property(shareCandidates, (candidates) => {
      const ledger = buildShareLedger(candidates)
      const total = ledger.reduce((s, tx) => s + tx.shares, 0)
      assert.equal(shareBalance(ledger), total)
      assert.equal(
        total,
        standing(ledger).reduce((s, tx) => s + tx.shares, 0),
        'reversals cancel their targets',
      )
      for (const d of allDays) {
        const asOf = shareBalance(ledger, d)
        assert.equal(
          asOf,
          ledger.filter((tx) => tx.effectiveOn <= d).reduce((s, tx) => s + tx.shares, 0),
        )
        assert.ok(asOf >= 0, `balance on ${d} is ${asOf}`)
      }
      for (const tx of ledger) {
        assert.notEqual(tx.shares, 0)
        if (tx.kind !== 'reversal') assert.equal(Math.sign(tx.shares), shareTxSign[tx.kind])
      }
    }),
  )
})

test('share ledger: reversing an accepted entry restores the balances exactly', () => {
  fc.assert(
    fc.property(shareCandidates, fc.integer({ min: 0, max: horizon }), (candidates, laterDay) => {
      const ledger = buildShareLedger(candidates)
      for (const target of standing(ledger)) {
        const without = ledger.filter((tx) => tx !== target)
        const sameDay = shareReversal(target, 'undo')
        const verdict = checkShareTx(ledger, sameDay)
        if (verdict === null)
          for (const d of allDays)
            assert.equal(shareBalance([...ledger, sameDay], d), shareBalance(without, d), `on ${d}`)
        else assert.equal(verdict, 'negative_balance', 'a proper reversal can only fail on the balance')
        const later = shareReversal(target, 'undo', day(laterDay))
        if (checkShareTx(ledger, later) === null) assert.equal(shareBalance([...ledger, later]), shareBalance(without))
      }
    }),
  )
})

test('share ledger: a reversal of a reversal is always refused', () => {
  fc.assert(
    fc.property(shareCandidates, fc.integer({ min: 0, max: horizon }), (candidates, d) => {
      const ledger = buildShareLedger(candidates)
      for (const rev of ledger.filter((tx) => tx.kind === 'reversal')) {
        const again: ShareTx = {
          id: 'again',
          kind: 'reversal',
          shares: -rev.shares,
          effectiveOn: day(d),
          reversesId: rev.id,
        }
        assert.equal(checkShareTx(ledger, again), 'reversal_of_reversal')
      }
    }),
  )
})

test('share ledger: a negative entry before every other one is always refused', () => {
  fc.assert(
    fc.property(
      shareCandidates,
      fc.constantFrom<ShareTxKind>(...shareKinds),
      fc.integer({ min: 1, max: 1000 }),
      (candidates, kind, shares) => {
        const ledger = buildShareLedger(candidates)
        const first: ShareTx = { id: 'first', kind, shares: -shares, effectiveOn: day(-1), reversesId: null }
        assert.notEqual(checkShareTx([], first), null)
        assert.notEqual(checkShareTx(ledger, first), null)
        const reversalFirst = { ...first, kind: 'reversal' as const, reversesId: ledger[0]?.id ?? 'x' }
        assert.notEqual(checkShareTx([], reversalFirst), null)
      },
    ),
  )
})

test('capital ledger: balances equal the accepted entries and never go negative on any day', () => {
  fc.assert(
    fc.property(capitalCandidates, (candidates) => {
      const ledger = buildCapitalLedger(candidates)
      const reference = modelCapital(standing(ledger))
      assert.deepEqual(capitalBalances(ledger), reference, 'reversals cancel their targets')
      assert.deepEqual(capitalBalances(ledger), modelCapital(ledger))
      for (const d of allDays) {
        const b = capitalBalances(ledger, d)
        assert.deepEqual(b, modelCapital(ledger, d), `on ${d}`)
        assert.ok(b.balanceCents >= 0, `balance on ${d} is ${b.balanceCents}`)
        assert.ok(b.dueCents >= 0, `due on ${d} is ${b.dueCents}`)
        assert.ok(b.lossCents >= 0 && b.payoutCents >= 0 && b.outstandingCents >= 0)
        assert.equal(b.balanceCents, b.paidInCents - b.lossCents - b.payoutCents)
      }
      for (const tx of ledger) {
        assert.notEqual(tx.amountCents, 0)
        if (tx.kind !== 'reversal') assert.equal(Math.sign(tx.amountCents), capitalTxSign[tx.kind])
        else assert.equal(tx.reversedKind, ledger.find((t) => t.id === tx.reversesId)?.kind)
      }
    }),
  )
})

test('capital ledger: reversing an accepted entry restores the balances exactly', () => {
  fc.assert(
    fc.property(capitalCandidates, fc.integer({ min: 0, max: horizon }), (candidates, laterDay) => {
      const ledger = buildCapitalLedger(candidates)
      for (const target of standing(ledger)) {
        const without = ledger.filter((tx) => tx !== target)
        const sameDay = capitalReversal(target, 'undo')
        const verdict = checkCapitalTx(ledger, sameDay)
        if (verdict === null)
          for (const d of allDays)
            assert.deepEqual(capitalBalances([...ledger, sameDay], d), capitalBalances(without, d), `on ${d}`)
        else assert.equal(verdict, 'negative_balance', 'a proper reversal can only fail on the balance')
        const later = capitalReversal(target, 'undo', day(laterDay))
        if (checkCapitalTx(ledger, later) === null)
          assert.deepEqual(capitalBalances([...ledger, later]), capitalBalances(without))
      }
    }),
  )
})

test('capital ledger: a reversal of a reversal is always refused', () => {
  fc.assert(
    fc.property(capitalCandidates, fc.integer({ min: 0, max: horizon }), (candidates, d) => {
      const ledger = buildCapitalLedger(candidates)
      for (const rev of ledger.filter((tx) => tx.kind === 'reversal')) {
        const again: CapitalTx = {
          id: 'again',
          kind: 'reversal',
          amountCents: -rev.amountCents,
          effectiveOn: day(d),
          reversesId: rev.id,
          reversedKind: rev.reversedKind,
        }
        assert.equal(checkCapitalTx(ledger, again), 'reversal_of_reversal')
      }
    }),
  )
})

test('capital ledger: a negative entry before every other one is always refused', () => {
  fc.assert(
    fc.property(
      capitalCandidates,
      fc.constantFrom<CapitalTxKind>(...capitalKinds),
      fc.integer({ min: 1, max: 1_000_000 }),
      (candidates, kind, amount) => {
        const ledger = buildCapitalLedger(candidates)
        const first: CapitalTx = {
          id: 'first',
          kind,
          amountCents: -amount,
          effectiveOn: day(-1),
          reversesId: null,
          reversedKind: null,
        }
        assert.notEqual(checkCapitalTx([], first), null)
        assert.notEqual(checkCapitalTx(ledger, first), null)
      },
    ),
  )
})

test('the generated ledgers are not trivial', () => {
  // Guards the properties above against a generator that only ever produces empty ledgers.
  const samples = fc.sample(capitalCandidates, { numRuns: 200, seed: 42 }).map(buildCapitalLedger)
  assert.ok(samples.some((l) => l.length >= 20))
  assert.ok(samples.some((l) => l.some((tx) => tx.kind === 'reversal')))
  assert.ok(samples.some((l) => l.some((tx) => tx.kind === 'payout')))
  const shares = fc.sample(shareCandidates, { numRuns: 200, seed: 42 }).map(buildShareLedger)
  assert.ok(shares.some((l) => l.some((tx) => tx.kind === 'reversal')))
  assert.ok(shares.some((l) => l.length >= 20))
  assert.ok(shares.some((l) => l.some((tx) => tx.kind === 'cancellation')))
})
