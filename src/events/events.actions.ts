import type { Executor, Trx } from '../db/db.ts'
import type { EventKind, EventRow } from '../db/schema-events.ts'
import type { Actor } from '../platform/actor.ts'
import { audit } from '../platform/audit.ts'
import type { ActionEnv } from '../platform/context.ts'
import { DomainError, fieldError } from '../platform/errors.ts'
import { authorize } from '../platform/policy.ts'
import { toWallTime } from './event-time.ts'
import { type EventView, toEventView } from './events.model.ts'
import { eventsWithCounts, findEventByRef, insertEvent, lockEvent, nextEventNumber } from './events.repo.ts'
import { checkSeats, eventFieldIssues, eventRef } from './events.rules.ts'
import type { EventInput, EventPatch } from './events.schema.ts'
import { issueManageToken, mailRegistrant, viewOf } from './registration-mails.ts'
import { promoteWaiting } from './waitlist.ts'

/** Event references are VA-<year>-<number>; anything else is not found without a query. */
export function isEventRef(value: string | undefined): value is string {
  return typeof value === 'string' && /^VA-\d{4}-\d{3,9}$/.test(value)
}

/** Upcoming events for the public list: not yet over, soonest first; cancelled ones stay listed as cancelled. */
export async function upcomingEvents(db: Executor, now: Date, kind?: EventKind): Promise<EventView[]> {
  let query = eventsWithCounts(db).where('e.ends_at', '>', now)
  if (kind) query = query.where('e.kind', '=', kind)
  const rows = await query.orderBy('e.starts_at').orderBy('e.ref').limit(200).execute()
  return rows.map(toEventView)
}

/** Every event for staff, newest start first. */
export async function allEvents(db: Executor, actor: Actor): Promise<EventView[]> {
  authorize(actor, 'event.manage')
  const rows = await eventsWithCounts(db).orderBy('e.starts_at', 'desc').orderBy('e.ref', 'desc').limit(500).execute()
  return rows.map(toEventView)
}

export async function getEvent(db: Executor, ref: string): Promise<EventView> {
  const row = isEventRef(ref) ? await findEventByRef(db, ref) : undefined
  if (!row) throw new DomainError('not_found')
  return toEventView(row)
}

function validateFields(fields: Parameters<typeof eventFieldIssues>[0], now: Date, startChanged: boolean): void {
  const issues = eventFieldIssues(fields, { now, startChanged })
  if (issues.length) throw new DomainError('validation', 'event', issues)
}

/** Staff schedule a new event; registration closes at its start unless another time is given. */
export async function createEvent(trx: Trx, actor: Actor, input: EventInput, env: ActionEnv): Promise<EventView> {
  authorize(actor, 'event.manage')
  const now = env.clock.now()
  const registrationClosesAt = input.registrationClosesAt ?? input.startsAt
  validateFields({ ...input, registrationClosesAt }, now, true)
  const year = Number(toWallTime(input.startsAt).date.slice(0, 4))
  const row = await insertEvent(trx, {
    ref: eventRef(year, await nextEventNumber(trx)),
    kind: input.kind,
    title_de: input.titleDe,
    title_en: input.titleEn,
    description_de: input.descriptionDe,
    description_en: input.descriptionEn,
    starts_at: input.startsAt,
    ends_at: input.endsAt,
    location: input.location,
    online_url: input.onlineUrl,
    seats: input.seats,
    waitlist_limit: input.waitlistLimit,
    member_price_cents: input.memberPriceCents,
    non_member_price_cents: input.nonMemberPriceCents,
    vat_percent: input.vatPercent,
    registration_closes_at: registrationClosesAt,
    created_at: now,
    created_by: actor.label,
    updated_at: now,
    updated_by: actor.label,
  })
  const view = await viewOf(trx, row)
  await audit(
    trx,
    actor,
    { action: 'event.created', subjectType: 'event', subjectId: row.id, after: auditFields(row) },
    env.clock,
  )
  return view
}

function auditFields(row: EventRow) {
  return {
    ref: row.ref,
    kind: row.kind,
    title: row.title_de,
    startsAt: new Date(row.starts_at).toISOString(),
    endsAt: new Date(row.ends_at).toISOString(),
    registrationClosesAt: new Date(row.registration_closes_at).toISOString(),
    location: row.location,
    onlineUrl: row.online_url,
    seats: row.seats,
    waitlistLimit: row.waitlist_limit,
    memberPriceCents: Number(row.member_price_cents),
    nonMemberPriceCents: Number(row.non_member_price_cents),
    vatPercent: Number(row.vat_percent),
  }
}

/**
 * Staff change an event. Fewer seats than confirmed registrations are refused at the field (that would
 * over-book it); more seats go to the waiting list at once. A new time or place raises the calendar sequence
 * and mails everyone registered the changed invitation.
 */
export async function updateEvent(
  trx: Trx,
  actor: Actor,
  ref: string,
  patch: EventPatch,
  env: ActionEnv,
): Promise<EventView> {
  authorize(actor, 'event.manage')
  const now = env.clock.now()
  const row = isEventRef(ref) ? await lockEvent(trx, { ref }) : undefined
  if (!row) throw new DomainError('not_found')
  if (row.status === 'cancelled') throw new DomainError('conflict', 'a cancelled event cannot be changed')
  const current = toEventView({ ...row, confirmed: 0, waitlisted: 0 })
  const startsAt = patch.startsAt ?? current.startsAt
  const endsAt = patch.endsAt ?? current.endsAt
  const registrationClosesAt =
    patch.registrationClosesAt === undefined
      ? patch.startsAt && current.registrationClosesAt.getTime() === current.startsAt.getTime()
        ? startsAt // it closed at the start: it moves with the start
        : current.registrationClosesAt
      : (patch.registrationClosesAt ?? startsAt)
  const merged = {
    kind: patch.kind ?? current.kind,
    titleDe: patch.titleDe ?? current.titleDe,
    titleEn: patch.titleEn ?? current.titleEn,
    descriptionDe: patch.descriptionDe ?? current.descriptionDe,
    descriptionEn: patch.descriptionEn ?? current.descriptionEn,
    startsAt,
    endsAt,
    registrationClosesAt,
    location: patch.location ?? current.location,
    onlineUrl: patch.onlineUrl === undefined ? current.onlineUrl : patch.onlineUrl,
    seats: patch.seats ?? current.seats,
    waitlistLimit: patch.waitlistLimit === undefined ? current.waitlistLimit : patch.waitlistLimit,
    memberPriceCents: patch.memberPriceCents ?? current.memberPriceCents,
    nonMemberPriceCents: patch.nonMemberPriceCents ?? current.nonMemberPriceCents,
    vatPercent: patch.vatPercent ?? current.vatPercent,
  }
  const startChanged = startsAt.getTime() !== current.startsAt.getTime()
  validateFields(merged, now, startChanged)
  const before = await viewOf(trx, row)
  const seatsProblem = checkSeats(merged.seats, before.confirmed)
  if (seatsProblem) throw fieldError('seats', seatsProblem)
  const timeOrPlaceChanged =
    startChanged ||
    endsAt.getTime() !== current.endsAt.getTime() ||
    merged.location !== current.location ||
    merged.onlineUrl !== current.onlineUrl
  const updated = await trx
    .updateTable('event')
    .set({
      kind: merged.kind,
      title_de: merged.titleDe,
      title_en: merged.titleEn,
      description_de: merged.descriptionDe,
      description_en: merged.descriptionEn,
      starts_at: merged.startsAt,
      ends_at: merged.endsAt,
      registration_closes_at: merged.registrationClosesAt,
      location: merged.location,
      online_url: merged.onlineUrl,
      seats: merged.seats,
      waitlist_limit: merged.waitlistLimit,
      member_price_cents: merged.memberPriceCents,
      non_member_price_cents: merged.nonMemberPriceCents,
      vat_percent: merged.vatPercent,
      sequence: timeOrPlaceChanged ? row.sequence + 1 : row.sequence,
      updated_at: now,
      updated_by: actor.label,
    })
    .where('id', '=', row.id)
    .returningAll()
    .executeTakeFirstOrThrow()
  await audit(
    trx,
    actor,
    {
      action: 'event.updated',
      subjectType: 'event',
      subjectId: row.id,
      before: auditFields(row),
      after: auditFields(updated),
    },
    env.clock,
  )
  if (timeOrPlaceChanged && now.getTime() < updated.ends_at.getTime()) {
    const view = await viewOf(trx, updated)
    const confirmed = await trx
      .selectFrom('event_registration')
      .selectAll()
      .where('event_id', '=', row.id)
      .where('status', '=', 'confirmed')
      .orderBy('registered_at')
      .execute()
    for (const registration of confirmed) {
      const token = await issueManageToken(trx, registration.id)
      await mailRegistrant(trx, 'changed', view, registration, env, { token, ics: 'REQUEST' })
    }
  }
  if (merged.seats > before.seats) await promoteWaiting(trx, actor, updated, env)
  return viewOf(trx, updated)
}

/**
 * Staff cancel an event with a reason: every registration ends with it, and everyone registered is told
 * (confirmed people with a CANCEL for their calendar).
 */
export async function cancelEvent(
  trx: Trx,
  actor: Actor,
  ref: string,
  input: { reason: string },
  env: ActionEnv,
): Promise<EventView> {
  authorize(actor, 'event.manage')
  const now = env.clock.now()
  const row = isEventRef(ref) ? await lockEvent(trx, { ref }) : undefined
  if (!row) throw new DomainError('not_found')
  if (row.status === 'cancelled') throw new DomainError('conflict', 'the event is already cancelled')
  const live = await trx
    .selectFrom('event_registration')
    .selectAll()
    .where('event_id', '=', row.id)
    .where('status', '<>', 'cancelled')
    .orderBy('registered_at')
    .execute()
  const updated = await trx
    .updateTable('event')
    .set({
      status: 'cancelled',
      cancel_reason: input.reason,
      cancelled_at: now,
      cancelled_by: actor.label,
      sequence: row.sequence + 1,
      updated_at: now,
      updated_by: actor.label,
    })
    .where('id', '=', row.id)
    .returningAll()
    .executeTakeFirstOrThrow()
  if (live.length)
    await trx
      .updateTable('event_registration')
      .set({ status: 'cancelled', cancelled_at: now, cancelled_by: 'event_cancelled' })
      .where(
        'id',
        'in',
        live.map((r) => r.id),
      )
      .execute()
  await audit(
    trx,
    actor,
    {
      action: 'event.cancelled',
      subjectType: 'event',
      subjectId: row.id,
      before: { status: row.status },
      after: {
        status: 'cancelled',
        ref: row.ref,
        confirmed: live.filter((r) => r.status === 'confirmed').length,
        waitlisted: live.filter((r) => r.status === 'waitlisted').length,
      },
      reason: input.reason,
    },
    env.clock,
  )
  // the calendar entry shows the time it had; its CANCEL must carry the sequence the invitation had plus one
  const view = { ...(await viewOf(trx, updated)), sequence: row.sequence }
  for (const registration of live)
    await mailRegistrant(trx, 'event_cancelled', view, registration, env, {
      ics: registration.status === 'confirmed' ? 'CANCEL' : undefined,
      reason: input.reason,
    })
  return viewOf(trx, updated)
}
