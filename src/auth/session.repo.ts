import type { Selectable } from 'kysely'
import type { Executor } from '../db/db.ts'
import type { SessionTable } from '../db/schema.ts'

export type SessionRow = Selectable<SessionTable>

/** Sessions last 12 hours from the last activity, at most 14 days in all. */
export const sessionIdleMs = 12 * 60 * 60 * 1000
export const sessionMaxMs = 14 * 24 * 60 * 60 * 1000

export async function findSession(db: Executor, tokenHash: string, now: Date): Promise<SessionRow | undefined> {
  return db
    .selectFrom('session')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('expires_at', '>', now)
    .executeTakeFirst()
}

/** Slides the expiry forward, writing at most every five minutes so reads stay reads. */
export async function touchSession(db: Executor, session: SessionRow, now: Date): Promise<void> {
  if (now.getTime() - new Date(session.last_seen_at).getTime() < 5 * 60 * 1000) return
  const hardEnd = new Date(session.created_at).getTime() + sessionMaxMs
  await db
    .updateTable('session')
    .set({ last_seen_at: now, expires_at: new Date(Math.min(now.getTime() + sessionIdleMs, hardEnd)) })
    .where('token_hash', '=', session.token_hash)
    .execute()
}

export async function insertSession(
  db: Executor,
  values: {
    tokenHash: string
    accountId: string
    csrf: string
    pending: boolean
    via: 'password' | 'oidc'
    ip: string | null
    userAgent: string | null
    now: Date
  },
): Promise<void> {
  await db
    .insertInto('session')
    .values({
      token_hash: values.tokenHash,
      account_id: values.accountId,
      csrf_token: values.csrf,
      second_factor_pending: values.pending,
      via: values.via,
      ip: values.ip,
      user_agent: values.userAgent?.slice(0, 300) ?? null,
      created_at: values.now,
      last_seen_at: values.now,
      expires_at: new Date(values.now.getTime() + (values.pending ? 10 * 60 * 1000 : sessionIdleMs)),
    })
    .execute()
}

export async function deleteSession(db: Executor, tokenHash: string): Promise<void> {
  await db.deleteFrom('session').where('token_hash', '=', tokenHash).execute()
}

export async function deleteSessionsOfAccount(db: Executor, accountId: string, except?: string): Promise<void> {
  let q = db.deleteFrom('session').where('account_id', '=', accountId)
  if (except) q = q.where('token_hash', '!=', except)
  await q.execute()
}
