import { z } from 'zod'
import { majorities, pollMethods } from '../db/schema-governance.ts'

/** Inputs of the poll and ballot use cases. */

const uuid = z.string().uuid('not_found')

export const pollInput = z
  .object({
    title: z.string().trim().min(1, 'required').max(300),
    method: z.enum(pollMethods),
    seats: z.coerce.number().int().min(1).max(100).default(1),
    secret: z.coerce.boolean(),
    majority: z.enum(majorities).default('simple'),
    agendaItemId: uuid.nullable().default(null),
    motionId: uuid.nullable().default(null),
    amendmentId: uuid.nullable().default(null),
    /** Candidates (method candidates) or options (pick); yes_no has none. */
    options: z
      .array(z.object({ label: z.string().trim().min(1).max(300), personId: uuid.nullable().default(null) }))
      .max(100)
      .default([]),
    /** Members who may not vote in this poll (§43 (6) GenG), with the reason. */
    exclusions: z
      .array(z.object({ memberId: uuid, reason: z.string().trim().min(1, 'required').max(500) }))
      .max(1000)
      .default([]),
  })
  .superRefine((v, ctx) => {
    if (v.method === 'yes_no' && v.options.length > 0)
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'poll_options_not_for_yes_no' })
    if (v.method !== 'yes_no' && v.options.length < 1)
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'poll_options_required' })
    if (v.method === 'pick' && v.seats > v.options.length)
      ctx.addIssue({ code: 'custom', path: ['seats'], message: 'poll_seats_above_options' })
  })
export type PollInput = z.infer<typeof pollInput>

export const closeInput = z.object({
  /** The chair's declaration of the result (§47 GenG: the minutes record it). */
  declaration: z.string().trim().min(1, 'required').max(5000),
})
export type CloseInput = z.infer<typeof closeInput>

export const castInput = z.object({
  /** {choice} for yes_no, {options: {optionId: answer}} for candidates, {picks: [optionId]} for pick. */
  choices: z.unknown(),
  /** The members to vote for; absent: every member the person represents who has not voted yet. */
  memberIds: z.array(uuid).min(1).max(1000).optional(),
})
export type CastInput = z.infer<typeof castInput>
