import { createRoute, z } from '@hono/zod-openapi'
import { text } from '../platform/fields.ts'
import { adoptStatutes, listStatutes, statutesOn } from '../statutes/statutes.actions.ts'
import { statutesSettingsSchema } from '../statutes/statutes.rules.ts'
import { apiApp, bodyProblems, jsonBody, jsonResponse, problems, security, write } from './api.shared.ts'
import { plainDate, today } from './members.shared.ts'
import { optionalToken } from './public-routes.ts'

/** The statutes (Satzung) as versioned settings: public to read, adopted by the board. */
export const statutesApi = apiApp()

const tags = ['Statutes']

const sizeTier = z
  .object({
    key: z.string().openapi({ example: 'medium' }),
    fromEmployees: z.number().int(),
    fromBudgetCents: z.number().int(),
    shares: z.number().int(),
  })
  .openapi('SizeTier')

const settingsOutput = z
  .object({
    shareValueCents: z.number().int().openapi({ example: 10000 }),
    minimumShares: z.number().int(),
    sizeTiers: z.array(sizeTier),
    sharesPerPrimaryArea: z.number().int(),
    employeeMemberShares: z.number().int(),
    supportingMemberShares: z.number().int(),
    maximumShares: z.number().int(),
    minimumPaymentPercent: z.number().int(),
    instalmentCount: z.number().int(),
    instalmentIntervalMonths: z.number().int(),
    noticeMonths: z.number().int(),
    fiscalYearStartMonth: z.number().int(),
    supportingMembersVote: z.boolean(),
    proxyLimit: z.number().int(),
    admissionApprovals: z.number().int(),
    pluralVotesMax: z
      .number()
      .int()
      .openapi({ description: 'Most votes per member, 1 = no plural votes (§43 (3) GenG)' }),
    demandPercent: z
      .number()
      .int()
      .openapi({ description: 'Percent of members who may demand an assembly (§45 (1) GenG)' }),
    writtenVotes: z
      .boolean()
      .openapi({ description: 'Written or electronic votes outside an assembly (§43 (7) GenG)' }),
    invitationDays: z
      .number()
      .int()
      .openapi({ description: 'Days between invitation and assembly, >= 14 (§46 (1) GenG)' }),
    agendaDays: z.number().int().openapi({ description: 'Days agenda items are announced ahead, >= 7 (§46 (2) GenG)' }),
  })
  .openapi('StatutesSettings')

const statutesVersion = z
  .object({
    id: z.string().uuid(),
    validFrom: z.string().openapi({ format: 'date' }),
    settings: settingsOutput,
    note: z.string(),
    createdAt: z.string().openapi({ format: 'date-time' }),
    createdBy: z.string(),
  })
  .openapi('StatutesVersion')

const adoptInput = z
  .object({
    validFrom: plainDate().openapi({ description: 'First day the version applies; today or later' }),
    settings: statutesSettingsSchema.openapi({ description: 'Every setting of the new version' }),
    note: text(500).default('').openapi({ example: 'Resolution of the general assembly of 2026-06-20' }),
  })
  .strict()
  .openapi('StatutesInput')

statutesApi.openapi(
  createRoute({
    method: 'get',
    path: '/statutes',
    operationId: 'listStatutes',
    tags,
    security: optionalToken,
    summary: 'Every version of the statutes, oldest first (public: applicants read them before they agree)',
    responses: {
      200: jsonResponse(z.object({ items: z.array(statutesVersion) }).openapi('StatutesList'), 'The versions'),
      ...problems(),
    },
  }),
  async (c) => c.json({ items: await listStatutes(c.get('deps').db) }, 200),
)

statutesApi.openapi(
  createRoute({
    method: 'get',
    path: '/statutes/in-force',
    operationId: 'getStatutesInForce',
    tags,
    security: optionalToken,
    summary: 'The version in force on a day (today unless `on` is given); every computation uses the one of its date',
    request: { query: z.object({ on: plainDate().optional() }) },
    responses: {
      200: jsonResponse(statutesVersion, 'The version in force'),
      ...problems(404, 422),
    },
  }),
  async (c) => {
    const { on } = c.req.valid('query')
    return c.json(await statutesOn(c.get('deps').db, on ?? today(c)), 200)
  },
)

statutesApi.openapi(
  createRoute({
    method: 'post',
    path: '/statutes',
    operationId: 'adoptStatutes',
    tags,
    security,
    summary: 'Adopt a new version from a date (board); versions are never edited and never start in the past',
    request: { body: jsonBody(adoptInput) },
    responses: {
      201: jsonResponse(statutesVersion, 'The new version'),
      ...problems(403, ...bodyProblems),
    },
  }),
  async (c) => {
    const input = c.req.valid('json')
    const version = await write(c, (trx, actor, deps) => adoptStatutes(trx, actor, input, deps))
    return c.json(version, 201)
  },
)
