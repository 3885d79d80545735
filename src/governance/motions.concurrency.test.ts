/**
 * Motions racing on PostgreSQL, each in its own transaction (forced as in test/support/race.ts): motions
 * submitted at once get distinct references A1 … An (numbered under the assembly's lock), and one member
 * supporting a motion twice at once ends with one support row. PGlite has one connection: PostgreSQL only.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { createTestApp, type TestApp } from '../../test/support/app.ts'
import { onPostgres } from '../../test/support/db.ts'
import { type Cooperative, seedCooperative } from '../../test/support/factories.ts'
import { addVoter, makeAssembly } from '../../test/support/governance-motions.ts'
import { admitOrganisationsAB } from '../../test/support/members.ts'
import { race } from '../../test/support/race.ts'
import { loadActor } from '../auth/actor.repo.ts'
import { fixedClock } from '../platform/clock.ts'
import { DomainError } from '../platform/errors.ts'
import { submitMotion, supportMotion } from './motions.actions.ts'
import { motionInput } from './motions.schema.ts'

const skip = !onPostgres() && 'needs PostgreSQL (DATABASE_URL): PGlite has one connection, transactions never overlap'
const clock = fixedClock(new Date('2026-05-10T10:00:00Z'))
let t: TestApp
let coop: Cooperative
let members: { memberA: { id: string }; memberB: { id: string } }

before(async () => {
  if (skip) return
  t = await createTestApp({ clock })
  coop = await seedCooperative(t.deps)
  members = await admitOrganisationsAB(t.deps, coop)
})
after(() => t?.close())

test('motions submitted at once are numbered A1 … A4 without a gap or a twin', { skip }, async () => {
  const assembly = await makeAssembly(t.deps)
  await addVoter(t.deps, assembly.id, members.memberA.id, coop.orgA.admin.personId)
  await addVoter(t.deps, assembly.id, members.memberB.id, coop.orgB.admin.personId)
  const a = (await loadActor(t.deps.db, coop.orgA.admin.accountId))!
  const b = (await loadActor(t.deps.db, coop.orgB.admin.accountId))!
  const input = { ...motionInput.parse({ title: 'Race', body: 'Text.' }), assembly: assembly.ref }
  const { results, maxBlocked } = await race(
    t.deps.db,
    [a, b, a, b].map((actor) => (trx) => submitMotion(trx, actor, input, t.deps)),
  )
  assert.ok(maxBlocked >= 1, 'the transactions overlapped')
  const refs = results.map((r) => (r.status === 'fulfilled' ? r.value.ref : String(r.reason))).sort()
  assert.deepEqual(refs, ['A1', 'A2', 'A3', 'A4'])
})

test('one member supporting twice at once: one row, the other is told it supports already', { skip }, async () => {
  const assembly = await makeAssembly(t.deps)
  await addVoter(t.deps, assembly.id, members.memberA.id, coop.orgA.admin.personId)
  await addVoter(t.deps, assembly.id, members.memberB.id, coop.orgB.admin.personId)
  const a = (await loadActor(t.deps.db, coop.orgA.admin.accountId))!
  const b = (await loadActor(t.deps.db, coop.orgB.admin.accountId))!
  const input = { ...motionInput.parse({ title: 'Race', body: 'Text.' }), assembly: assembly.ref }
  const motion = await t.deps.db.transaction().execute((trx) => submitMotion(trx, a, input, t.deps))
  const support = { assembly: assembly.ref, motion: motion.ref, memberId: null }
  const { results } = await race(
    t.deps.db,
    [0, 1].map(() => (trx) => supportMotion(trx, b, support, t.deps)),
  )
  assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1)
  const failed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult
  assert.ok(failed.reason instanceof DomainError && failed.reason.fields[0]?.message === 'motion_already_supported')
  const rows = await t.deps.db
    .selectFrom('motion_supporter')
    .select('member_id')
    .where('motion_id', '=', motion.id)
    .execute()
  assert.equal(rows.length, 2) // A's own support and B's one
})
