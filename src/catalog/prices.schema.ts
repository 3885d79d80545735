import { z } from '@hono/zod-openapi'
import { isPlainDate } from '../platform/dates.ts'
import { text } from '../platform/fields.ts'

/** A catalog key: lower case letters, digits and underscores, starting with a letter. */
export const catalogKey = () =>
  z
    .string()
    .regex(/^[a-z][a-z0-9_]{1,39}$/, { error: 'invalid' })
    .openapi({ example: 'digital_infrastructure' })

const day = () =>
  z.string().refine(isPlainDate, { error: 'date_invalid' }).openapi({ format: 'date', example: '2027-01-01' })

const cents = (max = 100_000_000_00) =>
  z
    .number({ error: 'not_integer' })
    .int({ error: 'not_integer' })
    .min(0, { error: 'too_small' })
    .max(max, { error: 'too_big' })

const threshold = (max: number) => cents(max).nullable()

export const priceTierInput = z
  .strictObject({
    key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, { error: 'statutes_tier_key_invalid' }),
    fromEmployees: threshold(10_000_000).openapi({ description: 'null: employees do not lift into this tier' }),
    fromVolunteers: threshold(10_000_000),
    fromBudgetCents: threshold(Number.MAX_SAFE_INTEGER),
    monthlyCents: cents(),
  })
  .openapi('PriceTier')

/** VAT in percent with at most two decimals (19, 7, 0, 5.5). */
export const vatPercent = () =>
  z
    .number({ error: 'invalid_type' })
    .min(0, { error: 'too_small' })
    .max(100, { error: 'too_big' })
    .refine((v) => Math.round(v * 100) === v * 100, { error: 'invalid' })
    .openapi({ example: 19 })

/**
 * A new price version, as JSON: for an area's flat rate (`areaKey`, with tiers) or a service (`serviceKey`: an
 * add-on's monthly price per unit, or hourly rates for members and non-members). Which amounts it needs follows
 * from the item; the action checks that and the dates.
 */
export const priceVersionInput = z
  .strictObject({
    areaKey: catalogKey().optional(),
    serviceKey: catalogKey().optional(),
    validFrom: day(),
    validUntil: day().nullable().default(null).openapi({ description: 'Last day it holds; null: until the next one' }),
    vatPercent: vatPercent(),
    tiers: z.array(priceTierInput).min(1, { error: 'too_small' }).max(20, { error: 'too_big' }).optional(),
    monthlyCents: cents().optional(),
    setupCents: cents().default(0),
    hourlyMemberCents: cents().optional(),
    hourlyNonMemberCents: cents().optional(),
    note: text(500).default(''),
  })
  .refine((v) => (v.areaKey === undefined) !== (v.serviceKey === undefined), {
    error: 'required',
    path: ['areaKey'],
  })
  .openapi('PriceVersionInput')
export type PriceVersionInput = z.infer<typeof priceVersionInput>
