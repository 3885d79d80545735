/**
 * The demo cooperative is a real one: its organisations and its supporting member are admitted members with
 * ledgers that follow the rules, one gave notice, one application waits for the board, and no mail of the
 * made-up history is sent.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { createTestDb } from '../../test/support/db.ts'
import { loadActor } from '../auth/actor.repo.ts'
import { ledgerSummary } from '../capital/ledger.actions.ts'
import { listApplications } from '../members/applications.actions.ts'
import { registerAsOf } from '../members/register.actions.ts'
import { verifyAuditChain } from '../platform/audit.ts'
import { fixedClock } from '../platform/clock.ts'
import { loadConfig } from '../platform/config.ts'
import { seedDemo } from './seed-demo.ts'

const config = loadConfig({ PORT: '3000', LOG_LEVEL: 'silent' })

async function seeded(now: string) {
  const handle = await createTestDb()
  const clock = fixedClock(new Date(now))
  const logins = await seedDemo(handle.db, { clock, config })
  return { handle, db: handle.db, logins }
}

test('the demo has members with paid, partly paid and unpaid shares, a notice and an open application', async () => {
  const { handle, db, logins } = await seeded('2026-03-10T10:00:00Z')
  try {
    assert.equal(logins.length, 16)
    assert.ok(
      logins.some((l) => l.email === 'paula.richter@datenwerk-leipzig.example'),
      'the partner provider admin',
    )
    assert.equal(logins[0]?.email, 'vorstand@beispiel-eg.example')
    assert.equal(logins.at(-1)?.email, 'foerdermitglied@beispiel.example')

    const members = await db
      .selectFrom('member as m')
      .leftJoin('organisation as o', 'o.id', 'm.organisation_id')
      .leftJoin('person as p', 'p.id', 'm.person_id')
      .select([
        'm.id',
        'm.number',
        'm.member_type',
        'm.joined_on',
        'm.notice_given_on',
        'm.exit_on',
        'o.name',
        'p.family_name',
        'p.street',
      ])
      .orderBy('m.number')
      .execute()
    const today = '2026-03-10'
    const rows = []
    for (const m of members) {
      const summary = await ledgerSummary(db, m.id, today)
      rows.push({
        number: m.number,
        name: m.name ?? m.family_name,
        joinedOn: m.joined_on,
        exitOn: m.exit_on,
        shares: summary.sharesNow,
        paidIn: summary.capital.paidInCents,
        owedNow: summary.owedNowCents,
      })
    }
    // in the order they joined; organisations by size tier and booked areas, the supporter 1 + 4 voluntary
    assert.deepEqual(rows, [
      {
        number: 'M-00001',
        name: 'Solarwerk Energiegenossenschaft eG',
        joinedOn: '2023-04-01',
        exitOn: '2026-12-31',
        shares: 3,
        paidIn: 30_000,
        owedNow: 0,
      },
      {
        number: 'M-00002',
        name: 'Klimabündnis Nord e.V.',
        joinedOn: '2024-02-01',
        exitOn: null,
        shares: 5,
        paidIn: 50_000,
        owedNow: 0,
      },
      {
        number: 'M-00003',
        name: 'Stiftung Offene Bildung',
        joinedOn: '2024-09-01',
        exitOn: null,
        shares: 3,
        paidIn: 3_000,
        owedNow: 9_000,
      },
      {
        number: 'M-00004',
        name: 'Nachbarschaftshilfe Kreuzberg gGmbH',
        joinedOn: '2025-03-01',
        exitOn: null,
        shares: 6,
        paidIn: 6_000,
        owedNow: 18_000,
      },
      {
        number: 'M-00005',
        name: 'Förder',
        joinedOn: '2025-06-15',
        exitOn: null,
        shares: 5,
        paidIn: 50_000,
        owedNow: 0,
      },
      {
        number: 'M-00006',
        name: 'Stadtbibliothek Musterstadt',
        joinedOn: '2026-02-08',
        exitOn: null,
        shares: 6,
        paidIn: 0,
        owedNow: 6_000,
      },
    ])
    const supporter = members.find((m) => m.member_type === 'supporting')
    assert.equal(supporter?.street, 'Gartenweg 4')
    const solarwerk = members[0]!
    assert.equal(solarwerk.notice_given_on, today)
    const payouts = await db.selectFrom('payout').select(['member_id', 'cause', 'due_by']).execute()
    assert.deepEqual(payouts, [{ member_id: solarwerk.id, cause: 'exit', due_by: '2027-06-30' }])

    const clara = await db
      .selectFrom('account')
      .select('id')
      .where('email', '=', 'vorstand@beispiel-eg.example')
      .executeTakeFirstOrThrow()
    const approvals = await db.selectFrom('application_approval').select('account_id').execute()
    assert.equal(approvals.length, 6)
    assert.ok(approvals.every((a) => a.account_id === clara.id))

    const board = (await loadActor(db, clara.id))!
    const queue = await listApplications(db, board, { status: 'submitted', page: 1, pageSize: 10 })
    assert.deepEqual(
      queue.items.map((a) => [a.partyName, a.totalShares]),
      [['Jugendzentrum Sonnenblick e.V.', 4]],
    )
    const register = await registerAsOf(db, board, today)
    assert.equal(register.length, 6)

    const unsent = await db.selectFrom('mail_outbox').select('id').where('sent_at', 'is', null).execute()
    assert.equal(unsent.length, 0)
    assert.equal((await verifyAuditChain(db)).ok, true)
  } finally {
    await handle.close()
  }
})

test('seeding on New Year’s Day still dates every joining in the past', async () => {
  const { handle, db } = await seeded('2026-12-31T23:30:00Z') // 2027-01-01, 00:30 in Berlin
  try {
    const members = await db.selectFrom('member').select(['joined_on', 'exit_on']).orderBy('number').execute()
    assert.equal(members.length, 6)
    assert.ok(members.every((m) => m.joined_on < '2027-01-01'))
    assert.equal(members[0]?.exit_on, '2027-12-31')
  } finally {
    await handle.close()
  }
})
