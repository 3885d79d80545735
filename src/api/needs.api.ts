import { createRoute, z } from '@hono/zod-openapi'
import { getQuestionnaire, recordFollowUp } from '../needs/follow-up.actions.ts'
import { eraseQuestionnaire, questionnaireByToken, submitQuestionnaire } from '../needs/needs.actions.ts'
import { followUpInput, questionnaireInput } from '../needs/needs.schema.ts'
import { needsOverview } from '../needs/overview.actions.ts'
import { clientIp } from '../web/client.ts'
import {
  apiApp,
  bodyProblems,
  idParams,
  jsonBody,
  jsonResponse,
  paged,
  problemSchema,
  problems,
  security,
  write,
} from './api.shared.ts'
import { plainDate, today } from './members.shared.ts'
import {
  contactQuestionnaireOutput,
  contactView,
  detailView,
  followUpEntryOutput,
  itemView,
  overviewItemOutput,
  questionnaireDetailOutput,
  questionnaireQuery,
  submittedQuestionnaireOutput,
  summaryOutput,
  summaryView,
} from './needs.api.schema.ts'
import { optionalToken } from './public-routes.ts'

/**
 * The needs questionnaire (Bedarfsfragebogen): submitted by anyone, followed through the contact's tracking token,
 * erasable by the contact; read, projected and followed up by the founders (board, supervisory board, staff).
 */
export const needsApi = apiApp()

const tags = ['Needs questionnaires']

const trackingParams = z.object({
  token: z
    .string()
    .regex(/^[\w-]{20,100}$/)
    .openapi({ param: { name: 'token', in: 'path' }, description: 'The tracking token from the submission' }),
})

needsApi.openapi(
  createRoute({
    method: 'post',
    path: '/questionnaires',
    operationId: 'submitQuestionnaire',
    tags,
    security: optionalToken,
    summary:
      'Submit a needs questionnaire (no token needed): returns its reference, the quote computed with today’s ' +
      'catalog and statutes, and the secret tracking token; the contact gets a mail with the link',
    description:
      'Wanted areas must be areas of the catalog that are not discontinued (planned ones are fine). Without a token ' +
      'at most 5 an hour from one address and 3 for one email address (429). With `organisationId` and a token of ' +
      'that organisation’s admin, the questionnaire is linked to the organisation.',
    request: {
      query: z.object({
        organisationId: z
          .string()
          .uuid()
          .optional()
          .openapi({ description: 'An organisation the token’s account admins' }),
      }),
      body: jsonBody(questionnaireInput, 'The questionnaire; `consentContact` must be true'),
    },
    responses: {
      201: jsonResponse(submittedQuestionnaireOutput, 'The questionnaire, its quote and tracking token'),
      ...problems(403, 404, ...bodyProblems),
      429: {
        description: 'Too many questionnaires from this address or for this email within an hour',
        content: { 'application/problem+json': { schema: problemSchema } },
      },
    },
  }),
  async (c) => {
    const input = c.req.valid('json')
    const { organisationId } = c.req.valid('query')
    const { questionnaire, token } = await write(c, (trx, actor, deps) =>
      submitQuestionnaire(trx, actor, input, deps, {
        ip: clientIp(c),
        lang: c.get('lang'),
        organisationId: organisationId?.toLowerCase(),
      }),
    )
    return c.json({ ref: questionnaire.ref, trackingToken: token, questionnaire: contactView(questionnaire) }, 201)
  },
)

needsApi.openapi(
  createRoute({
    method: 'get',
    path: '/questionnaires/tracking/{token}',
    operationId: 'trackQuestionnaire',
    tags,
    security: optionalToken,
    summary: 'The contact reads their questionnaire and quote with the tracking token (no account needed)',
    request: { params: trackingParams },
    responses: {
      200: jsonResponse(contactQuestionnaireOutput, 'The questionnaire as the contact sees it'),
      ...problems(404, 422),
    },
  }),
  async (c) => {
    const { token } = c.req.valid('param')
    c.header('cache-control', 'private, no-store')
    return c.json(contactView(await questionnaireByToken(c.get('deps').db, token)), 200)
  },
)

needsApi.openapi(
  createRoute({
    method: 'post',
    path: '/questionnaires/tracking/{token}/erase',
    operationId: 'eraseQuestionnaire',
    tags,
    security: optionalToken,
    summary:
      'The contact withdraws consent (GDPR Art. 7 (3), 17): names, contact details, city and free text are erased; ' +
      'the figures stay anonymously for the founders’ totals',
    request: { params: trackingParams },
    responses: {
      200: jsonResponse(contactQuestionnaireOutput, 'The erased questionnaire'),
      ...problems(404, 422),
    },
  }),
  async (c) => {
    const { token } = c.req.valid('param')
    const questionnaire = await write(c, (trx, _actor, deps) => eraseQuestionnaire(trx, token, deps))
    return c.json(contactView(questionnaire), 200)
  },
)

const filterQuery = questionnaireQuery.extend({
  from: plainDate().optional(),
  to: plainDate().optional(),
})

needsApi.openapi(
  createRoute({
    method: 'get',
    path: '/questionnaires',
    operationId: 'listQuestionnaires',
    tags,
    security,
    summary:
      'Every questionnaire the filter selects, each recomputed with today’s prices and statutes (board, ' +
      'supervisory board, staff)',
    request: { query: filterQuery },
    responses: {
      200: jsonResponse(
        paged(overviewItemOutput, 'QuestionnairePage').extend({ day: plainDate() }),
        'A page of questionnaires',
      ),
      ...problems(403, 422),
    },
  }),
  async (c) => {
    const { page, pageSize, ...query } = c.req.valid('query')
    const overview = await needsOverview(c.get('deps').db, c.get('actor'), query, today(c))
    const items = overview.items.slice((page - 1) * pageSize, page * pageSize).map(itemView)
    return c.json({ items, total: overview.items.length, page, pageSize, day: overview.day }, 200)
  },
)

needsApi.openapi(
  createRoute({
    method: 'get',
    path: '/questionnaires/summary',
    operationId: 'summariseQuestionnaires',
    tags,
    security,
    summary:
      'The founders’ figures: organisations by stage and size tier, wanted areas, projected monthly revenue and ' +
      'subscribed capital by stage, for today (the business plan’s input)',
    request: { query: filterQuery.omit({ sort: true, dir: true, page: true, pageSize: true }) },
    responses: {
      200: jsonResponse(summaryOutput, 'The aggregates'),
      ...problems(403, 422),
    },
  }),
  async (c) => {
    const query = { ...c.req.valid('query'), sort: 'submitted' as const, dir: 'desc' as const }
    return c.json(summaryView(await needsOverview(c.get('deps').db, c.get('actor'), query, today(c))), 200)
  },
)

needsApi.openapi(
  createRoute({
    method: 'get',
    path: '/questionnaires/{id}',
    operationId: 'getQuestionnaire',
    tags,
    security,
    summary: 'One questionnaire with its stored quote and follow-up history',
    request: { params: idParams },
    responses: {
      200: jsonResponse(questionnaireDetailOutput, 'The questionnaire'),
      ...problems(403, 404, 422),
    },
  }),
  async (c) => {
    const { id } = c.req.valid('param')
    const { questionnaire, history } = await getQuestionnaire(c.get('deps').db, c.get('actor'), id)
    return c.json(detailView(questionnaire, history), 200)
  },
)

needsApi.openapi(
  createRoute({
    method: 'post',
    path: '/questionnaires/{id}/follow-ups',
    operationId: 'recordFollowUp',
    tags,
    security,
    summary:
      'Record a follow-up (board, staff): a history entry, and the questionnaire’s status, next date and assignee',
    request: { params: idParams, body: jsonBody(followUpInput) },
    responses: {
      201: jsonResponse(
        z.object({ entry: followUpEntryOutput, questionnaire: questionnaireDetailOutput }).openapi('FollowUpRecorded'),
        'The entry and the questionnaire after it',
      ),
      ...problems(403, 404, ...bodyProblems),
    },
  }),
  async (c) => {
    const { id } = c.req.valid('param')
    const input = c.req.valid('json')
    const { entry } = await write(c, (trx, actor, deps) => recordFollowUp(trx, actor, id, input, deps))
    const { questionnaire, history } = await getQuestionnaire(c.get('deps').db, c.get('actor'), id)
    return c.json({ entry, questionnaire: detailView(questionnaire, history) }, 201)
  },
)
