/**
 * Assemblies through the JSON API: the board calls one and adds items (the §46 (2) refusal with its field path),
 * invites, reads the roll; a member's representative sees it and gives a proxy (a third for one holder refused);
 * staff check in and read the presence; those not invited get 404 and lacking rights 403.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { createTestApp, type TestApp } from '../../test/support/app.ts'
import { api } from '../../test/support/client.ts'
import { type Cooperative, seedCooperative, tokenFor } from '../../test/support/factories.ts'
import { assemblyJson, type GovernanceMembers, governanceMembers, inDays } from '../../test/support/governance.ts'
import { expectJson, expectProblem } from './api.testing.ts'

let t: TestApp
let coop: Cooperative
let members: GovernanceMembers
let board: string
let staff: string
let repA: string
let repB: string
let outsider: string

before(async () => {
  t = await createTestApp()
  coop = await seedCooperative(t.deps)
  members = await governanceMembers(t.deps, coop)
  board = await tokenFor(t.deps, coop.board.accountId)
  staff = await tokenFor(t.deps, coop.staff.accountId)
  repA = await tokenFor(t.deps, coop.orgA.admin.accountId)
  repB = await tokenFor(t.deps, coop.orgB.admin.accountId)
  outsider = await tokenFor(t.deps, coop.outsider.accountId)
})
after(() => t.close())

interface ApiAssembly {
  ref: string
  id: string
  status: string
  onlineUrl: string | null
  agenda?: Array<{ title: string; decidable: boolean }>
}

test('the board calls an assembly, adds items, invites; a member reads it, an outsider gets 404', async () => {
  const created = await expectJson<ApiAssembly>(
    await api(t, board, '/assemblies', {
      method: 'POST',
      json: assemblyJson({ form: 'hybrid', onlineUrl: 'https://video.example.org/a' }),
    }),
    201,
  )
  assert.equal(created.status, 'draft')
  await expectJson(
    await api(t, board, `/assemblies/${created.ref}/agenda`, {
      method: 'POST',
      json: { title: 'Jahresabschluss', kind: 'motion' },
    }),
    201,
  )
  const invited = await expectJson<{ invited: number; members: number; assembly: ApiAssembly }>(
    await api(t, board, `/assemblies/${created.ref}/invite`, { method: 'POST' }),
    200,
  )
  assert.deepEqual([invited.invited, invited.members, invited.assembly.status], [3, 3, 'invited'])
  const seen = await expectJson<ApiAssembly>(await api(t, repA, `/assemblies/${created.ref}`), 200)
  assert.equal(seen.onlineUrl, 'https://video.example.org/a')
  assert.deepEqual(
    seen.agenda?.map((i) => [i.title, i.decidable]),
    [['Jahresabschluss', true]],
  )
  const list = await expectJson<{ items: ApiAssembly[] }>(await api(t, repA, '/assemblies'), 200)
  assert.ok(list.items.some((a) => a.ref === created.ref))
  await expectProblem(await api(t, outsider, `/assemblies/${created.ref}`), 404, 'not_found')
  assert.deepEqual((await expectJson<{ items: unknown[] }>(await api(t, outsider, '/assemblies'), 200)).items, [])
  // the roll: supporting member without a vote
  const roll = await expectJson<{ items: Array<{ memberId: string; votes: number }>; counts: { votes: number } }>(
    await api(t, board, `/assemblies/${created.ref}/voters`),
    200,
  )
  assert.equal(roll.items.find((v) => v.memberId === members.supporting.id)?.votes, 0)
  assert.equal(roll.counts.votes, 2)
  await expectProblem(await api(t, repA, `/assemblies/${created.ref}/voters`), 403, 'forbidden')
  // members may not call assemblies
  await expectProblem(await api(t, repA, '/assemblies', { method: 'POST', json: assemblyJson() }), 403, 'forbidden')
})

test('bad input: the field paths of an invalid assembly, an item for decision 3 days before, unknown fields', async () => {
  const bad = await expectProblem(
    await api(t, board, '/assemblies', {
      method: 'POST',
      json: assemblyJson({ form: 'virtual', startsAt: 'tomorrow', extra: 1 }),
    }),
    422,
    'validation',
  )
  assert.deepEqual(bad.errors?.map((e) => e.path).sort(), ['extra', 'startsAt'])
  const soon = await expectJson<ApiAssembly>(
    await api(t, board, '/assemblies', {
      method: 'POST',
      json: assemblyJson({ startsAt: inDays(3), endsAt: inDays(3, 2) }),
    }),
    201,
  )
  const late = await expectProblem(
    await api(t, board, `/assemblies/${soon.ref}/agenda`, {
      method: 'POST',
      json: { title: 'Wahl', kind: 'election' },
    }),
    422,
    'validation',
  )
  assert.deepEqual(
    late.errors?.map((e) => e.path),
    ['kind'],
  )
  assert.match(late.errors?.[0]?.message ?? '', /§46 \(2\) GenG/)
  await expectJson(
    await api(t, board, `/assemblies/${soon.ref}/agenda`, {
      method: 'POST',
      json: { title: 'Info', kind: 'information' },
    }),
    201,
  )
  // §46 (1): 3 days ahead is too late to invite
  const invite = await expectProblem(
    await api(t, board, `/assemblies/${soon.ref}/invite`, { method: 'POST' }),
    422,
    'validation',
  )
  assert.deepEqual(
    invite.errors?.map((e) => e.path),
    ['invitation'],
  )
})

test('proxies and check-in: a third proxy for one holder is refused, staff check in, the presence counts', async () => {
  const created = await expectJson<ApiAssembly>(
    await api(t, board, '/assemblies', { method: 'POST', json: assemblyJson() }),
    201,
  )
  await expectJson(await api(t, board, `/assemblies/${created.ref}/invite`, { method: 'POST' }), 200)
  await expectJson(
    await api(t, repA, `/assemblies/${created.ref}/proxies`, {
      method: 'POST',
      json: { memberId: members.memberA.id, holderEmail: coop.outsider.email },
    }),
    201,
  )
  await expectJson(
    await api(t, repB, `/assemblies/${created.ref}/proxies`, {
      method: 'POST',
      json: { memberId: members.memberB.id, holderEmail: coop.outsider.email },
    }),
    201,
  )
  // B's representative cannot give A's proxy
  await expectProblem(
    await api(t, repB, `/assemblies/${created.ref}/proxies`, {
      method: 'POST',
      json: { memberId: members.memberA.id, holderEmail: coop.board.email },
    }),
    403,
  )
  const proxies = await expectJson<{ items: Array<{ form: string }> }>(
    await api(t, board, `/assemblies/${created.ref}/proxies`),
    200,
  )
  assert.equal(proxies.items.length, 2)
  // the holder is now invited too and checks in at the door with two members, two votes
  const presence = await expectJson<{ persons: number; members: number; votes: number }>(
    await api(t, staff, `/assemblies/${created.ref}/check-in`, {
      method: 'POST',
      json: { personId: coop.outsider.personId },
    }),
    200,
  )
  assert.deepEqual(presence, { persons: 1, members: 2, votes: 2 })
  assert.deepEqual(await expectJson(await api(t, outsider, `/assemblies/${created.ref}/presence`), 200), {
    persons: 1,
    members: 2,
    votes: 2,
  })
  await expectProblem(
    await api(t, repA, `/assemblies/${created.ref}/check-in`, {
      method: 'POST',
      json: { personId: coop.outsider.personId },
    }),
    403,
  )
  const bad = await expectProblem(
    await api(t, staff, `/assemblies/${created.ref}/check-in`, { method: 'POST', json: { personId: 'nobody' } }),
    422,
  )
  assert.deepEqual(
    bad.errors?.map((e) => e.path),
    ['personId'],
  )
})
