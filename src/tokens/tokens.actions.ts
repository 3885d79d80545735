import type { Executor, Trx } from '../db/db.ts'
import { type Actor, type ApiScope, apiScopes } from '../platform/actor.ts'
import { audit } from '../platform/audit.ts'
import type { ActionEnv } from '../platform/context.ts'
import { randomToken, sha256 } from '../platform/crypto.ts'
import { DomainError } from '../platform/errors.ts'

/** Token strings start with a readable prefix so leaked tokens are recognisable (and greppable by scanners). */
export const tokenPrefix = 'alm_'

export interface ApiTokenInfo {
  id: string
  name: string
  prefix: string
  scopes: ApiScope[]
  createdAt: string
  expiresAt: string | null
  lastUsedAt: string | null
  revokedAt: string | null
}

function toInfo(row: {
  id: string
  name: string
  prefix: string
  scopes: string[]
  created_at: Date
  expires_at: Date | null
  last_used_at: Date | null
  revoked_at: Date | null
}): ApiTokenInfo {
  const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null)
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes as ApiScope[],
    createdAt: new Date(row.created_at).toISOString(),
    expiresAt: iso(row.expires_at),
    lastUsedAt: iso(row.last_used_at),
    revokedAt: iso(row.revoked_at),
  }
}

/**
 * Creates a personal API token for the actor's own account. The secret is shown once; only its hash is
 * stored. A token carries at most the rights of its account, narrowed by its scopes.
 */
export async function createApiToken(
  trx: Trx,
  actor: Actor,
  input: { name: string; scopes: ApiScope[]; expiresInDays?: number | null },
  env: ActionEnv,
): Promise<{ token: string; info: ApiTokenInfo }> {
  if (!actor.accountId) throw new DomainError('unauthenticated')
  // A token cannot mint tokens with scopes it does not have itself.
  if (actor.scopes && input.scopes.some((s) => !actor.scopes?.has(s)))
    throw new DomainError('forbidden', 'scope escalation')
  const secret = `${tokenPrefix}${randomToken(30)}`
  const now = env.clock.now()
  const row = await trx
    .insertInto('api_token')
    .values({
      account_id: actor.accountId,
      name: input.name,
      prefix: secret.slice(0, 10),
      token_hash: sha256(secret),
      scopes: input.scopes.filter((s) => apiScopes.includes(s)),
      created_at: now,
      expires_at: input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * 86_400_000) : null,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  await audit(
    trx,
    actor,
    {
      action: 'api_token.created',
      subjectType: 'account',
      subjectId: actor.accountId,
      after: { tokenId: row.id, name: row.name, scopes: row.scopes },
    },
    env.clock,
  )
  return { token: secret, info: toInfo(row) }
}

export async function listApiTokens(db: Executor, actor: Actor): Promise<ApiTokenInfo[]> {
  if (!actor.accountId) throw new DomainError('unauthenticated')
  const rows = await db
    .selectFrom('api_token')
    .selectAll()
    .where('account_id', '=', actor.accountId)
    .orderBy('created_at', 'desc')
    .execute()
  return rows.map(toInfo)
}

export async function revokeApiToken(trx: Trx, actor: Actor, tokenId: string, env: ActionEnv): Promise<void> {
  if (!actor.accountId) throw new DomainError('unauthenticated')
  const row = await trx
    .selectFrom('api_token')
    .selectAll()
    .where('id', '=', tokenId)
    .where('account_id', '=', actor.accountId)
    .forUpdate()
    .executeTakeFirst()
  if (!row) throw new DomainError('not_found')
  if (row.revoked_at) return
  await trx.updateTable('api_token').set({ revoked_at: env.clock.now() }).where('id', '=', tokenId).execute()
  await audit(
    trx,
    actor,
    {
      action: 'api_token.revoked',
      subjectType: 'account',
      subjectId: actor.accountId,
      after: { tokenId, name: row.name },
    },
    env.clock,
  )
}

/** Resolves a bearer token to its account and scopes; unknown, revoked or expired tokens resolve to nothing. */
export async function resolveApiToken(
  db: Executor,
  secret: string,
  now: Date,
): Promise<{ id: string; accountId: string; scopes: ApiScope[] } | null> {
  if (!secret.startsWith(tokenPrefix) || secret.length > 200) return null
  const row = await db
    .selectFrom('api_token')
    .select(['id', 'account_id', 'scopes', 'expires_at', 'revoked_at', 'last_used_at'])
    .where('token_hash', '=', sha256(secret))
    .executeTakeFirst()
  if (!row || row.revoked_at || (row.expires_at && new Date(row.expires_at) <= now)) return null
  if (!row.last_used_at || now.getTime() - new Date(row.last_used_at).getTime() > 60_000) {
    await db.updateTable('api_token').set({ last_used_at: now }).where('id', '=', row.id).execute()
  }
  return { id: row.id, accountId: row.account_id, scopes: row.scopes as ApiScope[] }
}
