import { createRoute, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { createArea, updateArea } from '../catalog/areas.actions.ts'
import { catalogOn } from '../catalog/catalog.actions.ts'
import { areaInput, areaPatch, serviceInput, servicePatch, statusInput } from '../catalog/catalog.schema.ts'
import { areaEntry, catalogFeed, isListed, serviceEntry } from '../catalog/feed.ts'
import { createService, updateService } from '../catalog/services.actions.ts'
import { setCatalogStatus } from '../catalog/status.actions.ts'
import type { AppEnv } from '../platform/context.ts'
import { DomainError } from '../platform/errors.ts'
import { apiApp, bodyProblems, jsonBody, jsonResponse, problems, security, write } from './api.shared.ts'
import { areaOutput, feedOutput, keyParams, serviceOutput } from './catalog.shared.ts'
import { today } from './members.shared.ts'
import { optionalToken } from './public-routes.ts'

/**
 * The service catalog in the JSON API: the feed's document and one area (public), and the management of areas,
 * services and their status (staff; a partner provider's admins for their own entries, catalog.policy).
 */
export const catalogApi = apiApp()

const tags = ['Catalog']

async function areaOut(c: Context<AppEnv>, key: string) {
  const snapshot = await catalogOn(c.get('deps').db, today(c))
  const area = snapshot.areas.find((a) => a.key === key)
  if (!area) throw new DomainError('not_found')
  return areaEntry(area, snapshot)
}

async function serviceOut(c: Context<AppEnv>, key: string) {
  const snapshot = await catalogOn(c.get('deps').db, today(c))
  const service = snapshot.areas.flatMap((a) => a.services).find((s) => s.key === key)
  if (!service) throw new DomainError('not_found')
  return serviceEntry(service, snapshot.versions, snapshot.day)
}

catalogApi.openapi(
  createRoute({
    method: 'get',
    path: '/catalog',
    operationId: 'getCatalog',
    tags,
    security: optionalToken,
    summary: 'The catalog as a federated portal imports it (the same document as /catalog/feed.json)',
    responses: { 200: jsonResponse(feedOutput, 'The catalog feed, format allmende-catalog version 1'), ...problems() },
  }),
  async (c) => {
    const { db, config } = c.get('deps')
    const { feed, etag } = await catalogFeed(db, today(c), config.baseUrl)
    c.header('etag', etag)
    return c.json(feed as z.infer<typeof feedOutput>, 200)
  },
)

catalogApi.openapi(
  createRoute({
    method: 'get',
    path: '/catalog/areas/{key}',
    operationId: 'getCatalogArea',
    tags,
    security: optionalToken,
    summary: 'One listed area with its services, prices in force and announced prices',
    request: { params: keyParams },
    responses: { 200: jsonResponse(areaOutput, 'The area'), ...problems(404, 422) },
  }),
  async (c) => {
    const { key } = c.req.valid('param')
    const snapshot = await catalogOn(c.get('deps').db, today(c))
    const area = snapshot.areas.find((a) => a.key === key)
    if (!area || !isListed(area)) throw new DomainError('not_found')
    return c.json(areaEntry(area, snapshot) as z.infer<typeof areaOutput>, 200)
  },
)

catalogApi.openapi(
  createRoute({
    method: 'post',
    path: '/catalog/areas',
    operationId: 'createCatalogArea',
    tags,
    security,
    summary: 'Create a service area, planned (staff; a partner admin under its own provider)',
    request: { body: jsonBody(areaInput) },
    responses: { 201: jsonResponse(areaOutput, 'The new area'), ...problems(403, 409, ...bodyProblems) },
  }),
  async (c) => {
    const input = c.req.valid('json')
    const area = await write(c, (trx, actor, deps) => createArea(trx, actor, input, deps))
    return c.json((await areaOut(c, area.key)) as z.infer<typeof areaOutput>, 201)
  },
)

catalogApi.openapi(
  createRoute({
    method: 'patch',
    path: '/catalog/areas/{key}',
    operationId: 'updateCatalogArea',
    tags,
    security,
    summary: 'Change an area: only the fields given (texts and terms may be given in part); key and kind stay',
    request: { params: keyParams, body: jsonBody(areaPatch) },
    responses: { 200: jsonResponse(areaOutput, 'The area'), ...problems(403, 404, ...bodyProblems) },
  }),
  async (c) => {
    const { key } = c.req.valid('param')
    const patch = c.req.valid('json') as Record<string, unknown>
    await write(c, (trx, actor, deps) => updateArea(trx, actor, key, patch, deps))
    return c.json((await areaOut(c, key)) as z.infer<typeof areaOutput>, 200)
  },
)

const serviceCreate = serviceInput.extend({ status: statusInput.shape.status.optional() }).openapi('ServiceCreateInput')

catalogApi.openapi(
  createRoute({
    method: 'post',
    path: '/catalog/services',
    operationId: 'createCatalogService',
    tags,
    security,
    summary: 'Create a service in an area (planned unless `status` says otherwise; orderable needs a price)',
    request: { body: jsonBody(serviceCreate) },
    responses: { 201: jsonResponse(serviceOutput, 'The new service'), ...problems(403, 409, ...bodyProblems) },
  }),
  async (c) => {
    const input = c.req.valid('json')
    const service = await write(c, (trx, actor, deps) => createService(trx, actor, input, deps))
    return c.json((await serviceOut(c, service.key)) as z.infer<typeof serviceOutput>, 201)
  },
)

catalogApi.openapi(
  createRoute({
    method: 'patch',
    path: '/catalog/services/{key}',
    operationId: 'updateCatalogService',
    tags,
    security,
    summary: 'Change a service: only the fields given; key, area and pricing stay',
    request: { params: keyParams, body: jsonBody(servicePatch) },
    responses: { 200: jsonResponse(serviceOutput, 'The service'), ...problems(403, 404, ...bodyProblems) },
  }),
  async (c) => {
    const { key } = c.req.valid('param')
    const patch = c.req.valid('json') as Record<string, unknown>
    await write(c, (trx, actor, deps) => updateService(trx, actor, key, patch, deps))
    return c.json((await serviceOut(c, key)) as z.infer<typeof serviceOutput>, 200)
  },
)

const statusOutput = z
  .object({ key: z.string(), status: z.enum(['planned', 'orderable', 'discontinued']) })
  .openapi('CatalogStatus')

for (const kind of ['areas', 'services'] as const)
  catalogApi.openapi(
    createRoute({
      method: 'put',
      path: `/catalog/${kind}/{key}/status`,
      operationId: kind === 'areas' ? 'setCatalogAreaStatus' : 'setCatalogServiceStatus',
      tags,
      security,
      summary: `Plan, open or discontinue ${kind === 'areas' ? 'an area' : 'a service'} (orderable needs a price holding today)`,
      request: { params: keyParams, body: jsonBody(statusInput) },
      responses: { 200: jsonResponse(statusOutput, 'The status now'), ...problems(403, 404, ...bodyProblems) },
    }),
    async (c) => {
      const { key } = c.req.valid('param')
      const { status } = c.req.valid('json')
      const db = c.get('deps').db
      const table = kind === 'areas' ? 'service_area' : 'service'
      if (!(await db.selectFrom(table).select('id').where('key', '=', key).executeTakeFirst()))
        throw new DomainError('not_found')
      await write(c, (trx, actor, deps) =>
        setCatalogStatus(trx, actor, kind === 'areas' ? { areaKey: key, status } : { serviceKey: key, status }, deps),
      )
      return c.json({ key, status }, 200)
    },
  )
