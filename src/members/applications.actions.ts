import { sql } from 'kysely'
import { authMail } from '../auth/auth.mails.ts'
import { issueToken } from '../auth/one-time-tokens.ts'
import { ledgerSummary, subscribeShares } from '../capital/ledger.actions.ts'
import type { Executor, Trx } from '../db/db.ts'
import type { ApplicationRow } from '../db/schema.ts'
import { invitePerson } from '../people/affiliations.actions.ts'
import type { Actor } from '../platform/actor.ts'
import { audit } from '../platform/audit.ts'
import type { ActionEnv } from '../platform/context.ts'
import { randomToken, sha256 } from '../platform/crypto.ts'
import { type PlainDate, todayIn } from '../platform/dates.ts'
import { DomainError, fieldError } from '../platform/errors.ts'
import { formatDate, formatEuro, type Language } from '../platform/i18n.ts'
import { enqueueMail } from '../platform/mail.ts'
import { authorize, authorizeWithin } from '../platform/policy.ts'
import { statutesOn } from '../statutes/statutes.actions.ts'
import { mandatoryShares } from '../statutes/statutes.rules.ts'
import type { ApplicationInput } from './applications.schema.ts'
import { cooperativeInfo } from './cooperative.ts'
import { declarationText, joiningQuote } from './joining.rules.ts'
import { memberMail } from './members.mails.ts'
import { authorizeMember, type Member, toMember } from './members.model.ts'
import { findMember, lockMember, membershipsOf, nextApplicationRef, nextMemberNumber } from './members.repo.ts'
import { overlapsExisting } from './membership.rules.ts'

/** What the applicant entered, kept with the application (the declaration keeps the text they agreed to). */
export interface Applicant {
  organisationName: string | null
  legalForm: string | null
  organisationEmail: string | null
  vatId: string | null
  iban: string | null
  employees: number
  volunteers: number
  annualBudgetCents: number
  givenName: string
  familyName: string
  email: string
  phone: string | null
  street: string
  postalCode: string
  city: string
  country: string
  /** For a declaration of further shares: the member it concerns. */
  memberNumber?: string
  /** An organisation already known to the cooperative (its admin applied while signed in). */
  organisationId?: string
}

export interface Application {
  id: string
  ref: string
  kind: 'join' | 'extra_shares'
  memberType: ApplicationRow['member_type']
  status: ApplicationRow['status']
  applicant: Applicant
  partyName: string
  questionnaire: Record<string, unknown>
  primaryAreas: string[]
  mandatoryShares: number
  voluntaryShares: number
  totalShares: number
  statutesVersionId: string
  memberId: string | null
  submittedAt: string
  decidedAt: string | null
  decidedBy: string | null
  rejectionReason: string | null
  language: Language
  approvals: Array<{ accountId: string; label: string; approvedAt: string }>
  declaration: {
    id: string
    text: string
    signerName: string
    signerEmail: string
    signedAt: string
    ipAddress: string | null
    userAgent: string | null
    contentHash: string
    statutesValidFrom: PlainDate
  } | null
}

function partyName(applicant: Applicant): string {
  return applicant.organisationName || `${applicant.givenName} ${applicant.familyName}`
}

async function loadApplication(db: Executor, row: ApplicationRow): Promise<Application> {
  const [declaration, approvals] = await Promise.all([
    db
      .selectFrom('membership_declaration as d')
      .innerJoin('statutes_version as s', 's.id', 'd.statutes_version_id')
      .selectAll('d')
      .select('s.valid_from')
      .where('d.application_id', '=', row.id)
      .executeTakeFirst(),
    db
      .selectFrom('application_approval as a')
      .innerJoin('account as acc', 'acc.id', 'a.account_id')
      .select(['a.account_id', 'a.approved_at', 'acc.email'])
      .where('a.application_id', '=', row.id)
      .orderBy('a.approved_at')
      .execute(),
  ])
  const applicant = row.applicant as Applicant
  return {
    id: row.id,
    ref: row.ref,
    kind: row.kind,
    memberType: row.member_type,
    status: row.status,
    applicant,
    partyName: partyName(applicant),
    questionnaire: row.questionnaire as Record<string, unknown>,
    primaryAreas: row.primary_areas,
    mandatoryShares: row.mandatory_shares,
    voluntaryShares: row.voluntary_shares,
    totalShares: row.mandatory_shares + row.voluntary_shares,
    statutesVersionId: row.statutes_version_id,
    memberId: row.member_id,
    submittedAt: new Date(row.submitted_at).toISOString(),
    decidedAt: row.decided_at ? new Date(row.decided_at).toISOString() : null,
    decidedBy: row.decided_by,
    rejectionReason: row.rejection_reason,
    language: row.language,
    approvals: approvals.map((a) => ({
      accountId: a.account_id,
      label: a.email,
      approvedAt: new Date(a.approved_at).toISOString(),
    })),
    declaration: declaration
      ? {
          id: declaration.id,
          text: declaration.text,
          signerName: declaration.signer_name,
          signerEmail: declaration.signer_email,
          signedAt: new Date(declaration.signed_at).toISOString(),
          ipAddress: declaration.ip_address,
          userAgent: declaration.user_agent,
          contentHash: declaration.content_hash,
          statutesValidFrom: declaration.valid_from,
        }
      : null,
  }
}

export interface RequestContext {
  ip: string | null
  userAgent: string | null
  lang: Language
}

/** The hash that seals a declaration: its text, who signed when and under which statutes. */
function declarationHash(parts: { text: string; signerEmail: string; signedAt: Date; statutesVersionId: string }) {
  return sha256([parts.text, parts.signerEmail, parts.signedAt.toISOString(), parts.statutesVersionId].join('\n'))
}

/**
 * The public "Mitglied werden" flow: stores the application and the declaration in text form exactly as
 * agreed to (timestamp, address, text, statutes version; §15 GenG, §126b BGB), mails a confirmation and
 * returns the secret tracking link token. Anyone may apply; the board decides.
 */
export async function submitApplication(
  trx: Trx,
  input: ApplicationInput,
  context: RequestContext,
  env: ActionEnv,
  options: { actor?: Actor; organisationId?: string } = {},
): Promise<{ application: Application; trackingToken: string }> {
  const now = env.clock.now()
  const today = todayIn(now)
  if (options.organisationId) {
    // an existing organisation applies through its own admin (or the board enters a paper declaration)
    if (!options.actor) throw new DomainError('unauthenticated')
    authorizeWithin(options.actor, 'organisation.update', options.organisationId)
    if (input.memberType === 'employee') throw fieldError('memberType', 'invalid_choice')
  }
  const statutes = await statutesOn(trx, today)
  const quote = joiningQuote(statutes.settings, input, today)
  if (quote.overMaximum) throw fieldError('voluntaryShares', 'shares_above_maximum')
  const cooperative = await cooperativeInfo(trx)
  const applicant: Applicant = {
    organisationName: input.organisationName || null,
    legalForm: input.organisationName ? input.legalForm : null,
    organisationEmail: input.organisationEmail,
    vatId: input.vatId,
    iban: input.iban,
    employees: input.employees,
    volunteers: input.volunteers,
    annualBudgetCents: input.annualBudgetCents,
    givenName: input.givenName,
    familyName: input.familyName,
    email: input.email,
    phone: input.phone,
    street: input.street,
    postalCode: input.postalCode,
    city: input.city,
    country: input.country,
    ...(options.organisationId ? { organisationId: options.organisationId } : {}),
  }
  const party = partyName(applicant)
  const address = `${input.street}, ${input.postalCode} ${input.city}`
  const signerName = `${input.givenName} ${input.familyName}`
  const text = declarationText(
    context.lang,
    { party, address, cooperative: cooperative.name, signerName, signerEmail: input.email },
    quote,
    input.primaryAreas,
    statutes.validFrom,
  )
  const trackingToken = randomToken()
  const row = await trx
    .insertInto('membership_application')
    .values({
      ref: await nextApplicationRef(trx, Number(today.slice(0, 4))),
      kind: 'join',
      member_type: input.memberType,
      applicant: JSON.stringify(applicant),
      questionnaire: JSON.stringify({
        devices: input.devices,
        toolsToday: input.toolsToday,
        painPoints: input.painPoints,
        stage: input.stage,
        volunteers: input.volunteers,
      }),
      primary_areas: input.primaryAreas,
      mandatory_shares: quote.mandatoryShares,
      voluntary_shares: quote.voluntaryShares,
      statutes_version_id: statutes.id,
      tracking_token_hash: sha256(trackingToken),
      language: context.lang,
      submitted_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  await trx
    .insertInto('membership_declaration')
    .values({
      application_id: row.id,
      text,
      statutes_version_id: statutes.id,
      signer_name: signerName,
      signer_email: input.email,
      signed_at: now,
      ip_address: context.ip,
      user_agent: context.userAgent?.slice(0, 500) ?? null,
      content_hash: declarationHash({ text, signerEmail: input.email, signedAt: now, statutesVersionId: statutes.id }),
    })
    .execute()
  const application = await loadApplication(trx, row)
  await audit(
    trx,
    options.actor ?? anonymousApplicant(input.email),
    {
      action: 'application.submitted',
      subjectType: 'application',
      subjectId: row.id,
      after: { ref: row.ref, memberType: row.member_type, party, shares: quote.totalShares },
    },
    env.clock,
  )
  await enqueueMail(
    trx,
    memberMail('received', context.lang, input.email, {
      name: signerName,
      ref: row.ref,
      party,
      cooperative: cooperative.name,
      date: formatDate(today, context.lang),
      shares: String(quote.totalShares),
      shareValue: formatEuro(quote.shareValueCents, context.lang),
      amount: formatEuro(quote.amountCents, context.lang),
      link: `${env.config.baseUrl}/join/status/${trackingToken}`,
    }),
  )
  return { application, trackingToken }
}

function anonymousApplicant(email: string): Actor {
  return {
    kind: 'anonymous',
    accountId: null,
    personId: null,
    label: `applicant:${email}`,
    roles: new Set(),
    orgs: new Map(),
    scopes: null,
    language: 'de',
  }
}

/** The applicant's view through the secret link in the confirmation mail. */
export async function applicationByToken(db: Executor, token: string): Promise<Application> {
  const row = await db
    .selectFrom('membership_application')
    .selectAll()
    .where('tracking_token_hash', '=', sha256(token))
    .executeTakeFirst()
  if (!row) throw new DomainError('not_found')
  return loadApplication(db, row)
}

/** The applicant withdraws a declaration the board has not decided yet. */
export async function withdrawApplication(trx: Trx, token: string, env: ActionEnv): Promise<Application> {
  const row = await trx
    .selectFrom('membership_application')
    .selectAll()
    .where('tracking_token_hash', '=', sha256(token))
    .forUpdate()
    .executeTakeFirst()
  if (!row) throw new DomainError('not_found')
  if (row.status !== 'submitted') throw new DomainError('already_decided')
  const updated = await trx
    .updateTable('membership_application')
    .set({ status: 'withdrawn', decided_at: env.clock.now(), decided_by: 'applicant' })
    .where('id', '=', row.id)
    .returningAll()
    .executeTakeFirstOrThrow()
  await audit(
    trx,
    anonymousApplicant((row.applicant as Applicant).email),
    {
      action: 'application.withdrawn',
      subjectType: 'application',
      subjectId: row.id,
      before: { status: row.status },
      after: { status: 'withdrawn' },
    },
    env.clock,
  )
  return loadApplication(trx, updated)
}

/** The board's queue: applications by status, oldest first. */
export async function listApplications(
  db: Executor,
  actor: Actor,
  options: { status?: ApplicationRow['status']; page: number; pageSize: number },
): Promise<{ items: Application[]; total: number }> {
  authorize(actor, 'application.read_all')
  let query = db.selectFrom('membership_application')
  if (options.status) query = query.where('status', '=', options.status)
  const [rows, total] = await Promise.all([
    query
      .selectAll()
      .orderBy('submitted_at')
      .orderBy('ref')
      .limit(options.pageSize)
      .offset((options.page - 1) * options.pageSize)
      .execute(),
    query.select(sql<number>`count(*)::int8`.as('n')).executeTakeFirstOrThrow(),
  ])
  return { items: await Promise.all(rows.map((r) => loadApplication(db, r))), total: Number(total.n) }
}

export async function getApplication(db: Executor, actor: Actor, id: string): Promise<Application> {
  const row = await db.selectFrom('membership_application').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row) throw new DomainError('not_found')
  if (row.member_id && row.kind === 'extra_shares') {
    const member = await findMember(db, row.member_id)
    if (member) authorizeMember(actor, 'member.read', member)
  } else authorize(actor, 'application.read_all')
  return loadApplication(db, row)
}

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
  const previous = await membershipsOf(trx, { organisationId, personId })
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
      primary_areas: row.primary_areas,
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
  const memberRow = await findMember(trx, inserted.id)
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
  const memberRow = await findMember(trx, locked.id)
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
  if (account) return account.person_id
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

/**
 * A member declares further shares (§15b GenG): allowed only once all earlier shares but the last are fully
 * paid, and within the statutes' maximum. The board then admits them like a membership.
 */
export async function declareExtraShares(
  trx: Trx,
  actor: Actor,
  memberId: string,
  shares: number,
  context: RequestContext,
  env: ActionEnv,
): Promise<{ application: Application; trackingToken: string }> {
  const memberRow = await findMember(trx, memberId)
  if (!memberRow) throw new DomainError('not_found')
  authorizeMember(actor, 'member.request_shares', memberRow)
  await lockMember(trx, memberId)
  const now = env.clock.now()
  const today = todayIn(now)
  const member = toMember(memberRow, today)
  if (member.status !== 'active') throw new DomainError('member_not_active')
  const statutes = await statutesOn(trx, today)
  const summary = await ledgerSummary(trx, memberId, today)
  const pending = await trx
    .selectFrom('membership_application')
    .select(sql<number>`coalesce(sum(mandatory_shares + voluntary_shares), 0)::int8`.as('n'))
    .where('member_id', '=', memberId)
    .where('status', '=', 'submitted')
    .executeTakeFirstOrThrow()
  if (summary.sharesTotal + Number(pending.n) + shares > statutes.settings.maximumShares)
    throw fieldError('shares', 'shares_above_maximum')
  // §15b (2) GenG: every share but the last one subscribed must be fully paid before a further one
  if (summary.unpaidCommitmentCents > statutes.settings.shareValueCents)
    throw fieldError('shares', 'earlier_shares_unpaid')
  const signer = await signerOf(trx, actor)
  const applicant: Applicant = {
    organisationName: member.organisationId ? member.name : null,
    legalForm: null,
    organisationEmail: null,
    vatId: null,
    iban: null,
    employees: member.employees,
    volunteers: 0,
    annualBudgetCents: member.annualBudgetCents,
    givenName: signer.givenName,
    familyName: signer.familyName,
    email: signer.email,
    phone: null,
    street: '',
    postalCode: '',
    city: '',
    country: 'DE',
    memberNumber: member.number,
  }
  const mandatoryNow = mandatoryShares(statutes.settings, {
    memberType: member.memberType,
    employees: member.employees,
    annualBudgetCents: member.annualBudgetCents,
    primaryAreas: member.primaryAreas.length,
  })
  const cooperative = await cooperativeInfo(trx)
  const signerName = `${signer.givenName} ${signer.familyName}`
  const text = extraSharesText(context.lang, {
    cooperative: cooperative.name,
    party: member.name,
    number: member.number,
    shares,
    value: formatEuro(statutes.settings.shareValueCents, context.lang),
    total: formatEuro(shares * statutes.settings.shareValueCents, context.lang),
    statutes: formatDate(statutes.validFrom, context.lang),
    signer: `${signerName} <${signer.email}>`,
  })
  const trackingToken = randomToken()
  const mandatoryPart = Math.max(0, Math.min(shares, mandatoryNow - summary.sharesTotal))
  const row = await trx
    .insertInto('membership_application')
    .values({
      ref: await nextApplicationRef(trx, Number(today.slice(0, 4))),
      kind: 'extra_shares',
      member_type: member.memberType,
      applicant: JSON.stringify(applicant),
      mandatory_shares: mandatoryPart,
      voluntary_shares: shares - mandatoryPart,
      statutes_version_id: statutes.id,
      member_id: memberId,
      tracking_token_hash: sha256(trackingToken),
      language: context.lang,
      submitted_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  await trx
    .insertInto('membership_declaration')
    .values({
      application_id: row.id,
      text,
      statutes_version_id: statutes.id,
      signer_name: signerName,
      signer_email: signer.email,
      signed_at: now,
      ip_address: context.ip,
      user_agent: context.userAgent?.slice(0, 500) ?? null,
      content_hash: declarationHash({ text, signerEmail: signer.email, signedAt: now, statutesVersionId: statutes.id }),
    })
    .execute()
  await audit(
    trx,
    actor,
    {
      action: 'application.extra_shares_declared',
      subjectType: 'member',
      subjectId: memberId,
      organisationId: member.organisationId,
      after: { ref: row.ref, shares },
    },
    env.clock,
  )
  await enqueueMail(
    trx,
    memberMail('extra_received', context.lang, signer.email, {
      name: signerName,
      ref: row.ref,
      shares: String(shares),
      number: member.number,
      party: member.name,
      cooperative: cooperative.name,
      link: `${env.config.baseUrl}/join/status/${trackingToken}`,
    }),
  )
  return { application: await loadApplication(trx, row), trackingToken }
}

async function signerOf(db: Executor, actor: Actor) {
  if (!actor.personId) throw new DomainError('forbidden', 'a declaration needs a person')
  const row = await db
    .selectFrom('person as p')
    .leftJoin('account as a', 'a.person_id', 'p.id')
    .select(['p.given_name', 'p.family_name', 'p.email', 'a.email as account_email'])
    .where('p.id', '=', actor.personId)
    .executeTakeFirstOrThrow()
  return {
    givenName: row.given_name,
    familyName: row.family_name,
    email: row.account_email ?? row.email ?? actor.label,
  }
}

function extraSharesText(lang: Language, p: Record<string, string | number>): string {
  return lang === 'de'
    ? `Erklärung über die Beteiligung mit weiteren Geschäftsanteilen (§ 15b GenG) – ${p.cooperative}\n\n` +
        `${p.party} (Mitglied ${p.number}) übernimmt ${p.shares} weitere Geschäftsanteile zu je ${p.value}, zusammen ${p.total}, ` +
        `nach der Satzung in der Fassung vom ${p.statutes}, und verpflichtet sich zu den Einzahlungen darauf (§ 15b, § 7 GenG).\n\n` +
        `Erklärt in Textform von ${p.signer}.`
    : `Declaration of further shares (§15b GenG) – ${p.cooperative}\n\n` +
        `${p.party} (member ${p.number}) subscribes ${p.shares} further shares of ${p.value} each, ${p.total} in total, ` +
        `under the statutes as of ${p.statutes}, and undertakes to make the payments on them (§15b, §7 GenG).\n\n` +
        `Declared in text form by ${p.signer}.`
}
