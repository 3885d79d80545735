import type { Executor, Trx } from '../db/db.ts'
import type { EventRegistrationRow } from '../db/schema-events.ts'
import { cooperativeInfo } from '../members/cooperative.ts'
import type { Actor } from '../platform/actor.ts'
import { audit } from '../platform/audit.ts'
import type { ActionEnv } from '../platform/context.ts'
import { randomToken, sha256 } from '../platform/crypto.ts'
import { todayIn } from '../platform/dates.ts'
import { DomainError, fieldError } from '../platform/errors.ts'
import type { Language } from '../platform/i18n.ts'
import { authorize, can } from '../platform/policy.ts'
import { isEventRef } from './events.actions.ts'
import { registrationConsentText } from './events.messages.ts'
import { type EventView, eventText, type RegistrationView, toEventView, toRegistrationView } from './events.model.ts'
import {
  activeMembershipOf,
  countsOf,
  lastWaitlistPosition,
  liveRegistrationByEmail,
  lockEvent,
  lockRegistration,
  organisationNames,
  registrationByTokenHash,
  registrationsFromAddress,
  registrationsOf,
} from './events.repo.ts'
import { decideRegistration, priceFor, registrationOpen, waitingRank } from './events.rules.ts'
import type { RegistrationInput } from './events.schema.ts'
import { mailRegistrant, viewOf } from './registration-mails.ts'
import { promoteWaiting } from './waitlist.ts'

/** Public registrations from one client address within an hour, like the join form's limit. */
export const publicRegistrationLimit = { perAddress: 10, windowMinutes: 60 }

export interface RequestContext {
  ip: string | null
  userAgent: string | null
  lang: Language
}

/** Who acts when nobody is signed in: the journal names no person (it is append-only; the registration has the data). */
const registrant: Actor = {
  kind: 'anonymous',
  accountId: null,
  personId: null,
  label: 'event-registrant',
  roles: new Set(),
  orgs: new Map(),
  scopes: null,
  language: 'de',
}

function actingAs(actor: Actor): Actor {
  return actor.kind === 'anonymous' ? registrant : actor
}

/**
 * Whether someone registering gets the member price: for an organisation they belong to and that has an active
 * membership, or for themselves as a person member. Anyone not signed in pays the non-member price.
 */
async function membershipFor(
  trx: Trx,
  actor: Actor,
  organisationId: string | null,
  today: string,
): Promise<{ memberId: string | null; organisationName: string | null }> {
  if (organisationId) {
    if (actor.kind !== 'account' || !actor.orgs.has(organisationId))
      throw fieldError('organisationId', 'organisation_not_yours')
    const name = (await organisationNames(trx, [organisationId])).get(organisationId)
    if (!name) throw fieldError('organisationId', 'organisation_not_yours')
    return { memberId: await activeMembershipOf(trx, { organisationId }, today), organisationName: name }
  }
  if (actor.kind === 'account' && actor.personId)
    return { memberId: await activeMembershipOf(trx, { personId: actor.personId }, today), organisationName: null }
  return { memberId: null, organisationName: null }
}

async function checkAddressLimit(trx: Trx, actor: Actor, ip: string | null, now: Date): Promise<void> {
  if (ip === null || can(actor, 'event.manage')) return
  const since = new Date(now.getTime() - publicRegistrationLimit.windowMinutes * 60_000)
  if ((await registrationsFromAddress(trx, ip, since)) >= publicRegistrationLimit.perAddress)
    throw new DomainError('rate_limited', 'event registrations', [{ path: 'email', message: 'too_many_registrations' }])
}

/**
 * Registers someone for an event. The event row is locked first, so two people taking the last seat at once get
 * one seat and one waiting-list place. A free seat confirms; none puts them on the waiting list while it has room;
 * otherwise `event_full` and nothing is stored. Closed or past events refuse with `registration_closed`; the same
 * email twice for one event is refused at the email field. Mails the confirmation with the invitation (.ics).
 */
export async function registerForEvent(
  trx: Trx,
  actor: Actor,
  ref: string,
  input: RegistrationInput,
  context: RequestContext,
  env: ActionEnv,
): Promise<{ registration: RegistrationView; event: EventView; manageToken: string }> {
  const now = env.clock.now()
  await checkAddressLimit(trx, actor, context.ip, now)
  const locked = isEventRef(ref) ? await lockEvent(trx, { ref }) : undefined
  if (!locked) throw new DomainError('not_found')
  const event = await viewOf(trx, locked)
  if (!registrationOpen(event, now)) throw new DomainError('registration_closed', event.ref)
  if (await liveRegistrationByEmail(trx, event.id, input.email)) throw fieldError('email', 'already_registered')
  const { memberId, organisationName } = await membershipFor(trx, actor, input.organisationId, todayIn(now))
  const decision = decideRegistration(event, await lastWaitlistPosition(trx, event.id), now)
  if (decision.outcome === 'refused') throw new DomainError(decision.code, event.ref)
  const price = priceFor(event, memberId !== null)
  const cooperative = (await cooperativeInfo(trx)).name
  const manageToken = randomToken()
  const row = await trx
    .insertInto('event_registration')
    .values({
      event_id: event.id,
      name: input.name,
      email: input.email,
      organisation_name: organisationName ?? input.organisation,
      organisation_id: input.organisationId,
      account_id: actor.kind === 'account' ? actor.accountId : null,
      is_member: memberId !== null,
      member_id: memberId,
      price_cents: price.netCents,
      vat_percent: event.vatPercent,
      gross_cents: price.grossCents,
      status: decision.outcome,
      waitlist_position: decision.outcome === 'waitlisted' ? decision.position : null,
      manage_token_hash: sha256(manageToken),
      language: context.lang,
      consent_text: registrationConsentText(context.lang, {
        cooperative,
        title: eventText(event, context.lang).title,
        ref: event.ref,
      }),
      consent_at: now,
      ip_address: context.ip,
      user_agent: context.userAgent?.slice(0, 500) ?? null,
      registered_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  await audit(
    trx,
    actingAs(actor),
    {
      action: 'event.registered',
      subjectType: 'event_registration',
      subjectId: row.id,
      organisationId: input.organisationId,
      after: {
        event: event.ref,
        status: row.status,
        waitlistPosition: row.waitlist_position,
        isMember: row.is_member,
        grossCents: price.grossCents,
      },
    },
    env.clock,
  )
  const after = await viewOf(trx, locked)
  const rank = decision.outcome === 'waitlisted' ? after.waitlisted : null
  await mailRegistrant(trx, decision.outcome, after, row, env, {
    token: manageToken,
    ics: decision.outcome === 'confirmed' ? 'REQUEST' : undefined,
    rank: rank ?? undefined,
  })
  return { registration: toRegistrationView(row, rank), event: after, manageToken }
}

async function withRank(db: Executor, row: EventRegistrationRow): Promise<RegistrationView> {
  if (row.status !== 'waitlisted') return toRegistrationView(row)
  const waiting = await db
    .selectFrom('event_registration')
    .select('waitlist_position')
    .where('event_id', '=', row.event_id)
    .where('status', '=', 'waitlisted')
    .execute()
  return toRegistrationView(
    row,
    waitingRank(
      row.waitlist_position ?? 0,
      waiting.map((w) => w.waitlist_position ?? 0),
    ),
  )
}

/** The registrant's own view through the manage link: their registration and the event. */
export async function registrationByToken(
  db: Executor,
  token: string,
): Promise<{ registration: RegistrationView; event: EventView }> {
  const row = await registrationByTokenHash(db, sha256(token))
  if (!row) throw new DomainError('not_found')
  const event = await db.selectFrom('event').selectAll().where('id', '=', row.event_id).executeTakeFirstOrThrow()
  return { registration: await withRank(db, row), event: toEventView({ ...event, ...(await countsOf(db, event.id)) }) }
}

/**
 * Ends a registration: the event is locked first (as registering does, so a cancellation and a registration at
 * once never over-book), then the registration. A freed seat goes to the first on the waiting list at once.
 * Cancelling twice changes nothing (`alreadyCancelled`); once the event has begun it is refused.
 */
async function cancelRegistration(
  trx: Trx,
  actor: Actor,
  found: EventRegistrationRow,
  env: ActionEnv,
  byStaff: boolean,
): Promise<{ registration: RegistrationView; event: EventView; alreadyCancelled: boolean }> {
  const now = env.clock.now()
  const locked = await lockEvent(trx, { id: found.event_id })
  const row = await lockRegistration(trx, found.id)
  if (!locked || !row) throw new DomainError('not_found')
  if (row.status === 'cancelled')
    return { registration: toRegistrationView(row), event: await viewOf(trx, locked), alreadyCancelled: true }
  if (now.getTime() >= new Date(locked.starts_at).getTime()) throw new DomainError('registration_closed', 'begun')
  const cancelled = await trx
    .updateTable('event_registration')
    .set({ status: 'cancelled', cancelled_at: now, cancelled_by: byStaff ? actor.label : 'registrant' })
    .where('id', '=', row.id)
    .returningAll()
    .executeTakeFirstOrThrow()
  await audit(
    trx,
    byStaff ? actor : actingAs(actor),
    {
      action: 'event.registration_cancelled',
      subjectType: 'event_registration',
      subjectId: row.id,
      organisationId: row.organisation_id,
      before: { status: row.status, waitlistPosition: row.waitlist_position },
      after: { status: 'cancelled', event: locked.ref, by: byStaff ? 'staff' : 'registrant' },
    },
    env.clock,
  )
  await mailRegistrant(trx, 'cancelled', await viewOf(trx, locked), cancelled, env, {
    ics: row.status === 'confirmed' ? 'CANCEL' : undefined,
    byStaff,
  })
  if (row.status === 'confirmed') await promoteWaiting(trx, actor, locked, env)
  return { registration: toRegistrationView(cancelled), event: await viewOf(trx, locked), alreadyCancelled: false }
}

/** The registrant cancels through the manage link from the mail. */
export async function cancelRegistrationByToken(trx: Trx, token: string, env: ActionEnv) {
  const found = await registrationByTokenHash(trx, sha256(token))
  if (!found) throw new DomainError('not_found')
  return cancelRegistration(trx, registrant, found, env, false)
}

/** Staff cancel a registration of an event (it is told by mail). */
export async function cancelRegistrationByStaff(
  trx: Trx,
  actor: Actor,
  ref: string,
  registrationId: string,
  env: ActionEnv,
) {
  authorize(actor, 'event.manage')
  const found = await trx
    .selectFrom('event_registration as r')
    .innerJoin('event as e', 'e.id', 'r.event_id')
    .selectAll('r')
    .where('r.id', '=', registrationId)
    .where('e.ref', '=', ref)
    .executeTakeFirst()
  if (!found) throw new DomainError('not_found')
  return cancelRegistration(trx, actor, found, env, true)
}

/** The attendee list for staff: confirmed first, then the waiting list in order, then cancelled ones. */
export async function attendeesOf(
  db: Executor,
  actor: Actor,
  event: EventView,
): Promise<{ confirmed: RegistrationView[]; waitlisted: RegistrationView[]; cancelled: RegistrationView[] }> {
  authorize(actor, 'event.manage')
  const rows = await registrationsOf(db, event.id)
  const waiting = rows.filter((r) => r.status === 'waitlisted').map((r) => r.waitlist_position ?? 0)
  const views = rows.map((r) =>
    toRegistrationView(r, r.status === 'waitlisted' ? waitingRank(r.waitlist_position ?? 0, waiting) : null),
  )
  return {
    confirmed: views.filter((r) => r.status === 'confirmed'),
    waitlisted: views.filter((r) => r.status === 'waitlisted'),
    cancelled: views.filter((r) => r.status === 'cancelled'),
  }
}

/**
 * What a signed-in person may register as, with whether each gets the member price: their organisations
 * (member or not) and themselves. Null for someone not signed in (they pay the non-member price).
 */
export async function priceOptions(
  db: Executor,
  actor: Actor,
  today: string,
): Promise<{ organisations: Array<{ id: string; name: string; isMember: boolean }>; selfIsMember: boolean } | null> {
  if (actor.kind !== 'account') return null
  const names = await organisationNames(db, [...actor.orgs.keys()])
  const organisations = await Promise.all(
    [...names].map(async ([id, name]) => ({
      id,
      name,
      isMember: (await activeMembershipOf(db, { organisationId: id }, today)) !== null,
    })),
  )
  organisations.sort((a, b) => a.name.localeCompare(b.name, 'de'))
  const selfIsMember = actor.personId
    ? (await activeMembershipOf(db, { personId: actor.personId }, today)) !== null
    : false
  return { organisations, selfIsMember }
}
