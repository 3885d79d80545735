import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { createTestApp, type TestApp } from '../../test/support/app.ts'
import { api } from '../../test/support/client.ts'
import { type Cooperative, seedCooperative, tokenFor } from '../../test/support/factories.ts'
import { admitMember } from '../../test/support/members.ts'
import type { Member } from '../members/members.model.ts'
import { fixedClock } from '../platform/clock.ts'
import { expectJson, expectProblem } from './api.testing.ts'
import { fieldPaths, unchanged } from './membership.testing.ts'

const clock = fixedClock(new Date('2026-03-10T10:00:00Z'))
let t: TestApp
let coop: Cooperative
let board: string
let adminA: string
let adminB: string
let memberA: Member
let later: Member
before(async () => {
  t = await createTestApp({ clock })
  coop = await seedCooperative(t.deps)
  board = await tokenFor(t.deps, coop.board.accountId)
  adminA = await tokenFor(t.deps, coop.orgA.admin.accountId)
  adminB = await tokenFor(t.deps, coop.orgB.admin.accountId)
  memberA = (await admitMember(t.deps, { organisationName: 'Org A e.V.' }, { organisationId: coop.orgA.id })).member
  later = (
    await admitMember(
      t.deps,
      { organisationName: 'Später e.V.', email: 'spaet@later.test', voluntaryShares: 3 },
      { effectiveOn: '2026-07-01' },
    )
  ).member
})
after(() => t.close())

interface Register {
  asOf: string
  items: Array<{ number: string; name: string; shares: number; joinedOn: string; exitOn: string | null }>
}

test('the register as of a date: who had joined by then, with the shares held then', async () => {
  const before = await expectJson<Register>(await api(t, board, '/register?at=2026-03-09'), 200)
  assert.deepEqual(before, { asOf: '2026-03-09', items: [] })
  const now = await expectJson<Register>(await api(t, board, '/register'), 200)
  assert.equal(now.asOf, '2026-03-10')
  assert.deepEqual(
    now.items.map((r) => [r.number, r.name, r.shares]),
    [[memberA.number, 'Org A e.V.', 3]],
  )
  const yearEnd = await expectJson<Register>(await api(t, board, '/register?at=2026-12-31'), 200)
  assert.deepEqual(
    yearEnd.items.map((r) => [r.number, r.shares, r.joinedOn]),
    [
      [memberA.number, 3, '2026-03-10'],
      [later.number, 5, '2026-07-01'],
    ],
  )
  for (const account of [coop.supervisor, coop.auditor])
    await expectJson(await api(t, await tokenFor(t.deps, account.accountId), '/register'), 200)
  for (const query of ['at=2026-02-30', 'at=yesterday', 'includeFormer=maybe'])
    assert.equal((await fieldPaths(await api(t, board, `/register?${query}`)))[0], query.split('=')[0])
  await expectProblem(await api(t, null, '/register'), 401)
  await expectProblem(await api(t, adminA, '/register'), 403)
  await expectProblem(await api(t, await tokenFor(t.deps, coop.staff.accountId), '/register'), 403)
  await expectProblem(await api(t, await tokenFor(t.deps, coop.board.accountId, ['people:read']), '/register'), 403)
})

test('the register as CSV and PDF', async () => {
  const csv = await api(t, board, '/register/csv?at=2026-12-31', { headers: { 'accept-language': 'de' } })
  assert.equal(csv.status, 200)
  assert.match(csv.headers.get('content-type') ?? '', /^text\/csv/)
  assert.match(csv.headers.get('content-disposition') ?? '', /register-2026-12-31\.csv/)
  const bytes = Buffer.from(await csv.arrayBuffer())
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a UTF-8 byte order mark for spreadsheets')
  const text = bytes.subarray(3).toString('utf8')
  assert.ok(text.startsWith('Stand am;'), 'German headings')
  const lines = text.trim().split('\r\n')
  assert.equal(lines.length, 3)
  assert.deepEqual(lines[2]?.split(';').slice(0, 3), ['2026-12-31', later.number, 'Später e.V.'])
  assert.equal(lines[2]?.split(';')[6], '5')
  await expectProblem(await api(t, adminA, '/register/csv'), 403)

  const pdf = await api(t, board, '/register/pdf?at=2026-12-31')
  assert.equal(pdf.status, 200)
  assert.equal(pdf.headers.get('content-type'), 'application/pdf')
  assert.equal(
    Buffer.from(await pdf.arrayBuffer())
      .subarray(0, 5)
      .toString(),
    '%PDF-',
  )
  await expectProblem(await api(t, adminA, '/register/pdf'), 403)
  assert.deepEqual(await fieldPaths(await api(t, board, '/register/pdf?at=2026-12-32')), ['at'])
})

test("a member's documents as PDF for its own people; 404 for other organisations", async () => {
  const base = `/members/${memberA.id}/documents`
  for (const [document, name] of [
    ['certificate', 'Share-certificate'],
    ['statement', 'Capital-statement'],
    ['statement?year=2026', 'Capital-statement'],
    ['register-extract', 'Register-extract'],
    ['declaration', ''],
  ] as const) {
    const res = await api(t, adminA, `${base}/${document}`)
    assert.equal(res.status, 200, `${document}: ${res.status}`)
    assert.equal(res.headers.get('content-type'), 'application/pdf')
    assert.match(res.headers.get('content-disposition') ?? '', new RegExp(`attachment; filename="${name}`))
    assert.equal(
      Buffer.from(await res.arrayBuffer())
        .subarray(0, 5)
        .toString(),
      '%PDF-',
    )
    await expectProblem(await api(t, adminB, `${base}/${document}`), 404)
    await expectProblem(await api(t, await tokenFor(t.deps, coop.orgA.user.accountId), `${base}/${document}`), 403)
    await expectProblem(await api(t, null, `${base}/${document}`), 401)
  }
  const german = await api(t, adminA, `${base}/certificate`, { headers: { 'accept-language': 'de' } })
  assert.match(german.headers.get('content-disposition') ?? '', /filename\*=UTF-8''Anteilsbescheinigung-M-\d{5}\.pdf/)
  await expectProblem(await api(t, adminA, `${base}/statement?year=2025`), 404)
  assert.deepEqual(await fieldPaths(await api(t, adminA, `${base}/statement?year=soon`)), ['year'])
})

test('retention purge: nothing before the time, then the supporting records of a member who left', async () => {
  await expectJson(
    await api(t, board, `/members/${memberA.id}/exit`, {
      method: 'POST',
      json: { reason: 'exclusion', eventOn: '2026-03-10', note: 'Satzungswidriges Verhalten' },
    }),
    200,
  )
  const purge = (token: string) => () => api(t, token, '/register/purge', { method: 'POST' })
  assert.deepEqual(await expectJson(await purge(board)(), 200), { purged: [] })
  clock.set(new Date('2030-01-02T10:00:00Z'))
  await expectProblem(await unchanged(t, purge(adminA)), 403)
  await expectProblem(await unchanged(t, purge(await tokenFor(t.deps, coop.board.accountId, ['members:read']))), 403)
  await expectProblem(await unchanged(t, purge(await tokenFor(t.deps, coop.supervisor.accountId))), 403)
  assert.deepEqual(await expectJson(await purge(board)(), 200), { purged: [memberA.number] })
  assert.deepEqual(await expectJson(await purge(board)(), 200), { purged: [] })
  // the register line stays; the signed declaration is gone
  const register = await expectJson<Register>(await api(t, board, '/register?at=2026-12-31'), 200)
  assert.ok(register.items.some((r) => r.number === memberA.number))
  await expectProblem(await api(t, board, `/members/${memberA.id}/documents/declaration`), 404)
})
