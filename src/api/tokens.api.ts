import { createRoute, z } from '@hono/zod-openapi'
import { apiScopes } from '../platform/actor.ts'
import { createApiToken, listApiTokens, revokeApiToken } from '../tokens/tokens.actions.ts'
import { tokenInput } from '../tokens/tokens.schema.ts'
import { apiApp, bodyProblems, idParams, jsonBody, jsonResponse, problems, security, write } from './api.shared.ts'

/** Personal API tokens of the calling account. */
export const tokensApi = apiApp()

const tags = ['Tokens']

const tokenInfo = z
  .object({
    id: z.string().uuid(),
    name: z.string(),
    prefix: z
      .string()
      .openapi({ description: 'First characters of the secret, to recognise it', example: 'alm_3fGh7k' }),
    scopes: z.array(z.enum(apiScopes)),
    createdAt: z.string(),
    expiresAt: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .openapi('ApiToken')

const newToken = tokenInfo
  .extend({ token: z.string().openapi({ description: 'The secret; shown only in this response', example: 'alm_…' }) })
  .openapi('NewApiToken')

tokensApi.openapi(
  createRoute({
    method: 'get',
    path: '/tokens',
    tags,
    security,
    summary: "The account's tokens (without secrets), newest first",
    responses: {
      200: jsonResponse(z.object({ items: z.array(tokenInfo) }).openapi('ApiTokenList'), 'The tokens'),
      ...problems(),
    },
  }),
  async (c) => c.json({ items: await listApiTokens(c.get('deps').db, c.get('actor')) }, 200),
)

tokensApi.openapi(
  createRoute({
    method: 'post',
    path: '/tokens',
    tags,
    security,
    summary: 'Create a token for the calling account; the secret is in the response and nowhere else',
    request: { body: jsonBody(tokenInput) },
    responses: {
      201: jsonResponse(newToken, 'The new token with its secret'),
      ...problems(403, ...bodyProblems),
    },
  }),
  async (c) => {
    const input = c.req.valid('json')
    const { token, info } = await write(c, (trx, actor, deps) => createApiToken(trx, actor, input, deps))
    return c.json({ ...info, token }, 201)
  },
)

tokensApi.openapi(
  createRoute({
    method: 'delete',
    path: '/tokens/{id}',
    tags,
    security,
    summary: 'Revoke one of the account’s tokens (the one in use, too)',
    request: { params: idParams },
    responses: {
      204: { description: 'Revoked' },
      ...problems(404, 422),
    },
  }),
  async (c) => {
    const { id } = c.req.valid('param')
    await write(c, (trx, actor, deps) => revokeApiToken(trx, actor, id, deps))
    return c.body(null, 204)
  },
)
