import { defaultStatutes } from '../src/statutes/statutes.rules.ts'
import type { Fixtures } from './support/membership-fixtures.ts'

/**
 * Every route × every role. Each route has an expectation: who may pass its authorization. An allowed
 * request must not end in 401/403/404 or at the login page; a denied one must. Cross-organisation
 * attempts are the `otherAdmin` row: the admin of organisation B acting on organisation A.
 * A route added without an expectation fails the first test, so the table cannot fall behind.
 */
export type Who =
  | 'anonymous'
  | 'board'
  | 'supervisor'
  | 'staff'
  | 'auditor'
  | 'orgAdmin'
  | 'otherAdmin'
  | 'memberUser'
  | 'outsider'
export const everyone: Who[] = [
  'anonymous',
  'board',
  'supervisor',
  'staff',
  'auditor',
  'orgAdmin',
  'otherAdmin',
  'memberUser',
  'outsider',
]
const signedIn: Who[] = everyone.filter((w) => w !== 'anonymous')
const readers: Who[] = ['board', 'supervisor', 'staff', 'auditor']
const operators: Who[] = ['board', 'staff']
/** Who reads the member register and every member's ledgers (§§30, 31 GenG): not staff. */
const registerReaders: Who[] = ['board', 'supervisor', 'auditor']
/** A membership's own people: its organisation's admin, plus the register readers. */
const memberReaders: Who[] = [...registerReaders, 'orgAdmin']
/** Who declares for the member (notice, further shares): its admin, or the board recording it. */
const memberDeclarers: Who[] = ['board', 'orgAdmin']

export interface Expectation {
  /** 'public': anyone, only checked for not failing (< 500). */
  allow: Who[] | 'public'
  /** Form fields or JSON body that pass validation for an allowed actor. */
  body?: Record<string, unknown>
  /** A body that needs the ids of the membership fixtures. */
  bodyFor?: (fx: Fixtures) => Record<string, unknown>
  /** An allowed request removes what later requests need: each allowed role gets a fresh database. */
  fresh?: boolean
  /** The request ends other sessions: start the next route on a fresh database. */
  reseed?: boolean
}

const orgForm = { name: 'Org A e.V.', legalForm: 'ev', postalCode: '10115', city: 'Berlin', country: 'DE' }
const personForm = { givenName: 'Ada', familyName: 'Lovelace', email: 'ada@example.org', postalCode: '', country: 'DE' }

export const expectations: Record<string, Expectation> = {
  'GET /healthz': { allow: 'public' },
  'GET /static/:name': { allow: 'public' },
  'GET /login': { allow: 'public' },
  'POST /login': { allow: 'public', body: { email: 'nobody@example.org', password: 'wrong password' } },
  'GET /login/second-factor': { allow: 'public' },
  'POST /login/second-factor': { allow: 'public', body: { code: '123456' } },
  'POST /logout': { allow: 'public' },
  'GET /password/forgot': { allow: 'public' },
  'POST /password/forgot': { allow: 'public', body: { email: 'nobody@example.org' } },
  'GET /password/reset': { allow: 'public' },
  'POST /password/reset': {
    allow: 'public',
    body: { token: 'x', password: 'long enough password', passwordConfirm: 'long enough password' },
  },
  'GET /verify-email': { allow: 'public' },
  'POST /verify-email': { allow: 'public', body: { token: 'x' } },
  'GET /lang/:lang': { allow: 'public' },
  'GET /auth/oidc/start': { allow: 'public' },
  'GET /auth/oidc/callback': { allow: 'public' },
  'GET /invite': { allow: 'public' },
  'POST /invite': {
    allow: 'public',
    body: { token: 'x', password: 'long enough password', passwordConfirm: 'long enough password' },
  },
  'POST /verify-email/resend': { allow: signedIn },
  'GET /': { allow: signedIn },
  'GET /profile': { allow: signedIn },
  'POST /profile': { allow: signedIn, body: personForm },
  'POST /profile/password': { allow: signedIn, body: { current: 'wrong', password: 'x', passwordConfirm: 'y' } },
  'POST /profile/two-factor/setup': { allow: signedIn },
  'POST /profile/two-factor/enable': { allow: signedIn, body: { code: '000000' } },
  'POST /profile/two-factor/disable': { allow: signedIn, body: { password: 'wrong' } },
  'POST /profile/tokens': { allow: signedIn, body: { name: 'matrix', scopes: ['organisations:read'] } },
  'POST /profile/tokens/:id/revoke': { allow: signedIn },
  'GET /organisations': { allow: signedIn },
  'GET /organisations/new': { allow: operators },
  'POST /organisations': { allow: operators, body: orgForm },
  'GET /organisations/:id': { allow: [...readers, 'orgAdmin', 'memberUser'] },
  'GET /organisations/:id/edit': { allow: [...operators, 'orgAdmin'] },
  'POST /organisations/:id': { allow: [...operators, 'orgAdmin'], body: orgForm },
  'POST /organisations/:id/archive': { allow: operators, body: { reason: 'test' }, fresh: true },
  'POST /organisations/:id/invitations': {
    allow: [...operators, 'orgAdmin'],
    body: { email: 'new@example.org', givenName: 'N', familyName: 'N', functions: ['member_user'] },
  },
  'POST /organisations/:id/people/:personId': {
    allow: [...operators, 'orgAdmin'],
    body: { functions: ['member_user', 'technical_contact'] },
  },
  'POST /organisations/:id/people/:personId/remove': { allow: [...operators, 'orgAdmin'], fresh: true },
  'GET /people': { allow: readers },
  'GET /people/new': { allow: operators },
  'POST /people': { allow: operators, body: personForm },
  'GET /people/:id': { allow: [...readers, 'orgAdmin', 'memberUser'] },
  'POST /people/:id': { allow: operators, body: personForm },
  'POST /people/:id/roles': { allow: ['board'], body: { roles: [] } },
  'POST /people/:id/reset-second-factor': { allow: operators, body: { reason: 'test' }, reseed: true },
  'GET /journal': { allow: [...readers, 'orgAdmin', 'otherAdmin'] },
  'GET /api/v1/openapi.json': { allow: 'public' },
  'GET /api/v1/me': { allow: signedIn },
  'GET /api/v1/organisations': { allow: signedIn },
  'POST /api/v1/organisations': { allow: operators, body: orgForm },
  'GET /api/v1/organisations/:id': { allow: [...readers, 'orgAdmin', 'memberUser'] },
  'PATCH /api/v1/organisations/:id': { allow: [...operators, 'orgAdmin'], body: { city: 'Potsdam' } },
  'POST /api/v1/organisations/:id/archive': { allow: operators, body: { reason: 'test' }, fresh: true },
  'GET /api/v1/organisations/:id/people': { allow: [...readers, 'orgAdmin', 'memberUser'] },
  'POST /api/v1/organisations/:id/invitations': {
    allow: [...operators, 'orgAdmin'],
    body: { email: 'new@example.org', givenName: 'N', familyName: 'N', functions: ['member_user'] },
  },
  'PUT /api/v1/organisations/:id/people/:personId': {
    allow: [...operators, 'orgAdmin'],
    body: { functions: ['member_user'] },
  },
  'DELETE /api/v1/organisations/:id/people/:personId': { allow: [...operators, 'orgAdmin'], fresh: true },
  'GET /api/v1/people': { allow: readers },
  'POST /api/v1/people': { allow: operators, body: personForm },
  'GET /api/v1/people/:id': { allow: [...readers, 'orgAdmin', 'memberUser'] },
  // The target is the member user's own person: everyone may edit their own contact data.
  'PATCH /api/v1/people/:id': { allow: [...operators, 'memberUser'], body: { city: 'Potsdam' } },
  'PUT /api/v1/people/:id/roles': { allow: ['board'], body: { roles: [] } },
  'GET /api/v1/journal': { allow: [...readers, 'orgAdmin', 'otherAdmin'] },
  'GET /api/v1/tokens': { allow: signedIn },
  'POST /api/v1/tokens': { allow: signedIn, body: { name: 'matrix', scopes: ['organisations:read'] } },
  'DELETE /api/v1/tokens/:id': { allow: signedIn },
  'GET /statutes': { allow: 'public' },
  'GET /statutes/:id': { allow: 'public' },
  'GET /statutes/new': { allow: ['board'] },
  'POST /statutes': { allow: ['board'], body: { validFrom: '' } },
  'GET /join': { allow: 'public' },
  'GET /join/quote': { allow: 'public' },
  'POST /join': { allow: 'public', body: { memberType: 'organisation' } },
  'GET /join/status/:token': { allow: 'public' },
  'GET /join/status/:token/declaration.pdf': { allow: 'public' },
  'POST /join/status/:token/withdraw': { allow: 'public' },
  'GET /applications': { allow: registerReaders },
  'GET /applications/:id': { allow: registerReaders },
  'GET /applications/:id/declaration.pdf': { allow: registerReaders },
  'POST /applications/:id/approve': { allow: ['board'], fresh: true },
  'POST /applications/:id/reject': { allow: ['board'], body: { reason: 'test' }, fresh: true },
  'GET /membership': { allow: signedIn },
  'GET /members': { allow: registerReaders },
  'GET /members/:id': { allow: memberReaders },
  'GET /members/:id/certificate.pdf': { allow: memberReaders },
  'GET /members/:id/statement.pdf': { allow: memberReaders },
  'GET /members/:id/register-extract.pdf': { allow: memberReaders },
  'GET /members/:id/declaration.pdf': { allow: memberReaders },
  'POST /members/:id/notice': { allow: memberDeclarers, fresh: true },
  'POST /members/:id/shares/declare': { allow: memberDeclarers, body: { shares: '1', consent: 'on' }, fresh: true },
  'POST /members/:id/shares/cancel': { allow: memberDeclarers, body: { cancelShares: '1' }, fresh: true },
  'POST /members/:id/exit': {
    allow: ['board'],
    body: { exitReason: 'exclusion', exitEventOn: '2026-01-15', exitNote: 'test' },
    fresh: true,
  },
  'POST /members/:id/payments': {
    allow: ['board'],
    body: { amountCents: '1', receivedOn: '2026-01-15', reference: 't' },
  },
  'POST /members/:id/reversals': {
    allow: ['board'],
    bodyFor: (fx) => ({ ledger: 'capital', transactionId: fx.paymentId, reason: 'test' }),
    fresh: true,
  },
  'POST /members/:id/transfers': {
    allow: ['board'],
    bodyFor: (fx) => ({ toMemberNumber: fx.otherNumber, transferShares: '1' }),
    fresh: true,
  },
  'GET /register': { allow: registerReaders },
  'GET /register.csv': { allow: registerReaders },
  'GET /register.pdf': { allow: registerReaders },
  'POST /register/purge': { allow: ['board'] },
  'GET /payouts': { allow: registerReaders },
  'POST /payouts/:id/settle': { allow: ['board'], body: { paidOn: '2026-01-15', reference: 't' } },
  'POST /payouts/annual-accounts': { allow: ['board'], body: { fiscalYearEnd: '' } },
  'GET /api/v1/statutes': { allow: 'public' },
  'GET /api/v1/statutes/in-force': { allow: 'public' },
  'POST /api/v1/statutes': {
    allow: ['board'],
    body: { validFrom: '2099-01-01', settings: defaultStatutes, note: 'test' },
  },
  'POST /api/v1/applications': { allow: 'public', body: {} },
  'GET /api/v1/applications/tracking/:token': { allow: 'public' },
  'POST /api/v1/applications/tracking/:token/withdraw': { allow: 'public' },
  'GET /api/v1/applications': { allow: registerReaders },
  'GET /api/v1/applications/:id': { allow: registerReaders },
  'POST /api/v1/applications/:id/approve': { allow: ['board'], body: {}, fresh: true },
  'POST /api/v1/applications/:id/reject': { allow: ['board'], body: { reason: 'test' }, fresh: true },
  'GET /api/v1/me/memberships': { allow: signedIn },
  'GET /api/v1/members': { allow: registerReaders },
  'GET /api/v1/members/:id': { allow: memberReaders },
  'GET /api/v1/members/:id/register-entries': { allow: memberReaders },
  'GET /api/v1/members/:id/ledgers': { allow: memberReaders },
  'GET /api/v1/members/:id/documents/certificate': { allow: memberReaders },
  'GET /api/v1/members/:id/documents/statement': { allow: memberReaders },
  'GET /api/v1/members/:id/documents/register-extract': { allow: memberReaders },
  'GET /api/v1/members/:id/documents/declaration': { allow: memberReaders },
  'GET /api/v1/members/:id/notice': { allow: memberDeclarers },
  'POST /api/v1/members/:id/notice': { allow: memberDeclarers, body: {}, fresh: true },
  'POST /api/v1/members/:id/exit': {
    allow: ['board'],
    body: { reason: 'exclusion', eventOn: '2026-01-15', note: 'test' },
    fresh: true,
  },
  'POST /api/v1/members/:id/share-declarations': {
    allow: memberDeclarers,
    body: { shares: 1, consent: true },
    fresh: true,
  },
  'POST /api/v1/members/:id/share-cancellations': { allow: memberDeclarers, body: { shares: 1 }, fresh: true },
  'PUT /api/v1/members/:id/primary-areas': { allow: ['board'], body: { primaryAreas: ['digital_infrastructure'] } },
  'POST /api/v1/members/:id/payments': {
    allow: ['board'],
    body: { amountCents: 1, receivedOn: '2026-01-15', reference: 't' },
  },
  'POST /api/v1/members/:id/reversals': {
    allow: ['board'],
    bodyFor: (fx) => ({ ledger: 'capital', transactionId: fx.paymentId, reason: 'test' }),
    fresh: true,
  },
  'POST /api/v1/members/:id/transfers': {
    allow: ['board'],
    bodyFor: (fx) => ({ toMemberNumber: fx.otherNumber, shares: 1 }),
    fresh: true,
  },
  'GET /api/v1/register': { allow: registerReaders },
  'GET /api/v1/register/csv': { allow: registerReaders },
  'GET /api/v1/register/pdf': { allow: registerReaders },
  'POST /api/v1/register/purge': { allow: ['board'] },
  'GET /api/v1/payouts': { allow: registerReaders },
  'POST /api/v1/payouts/:id/settle': { allow: ['board'], body: { paidOn: '2026-01-15', reference: 't' } },
  'GET /api/v1/annual-accounts': { allow: registerReaders },
  'POST /api/v1/annual-accounts': {
    allow: ['board'],
    body: { fiscalYearEnd: '2025-12-31', approvedOn: '2026-01-15', lossPercent: 0, note: '' },
  },
}
