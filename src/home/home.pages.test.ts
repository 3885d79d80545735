import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { createTestApp, type TestApp } from '../../test/support/app.ts'
import { TestClient } from '../../test/support/client.ts'
import { type Cooperative, password, seedCooperative } from '../../test/support/factories.ts'

let t: TestApp
let coop: Cooperative
before(async () => {
  t = await createTestApp()
  coop = await seedCooperative(t.deps)
  await t.deps.db
    .insertInto('instance_setting')
    .values({ key: 'cooperative_name', value: 'Gemeinsam Digital eG' })
    .execute()
})
after(() => t.close())

test('a visitor sees the public start page: who the cooperative is and how to take part', async () => {
  const visitor = new TestClient(t)
  const res = await visitor.get('/')
  assert.equal(res.status, 200)
  const body = visitor.lastBody
  assert.match(body, /<h1>Gemeinsam Digital eG<\/h1>/)
  for (const href of ['/interest', '/needs', '/join', '/catalog', '/prices', '/events', '/statutes', '/login'])
    assert.ok(body.includes(`href="${href}"`), href)
  // no back-office link for the public
  assert.ok(!body.includes('href="/needs/overview"'))
  const english = new TestClient(t)
  await english.get('/lang/en?next=/')
  await english.get('/')
  assert.match(english.lastBody, /How to take part/)
})

test('the back office finds the pages the navigation leaves out on its overview, by permission', async () => {
  const board = new TestClient(t)
  await board.signIn(coop.board.email, password)
  await board.get('/')
  for (const href of [
    '/needs/overview',
    '/orders',
    '/catalog/prices',
    '/catalog/providers',
    '/events/manage',
    '/interest/manage',
  ])
    assert.ok(board.lastBody.includes(`href="${href}"`), href)
  const auditor = new TestClient(t)
  await auditor.signIn(coop.auditor.email, password)
  await auditor.get('/')
  assert.match(auditor.lastBody, /Willkommen, auditor Test/)
  for (const href of ['/orders', '/catalog/prices', '/events/manage', '/interest/manage', '/needs/overview'])
    assert.ok(!auditor.lastBody.includes(`href="${href}"`), `auditor: ${href}`)
  const user = new TestClient(t)
  await user.signIn(coop.orgA.user.email, password)
  await user.get('/')
  assert.match(user.lastBody, /Willkommen, user Test/)
  assert.ok(!user.lastBody.includes('href="/orders"'))
})
