import assert from 'node:assert/strict'
import { test } from 'node:test'
import { createTestApp, type TestApp } from './support/app.ts'
import { TestClient } from './support/client.ts'
import { type Cooperative, password, seedCooperative, tokenFor } from './support/factories.ts'

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

interface Expectation {
  /** 'public': anyone, only checked for not failing (< 500). */
  allow: Who[] | 'public'
  /** Form fields or JSON body that pass validation for an allowed actor. */
  body?: Record<string, unknown>
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
  client.ip = `10.0.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`
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
  const path = pattern
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
    if (expectation.body) headers['content-type'] = 'application/json'
    const res = await t.app.request(path, {
      method,
      headers,
      body: expectation.body ? JSON.stringify(expectation.body) : undefined,
    })
    return { status: res.status, location: res.headers.get('location') }
  }
  const c = client!
  // Language switches stick in a cookie; keep every role on German pages.
  const res =
    method === 'GET'
      ? await c.get(path)
      : await c.post(path, (expectation.body ?? {}) as Record<string, string | string[]>)
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
