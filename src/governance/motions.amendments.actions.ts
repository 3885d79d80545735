import type { Trx } from '../db/db.ts'
import type { Motion, MotionAmendment } from '../db/schema-governance.ts'
import type { Actor } from '../platform/actor.ts'
import { audit } from '../platform/audit.ts'
import type { ActionEnv } from '../platform/context.ts'
import { DomainError, fieldError } from '../platform/errors.ts'
import { authorize } from '../platform/policy.ts'
import { type AmendmentView, actingMember, lockMotionIn, requirePerson, scopeAllows } from './motions.actions.ts'
import { amendmentsOf, lockAmendment } from './motions.repo.ts'
import { allows, amendmentRef, isAmendmentRef, nextNumber, wordDiff } from './motions.rules.ts'
import type { AmendmentInput } from './motions.schema.ts'

/** Amendments (Änderungsanträge) to a motion: proposed with the whole amended text, admitted, withdrawn. */

/** A member on the roll or the board proposes an amendment: the motion's whole text as amended (Ä<k>.<n>). */
export async function submitAmendment(
  trx: Trx,
  actor: Actor,
  input: AmendmentInput & { assembly: string; motion: string },
  env: ActionEnv,
): Promise<AmendmentView> {
  const { access, motion } = await lockMotionIn(trx, actor, input)
  const member = actingMember(access, input.memberId, false)
  if (member) requirePerson(actor)
  if (!allows(motion.status, 'amend')) throw new DomainError('conflict', `motion is ${motion.status}`)
  if (input.body === motion.body) throw fieldError('body', 'amendment_unchanged')
  const existing = await amendmentsOf(trx, motion.id)
  const ref = amendmentRef(motion.ref, nextNumber(existing.map((a) => a.ref)))
  const now = env.clock.now()
  const row = await trx
    .insertInto('motion_amendment')
    .values({
      motion_id: motion.id,
      ref,
      body: input.body,
      reasons: input.reasons,
      submitted_by_person_id: actor.personId,
      submitted_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  await audit(
    trx,
    actor,
    {
      action: 'amendment.submitted',
      subjectType: 'motion_amendment',
      subjectId: row.id,
      organisationId: member?.organisationId ?? null,
      after: { assembly: access.assembly.ref, motion: motion.ref, ref, memberId: member?.memberId ?? null },
    },
    env.clock,
  )
  return amendmentView(row, motion)
}

function amendmentView(row: MotionAmendment, motion: Motion): AmendmentView {
  return {
    id: row.id,
    ref: row.ref,
    body: row.body,
    reasons: row.reasons,
    status: row.status,
    submittedByPersonId: row.submitted_by_person_id,
    submittedBy: null,
    submittedAt: new Date(row.submitted_at),
    diff: wordDiff(motion.body, row.body),
  }
}

async function changeAmendment(
  trx: Trx,
  actor: Actor,
  input: { assembly: string; motion: string; amendment: string },
  step: 'admit' | 'withdraw',
  env: ActionEnv,
): Promise<void> {
  if (step === 'admit') authorize(actor, 'assembly.manage')
  const { motion } = await lockMotionIn(trx, actor, input)
  const amendment = isAmendmentRef(input.amendment) ? await lockAmendment(trx, motion.id, input.amendment) : undefined
  if (!amendment) throw new DomainError('not_found')
  if (
    step === 'withdraw' &&
    (!actor.personId || amendment.submitted_by_person_id !== actor.personId || !scopeAllows(actor, 'governance:write'))
  )
    throw new DomainError('forbidden', 'only the submitter withdraws')
  if (!allows(amendment.status, step)) throw new DomainError('conflict', `amendment is ${amendment.status}`)
  const status = step === 'admit' ? 'admitted' : 'withdrawn'
  await trx.updateTable('motion_amendment').set({ status }).where('id', '=', amendment.id).execute()
  await audit(
    trx,
    actor,
    {
      action: `amendment.${status}`,
      subjectType: 'motion_amendment',
      subjectId: amendment.id,
      before: { status: amendment.status },
      after: { status, ref: amendment.ref },
    },
    env.clock,
  )
}

/** The board admits an amendment. */
export async function admitAmendment(
  trx: Trx,
  actor: Actor,
  input: { assembly: string; motion: string; amendment: string },
  env: ActionEnv,
): Promise<void> {
  await changeAmendment(trx, actor, input, 'admit', env)
}

/** The submitter withdraws their amendment. */
export async function withdrawAmendment(
  trx: Trx,
  actor: Actor,
  input: { assembly: string; motion: string; amendment: string },
  env: ActionEnv,
): Promise<void> {
  await changeAmendment(trx, actor, input, 'withdraw', env)
}
