/**
 * Casting racing on PostgreSQL, each race forced as in test/support/race.ts: the same member voting twice at once,
 * a member voting directly while their proxy holder votes for them, casts racing the close, and the group commit
 * taking duplicates in one batch. Always exactly one vote per member (the vote_cast key), and a close counts
 * exactly the ballots that landed (it waits on the poll's lock for casts in flight). PGlite runs one connection,
 * so these run on PostgreSQL only.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { createTestApp, type TestApp } from '../../test/support/app.ts'
import { onPostgres } from '../../test/support/db.ts'
import { actorOf, grantProxy, seedAssembly, seedVoters, type Voter } from '../../test/support/governance-voting.ts'
import { fulfilled, race, refusals } from '../../test/support/race.ts'
import type { Db } from '../db/db.ts'
import { systemActor } from '../platform/actor.ts'
import { DomainError } from '../platform/errors.ts'
import { castBallot } from './ballots.actions.ts'
import { CastQueue } from './ballots.queue.ts'
import { closePoll, createPoll, openPoll } from './polls.actions.ts'
import { pollInput } from './polls.schema.ts'

const skip = !onPostgres() && 'needs PostgreSQL (DATABASE_URL): PGlite has one connection, transactions never overlap'
let t: TestApp
let db: Db
const board = systemActor('test-chair')

before(async () => {
  if (skip) return
  t = await createTestApp()
  db = t.deps.db
})
after(() => t?.close())

async function openPollOn(assemblyId: string, secret: boolean) {
  const poll = await db
    .transaction()
    .execute((trx) =>
      createPoll(trx, board, assemblyId, pollInput.parse({ title: 'Entlastung', method: 'yes_no', secret }), t.deps),
    )
  return db.transaction().execute((trx) => openPoll(trx, board, poll.id, t.deps))
}

async function counts(pollId: string) {
  const casts = await db.selectFrom('vote_cast').selectAll().where('poll_id', '=', pollId).execute()
  const ballots = await db.selectFrom('ballot').selectAll().where('poll_id', '=', pollId).execute()
  return { casts, ballots }
}

for (const secret of [false, true]) {
  test(`${secret ? 'secret' : 'named'}: the same member voting twice at once gets one ballot`, { skip }, async () => {
    const assembly = await seedAssembly(db)
    for (let round = 0; round < 3; round++) {
      const [anna] = (await seedVoters(db, assembly.id, 1)) as [Voter]
      const poll = await openPollOn(assembly.id, secret)
      const actor = await actorOf(db, anna)
      const { results, maxBlocked } = await race(db, [
        (trx) => castBallot(trx, actor, poll.id, { choices: { choice: 'yes' } }, t.deps),
        (trx) => castBallot(trx, actor, poll.id, { choices: { choice: 'no' } }, t.deps),
      ])
      assert.equal(fulfilled(results).length, 1)
      assert.deepEqual(refusals(results), ['already_voted'])
      assert.ok(maxBlocked >= 1, 'the second insert waited on the first one’s key')
      const { casts, ballots } = await counts(poll.id)
      assert.equal(casts.length, 1)
      assert.equal(ballots.length, 1)
    }
  })

  test(`${secret ? 'secret' : 'named'}: directly and through a proxy at the same time: one ballot`, {
    skip,
  }, async () => {
    const assembly = await seedAssembly(db)
    for (let round = 0; round < 3; round++) {
      const [anna, ben] = (await seedVoters(db, assembly.id, 2)) as [Voter, Voter]
      await grantProxy(db, assembly.id, ben.memberId, anna.personId)
      const poll = await openPollOn(assembly.id, secret)
      const asAnna = await actorOf(db, anna)
      const asBen = await actorOf(db, ben)
      const { results } = await race(db, [
        (trx) => castBallot(trx, asAnna, poll.id, { choices: { choice: 'yes' } }, t.deps),
        (trx) => castBallot(trx, asBen, poll.id, { choices: { choice: 'no' } }, t.deps),
      ])
      assert.equal(fulfilled(results).length, 1)
      assert.deepEqual(refusals(results), ['already_voted'])
      const { casts, ballots } = await counts(poll.id)
      assert.equal(casts.filter((c) => c.member_id === ben.memberId).length, 1)
      // all or nothing: whoever lost wrote nothing, not even for Anna herself
      assert.equal(ballots.length, casts.length)
      assert.ok(casts.length === 1 || casts.length === 2)
    }
  })
}

test('casts racing the close: the result counts exactly the ballots that landed, later ones are refused', {
  skip,
}, async () => {
  const assembly = await seedAssembly(db)
  const voters = await seedVoters(db, assembly.id, 6)
  const poll = await openPollOn(assembly.id, true)
  const actors = await Promise.all(voters.map((v) => actorOf(db, v)))
  const { results } = await race<unknown>(db, [
    ...actors.map(
      (a) => (trx: Parameters<typeof castBallot>[0]) =>
        castBallot(trx, a, poll.id, { choices: { choice: 'yes' } }, t.deps),
    ),
    (trx) => closePoll(trx, board, poll.id, { declaration: 'Geschlossen.' }, t.deps),
  ])
  const refused = refusals(results)
  assert.ok(refused.every((r) => r === 'poll_not_open'))
  const { casts, ballots } = await counts(poll.id)
  const closed = await db.selectFrom('poll').selectAll().where('id', '=', poll.id).executeTakeFirstOrThrow()
  assert.equal(closed.status, 'closed')
  assert.equal(casts.length, voters.length - refused.length)
  assert.equal(ballots.length, casts.length)
  assert.equal((closed.result as { voters: number; yes: number }).voters, casts.length)
  assert.equal((closed.result as { yes: number }).yes, casts.length)
})

test('group commit: 40 voters each casting twice at once, through two queues: one ballot each', { skip }, async () => {
  const assembly = await seedAssembly(db)
  const voters = await seedVoters(db, assembly.id, 40)
  const poll = await openPollOn(assembly.id, true)
  const actors = await Promise.all(voters.map((v) => actorOf(db, v)))
  // two queues: as two server processes would, so duplicates meet in one batch and across batches
  const q1 = new CastQueue(db, t.deps, { maxBatch: 25, maxWaitMs: 10 })
  const q2 = new CastQueue(db, t.deps, { maxBatch: 25, maxWaitMs: 10 })
  const settled = await Promise.allSettled(
    actors.flatMap((a, i) => [
      q1.submit(a, poll.id, { choices: { choice: i % 2 ? 'yes' : 'no' } }),
      (i % 3 ? q1 : q2).submit(a, poll.id, { choices: { choice: 'abstain' } }),
    ]),
  )
  const ok = settled.filter((s) => s.status === 'fulfilled').length
  const refused = settled.flatMap((s) => (s.status === 'rejected' ? [s.reason] : []))
  assert.equal(ok, 40)
  assert.ok(
    refused.every((e) => e instanceof DomainError && e.code === 'already_voted'),
    String(refused[0]),
  )
  const { casts, ballots } = await counts(poll.id)
  assert.equal(casts.length, 40)
  assert.equal(ballots.length, 40)
  assert.equal(new Set(casts.map((c) => c.member_id)).size, 40)
})
