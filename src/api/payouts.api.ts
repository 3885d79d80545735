import { createRoute, z } from '@hono/zod-openapi'
import { listAnnualAccounts, listPayouts, recordAnnualAccounts, settlePayout } from '../capital/payouts.actions.ts'
import { requiredText, text } from '../platform/fields.ts'
import { apiApp, bodyProblems, idParams, jsonBody, jsonResponse, problems, security, write } from './api.shared.ts'
import { plainDate, today } from './members.shared.ts'

/** Payouts after an exit or a share cancellation (§73 GenG) and the annual accounts they wait for. */
export const payoutsApi = apiApp()

const tags = ['Payouts']

const payoutItem = z
  .object({
    id: z.string().uuid(),
    memberId: z.string().uuid(),
    memberNumber: z.string(),
    memberName: z.string(),
    cause: z.enum(['exit', 'share_cancellation']),
    endedOn: z.string().openapi({ format: 'date', description: 'Exit or effective date of the cancellation' }),
    dueBy: z.string().openapi({ format: 'date', description: 'Six months after it (§73 (2) GenG)' }),
    status: z.enum(['awaiting_accounts', 'payable', 'paid']),
    overdue: z.boolean(),
    accountsApprovedOn: z.string().nullable().openapi({ format: 'date' }),
    lossPercent: z.number().nullable(),
    balanceCents: z.number().int(),
    lossCents: z.number().int(),
    amountCents: z.number().int().openapi({ description: 'Expected, or when paid the amount paid' }),
    paidOn: z.string().nullable().openapi({ format: 'date' }),
  })
  .openapi('Payout')

payoutsApi.openapi(
  createRoute({
    method: 'get',
    path: '/payouts',
    operationId: 'listPayouts',
    tags,
    security,
    summary: "The board's worklist: payouts by deadline, with the expected amounts",
    request: {
      query: z.object({
        status: z
          .enum(['open', 'paid'])
          .optional()
          .openapi({ description: 'open: not paid yet (awaiting accounts or payable); paid; all when left out' }),
      }),
    },
    responses: {
      200: jsonResponse(z.object({ items: z.array(payoutItem) }).openapi('PayoutList'), 'The payouts'),
      ...problems(403, 422),
    },
  }),
  async (c) => {
    const { status } = c.req.valid('query')
    return c.json({ items: await listPayouts(c.get('deps').db, c.get('actor'), { status, today: today(c) }) }, 200)
  },
)

const settleInput = z
  .object({
    paidOn: plainDate().openapi({ description: 'After the end, not in the future' }),
    reference: requiredText(200).openapi({ example: 'SEPA Auszahlung M-00042' }),
  })
  .strict()
  .openapi('SettlementInput')

payoutsApi.openapi(
  createRoute({
    method: 'post',
    path: '/payouts/{id}/settle',
    operationId: 'settlePayout',
    tags,
    security,
    summary:
      'Pay out: once the annual accounts of that fiscal year are approved; books the share of a loss and the payout',
    request: { params: idParams, body: jsonBody(settleInput) },
    responses: {
      200: jsonResponse(payoutItem, 'The paid item'),
      ...problems(403, 404, 409, ...bodyProblems),
    },
  }),
  async (c) => {
    const { id } = c.req.valid('param')
    const input = c.req.valid('json')
    return c.json(await write(c, (trx, actor, deps) => settlePayout(trx, actor, id, input, deps)), 200)
  },
)

const annualAccounts = z
  .object({
    fiscalYearEnd: z.string().openapi({ format: 'date' }),
    approvedOn: z.string().openapi({ format: 'date' }),
    lossPercent: z.number(),
    note: z.string(),
  })
  .openapi('AnnualAccounts')

payoutsApi.openapi(
  createRoute({
    method: 'get',
    path: '/annual-accounts',
    operationId: 'listAnnualAccounts',
    tags,
    security,
    summary: 'Approved annual accounts, newest first',
    responses: {
      200: jsonResponse(z.object({ items: z.array(annualAccounts) }).openapi('AnnualAccountsList'), 'The accounts'),
      ...problems(403),
    },
  }),
  async (c) => c.json({ items: await listAnnualAccounts(c.get('deps').db, c.get('actor')) }, 200),
)

const annualAccountsInput = z
  .object({
    fiscalYearEnd: plainDate().openapi({ description: 'Last day of the fiscal year' }),
    approvedOn: plainDate().openapi({ description: 'Day the general assembly approved the accounts (§48 GenG)' }),
    lossPercent: z
      .number({ error: 'invalid_type' })
      .min(0, { error: 'too_small' })
      .max(100, { error: 'too_big' })
      .multipleOf(0.01)
      .default(0)
      .openapi({ description: 'Share of a loss leaving members bear, percent of their balance (§73 (2))' }),
    note: text(500).default(''),
  })
  .strict()
  .openapi('AnnualAccountsInput')

payoutsApi.openapi(
  createRoute({
    method: 'post',
    path: '/annual-accounts',
    operationId: 'recordAnnualAccounts',
    tags,
    security,
    summary: 'Record approved annual accounts; the payouts of that fiscal year become payable',
    request: { body: jsonBody(annualAccountsInput) },
    responses: {
      201: jsonResponse(annualAccounts, 'The recorded accounts'),
      ...problems(403, ...bodyProblems),
    },
  }),
  async (c) => {
    const input = c.req.valid('json')
    return c.json(await write(c, (trx, actor, deps) => recordAnnualAccounts(trx, actor, input, deps)), 201)
  },
)
