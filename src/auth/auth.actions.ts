import { Secret, TOTP } from 'otpauth'
import type { Trx } from '../db/db.ts'
import type { Actor } from '../platform/actor.ts'
import { audit } from '../platform/audit.ts'
import type { ActionEnv } from '../platform/context.ts'
import { randomToken, sha256 } from '../platform/crypto.ts'
import { DomainError, fieldError } from '../platform/errors.ts'
import { formatDateTime, type Language, translate } from '../platform/i18n.ts'
import { enqueueMail } from '../platform/mail.ts'
import { validationMessages } from '../platform/validation.messages.ts'
import { authMail } from './auth.mails.ts'
import {
  countLoginAttempts,
  countRecentTokens,
  findAccountByEmail,
  lockAccount,
  personName,
  recordLoginAttempt,
  updateAccount,
} from './auth.repo.ts'
import {
  attemptWindowMinutes,
  isLocked,
  lockUntil,
  maxAttemptsPerIp,
  maxFailedLogins,
  passwordProblems,
  totpStep,
} from './auth.rules.ts'
import { consumeToken, issueToken } from './one-time-tokens.ts'
import { hashPassword, verifyPassword } from './passwords.ts'
import { deleteSessionsOfAccount, insertSession } from './session.repo.ts'

export interface NewSession {
  token: string
  accountId: string
  secondFactorPending: boolean
}

export type SignInResult =
  | { ok: true; session: NewSession }
  | { ok: false; error: 'invalid_credentials' | 'account_locked' | 'rate_limited'; lockedUntil?: Date }

/**
 * Password sign-in. Failures are returned, not thrown, so the caller commits the failure counter and the
 * attempt record: brute force must leave a trace even though the request fails.
 */
export async function signIn(
  trx: Trx,
  input: { email: string; password: string; ip: string | null; userAgent: string | null },
  env: ActionEnv,
): Promise<SignInResult> {
  const now = env.clock.now()
  const ipKey = `ip:${input.ip ?? 'unknown'}`
  const since = new Date(now.getTime() - attemptWindowMinutes * 60_000)
  if ((await countLoginAttempts(trx, ipKey, since)) >= maxAttemptsPerIp) return { ok: false, error: 'rate_limited' }
  await recordLoginAttempt(trx, ipKey, false, now)
  const found = await findAccountByEmail(trx, input.email)
  const account = found ? await lockAccount(trx, found.id) : undefined
  if (account && isLocked(account.locked_until, now)) {
    await verifyPassword(null, input.password)
    return { ok: false, error: 'account_locked', lockedUntil: account.locked_until ?? undefined }
  }
  const valid = await verifyPassword(account?.password_hash ?? null, input.password)
  if (!account || !valid || account.disabled_at) {
    if (account) {
      const failed = account.failed_logins + 1
      const until = lockUntil(failed, now)
      await updateAccount(trx, account.id, { failed_logins: until ? 0 : failed, locked_until: until })
      if (until) {
        const actor = accountActorLabel(account.id, account.email)
        await audit(
          trx,
          actor,
          { action: 'account.locked', subjectType: 'account', subjectId: account.id, after: { lockedUntil: until } },
          env.clock,
        )
        const name = await personName(trx, account.person_id)
        await enqueueMail(
          trx,
          authMail('locked', account.language, account.email, {
            name,
            email: account.email,
            until: formatDateTime(until, account.language),
            link: `${env.config.baseUrl}/password/forgot`,
          }),
        )
        return { ok: false, error: 'account_locked', lockedUntil: until }
      }
    }
    return { ok: false, error: 'invalid_credentials' }
  }
  await updateAccount(trx, account.id, { failed_logins: 0, locked_until: null, last_login_at: now })
  const pending = account.totp_enabled_at !== null
  const session = await startSession(
    trx,
    account.id,
    { pending, via: 'password', ip: input.ip, userAgent: input.userAgent },
    env,
  )
  await audit(
    trx,
    accountActorLabel(account.id, account.email),
    { action: pending ? 'account.password_ok' : 'account.signed_in', subjectType: 'account', subjectId: account.id },
    env.clock,
  )
  return { ok: true, session }
}

function accountActorLabel(accountId: string, email: string): Actor {
  return {
    kind: 'account',
    accountId,
    personId: null,
    label: email,
    roles: new Set(),
    orgs: new Map(),
    scopes: null,
    language: 'de',
  }
}

/** A fresh session token on every sign-in (no fixation); only its hash is stored. */
export async function startSession(
  trx: Trx,
  accountId: string,
  options: { pending: boolean; via: 'password' | 'oidc'; ip: string | null; userAgent: string | null },
  env: ActionEnv,
): Promise<NewSession> {
  const token = randomToken()
  await insertSession(trx, {
    tokenHash: sha256(token),
    accountId,
    csrf: randomToken(24),
    pending: options.pending,
    via: options.via,
    ip: options.ip,
    userAgent: options.userAgent,
    now: env.clock.now(),
  })
  return { token, accountId, secondFactorPending: options.pending }
}

function totpFor(secret: string, email: string): TOTP {
  return new TOTP({
    issuer: 'Allmende',
    label: email,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    secret: Secret.fromBase32(secret),
  })
}

/** Checks a TOTP code (RFC 6238, ±1 step) and refuses a code whose step was already used (replay). */
async function checkTotp(trx: Trx, accountId: string, code: string, env: ActionEnv): Promise<boolean> {
  const account = await lockAccount(trx, accountId)
  if (!account?.totp_secret) return false
  const cleaned = code.replace(/\s/g, '')
  if (!/^\d{6}$/.test(cleaned)) return false
  const now = env.clock.now()
  const delta = totpFor(account.totp_secret, account.email).validate({
    token: cleaned,
    timestamp: now.getTime(),
    window: 1,
  })
  if (delta === null) return false
  const step = totpStep(now) + delta
  if (account.totp_last_step !== null && step <= account.totp_last_step) return false
  await updateAccount(trx, accountId, { totp_last_step: step })
  return true
}

/** Second step of a sign-in with two factors: the pending session is replaced by a full one. */
export async function completeSecondFactor(
  trx: Trx,
  pending: { tokenHash: string; accountId: string },
  code: string,
  context: { ip: string | null; userAgent: string | null },
  env: ActionEnv,
): Promise<NewSession | 'retry' | 'too_many'> {
  const key = `totp:${pending.accountId}`
  const since = new Date(env.clock.now().getTime() - attemptWindowMinutes * 60_000)
  if (!(await checkTotp(trx, pending.accountId, code, env))) {
    await recordLoginAttempt(trx, key, false, env.clock.now())
    // Six digits can be guessed: after five wrong codes the half-open sign-in ends and starts over with the password.
    if ((await countLoginAttempts(trx, key, since)) >= maxFailedLogins) {
      await trx.deleteFrom('session').where('token_hash', '=', pending.tokenHash).execute()
      return 'too_many'
    }
    return 'retry'
  }
  await trx.deleteFrom('session').where('token_hash', '=', pending.tokenHash).execute()
  const account = await lockAccount(trx, pending.accountId)
  const session = await startSession(trx, pending.accountId, { pending: false, via: 'password', ...context }, env)
  await audit(
    trx,
    accountActorLabel(pending.accountId, account?.email ?? ''),
    {
      action: 'account.signed_in',
      subjectType: 'account',
      subjectId: pending.accountId,
      after: { secondFactor: 'totp' },
    },
    env.clock,
  )
  return session
}

/** Starts TOTP setup: a new secret is stored but not active until a code from the app confirms it. */
export async function beginTotpSetup(trx: Trx, actor: Actor): Promise<{ secret: string; uri: string }> {
  if (!actor.accountId) throw new DomainError('unauthenticated')
  const account = await lockAccount(trx, actor.accountId)
  if (!account) throw new DomainError('not_found')
  if (account.totp_enabled_at) throw new DomainError('conflict', 'totp already enabled')
  const secret = account.totp_secret ?? new Secret({ size: 20 }).base32
  if (!account.totp_secret) await updateAccount(trx, account.id, { totp_secret: secret })
  return { secret, uri: totpFor(secret, account.email).toString() }
}

export async function enableTotp(trx: Trx, actor: Actor, code: string, env: ActionEnv): Promise<void> {
  if (!actor.accountId) throw new DomainError('unauthenticated')
  if (!(await checkTotp(trx, actor.accountId, code, env))) throw new DomainError('totp_invalid')
  await updateAccount(trx, actor.accountId, { totp_enabled_at: env.clock.now() })
  await audit(
    trx,
    actor,
    { action: 'account.totp_enabled', subjectType: 'account', subjectId: actor.accountId },
    env.clock,
  )
}

export async function disableTotp(trx: Trx, actor: Actor, password: string, env: ActionEnv): Promise<void> {
  if (!actor.accountId) throw new DomainError('unauthenticated')
  const account = await lockAccount(trx, actor.accountId)
  if (!account || !(await verifyPassword(account.password_hash, password)))
    throw fieldError('password', 'invalid_password')
  await updateAccount(trx, account.id, { totp_enabled_at: null, totp_secret: null, totp_last_step: null })
  await audit(trx, actor, { action: 'account.totp_disabled', subjectType: 'account', subjectId: account.id }, env.clock)
}

function checkNewPassword(password: string, confirm: string | undefined, email: string, lang: Language): void {
  const problems = passwordProblems(password, email)
  if (problems[0]) throw fieldError('password', translate(validationMessages, lang, problems[0], { min: 10, max: 200 }))
  if (confirm !== undefined && confirm !== password)
    throw fieldError('passwordConfirm', translate(validationMessages, lang, 'password_mismatch'))
}

export async function changePassword(
  trx: Trx,
  actor: Actor,
  input: { current: string; password: string; passwordConfirm: string },
  currentSessionHash: string | null,
  env: ActionEnv,
): Promise<void> {
  if (!actor.accountId) throw new DomainError('unauthenticated')
  const account = await lockAccount(trx, actor.accountId)
  if (!account) throw new DomainError('not_found')
  if (account.password_hash && !(await verifyPassword(account.password_hash, input.current)))
    throw fieldError('current', 'invalid_password')
  checkNewPassword(input.password, input.passwordConfirm, account.email, actor.language)
  await updateAccount(trx, account.id, { password_hash: await hashPassword(input.password) })
  // Other devices signed in with the old password are signed out.
  await deleteSessionsOfAccount(trx, account.id, currentSessionHash ?? undefined)
  await audit(
    trx,
    actor,
    { action: 'account.password_changed', subjectType: 'account', subjectId: account.id },
    env.clock,
  )
}

/** Sends a reset link if the account exists; the answer is the same either way (no account enumeration). */
export async function requestPasswordReset(trx: Trx, email: string, lang: Language, env: ActionEnv): Promise<void> {
  const account = await findAccountByEmail(trx, email)
  if (!account || account.disabled_at) return
  const now = env.clock.now()
  if ((await countRecentTokens(trx, account.email, 'reset_password', new Date(now.getTime() - 3600_000))) >= 3) return
  const token = await issueToken(trx, 'reset_password', { email: account.email, accountId: account.id }, now)
  const name = await personName(trx, account.person_id)
  await enqueueMail(
    trx,
    authMail('reset', lang, account.email, {
      name,
      email: account.email,
      link: `${env.config.baseUrl}/password/reset?token=${token}`,
    }),
  )
}

/** Sets a new password from a reset link; the link proves the mailbox, so the address counts as verified. */
export async function resetPassword(
  trx: Trx,
  input: { token: string; password: string; passwordConfirm: string },
  lang: Language,
  env: ActionEnv,
): Promise<string> {
  const now = env.clock.now()
  const row = await consumeToken(trx, input.token, 'reset_password', now)
  const account = row.account_id ? await lockAccount(trx, row.account_id) : undefined
  if (!account) throw new DomainError('token_invalid')
  checkNewPassword(input.password, input.passwordConfirm, account.email, lang)
  await updateAccount(trx, account.id, {
    password_hash: await hashPassword(input.password),
    failed_logins: 0,
    locked_until: null,
    email_verified_at: account.email_verified_at ?? now,
  })
  await deleteSessionsOfAccount(trx, account.id)
  await audit(
    trx,
    accountActorLabel(account.id, account.email),
    { action: 'account.password_reset', subjectType: 'account', subjectId: account.id },
    env.clock,
  )
  return account.email
}

export async function sendEmailVerification(trx: Trx, actor: Actor, env: ActionEnv): Promise<void> {
  if (!actor.accountId) throw new DomainError('unauthenticated')
  const account = await lockAccount(trx, actor.accountId)
  if (!account || account.email_verified_at) return
  const now = env.clock.now()
  if ((await countRecentTokens(trx, account.email, 'verify_email', new Date(now.getTime() - 3600_000))) >= 3)
    throw new DomainError('rate_limited')
  const token = await issueToken(trx, 'verify_email', { email: account.email, accountId: account.id }, now)
  const name = await personName(trx, account.person_id)
  await enqueueMail(
    trx,
    authMail('verify', account.language, account.email, {
      name,
      email: account.email,
      link: `${env.config.baseUrl}/verify-email?token=${token}`,
    }),
  )
}

export async function verifyEmail(trx: Trx, token: string, env: ActionEnv): Promise<void> {
  const now = env.clock.now()
  const row = await consumeToken(trx, token, 'verify_email', now)
  const account = row.account_id ? await lockAccount(trx, row.account_id) : undefined
  // A link sent to an address the account no longer uses proves nothing.
  if (!account || account.email.toLowerCase() !== row.email.toLowerCase()) throw new DomainError('token_invalid')
  await updateAccount(trx, account.id, { email_verified_at: now })
  await audit(
    trx,
    accountActorLabel(account.id, account.email),
    {
      action: 'account.email_verified',
      subjectType: 'account',
      subjectId: account.id,
      after: { email: account.email },
    },
    env.clock,
  )
}

export async function setLanguage(trx: Trx, actor: Actor, language: Language, env: ActionEnv): Promise<void> {
  if (!actor.accountId) return
  await updateAccount(trx, actor.accountId, { language })
  await audit(
    trx,
    actor,
    { action: 'account.language_changed', subjectType: 'account', subjectId: actor.accountId, after: { language } },
    env.clock,
  )
}

export { checkNewPassword, totpFor }
