import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { createTestApp, type TestApp } from '../../test/support/app.ts'
import { signedInClient, TestClient } from '../../test/support/client.ts'
import { type Cooperative, password, seedCooperative } from '../../test/support/factories.ts'
import { errorAt, needsSnapshot, submitted } from '../../test/support/needs.ts'
import { seedExamplePrices } from '../demo/seed-demo-catalog.ts'
import { systemActor } from '../platform/actor.ts'
import { fixedClock } from '../platform/clock.ts'
import { eraseQuestionnaire } from './needs.actions.ts'

// Five questionnaires whose projections are computed by hand with the example prices (seed-demo-catalog) and the
// model statutes (100 € a share; small 1, medium 2, large 4 shares; 1 more per primary area; 3 months of capital).
const clock = fixedClock(new Date('2026-02-10T10:00:00Z'))
let t: TestApp
let coop: Cooperative
const q: Record<string, { id: string; token: string; ref: string }> = {}
before(async () => {
  t = await createTestApp({ clock })
  coop = await seedCooperative(t.deps)
  await t.deps.db.transaction().execute((trx) => seedExamplePrices(trx, systemActor('test'), t.deps, '2026-02-10'))
  const make = async (name: string, day: string, over: Record<string, unknown>) => {
    clock.set(new Date(`${day}T10:00:00Z`))
    const { questionnaire, token } = await submitted(t.deps, {
      organisationName: name,
      contactEmail: `${name.toLowerCase().replace(/[^a-z]/g, '')}@needs.test`,
      employees: 0,
      volunteers: 0,
      annualBudgetCents: 0,
      consultingHours: 0,
      trainingHours: 0,
      ...over,
    })
    q[name] = { id: questionnaire.id, token, ref: questionnaire.ref }
  }
  // submitted before any price held: its stored quote has none, the projection uses today's
  // small: 49 €; 1 + 1 = 2 shares; 3 × 49 € → 2 shares: none more; 200 €
  await make('Eins', '2026-02-01', { stage: 'informed', employees: 3, wantedAreas: ['digital_infrastructure'] })
  // medium: 129 € + 99 € = 228 €; 2 + 2 = 4; 3 × 228 € = 684 € → 7 shares: 3 more; 700 €
  await make('Zwei', '2026-02-05', {
    stage: 'discussing',
    employees: 12,
    wantedAreas: ['digital_infrastructure', 'it_helpdesk'],
  })
  // large: 349 € + 249 € + 199 € = 797 €; 4 + 3 = 7; 3 × 797 € = 2,391 € → 24 shares: 17 more; 2,400 €
  await make('Drei', '2026-02-10', {
    stage: 'committed',
    employees: 60,
    wantedAreas: ['digital_infrastructure', 'it_helpdesk', 'managed_workplace'],
  })
  // no primary area: nothing monthly, the minimum of 1 share; 100 € (its name tries a spreadsheet formula)
  await make('=SUMME(A1:A9) e.V.', '2026-02-10', { stage: 'committed', wantedAreas: ['consulting'] })
  // medium by employees: 79 €; 2 + 1 = 3; 3 × 79 € = 237 € → 3 shares: none more; 300 € — then erased
  await make('Fünf', '2026-02-10', { stage: 'informed', employees: 10, wantedAreas: ['managed_workplace'] })
  clock.set(new Date('2026-02-10T10:00:00Z'))
  await t.deps.db.transaction().execute((trx) => eraseQuestionnaire(trx, q.Fünf!.token, t.deps))
})
after(() => t.close())

const cell = (body: string, id: string) => new RegExp(`data-${id}="([^"]*)"`).exec(body)?.[1]

test('the founders’ view: totals, stage × size tier, areas, revenue and capital by stage, as computed by hand', async () => {
  const board = await signedInClient(t, coop.board.email, password)
  const res = await board.get('/needs/overview')
  assert.equal(res.status, 200)
  const body = board.lastBody
  assert.match(body, /data-computed-for="2026-02-10"/)
  assert.equal(cell(body, 'total-organisations'), '5')
  assert.equal(cell(body, 'total-monthly'), String(4_900 + 22_800 + 79_700 + 0 + 7_900))
  assert.equal(cell(body, 'total-mandatory'), String(2 + 4 + 7 + 1 + 3))
  assert.equal(cell(body, 'total-suggested'), String(0 + 3 + 17 + 0 + 0))
  assert.equal(cell(body, 'total-capital'), String(20_000 + 70_000 + 240_000 + 10_000 + 30_000))
  const row = (table: string, key: string) => {
    const match = new RegExp(`<table id="${table}">[\\s\\S]*?data-(?:stage|area)="${key}">([\\s\\S]*?)</tr>`).exec(body)
    assert.ok(match, `${table} ${key}`)
    return [...match[1]!.matchAll(/<td class="num"[^>]*>([^<]*)</g)].map((m) => m[1]!.replace(/\s/g, ' '))
  }
  // small, medium, large, very large, total
  assert.deepEqual(row('stage-tier', 'informed'), ['1', '1', '0', '0', '2'])
  assert.deepEqual(row('stage-tier', 'discussing'), ['0', '1', '0', '0', '1'])
  assert.deepEqual(row('stage-tier', 'committed'), ['1', '0', '1', '0', '2'])
  // organisations, informed, discussing, committed
  assert.deepEqual(row('areas', 'digital_infrastructure'), ['3', '1', '1', '1'])
  assert.deepEqual(row('areas', 'it_helpdesk'), ['2', '0', '1', '1'])
  assert.deepEqual(row('areas', 'managed_workplace'), ['2', '1', '0', '1'])
  assert.deepEqual(row('areas', 'consulting'), ['1', '0', '0', '1'])
  assert.deepEqual(row('areas', 'education'), ['0', '0', '0', '0'])
  // organisations, monthly, mandatory, suggested, capital, with unpriced areas
  assert.deepEqual(row('by-stage', 'informed'), ['2', '128,00 €', '5', '0', '500,00 €', '0'])
  assert.deepEqual(row('by-stage', 'discussing'), ['1', '228,00 €', '4', '3', '700,00 €', '0'])
  assert.deepEqual(row('by-stage', 'committed'), ['2', '797,00 €', '8', '17', '2.500,00 €', '0'])
  assert.deepEqual(row('by-stage', 'total'), ['5', '1.153,00 €', '17', '20', '3.700,00 €', '0'])
  // the charts are images with every figure in their label
  assert.match(
    body,
    /role="img" aria-label="Hochgerechneter Monatsumsatz nach Entscheidungsstand: Wir informieren uns 128,00\s€; Wir beraten intern 228,00\s€; Wir sind dabei 797,00\s€"/,
  )
  // the list: the erased one without its name, sorted by monthly revenue when asked
  assert.match(body, /<em>gelöscht<\/em>/)
  assert.doesNotMatch(body, /Fünf/)
  await board.get('/needs/overview?sort=monthly&dir=desc')
  const refs = [...board.lastBody.matchAll(/href="\/needs\/by-id\/[^"]+">(BF-\d{4}-\d{5})</g)].map((m) => m[1])
  assert.deepEqual(refs, [q.Drei!.ref, q.Zwei!.ref, q.Fünf!.ref, q.Eins!.ref, q['=SUMME(A1:A9) e.V.']!.ref])
})

test('filters: by stage, by follow-up status, by the day received', async () => {
  const staff = await signedInClient(t, coop.staff.email, password)
  await staff.get('/needs/overview?stage=committed')
  assert.equal(cell(staff.lastBody, 'total-organisations'), '2')
  assert.equal(cell(staff.lastBody, 'total-monthly'), '79700')
  await staff.get('/needs/overview?from=2026-02-05&to=2026-02-05')
  assert.equal(cell(staff.lastBody, 'total-organisations'), '1')
  assert.equal(cell(staff.lastBody, 'total-monthly'), '22800')
  await staff.get('/needs/overview?from=2026-02-06')
  assert.equal(cell(staff.lastBody, 'total-organisations'), '3')
  // nonsense in a filter is ignored, never an error
  assert.equal((await staff.get('/needs/overview?stage=maybe&from=gestern&sort=x')).status, 200)
  assert.equal(cell(staff.lastBody, 'total-organisations'), '5')
})

test('the CSV files: BOM, semicolons, formula-safe cells, recomputed figures; the summary by stage', async () => {
  const board = await signedInClient(t, coop.board.email, password)
  const res = await board.request('/needs/overview.csv')
  assert.equal(res.status, 200)
  assert.match(res.headers.get('content-type') ?? '', /text\/csv/)
  assert.match(res.headers.get('content-disposition') ?? '', /attachment/)
  const bytes = Buffer.from(await res.arrayBuffer())
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf])
  const text = bytes.toString('utf8')
  const lines = text.slice(1).trimEnd().split('\r\n')
  assert.equal(lines.length, 1 + 5)
  assert.match(lines[0]!, /^Berechnet für;Nummer;Eingegangen;Organisation;/)
  const drei = lines.find((l) => l.includes(q.Drei!.ref))!.split(';')
  assert.equal(drei[3], 'Drei')
  assert.equal(drei[16], '797,00')
  assert.equal(drei[18], '7')
  assert.equal(drei[19], '17')
  assert.equal(drei[20], '2400,00')
  assert.ok(
    lines.some((l) => l.includes(";'=SUMME(A1:A9) e.V.;")),
    'a formula stays text',
  )
  const erased = lines.find((l) => l.includes(q.Fünf!.ref))!.split(';')
  assert.equal(erased[3], '')
  assert.equal(erased[24], 'ja')
  const committed = await board.request('/needs/overview.csv?stage=committed')
  assert.equal((await committed.text()).trimEnd().split('\r\n').length, 1 + 2)
  const summary = (await (await board.request('/needs/summary.csv')).text()).trimEnd().split('\r\n')
  assert.deepEqual(summary.slice(1), [
    '2026-02-10;Wir informieren uns;2;128,00;5;0;500,00;0',
    '2026-02-10;Wir beraten intern;1;228,00;4;3;700,00;0',
    '2026-02-10;Wir sind dabei;2;797,00;8;17;2500,00;0',
    '2026-02-10;Zusammen;5;1153,00;17;20;3700,00;0',
  ])
})

test('follow-up: a history row, the questionnaire’s status, next date and assignee, journaled in one go', async () => {
  const staff = await signedInClient(t, coop.staff.email, password)
  const url = `/needs/by-id/${q.Zwei!.id}`
  await staff.get(url)
  assert.match(staff.lastBody, /Nachverfolgung eintragen/)
  const res = await staff.post(`${url}/follow-ups`, {
    status: 'contacted',
    note: 'Telefonat mit dem Vorstand',
    nextOn: '2026-02-20',
    assignedAccountId: coop.board.accountId,
  })
  assert.equal(res.status, 303, staff.lastBody.slice(0, 300))
  const row = await t.deps.db
    .selectFrom('needs_questionnaire')
    .select(['follow_up_status', 'follow_up_on', 'assigned_account_id'])
    .where('id', '=', q.Zwei!.id)
    .executeTakeFirstOrThrow()
  assert.deepEqual(row, {
    follow_up_status: 'contacted',
    follow_up_on: '2026-02-20',
    assigned_account_id: coop.board.accountId,
  })
  const history = await t.deps.db
    .selectFrom('questionnaire_follow_up')
    .selectAll()
    .where('questionnaire_id', '=', q.Zwei!.id)
    .execute()
  assert.deepEqual(
    history.map((h) => [h.status, h.note, h.next_on, h.assigned_account_id, h.created_by]),
    [['contacted', 'Telefonat mit dem Vorstand', '2026-02-20', coop.board.accountId, coop.staff.email]],
  )
  const journal = await t.deps.db
    .selectFrom('audit_entry')
    .select(['action', 'actor_label', 'before', 'after'])
    .where('subject_id', '=', q.Zwei!.id)
    .where('action', '=', 'questionnaire.followed_up')
    .executeTakeFirstOrThrow()
  assert.equal(journal.actor_label, coop.staff.email)
  assert.deepEqual(journal.after, {
    assignedAccountId: coop.board.accountId,
    nextOn: '2026-02-20',
    status: 'contacted',
  })
  await staff.get(url)
  assert.match(staff.lastBody, /Telefonat mit dem Vorstand/)
  assert.match(staff.lastBody, /data-follow-up-status="contacted"/)
  await staff.get('/needs/overview?status=contacted')
  assert.equal(cell(staff.lastBody, 'total-organisations'), '1')
})

test('follow-up refused: for the supervisory board (it reads), a non-staff assignee, a bad date, an erased one', async () => {
  const supervisor = await signedInClient(t, coop.supervisor.email, password)
  const url = `/needs/by-id/${q.Drei!.id}`
  assert.equal((await supervisor.get(url)).status, 200)
  assert.doesNotMatch(supervisor.lastBody, /Nachverfolgung eintragen/)
  const before = await needsSnapshot(t.deps)
  assert.equal((await supervisor.post(`${url}/follow-ups`, { status: 'contacted' })).status, 403)
  assert.equal(await needsSnapshot(t.deps), before)
  const board = await signedInClient(t, coop.board.email, password)
  await board.get(url)
  const beforeBoard = await needsSnapshot(t.deps)
  const notStaff = await board.post(`${url}/follow-ups`, {
    status: 'in_talks',
    assignedAccountId: coop.orgA.admin.accountId,
  })
  assert.equal(notStaff.status, 422)
  assert.match(errorAt(board.lastBody, 'assignedAccountId') ?? '', /Vorstands oder der Mitarbeitenden/)
  const badDate = await board.post(`${url}/follow-ups`, { status: 'in_talks', nextOn: 'morgen' })
  assert.equal(badDate.status, 422)
  assert.match(errorAt(board.lastBody, 'nextOn') ?? '', /gültiges Datum/)
  const badStatus = await board.post(`${url}/follow-ups`, { status: 'forgotten' })
  assert.equal(badStatus.status, 422)
  await board.get(`/needs/by-id/${q.Fünf!.id}`)
  assert.match(board.lastBody, /ihre Einwilligung widerrufen/)
  assert.doesNotMatch(board.lastBody, /Nachverfolgung eintragen/)
  const erased = await board.post(`/needs/by-id/${q.Fünf!.id}/follow-ups`, { status: 'contacted' })
  assert.equal(erased.status, 422)
  assert.equal(await needsSnapshot(t.deps), beforeBoard, 'nothing changed')
})

test('only board, supervisory board and staff see the founders’ view', async () => {
  const admin = await signedInClient(t, coop.orgA.admin.email, password)
  assert.equal((await admin.get('/needs/overview')).status, 403)
  assert.equal((await admin.get(`/needs/by-id/${q.Eins!.id}`)).status, 403)
  assert.equal((await admin.request('/needs/summary.csv')).status, 403)
  const auditor = await signedInClient(t, coop.auditor.email, password)
  assert.equal((await auditor.get('/needs/overview')).status, 403)
  const anonymous = new TestClient(t)
  const res = await anonymous.get('/needs/overview')
  assert.equal(res.status, 303)
  assert.match(res.headers.get('location') ?? '', /^\/login/)
})

test('the detail page shows the quote as it was given: computed before prices held, it has none', async () => {
  const board = await signedInClient(t, coop.board.email, password)
  await board.get(`/needs/by-id/${q.Eins!.id}`)
  assert.match(board.lastBody, /data-computed-on="2026-02-01"/)
  assert.match(board.lastBody, /Preis noch nicht festgelegt/)
  assert.match(board.lastBody, /Heute neu berechnet: 49,00\s€ monatlich/)
})
