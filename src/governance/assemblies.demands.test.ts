/**
 * The members' demand (§45 GenG) on a real database: a tenth of the members on the register today, rounded up;
 * one signature per member; the board is mailed when it is reached; only who speaks for a member signs.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { createTestApp, type TestApp } from '../../test/support/app.ts'
import { signedInClient } from '../../test/support/client.ts'
import { type Cooperative, password, seedCooperative } from '../../test/support/factories.ts'
import { actorOf, type GovernanceMembers, governanceMembers } from '../../test/support/governance.ts'
import { admitMember } from '../../test/support/members.ts'
import type { Trx } from '../db/db.ts'
import { DomainError } from '../platform/errors.ts'
import { listDemands, signDemand, startDemand } from './assemblies.demands.ts'

let t: TestApp
let coop: Cooperative
let members: GovernanceMembers

before(async () => {
  t = await createTestApp()
  coop = await seedCooperative(t.deps)
  members = await governanceMembers(t.deps, coop)
  // eleven members in all: a tenth, rounded up, is two
  for (let i = 0; i < 8; i++)
    await admitMember(t.deps, {
      memberType: 'employee',
      organisationName: '',
      primaryAreas: [],
      givenName: `Emma${i}`,
      familyName: 'Beschäftigt',
      email: `emma${i}@coop.test`,
    })
})
after(() => t.close())

const tx = <T>(fn: (trx: Trx) => Promise<T>) => t.deps.db.transaction().execute(fn)

async function refusal(p: Promise<unknown>): Promise<DomainError> {
  try {
    await p
  } catch (error) {
    if (error instanceof DomainError) return error
    throw error
  }
  assert.fail('expected a refusal')
}

test('§45 GenG: a tenth of 11 members is 2 signatures; reached with the second, the board is mailed', async () => {
  const demand = await tx((trx) =>
    startDemand(
      trx,
      members.repA,
      {
        memberId: members.memberA.id,
        kind: 'assembly',
        assemblyRef: null,
        title: 'Außerordentliche GV zur Rückvergütung',
        reasons: 'Weil …',
      },
      t.deps,
    ),
  )
  assert.deepEqual([demand.signatures, demand.threshold, demand.members, demand.status], [1, 2, 11, 'open'])
  const twice = await refusal(tx((trx) => signDemand(trx, members.repA, demand.id, members.memberA.id, t.deps)))
  assert.deepEqual(twice.fields, [{ path: 'memberId', message: 'demand_already_signed' }])
  // B's representative cannot sign for A
  assert.equal(
    (await refusal(tx((trx) => signDemand(trx, members.repB, demand.id, members.memberA.id, t.deps)))).code,
    'forbidden',
  )
  const before = await t.deps.db.selectFrom('mail_outbox').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow()
  const reached = await tx((trx) => signDemand(trx, members.repB, demand.id, members.memberB.id, t.deps))
  assert.deepEqual([reached.signatures, reached.status], [2, 'reached'])
  assert.ok(reached.reachedAt)
  const mails = await t.deps.db
    .selectFrom('mail_outbox')
    .select(['recipient', 'subject', 'body'])
    .where('id', '>', before.id)
    .execute()
  assert.deepEqual(
    mails.map((m) => m.recipient),
    [coop.board.email],
  )
  assert.match(mails[0]!.subject, /Verlangen der Mitglieder erreicht/)
  assert.match(mails[0]!.body, /2 von 11 Mitgliedern/)
  // a third signature counts on, the board is not mailed again
  const further = await t.deps.db.selectFrom('mail_outbox').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow()
  const sam = await tx((trx) =>
    signDemand(trx, members.repA, demand.id, members.supporting.id, t.deps).catch((e: unknown) => e),
  )
  assert.ok(sam instanceof DomainError, 'A’s representative does not speak for the supporting member')
  const after = await t.deps.db.selectFrom('mail_outbox').select('id').where('id', '>', further.id).execute()
  assert.equal(after.length, 0)
  // who speaks for no member and reads nothing sees no demands
  const outsider = await actorOf(t.deps, coop.outsider.accountId)
  assert.equal((await refusal(listDemands(t.deps.db, outsider, new Date()))).code, 'forbidden')
})

test('agenda items need an assembly that can still take them; the pages show progress and sign', async () => {
  const bad = await refusal(
    tx((trx) =>
      startDemand(
        trx,
        members.repA,
        {
          memberId: members.memberA.id,
          kind: 'agenda_items',
          assemblyRef: 'GV-2099-999',
          title: 'Punkt',
          reasons: 'x',
        },
        t.deps,
      ),
    ),
  )
  assert.deepEqual(bad.fields, [{ path: 'assemblyRef', message: 'invalid' }])
  const repA = await signedInClient(t, coop.orgA.admin.email, password)
  await repA.get('/demands')
  const empty = await repA.post('/demands', {
    memberId: members.memberA.id,
    kind: 'assembly',
    assemblyRef: '',
    title: '',
    reasons: '',
  })
  assert.equal(empty.status, 422)
  assert.match(repA.lastBody, /id="f-title-error"/)
  const started = await repA.post('/demands', {
    memberId: members.memberA.id,
    kind: 'assembly',
    assemblyRef: '',
    title: 'Neue GV',
    reasons: 'Darum',
  })
  assert.equal(started.status, 303)
  await repA.get(started.headers.get('location')!)
  assert.match(repA.lastBody, /1 von 2 nötigen Unterschriften \(11 Mitglieder\)/)
  const repB = await signedInClient(t, coop.orgB.admin.email, password)
  await repB.get(started.headers.get('location')!)
  const signed = await repB.post(`${started.headers.get('location')!}/sign`, { memberId: members.memberB.id })
  assert.equal(signed.status, 303)
  await repB.get(started.headers.get('location')!)
  assert.match(repB.lastBody, /2 von 2 nötigen Unterschriften/)
  assert.match(repB.lastBody, /der Vorstand ist benachrichtigt/)
})
