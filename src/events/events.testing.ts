import type { Db } from '../db/db.ts'
import { type Actor, anonymous, systemActor } from '../platform/actor.ts'
import type { ActionEnv } from '../platform/context.ts'
import { createEvent } from './events.actions.ts'
import type { EventView } from './events.model.ts'
import { eventInput } from './events.schema.ts'
import { registerForEvent } from './registrations.actions.ts'

/** Helpers for the event tests (not a test file itself). */

/** "Now" of the event tests: 1 May 2026, 10:00 in Berlin. */
export const eventsNow = new Date('2026-05-01T08:00:00Z')

/** A valid event as a form or JSON sends it; override what a test is about. */
export function eventJson(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    kind: 'info_event',
    titleDe: 'Infoabend: Die Cloud gehört uns',
    titleEn: 'Information evening: the cloud is ours',
    descriptionDe: 'Wie die Genossenschaft arbeitet und wie ihr mitmacht.',
    startsAt: '2026-06-10T18:00',
    endsAt: '2026-06-10T20:00',
    location: 'Oranienstraße 45, 10969 Berlin',
    seats: 3,
    waitlistLimit: 2,
    memberPriceCents: 0,
    nonMemberPriceCents: 2_000,
    vatPercent: 19,
    ...overrides,
  }
}

export async function scheduleEvent(
  db: Db,
  env: ActionEnv,
  overrides: Record<string, unknown> = {},
  actor: Actor = systemActor('test'),
): Promise<EventView> {
  return db.transaction().execute((trx) => createEvent(trx, actor, eventInput.parse(eventJson(overrides)), env))
}

let addresses = 0

/**
 * Registers one person through the action, as the public form would (anonymous unless an actor is given), each
 * from an address of its own unless one is given (the public limit counts per address).
 */
export async function register(
  db: Db,
  env: ActionEnv,
  ref: string,
  person: { name?: string; email: string; organisationId?: string; ip?: string },
  actor?: Actor,
) {
  return db.transaction().execute((trx) =>
    registerForEvent(
      trx,
      actor ?? anonymous,
      ref,
      {
        name: person.name ?? person.email.split('@')[0]!,
        email: person.email,
        organisation: null,
        organisationId: person.organisationId ?? null,
        consent: true,
      },
      { ip: person.ip ?? `198.51.${Math.floor(++addresses / 250)}.${addresses % 250}`, userAgent: 'test', lang: 'de' },
      env,
    ),
  )
}
