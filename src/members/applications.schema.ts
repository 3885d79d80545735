import { z } from '@hono/zod-openapi'
import { bigTechTools } from '../catalog/tools.ts'
import { legalForms, memberTypes } from '../db/schema.ts'
import {
  count,
  country,
  email,
  euroCents,
  optionalEmail,
  optionalIban,
  optionalPhone,
  optionalVatId,
  postalCodeRule,
  requiredText,
  text,
} from '../platform/fields.ts'

/** Lets a cross-field rule run although other fields failed (all errors at once), but never on a non-object. */
const isObject = (payload: { value: unknown }) => typeof payload.value === 'object' && payload.value !== null

/** A checkbox that must be ticked: `on` from a form, `true` from JSON. */
const consent = () =>
  z.preprocess((v) => v === true || v === 'on' || v === 'true', z.literal(true, { error: 'consent_required' }))

const list = <T extends z.ZodType>(item: T, max: number) =>
  z.preprocess((v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(item).max(max))

export const decisionStages = ['informed', 'discussing', 'committed'] as const
/** The tools the needs questionnaire asks for: the catalog's list. */
export const todaysTools = bigTechTools

/**
 * The membership declaration as the joining form and the API send it: one flat shape for organisations,
 * employees and supporting members. `organisationName` is required for organisations (and makes a
 * supporting member an organisation); the person is the one who signs (for an organisation: its representative).
 */
export const applicationInput = z
  .object({
    memberType: z.enum(memberTypes, { error: 'invalid_choice' }),
    organisationName: text(200).default(''),
    legalForm: z.enum(legalForms, { error: 'invalid_choice' }).default('ev'),
    organisationEmail: optionalEmail(),
    vatId: optionalVatId(),
    iban: optionalIban(),
    employees: count(1_000_000).default(0),
    volunteers: count(1_000_000).default(0),
    annualBudgetCents: euroCents(100_000_000_000_00).default(0),
    givenName: requiredText(100),
    familyName: requiredText(100),
    email: email(),
    phone: optionalPhone(),
    street: requiredText(200),
    postalCode: requiredText(12).transform((v) => v.toUpperCase()),
    city: requiredText(100),
    country: country().default('DE'),
    // keys of the catalog's primary areas; whether the catalog offers them the action checks (area_unknown)
    primaryAreas: list(z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, { error: 'area_unknown' }), 20).transform((a) => [
      ...new Set(a),
    ]),
    voluntaryShares: count(10_000).default(0),
    devices: count(1_000_000).default(0),
    toolsToday: list(z.enum(todaysTools, { error: 'invalid_choice' }), todaysTools.length),
    painPoints: text(2000).default(''),
    stage: z.enum(decisionStages, { error: 'invalid_choice' }).default('committed'),
    consentStatutes: consent(),
    consentPrivacy: consent(),
    acknowledgeDuties: consent(),
  })
  .strict()
  .refine(postalCodeRule.check, postalCodeRule.params)
  .refine((v) => v.memberType !== 'organisation' || v.organisationName.length > 0, {
    error: 'required',
    path: ['organisationName'],
    when: isObject,
  })
  .refine((v) => v.memberType === 'organisation' || v.primaryAreas.length === 0, {
    error: 'areas_for_organisations',
    path: ['primaryAreas'],
    when: isObject,
  })
  .openapi('ApplicationInput')
export type ApplicationInput = z.infer<typeof applicationInput>

/** A member's declaration for further shares (§15b GenG). */
export const extraSharesInput = z
  .object({ shares: count(10_000).pipe(z.number().min(1, { error: 'too_small' })), consent: consent() })
  .strict()
  .openapi('ExtraSharesInput')

export const rejectionInput = z
  .object({ reason: requiredText(2000) })
  .strict()
  .openapi('RejectionInput')
