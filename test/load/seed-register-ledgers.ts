/**
 * The share and capital ledgers: the bookings themselves, a subscription with its payment plan and payments, the
 * payments as members make them (bounced direct debits included), the shaping to the exact number of rows asked
 * for, and the check the database's ledger triggers make.
 */
import { addDays, addMonths, compareDates, type PlainDate } from '../../src/platform/dates.ts'
import { paymentSchedule } from '../../src/statutes/statutes.rules.ts'
import { boardLabels, type LedgerRow, type PlanContext, type PlannedMember, type Row } from './seed-register-context.ts'

// ---- bookings

export function shareRow(
  c: PlanContext,
  m: PlannedMember,
  bookedAt: string,
  values: Row & { shares: number; value_cents: number },
) {
  const { rnd, ledger, subscribed } = c
  const id = (values.id as string | undefined) ?? rnd.uuid()
  ledger.push({
    table: 'share',
    memberIndex: m.index,
    bookedAt,
    order: c.order++,
    amount: values.shares,
    row: {
      id,
      member_id: m.id,
      reverses_id: null,
      counterpart_id: null,
      application_id: null,
      note: '',
      booked_at: bookedAt,
      booked_by: rnd.pick(boardLabels),
      ...values,
    },
  })
  subscribed[m.index] = (subscribed[m.index] ?? 0) + values.value_cents
  return id
}

export function capitalRow(
  c: PlanContext,
  m: PlannedMember,
  bookedAt: string,
  values: Row & { kind: string; amount_cents: number },
) {
  const { rnd, ledger, paidRows } = c
  const id = (values.id as string | undefined) ?? rnd.uuid()
  const effect = (values.reversed_kind as string | undefined) ?? values.kind
  const entry: LedgerRow = {
    table: 'capital',
    memberIndex: m.index,
    bookedAt,
    order: c.order++,
    amount: values.amount_cents,
    dueClass: effect === 'payment_due',
    row: {
      id,
      member_id: m.id,
      reverses_id: null,
      reversed_kind: null,
      counterpart_id: null,
      reference: '',
      note: '',
      booked_at: bookedAt,
      booked_by: rnd.pick(boardLabels),
      ...values,
    },
  }
  ledger.push(entry)
  if (!entry.dueClass) {
    const rows = paidRows[m.index] ?? []
    rows.push(entry)
    paidRows[m.index] = rows
  }
  return entry
}

/** A subscription and its payment plan (what subscribeShares books), then the payments as the member pays. */
export function subscribe(
  c: PlanContext,
  m: PlannedMember,
  shares: number,
  on: PlainDate,
  bookedAt: string,
  applicationId: string,
  ref: string,
  erroneous: boolean,
) {
  const { settings, rnd } = c
  const value = shares * settings.shareValueCents
  const shareId = shareRow(c, m, bookedAt, {
    kind: 'subscription',
    shares,
    value_cents: value,
    effective_on: on,
    application_id: applicationId,
    note: ref,
  })
  const dues = paymentSchedule(settings, shares, on).map((due) => ({
    ...due,
    id: capitalRow(c, m, bookedAt, {
      kind: 'payment_due',
      amount_cents: due.amountCents,
      effective_on: due.dueOn,
      reference: ref,
    }).row.id as string,
  }))
  if (erroneous) {
    // booked in error and reversed a few days later, the share and every instalment (GoBD: never deleted)
    const reversedAt = rnd.at(addDays(bookedAt.slice(0, 10), rnd.int(1, 6)))
    shareRow(c, m, reversedAt, {
      kind: 'reversal',
      shares: -shares,
      value_cents: -value,
      effective_on: on,
      reverses_id: shareId,
      note: 'Doppelt gebucht',
    })
    for (const due of dues)
      capitalRow(c, m, reversedAt, {
        kind: 'reversal',
        amount_cents: -due.amountCents,
        effective_on: due.dueOn,
        reverses_id: due.id,
        reversed_kind: 'payment_due',
        reference: ref,
        note: 'Doppelt gebucht',
      })
    return
  }
  for (const [k, due] of dues.entries()) {
    if (m.arrears && k >= 1) break
    const start = addDays(due.dueOn, rnd.int(0, 25))
    const parts: Array<{ on: PlainDate; amount: number }> = []
    if (m.payStyle === 'monthly' && k >= 1 && due.amountCents >= 1200) {
      // a standing order: twelve monthly parts from the due date on
      const part = Math.floor(due.amountCents / 12)
      for (let p = 0; p < 12; p++)
        parts.push({ on: addMonths(start, p), amount: p === 11 ? due.amountCents - part * 11 : part })
    } else if (m.payStyle === 'split' && due.amountCents >= 200) {
      const first = Math.round((due.amountCents * rnd.int(30, 70)) / 100)
      parts.push({ on: start, amount: first }, { on: addDays(start, rnd.int(10, 45)), amount: due.amountCents - first })
    } else parts.push({ on: start, amount: due.amountCents })
    const kept = parts.filter((p) => compareDates(p.on, m.lastDay) <= 0)
    if (kept.length > 0)
      m.paymentGroups.push({ member: m.index, parts: kept, reference: `${m.number} ${ref}`, locked: false, rows: [] })
  }
}

export function planPayments(c: PlanContext) {
  const { rnd, planned } = c
  // the payments; some direct debits bounce: the payment is reversed and paid again
  for (const m of planned) {
    const bounced = rnd.chance(0.05) ? m.paymentGroups.find((g) => g.parts.length === 1) : undefined
    for (const g of m.paymentGroups) {
      for (const part of g.parts)
        g.rows.push(
          capitalRow(c, m, rnd.at(part.on), {
            kind: 'payment_received',
            amount_cents: part.amount,
            effective_on: part.on,
            reference: g.reference,
          }),
        )
      if (g !== bounced) continue
      const part = g.parts[0]!
      const reversalOn = addDays(part.on, rnd.int(3, 7))
      const againOn = addDays(part.on, rnd.int(12, 30))
      if (compareDates(againOn, m.lastDay) > 0) continue
      g.locked = true
      capitalRow(c, m, rnd.at(reversalOn), {
        kind: 'reversal',
        amount_cents: -part.amount,
        effective_on: reversalOn,
        reverses_id: g.rows[0]!.row.id,
        reversed_kind: 'payment_received',
        reference: g.reference,
        note: 'Rücklastschrift',
      })
      capitalRow(c, m, rnd.at(againOn), {
        kind: 'payment_received',
        amount_cents: part.amount,
        effective_on: againOn,
        reference: `${g.reference} (erneut)`,
      })
    }
  }
}

/** Returns the ledger rows that remain, in creation order. */
export function shapeLedger(c: PlanContext): LedgerRow[] {
  const { options, rnd, planned, ledger } = c
  // Exactly the number of rows asked for: a payment split in two on the same day adds one (no balance changes
  // on any day), two parts of a split payment merged onto the earlier day remove one (capital only comes earlier).
  const groups = planned.flatMap((m) => m.paymentGroups).filter((g) => !g.locked)
  const removed = new Set<LedgerRow>()
  let total = ledger.length
  for (let guard = 0; total !== options.ledgerRows && guard < 20 * groups.length + 1000; guard++) {
    const g = groups[rnd.int(0, groups.length - 1)]
    if (!g) break
    const live = g.rows.filter((r) => !removed.has(r))
    if (total < options.ledgerRows && live.length >= 1 && live[0]!.amount >= 2) {
      const a = live[0]!
      const half = Math.floor(a.amount / 2)
      a.amount -= half
      a.row.amount_cents = a.amount
      const m = planned[a.memberIndex]!
      g.rows.push(
        capitalRow(c, m, a.bookedAt, {
          kind: 'payment_received',
          amount_cents: half,
          effective_on: a.row.effective_on as string,
          reference: g.reference,
        }),
      )
      total++
    } else if (total > options.ledgerRows && live.length >= 2) {
      const [a, b] = [...live].sort((x, y) => compareDates(x.row.effective_on as string, y.row.effective_on as string))
      a!.amount += b!.amount
      a!.row.amount_cents = a!.amount
      removed.add(b!)
      total--
    }
  }
  if (total !== options.ledgerRows)
    throw new Error(`could not shape the ledger to ${options.ledgerRows} rows (${total})`)
  return ledger.filter((r) => !removed.has(r))
}

/**
 * The database's rule, applied in insertion order: after each new row, no running balance of its class may be
 * negative on its own day or on any later day that has an entry. Throws on the first row the trigger would refuse.
 */
export function checkLikeTheTriggers(ledger: LedgerRow[]) {
  const seen = new Map<string, Array<{ on: string; amount: number; cls: boolean }>>()
  for (const r of ledger) {
    const key = `${r.table}:${r.memberIndex}`
    const rows = seen.get(key) ?? []
    const cls = r.dueClass ?? false
    const on = r.row.effective_on as string
    rows.push({ on, amount: r.amount, cls })
    seen.set(key, rows)
    // balances of the row's class as of its day and of every later day with an entry (of any class)
    const sorted = [...rows].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0))
    let sum = 0
    for (let i = 0; i < sorted.length; i++) {
      const x = sorted[i]!
      if (x.cls === cls) sum += x.amount
      const endOfDay = i === sorted.length - 1 || sorted[i + 1]!.on !== x.on
      if (endOfDay && x.on >= on && sum < 0)
        throw new Error(
          `seed would be refused: ${r.table} ${r.row.kind} of member #${r.memberIndex} on ${on}\n${JSON.stringify(ledger.filter((l) => l.memberIndex === r.memberIndex && l.table === r.table).map((l) => [l.bookedAt, l.row.kind, l.row.effective_on, l.amount, l.row.reversed_kind]))}`,
        )
    }
  }
}
