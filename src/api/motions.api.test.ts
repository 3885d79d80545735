import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { createTestApp, type TestApp } from '../../test/support/app.ts'
import { api } from '../../test/support/client.ts'
import { type Cooperative, seedCooperative, tokenFor } from '../../test/support/factories.ts'
import { addVoter, makeAssembly } from '../../test/support/governance-motions.ts'
import { admitOrganisationsAB } from '../../test/support/members.ts'
import { fixedClock } from '../platform/clock.ts'
import { expectJson, expectProblem } from './api.testing.ts'
import { fieldPaths } from './membership.testing.ts'

const clock = fixedClock(new Date('2026-05-10T10:00:00Z'))
let t: TestApp
let coop: Cooperative
let assembly: { id: string; ref: string }
let tokens: Record<'board' | 'adminA' | 'adminB' | 'outsider' | 'supervisor', string>
before(async () => {
  t = await createTestApp({ clock })
  coop = await seedCooperative(t.deps)
  const { memberA, memberB } = await admitOrganisationsAB(t.deps, coop)
  assembly = await makeAssembly(t.deps)
  await addVoter(t.deps, assembly.id, memberA.id, coop.orgA.admin.personId)
  await addVoter(t.deps, assembly.id, memberB.id, coop.orgB.admin.personId)
  tokens = {
    board: await tokenFor(t.deps, coop.board.accountId),
    adminA: await tokenFor(t.deps, coop.orgA.admin.accountId),
    adminB: await tokenFor(t.deps, coop.orgB.admin.accountId),
    outsider: await tokenFor(t.deps, coop.outsider.accountId),
    supervisor: await tokenFor(t.deps, coop.supervisor.accountId),
  }
})
after(() => t.close())

interface Motion {
  ref: string
  status: string
  majority: string
  supporters: number
  supportedBy?: Array<{ name: string }>
  amendmentList?: Array<{ ref: string; status: string; diff: Array<{ kind: string; text: string }> }>
}

const path = (rest = '') => `/assemblies/${assembly.ref}/motions${rest}`

async function motionCount(): Promise<number> {
  const row = await t.deps.db
    .selectFrom('motion')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

test('a representative submits, another member supports, the board admits; statute changes need 3/4', async () => {
  const created = await expectJson<Motion>(
    await api(t, tokens.adminA, path(), {
      method: 'POST',
      json: { title: 'Satzung § 5', body: 'Die Versammlung tagt jährlich.', statuteChange: true },
    }),
    201,
  )
  assert.equal(created.ref, 'A1')
  assert.equal(created.majority, 'three_quarters')
  assert.equal(created.supporters, 1)
  const supported = await expectJson<Motion>(
    await api(t, tokens.adminB, path('/A1/support'), { method: 'POST', json: {} }),
    200,
  )
  assert.deepEqual(supported.supportedBy?.map((s) => s.name).sort(), ['Org A e.V.', 'Org B gGmbH'])
  assert.deepEqual(await fieldPaths(await api(t, tokens.adminB, path('/A1/support'), { method: 'POST', json: {} })), [
    'memberId',
  ])
  await expectProblem(await api(t, tokens.adminA, path('/A1/admit'), { method: 'POST' }), 403)
  const admitted = await expectJson<Motion>(await api(t, tokens.board, path('/A1/admit'), { method: 'POST' }), 200)
  assert.equal(admitted.status, 'admitted')
  await expectProblem(await api(t, tokens.board, path('/A1/admit'), { method: 'POST' }), 409, 'conflict')
  const list = await expectJson<{ items: Motion[] }>(await api(t, tokens.supervisor, path()), 200)
  assert.deepEqual(
    list.items.map((m) => [m.ref, m.status, m.supporters]),
    [['A1', 'admitted', 2]],
  )
})

test('amendments: the whole text, a word diff, withdrawn by the submitter only; percent-encoded Ä in the path', async () => {
  const amendment = await expectJson<{ ref: string; diff: Array<{ kind: string; text: string }> }>(
    await api(t, tokens.adminB, path('/A1/amendments'), {
      method: 'POST',
      json: { body: 'Die Versammlung tagt zweimal im Jahr.' },
    }),
    201,
  )
  assert.equal(amendment.ref, 'Ä1.1')
  assert.deepEqual(
    amendment.diff.filter((p) => p.kind !== 'same').map((p) => [p.kind, p.text.trim()]),
    [
      ['removed', 'jährlich'],
      ['added', 'zweimal im Jahr'],
    ],
  )
  const withdraw = path(`/A1/amendments/${encodeURIComponent('Ä1.1')}/withdraw`)
  await expectProblem(await api(t, tokens.adminA, withdraw, { method: 'POST' }), 403)
  const after = await expectJson<Motion>(await api(t, tokens.adminB, withdraw, { method: 'POST' }), 200)
  assert.deepEqual(
    after.amendmentList?.map((a) => [a.ref, a.status]),
    [['Ä1.1', 'withdrawn']],
  )
  await expectProblem(await api(t, tokens.board, path('/A1/amendments/X1/admit'), { method: 'POST' }), 422)
})

test('bad input and those off the roll change nothing', async () => {
  const before = await motionCount()
  assert.deepEqual(
    (
      await fieldPaths(
        await api(t, tokens.adminA, path(), {
          method: 'POST',
          json: { title: '', body: 'x', majority: 'most', extra: 1 },
        }),
      )
    ).sort(),
    ['extra', 'majority', 'title'],
  )
  await expectProblem(
    await api(t, tokens.outsider, path(), { method: 'POST', json: { title: 'x', body: 'y' } }),
    404,
    'not_found',
  )
  await expectProblem(await api(t, tokens.outsider, path()), 404)
  await expectProblem(await api(t, null, path()), 401)
  await expectProblem(await api(t, tokens.adminA, '/assemblies/GV-2099-999/motions'), 404)
  // a read-only token reads, but does not submit
  const readOnly = await tokenFor(t.deps, coop.orgA.admin.accountId, ['governance:read'])
  await expectJson(await api(t, readOnly, path()), 200)
  await expectProblem(await api(t, readOnly, path(), { method: 'POST', json: { title: 'x', body: 'y' } }), 403)
  assert.equal(await motionCount(), before)
})
