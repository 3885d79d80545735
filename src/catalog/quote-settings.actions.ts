import type { Trx } from '../db/db.ts'
import type { Actor } from '../platform/actor.ts'
import { audit } from '../platform/audit.ts'
import type { ActionEnv } from '../platform/context.ts'
import { authorize } from '../platform/policy.ts'
import { capitalMonthsSetting, quoteCapitalMonths } from './catalog.actions.ts'

/**
 * Sets how many months of its flat rate a member's suggested capital should cover (quote.rules: suggestedShares).
 * The cooperative finances its start from members' capital, so the board and staff tune this figure; every quote
 * (calculator, questionnaire) reads it. The setting row is locked so two changes serialise.
 */
export async function setCapitalMonths(trx: Trx, actor: Actor, months: number, env: ActionEnv): Promise<void> {
  authorize(actor, 'catalog.manage')
  await trx.selectFrom('instance_setting').select('key').where('key', '=', capitalMonthsSetting).forUpdate().execute()
  const before = await quoteCapitalMonths(trx)
  await trx
    .insertInto('instance_setting')
    .values({ key: capitalMonthsSetting, value: String(months) })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: String(months) }))
    .execute()
  await audit(
    trx,
    actor,
    {
      action: 'catalog.capital_months_set',
      subjectType: 'instance_setting',
      subjectId: capitalMonthsSetting,
      organisationId: null,
      before: { months: before },
      after: { months },
    },
    env.clock,
  )
}
