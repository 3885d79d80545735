import { z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import type { Trx } from '../db/db.ts'
import { exitReasons, memberTypes } from '../db/schema.ts'
import { findMember, type MemberWithPartyRow } from '../members/members.repo.ts'
import type { AppEnv } from '../platform/context.ts'
import { isPlainDate, type PlainDate, todayIn } from '../platform/dates.ts'
import { DomainError } from '../platform/errors.ts'
import { can } from '../platform/policy.ts'
import { sendPdf } from '../web/downloads.ts'

/**
 * What the membership and capital routes share: calendar dates, the member's shape, PDF responses and the
 * check that hides members an account has nothing to do with.
 */

/** A calendar day 'YYYY-MM-DD' that exists (2024-02-29 yes, 2025-02-29 no). */
export const plainDate = () =>
  z
    .string()
    .refine(isPlainDate, { error: 'date_invalid' })
    .openapi({ format: 'date', example: '2026-12-31', description: 'A calendar day, YYYY-MM-DD' })

export const memberOutput = z
  .object({
    id: z.string().uuid(),
    number: z.string().openapi({ example: 'M-00042' }),
    memberType: z.enum(memberTypes),
    organisationId: z.string().uuid().nullable(),
    personId: z.string().uuid().nullable(),
    name: z.string(),
    address: z.string(),
    email: z.string().nullable(),
    joinedOn: z.string().openapi({ format: 'date' }),
    noticeGivenOn: z.string().nullable().openapi({ format: 'date' }),
    exitOn: z
      .string()
      .nullable()
      .openapi({ format: 'date', description: 'Recorded as soon as it is known (§69 GenG)' }),
    exitReason: z.enum(exitReasons).nullable(),
    exitNote: z.string().nullable(),
    status: z
      .enum(['active', 'leaving', 'exited'])
      .openapi({ description: 'active: no exit date; leaving: until the exit date; exited: after it' }),
    primaryAreas: z
      .array(z.string())
      .openapi({ description: 'The primary service areas the organisation books today (from its bookings)' }),
    employees: z.number().int(),
    annualBudgetCents: z.number().int(),
    purged: z.boolean().openapi({ description: 'Supporting records removed after the retention period' }),
  })
  .openapi('Member')

export const memberParams = z.object({
  id: z
    .string()
    .uuid()
    .transform((v) => v.toLowerCase())
    .openapi({ param: { name: 'id', in: 'path' }, format: 'uuid', description: 'The member (not the member number)' }),
})

/** A PDF download; the problems come as JSON like everywhere else. */
export function pdfResponse(description: string) {
  return {
    description,
    headers: {
      'content-disposition': { description: 'attachment; filename="…pdf"', schema: { type: 'string' as const } },
    },
    content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } },
  } as const
}

/** Sends a rendered PDF as a download. */
export function pdf(c: Context<AppEnv>, bytes: Buffer | Uint8Array, filename: string) {
  return sendPdf(c, { pdf: bytes, filename }, 'attachment')
}

/** Today in Germany by the app's clock. */
export function today(c: Context<AppEnv>): PlainDate {
  return todayIn(c.get('deps').clock.now())
}

/**
 * A member an account has nothing to do with does not exist for it: 404 rather than 403, before any action
 * runs, so member ids cannot be probed through the routes that only the board may use (as `hideUnrelated`
 * does for organisations). Scopes are ignored here: a narrow token gets its 403 from the action.
 */
export async function visibleMember(c: Context<AppEnv>, id: string): Promise<MemberWithPartyRow> {
  const actor = { ...c.get('actor'), scopes: null }
  const deps = c.get('deps')
  const row = await findMember(deps.db, id, todayIn(deps.clock.now()))
  const visible =
    row !== undefined &&
    (can(actor, 'member.read_all') ||
      (row.person_id !== null && row.person_id === actor.personId) ||
      (row.organisation_id !== null && can(actor, 'organisation.read', row.organisation_id)))
  if (!visible) throw new DomainError('not_found')
  return row
}

/** Reads whose actions take a transaction (they may lock) run in one of their own. */
export function readOnly<T>(c: Context<AppEnv>, fn: (trx: Trx) => Promise<T>): Promise<T> {
  return c.get('deps').db.transaction().execute(fn)
}
