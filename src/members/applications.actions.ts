import { sql } from 'kysely'
import type { Executor, Trx } from '../db/db.ts'
import type { ApplicationRow } from '../db/schema.ts'
import { joinAreaNames, questionnaireOfApplication } from '../needs/join-link.actions.ts'
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
import type { ApplicationInput } from './applications.schema.ts'
import { cooperativeInfo } from './cooperative.ts'
import { type RequestContext, storeDeclaration } from './declarations.ts'
import { declarationText, joiningQuote, publicApplicationLimit } from './joining.rules.ts'
import { memberMail } from './members.mails.ts'
import { authorizeMember } from './members.model.ts'
import { nextApplicationRef } from './members.repo.ts'

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

export function partyName(applicant: Applicant): string {
  return applicant.organisationName || `${applicant.givenName} ${applicant.familyName}`
}

export async function loadApplication(db: Executor, row: ApplicationRow): Promise<Application> {
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
  options: { actor?: Actor; organisationId?: string; questionnaireToken?: string } = {},
): Promise<{ application: Application; trackingToken: string }> {
  const now = env.clock.now()
  const today = todayIn(now)
  if (options.organisationId) {
    // an existing organisation applies through its own admin (or the board enters a paper declaration)
    if (!options.actor) throw new DomainError('unauthenticated')
    authorizeWithin(options.actor, 'organisation.update', options.organisationId)
    if (input.memberType === 'employee') throw fieldError('memberType', 'invalid_choice')
  }
  if (!options.actor) await checkPublicLimit(trx, input.email, context.ip, now)
  const areaNames = await joinAreaNames(trx, input.primaryAreas, context.lang)
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
    areaNames,
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
  await storeDeclaration(
    trx,
    {
      applicationId: row.id,
      text,
      statutesVersionId: statutes.id,
      signerName,
      signerEmail: input.email,
      signedAt: now,
    },
    context,
  )
  const journalActor = options.actor ?? anonymousApplicant(input.email)
  // the founders' view counts every organisation that applied: link its questionnaire or make one (src/needs)
  await questionnaireOfApplication(
    trx,
    journalActor,
    {
      applicationId: row.id,
      applicationRef: row.ref,
      input,
      trackingToken,
      questionnaireToken: options.questionnaireToken,
      organisationId: options.organisationId,
      lang: context.lang,
    },
    env,
  )
  const application = await loadApplication(trx, row)
  await audit(
    trx,
    journalActor,
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

/** Refuses a public declaration beyond `publicApplicationLimit` (counted on the stored declarations). */
async function checkPublicLimit(trx: Trx, email: string, ip: string | null, now: Date): Promise<void> {
  const since = new Date(now.getTime() - publicApplicationLimit.windowMinutes * 60_000)
  const count = async (column: 'ip_address' | 'signer_email', value: string) =>
    Number(
      (
        await trx
          .selectFrom('membership_declaration')
          .select(sql<number>`count(*)::int8`.as('n'))
          .where(column === 'signer_email' ? sql`lower(signer_email)` : sql.ref(column), '=', value)
          .where('signed_at', '>=', since)
          .executeTakeFirstOrThrow()
      ).n,
    )
  const tooMany =
    (ip !== null && (await count('ip_address', ip)) >= publicApplicationLimit.perAddress) ||
    (await count('signer_email', email.toLowerCase())) >= publicApplicationLimit.perEmail
  if (tooMany)
    throw new DomainError('rate_limited', 'public applications', [{ path: 'email', message: 'too_many_applications' }])
}

export function anonymousApplicant(email: string): Actor {
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
    const member = await db
      .selectFrom('member')
      .select(['organisation_id', 'person_id'])
      .where('id', '=', row.member_id)
      .executeTakeFirst()
    if (member) authorizeMember(actor, 'member.read', member)
  } else authorize(actor, 'application.read_all')
  return loadApplication(db, row)
}
