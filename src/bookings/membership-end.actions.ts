import type { Trx } from '../db/db.ts'
import type { Actor } from '../platform/actor.ts'
import { audit } from '../platform/audit.ts'
import type { ActionEnv } from '../platform/context.ts'
import { addDays, compareDates, type PlainDate } from '../platform/dates.ts'

/**
 * Primary areas (and their add-ons) are for members only: when a membership's end is recorded, the organisation's
 * agreed bookings of primary areas end with it — on the exit day, or the day before their start for those that
 * would start later. Secondary (hourly) work runs on at the non-member's terms. Called by the exit actions in
 * the same transaction; the bookings are locked, each end is journaled.
 */
export async function endPrimaryBookingsWithMembership(
  trx: Trx,
  actor: Actor,
  organisationId: string,
  exitOn: PlainDate,
  env: ActionEnv,
): Promise<number> {
  const rows = await trx
    .selectFrom('booking as b')
    .innerJoin('service_area as a', 'a.id', 'b.area_id')
    .select(['b.id', 'b.status', 'b.starts_on', 'b.ends_on'])
    .where('b.organisation_id', '=', organisationId)
    .where('a.kind', '=', 'primary')
    .where('b.status', 'in', ['confirmed', 'cancelled'])
    .where((eb) => eb.or([eb('b.ends_on', 'is', null), eb('b.ends_on', '>', exitOn)]))
    .orderBy('b.ref')
    .forUpdate()
    .execute()
  const now = env.clock.now()
  for (const row of rows) {
    const endsOn = compareDates(row.starts_on, exitOn) > 0 ? addDays(row.starts_on, -1) : exitOn
    if (row.ends_on !== null && compareDates(row.ends_on, endsOn) <= 0) continue
    await trx
      .updateTable('booking')
      .set({
        status: 'cancelled',
        ends_on: endsOn,
        cancelled_at: now,
        cancelled_by: actor.label,
        cancel_reason: 'membership ends',
      })
      .where('id', '=', row.id)
      .execute()
    await audit(
      trx,
      actor,
      {
        action: 'booking.cancelled',
        subjectType: 'booking',
        subjectId: row.id,
        organisationId,
        before: { status: row.status, endsOn: row.ends_on },
        after: { status: 'cancelled', endsOn },
        reason: 'membership ends',
      },
      env.clock,
    )
  }
  return rows.length
}
