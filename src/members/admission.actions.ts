import { sql } from 'kysely'
import { authMail } from '../auth/auth.mails.ts'
import { issueToken } from '../auth/one-time-tokens.ts'
import { subscribeShares } from '../capital/ledger.actions.ts'
import type { Trx } from '../db/db.ts'
import type { ApplicationRow } from '../db/schema.ts'
import { invitePerson } from '../people/affiliations.actions.ts'
import type { Actor } from '../platform/actor.ts'
import { audit } from '../platform/audit.ts'
import type { ActionEnv } from '../platform/context.ts'
import { type PlainDate, todayIn } from '../platform/dates.ts'
import { DomainError } from '../platform/errors.ts'
import { formatDate, formatEuro, type Language } from '../platform/i18n.ts'
import { enqueueMail } from '../platform/mail.ts'
import { authorize } from '../platform/policy.ts'
import { statutesOn } from '../statutes/statutes.actions.ts'
import { type Applicant, type Application, loadApplication, partyName } from './applications.actions.ts'
import { cooperativeInfo } from './cooperative.ts'
import { memberMail } from './members.mails.ts'
import { type Member, toMember } from './members.model.ts'
import { findMember, lockMember, membershipsOf, nextMemberNumber } from './members.repo.ts'
import { overlapsExisting } from './membership.rules.ts'

async function lockApplication(trx: Trx, id: string): Promise<ApplicationRow> {
  const row = await trx
    .selectFrom('membership_application')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst()
  if (!row) throw new DomainError('not_found')
  if (row.status !== 'submitted') throw new DomainError('already_decided', row.status)
  return row
}

export type ApprovalResult =
  | { status: 'admitted'; application: Application; member: Member }
  | { status: 'awaiting_approval'; application: Application; approvals: number; required: number }

/**
 * A board member approves an application. When the statutes ask for two distinct board members, the first
 * approval only records itself; the last one admits: the member gets a number, enters the register with
 * the effective date (§30), the shares and the payments due are booked, the member is told at once (§15)
 * and the organisation's representative gets or links an account. The application row is locked, so two
 * board members admitting at once yield one member.
 */
export async function approveApplication(
  trx: Trx,
  actor: Actor,
  id: string,
  env: ActionEnv,
  options: { effectiveOn?: PlainDate } = {},
): Promise<ApprovalResult> {
  authorize(actor, 'application.decide')
  const row = await lockApplication(trx, id)
  const now = env.clock.now()
  const today = todayIn(now)
  const effectiveOn = options.effectiveOn ?? today
  const statutes = await statutesOn(trx, effectiveOn)
  // the command line (system actor) records a decision taken elsewhere: it counts as the whole board's
  const required = actor.accountId ? statutes.settings.admissionApprovals : 0
  let approvals = 0
  if (actor.accountId) {
    const already = await trx
      .selectFrom('application_approval')
      .select('account_id')
      .where('application_id', '=', id)
      .execute()
    if (already.some((a) => a.account_id === actor.accountId)) throw new DomainError('already_approved')
    await trx
      .insertInto('application_approval')
      .values({ application_id: id, account_id: actor.accountId, approved_at: now })
      .execute()
    approvals = already.length + 1
  }
  if (approvals < required) {
    await audit(
      trx,
      actor,
      {
        action: 'application.approved',
        subjectType: 'application',
        subjectId: id,
        after: { approvals, required },
      },
      env.clock,
    )
    return { status: 'awaiting_approval', application: await loadApplication(trx, row), approvals, required }
  }
  const member =
    row.kind === 'join'
      ? await admit(trx, actor, row, effectiveOn, env)
      : await admitShares(trx, actor, row, effectiveOn, env)
  const updated = await trx
    .updateTable('membership_application')
    .set({ status: 'admitted', member_id: member.id, decided_at: now, decided_by: actor.label })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow()
  return { status: 'admitted', application: await loadApplication(trx, updated), member }
}

async function admit(trx: Trx, actor: Actor, row: ApplicationRow, effectiveOn: PlainDate, env: ActionEnv) {
  const applicant = row.applicant as Applicant
  const now = env.clock.now()
  const cooperative = await cooperativeInfo(trx)
  let organisationId: string | null = null
  let personId: string | null = null
  if (applicant.organisationId) {
    organisationId = applicant.organisationId
    await lockOrganisationRow(trx, organisationId)
  } else if (applicant.organisationName) {
    organisationId = await organisationFor(trx, applicant, now)
    await lockOrganisationRow(trx, organisationId)
  } else {
    personId = await personFor(trx, applicant, now)
  }
  const previous = await membershipsOf(trx, { organisationId, personId }, effectiveOn)
  if (
    overlapsExisting(
      previous.map((m) => ({ joinedOn: m.joined_on, exitOn: m.exit_on })),
      effectiveOn,
    )
  )
    throw new DomainError('membership_overlap')
  const number = await nextMemberNumber(trx)
  const inserted = await trx
    .insertInto('member')
    .values({
      number,
      member_type: row.member_type,
      organisation_id: organisationId,
      person_id: personId,
      joined_on: effectiveOn,
      application_id: row.id,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const statutes = await statutesOn(trx, effectiveOn)
  const booking = await subscribeShares(
    trx,
    actor,
    {
      memberId: inserted.id,
      shares: row.mandatory_shares + row.voluntary_shares,
      effectiveOn,
      applicationId: row.id,
      note: row.ref,
    },
    statutes.settings,
    env,
  )
  const memberRow = await findMember(trx, inserted.id, todayIn(now))
  if (!memberRow) throw new DomainError('not_found')
  const member = toMember(memberRow, todayIn(now))
  await audit(
    trx,
    actor,
    {
      action: 'member.admitted',
      subjectType: 'member',
      subjectId: member.id,
      organisationId,
      after: {
        number,
        memberType: row.member_type,
        joinedOn: effectiveOn,
        shares: row.mandatory_shares + row.voluntary_shares,
        application: row.ref,
      },
    },
    env.clock,
  )
  // the representative's account: linked if the address already has one, invited otherwise
  if (organisationId) {
    await invitePerson(
      trx,
      actor,
      organisationId,
      {
        email: applicant.email,
        givenName: applicant.givenName,
        familyName: applicant.familyName,
        functions: ['admin', 'legal_representative'],
      },
      env,
    )
  } else if (personId) {
    await inviteMemberPerson(trx, personId, applicant.email, row.language, cooperative.name, env)
  }
  const first = booking.schedule[0]
  await enqueueMail(
    trx,
    memberMail('admitted', row.language, applicant.email, {
      name: `${applicant.givenName} ${applicant.familyName}`,
      party: member.name,
      number,
      cooperative: cooperative.name,
      date: formatDate(effectiveOn, row.language),
      shares: String(row.mandatory_shares + row.voluntary_shares),
      amount: formatEuro(booking.amountCents, row.language),
      firstPayment: formatEuro(first?.amountCents ?? 0, row.language),
      firstDue: formatDate(first?.dueOn ?? effectiveOn, row.language),
      link: `${env.config.baseUrl}/membership`,
    }),
  )
  return member
}

async function admitShares(trx: Trx, actor: Actor, row: ApplicationRow, effectiveOn: PlainDate, env: ActionEnv) {
  if (!row.member_id) throw new DomainError('not_found')
  const locked = await lockMember(trx, row.member_id)
  if (!locked || locked.exit_on) throw new DomainError('member_not_active')
  const statutes = await statutesOn(trx, effectiveOn)
  const shares = row.mandatory_shares + row.voluntary_shares
  const booking = await subscribeShares(
    trx,
    actor,
    { memberId: locked.id, shares, effectiveOn, applicationId: row.id, note: row.ref },
    statutes.settings,
    env,
  )
  const memberRow = await findMember(trx, locked.id, todayIn(env.clock.now()))
  if (!memberRow) throw new DomainError('not_found')
  const member = toMember(memberRow, todayIn(env.clock.now()))
  const applicant = row.applicant as Applicant
  await enqueueMail(
    trx,
    memberMail('extra_admitted', row.language, applicant.email, {
      name: `${applicant.givenName} ${applicant.familyName}`,
      party: member.name,
      number: member.number,
      shares: String(shares),
      date: formatDate(effectiveOn, row.language),
      amount: formatEuro(booking.amountCents, row.language),
      link: `${env.config.baseUrl}/membership`,
    }),
  )
  return member
}

async function lockOrganisationRow(trx: Trx, id: string) {
  await trx.selectFrom('organisation').select('id').where('id', '=', id).forUpdate().executeTakeFirst()
}

/** The organisation for an admitted application: created from the applicant's data. */
async function organisationFor(trx: Trx, applicant: Applicant, now: Date): Promise<string> {
  const { rows } = await sql<{ n: number }>`SELECT nextval('organisation_ref_seq') AS n`.execute(trx)
  const org = await trx
    .insertInto('organisation')
    .values({
      ref: `O-${String(rows[0]?.n).padStart(5, '0')}`,
      name: applicant.organisationName ?? '',
      legal_form: (applicant.legalForm ?? 'other') as 'other',
      street: applicant.street,
      postal_code: applicant.postalCode,
      city: applicant.city,
      country: applicant.country,
      email: applicant.organisationEmail,
      phone: applicant.phone,
      vat_id: applicant.vatId,
      iban: applicant.iban,
      employees: applicant.employees,
      volunteers: applicant.volunteers,
      annual_budget_cents: applicant.annualBudgetCents,
      created_at: now,
      updated_at: now,
      website: null,
      leitweg_id: null,
      archived_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return org.id
}

/** A person member: the person behind an existing account with that address, or a new person. */
async function personFor(trx: Trx, applicant: Applicant, now: Date): Promise<string> {
  const account = await trx
    .selectFrom('account')
    .select('person_id')
    .where(sql`lower(email)`, '=', applicant.email.toLowerCase())
    .executeTakeFirst()
  if (account) {
    // the register needs an address (§30 GenG): an existing person without one takes the declaration's
    await trx
      .updateTable('person')
      .set({
        street: applicant.street,
        postal_code: applicant.postalCode,
        city: applicant.city,
        country: applicant.country,
        updated_at: now,
      })
      .where('id', '=', account.person_id)
      .where('street', '=', '')
      .execute()
    return account.person_id
  }
  const person = await trx
    .insertInto('person')
    .values({
      given_name: applicant.givenName,
      family_name: applicant.familyName,
      email: applicant.email,
      phone: applicant.phone,
      street: applicant.street,
      postal_code: applicant.postalCode,
      city: applicant.city,
      country: applicant.country,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return person.id
}

async function inviteMemberPerson(
  trx: Trx,
  personId: string,
  email: string,
  lang: Language,
  cooperative: string,
  env: ActionEnv,
) {
  const account = await trx.selectFrom('account').select('id').where('person_id', '=', personId).executeTakeFirst()
  if (account) return
  const token = await issueToken(trx, 'invite', { email, data: { personId } }, env.clock.now())
  const person = await trx
    .selectFrom('person')
    .select(['given_name', 'family_name'])
    .where('id', '=', personId)
    .executeTakeFirstOrThrow()
  await enqueueMail(
    trx,
    authMail('invite', lang, email, {
      name: `${person.given_name} ${person.family_name}`,
      inviter: cooperative,
      organisation: cooperative,
      cooperative,
      link: `${env.config.baseUrl}/invite?token=${token}`,
    }),
  )
}

/** The board rejects an application with a reason, which is mailed to the applicant. */
export async function rejectApplication(
  trx: Trx,
  actor: Actor,
  id: string,
  reason: string,
  env: ActionEnv,
): Promise<Application> {
  authorize(actor, 'application.decide')
  const row = await lockApplication(trx, id)
  const updated = await trx
    .updateTable('membership_application')
    .set({ status: 'rejected', rejection_reason: reason, decided_at: env.clock.now(), decided_by: actor.label })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow()
  const applicant = row.applicant as Applicant
  await audit(
    trx,
    actor,
    {
      action: 'application.rejected',
      subjectType: 'application',
      subjectId: id,
      before: { status: row.status },
      after: { status: 'rejected' },
      reason,
    },
    env.clock,
  )
  await enqueueMail(
    trx,
    memberMail('rejected', row.language, applicant.email, {
      name: `${applicant.givenName} ${applicant.familyName}`,
      ref: row.ref,
      party: partyName(applicant),
      reason,
    }),
  )
  return loadApplication(trx, updated)
}
