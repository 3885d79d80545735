import { createRoute, z } from '@hono/zod-openapi'
import { calculate, calculatorInput } from '../catalog/calculator.ts'
import { catalogOn } from '../catalog/catalog.actions.ts'
import type { Provider, StoredPriceVersion } from '../catalog/catalog.model.ts'
import { providerInput } from '../catalog/catalog.schema.ts'
import { addPriceVersion } from '../catalog/prices.actions.ts'
import { priceVersionInput } from '../catalog/prices.schema.ts'
import { createProvider, listProviders } from '../catalog/providers.actions.ts'
import { apiApp, bodyProblems, jsonBody, jsonResponse, problems, security, write } from './api.shared.ts'
import { priceVersionOutput, providerOutput, quoteOutput } from './catalog.shared.ts'
import { today } from './members.shared.ts'
import { optionalToken } from './public-routes.ts'

/** Prices (public to read, adopted by who manages the entry), providers (staff) and the public quote calculator. */
export const pricesApi = apiApp()

function priceOut(v: StoredPriceVersion, keys: { areas: Map<string, string>; services: Map<string, string> }) {
  return {
    id: v.id,
    areaKey: v.areaId ? (keys.areas.get(v.areaId) ?? null) : null,
    serviceKey: v.serviceId ? (keys.services.get(v.serviceId) ?? null) : null,
    kind: v.kind,
    validFrom: v.validFrom,
    validUntil: v.validUntil,
    vatPercent: v.vatPercent,
    currency: 'EUR' as const,
    tiers: v.tiers,
    monthlyCents: v.monthlyCents,
    setupCents: v.setupCents,
    hourlyMemberCents: v.hourlyMemberCents,
    hourlyNonMemberCents: v.hourlyNonMemberCents,
    note: v.note,
    createdAt: v.createdAt,
    createdBy: v.createdBy,
  }
}

function providerOut(p: Provider) {
  return {
    key: p.key,
    name: p.name,
    cooperative: p.isHome,
    organisationId: p.organisationId,
    website: p.website,
    description: p.description,
    archived: p.archived,
  }
}

async function keysOf(c: Parameters<typeof today>[0]) {
  const snapshot = await catalogOn(c.get('deps').db, today(c))
  return {
    snapshot,
    keys: {
      areas: new Map(snapshot.areas.map((a) => [a.id, a.key])),
      services: new Map(snapshot.areas.flatMap((a) => a.services).map((s) => [s.id, s.key])),
    },
  }
}

pricesApi.openapi(
  createRoute({
    method: 'get',
    path: '/prices',
    operationId: 'listPrices',
    tags: ['Prices'],
    security: optionalToken,
    summary: 'Every price version of every entry, oldest first (prices are public, their history too)',
    responses: {
      200: jsonResponse(z.object({ items: z.array(priceVersionOutput) }).openapi('PriceList'), 'The versions'),
      ...problems(),
    },
  }),
  async (c) => {
    const { snapshot, keys } = await keysOf(c)
    return c.json({ items: snapshot.versions.map((v) => priceOut(v, keys)) }, 200)
  },
)

pricesApi.openapi(
  createRoute({
    method: 'post',
    path: '/prices',
    operationId: 'adoptPriceVersion',
    tags: ['Prices'],
    security,
    summary:
      'Adopt a new price version (never backwards, never overlapping; a rise reaches running bookings only after their notice, and they are told)',
    request: { body: jsonBody(priceVersionInput) },
    responses: {
      201: jsonResponse(
        z.object({ version: priceVersionOutput, notified: z.number().int() }).openapi('PriceAdoption'),
        'The new version and how many running bookings were told',
      ),
      ...problems(403, 404, 409, ...bodyProblems),
    },
  }),
  async (c) => {
    const input = c.req.valid('json')
    const { version, notified } = await write(c, (trx, actor, deps) => addPriceVersion(trx, actor, input, deps))
    const { keys } = await keysOf(c)
    return c.json({ version: priceOut(version, keys), notified }, 201)
  },
)

pricesApi.openapi(
  createRoute({
    method: 'get',
    path: '/providers',
    operationId: 'listProviders',
    tags: ['Providers'],
    security,
    summary: 'The cooperative and its partner providers (staff)',
    responses: {
      200: jsonResponse(z.object({ items: z.array(providerOutput) }).openapi('ProviderList'), 'The providers'),
      ...problems(403),
    },
  }),
  async (c) => {
    const providers = await listProviders(c.get('deps').db, c.get('actor'))
    return c.json({ items: providers.map(providerOut) }, 200)
  },
)

pricesApi.openapi(
  createRoute({
    method: 'post',
    path: '/providers',
    operationId: 'createProvider',
    tags: ['Providers'],
    security,
    summary: 'List a partner provider for an organisation of the portal (staff); its admins then manage its entries',
    request: { body: jsonBody(providerInput) },
    responses: { 201: jsonResponse(providerOutput, 'The new provider'), ...problems(403, 409, ...bodyProblems) },
  }),
  async (c) => {
    const input = c.req.valid('json')
    const provider = await write(c, (trx, actor, deps) => createProvider(trx, actor, input, deps))
    return c.json(providerOut(provider), 201)
  },
)

pricesApi.openapi(
  createRoute({
    method: 'post',
    path: '/quotes/calculate',
    operationId: 'calculateQuote',
    tags: ['Prices'],
    security: optionalToken,
    summary:
      'The price calculator: monthly flat rate by size for the chosen primary areas, shares by the statutes, hourly estimates (nothing is stored)',
    request: { body: jsonBody(calculatorInput) },
    responses: { 200: jsonResponse(quoteOutput, 'The quote of today'), ...problems(...bodyProblems) },
  }),
  async (c) => {
    const input = c.req.valid('json')
    const calc = await calculate(c.get('deps').db, input, today(c))
    const { migration: _migration, ...quote } = calc.quote
    return c.json(
      {
        validOn: calc.snapshot.day,
        statutesValidFrom: calc.statutesValidFrom,
        capitalMonths: calc.capitalMonths,
        currency: 'EUR' as const,
        ...quote,
      },
      200,
    )
  },
)
