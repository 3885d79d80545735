/**
 * The demo's assemblies, seeded after the demo cooperative: the ordinary general assembly ahead, invited with its
 * agenda to every member on the roll; the extraordinary one of three months ago, closed, with its presence; the
 * journal chain holds.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { createTestDb } from '../../test/support/db.ts'
import { getAssembly } from '../governance/assemblies.actions.ts'
import { presence } from '../governance/attendance.actions.ts'
import { rollCounts } from '../governance/voters.actions.ts'
import { systemActor } from '../platform/actor.ts'
import { verifyAuditChain } from '../platform/audit.ts'
import { fixedClock } from '../platform/clock.ts'
import { loadConfig } from '../platform/config.ts'
import { seedDemo } from './seed-demo.ts'

test('the demo assemblies: an ordinary one ahead, invited with its agenda; an extraordinary one held and closed', async () => {
  const handle = await createTestDb()
  try {
    const env = { clock: fixedClock(new Date('2026-03-10T10:00:00Z')), config: loadConfig({ LOG_LEVEL: 'silent' }) }
    // seedDemo seeds the assemblies (seedDemoGovernance): the one ahead is invited, the past one closed
    await seedDemo(handle.db, env)
    const actor = systemActor('seed-demo')
    const rows = await handle.db.selectFrom('assembly').select(['ref', 'status']).execute()
    const refs = {
      future: rows.find((r) => r.status === 'invited')!.ref,
      past: rows.find((r) => r.status === 'closed')!.ref,
    }
    const future = await getAssembly(handle.db, actor, refs.future, env.clock.now())
    assert.equal(future.assembly.status, 'invited')
    assert.equal(future.assembly.form, 'hybrid')
    assert.equal(future.assembly.startsAt.toISOString(), '2026-04-14T16:00:00.000Z')
    assert.equal(future.agenda.length, 8)
    assert.deepEqual(
      future.agenda.filter((i) => i.decidable).map((i) => i.kind),
      ['motion', 'motion', 'motion', 'motion', 'election'],
    )
    const roll = await rollCounts(handle.db, future.assembly.id)
    assert.ok(roll.members >= 5, `members on the roll: ${roll.members}`)
    assert.ok(roll.votes < roll.members, 'the supporting member has no vote')
    const invitations = await handle.db
      .selectFrom('assembly_invitation')
      .select('email')
      .where('assembly_id', '=', future.assembly.id)
      .execute()
    assert.ok(invitations.length >= roll.members - roll.withoutRepresentative)
    const past = await getAssembly(handle.db, actor, refs.past, env.clock.now())
    assert.equal(past.assembly.status, 'closed')
    assert.equal(past.assembly.kind, 'extraordinary')
    assert.equal(past.assembly.registerDate, '2025-12-10')
    assert.ok(past.agenda[0]!.decidable)
    const attended = await handle.db
      .selectFrom('assembly_attendance')
      .select(['checked_in_at', 'checked_out_at'])
      .where('assembly_id', '=', past.assembly.id)
      .execute()
    assert.equal(attended.length, 3)
    assert.ok(attended.every((a) => a.checked_out_at !== null))
    assert.deepEqual(await presence(handle.db, past.assembly.id), { persons: 0, members: 0, votes: 0 })
    assert.equal((await verifyAuditChain(handle.db)).ok, true)
  } finally {
    await handle.close()
  }
})
