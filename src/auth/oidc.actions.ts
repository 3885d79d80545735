import type { Db, Executor, Trx } from '../db/db.ts'
import type { AccountRow } from '../db/schema.ts'
import type { Actor } from '../platform/actor.ts'
import { audit } from '../platform/audit.ts'
import type { ActionEnv } from '../platform/context.ts'
import { randomToken } from '../platform/crypto.ts'
import { type NewSession, startSession } from './auth.actions.ts'
import { findAccountByEmail, lockAccount, updateAccount } from './auth.repo.ts'
import type { OidcClaims } from './oidc.client.ts'

/*
 * The few queries of this use case live here rather than in a repo file of their own: oidc_identity has no
 * other reader yet, and instance_setting has no shared repo.
 */

const cookieSecretKey = 'cookie_secret'

/**
 * The server's secret for sealed cookies, kept in instance_setting so every process of an installation
 * shares it. Created on first use; `ON CONFLICT DO NOTHING` lets two processes race for it and agree.
 */
export async function cookieSecret(db: Db): Promise<string> {
  const existing = await readSetting(db, cookieSecretKey)
  if (existing) return existing
  return db.transaction().execute(async (trx) => {
    await trx
      .insertInto('instance_setting')
      .values({ key: cookieSecretKey, value: randomToken(32) })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute()
    const value = await readSetting(trx, cookieSecretKey)
    if (!value) throw new Error('cookie secret could not be stored')
    return value
  })
}

async function readSetting(db: Executor, key: string): Promise<string | undefined> {
  const row = await db.selectFrom('instance_setting').select('value').where('key', '=', key).executeTakeFirst()
  return row?.value
}

async function findIdentity(db: Executor, issuer: string, subject: string) {
  return db
    .selectFrom('oidc_identity')
    .select('account_id')
    .where('issuer', '=', issuer)
    .where('subject', '=', subject)
    .executeTakeFirst()
}

export type OidcSignInResult =
  | { ok: true; session: NewSession; linked: boolean }
  | { ok: false; error: 'no_account' | 'account_disabled' }

/**
 * Sign-in with an OpenID provider. A known identity (issuer, subject) signs in to its account, whatever
 * email the provider now reports. An unknown identity is linked to a local account only if both sides
 * have verified the same address (case-insensitive): the provider says `email_verified: true` and the
 * account's address was confirmed here. Anything else is refused without writing, so an identity with a
 * merely claimed address can never take over an account.
 *
 * No TOTP is asked: the provider authenticated the person and is responsible for the second factor.
 */
export async function signInWithOidc(
  trx: Trx,
  input: { claims: OidcClaims; ip: string | null; userAgent: string | null },
  env: ActionEnv,
): Promise<OidcSignInResult> {
  const { claims } = input
  const identity = await findIdentity(trx, claims.issuer, claims.subject)
  let accountId = identity?.account_id
  if (!accountId) {
    if (!claims.emailVerified || !claims.email) return { ok: false, error: 'no_account' }
    const candidate = await findAccountByEmail(trx, claims.email)
    if (!candidate?.email_verified_at) return { ok: false, error: 'no_account' }
    accountId = candidate.id
  }
  const account = await lockAccount(trx, accountId)
  if (!account) return { ok: false, error: 'no_account' }
  if (account.disabled_at) return { ok: false, error: 'account_disabled' }
  const actor = accountActor(account)
  const now = env.clock.now()

  let linked = false
  if (!identity) {
    // The lock above serialises two first sign-ins of one account; a concurrent link of the same identity
    // is found by the conflict and not journaled twice.
    const inserted = await trx
      .insertInto('oidc_identity')
      .values({
        issuer: claims.issuer,
        subject: claims.subject,
        account_id: account.id,
        email: claims.email,
        linked_at: now,
      })
      .onConflict((oc) => oc.columns(['issuer', 'subject']).doNothing())
      .returning('account_id')
      .executeTakeFirst()
    if (inserted) {
      linked = true
      await audit(
        trx,
        actor,
        {
          action: 'account.oidc_linked',
          subjectType: 'account',
          subjectId: account.id,
          after: { issuer: claims.issuer, subject: claims.subject, email: claims.email },
        },
        env.clock,
      )
    } else {
      const winner = await findIdentity(trx, claims.issuer, claims.subject)
      if (winner?.account_id !== account.id) return { ok: false, error: 'no_account' }
    }
  }

  await updateAccount(trx, account.id, { last_login_at: now })
  const session = await startSession(
    trx,
    account.id,
    { pending: false, via: 'oidc', ip: input.ip, userAgent: input.userAgent },
    env,
  )
  await audit(
    trx,
    actor,
    {
      action: 'account.signed_in',
      subjectType: 'account',
      subjectId: account.id,
      after: { via: 'oidc', issuer: claims.issuer },
    },
    env.clock,
  )
  return { ok: true, session, linked }
}

function accountActor(account: AccountRow): Actor {
  return {
    kind: 'account',
    accountId: account.id,
    personId: account.person_id,
    label: account.email,
    roles: new Set(),
    orgs: new Map(),
    scopes: null,
    language: account.language,
  }
}
