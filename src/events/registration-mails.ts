import type { Trx } from '../db/db.ts'
import type { EventRegistrationRow, EventRow } from '../db/schema-events.ts'
import { cooperativeInfo } from '../members/cooperative.ts'
import type { ActionEnv } from '../platform/context.ts'
import { randomToken, sha256 } from '../platform/crypto.ts'
import { enqueueMail } from '../platform/mail.ts'
import { type EventMailKind, eventMail, registrationIcs } from './events.mails.ts'
import { type EventView, toEventView } from './events.model.ts'
import { countsOf } from './events.repo.ts'

/** The event as a view, with the counts as they are inside the caller's transaction. */
export async function viewOf(trx: Trx, row: EventRow): Promise<EventView> {
  return toEventView({ ...row, ...(await countsOf(trx, row.id)) })
}

/**
 * A new manage link for a registration. Only the token's hash is stored, so a mail that needs the link (a
 * promotion, a change of time or place) gets a fresh one and the older link stops working: the newest mail
 * always holds the one that works.
 */
export async function issueManageToken(trx: Trx, registrationId: string): Promise<string> {
  const token = randomToken()
  await trx
    .updateTable('event_registration')
    .set({ manage_token_hash: sha256(token) })
    .where('id', '=', registrationId)
    .execute()
  return token
}

export function manageLink(env: ActionEnv, token: string): string {
  return `${env.config.baseUrl}/events/registrations/${token}`
}

/**
 * Writes one mail about a registration to the outbox, in the registrant's language: with the invitation
 * (REQUEST) or its cancellation (CANCEL) attached when `ics` says so, and the manage link when a token is given.
 */
export async function mailRegistrant(
  trx: Trx,
  kind: EventMailKind,
  event: EventView,
  row: EventRegistrationRow,
  env: ActionEnv,
  options: { token?: string; ics?: 'REQUEST' | 'CANCEL'; rank?: number; byStaff?: boolean; reason?: string } = {},
): Promise<void> {
  const cooperative = (await cooperativeInfo(trx)).name
  const registrant = {
    id: row.id,
    name: row.name,
    email: row.email,
    language: row.language,
    isMember: row.is_member,
    grossCents: Number(row.gross_cents),
    vatPercent: Number(row.vat_percent),
  }
  const link = options.token ? manageLink(env, options.token) : ''
  const attachment = options.ics
    ? registrationIcs(event, registrant, options.ics, {
        config: env.config,
        cooperative,
        manageLink: link || null,
        now: env.clock.now(),
      })
    : undefined
  await enqueueMail(
    trx,
    eventMail(kind, event, registrant, {
      link,
      eventLink: `${env.config.baseUrl}/events/${event.ref}`,
      eventsLink: `${env.config.baseUrl}/events`,
      rank: options.rank,
      byStaff: options.byStaff,
      reason: options.reason,
      attachment,
    }),
  )
}
