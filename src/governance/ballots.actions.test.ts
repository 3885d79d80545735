/**
 * Casting on the real database: one action votes for every member a person represents (§43 (5) GenG proxies,
 * an organisation's representative), plural votes as weight (§43 (3)), exclusions (§43 (6)), supporting members
 * without a vote, refusals that change nothing, and the count at close.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { createTestApp, type TestApp } from '../../test/support/app.ts'
import {
  actorOf,
  grantProxy,
  seedAssembly,
  seedOrganisationVoter,
  seedVoters,
  type Voter,
} from '../../test/support/governance-voting.ts'
import type { Db } from '../db/db.ts'
import type { Assembly } from '../db/schema-governance.ts'
import { type Actor, systemActor } from '../platform/actor.ts'
import { DomainError } from '../platform/errors.ts'
import { castBallot } from './ballots.actions.ts'
import { closePoll, createPoll, openPoll, publishedReceipts } from './polls.actions.ts'
import { pollInput } from './polls.schema.ts'

let t: TestApp
let db: Db
const board = systemActor('test-chair')

before(async () => {
  t = await createTestApp()
  db = t.deps.db
})
after(() => t?.close())

async function openYesNo(assembly: Assembly, overrides: Record<string, unknown> = {}) {
  const poll = await db
    .transaction()
    .execute((trx) =>
      createPoll(
        trx,
        board,
        assembly.id,
        pollInput.parse({ title: 'Jahresabschluss 2025', method: 'yes_no', secret: false, ...overrides }),
        t.deps,
      ),
    )
  return db.transaction().execute((trx) => openPoll(trx, board, poll.id, t.deps))
}

function cast(actor: Actor, pollId: string, choices: unknown, memberIds?: string[]) {
  return db.transaction().execute((trx) => castBallot(trx, actor, pollId, { choices, memberIds }, t.deps))
}

async function rowsOf(pollId: string) {
  const casts = await db.selectFrom('vote_cast').selectAll().where('poll_id', '=', pollId).execute()
  const ballots = await db.selectFrom('ballot').selectAll().where('poll_id', '=', pollId).execute()
  return { casts, ballots }
}

async function refused(p: Promise<unknown>, code: string): Promise<void> {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof DomainError, String(e))
    assert.equal(e.fields[0]?.message ?? e.code, code)
    return true
  })
}

test('one action votes for the person, the organisation they represent and a proxy; plural votes weigh', async () => {
  const assembly = await seedAssembly(db)
  const [anna, ben] = (await seedVoters(db, assembly.id, 2)) as [Voter, Voter]
  const org = await seedOrganisationVoter(db, assembly.id, anna.personId, 3)
  const proxyId = await grantProxy(db, assembly.id, ben.memberId, anna.personId)
  const poll = await openYesNo(assembly)
  const result = await cast(await actorOf(db, anna), poll.id, { choice: 'yes' })
  assert.deepEqual(result.members.map((m) => m.number).sort(), [anna.number, ben.number, org.number].sort())
  assert.equal(result.receipts, null)
  const { casts, ballots } = await rowsOf(poll.id)
  assert.equal(casts.length, 3)
  assert.equal(casts.find((c) => c.member_id === ben.memberId)?.proxy_id, proxyId)
  assert.equal(casts.find((c) => c.member_id === anna.memberId)?.proxy_id, null)
  assert.deepEqual(
    ballots.map((b) => [b.member_id, b.weight]).sort(),
    [
      [anna.memberId, 1],
      [ben.memberId, 1],
      [org.memberId, 3],
    ].sort(),
  )
  // Ben voted through Anna: his own try is refused and changes nothing.
  await refused(cast(await actorOf(db, ben), poll.id, { choice: 'no' }), 'already_voted')
  assert.equal((await rowsOf(poll.id)).ballots.length, 3)
  const closed = await db
    .transaction()
    .execute((trx) => closePoll(trx, board, poll.id, { declaration: 'Angenommen.' }, t.deps))
  assert.deepEqual(closed.result, {
    method: 'yes_no',
    voters: 3,
    yes: 5,
    no: 0,
    abstain: 0,
    cast: 5,
    outcome: 'adopted',
  })
  assert.equal(closed.declaration, 'Angenommen.')
})

test('plural votes do not apply where three quarters are needed (§43 (3) GenG)', async () => {
  const assembly = await seedAssembly(db)
  const [anna] = (await seedVoters(db, assembly.id, 1)) as [Voter]
  await seedOrganisationVoter(db, assembly.id, anna.personId, 3)
  const poll = await openYesNo(assembly, { majority: 'three_quarters' })
  await cast(await actorOf(db, anna), poll.id, { choice: 'no' })
  const { ballots } = await rowsOf(poll.id)
  assert.deepEqual(
    ballots.map((b) => b.weight),
    [1, 1],
  )
})

test('secret: ballots carry no member, every member gets a receipt, the published list has them sorted', async () => {
  const assembly = await seedAssembly(db)
  const [anna, ben, cora] = (await seedVoters(db, assembly.id, 3)) as [Voter, Voter, Voter]
  await grantProxy(db, assembly.id, ben.memberId, anna.personId)
  const poll = await openYesNo(assembly, { secret: true })
  const first = await cast(await actorOf(db, anna), poll.id, { choice: 'no' })
  const second = await cast(await actorOf(db, cora), poll.id, { choice: 'yes' })
  assert.equal(first.receipts?.length, 2)
  assert.match(first.receipts![0]!, /^[A-Z2-9]{5}-[A-Z2-9]{5}$/)
  const { ballots, casts } = await rowsOf(poll.id)
  assert.equal(casts.length, 3)
  assert.ok(ballots.every((b) => b.member_id === null && b.receipt !== null))
  assert.deepEqual(await publishedReceipts(db, board, poll.id), [], 'no receipts before the close')
  await db.transaction().execute((trx) => closePoll(trx, board, poll.id, { declaration: 'Abgelehnt.' }, t.deps))
  assert.deepEqual(await publishedReceipts(db, board, poll.id), [...first.receipts!, ...second.receipts!].sort())
})

test('refusals change nothing: after close, supporting member, forged poll id, excluded member, bad choice', async () => {
  const assembly = await seedAssembly(db)
  const [anna, ben] = (await seedVoters(db, assembly.id, 2)) as [Voter, Voter]
  const [supporter] = (await seedVoters(db, assembly.id, 1, { votes: 0, memberType: 'supporting' })) as [Voter]
  const poll = await openYesNo(assembly, {
    exclusions: [{ memberId: ben.memberId, reason: 'Entlastung des Vorstands, dem er angehört' }],
  })
  const before = await rowsOf(poll.id)
  const journal = async () => (await db.selectFrom('audit_entry').select('seq').execute()).length
  const entries = await journal()
  await refused(cast(await actorOf(db, supporter), poll.id, { choice: 'yes' }), 'ballot_member_without_vote')
  await refused(cast(await actorOf(db, ben), poll.id, { choice: 'yes' }), 'ballot_member_excluded')
  await refused(cast(await actorOf(db, anna), '00000000-0000-4000-8000-000000000000', { choice: 'yes' }), 'not_found')
  await refused(cast(await actorOf(db, anna), 'not-a-uuid', { choice: 'yes' }), 'not_found')
  await refused(cast(await actorOf(db, anna), poll.id, { choice: 'maybe' }), 'ballot_choice_missing')
  await refused(cast(await actorOf(db, anna), poll.id, { choice: 'yes' }, [ben.memberId]), 'ballot_not_represented')
  const outsider = (await seedVoters(db, (await seedAssembly(db)).id, 1))[0]!
  await refused(cast(await actorOf(db, outsider), poll.id, { choice: 'yes' }), 'not_entitled')
  assert.deepEqual(await rowsOf(poll.id), before)
  assert.equal(await journal(), entries)
  await db.transaction().execute((trx) => closePoll(trx, board, poll.id, { declaration: 'Keine Stimmen.' }, t.deps))
  await refused(cast(await actorOf(db, anna), poll.id, { choice: 'yes' }), 'poll_not_open')
  assert.deepEqual((await rowsOf(poll.id)).ballots, [])
})

test('candidates and pick polls validate and count per option', async () => {
  const assembly = await seedAssembly(db)
  const voters = await seedVoters(db, assembly.id, 3)
  const board2 = await db.transaction().execute((trx) =>
    createPoll(
      trx,
      board,
      assembly.id,
      pollInput.parse({
        title: 'Wahl in den Aufsichtsrat',
        method: 'pick',
        seats: 1,
        secret: true,
        options: [{ label: 'Ada' }, { label: 'Grace' }],
      }),
      t.deps,
    ),
  )
  await db.transaction().execute((trx) => openPoll(trx, board, board2.id, t.deps))
  const [ada, grace] = board2.options.map((o) => o.id) as [string, string]
  await refused(cast(await actorOf(db, voters[0]!), board2.id, { picks: [ada, grace] }), 'ballot_too_many_picks')
  await cast(await actorOf(db, voters[0]!), board2.id, { picks: [ada] })
  await cast(await actorOf(db, voters[1]!), board2.id, { picks: [ada] })
  await cast(await actorOf(db, voters[2]!), board2.id, { picks: [grace] })
  const closed = await db
    .transaction()
    .execute((trx) => closePoll(trx, board, board2.id, { declaration: 'Ada ist gewählt.' }, t.deps))
  assert.deepEqual(closed.result, {
    method: 'pick',
    voters: 3,
    picks: [
      { option: ada, label: 'Ada', votes: 2, elected: true },
      { option: grace, label: 'Grace', votes: 1, elected: false },
    ],
  })
})

test('a poll opens only while the assembly takes votes; a statute change forces three quarters', async () => {
  const invited = await seedAssembly(db, { status: 'invited' })
  const poll = await db
    .transaction()
    .execute((trx) =>
      createPoll(trx, board, invited.id, pollInput.parse({ title: 'Vorab', method: 'yes_no', secret: false }), t.deps),
    )
  await refused(
    db.transaction().execute((trx) => openPoll(trx, board, poll.id, t.deps)),
    'poll_not_open',
  )
  const stretched = await seedAssembly(db, {
    status: 'invited',
    form: 'stretched',
    votingFrom: new Date(Date.now() - 60_000),
    votingTo: new Date(Date.now() + 3600_000),
  })
  const p2 = await db
    .transaction()
    .execute((trx) =>
      createPoll(
        trx,
        board,
        stretched.id,
        pollInput.parse({ title: 'Gestreckt', method: 'yes_no', secret: true }),
        t.deps,
      ),
    )
  assert.equal((await db.transaction().execute((trx) => openPoll(trx, board, p2.id, t.deps))).status, 'open')
  const motion = await db
    .insertInto('motion')
    .values({
      assembly_id: stretched.id,
      ref: 'A-1',
      title: 'Satzungsänderung § 5',
      body: 'Neuer Text',
      statute_change: true,
      majority: 'three_quarters',
      submitted_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const p3 = await db
    .transaction()
    .execute((trx) =>
      createPoll(
        trx,
        board,
        stretched.id,
        pollInput.parse({ title: 'Satzung', method: 'yes_no', secret: false, motionId: motion.id }),
        t.deps,
      ),
    )
  assert.equal(p3.majority, 'three_quarters')
  const member = await actorOf(db, (await seedVoters(db, stretched.id, 1))[0]!)
  await refused(
    db
      .transaction()
      .execute((trx) =>
        createPoll(trx, member, stretched.id, pollInput.parse({ title: 'X', method: 'yes_no', secret: false }), t.deps),
      ),
    'forbidden',
  )
})
