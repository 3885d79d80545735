import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { createTestApp, type TestApp } from '../../test/support/app.ts'
import { type Cooperative, seedCooperative } from '../../test/support/factories.ts'
import { addVoter, makeAssembly, setAssemblyStatus } from '../../test/support/governance-motions.ts'
import { admitOrganisationsAB } from '../../test/support/members.ts'
import { loadActor } from '../auth/actor.repo.ts'
import type { Trx } from '../db/db.ts'
import type { Actor } from '../platform/actor.ts'
import { fixedClock } from '../platform/clock.ts'
import { DomainError } from '../platform/errors.ts'
import {
  admitMotion,
  getMotion,
  listMotions,
  recordMotionOutcome,
  submitMotion,
  supportMotion,
  withdrawMotion,
} from './motions.actions.ts'
import { admitAmendment, submitAmendment, withdrawAmendment } from './motions.amendments.actions.ts'
import { amendmentInput, motionInput, supportInput } from './motions.schema.ts'

const clock = fixedClock(new Date('2026-05-10T10:00:00Z'))
let t: TestApp
let coop: Cooperative
let actors: Record<'board' | 'adminA' | 'adminB' | 'userA' | 'supervisor' | 'outsider' | 'staff', Actor>
let memberA: { id: string }
let memberB: { id: string }

before(async () => {
  t = await createTestApp({ clock })
  coop = await seedCooperative(t.deps)
  ;({ memberA, memberB } = await admitOrganisationsAB(t.deps, coop))
  const load = async (accountId: string) => (await loadActor(t.deps.db, accountId))!
  actors = {
    board: await load(coop.board.accountId),
    adminA: await load(coop.orgA.admin.accountId),
    adminB: await load(coop.orgB.admin.accountId),
    userA: await load(coop.orgA.user.accountId),
    supervisor: await load(coop.supervisor.accountId),
    outsider: await load(coop.outsider.accountId),
    staff: await load(coop.staff.accountId),
  }
})
after(() => t.close())

const run = <T>(fn: (trx: Trx) => Promise<T>) => t.deps.db.transaction().execute(fn)

/** An assembly with A's and B's members on the roll, represented by their organisations' admins. */
async function assemblyWithRoll(options: Parameters<typeof makeAssembly>[1] = {}) {
  const assembly = await makeAssembly(t.deps, options)
  await addVoter(t.deps, assembly.id, memberA.id, coop.orgA.admin.personId)
  await addVoter(t.deps, assembly.id, memberB.id, coop.orgB.admin.personId)
  return assembly
}

const motion = (patch: Record<string, unknown> = {}) =>
  motionInput.parse({ title: 'Satzung § 5', body: 'Der Vorstand beruft die Versammlung jährlich ein.', ...patch })

async function rejects(promise: Promise<unknown>, code: string, field?: string) {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof DomainError, String(error))
    assert.equal(error.code, code, error.message)
    if (field) assert.equal(error.fields[0]?.path, field)
    return true
  })
}

async function auditActions(subjectId: string): Promise<string[]> {
  const rows = await t.deps.db
    .selectFrom('audit_entry')
    .select('action')
    .where('subject_id', '=', subjectId)
    .orderBy('seq')
    .execute()
  return rows.map((r) => r.action)
}

test('a member on the roll submits motions A1, A2; its own member supports them; a statute change needs 3/4', async () => {
  const assembly = await assemblyWithRoll()
  const a1 = await run((trx) => submitMotion(trx, actors.adminA, { ...motion(), assembly: assembly.ref }, t.deps))
  assert.equal(a1.ref, 'A1')
  assert.equal(a1.majority, 'simple')
  assert.equal(a1.status, 'submitted')
  assert.equal(a1.supporters, 1)
  const a2 = await run((trx) =>
    submitMotion(
      trx,
      actors.adminB,
      { ...motion({ statuteChange: true, majority: 'simple' }), assembly: assembly.ref },
      t.deps,
    ),
  )
  assert.equal(a2.ref, 'A2')
  assert.equal(a2.majority, 'three_quarters') // §16 (2) GenG
  // the board submits without a member
  const a3 = await run((trx) =>
    submitMotion(trx, actors.board, { ...motion({ majority: 'two_thirds' }), assembly: assembly.ref }, t.deps),
  )
  assert.equal(a3.ref, 'A3')
  assert.equal(a3.supporters, 0)
  const { motions } = await listMotions(t.deps.db, actors.userA, { assembly: assembly.ref })
  assert.deepEqual(
    motions.map((m) => [m.ref, m.majority, m.supporters]),
    [
      ['A1', 'simple', 1],
      ['A2', 'three_quarters', 1],
      ['A3', 'two_thirds', 0],
    ],
  )
  assert.deepEqual(await auditActions(a1.id), ['motion.submitted'])
})

test('reading: the roll members’ people and the readers; others see nothing (not_found)', async () => {
  const assembly = await makeAssembly(t.deps)
  await addVoter(t.deps, assembly.id, memberA.id, coop.orgA.admin.personId)
  await run((trx) => submitMotion(trx, actors.adminA, { ...motion(), assembly: assembly.ref }, t.deps))
  for (const who of ['adminA', 'userA', 'supervisor', 'board', 'staff'] as const)
    assert.equal((await listMotions(t.deps.db, actors[who], { assembly: assembly.ref })).motions.length, 1, who)
  for (const who of ['adminB', 'outsider'] as const) {
    await rejects(listMotions(t.deps.db, actors[who], { assembly: assembly.ref }), 'not_found')
    await rejects(getMotion(t.deps.db, actors[who], { assembly: assembly.ref, motion: 'A1' }), 'not_found')
  }
  await rejects(listMotions(t.deps.db, actors.userA, { assembly: 'GV-2099-999' }), 'not_found')
  await rejects(listMotions(t.deps.db, actors.userA, { assembly: 'nonsense' }), 'not_found')
  // an org's user reads, but does not act for the member; nor does a member not on the roll
  await rejects(
    run((trx) => submitMotion(trx, actors.userA, { ...motion(), assembly: assembly.ref }, t.deps)),
    'forbidden',
  )
  await rejects(
    run((trx) => submitMotion(trx, actors.adminB, { ...motion(), assembly: assembly.ref }, t.deps)),
    'not_found',
  )
  // a token without governance scope cannot read through the roll
  const narrowed = { ...actors.adminA, scopes: new Set(['members:read'] as const) }
  await rejects(listMotions(t.deps.db, narrowed, { assembly: assembly.ref }), 'not_found')
})

test('support: one row per member, a second support is refused at the field and changes nothing', async () => {
  const assembly = await assemblyWithRoll()
  await run((trx) => submitMotion(trx, actors.adminA, { ...motion(), assembly: assembly.ref }, t.deps))
  const input = { ...supportInput.parse({}), assembly: assembly.ref, motion: 'A1' }
  await run((trx) => supportMotion(trx, actors.adminB, input, t.deps))
  await rejects(
    run((trx) => supportMotion(trx, actors.adminB, input, t.deps)),
    'validation',
    'memberId',
  )
  await rejects(
    run((trx) => supportMotion(trx, actors.adminA, input, t.deps)),
    'validation',
    'memberId',
  ) // A supports its own motion already
  await rejects(
    run((trx) => supportMotion(trx, actors.adminB, { ...input, memberId: memberA.id }, t.deps)),
    'validation',
    'memberId',
  ) // B's admin does not act for A
  await rejects(
    run((trx) => supportMotion(trx, actors.board, input, t.deps)),
    'forbidden',
  ) // the board is no member here
  const detail = await getMotion(t.deps.db, actors.board, { assembly: assembly.ref, motion: 'A1' })
  assert.deepEqual(detail.supporters.map((s) => s.name).sort(), ['Org A e.V.', 'Org B gGmbH'])
  assert.equal(detail.motion.supporters, 2)
})

test('workflow: the board admits, the submitter withdraws, the polls record the outcome once', async () => {
  const assembly = await assemblyWithRoll()
  const a1 = await run((trx) => submitMotion(trx, actors.adminA, { ...motion(), assembly: assembly.ref }, t.deps))
  const a2 = await run((trx) => submitMotion(trx, actors.adminA, { ...motion(), assembly: assembly.ref }, t.deps))
  const ref = (m: string) => ({ assembly: assembly.ref, motion: m })
  await rejects(
    run((trx) => admitMotion(trx, actors.adminA, ref('A1'), t.deps)),
    'forbidden',
  )
  // an outcome needs an admitted motion
  await rejects(
    run((trx) => recordMotionOutcome(trx, actors.board, a1.id, 'adopted', t.deps)),
    'conflict',
  )
  await run((trx) => admitMotion(trx, actors.board, ref('A1'), t.deps))
  await rejects(
    run((trx) => admitMotion(trx, actors.board, ref('A1'), t.deps)),
    'conflict',
  )
  // only the submitter withdraws
  await rejects(
    run((trx) => withdrawMotion(trx, actors.adminB, ref('A2'), t.deps)),
    'forbidden',
  )
  await rejects(
    run((trx) => withdrawMotion(trx, actors.board, ref('A2'), t.deps)),
    'forbidden',
  )
  await run((trx) => withdrawMotion(trx, actors.adminA, ref('A2'), t.deps))
  await rejects(
    run((trx) => admitMotion(trx, actors.board, ref('A2'), t.deps)),
    'conflict',
  )
  await rejects(
    run((trx) => supportMotion(trx, actors.adminB, { ...ref('A2'), memberId: null }, t.deps)),
    'conflict',
  )
  await rejects(
    run((trx) => recordMotionOutcome(trx, actors.adminA, a1.id, 'adopted', t.deps)),
    'forbidden',
  )
  await run((trx) => recordMotionOutcome(trx, actors.board, a1.id, 'adopted', t.deps))
  await rejects(
    run((trx) => recordMotionOutcome(trx, actors.board, a1.id, 'rejected', t.deps)),
    'conflict',
  )
  const row = await t.deps.db
    .selectFrom('motion')
    .select(['status', 'decided_at'])
    .where('id', '=', a1.id)
    .executeTakeFirstOrThrow()
  assert.equal(row.status, 'adopted')
  assert.equal(new Date(row.decided_at!).toISOString(), clock.now().toISOString())
  assert.deepEqual(await auditActions(a1.id), ['motion.submitted', 'motion.admitted', 'motion.adopted'])
  assert.deepEqual(await auditActions(a2.id), ['motion.submitted', 'motion.withdrawn'])
})

test('amendments: the whole amended text, Ä1.1 and Ä1.2, shown as a word diff; unchanged text refused', async () => {
  const assembly = await assemblyWithRoll()
  await run((trx) => submitMotion(trx, actors.adminA, { ...motion(), assembly: assembly.ref }, t.deps))
  const ref = { assembly: assembly.ref, motion: 'A1' }
  const amended = 'Der Vorstand beruft die Versammlung zweimal im Jahr ein.'
  const first = await run((trx) =>
    submitAmendment(trx, actors.adminB, { ...amendmentInput.parse({ body: amended }), ...ref }, t.deps),
  )
  assert.equal(first.ref, 'Ä1.1')
  const second = await run((trx) =>
    submitAmendment(trx, actors.board, { ...amendmentInput.parse({ body: 'Gestrichen.' }), ...ref }, t.deps),
  )
  assert.equal(second.ref, 'Ä1.2')
  await rejects(
    run((trx) =>
      submitAmendment(trx, actors.adminB, { ...amendmentInput.parse({ body: motion().body }), ...ref }, t.deps),
    ),
    'validation',
    'body',
  )
  await rejects(
    run((trx) => submitAmendment(trx, actors.userA, { ...amendmentInput.parse({ body: amended }), ...ref }, t.deps)),
    'forbidden',
  )
  const detail = await getMotion(t.deps.db, actors.userA, ref)
  assert.deepEqual(
    detail.amendments.map((a) => a.ref),
    ['Ä1.1', 'Ä1.2'],
  )
  assert.deepEqual(
    detail.amendments[0]!.diff.filter((p) => p.kind !== 'same').map((p) => [p.kind, p.text.trim()]),
    [
      ['removed', 'jährlich'],
      ['added', 'zweimal im Jahr'],
    ],
  )
  await rejects(
    run((trx) => withdrawAmendment(trx, actors.adminA, { ...ref, amendment: 'Ä1.1' }, t.deps)),
    'forbidden',
  )
  await run((trx) => withdrawAmendment(trx, actors.adminB, { ...ref, amendment: 'Ä1.1' }, t.deps))
  await run((trx) => admitAmendment(trx, actors.board, { ...ref, amendment: 'Ä1.2' }, t.deps))
  await rejects(
    run((trx) => admitAmendment(trx, actors.board, { ...ref, amendment: 'Ä1.1' }, t.deps)),
    'conflict',
  )
  await rejects(
    run((trx) => admitAmendment(trx, actors.board, { ...ref, amendment: 'Ä1.9' }, t.deps)),
    'not_found',
  )
  const after = await getMotion(t.deps.db, actors.board, ref)
  assert.deepEqual(
    after.amendments.map((a) => a.status),
    ['withdrawn', 'admitted'],
  )
  assert.deepEqual(await auditActions(first.id), ['amendment.submitted', 'amendment.withdrawn'])
})

test('closed and cancelled assemblies take no motions, support or amendments; drafts do', async () => {
  const draft = await assemblyWithRoll({ status: 'draft' })
  await run((trx) => submitMotion(trx, actors.adminA, { ...motion(), assembly: draft.ref }, t.deps))
  for (const status of ['closed', 'cancelled'] as const) {
    const assembly = await assemblyWithRoll()
    await run((trx) => submitMotion(trx, actors.adminA, { ...motion(), assembly: assembly.ref }, t.deps))
    await setAssemblyStatus(t.deps, assembly.id, status)
    const ref = { assembly: assembly.ref, motion: 'A1' }
    await rejects(
      run((trx) => submitMotion(trx, actors.adminA, { ...motion(), assembly: assembly.ref }, t.deps)),
      'conflict',
    )
    await rejects(
      run((trx) => supportMotion(trx, actors.adminB, { ...ref, memberId: null }, t.deps)),
      'conflict',
    )
    await rejects(
      run((trx) => submitAmendment(trx, actors.adminB, { ...amendmentInput.parse({ body: 'Neu.' }), ...ref }, t.deps)),
      'conflict',
    )
    // still readable
    assert.equal((await listMotions(t.deps.db, actors.adminA, { assembly: assembly.ref })).motions.length, 1)
    const count = await t.deps.db
      .selectFrom('motion')
      .innerJoin('assembly', 'assembly.id', 'motion.assembly_id')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('assembly.ref', '=', assembly.ref)
      .executeTakeFirstOrThrow()
    assert.equal(Number(count.n), 1, status)
  }
})

test('§46 (2) GenG: a motion submitted within the agenda period of the statutes is marked as not decidable', async () => {
  const soon = await assemblyWithRoll({ startsAt: new Date('2026-05-15T10:00:00Z') })
  const late = await run((trx) => submitMotion(trx, actors.adminA, { ...motion(), assembly: soon.ref }, t.deps))
  assert.equal(late.late, true)
  const later = await assemblyWithRoll({ startsAt: new Date('2026-06-20T10:00:00Z') })
  const inTime = await run((trx) => submitMotion(trx, actors.adminA, { ...motion(), assembly: later.ref }, t.deps))
  assert.equal(inTime.late, false)
})

test('someone who speaks for two members on the roll chooses which one', async () => {
  const assembly = await makeAssembly(t.deps)
  await addVoter(t.deps, assembly.id, memberA.id, coop.orgA.admin.personId)
  await addVoter(t.deps, assembly.id, memberB.id, coop.orgA.admin.personId) // A's admin also represents B
  await rejects(
    run((trx) => submitMotion(trx, actors.adminA, { ...motion(), assembly: assembly.ref }, t.deps)),
    'validation',
    'memberId',
  )
  const m = await run((trx) =>
    submitMotion(trx, actors.adminA, { ...motion({ memberId: memberB.id }), assembly: assembly.ref }, t.deps),
  )
  const detail = await getMotion(t.deps.db, actors.adminA, { assembly: assembly.ref, motion: m.ref })
  assert.deepEqual(
    detail.supporters.map((s) => s.name),
    ['Org B gGmbH'],
  )
})
