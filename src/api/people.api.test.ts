import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { createTestApp, type TestApp } from '../../test/support/app.ts'
import { api } from '../../test/support/client.ts'
import { type Cooperative, seedCooperative, tokenFor } from '../../test/support/factories.ts'
import type { JournalEntry } from '../journal/journal.actions.ts'
import type { Person } from '../people/people.schema.ts'
import { expectJson, expectProblem, unchangedBy } from './api.testing.ts'

let t: TestApp
let coop: Cooperative
let board: string
let staff: string
let adminA: string
before(async () => {
  t = await createTestApp()
  coop = await seedCooperative(t.deps)
  board = await tokenFor(t.deps, coop.board.accountId)
  staff = await tokenFor(t.deps, coop.staff.accountId)
  adminA = await tokenFor(t.deps, coop.orgA.admin.accountId)
})
after(() => t.close())

interface Page<T> {
  items: T[]
  total: number
  page: number
  pageSize: number
}

test('people: listed and paged for the cooperative, refused to organisation admins', async () => {
  const first = await expectJson<Page<Person>>(await api(t, staff, '/people?pageSize=3'), 200)
  assert.equal(first.items.length, 3)
  assert.equal(first.total, 9)
  const third = await expectJson<Page<Person>>(await api(t, staff, '/people?pageSize=3&page=3'), 200)
  assert.equal(third.items.length, 3)
  const ids = new Set([...first.items, ...third.items].map((p) => p.id))
  assert.equal(ids.size, 6, 'pages do not overlap')
  const found = await expectJson<Page<Person>>(await api(t, staff, '/people?q=ADMIN@A'), 200)
  assert.deepEqual(
    found.items.map((p) => p.id),
    [coop.orgA.admin.personId],
  )
  await expectProblem(await api(t, staff, '/people?pageSize=500'), 422)
  await expectProblem(await api(t, adminA, '/people'), 403, 'forbidden')
})

test('create -> read -> patch a person; the patch keeps the fields it does not name', async () => {
  const res = await api(t, staff, '/people', {
    method: 'POST',
    json: {
      givenName: 'Erika',
      familyName: 'Musterfrau',
      email: 'erika@example.org',
      postalCode: '50667',
      city: 'Köln',
    },
  })
  const created = await expectJson<Person>(res, 201)
  assert.equal(res.headers.get('location'), `/api/v1/people/${created.id}`)
  assert.equal(created.email, 'erika@example.org')
  assert.equal(created.account, null)
  assert.deepEqual(await expectJson<Person>(await api(t, staff, `/people/${created.id}`), 200), created)

  const patched = await expectJson<Person>(
    await api(t, staff, `/people/${created.id}`, { method: 'PATCH', json: { phone: '+49 221 123456' } }),
    200,
  )
  assert.equal(patched.phone, '+49 221 123456')
  assert.equal(patched.city, 'Köln')
  assert.equal(patched.postalCode, '50667')

  const wrong = await unchangedBy(t, () =>
    api(t, staff, `/people/${created.id}`, { method: 'PATCH', json: { postalCode: '5066' } }),
  )
  assert.deepEqual(
    (await expectProblem(wrong, 422)).errors?.map((e) => e.path),
    ['postalCode'],
  )
  const journal = await expectJson<Page<JournalEntry>>(await api(t, staff, `/journal?subjectId=${created.id}`), 200)
  assert.deepEqual(
    journal.items.map((e) => [e.action, e.before, e.after]),
    [
      ['person.updated', { phone: null }, { phone: '+49 221 123456' }],
      [
        'person.created',
        null,
        {
          givenName: 'Erika',
          familyName: 'Musterfrau',
          email: 'erika@example.org',
          phone: null,
          street: '',
          postalCode: '50667',
          city: 'Köln',
          country: 'DE',
        },
      ],
    ],
  )
})

test('who may read and edit a person', async () => {
  // An organisation admin sees their own people, not others, and may not edit them.
  await expectJson(await api(t, adminA, `/people/${coop.orgA.user.personId}`), 200)
  await expectProblem(await api(t, adminA, `/people/${coop.orgB.user.personId}`), 404)
  await expectProblem(
    await unchangedBy(t, () =>
      api(t, adminA, `/people/${coop.orgA.user.personId}`, { method: 'PATCH', json: { city: 'X' } }),
    ),
    403,
  )
  await expectProblem(
    await unchangedBy(t, () =>
      api(t, adminA, `/people/${coop.orgB.user.personId}`, { method: 'PATCH', json: { city: 'X' } }),
    ),
    404,
  )
  await expectProblem(
    await unchangedBy(t, () =>
      api(t, adminA, '/people', { method: 'POST', json: { givenName: 'A', familyName: 'B' } }),
    ),
    403,
  )
  // Everyone edits themselves.
  const outsider = await tokenFor(t.deps, coop.outsider.accountId)
  const me = await expectJson<Person>(
    await api(t, outsider, `/people/${coop.outsider.personId}`, { method: 'PATCH', json: { city: 'Leipzig' } }),
    200,
  )
  assert.equal(me.city, 'Leipzig')
  await expectProblem(await api(t, outsider, `/people/${coop.board.personId}`), 404)
})

test('roles: the board sets them, staff cannot; a person without account or the last board is refused', async () => {
  const url = `/people/${coop.staff.personId}/roles`
  const updated = await expectJson<Person>(
    await api(t, board, url, { method: 'PUT', json: { roles: ['staff', 'auditor', 'staff'] } }),
    200,
  )
  assert.deepEqual(updated.account?.roles.toSorted(), ['auditor', 'staff'])
  const journal = await expectJson<Page<JournalEntry>>(
    await api(t, board, `/journal?action=account.roles_changed&subjectId=${coop.staff.accountId}`),
    200,
  )
  assert.deepEqual(journal.items[0]?.before, { roles: ['staff'] })
  assert.deepEqual(journal.items[0]?.after, { roles: ['auditor', 'staff'] })

  await expectProblem(
    await unchangedBy(t, () =>
      api(t, staff, `/people/${coop.outsider.personId}/roles`, { method: 'PUT', json: { roles: ['board'] } }),
    ),
    403,
    'forbidden',
  )
  await expectProblem(
    await unchangedBy(t, () => api(t, board, url, { method: 'PUT', json: { roles: ['emperor'] } })),
    422,
    'validation',
  )
  const lastBoard = await unchangedBy(t, () =>
    api(t, board, `/people/${coop.board.personId}/roles`, { method: 'PUT', json: { roles: [] } }),
  )
  assert.deepEqual(
    (await expectProblem(lastBoard, 422, 'validation')).errors?.map((e) => e.path),
    ['roles'],
  )
  const plain = await expectJson<Person>(
    await api(t, staff, '/people', { method: 'POST', json: { givenName: 'Ohne', familyName: 'Konto' } }),
    201,
  )
  await expectProblem(
    await unchangedBy(t, () =>
      api(t, board, `/people/${plain.id}/roles`, { method: 'PUT', json: { roles: ['staff'] } }),
    ),
    409,
    'conflict',
  )
  await expectProblem(
    await api(t, board, '/people/00000000-0000-4000-8000-000000000000/roles', {
      method: 'PUT',
      json: { roles: ['staff'] },
    }),
    404,
  )
  // A board token without people:write cannot either.
  const readOnly = await tokenFor(t.deps, coop.board.accountId, ['people:read'])
  await expectProblem(await unchangedBy(t, () => api(t, readOnly, url, { method: 'PUT', json: { roles: [] } })), 403)
})
