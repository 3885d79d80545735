import type { Trx } from '../db/db.ts'
import type { Actor } from '../platform/actor.ts'
import { audit } from '../platform/audit.ts'
import type { ActionEnv } from '../platform/context.ts'
import { DomainError, fieldError } from '../platform/errors.ts'
import { authorize } from '../platform/policy.ts'
import { isAssemblyRef } from './assemblies.actions.ts'
import { type AgendaItemView, toAgendaItemView, toAssemblyView } from './assemblies.model.ts'
import { agendaRows, lockAssembly, nextAgendaPosition, swapAgendaPositions } from './assemblies.repo.ts'
import type { AgendaItemInput } from './assemblies.schema.ts'
import { agendaAdditionProblem } from './assembly.rules.ts'
import { notifyInvitees } from './invitations.actions.ts'
import { settingsToday } from './voters.actions.ts'

/**
 * The agenda: the board adds items, moves them and withdraws them until the assembly opens. An item for decision
 * announced less than `agendaDays` (one week) before a general assembly is refused (§46 (2) GenG); for
 * information only it may still be added. After the invitation an addition is mailed to everyone invited.
 */

async function lockOpenForAgenda(trx: Trx, ref: string) {
  const row = isAssemblyRef(ref) ? await lockAssembly(trx, ref) : undefined
  if (!row) throw new DomainError('not_found')
  if (row.status !== 'draft' && row.status !== 'invited')
    throw new DomainError('conflict', `the agenda of an assembly that is ${row.status} is fixed`)
  return row
}

export async function addAgendaItem(
  trx: Trx,
  actor: Actor,
  ref: string,
  input: AgendaItemInput & { demanded?: boolean },
  env: ActionEnv,
): Promise<{ item: AgendaItemView; notified: number }> {
  authorize(actor, 'assembly.manage')
  const now = env.clock.now()
  const row = await lockOpenForAgenda(trx, ref)
  const settings = await settingsToday(trx, now)
  const assembly = toAssemblyView(row, { showAccess: true })
  const problem = agendaAdditionProblem(input.kind, now, assembly, settings)
  if (problem) throw fieldError('kind', problem)
  const inserted = await trx
    .insertInto('agenda_item')
    .values({
      assembly_id: row.id,
      position: await nextAgendaPosition(trx, row.id),
      title: input.title,
      description: input.description,
      kind: input.kind,
      demanded: input.demanded ?? false,
      added_at: now,
      added_by: actor.label,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  const item = toAgendaItemView(inserted, assembly, settings)
  const notified =
    row.status === 'invited'
      ? await notifyInvitees(trx, actor, row, 'agenda_addition', env, { settings, items: [item] })
      : 0
  await audit(
    trx,
    actor,
    {
      action: 'assembly.agenda_item_added',
      subjectType: 'assembly',
      subjectId: row.id,
      after: {
        itemId: item.id,
        position: item.position,
        title: item.title,
        kind: item.kind,
        decidable: item.decidable,
        notified,
      },
    },
    env.clock,
  )
  return { item, notified }
}

/** Moves an item one place up or down among the items that are not withdrawn. */
export async function moveAgendaItem(
  trx: Trx,
  actor: Actor,
  ref: string,
  itemId: string,
  direction: 'up' | 'down',
  env: ActionEnv,
): Promise<void> {
  authorize(actor, 'assembly.manage')
  const row = await lockOpenForAgenda(trx, ref)
  const items = (await agendaRows(trx, row.id)).filter((i) => !i.withdrawn_at)
  const index = items.findIndex((i) => i.id === itemId)
  if (index === -1) throw new DomainError('not_found')
  const other = items[direction === 'up' ? index - 1 : index + 1]
  if (!other) return
  const item = items[index]!
  await swapAgendaPositions(trx, item, other)
  await audit(
    trx,
    actor,
    {
      action: 'assembly.agenda_item_moved',
      subjectType: 'assembly',
      subjectId: row.id,
      before: { itemId, position: item.position },
      after: { itemId, position: other.position },
    },
    env.clock,
  )
}

/** Withdraws an item: it stays listed as withdrawn and is never decided. */
export async function withdrawAgendaItem(
  trx: Trx,
  actor: Actor,
  ref: string,
  itemId: string,
  env: ActionEnv,
): Promise<void> {
  authorize(actor, 'assembly.manage')
  const now = env.clock.now()
  const row = await lockOpenForAgenda(trx, ref)
  const updated = await trx
    .updateTable('agenda_item')
    .set({ withdrawn_at: now })
    .where('id', '=', itemId)
    .where('assembly_id', '=', row.id)
    .where('withdrawn_at', 'is', null)
    .returning(['id', 'title'])
    .executeTakeFirst()
  if (!updated) throw new DomainError('not_found')
  await audit(
    trx,
    actor,
    {
      action: 'assembly.agenda_item_withdrawn',
      subjectType: 'assembly',
      subjectId: row.id,
      after: { itemId, title: updated.title },
    },
    env.clock,
  )
}
