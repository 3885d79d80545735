import type { Executor } from '../db/db.ts'
import type { OneTimePurpose } from '../db/schema.ts'
import { randomToken, sha256 } from '../platform/crypto.ts'
import { DomainError } from '../platform/errors.ts'
import { insertOneTimeToken, lockUsableToken, markTokenUsed } from './auth.repo.ts'
import { tokenLifetimeMs } from './auth.rules.ts'

/** Issues a single-use link token; only its hash is stored. */
export async function issueToken(
  trx: Executor,
  purpose: OneTimePurpose,
  target: { email: string; accountId?: string | null; organisationId?: string | null; data?: unknown },
  now: Date,
  lifetimeMs: number = tokenLifetimeMs[purpose],
): Promise<string> {
  const token = randomToken()
  await insertOneTimeToken(trx, {
    tokenHash: sha256(token),
    purpose,
    email: target.email,
    accountId: target.accountId ?? null,
    organisationId: target.organisationId ?? null,
    data: target.data ?? {},
    now,
    expiresAt: new Date(now.getTime() + lifetimeMs),
  })
  return token
}

/** Consumes a token once; an unknown, used or expired token is `token_invalid`. */
export async function consumeToken(trx: Executor, token: string, purpose: OneTimePurpose, now: Date) {
  const row = await lockUsableToken(trx, sha256(token), purpose, now)
  if (!row) throw new DomainError('token_invalid')
  await markTokenUsed(trx, row.token_hash, now)
  return row
}

/** Reads a token without consuming it (to show the form it leads to). */
export async function peekToken(trx: Executor, token: string, purpose: OneTimePurpose, now: Date) {
  return lockUsableToken(trx, sha256(token), purpose, now)
}
