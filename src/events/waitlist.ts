import type { Trx } from '../db/db.ts'
import type { EventRow } from '../db/schema-events.ts'
import type { Actor } from '../platform/actor.ts'
import { audit } from '../platform/audit.ts'
import type { ActionEnv } from '../platform/context.ts'
import { waitingOf } from './events.repo.ts'
import { promotions } from './events.rules.ts'
import { issueManageToken, mailRegistrant, viewOf } from './registration-mails.ts'

/**
 * Gives free seats to the first people on the waiting list, in order, and mails each of them the invitation.
 * The caller holds the lock on the event row, so nobody takes the same seat at the same time. Returns how many
 * moved up.
 */
export async function promoteWaiting(trx: Trx, actor: Actor, event: EventRow, env: ActionEnv): Promise<number> {
  const now = env.clock.now()
  const before = await viewOf(trx, event)
  const waiting = await waitingOf(trx, event.id)
  const chosen = promotions(
    before,
    waiting.map((row) => ({ row, position: row.waitlist_position ?? 0 })),
    now,
  )
  for (const { row } of chosen) {
    const promoted = await trx
      .updateTable('event_registration')
      .set({ status: 'confirmed', promoted_at: now })
      .where('id', '=', row.id)
      .returningAll()
      .executeTakeFirstOrThrow()
    await audit(
      trx,
      actor,
      {
        action: 'event.registration_promoted',
        subjectType: 'event_registration',
        subjectId: row.id,
        before: { status: 'waitlisted', waitlistPosition: row.waitlist_position },
        after: { status: 'confirmed', event: event.ref },
      },
      env.clock,
    )
    const token = await issueManageToken(trx, row.id)
    await mailRegistrant(trx, 'promoted', await viewOf(trx, event), promoted, env, { token, ics: 'REQUEST' })
  }
  return chosen.length
}
