import { createRoute, z } from '@hono/zod-openapi'
import { approveApplication, rejectApplication } from '../members/admission.actions.ts'
import {
  applicationByToken,
  getApplication,
  listApplications,
  submitApplication,
  withdrawApplication,
} from '../members/applications.actions.ts'
import { applicationInput, rejectionInput } from '../members/applications.schema.ts'
import { listQuery } from '../organisations/organisations.schema.ts'
import { clientIp } from '../web/client.ts'
import {
  apiApp,
  bodyProblems,
  idParams,
  jsonBody,
  jsonResponse,
  paged,
  problems,
  security,
  write,
} from './api.shared.ts'
import {
  applicationOutput,
  applicationStatusOutput,
  applicationStatusView,
  approvalOutput,
  submittedOutput,
} from './applications.schema.ts'
import { plainDate } from './members.shared.ts'
import { optionalToken } from './public-routes.ts'

/** Membership applications: the public "Mitglied werden" flow, the applicant's tracking and the board's queue. */
export const applicationsApi = apiApp()

const tags = ['Applications']

const trackingParams = z.object({
  token: z
    .string()
    .regex(/^[\w-]{20,100}$/)
    .openapi({ param: { name: 'token', in: 'path' }, description: 'The tracking token from the submission' }),
})

applicationsApi.openapi(
  createRoute({
    method: 'post',
    path: '/applications',
    operationId: 'submitApplication',
    tags,
    security: optionalToken,
    summary:
      'Apply for membership (no token needed): stores the declaration in text form with time, address and statutes ' +
      'version (§15 GenG), mails a confirmation and returns the secret tracking token',
    description:
      'The declaration is written in the language of `Accept-Language` (English unless German is asked for). ' +
      "With `organisationId` and a token of that organisation's admin, an organisation the cooperative already " +
      'knows applies (its data is not entered again).',
    request: {
      query: z.object({
        organisationId: z
          .string()
          .uuid()
          .optional()
          .openapi({ description: 'An existing organisation applying through its admin (token required)' }),
      }),
      body: jsonBody(
        applicationInput,
        'The declaration: consentStatutes, consentPrivacy and acknowledgeDuties must be true',
      ),
    },
    responses: {
      201: jsonResponse(submittedOutput, 'The application and its tracking token'),
      ...problems(403, 404, ...bodyProblems),
    },
  }),
  async (c) => {
    const input = c.req.valid('json')
    const { organisationId } = c.req.valid('query')
    const actor = c.get('actor')
    const context = { ip: clientIp(c), userAgent: c.req.header('user-agent') ?? null, lang: c.get('lang') }
    const { application, trackingToken } = await write(c, (trx, _actor, deps) =>
      submitApplication(trx, input, context, deps, {
        actor: actor.kind === 'anonymous' ? undefined : actor,
        organisationId: organisationId?.toLowerCase(),
      }),
    )
    return c.json({ application: applicationStatusView(application), trackingToken }, 201)
  },
)

applicationsApi.openapi(
  createRoute({
    method: 'get',
    path: '/applications/tracking/{token}',
    operationId: 'trackApplication',
    tags,
    security: optionalToken,
    summary: 'The applicant follows their application with the tracking token (no account needed)',
    request: { params: trackingParams },
    responses: {
      200: jsonResponse(applicationStatusOutput, 'The application as the applicant sees it'),
      ...problems(404, 422),
    },
  }),
  async (c) => {
    const { token } = c.req.valid('param')
    return c.json(applicationStatusView(await applicationByToken(c.get('deps').db, token)), 200)
  },
)

applicationsApi.openapi(
  createRoute({
    method: 'post',
    path: '/applications/tracking/{token}/withdraw',
    operationId: 'withdrawApplication',
    tags,
    security: optionalToken,
    summary: 'The applicant withdraws an application the board has not decided yet',
    request: { params: trackingParams },
    responses: {
      200: jsonResponse(applicationStatusOutput, 'The withdrawn application'),
      ...problems(404, 409, 422),
    },
  }),
  async (c) => {
    const { token } = c.req.valid('param')
    const application = await write(c, (trx, _actor, deps) => withdrawApplication(trx, token, deps))
    return c.json(applicationStatusView(application), 200)
  },
)

const applicationQuery = listQuery.omit({ q: true }).extend({
  status: z
    .enum(['submitted', 'admitted', 'rejected', 'withdrawn'])
    .optional()
    .openapi({ description: 'Only applications in this state; `submitted` is the queue' }),
})

applicationsApi.openapi(
  createRoute({
    method: 'get',
    path: '/applications',
    operationId: 'listApplications',
    tags,
    security,
    summary: 'Applications, oldest first (board, supervisory board, auditors)',
    request: { query: applicationQuery },
    responses: {
      200: jsonResponse(paged(applicationOutput, 'ApplicationPage'), 'A page of applications'),
      ...problems(403, 422),
    },
  }),
  async (c) => {
    const { status, page, pageSize } = c.req.valid('query')
    const result = await listApplications(c.get('deps').db, c.get('actor'), { status, page, pageSize })
    return c.json({ ...result, page, pageSize }, 200)
  },
)

applicationsApi.openapi(
  createRoute({
    method: 'get',
    path: '/applications/{id}',
    operationId: 'getApplication',
    tags,
    security,
    summary: "One application with its declaration and the board's approvals",
    request: { params: idParams },
    responses: {
      200: jsonResponse(applicationOutput, 'The application'),
      ...problems(403, 404, 422),
    },
  }),
  async (c) => {
    const { id } = c.req.valid('param')
    return c.json(await getApplication(c.get('deps').db, c.get('actor'), id), 200)
  },
)

const approveInput = z
  .object({
    effectiveOn: plainDate()
      .optional()
      .openapi({ description: 'The day the membership (or the further shares) takes effect; today unless given' }),
  })
  .strict()
  .openapi('ApprovalInput')

applicationsApi.openapi(
  createRoute({
    method: 'post',
    path: '/applications/{id}/approve',
    operationId: 'approveApplication',
    tags,
    security,
    summary:
      'A board member approves; the last approval the statutes ask for admits (member number, register entry, ' +
      'shares and payments due, mail to the member)',
    request: { params: idParams, body: jsonBody(approveInput) },
    responses: {
      200: jsonResponse(approvalOutput, '`admitted` with the member, or `awaiting_approval` with the count so far'),
      ...problems(403, 404, 409, ...bodyProblems),
    },
  }),
  async (c) => {
    const { id } = c.req.valid('param')
    const { effectiveOn } = c.req.valid('json')
    const result = await write(c, (trx, actor, deps) => approveApplication(trx, actor, id, deps, { effectiveOn }))
    return c.json(result, 200)
  },
)

applicationsApi.openapi(
  createRoute({
    method: 'post',
    path: '/applications/{id}/reject',
    operationId: 'rejectApplication',
    tags,
    security,
    summary: 'The board rejects an application; the reason is mailed to the applicant',
    request: { params: idParams, body: jsonBody(rejectionInput) },
    responses: {
      200: jsonResponse(applicationOutput, 'The rejected application'),
      ...problems(403, 404, 409, ...bodyProblems),
    },
  }),
  async (c) => {
    const { id } = c.req.valid('param')
    const { reason } = c.req.valid('json')
    return c.json(await write(c, (trx, actor, deps) => rejectApplication(trx, actor, id, reason, deps)), 200)
  },
)
