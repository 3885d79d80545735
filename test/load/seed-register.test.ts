import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { sql } from 'kysely'
import { ledgerSummary } from '../../src/capital/ledger.actions.ts'
import type { DbHandle } from '../../src/db/db.ts'
import { registerAsOf } from '../../src/members/register.actions.ts'
import { systemActor } from '../../src/platform/actor.ts'
import { createTestDb } from '../support/db.ts'
import { seedRegister } from './seed-register.ts'

// The benchmark's bulk seed, small: the ledger triggers accept every row, the counts are exact, and the
// actions read the data like their own.
let handle: DbHandle
before(async () => {
  handle = await createTestDb()
})
after(() => handle.close())

test('the bulk register goes through the database guards and reads like the actions’ data', async () => {
  const seeded = await seedRegister(handle.db, { members: 300, ledgerRows: 6000, today: '2026-11-22', seed: 7 })
  assert.equal(seeded.counts.member, 300)
  assert.equal((seeded.counts.share_transaction ?? 0) + (seeded.counts.capital_transaction ?? 0), 6000)
  const { rows } = await sql<{ n: number }>`SELECT
      (SELECT count(*) FROM share_transaction) + (SELECT count(*) FROM capital_transaction) AS n`.execute(handle.db)
  assert.equal(Number(rows[0]?.n), 6000)

  // no member holds a negative number of shares or capital on any day the ledgers have an entry
  const negative = await sql<{ n: number }>`SELECT count(*) AS n FROM (
      SELECT sum(shares) OVER (PARTITION BY member_id ORDER BY effective_on) AS running FROM share_transaction) s
    WHERE running < 0`.execute(handle.db)
  assert.equal(Number(negative.rows[0]?.n), 0)

  const register = await registerAsOf(handle.db, systemActor('test'), '2026-06-30')
  assert.ok(register.length > 200 && register.length <= 300)
  assert.ok(register.every((r) => r.shares >= 0 && /^M-\d{5}$/.test(r.number)))
  const summary = await ledgerSummary(handle.db, seeded.activeOrganisationMembers[0]!.memberId, '2026-11-22')
  assert.ok(summary.sharesNow >= 1)
  assert.ok(summary.capital.paidInCents >= 0 && summary.capital.dueCents > 0)
})
