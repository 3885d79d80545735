import { z } from '@hono/zod-openapi'
import { eventKinds } from '../db/schema-events.ts'
import { count, email, euroCents, optionalText, optionalUrl, requiredText, text } from '../platform/fields.ts'
import { fromWallTime, parseWallTimeInput } from './event-time.ts'

/**
 * Inputs of events and registrations, one schema for the form and the API. Times are ISO 8601 with an offset
 * (`2026-06-10T18:00:00+02:00`, the API) or a wall time in Europe/Berlin without one (`2026-06-10T18:00` from a
 * datetime-local input, `10.06.2026 18:00` typed).
 */

const isoWithOffset = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/

function toInstant(value: unknown, ctx: z.RefinementCtx): Date {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value
  const v = typeof value === 'string' ? value.trim() : ''
  if (v === '') {
    ctx.addIssue({ code: 'custom', message: 'required' })
    return z.NEVER
  }
  if (isoWithOffset.test(v)) {
    const instant = new Date(v)
    if (!Number.isNaN(instant.getTime())) return instant
  }
  const wall = parseWallTimeInput(v)
  if (!wall) {
    ctx.addIssue({ code: 'custom', message: 'datetime_invalid' })
    return z.NEVER
  }
  const instant = fromWallTime(wall.date, wall.time)
  if (!instant) {
    ctx.addIssue({ code: 'custom', message: 'time_not_in_zone' })
    return z.NEVER
  }
  return instant
}

const instant = () =>
  z
    .union([z.string(), z.date()])
    .transform(toInstant)
    .openapi({ type: 'string', format: 'date-time', example: '2026-06-10T18:00:00+02:00' })

/** Empty or null means "not given" (null); left out stays left out (a patch keeps the value). */
const optionalInstant = () =>
  z
    .union([z.string(), z.date(), z.null()])
    .optional()
    .transform((v, ctx) => (v === undefined ? undefined : v === null || v === '' ? null : toInstant(v, ctx)))
    .openapi({ type: ['string', 'null'], format: 'date-time' })

/** An optional whole number: empty (a form) or null (JSON) means none. */
const optionalCount = (max: number) =>
  z.preprocess((v) => (v === '' || v === undefined ? null : v), z.union([z.null(), count(max)]))

/** A VAT rate: 19, 7, 0, or with up to two decimals (`19,5` in a form). */
const vatPercent = () =>
  z.preprocess(
    (v) =>
      typeof v === 'string' ? (/^\d{1,3}([.,]\d{1,2})?$/.test(v.trim()) ? Number(v.trim().replace(',', '.')) : v) : v,
    z
      .number({ error: 'vat_percent_invalid' })
      .min(0, { error: 'vat_percent_invalid' })
      .max(100, { error: 'vat_percent_invalid' })
      .refine((n) => Math.round(n * 100) === n * 100, { error: 'vat_percent_invalid' }),
  )

const seats = () => count(100_000).pipe(z.number().min(1, { error: 'too_small' }))

const eventShape = {
  kind: z.enum(eventKinds, { error: 'invalid_choice' }),
  titleDe: requiredText(200),
  titleEn: text(200).default(''),
  descriptionDe: text(5000).default(''),
  descriptionEn: text(5000).default(''),
  startsAt: instant(),
  endsAt: instant(),
  /** When registration closes; the start of the event when left out. */
  registrationClosesAt: optionalInstant().transform((v) => v ?? null),
  location: text(300).default(''),
  onlineUrl: optionalUrl(),
  seats: seats(),
  waitlistLimit: optionalCount(100_000).default(null),
  memberPriceCents: euroCents(10_000_000).default(0),
  nonMemberPriceCents: euroCents(10_000_000).default(0),
  vatPercent: vatPercent().default(19),
}

export const eventInput = z.object(eventShape).strict().openapi('EventInput')
export type EventInput = z.infer<typeof eventInput>

/** A change: any field of the event; what is left out stays as it is. */
export const eventPatch = z
  .object({
    kind: eventShape.kind.optional(),
    titleDe: requiredText(200).optional(),
    titleEn: text(200).optional(),
    descriptionDe: text(5000).optional(),
    descriptionEn: text(5000).optional(),
    startsAt: instant().optional(),
    endsAt: instant().optional(),
    registrationClosesAt: optionalInstant(),
    location: text(300).optional(),
    onlineUrl: optionalUrl(),
    seats: seats().optional(),
    waitlistLimit: optionalCount(100_000).optional(),
    memberPriceCents: euroCents(10_000_000).optional(),
    nonMemberPriceCents: euroCents(10_000_000).optional(),
    vatPercent: vatPercent().optional(),
  })
  .strict()
  .openapi('EventPatch')
export type EventPatch = z.infer<typeof eventPatch>

export const cancelEventInput = z
  .object({ reason: requiredText(1000) })
  .strict()
  .openapi('CancelEventInput')

/** A checkbox that must be ticked: `on` from a form, `true` from JSON. */
const consent = () =>
  z.preprocess(
    (v) => v === true || v === 'on' || v === 'true',
    z.literal(true, { error: 'registration_consent_required' }),
  )

/**
 * A registration. `organisationId`: for a signed-in person, the organisation they come for (`''` or left out:
 * for themselves); `organisation`: a free-text organisation of someone who is not signed in.
 */
export const registrationInput = z
  .object({
    name: requiredText(200),
    email: email(),
    organisation: optionalText(200),
    organisationId: z
      .union([z.literal(''), z.string().uuid()])
      .optional()
      .transform((v) => (v ? v.toLowerCase() : null))
      .openapi({ type: 'string', format: 'uuid', description: 'Signed in: the organisation you come for' }),
    consent: consent(),
  })
  .strict()
  .openapi('RegistrationInput')
export type RegistrationInput = z.infer<typeof registrationInput>
