import { createRoute } from '@hono/zod-openapi'
import { listQuery } from '../organisations/organisations.schema.ts'
import { setCoopRoles } from '../people/accounts.actions.ts'
import { createPerson, getPerson, searchPeople, updatePerson } from '../people/people.actions.ts'
import { personInput, personOutput, personPatch, rolesInput } from '../people/people.schema.ts'
import { DomainError } from '../platform/errors.ts'
import { authorize } from '../platform/policy.ts'
import {
  apiApp,
  bodyProblems,
  checkMergedPostalCode,
  idParams,
  jsonBody,
  jsonResponse,
  paged,
  problems,
  requireScope,
  security,
  write,
} from './api.shared.ts'

/** People: contact data of everyone the cooperative knows, and the cooperative roles of their accounts. */
export const peopleApi = apiApp()

const tags = ['People']

peopleApi.openapi(
  createRoute({
    method: 'get',
    path: '/people',
    tags,
    security,
    summary: "Everyone the cooperative knows (the cooperative's roles only)",
    request: { query: listQuery },
    responses: {
      200: jsonResponse(paged(personOutput, 'PersonPage'), 'A page of people'),
      ...problems(403, 422),
    },
  }),
  async (c) => {
    const { q, page, pageSize } = c.req.valid('query')
    return c.json(await searchPeople(c.get('deps').db, c.get('actor'), { q: q || undefined, page, pageSize }), 200)
  },
)

peopleApi.openapi(
  createRoute({
    method: 'post',
    path: '/people',
    tags,
    security,
    summary: 'Record a person (board and staff); no account is created',
    request: { body: jsonBody(personInput) },
    responses: {
      201: jsonResponse(personOutput, 'The new person'),
      ...problems(403, ...bodyProblems),
    },
  }),
  async (c) => {
    const input = c.req.valid('json')
    const person = await write(c, (trx, actor, deps) => createPerson(trx, actor, input, deps))
    return c.json(person, 201, { location: `/api/v1/people/${person.id}` })
  },
)

peopleApi.openapi(
  createRoute({
    method: 'get',
    path: '/people/{id}',
    tags,
    security,
    summary: "One person: the cooperative's roles, the person themselves, and admins of the person's organisations",
    request: { params: idParams },
    responses: {
      200: jsonResponse(personOutput, 'The person'),
      ...problems(403, 404, 422),
    },
  }),
  async (c) => {
    const actor = c.get('actor')
    requireScope(actor, 'people:read')
    return c.json(await getPerson(c.get('deps').db, actor, c.req.valid('param').id), 200)
  },
)

peopleApi.openapi(
  createRoute({
    method: 'patch',
    path: '/people/{id}',
    tags,
    security,
    summary: 'Change some fields of a person (board and staff, or the person themselves)',
    request: { params: idParams, body: jsonBody(personPatch) },
    responses: {
      200: jsonResponse(personOutput, 'The person as they are now'),
      ...problems(403, 404, ...bodyProblems),
    },
  }),
  async (c) => {
    const { id } = c.req.valid('param')
    requireScope(c.get('actor'), 'people:write')
    // Someone who may not see the person gets 404, not 403.
    await getPerson(c.get('deps').db, c.get('actor'), id)
    const patch = c.req.valid('json')
    const person = await write(c, async (trx, actor, deps) => {
      const updated = await updatePerson(trx, actor, id, patch, deps)
      checkMergedPostalCode(patch, updated)
      return updated
    })
    return c.json(person, 200)
  },
)

peopleApi.openapi(
  createRoute({
    method: 'put',
    path: '/people/{id}/roles',
    tags,
    security,
    summary: "Set the cooperative roles of a person's account (board only)",
    description:
      'The person must have an account (409 otherwise). The last board member cannot lose the board role (422).',
    request: { params: idParams, body: jsonBody(rolesInput) },
    responses: {
      200: jsonResponse(personOutput, 'The person with their roles now'),
      ...problems(403, 404, 409, ...bodyProblems),
    },
  }),
  async (c) => {
    const { id } = c.req.valid('param')
    const { roles } = c.req.valid('json')
    const { db } = c.get('deps')
    authorize(c.get('actor'), 'account.manage_roles')
    const account = (await getPerson(db, c.get('actor'), id)).account
    if (!account) throw new DomainError('conflict', 'the person has no account')
    await write(c, (trx, actor, deps) => setCoopRoles(trx, actor, account.id, roles, deps))
    return c.json(await getPerson(db, c.get('actor'), id), 200)
  },
)
