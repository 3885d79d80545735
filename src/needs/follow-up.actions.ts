import type { Executor, Trx } from '../db/db.ts'
import type { Actor } from '../platform/actor.ts'
import { audit } from '../platform/audit.ts'
import type { ActionEnv } from '../platform/context.ts'
import { DomainError, fieldError } from '../platform/errors.ts'
import { authorize } from '../platform/policy.ts'
import { type FollowUpEntry, type Questionnaire, toQuestionnaire } from './needs.model.ts'
import {
  assigneeRows,
  findQuestionnaire,
  followUpRows,
  insertFollowUp,
  lockQuestionnaire,
  updateQuestionnaire,
} from './needs.repo.ts'
import type { FollowUpInput } from './needs.schema.ts'

/**
 * The founders following an organisation up: every note is a row of its own (never edited), the questionnaire
 * keeps the current status, next date and assignee; the board and staff write, the supervisory board reads.
 */

export interface Assignee {
  accountId: string
  email: string
  name: string
}

/** Board and staff accounts, the people a follow-up can be assigned to. */
export async function listAssignees(db: Executor): Promise<Assignee[]> {
  const rows = await assigneeRows(db)
  return rows.map((r) => ({ accountId: r.id, email: r.email, name: `${r.given_name} ${r.family_name}`.trim() }))
}

export async function followUpHistory(db: Executor, questionnaireId: string): Promise<FollowUpEntry[]> {
  const rows = await followUpRows(db, questionnaireId)
  return rows.map((r) => ({
    id: r.id,
    status: r.status,
    note: r.note,
    nextOn: r.next_on,
    assignedAccountId: r.assigned_account_id,
    assignedLabel: r.assigned_email,
    createdAt: new Date(r.created_at).toISOString(),
    createdBy: r.created_by,
  }))
}

/** One questionnaire with its history, for those who read the founders' view. */
export async function getQuestionnaire(
  db: Executor,
  actor: Actor,
  id: string,
): Promise<{ questionnaire: Questionnaire; history: FollowUpEntry[] }> {
  authorize(actor, 'needs.read_all')
  const row = await findQuestionnaire(db, id)
  if (!row) throw new DomainError('not_found')
  return { questionnaire: toQuestionnaire(row), history: await followUpHistory(db, id) }
}

/**
 * Records a follow-up: a new history row, and the questionnaire's status, next date and assignee set from it, in
 * one transaction with the journal entry. The assignee must be a board or staff account. An erased
 * questionnaire is not followed up any more (the contact withdrew consent to be contacted).
 */
export async function recordFollowUp(
  trx: Trx,
  actor: Actor,
  id: string,
  input: FollowUpInput,
  env: ActionEnv,
): Promise<{ questionnaire: Questionnaire; entry: FollowUpEntry }> {
  authorize(actor, 'needs.follow_up')
  const row = await lockQuestionnaire(trx, id)
  if (!row) throw new DomainError('not_found')
  if (row.erased_at) throw fieldError('status', 'questionnaire_erased')
  if (input.assignedAccountId !== null) {
    const assignees = await assigneeRows(trx)
    if (!assignees.some((a) => a.id === input.assignedAccountId))
      throw fieldError('assignedAccountId', 'assignee_not_staff')
  }
  const now = env.clock.now()
  const entry = await insertFollowUp(trx, {
    questionnaire_id: row.id,
    status: input.status,
    note: input.note,
    next_on: input.nextOn,
    assigned_account_id: input.assignedAccountId,
    created_at: now,
    created_by: actor.label,
  })
  const updated = await updateQuestionnaire(trx, row.id, {
    follow_up_status: input.status,
    follow_up_on: input.nextOn,
    assigned_account_id: input.assignedAccountId,
    updated_at: now,
  })
  await audit(
    trx,
    actor,
    {
      action: 'questionnaire.followed_up',
      subjectType: 'questionnaire',
      subjectId: row.id,
      organisationId: row.organisation_id,
      before: { status: row.follow_up_status, nextOn: row.follow_up_on, assignedAccountId: row.assigned_account_id },
      after: { status: input.status, nextOn: input.nextOn, assignedAccountId: input.assignedAccountId },
    },
    env.clock,
  )
  const history = await followUpHistory(trx, row.id)
  return { questionnaire: toQuestionnaire(updated), entry: history.find((h) => h.id === entry.id)! }
}
