import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, before, test } from 'node:test'
import { gunzipSync, gzipSync } from 'node:zlib'
import { sql } from 'kysely'
import pg from 'pg'
import { createTestApp, type TestApp } from '../../test/support/app.ts'
import { createTestDb } from '../../test/support/db.ts'
import { seedCooperative } from '../../test/support/factories.ts'
import { recordInput, requestInput } from '../bookings/bookings.schema.ts'
import { recordBooking } from '../bookings/order.actions.ts'
import { submitRequest } from '../bookings/request.actions.ts'
import { addPriceVersion } from '../catalog/prices.actions.ts'
import { examplePrices, seedExamplePrices } from '../demo/seed-demo-catalog.ts'
import { register, scheduleEvent } from '../events/events.testing.ts'
import { confirmSubscription, signUp } from '../interest/interest.actions.ts'
import { recordFollowUp } from '../needs/follow-up.actions.ts'
import { submitQuestionnaire } from '../needs/needs.actions.ts'
import { questionnaireInput } from '../needs/needs.schema.ts'
import { createOrganisation } from '../organisations/organisations.actions.ts'
import { organisationInput } from '../organisations/organisations.schema.ts'
import { createAccount } from '../people/accounts.actions.ts'
import { systemActor } from '../platform/actor.ts'
import { verifyAuditChain } from '../platform/audit.ts'
import { systemClock } from '../platform/clock.ts'
import { loadConfig } from '../platform/config.ts'
import type { Deps } from '../platform/context.ts'
import { addDays, todayIn } from '../platform/dates.ts'
import { createMailer, enqueueMail } from '../platform/mail.ts'
import { castProposalVote, createProposal } from '../rooms/proposals.actions.ts'
import {
  addRoomMember,
  createMeeting,
  createRoom,
  openVersion,
  recordDecision,
  uploadDocument,
} from '../rooms/rooms.actions.ts'
import { createApiToken } from '../tokens/tokens.actions.ts'
import { BackupFileError, inspectBackup, RestoreRefusedError, restoreBackup, writeBackup } from './backup.ts'
import { createDb, type DbHandle } from './db.ts'
import { migrate } from './migrate.ts'
import { migrations } from './migrations/index.ts'
import type { Database } from './schema.ts'

const tables: Array<Exclude<keyof Database, 'schema_migration'>> = [
  'instance_setting',
  'organisation',
  'person',
  'affiliation',
  'account',
  'account_role',
  'session',
  'one_time_token',
  'api_token',
  'oidc_identity',
  'login_attempt',
  'mail_outbox',
  'audit_head',
  'audit_entry',
  'statutes_version',
  'membership_application',
  'membership_declaration',
  'application_approval',
  'member',
  'share_transaction',
  'capital_transaction',
  'annual_accounts',
  'payout',
  'provider',
  'service_area',
  'service',
  'price_version',
  'needs_questionnaire',
  'questionnaire_follow_up',
  'booking',
  'price_change_notice',
  'event',
  'event_registration',
  'interest_subscription',
  'interest_request',
  'assembly',
  'agenda_item',
  'assembly_invitation',
  'assembly_voter',
  'assembly_proxy',
  'assembly_attendance',
  'motion',
  'motion_supporter',
  'motion_amendment',
  'poll',
  'poll_option',
  'poll_exclusion',
  'vote_cast',
  'ballot',
  'room',
  'room_member',
  'room_document',
  'room_document_version',
  'room_access',
  'room_meeting',
  'room_decision',
  'room_proposal',
  'room_proposal_vote',
  'resolution',
  'assembly_demand',
  'assembly_demand_signature',
]

/** Every row of every table as PostgreSQL renders it (UTC), sorted: equal snapshots mean equal databases. */
async function snapshot(handle: DbHandle): Promise<Record<string, string[]>> {
  return handle.db.transaction().execute(async (trx) => {
    await sql`SET LOCAL TimeZone = 'UTC'`.execute(trx)
    const out: Record<string, string[]> = {}
    for (const table of tables) {
      const { rows } = await sql<{ j: string }>`SELECT row_to_json(t)::text AS j FROM ${sql.table(table)} t`.execute(
        trx,
      )
      out[table] = rows.map((r) => r.j).sort()
    }
    return out
  })
}

function depsOf(handle: DbHandle): Deps {
  const config = loadConfig({ LOG_LEVEL: 'silent' })
  return {
    handle,
    db: handle.db,
    config,
    mailer: createMailer({ from: 't@localhost', log: () => {} }),
    clock: systemClock,
  }
}

/** The test cooperative plus a row in every table, with the awkward types: bigint, jsonb, text[], identities. */
async function seedEverything(deps: Deps): Promise<void> {
  const coop = await seedCooperative(deps)
  const actor = systemActor('test')
  await deps.db.transaction().execute(async (trx) => {
    await trx.insertInto('instance_setting').values({ key: 'cooperative_name', value: 'Test eG – „Ümlaut“' }).execute()
    const big = await createOrganisation(
      trx,
      actor,
      organisationInput.parse({ name: 'Groß eG', legalForm: 'eg', annualBudgetCents: 9_876_543_210_99 }),
      deps,
    )
    await createAccount(
      trx,
      actor,
      {
        email: 'invited@big.test',
        givenName: 'Ina',
        familyName: 'Vite',
        organisations: [{ id: big.id, functions: ['admin', 'billing_contact'] }],
      },
      deps,
    )
    const board = { ...actor, kind: 'account' as const, accountId: coop.board.accountId, label: coop.board.email }
    await createApiToken(
      trx,
      board,
      { name: 'export', scopes: ['organisations:read', 'journal:read'], expiresInDays: 30 },
      deps,
    )
    await trx
      .insertInto('session')
      .values({
        token_hash: 'h'.repeat(64),
        account_id: coop.board.accountId,
        csrf_token: 'c',
        expires_at: new Date(Date.now() + 3600_000),
      })
      .execute()
    await trx
      .insertInto('oidc_identity')
      .values({
        issuer: 'https://id.example',
        subject: 's-1',
        account_id: coop.staff.accountId,
        email: coop.staff.email,
      })
      .execute()
    for (const success of [false, false, true])
      await trx.insertInto('login_attempt').values({ key: 'ip:1', success }).execute()
    await enqueueMail(trx, { to: 'x@y.test', subject: 'Hallo', body: 'Zeile 1\nZeile "2"' })
  })
  await seedMembership(deps, coop)
  await seedCatalog(deps, coop)
  await seedGovernance(deps)
  await seedRooms(deps, coop)
  await seedEvents(deps)
  await deps.mailer.flush(deps.db)
}

/**
 * The catalog with prices (jsonb tiers, numeric VAT), a questionnaire with its follow-up, a booking and the notice
 * of a price change for it: the price change notice refers to both the booking and the version.
 */
async function seedCatalog(deps: Deps, coop: Awaited<ReturnType<typeof seedCooperative>>): Promise<void> {
  const system = systemActor('test')
  await deps.db.transaction().execute(async (trx) => {
    await seedExamplePrices(trx, system, deps, todayIn(new Date()))
    // a running contract of a member organisation and a non-member's public request (requester jsonb)
    await recordBooking(
      trx,
      system,
      recordInput.parse({
        organisationId: coop.orgA.id,
        areaKey: 'digital_infrastructure',
        startsOn: todayIn(new Date()),
        config: { domain: 'org-a.example', accounts: 12 },
      }),
      deps,
    )
    await submitRequest(
      trx,
      requestInput.parse({
        organisationName: 'Anfragende „Ümlaut“ e.V.',
        givenName: 'Ana',
        familyName: 'Frage',
        email: 'ana@anfrage.test',
        serviceKey: 'data_protection',
        quantity: 4,
        message: 'Zeile 1\nZeile "2"',
        consent: true,
      }),
      { ip: '192.0.2.4', userAgent: 'ua', lang: 'de' },
      deps,
    )
    // through the actions (joining above made questionnaires too: refs come from the sequence)
    const { questionnaire } = await submitQuestionnaire(
      trx,
      system,
      questionnaireInput.parse({
        organisationName: 'Fragende e.V.',
        contactName: 'Frieda Frage',
        contactEmail: 'frieda@fragende.test',
        annualBudgetCents: 9_876_543_210_99,
        toolsToday: ['dropbox', 'zoom'],
        wantedAreas: ['digital_infrastructure'],
        stage: 'discussing',
        consentContact: true,
      }),
      deps,
      { ip: null, lang: 'de' },
    )
    await recordFollowUp(
      trx,
      system,
      questionnaire.id,
      { status: 'contacted', note: 'Anruf', nextOn: todayIn(new Date()), assignedAccountId: coop.staff.accountId },
      deps,
    )
  })
  // a rise from after the notice period reaches the booking above: its organisation is told, and that is recorded
  await deps.db.transaction().execute((trx) =>
    addPriceVersion(
      trx,
      system,
      {
        areaKey: 'digital_infrastructure',
        validFrom: addDays(todayIn(new Date()), 60),
        validUntil: null,
        vatPercent: 19,
        tiers: examplePrices.flatRates.digital_infrastructure.tiers.map((t) => ({
          ...t,
          monthlyCents: t.monthlyCents + 100,
        })),
        setupCents: 0,
        note: '',
      },
      deps,
    ),
  )
}

/**
 * An event with a confirmed and a waiting registration (mails with .ics attachments in the outbox) and a
 * confirmed interest subscription with its request log: through the actions.
 */
async function seedEvents(deps: Deps): Promise<void> {
  const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString()
  const event = await scheduleEvent(deps.db, deps, { startsAt: inDays(20), endsAt: inDays(21), seats: 1 })
  await register(deps.db, deps, event.ref, { email: 'erste@events.test', name: 'Erste „Teilnehmerin“' })
  await register(deps.db, deps, event.ref, { email: 'zweite@events.test' })
  const context = { ip: '192.0.2.5', userAgent: 'ua', lang: 'de' as const }
  await deps.db
    .transaction()
    .execute((trx) =>
      signUp(trx, { email: 'info@interest.test', name: 'Ina', organisation: 'Verein', consent: true }, context, deps),
    )
  const mail = await deps.db
    .selectFrom('mail_outbox')
    .select('body')
    .where('recipient', '=', 'info@interest.test')
    .executeTakeFirstOrThrow()
  const token = /\/interest\/confirm\/([\w-]+)/.exec(mail.body)![1]!
  await deps.db.transaction().execute((trx) => confirmSubscription(trx, token, { ip: '192.0.2.5' }, deps))
}

/**
 * An assembly with its roll, a proxy, presence, a motion with an amendment and a supporter, and a closed
 * named and a closed secret poll with their ballots: written as rows, the restore must take them back as they are
 * (a closed poll's ballots included).
 */
async function seedGovernance(deps: Deps): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const members = await trx.selectFrom('member').select(['id']).orderBy('number').limit(2).execute()
    const persons = await trx.selectFrom('person').select(['id']).orderBy('id').limit(2).execute()
    const [m1, m2] = [members[0]!.id, members[1]!.id]
    const [p1, p2] = [persons[0]!.id, persons[1]!.id]
    const by = 'test'
    const now = '2026-05-20T16:00:00Z'
    const assembly = await trx
      .insertInto('assembly')
      .values({
        ref: 'GV-2026-001',
        body: 'general_assembly',
        kind: 'ordinary',
        form: 'hybrid',
        title: 'Ordentliche Generalversammlung „2026“',
        starts_at: '2026-06-20T16:00:00Z',
        ends_at: '2026-06-20T19:00:00Z',
        location: 'Saal 1',
        online_url: 'https://meet.example/gv',
        register_date: '2026-06-20',
        status: 'closed',
        invited_at: now,
        invited_by: by,
        opened_at: '2026-06-20T16:00:00Z',
        closed_at: '2026-06-20T19:00:00Z',
        created_at: now,
        created_by: by,
        updated_at: now,
        updated_by: by,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const item = await trx
      .insertInto('agenda_item')
      .values({
        assembly_id: assembly.id,
        position: 1,
        title: 'Satzungsänderung',
        kind: 'statute_change',
        added_at: now,
        added_by: by,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await trx
      .insertInto('assembly_invitation')
      .values({
        assembly_id: assembly.id,
        kind: 'invitation',
        member_id: m1,
        person_id: p1,
        email: 'a@gv.test',
        sent_at: now,
        sent_by: by,
      })
      .execute()
    await trx
      .insertInto('assembly_voter')
      .values([
        { assembly_id: assembly.id, member_id: m1, votes: 1, representative_person_id: p1 },
        { assembly_id: assembly.id, member_id: m2, votes: 2, representative_person_id: null },
      ])
      .execute()
    const proxy = await trx
      .insertInto('assembly_proxy')
      .values({
        assembly_id: assembly.id,
        grantor_member_id: m2,
        holder_person_id: p1,
        form: 'written',
        document_name: 'vollmacht.pdf',
        document_sha256: 'ab'.repeat(32),
        granted_at: now,
        granted_by: by,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await trx
      .insertInto('assembly_attendance')
      .values({
        assembly_id: assembly.id,
        person_id: p1,
        mode: 'online',
        checked_in_at: '2026-06-20T15:55:00Z',
        checked_in_by: by,
      })
      .execute()
    const motion = await trx
      .insertInto('motion')
      .values({
        assembly_id: assembly.id,
        agenda_item_id: item.id,
        ref: 'A1',
        title: '§ 5 neu',
        body: 'Alt\nNeu',
        statute_change: true,
        majority: 'three_quarters',
        status: 'adopted',
        submitted_by_person_id: p1,
        submitted_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await trx
      .insertInto('motion_supporter')
      .values({ motion_id: motion.id, member_id: m2, person_id: p2, supported_at: now })
      .execute()
    await trx
      .insertInto('motion_amendment')
      .values({ motion_id: motion.id, ref: 'Ä1', body: 'Alt\nNeuer', submitted_at: now })
      .execute()
    for (const secret of [false, true]) {
      const poll = await trx
        .insertInto('poll')
        .values({
          assembly_id: assembly.id,
          agenda_item_id: item.id,
          motion_id: motion.id,
          title: secret ? 'Geheim' : 'Namentlich',
          method: 'yes_no',
          secret,
          majority: 'three_quarters',
          status: 'open',
          opened_at: now,
          opened_by: by,
          created_at: now,
          created_by: by,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await trx
        .insertInto('poll_option')
        .values({ poll_id: poll.id, position: 1, label: 'Ja', person_id: null })
        .execute()
      await trx
        .insertInto('poll_exclusion')
        .values({ poll_id: poll.id, member_id: m2, reason: '§ 43 Abs. 6' })
        .execute()
      await trx
        .insertInto('vote_cast')
        .values({ poll_id: poll.id, member_id: m1, cast_by_person_id: p1, proxy_id: secret ? proxy.id : null })
        .execute()
      await trx
        .insertInto('ballot')
        .values({
          poll_id: poll.id,
          member_id: secret ? null : m1,
          receipt: secret ? 'K7Q2-M9XD' : null,
          choices: JSON.stringify({ choice: 'yes' }),
          weight: 1,
        })
        .execute()
      await trx
        .updateTable('poll')
        .set({
          status: 'closed',
          closed_at: now,
          closed_by: by,
          result: JSON.stringify({ yes: 1, no: 0, abstain: 0 }),
          declaration: 'Angenommen.',
        })
        .where('id', '=', poll.id)
        .execute()
    }
    // a members' demand (§45 GenG) with a co-signature, reached
    const demand = await trx
      .insertInto('assembly_demand')
      .values({
        kind: 'agenda_items',
        assembly_id: assembly.id,
        title: 'Punkt „Rückvergütung“',
        reasons: 'Begründung',
        status: 'reached',
        created_at: now,
        created_by_person_id: p1,
        reached_at: now,
        reached_members: 2,
        reached_threshold: 1,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await trx
      .insertInto('assembly_demand_signature')
      .values({ demand_id: demand.id, member_id: m1, person_id: p1, signed_at: now })
      .execute()
  })
}

/** A committee room with a member, a paper (binary, all 256 byte values) opened once, a meeting and a decision. */
async function seedRooms(deps: Deps, coop: Awaited<ReturnType<typeof seedCooperative>>): Promise<void> {
  const chair = {
    ...systemActor('test'),
    kind: 'account' as const,
    personId: coop.board.personId,
    label: coop.board.email,
  }
  await deps.db.transaction().execute(async (trx) => {
    await createRoom(
      trx,
      systemActor('test'),
      { key: 'vorstand', name: 'Vorstand', kind: 'board', description: 'Gremium „V“', chairEmail: coop.board.email },
      deps,
    )
    await addRoomMember(trx, chair, 'vorstand', { email: coop.staff.email, role: 'member' }, deps)
    const bytes = new Uint8Array(300)
    bytes.set([0x25, 0x50, 0x44, 0x46, 0x2d])
    for (let i = 5; i < bytes.length; i++) bytes[i] = i % 256
    const { documentId } = await uploadDocument(
      trx,
      chair,
      'vorstand',
      { documentId: null, title: 'Bericht', note: '', file: { name: 'bericht.pdf', type: 'application/pdf', bytes } },
      deps,
    )
    await openVersion(trx, chair, 'vorstand', documentId, 1, deps)
    const meeting = await createMeeting(
      trx,
      chair,
      'vorstand',
      { title: 'Sitzung', startsAt: new Date('2026-06-01T16:00:00Z'), location: 'Büro', agenda: '1.' },
      deps,
    )
    const proposal = await createProposal(
      trx,
      chair,
      'vorstand',
      {
        kind: 'ranked',
        title: 'Wohin?',
        body: '',
        options: ['A', 'B'],
        closesAt: new Date(deps.clock.now().getTime() + 86_400_000),
      },
      deps,
    )
    await castProposalVote(trx, chair, 'vorstand', proposal.id, { value: { ranking: [1, 0] }, reason: 'weil' }, deps)
    await recordDecision(
      trx,
      chair,
      'vorstand',
      {
        text: 'Beschluss',
        decidedOn: '2026-06-01',
        yes: 2,
        no: 0,
        abstain: 0,
        meetingId: meeting.id,
        replacesId: null,
      },
      deps,
    )
  })
}

/**
 * Members with every kind of ledger row, reversals and a transfer pair among them: the restore writes the
 * ledgers back in booking order, or their triggers would refuse a reversal before what it reverses.
 */
async function seedMembership(deps: Deps, coop: Awaited<ReturnType<typeof seedCooperative>>): Promise<void> {
  const system = systemActor('test')
  const board = { ...system, kind: 'account' as const, accountId: coop.board.accountId, label: coop.board.email }
  const { member: a } = await admitMember(
    deps,
    { voluntaryShares: 2 },
    { organisationId: coop.orgA.id, effectiveOn: '2024-01-01' },
  )
  const { member: b } = await admitMember(deps, { organisationName: 'Zweite e.V.', email: 'b@zwei.test' })
  await deps.db.transaction().execute(async (trx) => {
    const { application } = await submitApplication(
      trx,
      declaration({ organisationName: 'Dritte e.V.', email: 'c@drei.test' }),
      { ip: '192.0.2.1', userAgent: 'ua', lang: 'de' },
      deps,
    )
    await approveApplication(trx, board, application.id, deps)
    const paid = await recordPayment(
      trx,
      board,
      a.id,
      { amountCents: 40_000, receivedOn: '2024-01-02', reference: 'SEPA' },
      deps,
    )
    await reverseTransaction(
      trx,
      board,
      { ledger: 'capital', transactionId: paid.transactionId, reason: 'Tippfehler' },
      deps,
    )
    await recordPayment(trx, board, a.id, { amountCents: 40_000, receivedOn: '2024-01-03', reference: 'SEPA' }, deps)
    await transferShares(trx, board, a.id, { toMemberNumber: b.number, shares: 1 }, deps)
    await giveNotice(trx, system, b.id, {}, deps)
    await recordAnnualAccounts(
      trx,
      board,
      { fiscalYearEnd: '2024-12-31', approvedOn: '2025-05-01', lossPercent: 0, note: '' },
      deps,
    )
  })
}

import { admitMember, declaration } from '../../test/support/members.ts'
import { recordPayment } from '../capital/ledger.actions.ts'
import { recordAnnualAccounts } from '../capital/payouts.actions.ts'
import { reverseTransaction } from '../capital/reversals.actions.ts'
import { transferShares } from '../capital/transfers.actions.ts'
import { approveApplication } from '../members/admission.actions.ts'
import { submitApplication } from '../members/applications.actions.ts'
import { giveNotice } from '../members/exit.actions.ts'

let app: TestApp
let dir: string
let file: string
let source: Record<string, string[]>
before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'allmende-backup-'))
  file = path.join(dir, 'backup.jsonl.gz')
  app = await createTestApp()
  await seedEverything(app.deps)
  source = await snapshot(app.handle)
})
after(async () => {
  await app.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

test('the backup covers every table of the schema, in foreign-key order, with every row', async () => {
  const { rows } = await sql<{ name: string }>`
    SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`.execute(
    app.handle.db,
  )
  assert.deepEqual(
    rows.map((r) => r.name),
    [...tables, 'schema_migration'].sort(),
  )
  for (const table of tables) assert.ok(source[table]!.length > 0, `the seed leaves ${table} empty`)

  const progress: string[] = []
  const summary = await writeBackup(app.handle, file, (p) => progress.push(`${p.table}:${p.done}/${p.total}`))
  assert.deepEqual(new Set(summary.tables.map((t) => t.name)), new Set(tables))
  const order = summary.tables.map((t) => t.name)
  for (const [child, parent] of [
    ['account', 'person'],
    ['affiliation', 'organisation'],
    ['api_token', 'account'],
  ])
    assert.ok(order.indexOf(child!) > order.indexOf(parent!), `${child} after ${parent}`)
  assert.ok(progress.includes(`audit_entry:${source.audit_entry!.length}/${source.audit_entry!.length}`))
  assert.equal(fs.readdirSync(dir).length, 1, 'no temporary file is left')

  const lines = gunzipSync(fs.readFileSync(file)).toString('utf8').trimEnd().split('\n')
  const header = JSON.parse(lines[0]!)
  assert.equal(header.format, 'allmende-backup')
  assert.equal(header.version, 1)
  assert.equal(header.source, app.handle.kind)
  assert.deepEqual(
    header.migrations,
    migrations.map((m) => m.name),
  )
  assert.deepEqual(JSON.parse(lines.at(-1)!), { end: true, tables: tables.length, rows: summary.rows })
  const token = lines.map((l) => JSON.parse(l)).find((r) => r.token_hash && Array.isArray(r.scopes))
  assert.deepEqual(token.scopes, ['organisations:read', 'journal:read'])
  assert.match(token.created_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?\+00:00$/)
  assert.ok(lines.some((l) => l.includes('"annual_budget_cents":987654321099')))
  assert.equal((await inspectBackup(file)).rows, summary.rows)
})

test('a restore into a fresh empty database reproduces every row; chain and numbering continue', async () => {
  const target = await createTestDb()
  try {
    await restoreBackup(target, file)
    assert.deepEqual(await snapshot(target), source)
    const verified = await verifyAuditChain(target.db)
    assert.deepEqual(verified, { ok: true, checked: source.audit_entry!.length })

    const deps = depsOf(target)
    const org = await target.db
      .transaction()
      .execute((trx) =>
        createOrganisation(
          trx,
          systemActor('test'),
          organisationInput.parse({ name: 'Danach e.V.', legalForm: 'ev' }),
          deps,
        ),
      )
    const refs = source.organisation!.map((r) => Number(JSON.parse(r).ref.slice(2)))
    assert.equal(org.ref, `O-${String(Math.max(...refs) + 1).padStart(5, '0')}`)
    assert.deepEqual(await verifyAuditChain(target.db), { ok: true, checked: source.audit_entry!.length + 1 })
    const attempt = await target.db
      .insertInto('login_attempt')
      .values({ key: 'k', success: true })
      .returning('id')
      .executeTakeFirstOrThrow()
    assert.equal(attempt.id, source.login_attempt!.length + 1)
    await enqueueMail(target.db, { to: 'a@b.test', subject: 's', body: 'b' })
    const mails = await target.db.selectFrom('mail_outbox').select('id').orderBy('id').execute()
    assert.equal(mails.at(-1)!.id, source.mail_outbox!.length + 1)

    // The target now has data: a second restore is refused and changes nothing …
    const before = await snapshot(target)
    await assert.rejects(restoreBackup(target, file), RestoreRefusedError)
    assert.deepEqual(await snapshot(target), before)
    // … unless --replace, which puts back exactly the backup.
    await restoreBackup(target, file, { replace: true })
    assert.deepEqual(await snapshot(target), source)
    assert.equal((await verifyAuditChain(target.db)).ok, true)
  } finally {
    await target.close()
  }
})

test('a restore into the database the backup came from is refused without --replace', async () => {
  await assert.rejects(restoreBackup(app.handle, file), /already has data.*--replace/s)
  assert.deepEqual(await snapshot(app.handle), source)
})

test('a damaged, truncated or inconsistent file fails and leaves the target as it was', async () => {
  const good = fs.readFileSync(file)
  const text = gunzipSync(good).toString('utf8')
  const variants: Record<string, Buffer> = {
    truncated: good.subarray(0, Math.floor(good.length / 2)),
    'flipped byte': Buffer.from(good.map((b, i) => (i === Math.floor(good.length / 2) ? b ^ 0xff : b))),
    'no end line': gzipSync(text.slice(0, text.lastIndexOf('{"end"'))),
    'row missing': gzipSync(text.replace(/\n\{"id":1,"key":"ip:1"[^\n]*/, '')),
    'not a backup': gzipSync('{"hello":"world"}\n'),
  }
  const empty = await createTestDb()
  const full = await createTestDb()
  try {
    await restoreBackup(full, file)
    const emptyBefore = await snapshot(empty)
    for (const [name, bytes] of Object.entries(variants)) {
      const broken = path.join(dir, `${name}.gz`)
      fs.writeFileSync(broken, bytes)
      await assert.rejects(restoreBackup(empty, broken), BackupFileError, name)
      await assert.rejects(restoreBackup(full, broken, { replace: true }), BackupFileError, name)
    }
    // Well-formed but not insertable (a duplicate key): the single transaction undoes the schema drop too.
    const line = text.split('\n').find((l) => l.includes('"key":"cooperative_name"'))!
    const duplicate = path.join(dir, 'duplicate.gz')
    fs.writeFileSync(
      duplicate,
      gzipSync(
        text
          .replace(
            '{"table":"instance_setting","columns":["key","value"],"rows":1}',
            `{"table":"instance_setting","columns":["key","value"],"rows":2}\n${line}`,
          )
          .replace(
            /"end":true,"tables":(\d+),"rows":(\d+)/,
            (_m, t, r) => `"end":true,"tables":${t},"rows":${Number(r) + 1}`,
          ),
      ),
    )
    await assert.rejects(restoreBackup(full, duplicate, { replace: true }), /duplicate key/)
    await assert.rejects(restoreBackup(empty, duplicate), /duplicate key/)
    assert.deepEqual(await snapshot(full), source)
    assert.deepEqual(await snapshot(empty), emptyBefore)
    assert.equal((await verifyAuditChain(full.db)).ok, true)
  } finally {
    await empty.close()
    await full.close()
  }
})

const pgUrl = process.env.ALLMENDE_TEST_PG_URL
test('moves a cooperative from PGlite to PostgreSQL and back', {
  skip: !pgUrl && 'needs the PostgreSQL run',
}, async () => {
  const base = (process.env.ALLMENDE_TEST_PG_TEMPLATE ?? 'allmende_tpl').replace(/_tpl$/, '')
  const name = `${base}_backup_${process.pid}`
  const admin = new pg.Client({ connectionString: pgUrl })
  await admin.connect()
  await admin.query(`CREATE DATABASE "${name}"`)
  const url = new URL(pgUrl!)
  url.pathname = `/${name}`
  const embedded = await createDb({})
  let postgres: DbHandle | null = null
  let back: DbHandle | null = null
  try {
    await migrate(embedded)
    await seedEverything(depsOf(embedded))
    const original = await snapshot(embedded)
    const first = path.join(dir, 'from-pglite.gz')
    await writeBackup(embedded, first)

    postgres = await createDb({ databaseUrl: url.toString(), poolSize: 2 })
    await restoreBackup(postgres, first)
    assert.equal(postgres.kind, 'postgres')
    assert.deepEqual(await snapshot(postgres), original)
    assert.equal((await verifyAuditChain(postgres.db)).ok, true)

    const second = path.join(dir, 'from-postgres.gz')
    await writeBackup(postgres, second)
    back = await createDb({})
    await restoreBackup(back, second) // an unmigrated database: the restore creates the schema
    assert.deepEqual(await snapshot(back), original)
    assert.equal((await verifyAuditChain(back.db)).ok, true)
  } finally {
    await embedded.close()
    await back?.close()
    await postgres?.close()
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
    await admin.end()
  }
})
