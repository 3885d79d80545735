import { createRoute, z } from '@hono/zod-openapi'
import {
  archiveOrganisation,
  createOrganisation,
  getOrganisation,
  searchOrganisations,
  updateOrganisation,
} from '../organisations/organisations.actions.ts'
import {
  listQuery,
  organisationInput,
  organisationOutput,
  organisationPatch,
} from '../organisations/organisations.schema.ts'
import { requiredText } from '../platform/fields.ts'
import {
  apiApp,
  bodyProblems,
  checkMergedPostalCode,
  hideUnrelated,
  idParams,
  jsonBody,
  jsonResponse,
  paged,
  problems,
  requireScope,
  security,
  write,
} from './api.shared.ts'

/** Organisations: the cooperative's member organisations, their data and their archiving. */
export const organisationsApi = apiApp()

const tags = ['Organisations']

const archiveInput = z
  .object({ reason: requiredText(500).openapi({ example: 'Membership ended (§ 65 GenG)' }) })
  .strict()
  .openapi('ArchiveInput')

organisationsApi.openapi(
  createRoute({
    method: 'get',
    path: '/organisations',
    tags,
    security,
    summary: 'Organisations the account may see (all of them for the cooperative, its own for everyone else)',
    request: { query: listQuery },
    responses: {
      200: jsonResponse(paged(organisationOutput, 'OrganisationPage'), 'A page of organisations'),
      ...problems(403, 422),
    },
  }),
  async (c) => {
    const actor = c.get('actor')
    requireScope(actor, 'organisations:read')
    const { q, page, pageSize } = c.req.valid('query')
    return c.json(await searchOrganisations(c.get('deps').db, actor, { q: q || undefined, page, pageSize }), 200)
  },
)

organisationsApi.openapi(
  createRoute({
    method: 'post',
    path: '/organisations',
    tags,
    security,
    summary: 'Register an organisation (board and staff)',
    request: { body: jsonBody(organisationInput) },
    responses: {
      201: jsonResponse(organisationOutput, 'The new organisation'),
      ...problems(403, ...bodyProblems),
    },
  }),
  async (c) => {
    const input = c.req.valid('json')
    const organisation = await write(c, (trx, actor, deps) => createOrganisation(trx, actor, input, deps))
    return c.json(organisation, 201, { location: `/api/v1/organisations/${organisation.id}` })
  },
)

organisationsApi.openapi(
  createRoute({
    method: 'get',
    path: '/organisations/{id}',
    tags,
    security,
    summary: 'One organisation',
    request: { params: idParams },
    responses: {
      200: jsonResponse(organisationOutput, 'The organisation'),
      ...problems(403, 404, 422),
    },
  }),
  async (c) => {
    const actor = c.get('actor')
    const { id } = c.req.valid('param')
    hideUnrelated(actor, id)
    return c.json(await getOrganisation(c.get('deps').db, actor, id), 200)
  },
)

organisationsApi.openapi(
  createRoute({
    method: 'patch',
    path: '/organisations/{id}',
    tags,
    security,
    summary: 'Change some fields of an organisation; the journal records the fields that changed',
    request: { params: idParams, body: jsonBody(organisationPatch) },
    responses: {
      200: jsonResponse(organisationOutput, 'The organisation as it is now'),
      ...problems(403, 404, 409, ...bodyProblems),
    },
  }),
  async (c) => {
    const { id } = c.req.valid('param')
    hideUnrelated(c.get('actor'), id)
    const patch = c.req.valid('json')
    const organisation = await write(c, async (trx, actor, deps) => {
      const updated = await updateOrganisation(trx, actor, id, patch, deps)
      checkMergedPostalCode(patch, updated)
      return updated
    })
    return c.json(organisation, 200)
  },
)

organisationsApi.openapi(
  createRoute({
    method: 'post',
    path: '/organisations/{id}/archive',
    tags,
    security,
    summary: 'Archive an organisation (board and staff); its history stays',
    request: { params: idParams, body: jsonBody(archiveInput) },
    responses: {
      200: jsonResponse(organisationOutput, 'The archived organisation'),
      ...problems(403, 404, ...bodyProblems),
    },
  }),
  async (c) => {
    const { id } = c.req.valid('param')
    hideUnrelated(c.get('actor'), id)
    const { reason } = c.req.valid('json')
    return c.json(await write(c, (trx, actor, deps) => archiveOrganisation(trx, actor, id, reason, deps)), 200)
  },
)
