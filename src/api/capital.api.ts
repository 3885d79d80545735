import { createRoute, z } from '@hono/zod-openapi'
import { findCapitalTx, findShareTx } from '../capital/capital.repo.ts'
import { cancelVoluntaryShares, ledgerSummary, recordPayment } from '../capital/ledger.actions.ts'
import { reverseTransaction } from '../capital/reversals.actions.ts'
import { transferShares } from '../capital/transfers.actions.ts'
import { capitalTxKinds, shareTxKinds } from '../db/schema.ts'
import { authorizeMember } from '../members/members.model.ts'
import { fieldError } from '../platform/errors.ts'
import { count, euroCents, requiredText } from '../platform/fields.ts'
import { authorize } from '../platform/policy.ts'
import { apiApp, bodyProblems, jsonBody, jsonResponse, problems, security, write } from './api.shared.ts'
import { memberParams, plainDate, today, visibleMember } from './members.shared.ts'

/** A member's share and capital ledgers: reading them, cancellations, transfers, payments and reversals. */
export const capitalApi = apiApp()

const tags = ['Capital']

const shareTransaction = z
  .object({
    id: z.string().uuid(),
    seq: z.number().int(),
    kind: z.enum(shareTxKinds),
    shares: z.number().int().openapi({ description: 'Signed: negative for cancellations, transfers out, reversals' }),
    valueCents: z.number().int(),
    effectiveOn: z.string().openapi({ format: 'date' }),
    reversesId: z.string().uuid().nullable(),
    reversed: z.boolean().openapi({ description: 'A reversal points to this entry' }),
    counterpartId: z.string().uuid().nullable().openapi({ description: 'Links the entries of one transfer' }),
    applicationId: z.string().uuid().nullable(),
    note: z.string(),
    bookedAt: z.string().openapi({ format: 'date-time' }),
    bookedBy: z.string(),
  })
  .openapi('ShareTransaction')

const capitalTransaction = z
  .object({
    id: z.string().uuid(),
    seq: z.number().int(),
    kind: z.enum(capitalTxKinds),
    amountCents: z.number().int().openapi({ description: 'Signed, in euro cents' }),
    effectiveOn: z.string().openapi({ format: 'date' }),
    reversesId: z.string().uuid().nullable(),
    reversedKind: z.enum(capitalTxKinds).nullable(),
    reversed: z.boolean(),
    counterpartId: z.string().uuid().nullable(),
    reference: z.string(),
    note: z.string(),
    bookedAt: z.string().openapi({ format: 'date-time' }),
    bookedBy: z.string(),
  })
  .openapi('CapitalTransaction')

const ledgers = z
  .object({
    sharesNow: z.number().int(),
    sharesTotal: z.number().int(),
    subscribedCents: z.number().int(),
    balanceCents: z.number().int(),
    owedNowCents: z.number().int(),
    shares: z.array(shareTransaction).openapi({ description: 'In booking order' }),
    capital: z.array(capitalTransaction).openapi({ description: 'In booking order' }),
  })
  .openapi('Ledgers')

const iso = (value: Date | string) => new Date(value).toISOString()

capitalApi.openapi(
  createRoute({
    method: 'get',
    path: '/members/{id}/ledgers',
    operationId: 'getLedgers',
    tags,
    security,
    summary: "Every entry of the member's share and capital ledgers (append-only; corrections are reversals)",
    request: { params: memberParams },
    responses: {
      200: jsonResponse(ledgers, 'Both ledgers'),
      ...problems(403, 404, 422),
    },
  }),
  async (c) => {
    const { id } = c.req.valid('param')
    const row = await visibleMember(c, id)
    authorizeMember(c.get('actor'), 'capital.read', row)
    const summary = await ledgerSummary(c.get('deps').db, id, today(c))
    const reversed = new Set(
      [...summary.shareRows, ...summary.capitalRows].map((r) => r.reverses_id).filter((v) => v !== null),
    )
    return c.json(
      {
        sharesNow: summary.sharesNow,
        sharesTotal: summary.sharesTotal,
        subscribedCents: summary.subscribedCents,
        balanceCents: summary.capital.balanceCents,
        owedNowCents: summary.owedNowCents,
        shares: summary.shareRows.map((r) => ({
          id: r.id,
          seq: Number(r.seq),
          kind: r.kind,
          shares: r.shares,
          valueCents: Number(r.value_cents),
          effectiveOn: r.effective_on,
          reversesId: r.reverses_id,
          reversed: reversed.has(r.id),
          counterpartId: r.counterpart_id,
          applicationId: r.application_id,
          note: r.note,
          bookedAt: iso(r.booked_at),
          bookedBy: r.booked_by,
        })),
        capital: summary.capitalRows.map((r) => ({
          id: r.id,
          seq: Number(r.seq),
          kind: r.kind,
          amountCents: Number(r.amount_cents),
          effectiveOn: r.effective_on,
          reversesId: r.reverses_id,
          reversedKind: r.reversed_kind,
          reversed: reversed.has(r.id),
          counterpartId: r.counterpart_id,
          reference: r.reference,
          note: r.note,
          bookedAt: iso(r.booked_at),
          bookedBy: r.booked_by,
        })),
      },
      200,
    )
  },
)

const sharesCount = () => count(10_000).pipe(z.number().min(1, { error: 'too_small' }))

const cancellationInput = z
  .object({ shares: sharesCount().openapi({ description: 'Voluntary shares to give notice on' }) })
  .strict()
  .openapi('ShareCancellationInput')

capitalApi.openapi(
  createRoute({
    method: 'post',
    path: '/members/{id}/share-cancellations',
    operationId: 'cancelVoluntaryShares',
    tags,
    security,
    summary:
      'Give notice on voluntary shares (§67b GenG): effective at a fiscal-year end after the notice period; ' +
      'the mandatory shares stay',
    request: { params: memberParams, body: jsonBody(cancellationInput) },
    responses: {
      201: jsonResponse(
        z
          .object({
            transactionId: z.string().uuid(),
            effectiveOn: z.string().openapi({ format: 'date' }),
            sharesAfter: z.number().int(),
            mandatory: z.number().int(),
          })
          .openapi('ShareCancellation'),
        'The cancellation, booked with its effective date',
      ),
      ...problems(403, 404, 409, ...bodyProblems),
    },
  }),
  async (c) => {
    const { id } = c.req.valid('param')
    const input = c.req.valid('json')
    await visibleMember(c, id)
    return c.json(await write(c, (trx, actor, deps) => cancelVoluntaryShares(trx, actor, id, input, deps)), 201)
  },
)

const transferInput = z
  .object({
    toMemberNumber: z
      .string()
      .trim()
      .regex(/^M-\d{5,}$/i, { error: 'member_unknown' })
      .transform((v) => v.toUpperCase())
      .openapi({ example: 'M-00043' }),
    shares: sharesCount(),
    effectiveOn: plainDate().optional().openapi({ description: 'Today (default) or later' }),
  })
  .strict()
  .openapi('TransferInput')

capitalApi.openapi(
  createRoute({
    method: 'post',
    path: '/members/{id}/transfers',
    operationId: 'transferShares',
    tags,
    security,
    summary: 'The board records a transfer of fully paid shares with their capital to another member (§76 GenG)',
    request: { params: memberParams, body: jsonBody(transferInput) },
    responses: {
      201: jsonResponse(
        z
          .object({
            transferId: z.string().uuid(),
            amountCents: z.number().int(),
            effectiveOn: z.string().openapi({ format: 'date' }),
          })
          .openapi('Transfer'),
        'The four linked entries were booked',
      ),
      ...problems(403, 404, 409, ...bodyProblems),
    },
  }),
  async (c) => {
    const { id } = c.req.valid('param')
    const input = c.req.valid('json')
    await visibleMember(c, id)
    return c.json(await write(c, (trx, actor, deps) => transferShares(trx, actor, id, input, deps)), 201)
  },
)

const paymentInput = z
  .object({
    amountCents: euroCents(100_000_000_00)
      .pipe(z.number().min(1, { error: 'too_small' }))
      .openapi({ description: 'Euro cents received', example: 3000 }),
    receivedOn: plainDate().openapi({ description: 'Value date; not in the future' }),
    reference: requiredText(200).openapi({ example: 'SEPA 2026-03-10 Klimabündnis Nord' }),
  })
  .strict()
  .openapi('PaymentInput')

capitalApi.openapi(
  createRoute({
    method: 'post',
    path: '/members/{id}/payments',
    operationId: 'recordPayment',
    tags,
    security,
    summary: 'The board books a payment received on the shares (partial payments too; never more than subscribed)',
    request: { params: memberParams, body: jsonBody(paymentInput) },
    responses: {
      201: jsonResponse(z.object({ transactionId: z.string().uuid() }).openapi('Booking'), 'The payment entry'),
      ...problems(403, 404, 409, ...bodyProblems),
    },
  }),
  async (c) => {
    const { id } = c.req.valid('param')
    const input = c.req.valid('json')
    await visibleMember(c, id)
    return c.json(await write(c, (trx, actor, deps) => recordPayment(trx, actor, id, input, deps)), 201)
  },
)

const reversalInput = z
  .object({
    ledger: z.enum(['shares', 'capital'], { error: 'invalid_choice' }),
    transactionId: z
      .string()
      .uuid()
      .transform((v) => v.toLowerCase()),
    reason: requiredText(500).openapi({ example: 'Booked on the wrong member' }),
  })
  .strict()
  .openapi('ReversalInput')

capitalApi.openapi(
  createRoute({
    method: 'post',
    path: '/members/{id}/reversals',
    operationId: 'reverseTransaction',
    tags,
    security,
    summary:
      "Correct an entry of the member's ledger by its exact negative (a transfer on both sides); a reversal itself " +
      'cannot be reversed',
    request: { params: memberParams, body: jsonBody(reversalInput) },
    responses: {
      201: jsonResponse(
        z.object({ reversalIds: z.array(z.string().uuid()) }).openapi('Reversal'),
        'The reversal entries',
      ),
      ...problems(403, 404, 409, ...bodyProblems),
    },
  }),
  async (c) => {
    const { id } = c.req.valid('param')
    const input = c.req.valid('json')
    await visibleMember(c, id)
    const result = await write(c, async (trx, actor, deps) => {
      authorize(actor, 'capital.book')
      const target =
        input.ledger === 'shares'
          ? await findShareTx(trx, input.transactionId)
          : await findCapitalTx(trx, input.transactionId)
      // an entry of another member is not one of this member's: the same answer as an unknown id
      if (!target || target.member_id !== id) throw fieldError('transactionId', 'transaction_unknown')
      if (target.kind === 'reversal') throw fieldError('transactionId', 'reversal_of_reversal')
      return reverseTransaction(trx, actor, input, deps)
    })
    return c.json(result, 201)
  },
)
