/**
 * Secret ballots (§43b GenG allows it; the statutes decide): after several members voted in one group-commit
 * batch, nothing in the database links a member to what their ballot says. Every table's every row is read as
 * JSON: rows naming a voter (member, person, account) never carry a receipt, a ballot id or a choice; the journal
 * says who voted for whom, never how. The ballot table has no member and no time; ballot ids are random (v4);
 * all rows of the batch share one transaction id (xmin); and the ballots' physical order (ctid) is not the order
 * the members voted in: ten voters picking ten different options, stored shuffled.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { sql } from 'kysely'
import { createTestApp, type TestApp } from '../../test/support/app.ts'
import { actorOf, seedAssembly, seedVoters } from '../../test/support/governance-voting.ts'
import type { Db } from '../db/db.ts'
import { systemActor } from '../platform/actor.ts'
import { verifyAuditChain } from '../platform/audit.ts'
import { CastQueue } from './ballots.queue.ts'
import { closePoll, createPoll, openPoll } from './polls.actions.ts'
import { pollInput } from './polls.schema.ts'

let t: TestApp
let db: Db
const board = systemActor('test-chair')

before(async () => {
  t = await createTestApp()
  db = t.deps.db
})
after(() => t?.close())

test('no table, journal entry or log line links a member to a secret ballot', async () => {
  const assembly = await seedAssembly(db)
  const voters = await seedVoters(db, assembly.id, 10)
  const created = await db.transaction().execute((trx) =>
    createPoll(
      trx,
      board,
      assembly.id,
      pollInput.parse({
        title: 'Wahl: eine von zehn',
        method: 'pick',
        seats: 1,
        secret: true,
        options: voters.map((_, i) => ({ label: `Option ${i + 1}` })),
      }),
      t.deps,
    ),
  )
  const poll = await db.transaction().execute((trx) => openPoll(trx, board, created.id, t.deps))
  const actors = await Promise.all(voters.map((v) => actorOf(db, v)))
  const logged: string[] = []
  const write = process.stdout.write.bind(process.stdout)
  const errWrite = process.stderr.write.bind(process.stderr)
  process.stdout.write = ((chunk: string) => logged.push(String(chunk)) > 0) as typeof process.stdout.write
  process.stderr.write = ((chunk: string) => logged.push(String(chunk)) > 0) as typeof process.stderr.write
  const queue = new CastQueue(db, t.deps, { maxBatch: 50, maxWaitMs: 50 })
  let results: Awaited<ReturnType<CastQueue['submit']>>[]
  try {
    // voter i picks option i: if ballots were stored in the order cast, their order would give every vote away
    results = await Promise.all(
      actors.map((a, i) => queue.submit(a, poll.id, { choices: { picks: [poll.options[i]!.id] } })),
    )
  } finally {
    process.stdout.write = write
    process.stderr.write = errWrite
  }
  const receipts = results.flatMap((r) => r.receipts!)
  assert.equal(receipts.length, 10)

  const ballots = await sql<{ id: string; choices: { picks: string[] }; xmin: string; ctid: string }>`
    SELECT id, choices, xmin::text AS xmin, ctid::text AS ctid FROM ballot WHERE poll_id = ${poll.id} ORDER BY ctid`.execute(
    db,
  )
  const casts = await sql<{ member_id: string; xmin: string }>`
    SELECT member_id, xmin::text AS xmin FROM vote_cast WHERE poll_id = ${poll.id} ORDER BY ctid`.execute(db)
  // one batch, one transaction: xmin is the same for all, so it tells nothing about any one of them
  assert.equal(new Set([...ballots.rows.map((b) => b.xmin), ...casts.rows.map((c) => c.xmin)]).size, 1)
  // the physical order of the ballots is not the voters' order (chance of a match after shuffling: 1 in 3.6 million)
  const optionOrder = ballots.rows.map((b) => poll.options.findIndex((o) => o.id === b.choices.picks[0]))
  const voterOrder = casts.rows.map((c) => voters.findIndex((v) => v.memberId === c.member_id))
  assert.notDeepEqual(optionOrder, voterOrder)
  for (const b of ballots.rows)
    assert.match(b.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
  const columns = await sql<{ column_name: string }>`
    SELECT column_name FROM information_schema.columns WHERE table_name = 'ballot' ORDER BY column_name`.execute(db)
  assert.deepEqual(
    columns.rows.map((c) => c.column_name),
    ['choices', 'id', 'member_id', 'poll_id', 'receipt', 'weight'],
  )

  // every row of every table, as text
  const tables = await sql<{ table_name: string }>`
    SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`.execute(
    db,
  )
  const voterKeys = voters.flatMap((v) => [v.memberId, v.personId, v.accountId, v.number, v.email])
  const ballotKeys = [...receipts, ...ballots.rows.map((b) => b.id)]
  const optionIds = poll.options.map((o) => o.id)
  let seen = 0
  for (const { table_name } of tables.rows) {
    const rows = await sql<{ row: string }>`SELECT row_to_json(x)::text AS row FROM ${sql.table(table_name)} x`.execute(
      db,
    )
    for (const { row } of rows.rows) {
      seen++
      const namesVoter = voterKeys.some((k) => row.includes(k))
      const carriesBallot = ballotKeys.some((k) => row.includes(k))
      const carriesChoice =
        table_name !== 'poll_option' && table_name !== 'poll' && optionIds.some((k) => row.includes(k))
      if (namesVoter)
        assert.ok(!carriesBallot && !carriesChoice, `${table_name} links a voter to a ballot: ${row.slice(0, 300)}`)
      if (carriesBallot) assert.equal(table_name, 'ballot')
    }
  }
  assert.ok(seen > 100)
  const journal = await db.selectFrom('audit_entry').selectAll().where('action', '=', 'poll.voted').execute()
  assert.equal(journal.length, 10)
  assert.ok((await verifyAuditChain(db)).ok, 'the batch’s entries chain like single ones')
  for (const e of journal) {
    const text = JSON.stringify(e)
    assert.ok(
      !optionIds.some((k) => text.includes(k)) && !receipts.some((r) => text.includes(r)) && !text.includes('pick'),
    )
  }
  assert.ok(!logged.some((line) => ballotKeys.some((k) => line.includes(k)) || optionIds.some((k) => line.includes(k))))

  // and the count is right
  const closed = await db
    .transaction()
    .execute((trx) => closePoll(trx, board, poll.id, { declaration: 'Gleichstand.' }, t.deps))
  assert.equal(closed.result?.voters, 10)
})
