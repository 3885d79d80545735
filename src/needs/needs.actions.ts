import { pick } from '../catalog/catalog.model.ts'
import type { Executor, Trx } from '../db/db.ts'
import { cooperativeInfo } from '../members/cooperative.ts'
import { type Actor, anonymous } from '../platform/actor.ts'
import { audit } from '../platform/audit.ts'
import type { ActionEnv } from '../platform/context.ts'
import { randomToken, sha256 } from '../platform/crypto.ts'
import { todayIn } from '../platform/dates.ts'
import { DomainError, fieldError } from '../platform/errors.ts'
import { formatDate, formatEuro, type Language } from '../platform/i18n.ts'
import { enqueueMail } from '../platform/mail.ts'
import { authorizeWithin } from '../platform/policy.ts'
import { type QuoteBasis, quoteBasisOn } from './needs.catalog.ts'
import { needsMailLine, questionnaireMail } from './needs.mails.ts'
import { type Questionnaire, type QuestionnaireFigures, type StoredQuote, toQuestionnaire } from './needs.model.ts'
import {
  findQuestionnaireByTokenHash,
  insertQuestionnaire,
  lockQuestionnaireByTokenHash,
  nextQuestionnaireRef,
  recentSubmissions,
  updateQuestionnaire,
} from './needs.repo.ts'
import { storedQuoteOf } from './needs.rules.ts'
import type { QuestionnaireInput } from './needs.schema.ts'

/**
 * The public needs questionnaire (Bedarfsfragebogen): how the founders collect needs and commitments for the
 * business plan, and how an organisation gets its quote. Submitting stores the answers with the quote as computed;
 * the contact's link is the only key to it, and the contact can erase the personal details at any time.
 */

/**
 * The public form takes questionnaires from anyone: at most this many within an hour from one client address or
 * for one email address (as the join form's `publicApplicationLimit`), so a script cannot fill the founders' view
 * or send mails to strangers in bulk.
 */
export const publicQuestionnaireLimit = { perAddress: 5, perEmail: 3, windowMinutes: 60 }

/** Who a questionnaire's own entries are journaled as: its reference, never the contact's name or address. */
export function contactActor(ref: string): Actor {
  return { ...anonymous, label: `contact:${ref}` }
}

export function figuresOf(input: QuestionnaireFigures): QuestionnaireFigures {
  return {
    employees: input.employees,
    volunteers: input.volunteers,
    annualBudgetCents: input.annualBudgetCents,
    devices: input.devices,
    toolsToday: input.toolsToday,
    wantedAreas: input.wantedAreas,
    consultingHours: input.consultingHours,
    trainingHours: input.trainingHours,
  }
}

/** Wanted areas must be in the catalog and not discontinued (planned ones are fine: before founding all are). */
export function checkWantedAreas(basis: QuoteBasis, wanted: string[], path: string): void {
  const known = new Set(basis.choices.map((c) => c.key))
  const unknown = wanted.findIndex((key) => !known.has(key))
  if (unknown >= 0) throw fieldError(path, 'area_unknown')
}

async function checkPublicLimit(trx: Trx, email: string, address: string | null, now: Date): Promise<void> {
  const since = new Date(now.getTime() - publicQuestionnaireLimit.windowMinutes * 60_000)
  const recent = await recentSubmissions(trx, since, { address, email })
  if (recent.fromAddress >= publicQuestionnaireLimit.perAddress || recent.forEmail >= publicQuestionnaireLimit.perEmail)
    throw new DomainError('rate_limited', 'public questionnaires', [
      { path: 'contactEmail', message: 'too_many_questionnaires' },
    ])
}

/** The mail's summary of a quote, line by line. */
export function quoteLines(stored: StoredQuote, lang: Language): string {
  const q = stored.quote
  const lines = [
    needsMailLine(lang, 'received_line_monthly', {
      amount: formatEuro(q.monthlyNetCents, lang),
      gross: formatEuro(q.monthlyGrossCents, lang),
    }),
  ]
  if (q.unpricedAreas.length > 0)
    lines.push(
      needsMailLine(lang, 'received_line_unpriced', {
        areas: q.unpricedAreas.map((k) => (stored.names.areas[k] ? pick(stored.names.areas[k], lang) : k)).join(', '),
      }),
    )
  lines.push(
    needsMailLine(lang, 'received_line_shares', {
      mandatory: q.shares.mandatory,
      mandatoryAmount: formatEuro(q.shares.mandatoryCents, lang),
      suggested: q.shares.suggested,
      suggestedAmount: formatEuro(q.shares.suggestedCents, lang),
    }),
  )
  return lines.map((l) => `– ${l}`).join('\n')
}

export interface SubmitOptions {
  /** The client address of the request (the hourly limit); null when unknown. */
  ip: string | null
  lang: Language
  /** An organisation known to the cooperative, filled in by its admin (or by the board or staff for it). */
  organisationId?: string
  /** The day's quote basis when the caller already read it (seeding many at once); read here otherwise. */
  basis?: QuoteBasis
}

/**
 * Submits a questionnaire: refuses unknown or discontinued areas (and, for the public, more than the hourly limit),
 * computes the quote with today's catalog, statutes and capital months and stores it with the versions it used,
 * journals the submission and mails the contact the link to the quote. Returns the secret token of that link
 * (only its sha256 is stored).
 */
export async function submitQuestionnaire(
  trx: Trx,
  actor: Actor,
  input: QuestionnaireInput,
  env: ActionEnv,
  options: SubmitOptions,
): Promise<{ questionnaire: Questionnaire; token: string }> {
  const now = env.clock.now()
  const today = todayIn(now)
  if (options.organisationId) authorizeWithin(actor, 'organisation.update', options.organisationId)
  const isPublic = actor.kind === 'anonymous'
  if (isPublic) await checkPublicLimit(trx, input.contactEmail, options.ip, now)
  const basis = options.basis?.day === today ? options.basis : await quoteBasisOn(trx, today)
  checkWantedAreas(basis, input.wantedAreas, 'wantedAreas')
  const figures = figuresOf(input)
  const stored = storedQuoteOf(figures, basis)
  const token = randomToken()
  const ref = await nextQuestionnaireRef(trx, Number(today.slice(0, 4)))
  const row = await insertQuestionnaire(trx, {
    ref,
    token_hash: sha256(token),
    organisation_id: options.organisationId ?? null,
    account_id: actor.kind === 'account' ? actor.accountId : null,
    organisation_name: input.organisationName,
    legal_form: input.legalForm,
    city: input.city,
    contact_name: input.contactName,
    contact_email: input.contactEmail,
    contact_phone: input.contactPhone,
    employees: figures.employees,
    volunteers: figures.volunteers,
    annual_budget_cents: figures.annualBudgetCents,
    devices: figures.devices,
    tools_today: figures.toolsToday,
    pain_points: input.painPoints,
    wanted_areas: figures.wantedAreas,
    consulting_hours: figures.consultingHours,
    training_hours: figures.trainingHours,
    stage: input.stage,
    language: options.lang,
    consent_contact_at: now,
    quote: JSON.stringify(stored),
    submitted_at: now,
    updated_at: now,
    client_address: isPublic ? options.ip : null,
  })
  await audit(
    trx,
    isPublic ? contactActor(ref) : actor,
    {
      action: 'questionnaire.submitted',
      subjectType: 'questionnaire',
      subjectId: row.id,
      organisationId: row.organisation_id,
      after: {
        ref,
        stage: input.stage,
        wantedAreas: figures.wantedAreas,
        monthlyNetCents: stored.quote.monthlyNetCents,
        mandatoryShares: stored.quote.shares.mandatory,
        suggestedShares: stored.quote.shares.suggested,
        statutesVersionId: stored.statutesVersionId,
        priceVersionIds: stored.priceVersions.map((v) => v.versionId),
      },
    },
    env.clock,
  )
  const cooperative = await cooperativeInfo(trx)
  await enqueueMail(
    trx,
    questionnaireMail(options.lang, input.contactEmail, {
      name: input.contactName,
      ref,
      organisation: input.organisationName,
      cooperative: cooperative.name,
      date: formatDate(today, options.lang),
      lines: quoteLines(stored, options.lang),
      link: `${env.config.baseUrl}/needs/${token}`,
    }),
  )
  return { questionnaire: toQuestionnaire(row), token }
}

/** The contact's view through the secret link. */
export async function questionnaireByToken(db: Executor, token: string): Promise<Questionnaire> {
  const row = await findQuestionnaireByTokenHash(db, sha256(token))
  if (!row) throw new DomainError('not_found')
  return toQuestionnaire(row)
}

/**
 * The contact withdraws consent (GDPR Art. 7 (3)) and has the personal details erased (Art. 17): names, email,
 * phone, city, pain points, the client address and the links to accounts, organisations and applications go;
 * the figures stay, anonymously, for the founders' aggregate. Erasing twice changes nothing more.
 */
export async function eraseQuestionnaire(trx: Trx, token: string, env: ActionEnv): Promise<Questionnaire> {
  const row = await lockQuestionnaireByTokenHash(trx, sha256(token))
  if (!row) throw new DomainError('not_found')
  if (row.erased_at) return toQuestionnaire(row)
  const now = env.clock.now()
  const updated = await updateQuestionnaire(trx, row.id, {
    organisation_name: '',
    contact_name: '',
    contact_email: '',
    contact_phone: null,
    city: '',
    pain_points: '',
    client_address: null,
    account_id: null,
    organisation_id: null,
    application_id: null,
    follow_up_on: null,
    erased_at: now,
    updated_at: now,
  })
  await audit(
    trx,
    contactActor(row.ref),
    {
      action: 'questionnaire.erased',
      subjectType: 'questionnaire',
      subjectId: row.id,
      before: { erased: false, linkedToApplication: row.application_id !== null },
      after: { erased: true },
      reason: 'consent withdrawn (GDPR Art. 7 (3), Art. 17)',
    },
    env.clock,
  )
  return toQuestionnaire(updated)
}
