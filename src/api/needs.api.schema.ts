import { z } from '@hono/zod-openapi'
import { followUpStatuses } from '../db/schema-catalog.ts'
import type { FollowUpEntry, Questionnaire } from '../needs/needs.model.ts'
import { questionnaireStages } from '../needs/needs.model.ts'
import { sortKeys } from '../needs/needs.rules.ts'
import type { Overview, OverviewItem } from '../needs/overview.actions.ts'

/** The JSON shapes of the needs questionnaire's API (src/api/needs.api.ts). */

const localised = z.object({ de: z.string(), en: z.string() }).openapi('LocalisedText')
const cents = z.number().int()
const nullableCents = cents.nullable()
const day = z.string().openapi({ format: 'date' })
const payment = z.object({ dueOn: day, amountCents: cents })

export const storedQuoteOutput = z
  .object({
    computedOn: day,
    statutesVersionId: z.string().uuid(),
    statutesValidFrom: day,
    capitalMonths: z.number().int(),
    priceVersions: z.array(
      z.object({ key: z.string(), kind: z.enum(['flat_rate', 'hourly']), versionId: z.string(), validFrom: day }),
    ),
    sizeTier: z.object({ key: z.string(), shares: z.number().int() }),
    sharesPerPrimaryArea: z.number().int(),
    quote: z.object({
      areas: z.array(
        z.object({
          key: z.string(),
          tierKey: z.string().nullable(),
          monthlyNetCents: nullableCents.openapi({ description: 'null: the area has no price yet' }),
          setupNetCents: cents,
          vatPercent: z.number().nullable(),
        }),
      ),
      monthlyNetCents: cents,
      monthlyVatCents: cents,
      monthlyGrossCents: cents,
      setupNetCents: cents,
      unpricedAreas: z.array(z.string()),
      shares: z.object({
        mandatory: z.number().int(),
        suggested: z.number().int(),
        shareValueCents: cents,
        mandatoryCents: cents,
        suggestedCents: cents,
      }),
      hours: z.array(
        z.object({
          areaKey: z.string(),
          hours: z.number().int(),
          memberRateCents: nullableCents,
          nonMemberRateCents: nullableCents,
          memberNetCents: nullableCents,
          nonMemberNetCents: nullableCents,
          vatPercent: z.number().nullable(),
        }),
      ),
      migration: z.array(
        z.object({
          tool: z.string(),
          services: z.array(z.object({ serviceKey: z.string(), areaKey: z.string(), inWantedArea: z.boolean() })),
        }),
      ),
    }),
    schedule: z.object({ mandatory: z.array(payment), withSuggested: z.array(payment) }),
    areas: z.array(z.object({ key: z.string(), kind: z.enum(['primary', 'secondary']), name: localised })),
    names: z.object({
      areas: z.record(z.string(), localised),
      services: z.record(
        z.string(),
        z.object({ name: localised, software: z.array(z.string()), addon: z.boolean().optional() }),
      ),
    }),
  })
  .openapi('StoredQuote', {
    description: 'The quote as computed when the questionnaire was submitted, with the versions it used',
  })

const figures = {
  employees: z.number().int(),
  volunteers: z.number().int(),
  annualBudgetCents: cents,
  devices: z.number().int(),
  toolsToday: z.array(z.string()),
  wantedAreas: z.array(z.string()),
  consultingHours: z.number().int(),
  trainingHours: z.number().int(),
}

/** What the contact sees through the tracking link: no follow-up notes of the founders. */
export const contactQuestionnaireOutput = z
  .object({
    ref: z.string().openapi({ example: 'BF-2026-00001' }),
    organisationName: z.string(),
    legalForm: z.string(),
    city: z.string(),
    contactName: z.string(),
    contactEmail: z.string(),
    contactPhone: z.string().nullable(),
    ...figures,
    painPoints: z.string(),
    stage: z.enum(questionnaireStages),
    submittedAt: z.string().openapi({ format: 'date-time' }),
    erasedAt: z.string().nullable().openapi({ format: 'date-time' }),
    applied: z.boolean().openapi({ description: 'A membership declaration was made from it' }),
    quote: storedQuoteOutput,
  })
  .openapi('ContactQuestionnaire')

export function contactView(q: Questionnaire): z.infer<typeof contactQuestionnaireOutput> {
  return {
    ref: q.ref,
    organisationName: q.organisationName,
    legalForm: q.legalForm,
    city: q.city,
    contactName: q.contactName,
    contactEmail: q.contactEmail,
    contactPhone: q.contactPhone,
    employees: q.employees,
    volunteers: q.volunteers,
    annualBudgetCents: q.annualBudgetCents,
    devices: q.devices,
    toolsToday: q.toolsToday,
    wantedAreas: q.wantedAreas,
    consultingHours: q.consultingHours,
    trainingHours: q.trainingHours,
    painPoints: q.painPoints,
    stage: q.stage,
    submittedAt: q.submittedAt,
    erasedAt: q.erasedAt,
    applied: q.applicationId !== null,
    quote: q.storedQuote as z.infer<typeof storedQuoteOutput>,
  }
}

export const submittedQuestionnaireOutput = z
  .object({
    ref: z.string(),
    trackingToken: z.string().openapi({ description: 'The contact’s only key: GET /questionnaires/tracking/{token}' }),
    questionnaire: contactQuestionnaireOutput,
  })
  .openapi('SubmittedQuestionnaire')

const projection = z
  .object({
    stage: z.enum(questionnaireStages),
    sizeTierKey: z.string(),
    wantedAreas: z.array(z.string()),
    monthlyNetCents: cents,
    unpricedAreas: z.array(z.string()),
    mandatoryShares: z.number().int(),
    suggestedShares: z.number().int(),
    capitalCents: cents,
  })
  .openapi('Projection', { description: 'Recomputed with the catalog prices and statutes of the overview’s day' })

export const overviewItemOutput = z
  .object({
    id: z.string().uuid(),
    ref: z.string(),
    organisationName: z.string().openapi({ description: 'Empty once the contact erased the questionnaire' }),
    legalForm: z.string(),
    city: z.string(),
    ...figures,
    stage: z.enum(questionnaireStages),
    submittedAt: z.string().openapi({ format: 'date-time' }),
    followUpStatus: z.enum(followUpStatuses),
    followUpOn: day.nullable(),
    assignedAccountId: z.string().nullable(),
    assignedLabel: z.string().nullable(),
    erased: z.boolean(),
    applied: z.boolean(),
    projection,
  })
  .openapi('QuestionnaireItem')

export function itemView(i: OverviewItem): z.infer<typeof overviewItemOutput> {
  return i
}

export const followUpEntryOutput = z
  .object({
    id: z.string().uuid(),
    status: z.enum(followUpStatuses),
    note: z.string(),
    nextOn: day.nullable(),
    assignedAccountId: z.string().nullable(),
    assignedLabel: z.string().nullable(),
    createdAt: z.string().openapi({ format: 'date-time' }),
    createdBy: z.string(),
  })
  .openapi('FollowUpEntry')

export const questionnaireDetailOutput = contactQuestionnaireOutput
  .extend({
    id: z.string().uuid(),
    organisationId: z.string().nullable(),
    applicationId: z.string().nullable(),
    accountId: z.string().nullable(),
    followUp: z.object({
      status: z.enum(followUpStatuses),
      on: day.nullable(),
      assignedAccountId: z.string().nullable(),
    }),
    history: z.array(followUpEntryOutput),
  })
  .openapi('Questionnaire')

export function detailView(q: Questionnaire, history: FollowUpEntry[]): z.infer<typeof questionnaireDetailOutput> {
  return {
    ...contactView(q),
    id: q.id,
    organisationId: q.organisationId,
    applicationId: q.applicationId,
    accountId: q.accountId,
    followUp: q.followUp,
    history,
  }
}

const stageFigures = z.object({
  organisations: z.number().int(),
  monthlyNetCents: cents,
  mandatoryShares: z.number().int(),
  suggestedShares: z.number().int(),
  capitalCents: cents,
  withUnpricedAreas: z.number().int(),
})

export const summaryOutput = z
  .object({
    day: day.openapi({ description: 'The day the projections were computed for (prices and statutes of that day)' }),
    statutes: z.object({ id: z.string().uuid(), validFrom: day, shareValueCents: cents }),
    capitalMonths: z.number().int(),
    unpricedAreas: z.array(z.string()),
    organisations: z.number().int(),
    byStage: z.array(stageFigures.extend({ stage: z.enum(questionnaireStages) })),
    stageByTier: z.object({
      tiers: z.array(z.string()),
      counts: z.record(z.string(), z.record(z.string(), z.number().int())),
    }),
    areas: z.array(
      z.object({
        key: z.string(),
        organisations: z.number().int(),
        byStage: z.record(z.string(), z.number().int()),
      }),
    ),
    total: stageFigures,
  })
  .openapi('NeedsSummary')

export function summaryView(o: Overview): z.infer<typeof summaryOutput> {
  return {
    day: o.day,
    statutes: o.statutes,
    capitalMonths: o.capitalMonths,
    unpricedAreas: o.unpricedAreas,
    ...o.aggregate,
  }
}

export const questionnaireQuery = z.object({
  stage: z.enum(questionnaireStages).optional(),
  status: z.enum(followUpStatuses).optional(),
  from: day.optional().openapi({ description: 'Received on or after this day (Europe/Berlin)' }),
  to: day.optional().openapi({ description: 'Received on or before this day' }),
  sort: z.enum(sortKeys).default('submitted'),
  dir: z.enum(['asc', 'desc']).default('desc'),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
})
