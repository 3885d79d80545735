import { sql } from 'kysely'
import { checkNewPassword, type NewSession, startSession } from '../auth/auth.actions.ts'
import { authMail } from '../auth/auth.mails.ts'
import { findAccountByEmail, personName } from '../auth/auth.repo.ts'
import { consumeToken, issueToken, peekToken } from '../auth/one-time-tokens.ts'
import { hashPassword } from '../auth/passwords.ts'
import type { Executor, Trx } from '../db/db.ts'
import type { OrgFunction } from '../db/schema.ts'
import { lockOrganisation } from '../organisations/organisations.repo.ts'
import type { Actor } from '../platform/actor.ts'
import { audit } from '../platform/audit.ts'
import type { ActionEnv } from '../platform/context.ts'
import { DomainError } from '../platform/errors.ts'
import type { Language } from '../platform/i18n.ts'
import { enqueueMail } from '../platform/mail.ts'
import { authorizeWithin, can } from '../platform/policy.ts'
import {
  countAdmins,
  functionsInOrganisation,
  insertPerson,
  peopleOfOrganisation,
  setAffiliations,
} from './people.repo.ts'
import type { InvitationInput, MemberOfOrganisation } from './people.schema.ts'

async function cooperativeName(db: Executor): Promise<string> {
  const row = await db
    .selectFrom('instance_setting')
    .select('value')
    .where('key', '=', 'cooperative_name')
    .executeTakeFirst()
  return row?.value ?? 'Genossenschaft'
}

export async function listOrganisationPeople(
  db: Executor,
  actor: Actor,
  organisationId: string,
  env: ActionEnv,
): Promise<MemberOfOrganisation[]> {
  authorizeWithin(actor, 'affiliation.read', organisationId)
  const rows = await peopleOfOrganisation(db, organisationId, env.clock.now())
  return rows.map((r) => ({
    personId: r.person_id,
    givenName: r.given_name,
    familyName: r.family_name,
    email: r.email,
    functions: r.functions,
    hasAccount: r.account_id !== null,
    invitationPending: Boolean(r.invitation_pending),
  }))
}

/**
 * Invites a person into an organisation by email. A person who already has an account is added at once
 * and told; anyone else gets a link to set a password (their address is proven by that link).
 */
export async function invitePerson(
  trx: Trx,
  actor: Actor,
  organisationId: string,
  input: InvitationInput,
  env: ActionEnv,
): Promise<{ personId: string; newAccount: boolean }> {
  authorizeWithin(actor, 'affiliation.manage', organisationId)
  const organisation = await lockOrganisation(trx, organisationId)
  if (!organisation || organisation.archived_at) throw new DomainError('not_found')
  const now = env.clock.now()
  const existing = await findAccountByEmail(trx, input.email)
  const inviterName = actor.personId ? await personName(trx, actor.personId) : actor.label
  if (existing) {
    const current = await functionsInOrganisation(trx, organisationId, existing.person_id)
    const functions = [...new Set([...current, ...input.functions])]
    await setAffiliations(trx, organisationId, existing.person_id, functions, now)
    await audit(
      trx,
      actor,
      {
        action: 'affiliation.added',
        subjectType: 'person',
        subjectId: existing.person_id,
        organisationId,
        before: { functions: current },
        after: { functions },
      },
      env.clock,
    )
    await enqueueMail(
      trx,
      authMail('added', existing.language, existing.email, {
        name: await personName(trx, existing.person_id),
        inviter: inviterName,
        organisation: organisation.name,
        link: `${env.config.baseUrl}/login`,
      }),
    )
    return { personId: existing.person_id, newAccount: false }
  }
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
  await setAffiliations(trx, organisationId, person.id, input.functions, now)
  const token = await issueToken(
    trx,
    'invite',
    { email: input.email, organisationId, data: { personId: person.id } },
    now,
  )
  await audit(
    trx,
    actor,
    {
      action: 'affiliation.invited',
      subjectType: 'person',
      subjectId: person.id,
      organisationId,
      after: {
        email: input.email,
        givenName: input.givenName,
        familyName: input.familyName,
        functions: input.functions,
      },
    },
    env.clock,
  )
  await enqueueMail(
    trx,
    authMail('invite', actor.language, input.email, {
      name: `${input.givenName} ${input.familyName}`,
      inviter: inviterName,
      organisation: organisation.name,
      cooperative: await cooperativeName(trx),
      link: `${env.config.baseUrl}/invite?token=${token}`,
    }),
  )
  return { personId: person.id, newAccount: true }
}

/** Sets a person's functions in an organisation; an organisation managed by its members keeps at least one admin. */
export async function setFunctions(
  trx: Trx,
  actor: Actor,
  organisationId: string,
  personId: string,
  functions: OrgFunction[],
  env: ActionEnv,
): Promise<void> {
  authorizeWithin(actor, 'affiliation.manage', organisationId)
  const organisation = await lockOrganisation(trx, organisationId)
  if (!organisation) throw new DomainError('not_found')
  const current = await functionsInOrganisation(trx, organisationId, personId)
  if (current.length === 0) throw new DomainError('not_found')
  await guardLastAdmin(trx, actor, organisationId, current, functions)
  await setAffiliations(trx, organisationId, personId, functions, env.clock.now())
  await audit(
    trx,
    actor,
    {
      action: 'affiliation.changed',
      subjectType: 'person',
      subjectId: personId,
      organisationId,
      before: { functions: current },
      after: { functions },
    },
    env.clock,
  )
}

export async function removeFromOrganisation(
  trx: Trx,
  actor: Actor,
  organisationId: string,
  personId: string,
  env: ActionEnv,
): Promise<void> {
  authorizeWithin(actor, 'affiliation.manage', organisationId)
  const organisation = await lockOrganisation(trx, organisationId)
  if (!organisation) throw new DomainError('not_found')
  const current = await functionsInOrganisation(trx, organisationId, personId)
  if (current.length === 0) throw new DomainError('not_found')
  await guardLastAdmin(trx, actor, organisationId, current, [])
  await setAffiliations(trx, organisationId, personId, [], env.clock.now())
  // Open invitations of the removed person into this organisation are withdrawn.
  await trx
    .updateTable('one_time_token')
    .set({ used_at: env.clock.now() })
    .where('purpose', '=', 'invite')
    .where('organisation_id', '=', organisationId)
    .where('used_at', 'is', null)
    .where(sql<string>`data->>'personId'`, '=', personId)
    .execute()
  await audit(
    trx,
    actor,
    {
      action: 'affiliation.removed',
      subjectType: 'person',
      subjectId: personId,
      organisationId,
      before: { functions: current },
    },
    env.clock,
  )
}

async function guardLastAdmin(
  trx: Trx,
  actor: Actor,
  organisationId: string,
  current: OrgFunction[],
  next: OrgFunction[],
) {
  if (!current.includes('admin') || next.includes('admin')) return
  // The cooperative's staff may leave an organisation without admin (e.g. while handing over); its members may not.
  if (can(actor, 'organisation.create')) return
  if ((await countAdmins(trx, organisationId)) <= 1) throw new DomainError('last_admin')
}

/** Accepting an invitation creates the account with the chosen password and signs the person in. */
export async function acceptInvitation(
  trx: Trx,
  input: { token: string; password: string; passwordConfirm: string },
  context: { ip: string | null; userAgent: string | null; lang: Language },
  env: ActionEnv,
): Promise<NewSession> {
  const now = env.clock.now()
  const row = await consumeToken(trx, input.token, 'invite', now)
  const personId = (row.data as { personId?: string }).personId
  if (!personId) throw new DomainError('token_invalid')
  if (await findAccountByEmail(trx, row.email)) throw new DomainError('email_taken')
  checkNewPassword(input.password, input.passwordConfirm, row.email, context.lang)
  const account = await trx
    .insertInto('account')
    .values({
      person_id: personId,
      email: row.email,
      email_verified_at: now,
      password_hash: await hashPassword(input.password),
      language: context.lang,
      created_at: now,
    })
    .returning(['id', 'email'])
    .executeTakeFirstOrThrow()
  const actor: Actor = {
    kind: 'account',
    accountId: account.id,
    personId,
    label: account.email,
    roles: new Set(),
    orgs: new Map(),
    scopes: null,
    language: context.lang,
  }
  await audit(
    trx,
    actor,
    {
      action: 'account.created',
      subjectType: 'account',
      subjectId: account.id,
      organisationId: row.organisation_id,
      after: { email: account.email, via: 'invitation' },
    },
    env.clock,
  )
  return startSession(
    trx,
    account.id,
    { pending: false, via: 'password', ip: context.ip, userAgent: context.userAgent },
    env,
  )
}

export async function invitationDetails(db: Executor, token: string, now: Date) {
  const row = await peekToken(db, token, 'invite', now)
  if (!row?.organisation_id) return null
  const organisation = await db
    .selectFrom('organisation')
    .select('name')
    .where('id', '=', row.organisation_id)
    .executeTakeFirst()
  return { email: row.email, organisation: organisation?.name ?? '' }
}
