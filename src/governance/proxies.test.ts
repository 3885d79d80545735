/**
 * Proxies (§43 (5) GenG) and presence through the actions on a real database: online and written proxies, the
 * holder's limit, revocation, who a person votes for (representedMembers), check-in, online joining, check-out
 * and the presence counts.
 */
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { after, before, test } from 'node:test'
import { createTestApp, type TestApp } from '../../test/support/app.ts'
import { type Cooperative, seedCooperative } from '../../test/support/factories.ts'
import { actorOf, type GovernanceMembers, governanceMembers, invitedAssembly } from '../../test/support/governance.ts'
import type { Trx } from '../db/db.ts'
import { systemActor } from '../platform/actor.ts'
import { DomainError } from '../platform/errors.ts'
import { closeAssembly, openAssembly } from './assemblies.actions.ts'
import { checkIn, checkOut, joinOnline, onPresenceChange, presence, presenceChanged } from './attendance.actions.ts'
import { grantProxy, proxiesOf, recordWrittenProxy, revokeProxy } from './proxies.actions.ts'
import { recomputeRoll, representedMembers } from './voters.actions.ts'

const board = systemActor('test')
let t: TestApp
let coop: Cooperative
let members: GovernanceMembers

before(async () => {
  t = await createTestApp()
  coop = await seedCooperative(t.deps)
  members = await governanceMembers(t.deps, coop)
})
after(() => t.close())

const pdf = new TextEncoder().encode('%PDF-1.4\n% Vollmacht\n%%EOF\n')

async function refusal(p: Promise<unknown>): Promise<DomainError> {
  try {
    await p
  } catch (error) {
    if (error instanceof DomainError) return error
    throw error
  }
  assert.fail('expected a refusal')
}

const tx = <T>(fn: (trx: Trx) => Promise<T>) => t.deps.db.transaction().execute(fn)

test('a representative gives a proxy online; a third for the same holder is refused at the field (§43 (5) GenG)', async () => {
  const assembly = await invitedAssembly(t.deps)
  // the outsider (any person we know by email) takes A's proxy online …
  const first = await tx((trx) =>
    grantProxy(
      trx,
      members.repA,
      assembly.ref,
      { memberId: members.memberA.id, holderEmail: coop.outsider.email },
      t.deps,
    ),
  )
  assert.equal(first.holderPersonId, coop.outsider.personId)
  // … and B's in writing, recorded by staff with the signed PDF
  const written = await tx((trx) =>
    recordWrittenProxy(
      trx,
      board,
      assembly.ref,
      {
        memberId: members.memberB.id,
        holderEmail: coop.outsider.email.toUpperCase(),
        document: { name: 'vollmacht b.pdf', bytes: pdf },
      },
      t.deps,
    ),
  )
  const row = await t.deps.db
    .selectFrom('assembly_proxy')
    .selectAll()
    .where('id', '=', written.id)
    .executeTakeFirstOrThrow()
  assert.equal(row.form, 'written')
  assert.equal(row.document_name, 'vollmacht b.pdf')
  assert.equal(row.document_sha256, createHash('sha256').update(pdf).digest('hex'))
  // the third member for the same holder: refused at the holder's field, nothing written
  const third = await refusal(
    tx((trx) =>
      recordWrittenProxy(
        trx,
        board,
        assembly.ref,
        { memberId: members.supporting.id, holderEmail: coop.outsider.email, document: { name: 'v.pdf', bytes: pdf } },
        t.deps,
      ),
    ),
  )
  assert.deepEqual(third.fields, [{ path: 'holderEmail', message: 'proxy_limit_reached' }])
  const active = await t.deps.db
    .selectFrom('assembly_proxy')
    .select('id')
    .where('assembly_id', '=', assembly.id)
    .where('revoked_at', 'is', null)
    .execute()
  assert.equal(active.length, 2)
  // who the holder votes for: A and B with one vote each, through the proxies
  const represented = await representedMembers(t.deps.db, assembly.id, coop.outsider.personId)
  assert.deepEqual(
    represented.map((r) => [r.memberId, r.votes, r.proxyId]).sort(),
    [
      [members.memberA.id, 1, first.id],
      [members.memberB.id, 1, written.id],
    ].sort(),
  )
  // A's own representative no longer votes for A while the proxy stands
  assert.deepEqual(await representedMembers(t.deps.db, assembly.id, coop.orgA.admin.personId), [])
  // revoked: A's representative votes again; the holder has a slot again
  await tx((trx) => revokeProxy(trx, members.repA, assembly.ref, first.id, t.deps))
  assert.deepEqual(await representedMembers(t.deps.db, assembly.id, coop.orgA.admin.personId), [
    { memberId: members.memberA.id, votes: 1, proxyId: null },
  ])
  const proxiesSeenByA = await proxiesOf(t.deps.db, members.repA, assembly.id)
  assert.deepEqual(
    proxiesSeenByA.map((p) => p.id),
    [first.id],
  )
})

test('bad proxies: for another member, to an unknown address, to oneself, twice, a file that is no PDF', async () => {
  const assembly = await invitedAssembly(t.deps)
  const give = (memberId: string, holderEmail: string, actor = members.repA) =>
    refusal(tx((trx) => grantProxy(trx, actor, assembly.ref, { memberId, holderEmail }, t.deps)))
  assert.equal((await give(members.memberB.id, coop.outsider.email)).code, 'forbidden')
  assert.deepEqual((await give(members.memberA.id, 'nobody@nowhere.test')).fields, [
    { path: 'holderEmail', message: 'proxy_holder_unknown' },
  ])
  assert.deepEqual((await give(members.memberA.id, coop.orgA.admin.email)).fields, [
    { path: 'holderEmail', message: 'proxy_to_self' },
  ])
  await tx((trx) =>
    grantProxy(
      trx,
      members.repA,
      assembly.ref,
      { memberId: members.memberA.id, holderEmail: coop.orgB.admin.email },
      t.deps,
    ),
  )
  assert.deepEqual((await give(members.memberA.id, coop.outsider.email)).fields, [
    { path: 'memberId', message: 'proxy_exists' },
  ])
  const notPdf = await refusal(
    tx((trx) =>
      recordWrittenProxy(
        trx,
        board,
        assembly.ref,
        {
          memberId: members.memberB.id,
          holderEmail: coop.outsider.email,
          document: { name: 'x.pdf', bytes: new TextEncoder().encode('GIF89a') },
        },
        t.deps,
      ),
    ),
  )
  assert.deepEqual(notPdf.fields, [{ path: 'document', message: 'proxy_document_not_pdf' }])
  const none = await refusal(
    tx((trx) =>
      recordWrittenProxy(
        trx,
        board,
        assembly.ref,
        { memberId: members.memberB.id, holderEmail: coop.outsider.email, document: null },
        t.deps,
      ),
    ),
  )
  assert.deepEqual(none.fields, [{ path: 'document', message: 'proxy_document_required' }])
  // a member who is not on the roll at all
  assert.deepEqual((await give('00000000-0000-4000-8000-000000000000', coop.outsider.email)).fields, [
    { path: 'memberId', message: 'proxy_member_not_on_roll' },
  ])
})

test('presence: check-in at the door, online joining, proxies counted with their votes, supporting members without', async () => {
  const assembly = await invitedAssembly(t.deps, { form: 'hybrid', onlineUrl: 'https://video.example.org/p' })
  const changes: string[] = []
  const listener = (id: string) => changes.push(id)
  onPresenceChange.push(listener)
  try {
    await tx((trx) =>
      grantProxy(
        trx,
        members.repB,
        assembly.ref,
        { memberId: members.memberB.id, holderEmail: coop.orgA.admin.email },
        t.deps,
      ),
    )
    assert.deepEqual(await presence(t.deps.db, assembly.id), { persons: 0, members: 0, votes: 0 })
    // A's representative at the door: A and B (by proxy), two votes
    const p1 = await tx((trx) => checkIn(trx, board, assembly.ref, { personId: coop.orgA.admin.personId }, t.deps))
    presenceChanged(assembly.id)
    assert.deepEqual(p1, { persons: 1, members: 2, votes: 2 })
    const twice = await refusal(
      tx((trx) => checkIn(trx, board, assembly.ref, { personId: coop.orgA.admin.personId }, t.deps)),
    )
    assert.deepEqual(twice.fields, [{ path: 'personId', message: 'already_present' }])
    // the supporting member: present, a member represented, no vote
    const p2 = await tx((trx) => checkIn(trx, board, assembly.ref, { personId: members.supporting.personId }, t.deps))
    assert.deepEqual(p2, { persons: 2, members: 3, votes: 2 })
    // someone not invited is refused at the field
    const outsider = await refusal(
      tx((trx) => checkIn(trx, board, assembly.ref, { personId: coop.outsider.personId }, t.deps)),
    )
    assert.deepEqual(outsider.fields, [{ path: 'personId', message: 'check_in_unknown' }])
    // joining online needs an open assembly
    assert.equal((await refusal(tx((trx) => joinOnline(trx, members.repB, assembly.ref, t.deps)))).code, 'conflict')
    await tx((trx) => openAssembly(trx, board, assembly.ref, {}, t.deps))
    // B's representative joins online, but B voted through its proxy holder: B is not counted twice
    const p3 = await tx((trx) => joinOnline(trx, members.repB, assembly.ref, t.deps))
    assert.deepEqual(p3, { persons: 3, members: 3, votes: 2 })
    const modes = await t.deps.db
      .selectFrom('assembly_attendance')
      .select(['person_id', 'mode'])
      .where('assembly_id', '=', assembly.id)
      .execute()
    assert.equal(modes.find((m) => m.person_id === coop.orgB.admin.personId)?.mode, 'online')
    // A's representative leaves: A and B are no longer represented
    const p4 = await tx((trx) => checkOut(trx, members.repA, assembly.ref, coop.orgA.admin.personId, t.deps))
    assert.deepEqual(p4, { persons: 2, members: 1, votes: 0 })
    // checking someone else out is staff's
    assert.equal(
      (await refusal(tx((trx) => checkOut(trx, members.repA, assembly.ref, members.supporting.personId, t.deps)))).code,
      'forbidden',
    )
    await tx((trx) => closeAssembly(trx, board, assembly.ref, t.deps))
    assert.deepEqual(await presence(t.deps.db, assembly.id), { persons: 0, members: 0, votes: 0 })
    assert.deepEqual(changes, [assembly.id])
  } finally {
    onPresenceChange.splice(onPresenceChange.indexOf(listener), 1)
  }
})

test('supporting members vote when the statutes say so (§8 (2) GenG)', async () => {
  const { adoptStatutes, statutesOn } = await import('../statutes/statutes.actions.ts')
  const { todayIn } = await import('../platform/dates.ts')
  const today = todayIn(t.deps.clock.now())
  const earlier = await invitedAssembly(t.deps)
  const votesOfSupporting = async (assemblyId: string) =>
    (
      await t.deps.db
        .selectFrom('assembly_voter')
        .select('votes')
        .where('assembly_id', '=', assemblyId)
        .where('member_id', '=', members.supporting.id)
        .executeTakeFirstOrThrow()
    ).votes
  assert.equal(await votesOfSupporting(earlier.id), 0)
  const current = await statutesOn(t.deps.db, today)
  const boardMember = await actorOf(t.deps, coop.board.accountId)
  await tx((trx) =>
    adoptStatutes(
      trx,
      boardMember,
      {
        validFrom: today,
        settings: { ...current.settings, supportingMembersVote: true },
        note: 'Fördermitglieder stimmen mit',
      },
      t.deps,
    ),
  )
  const later = await invitedAssembly(t.deps)
  assert.equal(await votesOfSupporting(later.id), 1)
  assert.deepEqual(await representedMembers(t.deps.db, later.id, members.supporting.personId), [
    { memberId: members.supporting.id, votes: 1, proxyId: null },
  ])
  // the roll recomputed for the earlier assembly takes the statutes of today as well
  await tx((trx) => recomputeRoll(trx, board, earlier.ref, t.deps))
  assert.equal(await votesOfSupporting(earlier.id), 1)
})
