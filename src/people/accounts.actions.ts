import { checkNewPassword } from '../auth/auth.actions.ts'
import { authMail } from '../auth/auth.mails.ts'
import { findAccountByEmail, lockAccount, updateAccount } from '../auth/auth.repo.ts'
import { tokenLifetimeMs } from '../auth/auth.rules.ts'
import { issueToken } from '../auth/one-time-tokens.ts'
import { hashPassword } from '../auth/passwords.ts'
import { deleteSessionsOfAccount } from '../auth/session.repo.ts'
import type { Trx } from '../db/db.ts'
import type { CoopRole, OrgFunction } from '../db/schema.ts'
import type { Actor } from '../platform/actor.ts'
import { audit } from '../platform/audit.ts'
import type { ActionEnv } from '../platform/context.ts'
import { DomainError, fieldError } from '../platform/errors.ts'
import { enqueueMail } from '../platform/mail.ts'
import { authorize } from '../platform/policy.ts'
import { insertPerson, setAffiliations, setRoles } from './people.repo.ts'

export interface NewAccountInput {
  email: string
  givenName: string
  familyName: string
  password?: string
  /** A precomputed argon2id hash instead of `password` (the demo seed hashes its one password once). */
  passwordHash?: string
  roles?: CoopRole[]
  /** Already proven (demo data, an operator who checked it); otherwise a verification link is sent. */
  emailVerified?: boolean
  organisations?: Array<{ id: string; functions: OrgFunction[] }>
  language?: 'de' | 'en'
}

/** Creates a person with an account (CLI `user create`, demo data): the board assigns cooperative roles. */
export async function createAccount(
  trx: Trx,
  actor: Actor,
  input: NewAccountInput,
  env: ActionEnv,
): Promise<{ accountId: string; personId: string }> {
  authorize(actor, 'person.create')
  if (input.roles?.length) authorize(actor, 'account.manage_roles')
  if (await findAccountByEmail(trx, input.email))
    throw new DomainError('email_taken', input.email, [{ path: 'email', message: 'email_taken' }])
  if (input.password !== undefined) checkNewPassword(input.password, undefined, input.email, actor.language)
  const now = env.clock.now()
  const person = await insertPerson(trx, {
    given_name: input.givenName,
    family_name: input.familyName,
    email: input.email,
    phone: null,
    street: '',
    postal_code: '',
    city: '',
    country: 'DE',
    created_at: now,
    updated_at: now,
  })
  const account = await trx
    .insertInto('account')
    .values({
      person_id: person.id,
      email: input.email,
      email_verified_at: input.emailVerified ? now : null,
      password_hash: input.passwordHash ?? (input.password ? await hashPassword(input.password) : null),
      language: input.language ?? 'de',
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  if (input.roles?.length) await setRoles(trx, account.id, input.roles, now)
  for (const org of input.organisations ?? []) await setAffiliations(trx, org.id, person.id, org.functions, now)
  await audit(
    trx,
    actor,
    {
      action: 'account.created',
      subjectType: 'account',
      subjectId: account.id,
      organisationId: input.organisations?.[0]?.id ?? null,
      after: {
        email: input.email,
        givenName: input.givenName,
        familyName: input.familyName,
        roles: input.roles ?? [],
        organisations: input.organisations ?? [],
      },
    },
    env.clock,
  )
  if (!input.emailVerified) {
    const hasPassword = Boolean(input.password || input.passwordHash)
    // Without a password the person sets one through a welcome link that waits in the inbox as long as an invitation.
    const token = hasPassword
      ? await issueToken(trx, 'verify_email', { email: input.email, accountId: account.id }, now)
      : await issueToken(
          trx,
          'reset_password',
          { email: input.email, accountId: account.id },
          now,
          tokenLifetimeMs.invite,
        )
    const link = hasPassword
      ? `${env.config.baseUrl}/verify-email?token=${token}`
      : `${env.config.baseUrl}/password/reset?token=${token}`
    const name = `${input.givenName} ${input.familyName}`
    await enqueueMail(
      trx,
      authMail(hasPassword ? 'verify' : 'welcome', input.language ?? 'de', input.email, {
        name,
        email: input.email,
        link,
      }),
    )
  }
  return { accountId: account.id, personId: person.id }
}

/** Board only: the cooperative roles of an account. The board cannot remove its own last board member. */
export async function setCoopRoles(
  trx: Trx,
  actor: Actor,
  accountId: string,
  roles: CoopRole[],
  env: ActionEnv,
): Promise<void> {
  authorize(actor, 'account.manage_roles')
  const account = await lockAccount(trx, accountId)
  if (!account) throw new DomainError('not_found')
  const before = (
    await trx.selectFrom('account_role').select('role').where('account_id', '=', accountId).execute()
  ).map((r) => r.role)
  if (before.includes('board') && !roles.includes('board')) {
    const boards = await trx
      .selectFrom('account_role')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('role', '=', 'board')
      .executeTakeFirstOrThrow()
    if (Number(boards.n) <= 1) throw fieldError('roles', 'last_board')
  }
  await setRoles(trx, accountId, roles, env.clock.now())
  await audit(
    trx,
    actor,
    {
      action: 'account.roles_changed',
      subjectType: 'account',
      subjectId: accountId,
      before: { roles: before.sort() },
      after: { roles: [...roles].sort() },
    },
    env.clock,
  )
}

/** Staff can switch off a lost second factor after checking the person's identity; the person must sign in again. */
export async function resetSecondFactor(
  trx: Trx,
  actor: Actor,
  accountId: string,
  reason: string,
  env: ActionEnv,
): Promise<void> {
  authorize(actor, 'account.reset_second_factor')
  const account = await lockAccount(trx, accountId)
  if (!account) throw new DomainError('not_found')
  await updateAccount(trx, accountId, { totp_enabled_at: null, totp_secret: null, totp_last_step: null })
  await deleteSessionsOfAccount(trx, accountId)
  await audit(
    trx,
    actor,
    { action: 'account.totp_reset', subjectType: 'account', subjectId: accountId, reason },
    env.clock,
  )
}
