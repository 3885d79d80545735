import { createRoute, z } from '@hono/zod-openapi'
import { findOrganisation } from '../organisations/organisations.repo.ts'
import {
  invitePerson,
  listOrganisationPeople,
  removeFromOrganisation,
  setFunctions,
} from '../people/affiliations.actions.ts'
import { functionList, invitationInput, memberOfOrganisation } from '../people/people.schema.ts'
import type { Actor } from '../platform/actor.ts'
import type { AppContext } from '../platform/context.ts'
import { DomainError } from '../platform/errors.ts'
import {
  apiApp,
  bodyProblems,
  hideUnrelated,
  idParams,
  jsonBody,
  jsonResponse,
  problems,
  security,
  uuid,
  write,
} from './api.shared.ts'

/** The people of an organisation and their functions there (admin, member user, legal representative, …). */
export const affiliationsApi = apiApp()

const tags = ['People of an organisation']

const memberParams = z.object({ id: uuid('id'), personId: uuid('personId') })

const functionsInput = z.object({ functions: functionList }).strict().openapi('FunctionsInput')

const invitationResult = z
  .object({
    personId: z.string().uuid(),
    newAccount: z
      .boolean()
      .openapi({ description: 'true: a new person was invited by mail; false: an existing account was added' }),
  })
  .openapi('InvitationResult')

async function people(c: AppContext, actor: Actor, organisationId: string) {
  const { db } = c.get('deps')
  const items = await listOrganisationPeople(db, actor, organisationId, c.get('deps'))
  // The cooperative's readers may ask for any id; an empty list must not hide that it does not exist.
  if (items.length === 0 && !(await findOrganisation(db, organisationId, 'all'))) throw new DomainError('not_found')
  return items
}

affiliationsApi.openapi(
  createRoute({
    method: 'get',
    path: '/organisations/{id}/people',
    tags,
    security,
    summary: 'People of an organisation with their functions',
    request: { params: idParams },
    responses: {
      200: jsonResponse(z.object({ items: z.array(memberOfOrganisation) }).openapi('OrganisationPeople'), 'The people'),
      ...problems(403, 404, 422),
    },
  }),
  async (c) => {
    const actor = c.get('actor')
    const { id } = c.req.valid('param')
    hideUnrelated(actor, id)
    return c.json({ items: await people(c, actor, id) }, 200)
  },
)

affiliationsApi.openapi(
  createRoute({
    method: 'post',
    path: '/organisations/{id}/invitations',
    tags,
    security,
    summary: 'Invite a person by email (organisation admins, board, staff)',
    description:
      'Someone who already has an account is added at once and told by mail; anyone else gets a link to set a password.',
    request: { params: idParams, body: jsonBody(invitationInput) },
    responses: {
      201: jsonResponse(invitationResult, 'Invited or added'),
      ...problems(403, 404, ...bodyProblems),
    },
  }),
  async (c) => {
    const { id } = c.req.valid('param')
    hideUnrelated(c.get('actor'), id)
    const input = c.req.valid('json')
    const result = await write(c, (trx, actor, deps) => invitePerson(trx, actor, id, input, deps))
    return c.json(result, 201)
  },
)

affiliationsApi.openapi(
  createRoute({
    method: 'put',
    path: '/organisations/{id}/people/{personId}',
    tags,
    security,
    summary: "Set a person's functions in the organisation",
    description: 'An organisation keeps at least one admin unless the cooperative changes it (409 `last_admin`).',
    request: { params: memberParams, body: jsonBody(functionsInput) },
    responses: {
      200: jsonResponse(memberOfOrganisation, 'The person with their functions now'),
      ...problems(403, 404, 409, ...bodyProblems),
    },
  }),
  async (c) => {
    const { id, personId } = c.req.valid('param')
    hideUnrelated(c.get('actor'), id)
    const { functions } = c.req.valid('json')
    await write(c, (trx, actor, deps) => setFunctions(trx, actor, id, personId, functions, deps))
    const member = (await people(c, c.get('actor'), id)).find((p) => p.personId === personId)
    if (!member) throw new DomainError('not_found')
    return c.json(member, 200)
  },
)

affiliationsApi.openapi(
  createRoute({
    method: 'delete',
    path: '/organisations/{id}/people/{personId}',
    tags,
    security,
    summary: 'Remove a person from the organisation (their open invitation is withdrawn)',
    request: { params: memberParams },
    responses: {
      204: { description: 'Removed' },
      ...problems(403, 404, 409, 422),
    },
  }),
  async (c) => {
    const { id, personId } = c.req.valid('param')
    hideUnrelated(c.get('actor'), id)
    await write(c, (trx, actor, deps) => removeFromOrganisation(trx, actor, id, personId, deps))
    return c.body(null, 204)
  },
)
