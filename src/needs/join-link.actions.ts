import { pick } from '../catalog/catalog.model.ts'
import type { Executor, Trx } from '../db/db.ts'
import type { ApplicationInput } from '../members/applications.schema.ts'
import type { Actor } from '../platform/actor.ts'
import { audit } from '../platform/audit.ts'
import type { ActionEnv } from '../platform/context.ts'
import { sha256 } from '../platform/crypto.ts'
import { todayIn } from '../platform/dates.ts'
import { fieldError } from '../platform/errors.ts'
import type { Language } from '../platform/i18n.ts'
import { figuresOf } from './needs.actions.ts'
import { joinAreaChoices, quoteBasisOn } from './needs.catalog.ts'
import { type Questionnaire, toQuestionnaire } from './needs.model.ts'
import {
  findQuestionnaireByTokenHash,
  insertFollowUp,
  insertQuestionnaire,
  lockQuestionnaireByTokenHash,
  nextQuestionnaireRef,
  updateQuestionnaire,
} from './needs.repo.ts'
import { storedQuoteOf } from './needs.rules.ts'

/**
 * Joining and the questionnaire: the join form's areas come from the catalog; a declaration made from a quote
 * links its questionnaire (follow-up: applied); one made without a questionnaire creates one from the form's
 * needs fields, so the founders' view counts every organisation that applied.
 */

/** Who writes the follow-up entries of joining: the form itself, never the applicant's address. */
const joinLabel = 'system:join'

/**
 * The names of the primary areas a declaration wants, in the applicant's language; refuses an area the catalog
 * does not offer (unknown or discontinued) at the field.
 */
export async function joinAreaNames(db: Executor, keys: string[], lang: Language): Promise<string[]> {
  if (keys.length === 0) return []
  const choices = new Map((await joinAreaChoices(db)).map((c) => [c.key, c]))
  return keys.map((key) => {
    const choice = choices.get(key)
    if (!choice) throw fieldError('primaryAreas', 'area_unknown')
    return pick(choice.name, lang)
  })
}

export interface JoinedApplication {
  applicationId: string
  applicationRef: string
  input: ApplicationInput
  /** The application's tracking token: a questionnaire made from the form shares the applicant's one key. */
  trackingToken: string
  /** The questionnaire the declaration was made from (`/join?questionnaire=…`), if any. */
  questionnaireToken?: string
  organisationId?: string
  lang: Language
}

/**
 * After a join declaration is stored: links the questionnaire it came from (not erased, not linked before) and
 * sets its follow-up to `applied`, journaled; otherwise, for an organisation, creates a questionnaire from the
 * declaration's needs fields (stage from the form; consent to be contacted: the declaration's privacy consent).
 */
export async function questionnaireOfApplication(
  trx: Trx,
  actor: Actor,
  joined: JoinedApplication,
  env: ActionEnv,
): Promise<string | null> {
  const now = env.clock.now()
  if (joined.questionnaireToken) {
    const row = await lockQuestionnaireByTokenHash(trx, sha256(joined.questionnaireToken))
    if (row && !row.erased_at && row.application_id === null) {
      await updateQuestionnaire(trx, row.id, {
        application_id: joined.applicationId,
        follow_up_status: 'applied',
        updated_at: now,
      })
      await insertFollowUp(trx, {
        questionnaire_id: row.id,
        status: 'applied',
        note: joined.applicationRef,
        next_on: row.follow_up_on,
        assigned_account_id: row.assigned_account_id,
        created_at: now,
        created_by: joinLabel,
      })
      await audit(
        trx,
        actor,
        {
          action: 'questionnaire.applied',
          subjectType: 'questionnaire',
          subjectId: row.id,
          organisationId: row.organisation_id,
          before: { followUpStatus: row.follow_up_status, applicationId: null },
          after: {
            followUpStatus: 'applied',
            applicationId: joined.applicationId,
            applicationRef: joined.applicationRef,
          },
        },
        env.clock,
      )
      return row.id
    }
  }
  const input = joined.input
  if (input.memberType !== 'organisation') return null
  const today = todayIn(now)
  const basis = await quoteBasisOn(trx, today)
  const figures = figuresOf({ ...input, wantedAreas: input.primaryAreas, consultingHours: 0, trainingHours: 0 })
  const stored = storedQuoteOf(figures, basis)
  const ref = await nextQuestionnaireRef(trx, Number(today.slice(0, 4)))
  const row = await insertQuestionnaire(trx, {
    ref,
    token_hash: sha256(joined.trackingToken),
    organisation_id: joined.organisationId ?? null,
    application_id: joined.applicationId,
    account_id: actor.kind === 'account' ? actor.accountId : null,
    organisation_name: input.organisationName,
    legal_form: input.legalForm,
    city: input.city,
    contact_name: `${input.givenName} ${input.familyName}`,
    contact_email: input.email,
    contact_phone: input.phone,
    employees: figures.employees,
    volunteers: figures.volunteers,
    annual_budget_cents: figures.annualBudgetCents,
    devices: figures.devices,
    tools_today: figures.toolsToday,
    pain_points: input.painPoints,
    wanted_areas: figures.wantedAreas,
    stage: input.stage,
    language: joined.lang,
    consent_contact_at: now,
    quote: JSON.stringify(stored),
    submitted_at: now,
    follow_up_status: 'applied',
    updated_at: now,
  })
  await insertFollowUp(trx, {
    questionnaire_id: row.id,
    status: 'applied',
    note: joined.applicationRef,
    created_at: now,
    created_by: joinLabel,
  })
  await audit(
    trx,
    actor,
    {
      action: 'questionnaire.submitted',
      subjectType: 'questionnaire',
      subjectId: row.id,
      organisationId: row.organisation_id,
      after: {
        ref,
        source: 'join',
        applicationRef: joined.applicationRef,
        stage: input.stage,
        wantedAreas: figures.wantedAreas,
        monthlyNetCents: stored.quote.monthlyNetCents,
        statutesVersionId: stored.statutesVersionId,
        priceVersionIds: stored.priceVersions.map((v) => v.versionId),
      },
    },
    env.clock,
  )
  return row.id
}

/** Whether a questionnaire was made from the declaration with this tracking token (it shares the key). */
export async function hasQuestionnaire(db: Executor, trackingToken: string): Promise<boolean> {
  return (await findQuestionnaireByTokenHash(db, sha256(trackingToken))) !== undefined
}

/** Splits a contact's name for the join form: the last word is the family name. */
function splitName(name: string): { givenName: string; familyName: string } {
  const parts = name.trim().split(/\s+/)
  if (parts.length < 2) return { givenName: parts[0] ?? '', familyName: '' }
  return { givenName: parts.slice(0, -1).join(' '), familyName: parts[parts.length - 1]! }
}

function euroText(cents: number): string {
  return (cents / 100).toFixed(2).replace('.', ',')
}

/**
 * The join form filled in from a questionnaire: organisation, size, contact, city, the wanted primary areas, tools,
 * pain points, stage and the suggested further shares. Consents are never prefilled: the declaration needs the
 * applicant's own (text form). Null when the link is unknown, erased or already used for a declaration.
 */
export async function joinPrefill(
  db: Executor,
  token: string,
): Promise<{ questionnaire: Questionnaire; values: Record<string, string | string[]> } | null> {
  const row = await findQuestionnaireByTokenHash(db, sha256(token))
  if (!row || row.erased_at || row.application_id) return null
  const q = toQuestionnaire(row)
  const primary = new Set(q.storedQuote.areas.filter((a) => a.kind === 'primary').map((a) => a.key))
  const offered = new Set((await joinAreaChoices(db)).map((c) => c.key))
  return {
    questionnaire: q,
    values: {
      memberType: 'organisation',
      organisationName: q.organisationName,
      legalForm: q.legalForm,
      employees: String(q.employees),
      volunteers: String(q.volunteers),
      annualBudgetCents: euroText(q.annualBudgetCents),
      ...splitName(q.contactName),
      email: q.contactEmail,
      phone: q.contactPhone ?? '',
      city: q.city,
      country: 'DE',
      primaryAreas: q.wantedAreas.filter((a) => primary.has(a) && offered.has(a)),
      devices: String(q.devices),
      toolsToday: q.toolsToday,
      painPoints: q.painPoints,
      stage: q.stage,
      voluntaryShares: String(q.storedQuote.quote.shares.suggested),
    },
  }
}
