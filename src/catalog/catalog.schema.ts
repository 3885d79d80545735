import { z } from '@hono/zod-openapi'
import { areaKinds, catalogStatuses, servicePricings, ssoKinds, termEnds } from '../db/schema-catalog.ts'
import { optionalUrl, requiredText, text } from '../platform/fields.ts'
import { catalogKey } from './prices.schema.ts'
import { bigTechTools } from './tools.ts'

/**
 * Inputs of the catalog's management: areas, services, providers, status changes, the quote setting. The same
 * shapes serve the JSON API and the forms (a form names its inputs by these paths, `name.de`,
 * `terms.noticeDays`, `configFields.2.key`, so an issue lands at its field either way).
 */

/** Path segments under /catalog that an area key may not take, or its public page would be unreachable. */
export const reservedKeys = ['manage', 'providers', 'prices', 'areas', 'services', 'feed'] as const

const entryKey = () =>
  catalogKey().refine((key) => !(reservedKeys as readonly string[]).includes(key), { error: 'catalog_key_reserved' })

/** A provider's key: lower case letters, digits and hyphens (it may appear in a federated portal's URLs). */
export const providerKey = () =>
  z
    .string()
    .regex(/^[a-z][a-z0-9-]{1,39}$/, { error: 'provider_key_invalid' })
    .openapi({ example: 'partner-eg' })

const localised = (max: number) => z.strictObject({ de: text(max).default(''), en: text(max).default('') })
const localisedRequired = (max: number) => z.strictObject({ de: requiredText(max), en: requiredText(max) })
const lines = (max: number, count: number) => z.array(requiredText(max)).max(count, { error: 'too_big' })
const localisedLines = () => z.strictObject({ de: lines(300, 50).default([]), en: lines(300, 50).default([]) })
const whole = (min: number, max: number) =>
  z
    .number({ error: 'not_integer' })
    .int({ error: 'not_integer' })
    .min(min, { error: 'too_small' })
    .max(max, { error: 'too_big' })

export const configFieldInput = z
  .strictObject({
    key: z.string().regex(/^[a-z][a-zA-Z0-9_]{0,39}$/, { error: 'config_key_invalid' }),
    labelDe: requiredText(200),
    labelEn: requiredText(200),
    type: z.enum(['text', 'number', 'choice'], { error: 'invalid_choice' }),
    required: z.boolean().default(false),
    choices: z.array(requiredText(100)).max(30, { error: 'too_big' }).optional(),
  })
  .refine((f) => f.type !== 'choice' || (f.choices?.length ?? 0) > 0, {
    error: 'config_choices_missing',
    path: ['choices'],
  })
  .openapi('ConfigField')

export const termsInput = z
  .strictObject({
    noticeDays: whole(0, 730).default(30),
    termEnd: z.enum(termEnds, { error: 'invalid_choice' }).default('month'),
    minimumTermMonths: whole(0, 60).default(0),
    text: localised(10_000).default({ de: '', en: '' }),
  })
  .openapi('ContractTerms')

/** What an area is, apart from its key and kind (fixed at creation) and its status (set on its own). */
const areaFields = {
  providerKey: providerKey().optional().openapi({ description: 'Default: the cooperative itself' }),
  position: whole(0, 10_000).default(0),
  name: localisedRequired(200),
  summary: localised(1_000).default({ de: '', en: '' }),
  description: localised(10_000).default({ de: '', en: '' }),
  included: localisedLines().default({ de: [], en: [] }),
  terms: termsInput.default({ noticeDays: 30, termEnd: 'month', minimumTermMonths: 0, text: { de: '', en: '' } }),
  configFields: z.array(configFieldInput).max(30, { error: 'too_big' }).default([]),
}

const uniqueConfigKeys = {
  check: (v: { configFields?: Array<{ key: string }> }) =>
    new Set((v.configFields ?? []).map((f) => f.key)).size === (v.configFields ?? []).length,
  params: { error: 'config_key_duplicate', path: ['configFields'] },
}

export const areaInput = z
  .strictObject({
    key: entryKey(),
    kind: z.enum(areaKinds, { error: 'invalid_choice' }),
    ...areaFields,
  })
  .refine(uniqueConfigKeys.check, uniqueConfigKeys.params)
  .openapi('AreaInput')
export type AreaInput = z.infer<typeof areaInput>

export const areaUpdate = z
  .strictObject(areaFields)
  .refine(uniqueConfigKeys.check, uniqueConfigKeys.params)
  .openapi('AreaUpdate')
export type AreaUpdate = z.infer<typeof areaUpdate>

const serviceFields = {
  providerKey: providerKey().optional().openapi({ description: "Default: the area's provider" }),
  position: whole(0, 10_000).default(0),
  name: localisedRequired(200),
  summary: localised(1_000).default({ de: '', en: '' }),
  description: localised(10_000).default({ de: '', en: '' }),
  included: localisedLines().default({ de: [], en: [] }),
  software: lines(100, 30).default([]),
  replaces: z
    .array(z.enum(bigTechTools, { error: 'invalid_choice' }))
    .max(bigTechTools.length)
    .default([]),
  dataLocation: text(200).default(''),
  energySource: text(200).default(''),
  backupPolicy: text(500).default(''),
  sso: z.enum(ssoKinds, { error: 'invalid_choice' }).default('none'),
  unit: localised(50).default({ de: '', en: '' }),
}

export const serviceInput = z
  .strictObject({
    key: catalogKey(),
    areaKey: catalogKey(),
    pricing: z.enum(servicePricings, { error: 'invalid_choice' }),
    ...serviceFields,
  })
  .openapi('ServiceInput')
export type ServiceInput = z.infer<typeof serviceInput>

export const serviceUpdate = z.strictObject(serviceFields).openapi('ServiceUpdate')
export type ServiceUpdate = z.infer<typeof serviceUpdate>

/** A patch names only what changes; nested texts and terms may be given in part. */
function deepPartial(schema: z.ZodType): z.ZodType {
  let inner: z.ZodType = schema
  while (inner instanceof z.ZodDefault || inner instanceof z.ZodOptional)
    inner = (inner as z.ZodDefault<z.ZodType>).unwrap() as z.ZodType
  if (inner instanceof z.ZodObject) {
    const shape: Record<string, z.ZodType> = {}
    for (const [key, value] of Object.entries(inner.shape as Record<string, z.ZodType>))
      shape[key] = deepPartial(value).optional()
    return z.strictObject(shape)
  }
  return inner
}

function patchOf(fields: Record<string, z.ZodType>) {
  return z.strictObject(Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, deepPartial(v).optional()])))
}

export const areaPatch = patchOf(areaFields).openapi('AreaPatch')
export const servicePatch = patchOf(serviceFields).openapi('ServicePatch')
export type CatalogPatch = Record<string, unknown>

export const statusInput = z
  .strictObject({ status: z.enum(catalogStatuses, { error: 'invalid_choice' }) })
  .openapi('CatalogStatusInput')

export const providerInput = z
  .strictObject({
    key: providerKey(),
    name: requiredText(200),
    organisationId: z.string().uuid({ error: 'required' }),
    website: optionalUrl(),
    description: localised(2_000).default({ de: '', en: '' }),
  })
  .openapi('ProviderInput')
export type ProviderInput = z.infer<typeof providerInput>

/** How many months of the flat rate the suggested capital covers (quote.rules: suggestedShares). */
export const capitalMonthsInput = z.strictObject({ months: whole(0, 36) }).openapi('CapitalMonthsInput')
