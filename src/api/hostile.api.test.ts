import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { sql } from 'kysely'
import { createTestApp, type TestApp } from '../../test/support/app.ts'
import { api } from '../../test/support/client.ts'
import { type Cooperative, seedCooperative, tokenFor } from '../../test/support/factories.ts'
import type { Organisation } from '../organisations/organisations.schema.ts'
import { expectJson, expectProblem, unchangedBy } from './api.testing.ts'

let t: TestApp
let coop: Cooperative
let staff: string
before(async () => {
  t = await createTestApp()
  coop = await seedCooperative(t.deps)
  staff = await tokenFor(t.deps, coop.staff.accountId)
})
after(() => t.close())

const post = (path: string, body: BodyInit, contentType = 'application/json') =>
  api(t, staff, path, { method: 'POST', body, headers: { 'content-type': contentType } })

async function refused(request: () => Promise<Response>, status: number, code?: string) {
  const problem = await expectProblem(await unchangedBy(t, request), status, code)
  assert.doesNotMatch(JSON.stringify(problem), /\.ts:\d+|node_modules|\n\s+at /, 'no stack trace')
  return problem
}

/** The distinct field paths of a 422 problem (one field may fail more than one check). */
const paths = async (request: () => Promise<Response>) => [
  ...new Set(((await refused(request, 422, 'validation')).errors ?? []).map((e) => e.path).sort()),
]

test('wrong types, missing and unknown fields: 422 with a path for each', async () => {
  assert.deepEqual(
    await paths(() =>
      api(t, staff, '/organisations', {
        method: 'POST',
        json: { name: 123, legalForm: 'ev', employees: 'many', annualBudgetCents: 1.5, country: ['DE'] },
      }),
    ),
    ['annualBudgetCents', 'country', 'employees', 'name'],
  )
  assert.deepEqual(await paths(() => api(t, staff, '/organisations', { method: 'POST', json: {} })), [
    'legalForm',
    'name',
  ])
  assert.deepEqual(
    await paths(() =>
      api(t, staff, '/organisations', {
        method: 'POST',
        json: { name: 'X e.V.', legalForm: 'ev', admin: true, ref: 'O-00001' },
      }),
    ),
    ['admin', 'ref'],
  )
  // A __proto__ key is an unknown field like any other, not a way into the prototype.
  assert.deepEqual(
    await paths(() => post('/organisations', '{"name":"X e.V.","legalForm":"ev","__proto__":{"isAdmin":true}}')),
    ['__proto__'],
  )
  assert.deepEqual(
    await paths(() => api(t, staff, `/organisations/${coop.orgA.id}`, { method: 'PATCH', json: { id: 'x' } })),
    ['id'],
  )
  for (const body of ['[]', 'null', '"text"', '42'])
    assert.deepEqual(await paths(() => post('/organisations', body)), ['(body)'], body)
  // A field problem message is readable and in the asked language.
  const problem = await refused(
    () =>
      api(t, staff, '/organisations', {
        method: 'POST',
        json: { legalForm: 'ev' },
        headers: { 'accept-language': 'de' },
      }),
    422,
  )
  assert.deepEqual(problem.errors, [{ path: 'name', message: 'Bitte ausfüllen.' }])
})

test('out-of-range values, control characters and NUL bytes are refused, not passed to the database', async () => {
  assert.deepEqual(
    await paths(() =>
      api(t, staff, '/organisations', {
        method: 'POST',
        json: { name: 'a'.repeat(201), legalForm: 'ev', employees: 1e20, city: 'Ber\u0000lin', street: 'x\u0007' },
      }),
    ),
    ['city', 'employees', 'name', 'street'],
  )
  assert.deepEqual(
    await paths(() =>
      api(t, staff, `/organisations/${coop.orgA.id}/invitations`, {
        method: 'POST',
        json: { email: 'a@b.test', givenName: 'A', familyName: 'B', functions: Array(10_000).fill('admin') },
      }),
    ),
    ['functions'],
  )
})

test('malformed ids are a 422 problem, never a 500', async () => {
  for (const id of ['1', 'not-a-uuid', "'; DROP TABLE organisation; --", '00000000-0000-0000-0000-00000000000g']) {
    const res = await api(t, staff, `/organisations/${encodeURIComponent(id)}`)
    await expectProblem(res, 422, 'validation')
  }
  await refused(() => api(t, staff, '/people/x/roles', { method: 'PUT', json: { roles: [] } }), 422)
  await refused(() => api(t, staff, `/organisations/${coop.orgA.id}/people/x`, { method: 'DELETE' }), 422)
  await expectProblem(await api(t, staff, '/journal?organisationId=nope'), 422)
})

test('malformed JSON, an empty body and invalid UTF-8: 400 problem', async () => {
  await refused(() => post('/organisations', '{"name": "X", "legalForm": '), 400)
  await refused(() => post('/organisations', "{name: 'X'}"), 400)
  await refused(() => post('/organisations', ''), 400)
  const bytes = Buffer.concat([
    Buffer.from('{"name":"'),
    Buffer.from([0xff, 0xfe, 0xc3]),
    Buffer.from('","legalForm":"ev"}'),
  ])
  await refused(() => post('/organisations', bytes), 400, 'invalid_encoding')
})

test('a 10 MB body is refused with 413 before it is read whole', async () => {
  const huge = JSON.stringify({ name: 'x'.repeat(10 * 1024 * 1024), legalForm: 'ev' })
  await refused(() => post('/organisations', huge), 413, 'payload_too_large')
  await refused(
    () =>
      api(t, staff, '/organisations', {
        method: 'POST',
        body: huge,
        headers: { 'content-type': 'application/json', 'content-length': String(huge.length) },
      }),
    413,
    'payload_too_large',
  )
})

test('a body sent as something other than JSON is not taken as JSON: 415 problem', async () => {
  await refused(() => post('/organisations', '{"name":"X e.V.","legalForm":"ev"}', 'text/plain'), 415)
  await refused(() => post('/organisations', 'name=X&legalForm=ev', 'application/x-www-form-urlencoded'), 415)
  // No body at all is a body with every required field missing.
  assert.deepEqual(await paths(() => api(t, staff, '/organisations', { method: 'POST' })), ['legalForm', 'name'])
})

test('<script> in a name is stored verbatim and returned as JSON data', async () => {
  const name = '<script>alert("x")</script> & <b>Söhne</b> e.V.'
  const res = await api(t, staff, '/organisations', { method: 'POST', json: { name, legalForm: 'ev' } })
  const created = await expectJson<Organisation>(res, 201)
  assert.equal(created.name, name)
  const read = await api(t, staff, `/organisations/${created.id}`)
  assert.match(read.headers.get('content-type') ?? '', /^application\/json/)
  assert.equal(read.headers.get('x-content-type-options'), 'nosniff')
  assert.equal(((await read.json()) as Organisation).name, name)
})

test('SQL fragments are stored verbatim, searched literally, and the table is still there', async () => {
  const name = "'; DROP TABLE organisation; --"
  const created = await expectJson<Organisation>(
    await api(t, staff, '/organisations', { method: 'POST', json: { name, legalForm: 'other', city: 'O\'Brien"s' } }),
    201,
  )
  assert.equal(created.name, name)
  const patched = await expectJson<Organisation>(
    await api(t, staff, `/organisations/${created.id}`, {
      method: 'PATCH',
      json: { street: "1); DELETE FROM audit_entry; SELECT ('" },
    }),
    200,
  )
  assert.equal(patched.street, "1); DELETE FROM audit_entry; SELECT ('")
  const search = await expectJson<{ items: Organisation[]; total: number }>(
    await api(t, staff, `/organisations?q=${encodeURIComponent("'; DROP TABLE")}`),
    200,
  )
  assert.deepEqual(
    search.items.map((o) => o.id),
    [created.id],
  )
  const everything = await expectJson<{ total: number }>(
    await api(t, staff, `/organisations?q=${encodeURIComponent("' OR '1'='1")}`),
    200,
  )
  assert.equal(everything.total, 0)
  await expectJson(
    await api(t, staff, `/journal?subjectType=${encodeURIComponent('organisation')}&subjectId=${created.id}`),
    200,
  )
  await expectProblem(await api(t, staff, `/journal?action=${encodeURIComponent("x' OR 1=1 --")}`), 422)
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM organisation`.execute(t.deps.db)
  assert.ok(rows[0]!.n >= 3)
  const entries = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_entry`.execute(t.deps.db)
  assert.ok(entries.rows[0]!.n > 0)
})
