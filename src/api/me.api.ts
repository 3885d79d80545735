import { createRoute, z } from '@hono/zod-openapi'
import { coopRoles, orgFunctions } from '../db/schema.ts'
import { getPerson } from '../people/people.actions.ts'
import { accountSummary, personOutput } from '../people/people.schema.ts'
import { apiScopes } from '../platform/actor.ts'
import { DomainError } from '../platform/errors.ts'
import { apiApp, jsonResponse, problems, security } from './api.shared.ts'

/** Who the token speaks for. */
export const meApi = apiApp()

const me = z
  .object({
    account: accountSummary,
    person: personOutput,
    roles: z.array(z.enum(coopRoles)).openapi({ description: "The account's cooperative roles" }),
    organisations: z
      .array(z.object({ id: z.string().uuid(), name: z.string(), functions: z.array(z.enum(orgFunctions)) }))
      .openapi({ description: 'Organisations (not archived) where the person holds a function' }),
    token: z.object({ id: z.string().uuid(), scopes: z.array(z.enum(apiScopes)) }),
  })
  .openapi('Me')

meApi.openapi(
  createRoute({
    method: 'get',
    path: '/me',
    tags: ['Me'],
    security,
    summary: 'The account, person, roles and organisations behind the token, and its scopes',
    responses: { 200: jsonResponse(me, 'The caller'), ...problems() },
  }),
  async (c) => {
    const actor = c.get('actor')
    const tokenId = c.get('apiTokenId')
    if (!actor.personId || !tokenId) throw new DomainError('unauthenticated')
    const person = await getPerson(c.get('deps').db, actor, actor.personId)
    if (!person.account) throw new DomainError('unauthenticated')
    return c.json(
      {
        account: person.account,
        person,
        roles: [...actor.roles].sort(),
        organisations: person.organisations.filter((o) => actor.orgs.has(o.id)),
        token: { id: tokenId, scopes: [...(actor.scopes ?? [])].sort() },
      },
      200,
    )
  },
)
