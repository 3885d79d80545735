import { z } from '@hono/zod-openapi'
import { bigTechTools } from '../catalog/tools.ts'
import { legalForms } from '../db/schema.ts'
import { followUpStatuses } from '../db/schema-catalog.ts'
import { isPlainDate } from '../platform/dates.ts'
import { count, email, euroCents, optionalPhone, parseDateInput, requiredText, text } from '../platform/fields.ts'
import { questionnaireStages } from './needs.model.ts'
import { sortKeys } from './needs.rules.ts'

/** A form's checkboxes arrive as one value, several, or none; JSON sends an array. */
const list = <T extends z.ZodType>(item: T, max: number) =>
  z.preprocess((v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(item).max(max))

/** A catalog area key; whether the catalog has it (and it is not discontinued) the action checks. */
const areaKey = z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, { error: 'area_unknown' })

/** The contact's consent to be contacted about the questionnaire: `on` from a form, `true` from JSON. */
const contactConsent = () =>
  z.preprocess((v) => v === true || v === 'on' || v === 'true', z.literal(true, { error: 'contact_consent_required' }))

/**
 * The needs questionnaire (Bedarfsfragebogen) as the public form and the API send it. Sizes are whole numbers
 * from 0 (a negative one is refused at its field); the budget in euro in a form, in cents in JSON; hours of
 * consulting and training expected per year.
 */
export const questionnaireInput = z
  .object({
    organisationName: requiredText(200),
    legalForm: z.enum(legalForms, { error: 'invalid_choice' }).default('ev'),
    city: text(100).default(''),
    contactName: requiredText(200),
    contactEmail: email(),
    contactPhone: optionalPhone(),
    employees: count(1_000_000).default(0),
    volunteers: count(1_000_000).default(0),
    annualBudgetCents: euroCents(100_000_000_000_00).default(0),
    devices: count(1_000_000).default(0),
    toolsToday: list(z.enum(bigTechTools, { error: 'invalid_choice' }), bigTechTools.length).transform((t) => [
      ...new Set(t),
    ]),
    painPoints: text(2000).default(''),
    wantedAreas: list(areaKey, 40).transform((a) => [...new Set(a)]),
    consultingHours: count(100_000).default(0),
    trainingHours: count(100_000).default(0),
    stage: z.enum(questionnaireStages, { error: 'invalid_choice' }),
    consentContact: contactConsent(),
  })
  .strict()
  .openapi('QuestionnaireInput')
export type QuestionnaireInput = z.infer<typeof questionnaireInput>

const optionalDay = z.preprocess(
  (v) => (v === undefined || v === null || v === '' ? null : typeof v === 'string' ? (parseDateInput(v) ?? v) : v),
  z.string().refine(isPlainDate, { error: 'date_invalid' }).nullable(),
)

/** A note of the board or staff on following an organisation up. */
export const followUpInput = z
  .object({
    status: z.enum(followUpStatuses, { error: 'invalid_choice' }),
    note: text(2000).default(''),
    nextOn: optionalDay.default(null).openapi({ type: 'string', format: 'date', description: 'Next follow-up' }),
    assignedAccountId: z
      .preprocess(
        (v) => (v === '' || v === undefined ? null : v),
        z.string().uuid({ error: 'invalid_choice' }).nullable(),
      )
      .default(null)
      .openapi({ type: 'string', format: 'uuid', description: 'A board or staff account; null: nobody' }),
  })
  .strict()
  .openapi('FollowUpInput')
export type FollowUpInput = z.infer<typeof followUpInput>

/** The founders' filters and order; anything unreadable falls back to "all" (a filter must never fail a page). */
export const overviewQuery = z.object({
  stage: z.enum(questionnaireStages).optional().catch(undefined),
  status: z.enum(followUpStatuses).optional().catch(undefined),
  from: optionalDay.optional().catch(null),
  to: optionalDay.optional().catch(null),
  sort: z.enum(sortKeys).default('submitted').catch('submitted'),
  dir: z.enum(['asc', 'desc']).default('desc').catch('desc'),
})
export type OverviewQuery = z.infer<typeof overviewQuery>

export interface OverviewFilter {
  stage?: (typeof questionnaireStages)[number]
  status?: (typeof followUpStatuses)[number]
  from?: string | null
  to?: string | null
}
