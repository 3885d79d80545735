import { createRoute, z } from '@hono/zod-openapi'
import { extraSharesInput } from '../members/applications.schema.ts'
import { giveNotice, noticePreview, recordExit } from '../members/exit.actions.ts'
import { memberDashboard, myMemberships, registerEntries, searchMembers } from '../members/register.actions.ts'
import { declareExtraShares } from '../members/share-declarations.actions.ts'
import { listQuery } from '../organisations/organisations.schema.ts'
import { requiredText } from '../platform/fields.ts'
import { clientIp } from '../web/client.ts'
import {
  apiApp,
  bodyProblems,
  jsonBody,
  jsonResponse,
  paged,
  problems,
  requireScope,
  security,
  write,
} from './api.shared.ts'
import { applicationStatusView, submittedOutput } from './applications.schema.ts'
import { memberOutput, memberParams, plainDate, readOnly, today, visibleMember } from './members.shared.ts'

/** Members: the register's entries, the member's dashboard, notice and exit, further shares. */
export const membersApi = apiApp()

const tags = ['Members']

const memberQuery = listQuery.extend({
  q: listQuery.shape.q.openapi({ description: 'Part of the name or the member number' }),
  status: z
    .enum(['active', 'leaving', 'exited'])
    .optional()
    .openapi({ description: 'active: no exit date; leaving: exit date ahead; exited: exit date passed' }),
})

membersApi.openapi(
  createRoute({
    method: 'get',
    path: '/members',
    operationId: 'searchMembers',
    tags,
    security,
    summary: 'Members, newest number first (board, supervisory board, auditors: §30, §31 GenG)',
    request: { query: memberQuery },
    responses: {
      200: jsonResponse(paged(memberOutput, 'MemberPage'), 'A page of members'),
      ...problems(403, 422),
    },
  }),
  async (c) => {
    const { q, status, page, pageSize } = c.req.valid('query')
    const result = await searchMembers(c.get('deps').db, c.get('actor'), {
      q: q || undefined,
      status,
      page,
      pageSize,
      today: today(c),
    })
    return c.json({ ...result, page, pageSize }, 200)
  },
)

membersApi.openapi(
  createRoute({
    method: 'get',
    path: '/me/memberships',
    operationId: 'listMyMemberships',
    tags,
    security,
    summary:
      "The memberships the caller speaks for: its organisations' (as admin, representative, billing) and its own",
    responses: {
      200: jsonResponse(z.object({ items: z.array(memberOutput) }).openapi('MembershipList'), 'Newest first'),
      ...problems(403),
    },
  }),
  async (c) => {
    const actor = c.get('actor')
    requireScope(actor, 'members:read')
    return c.json({ items: await myMemberships(c.get('deps').db, actor, today(c)) }, 200)
  },
)

const capitalBalances = z
  .object({
    dueCents: z.number().int().openapi({ description: 'Payments called for so far' }),
    paidInCents: z.number().int(),
    lossCents: z.number().int(),
    payoutCents: z.number().int(),
    balanceCents: z.number().int().openapi({ description: 'Geschäftsguthaben: paid in minus loss and payouts' }),
    outstandingCents: z.number().int(),
  })
  .openapi('CapitalBalances')

const dashboard = z
  .object({
    member: memberOutput,
    sharesNow: z.number().int().openapi({ description: 'Shares held today' }),
    sharesTotal: z.number().int().openapi({ description: 'Shares after every booked change, later ones included' }),
    mandatoryShares: z.number().int(),
    voluntaryShares: z.number().int(),
    shareValueCents: z.number().int(),
    maximumShares: z.number().int(),
    subscribedCents: z.number().int(),
    capital: capitalBalances,
    owedNowCents: z.number().int().openapi({ description: 'Called for and not yet paid' }),
    unpaidCommitmentCents: z.number().int().openapi({ description: 'Subscribed and not yet paid, whenever due' }),
    pendingApplications: z.array(
      z.object({ id: z.string().uuid(), ref: z.string(), shares: z.number().int(), submittedAt: z.string() }),
    ),
    openPayouts: z.array(
      z.object({
        cause: z.string(),
        endedOn: z.string().openapi({ format: 'date' }),
        dueBy: z.string().openapi({ format: 'date' }),
      }),
    ),
  })
  .openapi('MemberDashboard')

membersApi.openapi(
  createRoute({
    method: 'get',
    path: '/members/{id}',
    operationId: 'getMember',
    tags,
    security,
    summary: 'One membership: status, shares (mandatory and voluntary), capital paid and owed',
    request: { params: memberParams },
    responses: {
      200: jsonResponse(dashboard, "The member's dashboard"),
      ...problems(403, 404, 422),
    },
  }),
  async (c) => {
    const { id } = c.req.valid('param')
    await visibleMember(c, id)
    const deps = c.get('deps')
    const { member, ledger, ...rest } = await memberDashboard(deps.db, c.get('actor'), id, deps)
    return c.json(
      {
        member,
        sharesNow: ledger.sharesNow,
        sharesTotal: ledger.sharesTotal,
        mandatoryShares: rest.mandatoryShares,
        voluntaryShares: rest.voluntaryShares,
        shareValueCents: rest.shareValueCents,
        maximumShares: rest.maximumShares,
        subscribedCents: ledger.subscribedCents,
        capital: ledger.capital,
        owedNowCents: ledger.owedNowCents,
        unpaidCommitmentCents: ledger.unpaidCommitmentCents,
        pendingApplications: rest.pendingApplications,
        openPayouts: rest.openPayouts,
      },
      200,
    )
  },
)

const registerEntry = z
  .object({
    effectiveOn: z.string().openapi({ format: 'date' }),
    event: z.enum([
      'joined',
      'subscription',
      'cancellation',
      'transfer_out',
      'transfer_in',
      'reversal',
      'notice',
      'exit',
    ]),
    sharesChange: z.number().int().nullable(),
    sharesAfter: z.number().int().nullable(),
    note: z.string().nullable(),
  })
  .openapi('RegisterEntry')

membersApi.openapi(
  createRoute({
    method: 'get',
    path: '/members/{id}/register-entries',
    operationId: 'getRegisterEntries',
    tags,
    security,
    summary: "The member's own entries in the register (§31 GenG): joining, each change of shares, notice and exit",
    request: { params: memberParams },
    responses: {
      200: jsonResponse(
        z.object({ member: memberOutput, entries: z.array(registerEntry) }).openapi('RegisterEntries'),
        'The entries in order of their effective date',
      ),
      ...problems(403, 404, 422),
    },
  }),
  async (c) => {
    const { id } = c.req.valid('param')
    await visibleMember(c, id)
    return c.json(await registerEntries(c.get('deps').db, c.get('actor'), id, today(c)), 200)
  },
)

const noticePreviewOutput = z
  .object({
    givenOn: z.string().openapi({ format: 'date', description: 'Notice is given today' }),
    exitDates: z
      .array(z.string().openapi({ format: 'date' }))
      .openapi({ description: 'The earliest exit (§65 GenG) first, then later fiscal-year ends one may choose' }),
    payoutDueBy: z.string().openapi({ format: 'date', description: 'Six months after the earliest exit (§73)' }),
    noticeMonths: z.number().int(),
  })
  .openapi('NoticePreview')

membersApi.openapi(
  createRoute({
    method: 'get',
    path: '/members/{id}/notice',
    operationId: 'previewNotice',
    tags,
    security,
    summary: 'What giving notice today would mean: the exit dates and the payout deadline',
    request: { params: memberParams },
    responses: {
      200: jsonResponse(noticePreviewOutput, 'The preview'),
      ...problems(403, 404, 422),
    },
  }),
  async (c) => {
    const { id } = c.req.valid('param')
    await visibleMember(c, id)
    const deps = c.get('deps')
    return c.json(await readOnly(c, (trx) => noticePreview(trx, c.get('actor'), id, deps)), 200)
  },
)

const endOutput = z
  .object({
    member: memberOutput,
    exitOn: z.string().openapi({ format: 'date' }),
    payoutDueBy: z.string().openapi({ format: 'date' }),
  })
  .openapi('MembershipEnd')

const noticeInput = z
  .object({
    givenOn: plainDate()
      .optional()
      .openapi({ description: 'Must be today (the default); a notice cannot be backdated' }),
    exitOn: plainDate()
      .optional()
      .openapi({ description: 'A later fiscal-year end instead of the earliest possible exit' }),
  })
  .strict()
  .openapi('NoticeInput')

membersApi.openapi(
  createRoute({
    method: 'post',
    path: '/members/{id}/notice',
    operationId: 'giveNotice',
    tags,
    security,
    summary: 'Give notice (§65 GenG): recorded at once with the exit date and the payout deadline, confirmed by mail',
    request: { params: memberParams, body: jsonBody(noticeInput) },
    responses: {
      200: jsonResponse(endOutput, 'The member with its exit date'),
      ...problems(403, 404, 409, ...bodyProblems),
    },
  }),
  async (c) => {
    const { id } = c.req.valid('param')
    const input = c.req.valid('json')
    await visibleMember(c, id)
    return c.json(await write(c, (trx, actor, deps) => giveNotice(trx, actor, id, input, deps)), 200)
  },
)

const exitInput = z
  .object({
    reason: z.enum(['exclusion', 'death', 'dissolution'], { error: 'invalid_choice' }).openapi({
      description: 'exclusion (§68 GenG), death (§77, persons), dissolution of a member organisation (§77a)',
    }),
    eventOn: plainDate().openapi({ description: 'The day of the decision, the death or the dissolution' }),
    note: requiredText(2000).openapi({ description: 'The reason recorded and told to the member' }),
  })
  .strict()
  .openapi('ExitInput')

membersApi.openapi(
  createRoute({
    method: 'post',
    path: '/members/{id}/exit',
    operationId: 'recordExit',
    tags,
    security,
    summary: 'The board records an exclusion, a death or a dissolution; the exit is at the end of that fiscal year',
    request: { params: memberParams, body: jsonBody(exitInput) },
    responses: {
      200: jsonResponse(endOutput, 'The member with its exit date'),
      ...problems(403, 404, 409, ...bodyProblems),
    },
  }),
  async (c) => {
    const { id } = c.req.valid('param')
    const input = c.req.valid('json')
    await visibleMember(c, id)
    return c.json(await write(c, (trx, actor, deps) => recordExit(trx, actor, id, input, deps)), 200)
  },
)

membersApi.openapi(
  createRoute({
    method: 'post',
    path: '/members/{id}/share-declarations',
    operationId: 'declareExtraShares',
    tags,
    security,
    summary:
      'Declare further shares (§15b GenG): only when the earlier shares are paid, within the maximum; the board admits them',
    request: { params: memberParams, body: jsonBody(extraSharesInput) },
    responses: {
      201: jsonResponse(submittedOutput, 'The declaration, waiting for the board'),
      ...problems(403, 404, 409, ...bodyProblems),
    },
  }),
  async (c) => {
    const { id } = c.req.valid('param')
    const { shares } = c.req.valid('json')
    await visibleMember(c, id)
    const context = { ip: clientIp(c), userAgent: c.req.header('user-agent') ?? null, lang: c.get('lang') }
    const { application, trackingToken } = await write(c, (trx, actor, deps) =>
      declareExtraShares(trx, actor, id, shares, context, deps),
    )
    return c.json({ application: applicationStatusView(application), trackingToken }, 201)
  },
)
