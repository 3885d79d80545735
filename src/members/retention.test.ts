/**
 * §30 GenG retention: the supporting records of a member who left are kept until the end of the third year
 * after the year of the exit, then their personal data are erased. The register entry and the ledgers stay.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { createTestApp, type TestApp } from '../../test/support/app.ts'
import { admitMember } from '../../test/support/members.ts'
import { systemActor } from '../platform/actor.ts'
import { fixedClock } from '../platform/clock.ts'
import { giveNotice } from './exit.actions.ts'
import type { Member } from './members.model.ts'
import { purgeExpiredRecords } from './register.actions.ts'

const clock = fixedClock(new Date('2026-03-10T10:00:00Z'))
const board = systemActor('test')
let t: TestApp
/** Leaves on 2026-12-31. */
let leaving: Member
let leavingApplication: string
/** Leaves on 2027-12-31 (notice to a later fiscal-year end). */
let later: Member
/** Stays. */
let staying: Member

before(async () => {
  t = await createTestApp({ clock })
  const first = await admitMember(t.deps)
  leaving = first.member
  leavingApplication = first.application.id
  later = (await admitMember(t.deps, { organisationName: 'Später e.V.', email: 'spaet@spaeter.test' })).member
  staying = (await admitMember(t.deps, { organisationName: 'Bleibt e.V.', email: 'bleibt@bleibt.test' })).member
  await t.deps.db.transaction().execute(async (trx) => {
    const notice = await giveNotice(trx, board, leaving.id, {}, t.deps)
    assert.equal(notice.exitOn, '2026-12-31')
    await giveNotice(trx, board, later.id, { exitOn: '2027-12-31' }, t.deps)
  })
})
after(() => t.close())

const purge = () => t.deps.db.transaction().execute((trx) => purgeExpiredRecords(trx, board, t.deps))

async function recordsOf(memberId: string, applicationId?: string) {
  const db = t.deps.db
  const member = await db.selectFrom('member').selectAll().where('id', '=', memberId).executeTakeFirstOrThrow()
  const application = await db
    .selectFrom('membership_application')
    .selectAll()
    .where('id', '=', applicationId ?? (member.application_id as string))
    .executeTakeFirstOrThrow()
  const declaration = await db
    .selectFrom('membership_declaration')
    .selectAll()
    .where('application_id', '=', application.id)
    .executeTakeFirstOrThrow()
  const shares = await db
    .selectFrom('share_transaction')
    .selectAll()
    .where('member_id', '=', memberId)
    .orderBy('seq')
    .execute()
  const capital = await db
    .selectFrom('capital_transaction')
    .selectAll()
    .where('member_id', '=', memberId)
    .orderBy('seq')
    .execute()
  const journal = await db
    .selectFrom('audit_entry')
    .select(['action', 'after', 'actor_label'])
    .where('subject_id', '=', memberId)
    .where('action', '=', 'member.records_purged')
    .execute()
  return { member, application, declaration, shares, capital, journal }
}

async function auditCount(): Promise<number> {
  const row = await t.deps.db
    .selectFrom('audit_entry')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

test('kept until the end of the third year after the exit year', async () => {
  const before = await recordsOf(leaving.id, leavingApplication)
  for (const at of ['2026-12-31T12:00:00Z', '2027-06-30T12:00:00Z', '2029-12-31T12:00:00Z', '2029-12-31T22:59:59Z']) {
    clock.set(new Date(at))
    assert.deepEqual(await purge(), { purged: [] }, at)
  }
  const still = await recordsOf(leaving.id, leavingApplication)
  assert.deepEqual(still, before)
  assert.match(still.declaration.text, /Klimabündnis Nord/)
  assert.equal(still.declaration.ip_address, '127.0.0.1')
  assert.equal(still.declaration.user_agent, 'test')
  assert.equal(still.declaration.signer_email, 'jana@klima-nord.test')
})

test('from 2030-01-01 (Berlin time) the personal data are erased; register entry and ledgers stay', async () => {
  const before = await recordsOf(leaving.id, leavingApplication)
  const others = [await recordsOf(later.id), await recordsOf(staying.id)]
  // midnight in Berlin is 23:00 UTC
  clock.set(new Date('2029-12-31T23:00:00Z'))
  assert.deepEqual(await purge(), { purged: [leaving.number] })

  const after = await recordsOf(leaving.id, leavingApplication)
  assert.equal(after.declaration.text, '')
  assert.equal(after.declaration.signer_email, '')
  assert.equal(after.declaration.ip_address, null)
  assert.equal(after.declaration.user_agent, null)
  assert.notEqual(after.declaration.purged_at, null)
  // what proves the declaration existed stays: who signed when, under which statutes, and its seal
  assert.equal(after.declaration.signer_name, before.declaration.signer_name)
  assert.equal(after.declaration.content_hash, before.declaration.content_hash)
  assert.deepEqual(after.application.applicant, { organisationName: 'Klimabündnis Nord e.V.', purged: true })
  assert.deepEqual(after.application.questionnaire, {})
  assert.notEqual(after.application.tracking_token_hash, before.application.tracking_token_hash)

  // the register entry (§30) and both ledgers remain as they were
  assert.deepEqual({ ...after.member, purged_at: null }, before.member)
  assert.notEqual(after.member.purged_at, null)
  assert.equal(after.member.number, leaving.number)
  assert.equal(after.member.exit_on, '2026-12-31')
  assert.deepEqual(after.shares, before.shares)
  assert.deepEqual(after.capital, before.capital)
  assert.ok(after.shares.length > 0 && after.capital.length > 0)

  assert.equal(after.journal.length, 1)
  assert.equal(after.journal[0]!.actor_label, 'system:test')
  assert.deepEqual(after.journal[0]!.after, { number: leaving.number, exitOn: '2026-12-31', applications: 1 })

  // a later exit and an ongoing membership are untouched
  assert.deepEqual([await recordsOf(later.id), await recordsOf(staying.id)], others)
})

test('purging again changes nothing', async () => {
  const records = await recordsOf(leaving.id, leavingApplication)
  const entries = await auditCount()
  clock.set(new Date('2030-06-01T10:00:00Z'))
  assert.deepEqual(await purge(), { purged: [] })
  assert.deepEqual(await recordsOf(leaving.id, leavingApplication), records)
  assert.equal(await auditCount(), entries)
  // the member who left on 2027-12-31 follows from 2031-01-01
  clock.set(new Date('2031-01-01T10:00:00Z'))
  assert.deepEqual(await purge(), { purged: [later.number] })
  assert.deepEqual(await purge(), { purged: [] })
  assert.equal(await auditCount(), entries + 1)
})
