import { randomUUID } from 'node:crypto'
import type { Trx } from '../db/db.ts'
import type { CapitalTransactionRow, ShareTransactionRow } from '../db/schema.ts'
import { lockMember } from '../members/members.repo.ts'
import type { Actor } from '../platform/actor.ts'
import { audit } from '../platform/audit.ts'
import type { ActionEnv } from '../platform/context.ts'
import { todayIn } from '../platform/dates.ts'
import { DomainError } from '../platform/errors.ts'
import { authorize } from '../platform/policy.ts'
import { statutesOn } from '../statutes/statutes.actions.ts'
import { findCapitalTx, findShareTx } from './capital.repo.ts'

import {
  activeMember,
  appendCapitalTx,
  appendShareTx,
  ledgerSummary,
  mandatorySharesOfMember,
} from './ledger.actions.ts'

/**
 * Corrects a booking by its exact negative, pointing to it (GoBD: nothing is overwritten). A reversal
 * cannot be reversed, nothing is reversed twice; a transfer is reversed on both sides at once. A reversal
 * that would take an active member below its mandatory shares is refused.
 */
export async function reverseTransaction(
  trx: Trx,
  actor: Actor,
  input: { ledger: 'shares' | 'capital'; transactionId: string; reason: string },
  env: ActionEnv,
) {
  authorize(actor, 'capital.book')
  const target =
    input.ledger === 'shares'
      ? await findShareTx(trx, input.transactionId)
      : await findCapitalTx(trx, input.transactionId)
  if (!target) throw new DomainError('not_found')
  if (target.kind === 'reversal') throw new DomainError('ledger_rule', 'reversal_of_reversal')
  const now = env.clock.now()
  const today = todayIn(now)
  const linked = target.counterpart_id
    ? {
        shares: await trx
          .selectFrom('share_transaction')
          .selectAll()
          .where('counterpart_id', '=', target.counterpart_id)
          .execute(),
        capital: await trx
          .selectFrom('capital_transaction')
          .selectAll()
          .where('counterpart_id', '=', target.counterpart_id)
          .execute(),
      }
    : input.ledger === 'shares'
      ? { shares: [target as ShareTransactionRow], capital: [] }
      : { shares: [], capital: [target as CapitalTransactionRow] }
  const memberIds = [...new Set([...linked.shares, ...linked.capital].map((r) => r.member_id))].sort()
  for (const id of memberIds) await lockMember(trx, id)
  const reversalIds: string[] = []
  // the reversals of a transfer are linked to each other, not to the transfer they undo
  const reversalGroup = target.counterpart_id ? randomUUID() : null
  for (const row of linked.shares) {
    const tx = await appendShareTx(trx, {
      member_id: row.member_id,
      kind: 'reversal',
      shares: -row.shares,
      value_cents: -Number(row.value_cents),
      effective_on: row.effective_on,
      reverses_id: row.id,
      counterpart_id: reversalGroup,
      note: input.reason,
      booked_at: now,
      booked_by: actor.label,
    })
    reversalIds.push(tx.id)
  }
  for (const row of linked.capital) {
    const tx = await appendCapitalTx(trx, {
      member_id: row.member_id,
      kind: 'reversal',
      amount_cents: -Number(row.amount_cents),
      effective_on: row.effective_on,
      reverses_id: row.id,
      reversed_kind: row.kind === 'reversal' ? null : row.kind,
      counterpart_id: reversalGroup,
      reference: row.reference,
      note: input.reason,
      booked_at: now,
      booked_by: actor.label,
    })
    reversalIds.push(tx.id)
  }
  for (const id of memberIds) {
    const { member } = await activeMember(trx, id, today)
    if (member.status === 'active' && linked.shares.some((r) => r.member_id === id)) {
      const statutes = await statutesOn(trx, today)
      const summary = await ledgerSummary(trx, id, today)
      if (summary.sharesTotal < mandatorySharesOfMember(statutes.settings, member))
        throw new DomainError('shares_below_mandatory')
    }
    await audit(
      trx,
      actor,
      {
        action: 'ledger.reversed',
        subjectType: 'member',
        subjectId: id,
        organisationId: member.organisationId,
        after: { ledger: input.ledger, reverses: input.transactionId, reversals: reversalIds },
        reason: input.reason,
      },
      env.clock,
    )
  }
  return { reversalIds }
}
