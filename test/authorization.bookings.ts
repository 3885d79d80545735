import { type Expectation, operators, readers, signedIn } from './authorization.roles.ts'
import type { TestApp } from './support/app.ts'
import { bookingFixtures } from './support/booking-fixtures.ts'
import type { Cooperative } from './support/factories.ts'

/** Orders and bookings: who orders for Org A, who decides, who reads; the public request needs no account. */
const running = async (t: TestApp, coop: Cooperative) => ({ ':id': (await bookingFixtures(t, coop)).bookingId })
const requested = async (t: TestApp, coop: Cooperative) => ({ ':id': (await bookingFixtures(t, coop)).requestedId })
const tracked = async (t: TestApp, coop: Cooperative) => ({ ':token': (await bookingFixtures(t, coop)).trackingToken })

/** Those who speak for Org A (its admin), or staff and the board for it. */
const orderers: Expectation['allow'] = [...operators, 'orgAdmin']
const bookingReaders: Expectation['allow'] = [...readers, 'orgAdmin']

/** An hourly order for Org A; the fixtures open the catalog, so the order is priced. */
async function orderBody(t: TestApp, coop: Cooperative) {
  await bookingFixtures(t, coop)
  return {
    organisationId: coop.orgA.id,
    areaKey: 'consulting',
    serviceKey: 'it_projects',
    quantity: '2',
    startsOn: '2099-01-01',
    description: 'Beratung',
    acceptTerms: 'on',
  }
}
const requestBody = {
  organisationName: 'Verein',
  givenName: 'Vera',
  familyName: 'Ein',
  email: 'vera@verein.test',
  serviceKey: 'it_projects',
  quantity: '2',
  message: 'Hallo',
  consent: 'on',
}

export const bookingsExpectations: Record<string, Expectation> = {
  'GET /orders/new': { allow: signedIn },
  'POST /orders': { allow: orderers, bodyWith: orderBody },
  'GET /orders/record': { allow: operators },
  'POST /orders/record': {
    allow: operators,
    bodyWith: async (_t, coop) => ({
      organisationId: coop.orgA.id,
      areaKey: 'managed_workplace',
      startsOn: '2099-01-01',
      'config.devices': '3',
    }),
  },
  'GET /orders': { allow: operators },
  'GET /bookings': { allow: signedIn },
  'GET /bookings/:id': { allow: bookingReaders, params: running },
  'POST /bookings/:id/confirm': { allow: operators, params: requested, body: { startsOn: '2099-01-01' } },
  'POST /bookings/:id/reject': { allow: operators, params: requested, body: { reason: 'nein' } },
  'POST /bookings/:id/withdraw': { allow: orderers, params: requested },
  'POST /bookings/:id/cancel': { allow: orderers, params: running, body: { endsOn: '2099-12-31', reason: '' } },
  'POST /bookings/:id/changes': {
    allow: orderers,
    params: running,
    body: { startsOn: '2099-01-01', 'config.accounts': '9', acceptTerms: 'on' },
  },
  'GET /orders/request': { allow: 'public' },
  'POST /orders/request': { allow: 'public', body: requestBody },
  'GET /orders/status/:token': { allow: 'public', params: tracked },
  'POST /orders/status/:token/withdraw': { allow: 'public', params: tracked },
  'GET /api/v1/bookings': { allow: signedIn },
  'GET /api/v1/bookings/:id': { allow: bookingReaders, params: running },
  'GET /api/v1/bookings/:id/cancellation-preview': { allow: bookingReaders, params: running },
  'POST /api/v1/orders': {
    allow: orderers,
    bodyWith: async (t, coop) => ({ ...(await orderBody(t, coop)), acceptTerms: true, quantity: 2 }),
  },
  'POST /api/v1/bookings': {
    allow: operators,
    bodyWith: async (_t, coop) => ({
      organisationId: coop.orgA.id,
      areaKey: 'managed_workplace',
      startsOn: '2099-01-01',
      config: { devices: 3 },
    }),
  },
  'POST /api/v1/bookings/:id/confirm': { allow: operators, params: requested, body: { startsOn: '2099-01-01' } },
  'POST /api/v1/bookings/:id/reject': { allow: operators, params: requested, body: { reason: 'nein' } },
  'POST /api/v1/bookings/:id/withdraw': { allow: orderers, params: requested },
  'POST /api/v1/bookings/:id/cancel': { allow: orderers, params: running, body: { endsOn: '2099-12-31' } },
  'POST /api/v1/bookings/:id/changes': {
    allow: orderers,
    params: running,
    body: { startsOn: '2099-01-01', config: { accounts: 9 }, acceptTerms: true },
  },
  'POST /api/v1/order-requests': { allow: 'public', body: { ...requestBody, quantity: 2, consent: true } },
  'GET /api/v1/order-requests/tracking/:token': { allow: 'public', params: tracked },
  'POST /api/v1/order-requests/tracking/:token/withdraw': { allow: 'public', params: tracked },
}
