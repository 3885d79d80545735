import { randomUUID } from 'node:crypto'
import type { Trx } from '../db/db.ts'
import { findMemberByNumber, lockMember } from '../members/members.repo.ts'
import type { Actor } from '../platform/actor.ts'
import { audit } from '../platform/audit.ts'
import type { ActionEnv } from '../platform/context.ts'
import { compareDates, type PlainDate, todayIn } from '../platform/dates.ts'
import { DomainError, fieldError } from '../platform/errors.ts'
import { authorize } from '../platform/policy.ts'
import { statutesOn } from '../statutes/statutes.actions.ts'

import {
  activeMember,
  appendCapitalTx,
  appendShareTx,
  ledgerSummary,
  mandatorySharesOfMember,
} from './ledger.actions.ts'

/**
 * §76 GenG: a member transfers fully paid shares with their capital to another member, recorded by the board.
 * Four entries, linked by one transfer id: shares out and in, capital transfer and adoption.
 */
export async function transferShares(
  trx: Trx,
  actor: Actor,
  fromMemberId: string,
  input: { toMemberNumber: string; shares: number; effectiveOn?: PlainDate },
  env: ActionEnv,
) {
  authorize(actor, 'member.manage')
  const today = todayIn(env.clock.now())
  const effectiveOn = input.effectiveOn ?? today
  if (compareDates(effectiveOn, today) < 0) throw fieldError('effectiveOn', 'date_in_past')
  const toRow = await findMemberByNumber(trx, input.toMemberNumber, today)
  if (!toRow) throw fieldError('toMemberNumber', 'member_unknown')
  if (toRow.id === fromMemberId) throw fieldError('toMemberNumber', 'transfer_to_self')
  // lock both in a fixed order so two opposite transfers cannot deadlock
  for (const id of [fromMemberId, toRow.id].sort()) if (!(await lockMember(trx, id))) throw new DomainError('not_found')
  const from = (await activeMember(trx, fromMemberId, today)).member
  const to = (await activeMember(trx, toRow.id, today)).member
  if (from.status !== 'active') throw new DomainError('member_not_active')
  if (to.status !== 'active') throw fieldError('toMemberNumber', 'member_not_active')
  const statutes = await statutesOn(trx, effectiveOn)
  const fromSummary = await ledgerSummary(trx, from.id, today)
  const toSummary = await ledgerSummary(trx, to.id, today)
  if (input.shares > fromSummary.sharesTotal) throw fieldError('shares', 'shares_more_than_held')
  if (fromSummary.sharesTotal - input.shares < mandatorySharesOfMember(statutes.settings, from))
    throw new DomainError('shares_below_mandatory')
  if (toSummary.sharesTotal + input.shares > statutes.settings.maximumShares)
    throw fieldError('shares', 'shares_above_maximum')
  if (fromSummary.unpaidCommitmentCents > 0) throw fieldError('shares', 'transfer_needs_paid_shares')
  const valuePerShare = Math.round(fromSummary.subscribedCents / fromSummary.sharesTotal)
  const amount = input.shares * valuePerShare
  if (amount > fromSummary.capital.balanceCents) throw fieldError('shares', 'transfer_needs_paid_shares')
  const transferId = randomUUID()
  const now = env.clock.now()
  const common = { effective_on: effectiveOn, counterpart_id: transferId, booked_at: now, booked_by: actor.label }
  const note = `§76 ${from.number} → ${to.number}`
  await appendShareTx(trx, {
    ...common,
    member_id: from.id,
    kind: 'transfer_out',
    shares: -input.shares,
    value_cents: -amount,
    note,
  })
  await appendShareTx(trx, {
    ...common,
    member_id: to.id,
    kind: 'transfer_in',
    shares: input.shares,
    value_cents: amount,
    note,
  })
  await appendCapitalTx(trx, {
    ...common,
    member_id: from.id,
    kind: 'transfer_out',
    amount_cents: -amount,
    reference: note,
  })
  await appendCapitalTx(trx, { ...common, member_id: to.id, kind: 'adoption', amount_cents: amount, reference: note })
  for (const [member, shares] of [
    [from, -input.shares],
    [to, input.shares],
  ] as const) {
    await audit(
      trx,
      actor,
      {
        action: 'shares.transferred',
        subjectType: 'member',
        subjectId: member.id,
        organisationId: member.organisationId,
        after: { transferId, from: from.number, to: to.number, shares, amountCents: amount, effectiveOn },
      },
      env.clock,
    )
  }
  return { transferId, amountCents: amount, effectiveOn }
}
