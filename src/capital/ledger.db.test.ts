/**
 * The ledgers' invariants hold in the database itself, whoever writes: raw SQL that bypasses every action is
 * refused by the triggers and constraints of migration 0002, and a refused statement changes nothing.
 */
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, test } from 'node:test'
import { sql } from 'kysely'
import { createTestApp, type TestApp } from '../../test/support/app.ts'
import { admitMember } from '../../test/support/members.ts'
import { fixedClock } from '../platform/clock.ts'

const clock = fixedClock(new Date('2026-03-10T10:00:00Z'))
let t: TestApp
/** An admitted member with a subscription and its payments due, booked by the actions. */
let admitted: { id: string; applicationId: string }
/** A member entered by SQL with an empty ledger, for the sequences the tests build by hand. */
let bare: string

async function organisation(name: string): Promise<string> {
  const { rows } = await sql<{ id: string }>`
    INSERT INTO organisation (ref, name, legal_form, created_at, updated_at)
    VALUES (${`O-T${randomUUID()}`}, ${name}, 'ev', now(), now()) RETURNING id`.execute(t.deps.db)
  return rows[0]!.id
}

async function insertMember(organisationId: string, joinedOn: string, exitOn: string | null = null): Promise<string> {
  const { rows } = await sql<{ id: string }>`
    INSERT INTO member (number, member_type, organisation_id, joined_on, exit_on, exit_reason)
    VALUES (${`M-T${randomUUID()}`}, 'organisation', ${organisationId}, ${joinedOn}, ${exitOn},
            ${exitOn ? 'termination' : null})
    RETURNING id`.execute(t.deps.db)
  return rows[0]!.id
}

async function shareTx(
  memberId: string,
  kind: string,
  shares: number,
  effectiveOn: string,
  reversesId: string | null = null,
  valueCents = shares * 10_000,
): Promise<string> {
  const { rows } = await sql<{ id: string }>`
    INSERT INTO share_transaction (member_id, kind, shares, value_cents, effective_on, reverses_id, booked_at, booked_by)
    VALUES (${memberId}, ${kind}, ${shares}, ${valueCents}, ${effectiveOn}, ${reversesId}, now(), 'test')
    RETURNING id`.execute(t.deps.db)
  return rows[0]!.id
}

async function capitalTx(
  memberId: string,
  kind: string,
  amountCents: number,
  effectiveOn: string,
  reverses: { id: string; kind: string } | null = null,
): Promise<string> {
  const { rows } = await sql<{ id: string }>`
    INSERT INTO capital_transaction (member_id, kind, amount_cents, effective_on, reverses_id, reversed_kind, booked_at, booked_by)
    VALUES (${memberId}, ${kind}, ${amountCents}, ${effectiveOn}, ${reverses?.id ?? null}, ${reverses?.kind ?? null}, now(), 'test')
    RETURNING id`.execute(t.deps.db)
  return rows[0]!.id
}

/** Every guarded table, row by row in a stable order. */
async function snapshot() {
  const db = t.deps.db
  const rows = async (query: ReturnType<typeof sql>) => JSON.stringify((await query.execute(db)).rows)
  return {
    shares: await rows(sql`SELECT * FROM share_transaction ORDER BY seq`),
    capital: await rows(sql`SELECT * FROM capital_transaction ORDER BY seq`),
    statutes: await rows(sql`SELECT * FROM statutes_version ORDER BY valid_from`),
    accounts: await rows(sql`SELECT * FROM annual_accounts ORDER BY fiscal_year_end`),
    members: await rows(sql`SELECT * FROM member ORDER BY number`),
    declarations: await rows(sql`SELECT * FROM membership_declaration ORDER BY id`),
    payouts: await rows(sql`SELECT * FROM payout ORDER BY id`),
  }
}

/** The statement fails with a message matching `message` (and the SQLSTATE, when given) and changes nothing. */
async function refused(statement: () => Promise<unknown>, message: RegExp, code?: string) {
  const before = await snapshot()
  await assert.rejects(statement, (error: Error & { code?: string }) => {
    assert.match(error.message, message)
    if (code) assert.equal(error.code, code, error.message)
    return true
  })
  assert.deepEqual(await snapshot(), before)
}

before(async () => {
  t = await createTestApp({ clock })
  const { member, application } = await admitMember(t.deps)
  admitted = { id: member.id, applicationId: application.id }
  bare = await insertMember(await organisation('Leeres Hauptbuch e.V.'), '2025-06-01')
})
after(() => t.close())

test('the share and capital ledgers refuse UPDATE, DELETE and TRUNCATE', async () => {
  const db = t.deps.db
  for (const table of ['share_transaction', 'capital_transaction']) {
    const id = sql.id(table)
    await refused(
      () => sql`UPDATE ${id} SET note = 'geändert' WHERE member_id = ${admitted.id}`.execute(db),
      new RegExp(`${table} is append-only: UPDATE`),
      '42501',
    )
    await refused(
      () => sql`DELETE FROM ${id} WHERE member_id = ${admitted.id}`.execute(db),
      new RegExp(`${table} is append-only: DELETE`),
      '42501',
    )
    // plain TRUNCATE already fails on the payout worklist's foreign key; CASCADE reaches the ledger's own guard
    await refused(() => sql`TRUNCATE ${id}`.execute(db), /truncate|append-only/i)
    await refused(() => sql`TRUNCATE ${id} CASCADE`.execute(db), /is append-only: TRUNCATE/, '42501')
  }
  const rows = await db.selectFrom('share_transaction').select('id').where('member_id', '=', admitted.id).execute()
  assert.equal(rows.length, 1)
})

test('statutes versions and approved annual accounts are never edited, deleted or truncated', async () => {
  const db = t.deps.db
  await sql`INSERT INTO annual_accounts (fiscal_year_end, approved_on, loss_percent, recorded_at, recorded_by)
            VALUES ('2025-12-31', '2026-03-01', 0, now(), 'test')`.execute(db)
  await refused(
    () => sql`UPDATE statutes_version SET note = 'geändert'`.execute(db),
    /statutes_version is append-only: UPDATE/,
    '42501',
  )
  await refused(() => sql`DELETE FROM statutes_version`.execute(db), /statutes_version is append-only: DELETE/, '42501')
  await refused(() => sql`TRUNCATE statutes_version`.execute(db), /truncate|append-only/i)
  await refused(() => sql`TRUNCATE statutes_version CASCADE`.execute(db), /append-only: TRUNCATE/, '42501')
  await refused(
    () => sql`UPDATE annual_accounts SET loss_percent = 50`.execute(db),
    /annual_accounts is append-only: UPDATE/,
    '42501',
  )
  await refused(() => sql`DELETE FROM annual_accounts`.execute(db), /annual_accounts is append-only: DELETE/, '42501')
  await refused(() => sql`TRUNCATE annual_accounts`.execute(db), /annual_accounts is append-only: TRUNCATE/, '42501')
  const accounts = await db.selectFrom('annual_accounts').selectAll().execute()
  assert.equal(accounts.length, 1)
  assert.equal(Number(accounts[0]!.loss_percent), 0)
})

test("a member's very first share entry cannot be negative", async () => {
  await refused(
    () => shareTx(bare, 'cancellation', -1, '2026-01-01'),
    /share balance .* would become negative/,
    '23514',
  )
  // the kind's sign is a constraint of its own: a "cancellation" that adds a share
  await refused(() => shareTx(bare, 'cancellation', 1, '2026-01-01'), /check constraint/, '23514')
})

test('a cancellation may not take the count below zero on any later date, and reversals follow the rules', async () => {
  const subscription = await shareTx(bare, 'subscription', 3, '2026-01-01')
  const yearEnd = await shareTx(bare, 'cancellation', -2, '2026-12-31')
  // fine on 2026-06-30 itself (3 - 2 = 1), but on 2026-12-31 it would be 3 - 2 - 2 = -1
  await refused(() => shareTx(bare, 'cancellation', -2, '2026-06-30'), /would become negative/, '23514')
  // nor before the first subscription
  await refused(() => shareTx(bare, 'cancellation', -1, '2025-12-31'), /would become negative/, '23514')

  const reversal = await shareTx(bare, 'reversal', 2, '2026-12-31', yearEnd)
  await refused(() => shareTx(bare, 'reversal', -2, '2026-12-31', reversal), /a reversal cannot be reversed/, '23514')
  await refused(
    () => shareTx(bare, 'reversal', -2, '2026-01-01', subscription),
    /exact negative of what it reverses/,
    '23514',
  )
  await refused(
    () => shareTx(bare, 'reversal', -3, '2026-01-01', subscription, -29_999),
    /exact negative of what it reverses/,
    '23514',
  )
  // reversing the same entry twice: the second one would not lower any balance, the unique key refuses it
  await refused(() => shareTx(bare, 'reversal', 2, '2026-12-31', yearEnd), /unique|duplicate key/i, '23505')
  // a reversal without a target, or a target on another member's ledger
  await refused(() => shareTx(bare, 'reversal', 2, '2026-12-31'), /check constraint/, '23514')
  const other = await t.deps.db
    .selectFrom('share_transaction')
    .select('id')
    .where('member_id', '=', admitted.id)
    .executeTakeFirstOrThrow()
  await refused(() => shareTx(bare, 'reversal', -3, '2026-03-10', other.id), /exact negative/, '23514')

  const rows = await t.deps.db
    .selectFrom('share_transaction')
    .select(['kind', 'shares', 'effective_on'])
    .where('member_id', '=', bare)
    .orderBy('seq')
    .execute()
  assert.deepEqual(rows, [
    { kind: 'subscription', shares: 3, effective_on: '2026-01-01' },
    { kind: 'cancellation', shares: -2, effective_on: '2026-12-31' },
    { kind: 'reversal', shares: 2, effective_on: '2026-12-31' },
  ])
})

test('the capital balance never goes negative; capital reversals follow the same rules', async () => {
  await refused(() => capitalTx(bare, 'payout', -100, '2026-03-01'), /capital of member .* would become negative/)
  const due = await capitalTx(bare, 'payment_due', 30_000, '2026-01-01')
  // what is due is no capital: a payout still has nothing to take from
  await refused(() => capitalTx(bare, 'payout', -100, '2026-03-01'), /would become negative/, '23514')
  const paid = await capitalTx(bare, 'payment_received', 5_000, '2026-02-01')
  await refused(() => capitalTx(bare, 'payout', -5_001, '2026-03-01'), /would become negative/, '23514')
  // a later payout leaves no room for a loss booked before it
  await capitalTx(bare, 'payout', -3_000, '2026-06-30')
  await refused(() => capitalTx(bare, 'loss', -2_500, '2026-03-01'), /would become negative/, '23514')
  // nor for reversing the payment itself
  await refused(
    () => capitalTx(bare, 'reversal', -5_000, '2026-02-01', { id: paid, kind: 'payment_received' }),
    /would become negative/,
    '23514',
  )
  await refused(
    () => capitalTx(bare, 'reversal', -20_000, '2026-01-01', { id: due, kind: 'payment_due' }),
    /exact negative/,
    '23514',
  )
  await refused(
    () => capitalTx(bare, 'reversal', -30_000, '2026-01-01', { id: due, kind: 'payment_received' }),
    /exact negative/,
    '23514',
  )
  const dueReversal = await capitalTx(bare, 'reversal', -30_000, '2026-01-01', { id: due, kind: 'payment_due' })
  await refused(
    () => capitalTx(bare, 'reversal', 30_000, '2026-01-01', { id: dueReversal, kind: 'payment_due' }),
    /a reversal cannot be reversed/,
    '23514',
  )
  await refused(
    () => capitalTx(bare, 'reversal', -30_000, '2026-01-01', { id: due, kind: 'payment_due' }),
    /would become negative|unique|duplicate/i,
  )
  const balance = await sql<{ due: string; capital: string }>`
    SELECT coalesce(sum(amount_cents) FILTER (WHERE coalesce(reversed_kind, kind) = 'payment_due'), 0) AS due,
           coalesce(sum(amount_cents) FILTER (WHERE coalesce(reversed_kind, kind) <> 'payment_due'), 0) AS capital
    FROM capital_transaction WHERE member_id = ${bare}`.execute(t.deps.db)
  assert.deepEqual(
    { due: Number(balance.rows[0]!.due), capital: Number(balance.rows[0]!.capital) },
    { due: 0, capital: 2_000 },
  )
})

test('memberships of one organisation never overlap; re-joining after the exit is allowed', async () => {
  const org = await organisation('Wiedereintritt e.V.')
  await insertMember(org, '2024-01-01', '2026-12-31')
  await refused(() => insertMember(org, '2026-06-30'), /may not overlap/, '23P01')
  await refused(() => insertMember(org, '2026-12-31'), /may not overlap/, '23P01')
  await refused(() => insertMember(org, '2020-01-01', '2024-01-01'), /may not overlap/, '23P01')
  // one that starts before and ends after the earlier membership covers it entirely
  await refused(() => insertMember(org, '2023-01-01', '2027-06-30'), /may not overlap/, '23P01')
  const again = await insertMember(org, '2027-01-01')
  // a second open membership at once: the trigger (and the partial unique index) refuse it
  await refused(() => insertMember(org, '2028-01-01'), /may not overlap|unique|duplicate/i)
  // moving the earlier exit past the new joining is an overlap as well
  await refused(
    () =>
      sql`UPDATE member SET exit_on = '2027-03-31' WHERE organisation_id = ${org} AND id <> ${again}`.execute(
        t.deps.db,
      ),
    /may not overlap/,
    '23P01',
  )
  await refused(() => sql`DELETE FROM member WHERE id = ${again}`.execute(t.deps.db), /append-only: DELETE/, '42501')
  const rows = await t.deps.db
    .selectFrom('member')
    .select(['joined_on', 'exit_on'])
    .where('organisation_id', '=', org)
    .orderBy('joined_on')
    .execute()
  assert.deepEqual(rows, [
    { joined_on: '2024-01-01', exit_on: '2026-12-31' },
    { joined_on: '2027-01-01', exit_on: null },
  ])
})

test('a membership declaration changes only by the retention purge, once', async () => {
  const db = t.deps.db
  const application = admitted.applicationId
  await refused(
    () =>
      sql`UPDATE membership_declaration SET text = 'anderer Text' WHERE application_id = ${application}`.execute(db),
    /membership_declaration is append-only/,
    '42501',
  )
  await refused(
    () =>
      sql`UPDATE membership_declaration SET signer_name = 'Jemand' WHERE application_id = ${application}`.execute(db),
    /append-only/,
    '42501',
  )
  // the purge shape, but one personal datum kept
  await refused(
    () =>
      sql`UPDATE membership_declaration SET text = '', signer_email = '', user_agent = NULL, purged_at = now()
              WHERE application_id = ${application}`.execute(db),
    /append-only/,
    '42501',
  )
  // erasing the personal data without marking the purge
  await refused(
    () =>
      sql`UPDATE membership_declaration SET text = '', signer_email = '', ip_address = NULL, user_agent = NULL
              WHERE application_id = ${application}`.execute(db),
    /append-only/,
    '42501',
  )
  // the purge that also alters the seal
  await refused(
    () =>
      sql`UPDATE membership_declaration SET text = '', signer_email = '', ip_address = NULL, user_agent = NULL,
              purged_at = now(), content_hash = 'x' WHERE application_id = ${application}`.execute(db),
    /append-only/,
    '42501',
  )
  await refused(
    () => sql`DELETE FROM membership_declaration WHERE application_id = ${application}`.execute(db),
    /append-only/,
    '42501',
  )
  const result = await sql`UPDATE membership_declaration SET text = '', signer_email = '', ip_address = NULL,
                           user_agent = NULL, purged_at = now() WHERE application_id = ${application}`.execute(db)
  assert.equal(Number(result.numAffectedRows), 1)
  // purged once: nothing may change afterwards, not even a second purge
  await refused(
    () =>
      sql`UPDATE membership_declaration SET text = '', signer_email = '', ip_address = NULL,
              user_agent = NULL, purged_at = now() WHERE application_id = ${application}`.execute(db),
    /append-only/,
    '42501',
  )
  const row = await db
    .selectFrom('membership_declaration')
    .selectAll()
    .where('application_id', '=', application)
    .executeTakeFirstOrThrow()
  assert.equal(row.text, '')
  assert.equal(row.signer_email, '')
  assert.equal(row.ip_address, null)
  assert.equal(row.user_agent, null)
  assert.notEqual(row.purged_at, null)
  assert.equal(row.signer_name, 'Jana Berg')
})
