import type { Localised } from '../catalog/catalog.model.ts'
import type { Quote } from '../catalog/quote.rules.ts'
import type { AreaKind, FollowUpStatus, NeedsQuestionnaireRow } from '../db/schema-catalog.ts'
import type { PlainDate } from '../platform/dates.ts'

/**
 * The needs questionnaire (Bedarfsfragebogen) as the domain sees it: what the organisation told us, the quote it
 * got (stored as computed, with the versions it used), and where the founders are in following it up.
 */

export const questionnaireStages = ['informed', 'discussing', 'committed'] as const
export type QuestionnaireStage = (typeof questionnaireStages)[number]

/** The figures a quote is computed from; they stay after the contact erased the personal fields. */
export interface QuestionnaireFigures {
  employees: number
  volunteers: number
  annualBudgetCents: number
  devices: number
  toolsToday: string[]
  wantedAreas: string[]
  consultingHours: number
  trainingHours: number
}

/** A payment on shares, as the statutes' plan has it (§7 Nr. 1 GenG): due on a day counted from the quote's. */
export interface SchedulePayment {
  dueOn: PlainDate
  amountCents: number
}

/**
 * The quote as shown to the organisation, frozen when it was computed: the figures, the day, the statutes and
 * price versions behind them, and the names of areas and services as they were called then.
 */
export interface StoredQuote {
  computedOn: PlainDate
  statutesVersionId: string
  statutesValidFrom: PlainDate
  capitalMonths: number
  /** Every price version a figure comes from: flat rates of the wanted primary areas, hourly rates used. */
  priceVersions: Array<{ key: string; kind: 'flat_rate' | 'hourly'; versionId: string; validFrom: PlainDate }>
  /** The statutes' size tier (mandatory shares by size) and the shares each primary area adds. */
  sizeTier: { key: string; shares: number }
  sharesPerPrimaryArea: number
  quote: Quote
  /** The plan for the mandatory shares, and for mandatory plus suggested ones. */
  schedule: { mandatory: SchedulePayment[]; withSuggested: SchedulePayment[] }
  /** The wanted areas (primary and secondary), in catalog order. */
  areas: Array<{ key: string; kind: AreaKind; name: Localised }>
  /** Names of the areas and services the migration list and the hours mention. */
  names: {
    areas: Record<string, Localised>
    /** `addon`: an optional add-on with its own price, not part of the flat rate. */
    services: Record<string, { name: Localised; software: string[]; addon?: boolean }>
  }
}

export interface Questionnaire extends QuestionnaireFigures {
  id: string
  ref: string
  organisationId: string | null
  applicationId: string | null
  accountId: string | null
  organisationName: string
  legalForm: string
  city: string
  contactName: string
  contactEmail: string
  contactPhone: string | null
  painPoints: string
  stage: QuestionnaireStage
  language: 'de' | 'en'
  consentContactAt: string
  submittedAt: string
  updatedAt: string
  erasedAt: string | null
  followUp: { status: FollowUpStatus; on: PlainDate | null; assignedAccountId: string | null }
  storedQuote: StoredQuote
}

function json<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T
}

export function toQuestionnaire(row: NeedsQuestionnaireRow): Questionnaire {
  return {
    id: row.id,
    ref: row.ref,
    organisationId: row.organisation_id,
    applicationId: row.application_id,
    accountId: row.account_id,
    organisationName: row.organisation_name,
    legalForm: row.legal_form,
    city: row.city,
    contactName: row.contact_name,
    contactEmail: row.contact_email,
    contactPhone: row.contact_phone,
    employees: row.employees,
    volunteers: row.volunteers,
    annualBudgetCents: Number(row.annual_budget_cents),
    devices: row.devices,
    toolsToday: row.tools_today,
    painPoints: row.pain_points,
    wantedAreas: row.wanted_areas,
    consultingHours: row.consulting_hours,
    trainingHours: row.training_hours,
    stage: row.stage,
    language: row.language,
    consentContactAt: new Date(row.consent_contact_at).toISOString(),
    submittedAt: new Date(row.submitted_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
    erasedAt: row.erased_at ? new Date(row.erased_at).toISOString() : null,
    followUp: { status: row.follow_up_status, on: row.follow_up_on, assignedAccountId: row.assigned_account_id },
    storedQuote: json<StoredQuote>(row.quote),
  }
}

/** One entry of the follow-up history. */
export interface FollowUpEntry {
  id: string
  status: FollowUpStatus
  note: string
  nextOn: PlainDate | null
  assignedAccountId: string | null
  assignedLabel: string | null
  createdAt: string
  createdBy: string
}
