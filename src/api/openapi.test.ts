import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { createTestApp, type TestApp } from '../../test/support/app.ts'
import { api } from '../../test/support/client.ts'
import { seedCooperative, tokenFor } from '../../test/support/factories.ts'

interface Operation {
  parameters?: Array<{ name: string; in: string; required?: boolean }>
  requestBody?: { required?: boolean; content: Record<string, unknown> }
  responses: Record<string, { description: string; content?: Record<string, unknown> }>
  security?: Array<Record<string, string[]>>
}
interface Document {
  openapi: string
  info: { title: string; version: string }
  paths: Record<string, Record<string, Operation>>
  components: {
    schemas: Record<string, unknown>
    securitySchemes: Record<string, { type: string; scheme: string; description?: string }>
  }
}

let t: TestApp
let doc: Document
before(async () => {
  t = await createTestApp()
  const res = await api(t, null, '/openapi.json')
  assert.equal(res.status, 200)
  assert.match(res.headers.get('content-type') ?? '', /application\/json/)
  doc = (await res.json()) as Document
})
after(() => t.close())

const methods = ['get', 'post', 'put', 'patch', 'delete']

function operations(): Array<[string, string, Operation]> {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => methods.includes(method))
      .map(([method, op]): [string, string, Operation] => [path, method, op]),
  )
}

test('the document is OpenAPI 3.1 and is served without a token', () => {
  assert.equal(doc.openapi, '3.1.0')
  assert.equal(doc.info.title, 'Allmende API')
  assert.ok(doc.info.version)
  assert.deepEqual(doc.components.securitySchemes.bearer, {
    type: 'http',
    scheme: 'bearer',
    description: doc.components.securitySchemes.bearer?.description,
  })
})

test('the document lists exactly the routes the app serves under /api/v1', () => {
  const served = new Set(
    t.app.routes
      .filter((r) => r.path.startsWith('/api/v1/') && r.method !== 'ALL' && !r.path.endsWith('/openapi.json'))
      .map((r) => `${r.method} ${r.path.slice('/api/v1'.length).replace(/:(\w+)/g, '{$1}')}`),
  )
  const documented = new Set(operations().map(([path, method]) => `${method.toUpperCase()} ${path}`))
  assert.deepEqual([...documented].sort(), [...served].sort())
  for (const expected of [
    'GET /me',
    'GET /organisations',
    'POST /organisations',
    'GET /organisations/{id}',
    'PATCH /organisations/{id}',
    'POST /organisations/{id}/archive',
    'GET /organisations/{id}/people',
    'POST /organisations/{id}/invitations',
    'PUT /organisations/{id}/people/{personId}',
    'DELETE /organisations/{id}/people/{personId}',
    'GET /people',
    'POST /people',
    'GET /people/{id}',
    'PATCH /people/{id}',
    'PUT /people/{id}/roles',
    'GET /journal',
    'GET /tokens',
    'POST /tokens',
    'DELETE /tokens/{id}',
    ...publicOperations,
    'POST /statutes',
    'GET /applications',
    'POST /applications/{id}/approve',
    'GET /members',
    'GET /members/{id}',
    'POST /members/{id}/notice',
    'POST /members/{id}/transfers',
    'POST /members/{id}/reversals',
    'GET /members/{id}/documents/certificate',
    'GET /register',
    'GET /payouts',
  ])
    assert.ok(documented.has(expected), `${expected} is documented`)
})

/** The statutes and the applicant's own application: a token is optional there (`{}` in the list). */
const publicOperations = [
  'GET /statutes',
  'GET /statutes/in-force',
  'POST /applications',
  'GET /applications/tracking/{token}',
  'POST /applications/tracking/{token}/withdraw',
  'GET /events',
  'GET /events/{ref}',
  'POST /events/{ref}/registrations',
  'POST /event-registrations/{token}/cancel',
  'POST /interest',
  'POST /interest/confirm',
  'POST /interest/unsubscribe',
  // the catalog (services, prices, the calculator) is public
  'GET /catalog',
  'GET /catalog/areas/{key}',
  'GET /prices',
  'POST /quotes/calculate',
  'POST /questionnaires',
  'GET /questionnaires/tracking/{token}',
  'POST /questionnaires/tracking/{token}/erase',
  'POST /order-requests',
  'GET /order-requests/tracking/{token}',
  'POST /order-requests/tracking/{token}/withdraw',
]

test('every operation needs the bearer token (but the public ones), declares its path parameters and its problems', () => {
  for (const [path, method, op] of operations()) {
    const where = `${method.toUpperCase()} ${path}`
    assert.deepEqual(op.security, publicOperations.includes(where) ? [{}, { bearer: [] }] : [{ bearer: [] }], where)
    const templated = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1])
    const declared = (op.parameters ?? []).filter((p) => p.in === 'path')
    assert.deepEqual(declared.map((p) => p.name).sort(), templated.sort(), `${where} path parameters`)
    for (const p of declared) assert.equal(p.required, true, `${where} ${p.name} is required`)
    assert.ok(op.responses['401']?.content?.['application/problem+json'], `${where} documents 401 as a problem`)
    const success = Object.keys(op.responses).filter((s) => s.startsWith('2'))
    assert.equal(success.length, 1, `${where} has one success response`)
    if (op.requestBody) {
      assert.equal(op.requestBody.required, true, `${where} body is required`)
      assert.ok(op.requestBody.content['application/json'], `${where} takes JSON`)
      assert.ok(op.responses['422'], `${where} documents 422`)
      assert.ok(op.responses['400'], `${where} documents 400`)
    }
  }
})

test('every $ref points at a component that exists, and request bodies forbid unknown fields', () => {
  const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!)
  assert.ok(refs.length > 10)
  for (const ref of refs) assert.ok(doc.components.schemas[ref], `schema ${ref} exists`)
  for (const name of ['OrganisationInput', 'OrganisationPatch', 'PersonInput', 'PersonPatch', 'InvitationInput']) {
    const schema = doc.components.schemas[name] as { additionalProperties?: boolean }
    assert.equal(schema.additionalProperties, false, `${name} is strict`)
  }
  const page = doc.components.schemas.OrganisationPage as { required: string[] }
  assert.deepEqual([...page.required].sort(), ['items', 'page', 'pageSize', 'total'])
  const list = doc.paths['/organisations']?.get?.parameters ?? []
  assert.deepEqual(list.map((p) => p.name).sort(), ['page', 'pageSize', 'q'])
})

test('an unknown path under /api/v1 is a problem, not an HTML page (401 before 404: paths are not probed)', async () => {
  const anonymous = await api(t, null, '/nothing-here')
  assert.equal(anonymous.status, 401)
  assert.match(anonymous.headers.get('content-type') ?? '', /application\/problem\+json/)
  const coop = await seedCooperative(t.deps)
  const res = await api(t, await tokenFor(t.deps, coop.staff.accountId), '/nothing-here')
  assert.equal(res.status, 404)
  assert.match(res.headers.get('content-type') ?? '', /application\/problem\+json/)
  assert.equal(((await res.json()) as { code: string }).code, 'not_found')
})
