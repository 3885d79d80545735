import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { createTestApp, type TestApp } from '../../test/support/app.ts'
import { api, TestClient } from '../../test/support/client.ts'
import { type Cooperative, password, seedCooperative } from '../../test/support/factories.ts'

let t: TestApp
let coop: Cooperative
before(async () => {
  t = await createTestApp()
  coop = await seedCooperative(t.deps)
})
after(() => t.close())

const tokens = async () =>
  Number(
    (
      await t.deps.db
        .selectFrom('api_token')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )

test('a token made on the profile page is shown once, works on the API, and stops working when revoked', async () => {
  const c = new TestClient(t)
  await c.signIn(coop.orgA.admin.email, password)
  await c.get('/profile')
  const res = await c.post('/profile/tokens', { name: 'Export', scopes: ['organisations:read'], expiresInDays: '30' })
  assert.equal(res.status, 200)
  const secret = /data-testid="new-token">(alm_[\w-]+)</.exec(c.lastBody)?.[1]
  assert.ok(secret, 'the secret is shown')
  assert.equal((await api(t, secret, '/organisations')).status, 200)
  assert.equal((await api(t, secret, '/people')).status, 403, 'scopes narrow the token')
  await c.get('/profile')
  assert.ok(!c.lastBody.includes(secret), 'the secret is never shown again')
  const row = await t.deps.db
    .selectFrom('api_token')
    .select(['id', 'expires_at'])
    .where('name', '=', 'Export')
    .executeTakeFirstOrThrow()
  assert.ok(row.expires_at)
  assert.equal((await c.post(`/profile/tokens/${row.id}/revoke`, {})).status, 303)
  assert.equal((await api(t, secret, '/organisations')).status, 401)
})

test('bad token input is answered at the field and creates nothing', async () => {
  const c = new TestClient(t)
  await c.signIn(coop.orgA.user.email, password)
  await c.get('/profile')
  const before = await tokens()
  const res = await c.post('/profile/tokens', { name: '', expiresInDays: '0' })
  assert.equal(res.status, 422)
  assert.match(c.lastBody, /id="f-name-error"[^>]*>Bitte ausfüllen/)
  assert.match(c.lastBody, /Der Wert muss mindestens 1 sein/)
  assert.match(c.lastBody, /scopes/)
  const words = await c.post('/profile/tokens', { name: 'x', scopes: ['admin:everything'], expiresInDays: 'soon' })
  assert.equal(words.status, 422)
  assert.match(c.lastBody, /Bitte einen der vorgegebenen Werte wählen/)
  assert.match(c.lastBody, /ganze Zahl/)
  assert.equal(await tokens(), before)
})

test('an empty expiry means the token does not expire', async () => {
  const c = new TestClient(t)
  await c.signIn(coop.staff.email, password)
  await c.get('/profile')
  await c.post('/profile/tokens', { name: 'Forever', scopes: ['journal:read'], expiresInDays: '' })
  const row = await t.deps.db
    .selectFrom('api_token')
    .select('expires_at')
    .where('name', '=', 'Forever')
    .executeTakeFirstOrThrow()
  assert.equal(row.expires_at, null)
})
