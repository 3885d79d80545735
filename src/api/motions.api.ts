import { createRoute, z } from '@hono/zod-openapi'
import { majorities, motionStatuses } from '../db/schema-governance.ts'
import {
  type AmendmentView,
  admitMotion,
  getMotion,
  listMotions,
  type MotionView,
  submitMotion,
  supportMotion,
  withdrawMotion,
} from '../governance/motions.actions.ts'
import { admitAmendment, submitAmendment, withdrawAmendment } from '../governance/motions.amendments.actions.ts'
import { amendmentInput, motionInput, supportInput } from '../governance/motions.schema.ts'
import type { AppContext } from '../platform/context.ts'
import { apiApp, bodyProblems, jsonBody, jsonResponse, problems, security, write } from './api.shared.ts'

/** Motions for an assembly, their supporters and amendments (readable by the roll's members and the readers). */
export const motionsApi = apiApp()

const tags = ['Motions']

const assemblyRef = z
  .string()
  .regex(/^(GV|SI)-\d{4}-\d{3,9}$/)
  .openapi({ param: { name: 'ref', in: 'path' }, example: 'GV-2026-001' })
const motionRefParam = z
  .string()
  .regex(/^A\d{1,6}$/)
  .openapi({ param: { name: 'motion', in: 'path' }, example: 'A1' })
const amendmentRefParam = z
  .string()
  .regex(/^Ä\d{1,6}\.\d{1,6}$/)
  .openapi({ param: { name: 'amendment', in: 'path' }, example: 'Ä1.1', description: 'Percent-encoded in the URL' })

const assemblyParams = z.object({ ref: assemblyRef })
const motionParams = z.object({ ref: assemblyRef, motion: motionRefParam })
const amendmentParams = z.object({ ref: assemblyRef, motion: motionRefParam, amendment: amendmentRefParam })

const motionOutput = z
  .object({
    id: z.string().uuid(),
    ref: z.string().openapi({ example: 'A1' }),
    title: z.string(),
    body: z.string(),
    reasons: z.string(),
    status: z.enum(motionStatuses),
    statuteChange: z.boolean(),
    majority: z.enum(majorities).openapi({ description: 'A statute change needs three quarters (§16 (2) GenG)' }),
    submittedBy: z.string().nullable(),
    submittedAt: z.string().openapi({ format: 'date-time' }),
    decidedAt: z.string().nullable().openapi({ format: 'date-time' }),
    supporters: z.number().int(),
    amendments: z.number().int(),
    late: z.boolean().openapi({ description: 'Submitted within the agenda period: cannot be decided (§46 (2) GenG)' }),
  })
  .openapi('Motion')

const amendmentOutput = z
  .object({
    id: z.string().uuid(),
    ref: z.string().openapi({ example: 'Ä1.1' }),
    body: z.string().openapi({ description: "The motion's whole text as amended" }),
    reasons: z.string(),
    status: z.enum(motionStatuses),
    submittedBy: z.string().nullable(),
    submittedAt: z.string().openapi({ format: 'date-time' }),
    diff: z
      .array(z.object({ kind: z.enum(['same', 'added', 'removed']), text: z.string() }))
      .openapi({ description: "The change against the motion's text, word by word" }),
  })
  .openapi('MotionAmendment')

const motionDetail = motionOutput
  .extend({
    supportedBy: z.array(z.object({ memberNumber: z.string(), name: z.string() })),
    amendmentList: z.array(amendmentOutput),
  })
  .openapi('MotionDetail')

function motionJson(m: MotionView): z.infer<typeof motionOutput> {
  return {
    id: m.id,
    ref: m.ref,
    title: m.title,
    body: m.body,
    reasons: m.reasons,
    status: m.status,
    statuteChange: m.statuteChange,
    majority: m.majority,
    submittedBy: m.submittedBy,
    submittedAt: m.submittedAt.toISOString(),
    decidedAt: m.decidedAt?.toISOString() ?? null,
    supporters: m.supporters,
    amendments: m.amendments,
    late: m.late,
  }
}

function amendmentJson(a: AmendmentView): z.infer<typeof amendmentOutput> {
  return {
    id: a.id,
    ref: a.ref,
    body: a.body,
    reasons: a.reasons,
    status: a.status,
    submittedBy: a.submittedBy,
    submittedAt: a.submittedAt.toISOString(),
    diff: a.diff,
  }
}

async function detailJson(c: AppContext, input: { assembly: string; motion: string }) {
  const d = await getMotion(c.get('deps').db, c.get('actor'), input)
  return {
    ...motionJson(d.motion),
    supportedBy: d.supporters.map((s) => ({ memberNumber: s.number, name: s.name })),
    amendmentList: d.amendments.map(amendmentJson),
  }
}

motionsApi.openapi(
  createRoute({
    method: 'get',
    path: '/assemblies/{ref}/motions',
    operationId: 'listMotions',
    tags,
    security,
    summary: 'The motions of an assembly (members on its voter roll and the readers; others get 404)',
    request: { params: assemblyParams },
    responses: {
      200: jsonResponse(z.object({ items: z.array(motionOutput) }).openapi('MotionList'), 'The motions'),
      ...problems(401, 404, 422),
    },
  }),
  async (c) => {
    const { ref } = c.req.valid('param')
    const { motions } = await listMotions(c.get('deps').db, c.get('actor'), { assembly: ref })
    return c.json({ items: motions.map(motionJson) }, 200)
  },
)

motionsApi.openapi(
  createRoute({
    method: 'post',
    path: '/assemblies/{ref}/motions',
    operationId: 'submitMotion',
    tags,
    security,
    summary: 'Submit a motion for a member on the roll (its representative) or as the board',
    description:
      'The submitting member supports the motion. `memberId` chooses the member when the person speaks for several. ' +
      'The assembly must be in draft, invited or open.',
    request: { params: assemblyParams, body: jsonBody(motionInput) },
    responses: { 201: jsonResponse(motionOutput, 'The new motion'), ...problems(403, 404, 409, ...bodyProblems) },
  }),
  async (c) => {
    const { ref } = c.req.valid('param')
    const input = c.req.valid('json')
    const motion = await write(c, (trx, actor, deps) => submitMotion(trx, actor, { ...input, assembly: ref }, deps))
    return c.json(motionJson(motion), 201)
  },
)

motionsApi.openapi(
  createRoute({
    method: 'get',
    path: '/assemblies/{ref}/motions/{motion}',
    operationId: 'getMotion',
    tags,
    security,
    summary: 'One motion with its supporting members and its amendments (each with a word diff)',
    request: { params: motionParams },
    responses: { 200: jsonResponse(motionDetail, 'The motion'), ...problems(401, 404, 422) },
  }),
  async (c) => {
    const { ref, motion } = c.req.valid('param')
    return c.json(await detailJson(c, { assembly: ref, motion }), 200)
  },
)

motionsApi.openapi(
  createRoute({
    method: 'post',
    path: '/assemblies/{ref}/motions/{motion}/support',
    operationId: 'supportMotion',
    tags,
    security,
    summary: 'Support a motion for a member on the roll (once per member)',
    request: { params: motionParams, body: jsonBody(supportInput) },
    responses: { 200: jsonResponse(motionDetail, 'The motion'), ...problems(403, 404, 409, ...bodyProblems) },
  }),
  async (c) => {
    const { ref, motion } = c.req.valid('param')
    const input = c.req.valid('json')
    await write(c, (trx, actor, deps) => supportMotion(trx, actor, { ...input, assembly: ref, motion }, deps))
    return c.json(await detailJson(c, { assembly: ref, motion }), 200)
  },
)

for (const [step, action, summary] of [
  ['admit', admitMotion, 'Admit a submitted motion to the assembly (board)'],
  ['withdraw', withdrawMotion, 'Withdraw a motion (its submitter), before it is voted on'],
] as const)
  motionsApi.openapi(
    createRoute({
      method: 'post',
      path: `/assemblies/{ref}/motions/{motion}/${step}`,
      operationId: `${step}Motion`,
      tags,
      security,
      summary,
      request: { params: motionParams },
      responses: { 200: jsonResponse(motionDetail, 'The motion'), ...problems(401, 403, 404, 409, 422) },
    }),
    async (c) => {
      const { ref, motion } = c.req.valid('param')
      await write(c, (trx, actor, deps) => action(trx, actor, { assembly: ref, motion }, deps))
      return c.json(await detailJson(c, { assembly: ref, motion }), 200)
    },
  )

motionsApi.openapi(
  createRoute({
    method: 'post',
    path: '/assemblies/{ref}/motions/{motion}/amendments',
    operationId: 'submitAmendment',
    tags,
    security,
    summary: "Propose an amendment: the motion's whole text as amended (a member on the roll or the board)",
    request: { params: motionParams, body: jsonBody(amendmentInput) },
    responses: { 201: jsonResponse(amendmentOutput, 'The new amendment'), ...problems(403, 404, 409, ...bodyProblems) },
  }),
  async (c) => {
    const { ref, motion } = c.req.valid('param')
    const input = c.req.valid('json')
    const amendment = await write(c, (trx, actor, deps) =>
      submitAmendment(trx, actor, { ...input, assembly: ref, motion }, deps),
    )
    return c.json(amendmentJson(amendment), 201)
  },
)

for (const [step, action, summary] of [
  ['admit', admitAmendment, 'Admit an amendment (board)'],
  ['withdraw', withdrawAmendment, 'Withdraw an amendment (its submitter)'],
] as const)
  motionsApi.openapi(
    createRoute({
      method: 'post',
      path: `/assemblies/{ref}/motions/{motion}/amendments/{amendment}/${step}`,
      operationId: `${step}Amendment`,
      tags,
      security,
      summary,
      request: { params: amendmentParams },
      responses: { 200: jsonResponse(motionDetail, 'The motion'), ...problems(401, 403, 404, 409, 422) },
    }),
    async (c) => {
      const { ref, motion, amendment } = c.req.valid('param')
      await write(c, (trx, actor, deps) => action(trx, actor, { assembly: ref, motion, amendment }, deps))
      return c.json(await detailJson(c, { assembly: ref, motion }), 200)
    },
  )
