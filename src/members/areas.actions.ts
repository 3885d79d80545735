import { ledgerSummary, mandatorySharesOfMember } from '../capital/ledger.actions.ts'
import type { Trx } from '../db/db.ts'
import type { Actor } from '../platform/actor.ts'
import { audit } from '../platform/audit.ts'
import type { ActionEnv } from '../platform/context.ts'
import { todayIn } from '../platform/dates.ts'
import { DomainError, fieldError } from '../platform/errors.ts'
import { authorize } from '../platform/policy.ts'
import { statutesOn } from '../statutes/statutes.actions.ts'
import { type Member, toMember } from './members.model.ts'
import { findMember, lockMember, updateMemberRow } from './members.repo.ts'
import { type PrimaryArea, primaryAreas } from './service-areas.ts'

/**
 * The board records which primary service areas a member organisation uses. Each area raises the mandatory
 * shares by the statutes' formula, so an area can be added only when the member already holds enough shares
 * (otherwise it first declares them, §15b GenG); removing an area frees shares for a §67b notice, never
 * cancels them by itself.
 */
export async function setPrimaryAreas(
  trx: Trx,
  actor: Actor,
  memberId: string,
  areas: PrimaryArea[],
  env: ActionEnv,
): Promise<{ member: Member; mandatoryShares: number }> {
  authorize(actor, 'member.manage')
  if (!(await lockMember(trx, memberId))) throw new DomainError('not_found')
  const today = todayIn(env.clock.now())
  const row = await findMember(trx, memberId)
  if (!row) throw new DomainError('not_found')
  const before = toMember(row, today)
  if (before.status !== 'active') throw new DomainError('member_not_active')
  const wanted = [...new Set(areas)].filter((a) => primaryAreas.includes(a))
  if (wanted.length > 0 && before.memberType !== 'organisation')
    throw fieldError('primaryAreas', 'areas_for_organisations')
  const settings = (await statutesOn(trx, today)).settings
  const mandatory = mandatorySharesOfMember(settings, { ...before, primaryAreas: wanted })
  const summary = await ledgerSummary(trx, memberId, today)
  if (summary.sharesTotal < mandatory) throw fieldError('primaryAreas', 'areas_need_shares')
  await updateMemberRow(trx, memberId, { primary_areas: wanted })
  await audit(
    trx,
    actor,
    {
      action: 'member.areas_changed',
      subjectType: 'member',
      subjectId: memberId,
      organisationId: before.organisationId,
      before: { primaryAreas: before.primaryAreas },
      after: { primaryAreas: wanted, mandatoryShares: mandatory },
    },
    env.clock,
  )
  const after = await findMember(trx, memberId)
  if (!after) throw new DomainError('not_found')
  return { member: toMember(after, today), mandatoryShares: mandatory }
}
