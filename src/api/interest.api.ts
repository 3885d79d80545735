import { createRoute, z } from '@hono/zod-openapi'
import { confirmSubscription, exportSubscribers, signUp, unsubscribe } from '../interest/interest.actions.ts'
import { interestInput, tokenInput } from '../interest/interest.schema.ts'
import { clientIp } from '../web/client.ts'
import {
  apiApp,
  bodyProblems,
  jsonBody,
  jsonResponse,
  paged,
  problemSchema,
  problems,
  security,
  write,
} from './api.shared.ts'
import { optionalToken } from './public-routes.ts'

/** The interest list: the public sign-up with double opt-in, confirmation, unsubscribing; the confirmed for staff. */
export const interestApi = apiApp()

const tags = ['Interest list']

const statusOutput = (name: string, values: [string, ...string[]]) => z.object({ status: z.enum(values) }).openapi(name)

interestApi.openapi(
  createRoute({
    method: 'post',
    path: '/interest',
    operationId: 'signUpForInterestList',
    tags,
    security: optionalToken,
    summary: 'Sign up to stay informed (no token needed): a confirmation link is mailed (double opt-in)',
    description:
      'The answer is the same whether or not the address is already on the list. `consent` must be true; the ' +
      'consent text in the language of `Accept-Language` is stored with time, address and user agent.',
    request: { body: jsonBody(interestInput) },
    responses: {
      202: jsonResponse(statusOutput('InterestRequested', ['confirmation_sent']), 'Check the mailbox'),
      ...problems(...bodyProblems),
      429: {
        description: 'Too many sign-ups from this address or for this email within the hour',
        content: { 'application/problem+json': { schema: problemSchema } },
      },
    },
  }),
  async (c) => {
    const input = c.req.valid('json')
    const context = { ip: clientIp(c), userAgent: c.req.header('user-agent') ?? null, lang: c.get('lang') }
    await write(c, (trx, _actor, deps) => signUp(trx, input, context, deps))
    return c.json({ status: 'confirmation_sent' as const }, 202)
  },
)

interestApi.openapi(
  createRoute({
    method: 'post',
    path: '/interest/confirm',
    operationId: 'confirmInterest',
    tags,
    security: optionalToken,
    summary: 'Confirm a sign-up with the token from the mail (the second step of the double opt-in)',
    request: { body: jsonBody(tokenInput) },
    responses: {
      200: jsonResponse(statusOutput('InterestConfirmed', ['confirmed']), 'On the list'),
      ...problems(...bodyProblems),
    },
  }),
  async (c) => {
    const { token } = c.req.valid('json')
    await write(c, (trx, _actor, deps) => confirmSubscription(trx, token, { ip: clientIp(c) }, deps))
    return c.json({ status: 'confirmed' as const }, 200)
  },
)

interestApi.openapi(
  createRoute({
    method: 'post',
    path: '/interest/unsubscribe',
    operationId: 'unsubscribeInterest',
    tags,
    security: optionalToken,
    summary: 'Withdraw the consent with the unsubscribe token from a mail; at once, twice is fine',
    request: { body: jsonBody(tokenInput) },
    responses: {
      200: jsonResponse(statusOutput('InterestUnsubscribed', ['unsubscribed']), 'Off the list'),
      ...problems(404, ...bodyProblems),
    },
  }),
  async (c) => {
    const { token } = c.req.valid('json')
    await write(c, (trx, _actor, deps) => unsubscribe(trx, token, deps))
    return c.json({ status: 'unsubscribed' as const }, 200)
  },
)

const subscriber = z
  .object({
    email: z.string(),
    name: z.string().nullable(),
    organisation: z.string().nullable(),
    language: z.enum(['de', 'en']),
    consentedAt: z.string().openapi({ format: 'date-time' }),
    confirmedAt: z.string().openapi({ format: 'date-time' }),
    consentVersion: z.string().openapi({ description: 'Hash of the consent text agreed to' }),
  })
  .openapi('InterestSubscriber')

interestApi.openapi(
  createRoute({
    method: 'get',
    path: '/interest/subscribers',
    operationId: 'listInterestSubscribers',
    tags,
    security,
    summary: 'The confirmed subscribers (staff), oldest first, paged; each call is journaled as an export',
    request: {
      query: z.object({
        page: z.coerce.number().int().min(1).max(100000).default(1),
        pageSize: z.coerce.number().int().min(1).max(500).default(100),
      }),
    },
    responses: {
      200: jsonResponse(paged(subscriber, 'InterestSubscriberPage'), 'A page of subscribers'),
      ...problems(403, 422),
    },
  }),
  async (c) => {
    const { page, pageSize } = c.req.valid('query')
    const { items, total } = await write(c, (trx, actor, deps) =>
      exportSubscribers(trx, actor, { page, pageSize, form: 'api' }, deps),
    )
    return c.json(
      {
        items: items.map((s) => ({
          email: s.email,
          name: s.name,
          organisation: s.organisation,
          language: s.language,
          consentedAt: s.consentedAt.toISOString(),
          confirmedAt: s.confirmedAt.toISOString(),
          consentVersion: s.consentVersion,
        })),
        total,
        page,
        pageSize,
      },
      200,
    )
  },
)
