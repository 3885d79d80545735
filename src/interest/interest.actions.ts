import { sql } from 'kysely'
import type { Executor, Trx } from '../db/db.ts'
import type { InterestStatus, InterestSubscriptionRow } from '../db/schema-events.ts'
import { cooperativeInfo } from '../members/cooperative.ts'
import type { Actor } from '../platform/actor.ts'
import { audit } from '../platform/audit.ts'
import type { ActionEnv } from '../platform/context.ts'
import { randomToken, sha256 } from '../platform/crypto.ts'
import { DomainError } from '../platform/errors.ts'
import { type Language, translate } from '../platform/i18n.ts'
import { enqueueMail } from '../platform/mail.ts'
import { authorize } from '../platform/policy.ts'
import { interestConsentText, interestMails } from './interest.messages.ts'
import {
  confirmExpiry,
  confirmWindowDays,
  consentVersion,
  emailHash,
  isExpired,
  overLimit,
  requestLogHours,
  signupLimit,
} from './interest.rules.ts'
import type { InterestInput } from './interest.schema.ts'

export interface RequestContext {
  ip: string | null
  userAgent: string | null
  lang: Language
}

/** The journal names nobody for the public list: it is append-only, and a withdrawn consent must not stay there. */
const publicActor: Actor = {
  kind: 'anonymous',
  accountId: null,
  personId: null,
  label: 'interest:public',
  roles: new Set(),
  orgs: new Map(),
  scopes: null,
  language: 'de',
}

function unsubscribeLink(env: ActionEnv, token: string): string {
  return `${env.config.baseUrl}/interest/unsubscribe/${token}`
}

/** Every mail to someone on the list carries the unsubscribe link and the one-click headers (RFC 2369, RFC 8058). */
function unsubscribeHeaders(link: string): Record<string, string> {
  return { 'List-Unsubscribe': `<${link}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }
}

async function mailTo(
  trx: Trx,
  kind: 'confirm' | 'welcome',
  row: Pick<InterestSubscriptionRow, 'email' | 'name' | 'language'>,
  links: { unsubscribe: string; confirm?: string },
): Promise<void> {
  const cooperative = (await cooperativeInfo(trx)).name
  const params = {
    cooperative,
    name: row.name ? ` ${row.name}` : '',
    days: confirmWindowDays,
    link: links.confirm ?? '',
    unsubscribe: links.unsubscribe,
  }
  await enqueueMail(trx, {
    to: row.email,
    subject: translate(interestMails, row.language, `${kind}_subject`, params),
    body: translate(interestMails, row.language, `${kind}_body`, params),
    headers: unsubscribeHeaders(links.unsubscribe),
  })
}

/**
 * Removes what the list no longer needs: sign-up requests older than the log keeps, and unconfirmed sign-ups
 * whose link has expired (they were never on the list). Runs with every sign-up.
 */
async function removeExpired(trx: Trx, now: Date, env: ActionEnv): Promise<void> {
  await trx
    .deleteFrom('interest_request')
    .where('requested_at', '<', new Date(now.getTime() - requestLogHours * 3600_000))
    .execute()
  const removed = await trx
    .deleteFrom('interest_subscription')
    .where('status', '=', 'pending')
    .where('confirm_expires_at', '<=', now)
    .returning('id')
    .execute()
  if (removed.length)
    await audit(
      trx,
      publicActor,
      {
        action: 'interest.expired_removed',
        subjectType: 'interest_subscription',
        subjectId: 'expired',
        after: { count: removed.length },
      },
      env.clock,
    )
}

async function checkLimit(trx: Trx, email: string, ip: string | null, now: Date): Promise<void> {
  const since = new Date(now.getTime() - signupLimit.windowMinutes * 60_000)
  const count = async (column: 'ip_address' | 'email_hash', value: string) =>
    Number(
      (
        await trx
          .selectFrom('interest_request')
          .select(sql<number>`count(*)::int8`.as('n'))
          .where(column, '=', value)
          .where('requested_at', '>=', since)
          .executeTakeFirstOrThrow()
      ).n,
    )
  const counts = {
    fromAddress: ip === null ? 0 : await count('ip_address', ip),
    forEmail: await count('email_hash', emailHash(email)),
  }
  if (overLimit(counts))
    throw new DomainError('rate_limited', 'interest sign-ups', [{ path: 'email', message: 'too_many_signups' }])
}

/**
 * The public sign-up with double opt-in: stores the consent exactly as shown (text, version, time, address,
 * browser) and mails a confirmation link. The answer is the same whatever the list holds: a new address gets a
 * pending entry, a pending one a fresh link (its older links stop working), a confirmed one nothing at all, so
 * the form can neither reveal who is on the list nor be used to flood a subscriber with mail.
 */
export async function signUp(trx: Trx, input: InterestInput, context: RequestContext, env: ActionEnv): Promise<void> {
  const now = env.clock.now()
  await removeExpired(trx, now, env)
  await checkLimit(trx, input.email, context.ip, now)
  await trx
    .insertInto('interest_request')
    .values({ requested_at: now, ip_address: context.ip, email_hash: emailHash(input.email) })
    .execute()
  const live = await trx
    .selectFrom('interest_subscription')
    .selectAll()
    .where(sql`lower(email)`, '=', input.email.toLowerCase())
    .where('status', '<>', 'unsubscribed')
    .forUpdate()
    .executeTakeFirst()
  if (live?.status === 'confirmed') return
  const text = interestConsentText(context.lang, (await cooperativeInfo(trx)).name)
  const confirmToken = randomToken()
  const unsubscribeToken = randomToken()
  const values = {
    email: input.email,
    name: input.name,
    organisation: input.organisation,
    language: context.lang,
    consent_text: text,
    consent_version: consentVersion(text),
    consent_at: now,
    consent_ip: context.ip,
    consent_user_agent: context.userAgent?.slice(0, 500) ?? null,
    confirm_token_hash: sha256(confirmToken),
    confirm_expires_at: confirmExpiry(now),
    unsubscribe_token_hash: sha256(unsubscribeToken),
  }
  const row = live
    ? await trx
        .updateTable('interest_subscription')
        .set(values)
        .where('id', '=', live.id)
        .returningAll()
        .executeTakeFirstOrThrow()
    : await trx
        .insertInto('interest_subscription')
        .values({ ...values, status: 'pending', created_at: now })
        .returningAll()
        .executeTakeFirstOrThrow()
  await audit(
    trx,
    publicActor,
    {
      action: live ? 'interest.requested_again' : 'interest.requested',
      subjectType: 'interest_subscription',
      subjectId: row.id,
      after: { status: row.status, language: row.language, consentVersion: row.consent_version },
    },
    env.clock,
  )
  await mailTo(trx, 'confirm', row, {
    confirm: `${env.config.baseUrl}/interest/confirm/${confirmToken}`,
    unsubscribe: unsubscribeLink(env, unsubscribeToken),
  })
}

/** The pending sign-up a confirmation link belongs to, if it is still valid (for the page with the button). */
export async function pendingByConfirmToken(db: Executor, token: string, now: Date): Promise<{ email: string } | null> {
  const row = await db
    .selectFrom('interest_subscription')
    .select(['email', 'confirm_expires_at'])
    .where('confirm_token_hash', '=', sha256(token))
    .where('status', '=', 'pending')
    .executeTakeFirst()
  return row && !isExpired(new Date(row.confirm_expires_at), now) ? { email: row.email } : null
}

/**
 * The second step of the double opt-in, by a POST (a mail scanner following the link must not confirm). The
 * link works once and until it expires; the welcome mail carries the unsubscribe link that stays valid.
 */
export async function confirmSubscription(
  trx: Trx,
  token: string,
  context: { ip: string | null },
  env: ActionEnv,
): Promise<{ email: string }> {
  const now = env.clock.now()
  const row = await trx
    .selectFrom('interest_subscription')
    .selectAll()
    .where('confirm_token_hash', '=', sha256(token))
    .forUpdate()
    .executeTakeFirst()
  if (row?.status !== 'pending' || isExpired(new Date(row.confirm_expires_at), now))
    throw new DomainError('token_invalid', 'confirmation link unknown, used or expired')
  const unsubscribeToken = randomToken()
  const updated = await trx
    .updateTable('interest_subscription')
    .set({
      status: 'confirmed',
      confirmed_at: now,
      confirmed_ip: context.ip,
      confirm_token_hash: null,
      unsubscribe_token_hash: sha256(unsubscribeToken),
    })
    .where('id', '=', row.id)
    .returningAll()
    .executeTakeFirstOrThrow()
  await audit(
    trx,
    publicActor,
    {
      action: 'interest.confirmed',
      subjectType: 'interest_subscription',
      subjectId: row.id,
      before: { status: row.status },
      after: { status: 'confirmed' },
    },
    env.clock,
  )
  await mailTo(trx, 'welcome', updated, { unsubscribe: unsubscribeLink(env, unsubscribeToken) })
  return { email: updated.email }
}

/** Who an unsubscribe link is for (for the page with the one button). */
export async function subscriptionByUnsubscribeToken(
  db: Executor,
  token: string,
): Promise<{ email: string; status: InterestStatus } | null> {
  const row = await db
    .selectFrom('interest_subscription')
    .select(['email', 'status'])
    .where('unsubscribe_token_hash', '=', sha256(token))
    .executeTakeFirst()
  return row ?? null
}

/**
 * Withdraws the consent at once (Art. 7 (3) GDPR; one click, RFC 8058). Name and organisation are erased; the
 * address stays with the times of consent and withdrawal as the proof of both. A second click changes nothing.
 */
export async function unsubscribe(trx: Trx, token: string, env: ActionEnv): Promise<{ alreadyUnsubscribed: boolean }> {
  const now = env.clock.now()
  const row = await trx
    .selectFrom('interest_subscription')
    .selectAll()
    .where('unsubscribe_token_hash', '=', sha256(token))
    .forUpdate()
    .executeTakeFirst()
  if (!row) throw new DomainError('not_found')
  if (row.status === 'unsubscribed') return { alreadyUnsubscribed: true }
  await trx
    .updateTable('interest_subscription')
    .set({ status: 'unsubscribed', unsubscribed_at: now, confirm_token_hash: null, name: null, organisation: null })
    .where('id', '=', row.id)
    .execute()
  await audit(
    trx,
    publicActor,
    {
      action: 'interest.unsubscribed',
      subjectType: 'interest_subscription',
      subjectId: row.id,
      before: { status: row.status },
      after: { status: 'unsubscribed' },
    },
    env.clock,
  )
  return { alreadyUnsubscribed: false }
}

/** Counts for staff: pending (not expired), confirmed, unsubscribed; and the months of confirmed sign-ups. */
export async function interestStats(
  db: Executor,
  actor: Actor,
  now: Date,
): Promise<{ pending: number; confirmed: number; unsubscribed: number; confirmedMonths: string[] }> {
  authorize(actor, 'interest.read')
  const counts = await db
    .selectFrom('interest_subscription')
    .select([
      sql<number>`count(*) FILTER (WHERE status = 'pending' AND confirm_expires_at > ${now})::int8`.as('pending'),
      sql<number>`count(*) FILTER (WHERE status = 'confirmed')::int8`.as('confirmed'),
      sql<number>`count(*) FILTER (WHERE status = 'unsubscribed')::int8`.as('unsubscribed'),
    ])
    .executeTakeFirstOrThrow()
  const months = await db
    .selectFrom('interest_subscription')
    .select(sql<string>`to_char(confirmed_at AT TIME ZONE 'Europe/Berlin', 'YYYY-MM')`.as('month'))
    .where('status', '=', 'confirmed')
    .where('confirmed_at', '>=', new Date(now.getTime() - 400 * 24 * 3600_000))
    .execute()
  return {
    pending: Number(counts.pending),
    confirmed: Number(counts.confirmed),
    unsubscribed: Number(counts.unsubscribed),
    confirmedMonths: months.map((m) => m.month),
  }
}

export interface Subscriber {
  id: string
  email: string
  name: string | null
  organisation: string | null
  language: Language
  consentedAt: Date
  confirmedAt: Date
  consentVersion: string
}

/**
 * Confirmed subscribers only (pending and unsubscribed ones are never handed out), oldest first. Journaled: who
 * took the list, how much of it, in which form.
 */
export async function exportSubscribers(
  trx: Trx,
  actor: Actor,
  options: { page: number; pageSize: number; form: 'csv' | 'api' },
  env: ActionEnv,
): Promise<{ items: Subscriber[]; total: number }> {
  authorize(actor, 'interest.read')
  const base = trx.selectFrom('interest_subscription').where('status', '=', 'confirmed')
  const [rows, total] = await Promise.all([
    base
      .selectAll()
      .orderBy('confirmed_at')
      .orderBy('id')
      .limit(options.pageSize)
      .offset((options.page - 1) * options.pageSize)
      .execute(),
    base.select(sql<number>`count(*)::int8`.as('n')).executeTakeFirstOrThrow(),
  ])
  await audit(
    trx,
    actor,
    {
      action: 'interest.exported',
      subjectType: 'interest_subscription',
      subjectId: 'confirmed',
      after: { form: options.form, count: rows.length, total: Number(total.n), page: options.page },
    },
    env.clock,
  )
  return {
    items: rows.map((r) => ({
      id: r.id,
      email: r.email,
      name: r.name,
      organisation: r.organisation,
      language: r.language,
      consentedAt: new Date(r.consent_at),
      confirmedAt: new Date(r.confirmed_at ?? r.consent_at),
      consentVersion: r.consent_version,
    })),
    total: Number(total.n),
  }
}
