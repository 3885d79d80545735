import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { createTestApp, type TestApp } from '../../test/support/app.ts'
import { api } from '../../test/support/client.ts'
import { type Cooperative, seedCooperative, tokenFor } from '../../test/support/factories.ts'
import type { JournalEntry } from '../journal/journal.actions.ts'
import type { Organisation } from '../organisations/organisations.schema.ts'
import { expectJson, expectProblem, unchangedBy } from './api.testing.ts'

let t: TestApp
let coop: Cooperative
let staff: string
let adminA: string
let board: string
before(async () => {
  t = await createTestApp()
  coop = await seedCooperative(t.deps)
  staff = await tokenFor(t.deps, coop.staff.accountId)
  adminA = await tokenFor(t.deps, coop.orgA.admin.accountId)
  board = await tokenFor(t.deps, coop.board.accountId)
})
after(() => t.close())

interface Page<T> {
  items: T[]
  total: number
  page: number
  pageSize: number
}

test('create -> read -> patch -> the journal holds the change with before and after', async () => {
  const res = await api(t, staff, '/organisations', {
    method: 'POST',
    json: { name: '  Tafel Süd e.V. ', legalForm: 'ev', postalCode: '80331', city: 'München', employees: 3 },
  })
  const created = await expectJson<Organisation>(res, 201)
  assert.equal(res.headers.get('location'), `/api/v1/organisations/${created.id}`)
  assert.equal(created.name, 'Tafel Süd e.V.')
  assert.match(created.ref, /^O-\d{5}$/)
  assert.equal(created.country, 'DE')
  assert.equal(created.employees, 3)

  const read = await expectJson<Organisation>(await api(t, staff, `/organisations/${created.id}`), 200)
  assert.deepEqual(read, created)
  // Upper-case ids are the same id.
  await expectJson(await api(t, staff, `/organisations/${created.id.toUpperCase()}`), 200)

  const patched = await expectJson<Organisation>(
    await api(t, staff, `/organisations/${created.id}`, {
      method: 'PATCH',
      json: { city: 'Augsburg', postalCode: '86150', annualBudgetCents: 1_250_000 },
    }),
    200,
  )
  assert.equal(patched.city, 'Augsburg')
  assert.equal(patched.postalCode, '86150')
  assert.equal(patched.annualBudgetCents, 1_250_000)
  assert.equal(patched.name, created.name, 'fields not in the patch stay')

  const journal = await expectJson<Page<JournalEntry>>(
    await api(t, staff, `/journal?subjectType=organisation&subjectId=${created.id}`),
    200,
  )
  assert.deepEqual(
    journal.items.map((e) => e.action),
    ['organisation.updated', 'organisation.created'],
  )
  const update = journal.items[0]!
  assert.equal(update.actor, 'staff@coop.test')
  assert.equal(update.organisationId, created.id)
  assert.deepEqual(update.before, { city: 'München', postalCode: '80331', annualBudgetCents: 0 })
  assert.deepEqual(update.after, { city: 'Augsburg', postalCode: '86150', annualBudgetCents: 1_250_000 })

  // The organisation's admin reads the same entries through the organisation filter.
  const byOrg = await expectJson<Page<JournalEntry>>(
    await api(t, staff, `/journal?organisationId=${created.id}&action=organisation.updated`),
    200,
  )
  assert.equal(byOrg.total, 1)
})

test('PATCH checks the postal code against the merged country, and changes nothing when it does not fit', async () => {
  const url = `/organisations/${coop.orgA.id}`
  const bad = await unchangedBy(t, () => api(t, adminA, url, { method: 'PATCH', json: { postalCode: '1234' } }))
  const problem = await expectProblem(bad, 422, 'validation')
  assert.deepEqual(
    problem.errors?.map((e) => e.path),
    ['postalCode'],
  )
  // Abroad the rule is looser; the code is stored in upper case.
  const abroad = await expectJson<Organisation>(
    await api(t, adminA, url, { method: 'PATCH', json: { country: 'at', postalCode: 'a-1010' } }),
    200,
  )
  assert.equal(abroad.country, 'AT')
  assert.equal(abroad.postalCode, 'A-1010')
  // Back to Germany without a new postal code: A-1010 no longer fits.
  const back = await unchangedBy(t, () => api(t, adminA, url, { method: 'PATCH', json: { country: 'DE' } }))
  assert.deepEqual(
    (await expectProblem(back, 422)).errors?.map((e) => e.path),
    ['postalCode'],
  )
  await expectJson(await api(t, adminA, url, { method: 'PATCH', json: { country: 'DE', postalCode: '10115' } }), 200)
  // An empty patch is fine and writes nothing to the journal.
  const head = () => t.deps.db.selectFrom('audit_head').select(['seq', 'hash']).executeTakeFirstOrThrow()
  const before = await head()
  await expectJson(await api(t, adminA, url, { method: 'PATCH', json: {} }), 200)
  assert.deepEqual(await head(), before)
})

test('paging: page 2, page size bounds, search', async () => {
  for (const n of [1, 2, 3, 4, 5])
    await expectJson(
      await api(t, staff, '/organisations', {
        method: 'POST',
        json: { name: `Paging ${n} gGmbH`, legalForm: 'ggmbh' },
      }),
      201,
    )
  const second = await expectJson<Page<Organisation>>(
    await api(t, staff, '/organisations?q=paging&pageSize=2&page=2'),
    200,
  )
  assert.equal(second.total, 5)
  assert.equal(second.page, 2)
  assert.equal(second.pageSize, 2)
  assert.deepEqual(
    second.items.map((o) => o.name),
    ['Paging 3 gGmbH', 'Paging 4 gGmbH'],
  )
  const beyond = await expectJson<Page<Organisation>>(
    await api(t, staff, '/organisations?q=paging&pageSize=2&page=9'),
    200,
  )
  assert.deepEqual(beyond.items, [])
  assert.equal(beyond.total, 5)

  const all = await expectJson<Page<Organisation>>(await api(t, staff, '/organisations?pageSize=200'), 200)
  assert.equal(all.pageSize, 200)
  assert.equal(all.items.length, all.total)
  const defaults = await expectJson<Page<Organisation>>(await api(t, staff, '/organisations'), 200)
  assert.equal(defaults.page, 1)
  assert.equal(defaults.pageSize, 50)

  for (const query of ['pageSize=201', 'pageSize=0', 'page=0', 'page=-1', 'page=abc', 'pageSize=2.5']) {
    const problem = await expectProblem(await api(t, staff, `/organisations?${query}`), 422, 'validation')
    assert.equal(problem.errors?.length, 1, query)
    assert.equal(problem.errors?.[0]?.path, query.split('=')[0])
  }
  // Search wildcards are literal.
  const percent = await expectJson<Page<Organisation>>(await api(t, staff, '/organisations?q=%25'), 200)
  assert.equal(percent.total, 0)
})

test('cross-organisation: the admin of A sees only A and gets 404 for B and its people', async () => {
  const list = await expectJson<Page<Organisation>>(await api(t, adminA, '/organisations?pageSize=200'), 200)
  assert.deepEqual(
    list.items.map((o) => o.id),
    [coop.orgA.id],
  )
  assert.equal(list.total, 1)
  const b = `/organisations/${coop.orgB.id}`
  await expectProblem(await api(t, adminA, b), 404, 'not_found')
  await expectProblem(await api(t, adminA, `${b}/people`), 404, 'not_found')
  await expectProblem(await api(t, adminA, `/people/${coop.orgB.user.personId}`), 404, 'not_found')
  await expectProblem(
    await unchangedBy(t, () => api(t, adminA, b, { method: 'PATCH', json: { name: 'Taken over' } })),
    404,
  )
  await expectProblem(
    await unchangedBy(t, () =>
      api(t, adminA, `${b}/people/${coop.orgB.user.personId}`, { method: 'PUT', json: { functions: ['admin'] } }),
    ),
    404,
  )
  await expectProblem(
    await unchangedBy(t, () => api(t, adminA, `${b}/people/${coop.orgB.admin.personId}`, { method: 'DELETE' })),
    404,
  )
  await expectProblem(
    await unchangedBy(t, () =>
      api(t, adminA, `${b}/invitations`, {
        method: 'POST',
        json: { email: 'spy@a.test', givenName: 'S', familyName: 'Py' },
      }),
    ),
    404,
  )
  await expectProblem(await api(t, adminA, `/journal?organisationId=${coop.orgB.id}`), 403, 'forbidden')
  const ownJournal = await expectJson<Page<JournalEntry>>(await api(t, adminA, '/journal?pageSize=200'), 200)
  assert.ok(ownJournal.items.length > 0)
  assert.ok(ownJournal.items.every((e) => e.organisationId === coop.orgA.id))
  // An id that does not exist looks the same as one that is not visible.
  await expectProblem(await api(t, adminA, '/organisations/00000000-0000-4000-8000-000000000000'), 404)
  await expectProblem(await api(t, staff, '/organisations/00000000-0000-4000-8000-000000000000'), 404)
  await expectProblem(await api(t, staff, '/organisations/00000000-0000-4000-8000-000000000000/people'), 404)
})

test('a member user reads their organisation but may not change it; an admin may not archive it', async () => {
  const user = await tokenFor(t.deps, coop.orgA.user.accountId)
  await expectJson(await api(t, user, `/organisations/${coop.orgA.id}`), 200)
  await expectProblem(
    await unchangedBy(t, () =>
      api(t, user, `/organisations/${coop.orgA.id}`, { method: 'PATCH', json: { city: 'X' } }),
    ),
    403,
  )
  await expectProblem(await api(t, user, '/journal'), 403)
  await expectProblem(
    await unchangedBy(t, () =>
      api(t, adminA, `/organisations/${coop.orgA.id}/archive`, { method: 'POST', json: { reason: 'bored' } }),
    ),
    403,
  )
})

test('archive: journaled with its reason, gone from lists, read-only afterwards', async () => {
  const org = await expectJson<Organisation>(
    await api(t, board, '/organisations', { method: 'POST', json: { name: 'Kurzlebig eG', legalForm: 'eg' } }),
    201,
  )
  await expectProblem(
    await unchangedBy(t, () => api(t, board, `/organisations/${org.id}/archive`, { method: 'POST', json: {} })),
    422,
  )
  const archived = await expectJson<Organisation>(
    await api(t, board, `/organisations/${org.id}/archive`, { method: 'POST', json: { reason: 'Aufgelöst' } }),
    200,
  )
  assert.ok(archived.archivedAt)
  const list = await expectJson<Page<Organisation>>(await api(t, board, '/organisations?q=Kurzlebig'), 200)
  assert.equal(list.total, 0)
  await expectProblem(
    await unchangedBy(t, () => api(t, board, `/organisations/${org.id}`, { method: 'PATCH', json: { city: 'X' } })),
    409,
    'conflict',
  )
  const journal = await expectJson<Page<JournalEntry>>(
    await api(t, board, `/journal?subjectId=${org.id}&action=organisation.archived`),
    200,
  )
  assert.equal(journal.items[0]?.reason, 'Aufgelöst')
})
