import { z } from '@hono/zod-openapi'
import { count, dateInput, email, optionalPhone, requiredText, text } from '../platform/fields.ts'

/** zod inputs of orders and bookings; the API takes them as JSON, the pages build them from the form. */

const key = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{1,39}$/, { error: 'invalid' })

const optionalKey = z
  .union([z.literal(''), key, z.null()])
  .optional()
  .transform((v) => v || null)

/** A checkbox as a form sends it ('on') or a JSON boolean. */
const checkbox = z.preprocess((v) => v === true || v === 'on' || v === 'true', z.boolean())

const configValues = z
  .record(z.string().max(40), z.union([z.string().max(500), z.number()]))
  .default({})
  .openapi({ description: "The area's configuration fields by key (see the catalog's configFields)" })

export const orderInput = z
  .object({
    organisationId: z.string().uuid({ error: 'required' }).openapi({ description: 'The organisation that orders' }),
    areaKey: key.openapi({ example: 'managed_workplace' }),
    serviceKey: optionalKey.openapi({
      description: "An add-on or hourly service of the area; empty for the area's flat rate",
      example: null,
    }),
    quantity: count(100_000)
      .default(1)
      .openapi({ description: 'Units of an add-on, estimated hours of hourly work; 1 for a flat rate' }),
    startsOn: dateInput().openapi({ format: 'date', description: 'Desired start; today or later' }),
    description: text(4000).default('').openapi({ description: 'Hourly work: what is needed' }),
    config: configValues,
    acceptTerms: checkbox.openapi({ description: 'The contract terms shown are accepted (required)' }),
    declareShares: checkbox.default(false).openapi({
      description: 'Consent to the §15b declaration of the missing mandatory shares, when the order needs one',
    }),
  })
  .strict()
  .openapi('OrderInput')
export type OrderInput = z.infer<typeof orderInput>

/** Staff or the board record a contract that already exists (moved into Allmende): confirmed at once. */
export const recordInput = z
  .object({
    organisationId: z.string().uuid({ error: 'required' }),
    areaKey: key,
    serviceKey: optionalKey,
    quantity: count(100_000).default(1),
    startsOn: dateInput().openapi({ format: 'date', description: 'Start of the contract; may lie in the past' }),
    config: configValues,
    note: text(1000).default(''),
  })
  .strict()
  .openapi('RecordBookingInput')
export type RecordInput = z.infer<typeof recordInput>

export const confirmInput = z
  .object({ startsOn: dateInput().openapi({ format: 'date', description: 'The start; today or later' }) })
  .strict()
  .openapi('ConfirmBookingInput')

export const rejectInput = z
  .object({ reason: requiredText(2000).openapi({ description: 'Told to the organisation' }) })
  .strict()
  .openapi('RejectBookingInput')

export const cancelInput = z
  .object({
    endsOn: dateInput().openapi({ format: 'date', description: 'One of the end dates of the cancellation preview' }),
    reason: text(2000).default(''),
  })
  .strict()
  .openapi('CancelBookingInput')

export const changeInput = z
  .object({
    startsOn: dateInput().openapi({ format: 'date', description: 'The day the changed booking starts' }),
    quantity: count(100_000).optional().openapi({ description: 'New number of units (add-ons)' }),
    config: configValues,
    acceptTerms: checkbox,
  })
  .strict()
  .openapi('ChangeBookingInput')
export type ChangeInput = z.infer<typeof changeInput>

/** The public request of a non-member for hourly work (consulting, training). */
export const requestInput = z
  .object({
    organisationName: requiredText(200),
    givenName: requiredText(100),
    familyName: requiredText(100),
    email: email(),
    phone: optionalPhone(),
    serviceKey: key.openapi({ description: 'An hourly service of a secondary area', example: 'data_protection' }),
    quantity: count(10_000)
      .pipe(z.number().min(1, { error: 'too_small' }))
      .openapi({ description: 'Estimated hours' }),
    message: requiredText(4000),
    consent: checkbox.refine((v) => v, { error: 'consent_required' }),
  })
  .strict()
  .openapi('OrderRequestInput')
export type RequestInput = z.infer<typeof requestInput>

/** Staff confirm a public request for an organisation they link or create. */
export const confirmRequestInput = z
  .object({
    startsOn: dateInput(),
    organisationId: z
      .union([z.literal(''), z.string().uuid({ error: 'invalid' })])
      .optional()
      .transform((v) => v || null)
      .openapi({ description: 'An existing organisation; empty to create one from the request' }),
  })
  .strict()
  .openapi('ConfirmRequestInput')
