import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { createTestApp, linkIn, type TestApp } from '../../test/support/app.ts'
import { TestClient } from '../../test/support/client.ts'
import { type Cooperative, password, seedCooperative } from '../../test/support/factories.ts'
import { fixedClock } from '../platform/clock.ts'

const clock = fixedClock(new Date('2026-03-10T10:00:00Z'))
let t: TestApp
let coop: Cooperative
before(async () => {
  t = await createTestApp({ clock, config: { trustProxy: true } })
  coop = await seedCooperative(t.deps)
})
after(() => t.close())

/** A complete joining form as a browser sends it. */
export function joinForm(overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    memberType: 'organisation',
    organisationName: 'Klimabündnis Nord e.V.',
    legalForm: 'ev',
    organisationEmail: 'info@klima-nord.test',
    vatId: '',
    iban: 'DE89 3704 0044 0532 0130 00',
    employees: '4',
    volunteers: '30',
    annualBudgetCents: '180.000',
    givenName: 'Jana',
    familyName: 'Berg',
    email: 'jana@klima-nord.test',
    phone: '',
    street: 'Hafenstraße 3',
    postalCode: '20457',
    city: 'Hamburg',
    country: 'DE',
    primaryAreas: ['digital_infrastructure'],
    devices: '12',
    toolsToday: ['google_workspace', 'zoom'],
    painPoints: 'Zu viele Passwörter',
    stage: 'committed',
    voluntaryShares: '1',
    consentStatutes: 'on',
    consentPrivacy: 'on',
    acknowledgeDuties: 'on',
    ...overrides,
  }
}

async function counts() {
  const n = async (table: 'membership_application' | 'membership_declaration' | 'audit_entry') =>
    Number(
      (
        await t.deps.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )
  return {
    applications: await n('membership_application'),
    declarations: await n('membership_declaration'),
    audit: await n('audit_entry'),
  }
}

function errorAt(body: string, field: string): string | null {
  const match = new RegExp(`id="f-${field}-error"[^>]*>([^<]*)<`).exec(body)
  return match ? match[1]! : null
}

test('the joining form shows the member types, the quote, the §15a duties and the three consents', async () => {
  const c = new TestClient(t)
  const res = await c.get('/join')
  assert.equal(res.status, 200)
  const body = c.lastBody
  assert.match(body, /<h1>Mitglied werden<\/h1>/)
  for (const type of ['organisation', 'employee', 'supporting'])
    assert.match(body, new RegExp(`type="radio" name="memberType" value="${type}"`))
  assert.match(body, /id="join-form"/)
  assert.match(body, /§ 15a GenG/)
  assert.match(body, /href="\/statutes"/)
  for (const consent of ['consentStatutes', 'consentPrivacy', 'acknowledgeDuties'])
    assert.match(body, new RegExp(`name="${consent}"`))
  // the default form: an organisation of size 0 → the smallest tier's one share, 100 € under the model statutes
  assert.match(body, /data-mandatory-shares="1"/)
  assert.match(body, /100,00\s€/)
  assert.match(body, /Betrag berechnen/)
})

test('the quote endpoint follows the size tiers: 9 employees are small, 10 medium; areas add shares', async () => {
  const quote = async (query: string) => {
    const res = await t.app.request(`/join/quote?${query}`)
    assert.equal(res.status, 200)
    return res.text()
  }
  const nine = await quote('memberType=organisation&employees=9&annualBudgetCents=0&voluntaryShares=0')
  assert.match(nine, /data-mandatory-shares="1"/)
  const ten = await quote('memberType=organisation&employees=10&annualBudgetCents=0&voluntaryShares=0')
  assert.match(ten, /data-mandatory-shares="2"/)
  assert.match(ten, /200,00\s€/)
  // the budget alone lifts an organisation too: 500,000 € is the medium tier's threshold
  const budget = await quote('memberType=organisation&employees=0&annualBudgetCents=500.000&voluntaryShares=0')
  assert.match(budget, /data-mandatory-shares="2"/)
  const areas = await quote(
    'memberType=organisation&employees=10&primaryAreas=digital_infrastructure&primaryAreas=it_helpdesk&voluntaryShares=3',
  )
  assert.match(areas, /data-mandatory-shares="4"/)
  assert.match(areas, /data-total-shares="7"/)
  // the payment plan (§7 GenG): 10 % on admission, the rest in instalments
  assert.match(areas, /bei der Aufnahme/)
  assert.match(areas, /70,00\s€/)
  // areas do not count for supporting members
  const supporting = await quote('memberType=supporting&employees=300&primaryAreas=it_helpdesk')
  assert.match(supporting, /data-mandatory-shares="1"/)
  const invalid = await quote('memberType=organisation&employees=zehn')
  assert.doesNotMatch(invalid, /data-mandatory-shares/)
  assert.match(invalid, /ganze Zahlen/)
  const over = await quote('memberType=organisation&voluntaryShares=500')
  assert.match(over, /höchstens 100 Anteile/)
})

test('"Betrag berechnen" without JavaScript shows the quote and keeps every entry; nothing is stored', async () => {
  const c = new TestClient(t)
  await c.get('/join')
  const before = await counts()
  const res = await c.post('/join', { ...joinForm({ employees: '60', consentPrivacy: [] }), _action: 'quote' })
  assert.equal(res.status, 200)
  const body = c.lastBody
  // 60 employees: large tier, 4 shares, + 1 area
  assert.match(body, /data-mandatory-shares="5"/)
  assert.match(body, /value="Klimabündnis Nord e.V."/)
  assert.match(body, /value="DE89 3704 0044 0532 0130 00"/)
  assert.match(body, /value="google_workspace" checked/)
  assert.match(body, /Zu viele Passwörter/)
  assert.equal(errorAt(body, 'consentPrivacy'), null)
  assert.deepEqual(await counts(), before)
})

test('a declaration without consent gets 422 with the message at each box and stores nothing', async () => {
  const c = new TestClient(t)
  await c.get('/join')
  const before = await counts()
  const res = await c.post('/join', joinForm({ consentStatutes: [], acknowledgeDuties: [] }))
  assert.equal(res.status, 422)
  const body = c.lastBody
  assert.match(body, /class="error-summary"/)
  assert.match(errorAt(body, 'consentStatutes') ?? '', /Bitte bestätigen/)
  assert.ok(errorAt(body, 'acknowledgeDuties'), 'error at the duties')
  assert.equal(errorAt(body, 'consentPrivacy'), null)
  assert.match(body, /href="#f-consentStatutes"/)
  // what was entered is still there
  assert.match(body, /value="jana@klima-nord.test"/)
  assert.deepEqual(await counts(), before)
})

test('an IBAN with a wrong checksum gets a message at the field', async () => {
  const c = new TestClient(t)
  await c.get('/join')
  const before = await counts()
  const res = await c.post('/join', joinForm({ iban: 'DE89 3704 0044 0532 0130 01' }))
  assert.equal(res.status, 422)
  assert.match(errorAt(c.lastBody, 'iban') ?? '', /IBAN ist ungültig/)
  assert.deepEqual(await counts(), before)
})

test('too many voluntary shares are refused at the field', async () => {
  const c = new TestClient(t)
  await c.get('/join')
  const before = await counts()
  const res = await c.post('/join', joinForm({ voluntaryShares: '150' }))
  assert.equal(res.status, 422)
  assert.ok(errorAt(c.lastBody, 'voluntaryShares'))
  assert.deepEqual(await counts(), before)
})

test('join → status page → the board admits → the status page shows the member number', async () => {
  const applicant = new TestClient(t)
  applicant.ip = '203.0.113.7'
  await applicant.get('/join')
  const res = await applicant.post('/join', joinForm(), { headers: { 'user-agent': 'Testbrowser/1.0' } })
  assert.equal(res.status, 303)
  const location = res.headers.get('location')!
  assert.match(location, /^\/join\/status\/[A-Za-z0-9_-]{20,}$/)
  const [received] = (await t.flushMail()).filter((m) => m.to === 'jana@klima-nord.test')
  assert.ok(received, 'confirmation mail')
  assert.equal(new URL(linkIn(received)).pathname, location)

  const status = await applicant.get(location)
  assert.equal(status.status, 200)
  assert.equal(status.headers.get('cache-control'), 'private, no-store')
  let body = applicant.lastBody
  assert.match(body, /ist eingegangen/)
  assert.match(body, /data-status="submitted"/)
  assert.match(body, /B-2026-\d{5}/)
  // 4 employees: small tier 1 + 1 area + 1 voluntary = 3 shares, 300 €
  assert.match(body, /3 \(2 Pflichtanteile, 1 freiwillige\)/)
  assert.match(body, /300,00\s€/)
  assert.match(body, /Beitrittserklärung – /)
  assert.match(body, /[0-9a-f]{64}/)
  assert.match(body, /Erklärung zurückziehen/)

  const pdf = await applicant.request(`${location}/declaration.pdf`)
  assert.equal(pdf.status, 200)
  assert.equal(pdf.headers.get('content-type'), 'application/pdf')
  assert.equal(
    Buffer.from(await pdf.arrayBuffer())
      .subarray(0, 5)
      .toString(),
    '%PDF-',
  )

  const stored = await t.deps.db
    .selectFrom('membership_declaration as d')
    .innerJoin('membership_application as a', 'a.id', 'd.application_id')
    .select(['a.id', 'd.ip_address', 'd.user_agent', 'a.questionnaire'])
    .where('d.signer_email', '=', 'jana@klima-nord.test')
    .executeTakeFirstOrThrow()
  assert.equal(stored.ip_address, '203.0.113.7')
  assert.equal(stored.user_agent, 'Testbrowser/1.0')
  assert.deepEqual((stored.questionnaire as { toolsToday: string[] }).toolsToday, ['google_workspace', 'zoom'])

  const board = new TestClient(t)
  await board.signIn(coop.board.email, password)
  const approved = await board.post(`/applications/${stored.id}/approve`, { effectiveOn: '2026-03-10' })
  assert.equal(approved.status, 303)
  await board.get(approved.headers.get('location')!)
  assert.match(board.lastBody, /Aufgenommen als M-\d{5}\./)

  await applicant.get(location)
  body = applicant.lastBody
  assert.match(body, /data-status="admitted"/)
  assert.match(body, /Aufgenommen als Mitglied M-\d{5}\./)
  assert.doesNotMatch(body, /Erklärung zurückziehen/)
  // once decided, a withdrawal is refused with a message
  const late = await applicant.post(`${location}/withdraw`, {})
  assert.equal(late.status, 303)
  await applicant.get(location)
  assert.match(applicant.lastBody, /schon entschieden/)
})

test('the applicant withdraws an undecided declaration', async () => {
  const c = new TestClient(t)
  await c.get('/join')
  const res = await c.post('/join', joinForm({ organisationName: 'Zurück e.V.', email: 'z@zurueck.test' }))
  const location = res.headers.get('location')!
  await c.get(location)
  const withdrawn = await c.post(`${location}/withdraw`, {})
  assert.equal(withdrawn.status, 303)
  await c.get(location)
  assert.match(c.lastBody, /Deine Erklärung ist zurückgezogen/)
  assert.match(c.lastBody, /data-status="withdrawn"/)
})

test('a person joins as an employee: no organisation data needed', async () => {
  const c = new TestClient(t)
  await c.get('/join')
  const res = await c.post(
    '/join',
    joinForm({
      memberType: 'employee',
      organisationName: '',
      primaryAreas: [],
      voluntaryShares: '0',
      email: 'mia@coop.test',
    }),
  )
  assert.equal(res.status, 303)
  await c.get(res.headers.get('location')!)
  assert.match(c.lastBody, /1 \(1 Pflichtanteile, 0 freiwillige\)/)
})

test('unknown or malformed tracking links are not found', async () => {
  assert.equal((await t.app.request('/join/status/abc')).status, 404)
  assert.equal((await t.app.request(`/join/status/${'x'.repeat(43)}`)).status, 404)
  assert.equal((await t.app.request(`/join/status/${'x'.repeat(43)}/declaration.pdf`)).status, 404)
})

test('an organisation admin declares membership for their organisation', async () => {
  const c = new TestClient(t)
  await c.signIn(coop.orgA.admin.email, password)
  await c.get('/join')
  assert.match(c.lastBody, /für meine Organisation Org A e.V./)
  await c.get(`/join?organisation=${coop.orgA.id}`)
  assert.match(c.lastBody, /value="Org A e.V."/)
  assert.match(c.lastBody, new RegExp(`name="organisationId" value="${coop.orgA.id}"`))
  const res = await c.post(
    '/join',
    joinForm({ organisationId: coop.orgA.id, organisationName: 'Org A e.V.', postalCode: '10115', city: 'Berlin' }),
  )
  assert.equal(res.status, 303)
  const row = await t.deps.db
    .selectFrom('membership_application')
    .select('applicant')
    .orderBy('ref', 'desc')
    .executeTakeFirstOrThrow()
  assert.equal((row.applicant as { organisationId?: string }).organisationId, coop.orgA.id)
  // another organisation is not theirs to declare for
  assert.equal((await c.get(`/join?organisation=${coop.orgB.id}`)).status, 403)
})

test('the form reads in English with the language cookie', async () => {
  const c = new TestClient(t)
  c.cookies.set('allmende_lang', 'en')
  await c.get('/join')
  assert.match(c.lastBody, /<h1>Become a member<\/h1>/)
  assert.match(c.lastBody, /Your duties as a member \(§15a GenG\)/)
  assert.match(c.lastBody, /€100\.00/)
  const res = await c.post('/join', joinForm({ consentPrivacy: [] }))
  assert.equal(res.status, 422)
  assert.match(c.lastBody, /Please correct the marked fields/)
})

test('the public form takes a few declarations an hour from one address, then says why it refuses', async () => {
  clock.set(new Date('2026-05-04T09:00:00Z'))
  const c = new TestClient(t)
  c.ip = '198.51.100.7'
  await c.get('/join')
  for (let i = 1; i <= 5; i++) {
    const res = await c.post('/join', joinForm({ organisationName: `Flut ${i} e.V.`, email: `flut${i}@flut.test` }))
    assert.equal(res.status, 303, `declaration ${i} is taken`)
  }
  const before = await counts()
  const refused = await c.post('/join', joinForm({ organisationName: 'Flut 6 e.V.', email: 'flut6@flut.test' }))
  assert.equal(refused.status, 429)
  assert.match(await refused.text(), /in der letzten Stunde schon mehrere Erklärungen/)
  assert.deepEqual(await counts(), before)
  // another address is not affected, and an hour later this one may send again
  const other = new TestClient(t)
  other.ip = '198.51.100.8'
  await other.get('/join')
  assert.equal((await other.post('/join', joinForm({ email: 'andere@flut.test' }))).status, 303)
  clock.advance(61 * 60_000)
  assert.equal((await c.post('/join', joinForm({ email: 'flut7@flut.test' }))).status, 303)
})

test('one email address gets at most three declarations an hour, whatever the client address', async () => {
  clock.set(new Date('2026-05-05T09:00:00Z'))
  for (let i = 1; i <= 4; i++) {
    const c = new TestClient(t)
    c.ip = `203.0.113.${i}`
    await c.get('/join')
    const res = await c.post('/join', joinForm({ organisationName: `Gleich ${i} e.V.`, email: 'gleich@same.test' }))
    assert.equal(res.status, i <= 3 ? 303 : 429, `declaration ${i}`)
  }
})
