import assert from 'node:assert/strict'
import { randomInt } from 'node:crypto'
import { test } from 'node:test'
import { recordPayment } from '../src/capital/ledger.actions.ts'
import { submitApplication } from '../src/members/applications.actions.ts'
import { giveNotice } from '../src/members/exit.actions.ts'
import { systemActor } from '../src/platform/actor.ts'
import { defaultStatutes } from '../src/statutes/statutes.rules.ts'
import { createTestApp, type TestApp } from './support/app.ts'
import { TestClient } from './support/client.ts'
import { type Cooperative, password, seedCooperative, tokenFor } from './support/factories.ts'
import { admitMember, declaration } from './support/members.ts'

/**
 * Every route × every role. Each route has an expectation: who may pass its authorization. An allowed
 * request must not end in 401/403/404 or at the login page; a denied one must. Cross-organisation
 * attempts are the `otherAdmin` row: the admin of organisation B acting on organisation A.
 * A route added without an expectation fails the first test, so the table cannot fall behind.
 */
type Who =
  | 'anonymous'
  | 'board'
  | 'supervisor'
  | 'staff'
  | 'auditor'
  | 'orgAdmin'
  | 'otherAdmin'
  | 'memberUser'
  | 'outsider'
const everyone: Who[] = [
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

interface Expectation {
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

const expectations: Record<string, Expectation> = {
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

/**
 * Organisation A as a member with voluntary shares and a payment, a second member to transfer to, a third
 * that gave notice (a payout on the worklist) and an open application: what the membership routes act on.
 */
interface Fixtures {
  memberId: string
  otherNumber: string
  paymentId: string
  applicationId: string
  trackingToken: string
  statutesId: string
  payoutId: string
}

const fixtureCache = new WeakMap<TestApp, Fixtures>()

async function fixtures(t: TestApp, coop: Cooperative): Promise<Fixtures> {
  const cached = fixtureCache.get(t)
  if (cached) return cached
  const system = systemActor('test')
  const { member } = await admitMember(t.deps, { voluntaryShares: 2 }, { organisationId: coop.orgA.id })
  const { member: other } = await admitMember(t.deps, { organisationName: 'Zweite e.V.', email: 'z@zwei.test' })
  const { member: leaving } = await admitMember(t.deps, { organisationName: 'Dritte e.V.', email: 'd@drei.test' })
  const fx = await t.deps.db.transaction().execute(async (trx) => {
    const paid = await recordPayment(
      trx,
      system,
      member.id,
      { amountCents: 40_000, receivedOn: member.joinedOn, reference: 'SEPA' },
      t.deps,
    )
    await giveNotice(trx, system, leaving.id, {}, t.deps)
    const { application, trackingToken } = await submitApplication(
      trx,
      declaration({ organisationName: 'Vierte e.V.', email: 'v@vier.test' }),
      { ip: null, userAgent: null, lang: 'de' },
      t.deps,
    )
    const statutes = await trx.selectFrom('statutes_version').select('id').executeTakeFirstOrThrow()
    const payout = await trx.selectFrom('payout').select('id').executeTakeFirstOrThrow()
    return {
      memberId: member.id,
      otherNumber: other.number,
      paymentId: paid.transactionId,
      applicationId: application.id,
      trackingToken,
      statutesId: statutes.id,
      payoutId: payout.id,
    }
  })
  fixtureCache.set(t, fx)
  return fx
}

function routesOf(t: TestApp): string[] {
  return [...new Set(t.app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`))].sort()
}

function accountOf(coop: Cooperative, who: Who) {
  const map = {
    board: coop.board,
    supervisor: coop.supervisor,
    staff: coop.staff,
    auditor: coop.auditor,
    orgAdmin: coop.orgA.admin,
    otherAdmin: coop.orgB.admin,
    memberUser: coop.orgA.user,
    outsider: coop.outsider,
  }
  return who === 'anonymous' ? null : map[who]
}

interface Credentials {
  client: TestClient | null
  bearer: string | null
}

// Signing in and minting a token once per role and database keeps the walk fast.
const credentialCache = new WeakMap<TestApp, Map<Who, Credentials>>()

async function credentials(t: TestApp, coop: Cooperative, who: Who, fresh: boolean): Promise<Credentials> {
  const cache = credentialCache.get(t) ?? new Map<Who, Credentials>()
  credentialCache.set(t, cache)
  const cached = cache.get(who)
  if (cached && !fresh) return cached
  const account = accountOf(coop, who)
  const client = new TestClient(t)
  client.ip = `10.0.${randomInt(250)}.${randomInt(250)}`
  if (!account) {
    await client.get('/login')
    const creds = { client, bearer: null }
    if (!fresh) cache.set(who, creds)
    return creds
  }
  assert.equal((await client.signIn(account.email, password)).status, 303, `${who} signs in`)
  const creds = { client, bearer: await tokenFor(t.deps, account.accountId) }
  if (!fresh) cache.set(who, creds)
  return creds
}

async function attempt(
  t: TestApp,
  coop: Cooperative,
  route: string,
  who: Who,
  expectation: Expectation,
): Promise<{ status: number; location: string | null }> {
  const [method, pattern] = route.split(' ') as [string, string]
  const isApi = pattern.startsWith('/api/')
  // Signing out ends the session: that route gets a session of its own.
  const { client, bearer } = await credentials(t, coop, who, route === 'POST /logout')
  // Token routes revoke a token of the actor's own, not the one the matrix keeps using.
  const account = accountOf(coop, who)
  let tokenId = '00000000-0000-4000-8000-000000000000'
  if (account && pattern.includes('tokens/:id')) {
    await tokenFor(t.deps, account.accountId)
    tokenId = (
      await t.deps.db
        .selectFrom('api_token')
        .select('id')
        .where('account_id', '=', account.accountId)
        .orderBy('created_at', 'desc')
        .executeTakeFirstOrThrow()
    ).id
  }
  const fx = await fixtures(t, coop)
  const body = expectation.bodyFor ? expectation.bodyFor(fx) : expectation.body
  const path = pattern
    .replace(/^(\/api\/v1)?\/members\/:id/, `$1/members/${fx.memberId}`)
    .replace(/^(\/api\/v1)?\/applications\/:id/, `$1/applications/${fx.applicationId}`)
    .replace(/^(\/api\/v1)?\/payouts\/:id/, `$1/payouts/${fx.payoutId}`)
    .replace(/^\/statutes\/:id/, `/statutes/${fx.statutesId}`)
    .replace(':token', fx.trackingToken)
    .replace(':personId', coop.orgA.user.personId)
    .replace(/^\/people\/:id/, `/people/${coop.orgA.user.personId}`)
    .replace(/^\/api\/v1\/people\/:id/, `/api/v1/people/${coop.orgA.user.personId}`)
    .replace(/tokens\/:id/, `tokens/${tokenId}`)
    .replace(':id', coop.orgA.id)
    .replace(':lang', 'en')
    .replace(':name', 'app.css')
  if (isApi) {
    const headers: Record<string, string> = {}
    if (bearer && !path.endsWith('openapi.json')) headers.authorization = `Bearer ${bearer}`
    if (body) headers['content-type'] = 'application/json'
    const res = await t.app.request(path, {
      method,
      headers,
      body: body ? JSON.stringify(body) : undefined,
    })
    return { status: res.status, location: res.headers.get('location') }
  }
  const c = client!
  // Language switches stick in a cookie; keep every role on German pages.
  const res =
    method === 'GET' ? await c.get(path) : await c.post(path, (body ?? {}) as Record<string, string | string[]>)
  c.cookies.delete('allmende_lang')
  return { status: res.status, location: res.headers.get('location') }
}

test('every route has an authorization expectation, and every expectation a route', async () => {
  const t = await createTestApp({ config: { trustProxy: true } })
  try {
    const routes = routesOf(t)
    assert.deepEqual(
      routes.filter((r) => !expectations[r]),
      [],
      'routes without expectation',
    )
    assert.deepEqual(
      Object.keys(expectations)
        .filter((r) => !routes.includes(r))
        .sort(),
      [],
      'expectations without route',
    )
  } finally {
    await t.close()
  }
})

test('every route × every role is allowed or denied as expected', { timeout: 600_000 }, async () => {
  let shared = await createTestApp({ config: { trustProxy: true } })
  let coop = await seedCooperative(shared.deps)
  const failures: string[] = []
  try {
    for (const [route, expectation] of Object.entries(expectations)) {
      for (const who of everyone) {
        let t = shared
        let c = coop
        const isolate = expectation.fresh && expectation.allow !== 'public' && expectation.allow.includes(who)
        if (isolate) {
          t = await createTestApp({ config: { trustProxy: true } })
          c = await seedCooperative(t.deps)
        }
        try {
          const { status, location } = await attempt(t, c, route, who, expectation)
          const toLogin = status === 303 && (location ?? '').startsWith('/login')
          if (status >= 500) failures.push(`${route} as ${who}: ${status}`)
          else if (expectation.allow === 'public') continue
          else if (expectation.allow.includes(who)) {
            if ([401, 403, 404].includes(status) || toLogin)
              failures.push(`${route} as ${who}: expected allowed, got ${status} ${location ?? ''}`)
          } else if (!([401, 403, 404].includes(status) || toLogin))
            failures.push(`${route} as ${who}: expected denied, got ${status} ${location ?? ''}`)
        } finally {
          if (isolate) await t.close()
        }
      }
      // Some writes end sessions the cached credentials rely on: start the next route afresh.
      if (expectation.reseed) {
        await shared.close()
        shared = await createTestApp({ config: { trustProxy: true } })
        coop = await seedCooperative(shared.deps)
      }
    }
  } finally {
    await shared.close()
  }
  assert.deepEqual(failures, [])
})
