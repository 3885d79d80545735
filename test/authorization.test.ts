import assert from 'node:assert/strict'
import { randomInt } from 'node:crypto'
import { test } from 'node:test'
import { type Expectation, everyone, expectations, type Who } from './authorization.expectations.ts'
import { createTestApp, type TestApp } from './support/app.ts'
import { TestClient } from './support/client.ts'
import { type Cooperative, password, seedCooperative, tokenFor } from './support/factories.ts'
import { fixtures } from './support/membership-fixtures.ts'

// Walks every route × every role against the table in authorization.expectations.ts (who may pass each
// route's authorization); membership routes act on the fixtures of support/membership-fixtures.ts.

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
  const body = expectation.bodyWith
    ? await expectation.bodyWith(t, coop)
    : expectation.bodyFor
      ? expectation.bodyFor(fx)
      : expectation.body
  let path = pattern
  if (expectation.params)
    for (const [name, value] of Object.entries(await expectation.params(t, coop))) path = path.replaceAll(name, value)
  path = path
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
