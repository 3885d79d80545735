import { createRoute, z } from '@hono/zod-openapi'
import { castQueueFor } from '../governance/ballots.queue.ts'
import { pollChanged } from '../governance/live.hub.ts'
import { closePoll, getPoll, openPoll, type PollView, publishedReceipts } from '../governance/polls.actions.ts'
import { onVotesCommitted } from '../governance/polls.routes.tsx'
import { closeInput } from '../governance/polls.schema.ts'
import { apiApp, bodyProblems, idParams, jsonBody, jsonResponse, problems, security, write } from './api.shared.ts'

/** Polls of assemblies: read (result after close), open, close with the chair's declaration, cast, receipts. */
export const pollsApi = apiApp()

const tags = ['Governance']

const pollSchema = z
  .object({
    id: z.string().uuid(),
    assemblyId: z.string().uuid(),
    title: z.string(),
    method: z.enum(['yes_no', 'candidates', 'pick']),
    seats: z.number().int(),
    secret: z.boolean(),
    majority: z.enum(['simple', 'two_thirds', 'three_quarters']),
    status: z.enum(['draft', 'open', 'closed']),
    options: z.array(z.object({ id: z.string().uuid(), label: z.string(), position: z.number().int() })),
    result: z.record(z.string(), z.unknown()).nullable().openapi({ description: 'The tally; null until closed' }),
    declaration: z.string().nullable(),
  })
  .openapi('Poll')

function view(p: PollView): z.infer<typeof pollSchema> {
  return {
    id: p.id,
    assemblyId: p.assemblyId,
    title: p.title,
    method: p.method,
    seats: p.seats,
    secret: p.secret,
    majority: p.majority,
    status: p.status,
    options: p.options,
    result: p.result as Record<string, unknown> | null,
    declaration: p.declaration,
  }
}

const castBody = z
  .object({
    choices: z
      .unknown()
      .openapi({ description: '{"choice":"yes"} | {"options":{"<option id>":"yes"}} | {"picks":["<option id>"]}' }),
    memberIds: z.array(z.string().uuid()).min(1).max(1000).optional().openapi({
      description: 'The members to vote for; absent: every member you represent who has not voted yet',
    }),
  })
  .openapi('Cast')

const castResult = z
  .object({
    pollId: z.string().uuid(),
    members: z.array(z.object({ memberId: z.string().uuid(), number: z.string(), name: z.string() })),
    receipts: z
      .array(z.string())
      .nullable()
      .openapi({ description: 'Secret polls: one receipt per member, shown once' }),
  })
  .openapi('CastResult')

pollsApi.openapi(
  createRoute({
    method: 'get',
    path: '/polls/{id}',
    operationId: 'getPoll',
    tags,
    security,
    summary: 'A poll; its result and declaration once closed',
    request: { params: idParams },
    responses: { 200: jsonResponse(pollSchema, 'The poll'), ...problems(403, 404) },
  }),
  async (c) => {
    const poll = await getPoll(c.get('deps').db, c.get('actor'), c.req.valid('param').id)
    return c.json(view(poll), 200)
  },
)

pollsApi.openapi(
  createRoute({
    method: 'post',
    path: '/polls/{id}/open',
    operationId: 'openPoll',
    tags,
    security,
    summary: 'Open a poll (assembly.manage), only while the assembly takes votes',
    request: { params: idParams },
    responses: { 200: jsonResponse(pollSchema, 'The open poll'), ...problems(403, 404, 409) },
  }),
  async (c) => {
    const poll = await write(c, (trx, actor, deps) => openPoll(trx, actor, c.req.valid('param').id, deps))
    pollChanged(poll.assemblyId, { id: poll.id, status: poll.status })
    return c.json(view(poll), 200)
  },
)

pollsApi.openapi(
  createRoute({
    method: 'post',
    path: '/polls/{id}/close',
    operationId: 'closePoll',
    tags,
    security,
    summary: 'Close a poll and count (assembly.manage), with the chair’s declaration of the result',
    request: { params: idParams, body: jsonBody(closeInput) },
    responses: {
      200: jsonResponse(pollSchema, 'The closed poll with its result'),
      ...problems(403, 404, 409, ...bodyProblems),
    },
  }),
  async (c) => {
    const body = c.req.valid('json')
    const poll = await write(c, (trx, actor, deps) => closePoll(trx, actor, c.req.valid('param').id, body, deps))
    pollChanged(poll.assemblyId, { id: poll.id, status: poll.status })
    return c.json(view(poll), 200)
  },
)

pollsApi.openapi(
  createRoute({
    method: 'post',
    path: '/polls/{id}/ballots',
    operationId: 'castBallot',
    tags,
    security,
    summary: 'Vote, in one action, for every member you represent (yourself, an organisation, proxies)',
    description:
      'All or nothing: if any member named has voted, may not vote or is excluded, nothing is stored. The answer comes ' +
      'once the vote is committed. 409 `already_voted` / `poll_not_open`, 403 `not_entitled`.',
    request: { params: idParams, body: jsonBody(castBody) },
    responses: { 201: jsonResponse(castResult, 'Counted'), ...problems(403, 404, 409, ...bodyProblems) },
  }),
  async (c) => {
    const body = c.req.valid('json')
    const r = await castQueueFor(c.get('deps'), onVotesCommitted).submit(c.get('actor'), c.req.valid('param').id, body)
    return c.json({ pollId: r.pollId, members: r.members, receipts: r.receipts }, 201)
  },
)

pollsApi.openapi(
  createRoute({
    method: 'get',
    path: '/polls/{id}/receipts',
    operationId: 'pollReceipts',
    tags,
    security,
    summary: 'The receipts counted in a closed secret poll, sorted (never with choices)',
    request: { params: idParams },
    responses: {
      200: jsonResponse(z.object({ receipts: z.array(z.string()) }), 'The receipts'),
      ...problems(403, 404),
    },
  }),
  async (c) => {
    const receipts = await publishedReceipts(c.get('deps').db, c.get('actor'), c.req.valid('param').id)
    return c.json({ receipts }, 200)
  },
)
