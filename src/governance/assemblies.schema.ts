import { z } from '@hono/zod-openapi'
import { agendaKinds, assemblyBodies, assemblyForms } from '../db/schema-governance.ts'
import { fromWallTime, parseWallTimeInput } from '../events/event-time.ts'
import type { PlainDate } from '../platform/dates.ts'
import { email, optionalUrl, parseDateInput, requiredText, text } from '../platform/fields.ts'

/**
 * Inputs of assemblies, agenda items, proxies and check-in: one schema for the form and the API. Times are ISO
 * 8601 with an offset (the API) or a wall time in Europe/Berlin (a datetime-local input, or `10.06.2026 18:00`).
 */

const isoWithOffset = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/

function toInstant(value: unknown, ctx: z.RefinementCtx): Date {
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
  z.string().transform(toInstant).openapi({ type: 'string', format: 'date-time', example: '2027-06-10T18:00:00+02:00' })

/** Empty or null: none. */
const optionalInstant = () =>
  z
    .union([z.string(), z.null()])
    .optional()
    .transform((v, ctx) => (v === undefined || v === null || v.trim() === '' ? null : toInstant(v, ctx)))
    .openapi({ type: ['string', 'null'], format: 'date-time' })

/** Empty or null: none (the assembly's day is taken). */
const optionalDate = () =>
  z
    .union([z.string(), z.null()])
    .optional()
    .transform((v, ctx): PlainDate | null => {
      if (v === undefined || v === null || v.trim() === '') return null
      const date = parseDateInput(v)
      if (!date) {
        ctx.addIssue({ code: 'custom', message: 'date_invalid' })
        return z.NEVER
      }
      return date
    })
    .openapi({ type: ['string', 'null'], format: 'date', example: '2027-06-10' })

export const assemblyInput = z
  .object({
    body: z.enum(assemblyBodies, { error: 'invalid_choice' }),
    /** ordinary or extraordinary for the general assembly; other bodies meet ('meeting'). */
    kind: z.enum(['ordinary', 'extraordinary', 'meeting'], { error: 'invalid_choice' }).default('ordinary'),
    form: z.enum(assemblyForms, { error: 'invalid_choice' }),
    title: requiredText(200),
    startsAt: instant(),
    endsAt: instant(),
    location: text(300).default(''),
    onlineUrl: optionalUrl(),
    accessNote: text(1000).default(''),
    votingStartsAt: optionalInstant(),
    votingEndsAt: optionalInstant(),
    registerDate: optionalDate(),
  })
  .strict()
  .transform((a) => ({
    ...a,
    kind: a.body === 'general_assembly' ? (a.kind === 'meeting' ? 'ordinary' : a.kind) : ('meeting' as const),
  }))
  .openapi('AssemblyInput')
export type AssemblyInput = z.output<typeof assemblyInput>

export const agendaItemInput = z
  .object({
    title: requiredText(300),
    description: text(5000).default(''),
    kind: z.enum(agendaKinds, { error: 'invalid_choice' }),
  })
  .strict()
  .openapi('AgendaItemInput')
export type AgendaItemInput = z.output<typeof agendaItemInput>

export const cancelAssemblyInput = z
  .object({ reason: requiredText(500) })
  .strict()
  .openapi('CancelAssembly')

export const reorderInput = z
  .object({ direction: z.enum(['up', 'down'], { error: 'invalid_choice' }) })
  .strict()
  .openapi('AgendaReorder')

/** An online proxy: the member that grants it and the holder, found by email (any person we know). */
export const proxyInput = z
  .object({
    memberId: z.string().uuid({ error: 'invalid' }),
    holderEmail: email(),
  })
  .strict()
  .openapi('ProxyInput')
export type ProxyInput = z.output<typeof proxyInput>

export const checkInInput = z
  .object({
    personId: z.string().uuid({ error: 'invalid' }),
    mode: z.enum(['in_person', 'online']).default('in_person'),
  })
  .strict()
  .openapi('CheckInInput')

/** A members' demand (§45 GenG): an assembly, or agenda items for one (by its reference), with its reasons. */
export const demandInput = z
  .object({
    memberId: z.string().uuid({ error: 'invalid' }),
    kind: z.enum(['assembly', 'agenda_items'], { error: 'invalid_choice' }),
    assemblyRef: z
      .union([z.string(), z.null()])
      .optional()
      .transform((v) => (v?.trim() ? v.trim() : null)),
    title: requiredText(300),
    reasons: requiredText(10000),
  })
  .strict()
  .openapi('DemandInput')
