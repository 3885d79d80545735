import { z } from '@hono/zod-openapi'
import { majorities } from '../db/schema-governance.ts'
import { requiredText, text } from '../platform/fields.ts'

/** Inputs of motions, supports and amendments, as JSON; the form routes map their fields onto these. */

const memberId = z.uuid({ error: 'invalid' }).nullable().optional().default(null)

export const motionInput = z
  .strictObject({
    title: requiredText(300),
    body: requiredText(100_000),
    reasons: text(20_000).default(''),
    /** A change of the statutes: three quarters of the votes cast (§16 (2) GenG), whatever `majority` says. */
    statuteChange: z.boolean({ error: 'invalid' }).default(false),
    majority: z.enum(majorities, { error: 'invalid_choice' }).default('simple'),
    /** For which member on the roll the motion is made, when the person speaks for several. */
    memberId,
  })
  .openapi('MotionInput')
export type MotionInput = z.infer<typeof motionInput>

export const amendmentInput = z
  .strictObject({
    /** The motion's whole text as amended. */
    body: requiredText(100_000),
    reasons: text(20_000).default(''),
    memberId,
  })
  .openapi('AmendmentInput')
export type AmendmentInput = z.infer<typeof amendmentInput>

export const supportInput = z.strictObject({ memberId }).openapi('SupportInput')
export type SupportInput = z.infer<typeof supportInput>

/** The posted motion form → the JSON shape (a checkbox is `on`). */
export function motionFromForm(form: Record<string, string>) {
  return {
    title: form.title ?? '',
    body: form.body ?? '',
    reasons: form.reasons ?? '',
    statuteChange: form.statuteChange === 'on',
    majority: form.majority || 'simple',
    memberId: form.memberId || null,
  }
}

export function amendmentFromForm(form: Record<string, string>) {
  return { body: form.body ?? '', reasons: form.reasons ?? '', memberId: form.memberId || null }
}
