import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { createTestApp, type TestApp } from '../../test/support/app.ts'
import { api } from '../../test/support/client.ts'
import { type Cooperative, seedCooperative, tokenFor } from '../../test/support/factories.ts'
import { fixedClock } from '../platform/clock.ts'
import { expectJson, expectProblem, unchangedBy } from './api.testing.ts'

const clock = fixedClock(new Date('2026-03-02T10:00:00Z'))
let t: TestApp
let coop: Cooperative
before(async () => {
  t = await createTestApp({ clock })
  coop = await seedCooperative(t.deps)
})
after(() => t.close())

interface TokenInfo {
  id: string
  name: string
  prefix: string
  scopes: string[]
  expiresAt: string | null
  revokedAt: string | null
  token?: string
}

test('no token, a malformed header or an unknown token: 401 problem', async () => {
  for (const authorization of [undefined, 'Basic dXNlcjpwdw==', 'Bearer', 'Bearer alm_unknown', 'Bearer not-ours']) {
    const headers: Record<string, string> = authorization ? { authorization } : {}
    const res = await t.app.request('/api/v1/organisations', { headers })
    const problem = await expectProblem(res, 401, 'unauthenticated')
    assert.equal(problem.title, 'Authentication required')
  }
  const de = await t.app.request('/api/v1/me', { headers: { 'accept-language': 'de-DE' } })
  assert.equal((await expectProblem(de, 401, 'unauthenticated')).title, 'Anmeldung erforderlich')
})

test('a browser session cookie does not authenticate the API', async () => {
  const res = await t.app.request('/api/v1/me', { headers: { cookie: 'allmende_session=whatever' } })
  await expectProblem(res, 401)
})

test('GET /me: account, person, roles, organisations with functions and the token scopes', async () => {
  const token = await tokenFor(t.deps, coop.orgA.admin.accountId, ['organisations:read', 'people:read'])
  const me = await expectJson<{
    account: { id: string; email: string }
    person: { id: string }
    roles: string[]
    organisations: Array<{ id: string; name: string; functions: string[] }>
    token: { id: string; scopes: string[] }
  }>(await api(t, token, '/me'), 200)
  assert.equal(me.account.id, coop.orgA.admin.accountId)
  assert.equal(me.account.email, 'admin@a.test')
  assert.equal(me.person.id, coop.orgA.admin.personId)
  assert.deepEqual(me.roles, [])
  assert.deepEqual(me.organisations, [{ id: coop.orgA.id, name: 'Org A e.V.', functions: ['admin'] }])
  assert.deepEqual(me.token.scopes, ['organisations:read', 'people:read'])

  const board = await expectJson<{ roles: string[] }>(
    await api(t, await tokenFor(t.deps, coop.board.accountId), '/me'),
    200,
  )
  assert.deepEqual(board.roles, ['board'])
})

test('tokens: create shows the secret once, list hides it, revoke makes it a 401, scopes cannot grow', async () => {
  const token = await tokenFor(t.deps, coop.staff.accountId, ['organisations:read', 'organisations:write'])
  const created = await expectJson<TokenInfo>(
    await api(t, token, '/tokens', {
      method: 'POST',
      json: { name: 'export', scopes: ['organisations:read', 'organisations:read'], expiresInDays: 30 },
    }),
    201,
  )
  assert.match(created.token ?? '', /^alm_/)
  assert.deepEqual(created.scopes, ['organisations:read'])
  assert.equal(created.expiresAt, new Date(clock.now().getTime() + 30 * 86_400_000).toISOString())

  const list = await expectJson<{ items: TokenInfo[] }>(await api(t, token, '/tokens'), 200)
  const listed = list.items.find((i) => i.id === created.id)
  assert.ok(listed)
  assert.equal(listed.token, undefined)
  assert.ok(!JSON.stringify(list).includes(created.token!), 'the secret is never listed')

  await expectJson(await api(t, created.token!, '/organisations'), 200)
  const escalation = await unchangedBy(t, () =>
    api(t, token, '/tokens', { method: 'POST', json: { name: 'more', scopes: ['journal:read'] } }),
  )
  await expectProblem(escalation, 403, 'forbidden')

  const revoked = await api(t, token, `/tokens/${created.id}`, { method: 'DELETE' })
  assert.equal(revoked.status, 204)
  assert.equal(await revoked.text(), '')
  await expectProblem(await api(t, created.token!, '/organisations'), 401, 'unauthenticated')

  // Someone else's token id is simply not there.
  const other = await tokenFor(t.deps, coop.board.accountId)
  const otherId = (await expectJson<{ items: TokenInfo[] }>(await api(t, other, '/tokens'), 200)).items[0]!.id
  await expectProblem(
    await unchangedBy(t, () => api(t, token, `/tokens/${otherId}`, { method: 'DELETE' })),
    404,
    'not_found',
  )
  await expectProblem(await api(t, token, '/tokens/not-a-uuid', { method: 'DELETE' }), 422, 'validation')
})

test('an expired token is a 401', async () => {
  const token = await tokenFor(t.deps, coop.staff.accountId)
  const short = await expectJson<TokenInfo>(
    await api(t, token, '/tokens', {
      method: 'POST',
      json: { name: 'short', scopes: ['people:read'], expiresInDays: 1 },
    }),
    201,
  )
  await expectJson(await api(t, short.token!, '/me'), 200)
  clock.advance(86_400_000 + 1000)
  await expectProblem(await api(t, short.token!, '/me'), 401, 'unauthenticated')
  await expectJson(await api(t, token, '/me'), 200)
})

test('a disabled account loses its tokens', async () => {
  const token = await tokenFor(t.deps, coop.outsider.accountId)
  await expectJson(await api(t, token, '/me'), 200)
  await t.deps.db
    .updateTable('account')
    .set({ disabled_at: clock.now() })
    .where('id', '=', coop.outsider.accountId)
    .execute()
  await expectProblem(await api(t, token, '/me'), 401, 'unauthenticated')
})

test('scopes narrow the account: organisations:read cannot write, read people or the journal', async () => {
  const token = await tokenFor(t.deps, coop.board.accountId, ['organisations:read'])
  await expectJson(await api(t, token, '/organisations'), 200)
  await expectJson(await api(t, token, `/organisations/${coop.orgA.id}`), 200)
  const denied = await unchangedBy(t, () =>
    api(t, token, '/organisations', { method: 'POST', json: { name: 'Nope e.V.', legalForm: 'ev' } }),
  )
  await expectProblem(denied, 403, 'forbidden')
  await expectProblem(
    await unchangedBy(t, () =>
      api(t, token, `/organisations/${coop.orgA.id}`, { method: 'PATCH', json: { city: 'Potsdam' } }),
    ),
    403,
  )
  await expectProblem(await api(t, token, '/people'), 403)
  await expectProblem(await api(t, token, `/people/${coop.board.personId}`), 403)
  await expectProblem(await api(t, token, `/organisations/${coop.orgA.id}/people`), 403)
  await expectProblem(await api(t, token, '/journal'), 403)
  // Editing oneself needs people:write too.
  await expectProblem(
    await unchangedBy(t, () =>
      api(t, token, `/people/${coop.board.personId}`, { method: 'PATCH', json: { city: 'Köln' } }),
    ),
    403,
  )
})

test('a token without organisations:read sees no organisation list (403, not an empty page)', async () => {
  const token = await tokenFor(t.deps, coop.board.accountId, ['people:read'])
  await expectProblem(await api(t, token, '/organisations'), 403, 'forbidden')
  await expectJson(await api(t, token, '/people'), 200)
})
