import { type Expectation, operators, signedIn } from './authorization.roles.ts'
import type { TestApp } from './support/app.ts'
import { catalogFixtures, catalogKeys } from './support/catalog-fixtures.ts'
import type { Cooperative } from './support/factories.ts'

/**
 * The catalog's routes: public reading (catalog, area pages, calculator, feed, prices); management by staff and
 * the board, and by a partner provider's admins for their own entries — organisation B is the partner here, so
 * `otherAdmin` may manage its area and service, and nobody else but staff may.
 */
const withFixtures =
  (values: Record<string, string> = {}) =>
  async (t: TestApp, coop: Cooperative) => {
    await catalogFixtures(t, coop)
    return values
  }
const partnerArea = withFixtures({ ':key': catalogKeys.area })
const partnerService = withFixtures({ ':key': catalogKeys.service })
const homeArea = withFixtures({ ':key': 'digital_infrastructure' })
const managers = [...operators, 'otherAdmin' as const]

const areaBody = {
  key: 'walk_area',
  kind: 'secondary',
  providerKey: catalogKeys.provider,
  name: { de: 'Bereich', en: 'Area' },
}
const serviceBody = {
  key: 'walk_service',
  areaKey: catalogKeys.area,
  pricing: 'hourly',
  name: { de: 'Leistung', en: 'Service' },
}
const areaForm = { key: '', kind: 'secondary', providerKey: catalogKeys.provider, 'name.de': '', 'name.en': '' }

export const catalogExpectations: Record<string, Expectation> = {
  'GET /catalog': { allow: 'public' },
  'GET /catalog/feed.json': { allow: 'public' },
  'GET /catalog/:key': { allow: 'public', params: homeArea },
  'GET /prices': { allow: 'public' },
  'GET /prices/result': { allow: 'public' },
  'GET /catalog/manage': { allow: managers, params: withFixtures() },
  'GET /catalog/areas/new': { allow: managers, params: withFixtures() },
  'POST /catalog/areas': { allow: managers, body: areaForm, params: withFixtures() },
  'GET /catalog/areas/:key/edit': { allow: managers, params: partnerArea },
  'POST /catalog/areas/:key': { allow: managers, body: { ...areaForm, 'name.de': '' }, params: partnerArea },
  'POST /catalog/areas/:key/status': { allow: managers, body: { status: 'planned' }, params: partnerArea },
  'GET /catalog/services/new': { allow: managers, params: withFixtures() },
  'POST /catalog/services': {
    allow: managers,
    body: { areaKey: catalogKeys.area, key: '', pricing: 'hourly', 'name.de': '' },
    params: withFixtures(),
  },
  'GET /catalog/services/:key/edit': { allow: managers, params: partnerService },
  'POST /catalog/services/:key': { allow: managers, body: { 'name.de': '' }, params: partnerService },
  'POST /catalog/services/:key/status': { allow: managers, body: { status: 'planned' }, params: partnerService },
  'GET /catalog/providers': { allow: operators, params: withFixtures() },
  'POST /catalog/providers': { allow: operators, body: { key: '', name: '' }, params: withFixtures() },
  'POST /catalog/providers/:key/archive': { allow: operators, params: withFixtures({ ':key': catalogKeys.provider }) },
  'GET /catalog/prices': { allow: signedIn, params: withFixtures() },
  'GET /catalog/prices/new': { allow: managers, params: withFixtures() },
  'POST /catalog/prices': {
    allow: managers,
    body: { serviceKey: catalogKeys.service, validFrom: '' },
    params: withFixtures(),
  },
  'POST /catalog/prices/settings': { allow: operators, body: { months: 'x' } },
  'GET /api/v1/catalog': { allow: 'public' },
  'GET /api/v1/catalog/areas/:key': { allow: 'public', params: homeArea },
  'POST /api/v1/catalog/areas': { allow: managers, body: areaBody, params: withFixtures() },
  'PATCH /api/v1/catalog/areas/:key': { allow: managers, body: { position: 3 }, params: partnerArea },
  'PUT /api/v1/catalog/areas/:key/status': { allow: managers, body: { status: 'planned' }, params: partnerArea },
  'POST /api/v1/catalog/services': { allow: managers, body: serviceBody, params: withFixtures() },
  'PATCH /api/v1/catalog/services/:key': { allow: managers, body: { position: 3 }, params: partnerService },
  'PUT /api/v1/catalog/services/:key/status': { allow: managers, body: { status: 'planned' }, params: partnerService },
  'GET /api/v1/prices': { allow: 'public' },
  'POST /api/v1/prices': {
    allow: managers,
    body: {
      serviceKey: catalogKeys.service,
      validFrom: '2000-01-01',
      vatPercent: 19,
      hourlyMemberCents: 1,
      hourlyNonMemberCents: 1,
    },
    params: withFixtures(),
  },
  'GET /api/v1/providers': { allow: operators },
  'POST /api/v1/providers': {
    allow: operators,
    body: { key: 'walk-provider', name: 'Walk eG', organisationId: '00000000-0000-4000-8000-000000000000' },
  },
  'POST /api/v1/quotes/calculate': { allow: 'public', body: { employees: 10, areas: ['digital_infrastructure'] } },
}
