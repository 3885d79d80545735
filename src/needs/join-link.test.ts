import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { createTestApp, type TestApp } from '../../test/support/app.ts'
import { TestClient } from '../../test/support/client.ts'
import { type Cooperative, password, seedCooperative } from '../../test/support/factories.ts'
import { errorAt, joinForm, needsSnapshot, submitted } from '../../test/support/needs.ts'
import { seedExamplePrices } from '../demo/seed-demo-catalog.ts'
import { systemActor } from '../platform/actor.ts'
import { fixedClock } from '../platform/clock.ts'
import { sha256 } from '../platform/crypto.ts'

// Joining and the questionnaire: the join form's areas from the catalog, a declaration made from a quote, and
// one made without a questionnaire (which then gets one, so the founders count every organisation that applied).
const clock = fixedClock(new Date('2026-02-10T10:00:00Z'))
let t: TestApp
let coop: Cooperative
before(async () => {
  t = await createTestApp({ clock, config: { trustProxy: true } })
  coop = await seedCooperative(t.deps)
  await t.deps.db.transaction().execute((trx) => seedExamplePrices(trx, systemActor('test'), t.deps, '2026-02-10'))
})
after(() => t.close())

let addresses = 0
function client() {
  const c = new TestClient(t)
  c.ip = `198.18.0.${++addresses}`
  return c
}

const questionnaireOf = (token: string) =>
  t.deps.db.selectFrom('needs_questionnaire').selectAll().where('token_hash', '=', sha256(token)).executeTakeFirst()

test('the join form offers the catalog’s primary areas by their catalog names', async () => {
  const c = client()
  await c.get('/join')
  assert.match(
    c.lastBody,
    /name="primaryAreas" value="digital_infrastructure"[^>]*\/> Digitale Infrastruktur mit Support &amp; Onboarding/,
  )
  assert.match(c.lastBody, /name="primaryAreas" value="managed_workplace"/)
  // secondary areas are not joined, they are booked by the hour
  assert.doesNotMatch(c.lastBody, /name="primaryAreas" value="consulting"/)
  const quote = await t.app.request('/join/quote?memberType=organisation&employees=3&primaryAreas=it_helpdesk')
  assert.match(await quote.text(), /Gewählte Leistungsbereiche: IT-Helpdesk\./)
})

test('"Mitglied werden mit diesen Angaben": the join form filled in from the questionnaire, consents left to the applicant', async () => {
  const { questionnaire, token } = await submitted(t.deps, {
    employees: 10,
    wantedAreas: ['digital_infrastructure', 'consulting'],
  })
  const c = client()
  const res = await c.get(`/join?questionnaire=${token}`)
  assert.equal(res.status, 200)
  assert.equal(res.headers.get('cache-control'), 'private, no-store')
  const body = c.lastBody
  assert.match(body, new RegExp(`Ausgefüllt aus eurem Bedarfsfragebogen ${questionnaire.ref}`))
  assert.match(body, new RegExp(`name="questionnaire" value="${token}"`))
  assert.match(body, /value="Nachbarschaftshilfe Süd e\.V\."/)
  assert.match(body, /name="employees"[^>]*value="10"/)
  assert.match(body, /name="givenName"[^>]*value="Mira"/)
  assert.match(body, /name="familyName"[^>]*value="Sommer"/)
  assert.match(body, /name="email"[^>]*value="mira@nachbarschaft-sued\.test"/)
  assert.match(body, /name="city"[^>]*value="Leipzig"/)
  assert.match(body, /value="digital_infrastructure" checked/)
  assert.match(body, /value="trello" checked/)
  assert.match(body, /<option value="discussing" selected/)
  // 10 employees: 129 € a month, 3 mandatory shares; 3 × 129 € → 4 shares: 1 suggested, filled in as voluntary
  assert.match(body, /name="voluntaryShares"[^>]*value="1"/)
  for (const consent of ['consentStatutes', 'consentPrivacy', 'acknowledgeDuties'])
    assert.doesNotMatch(body, new RegExp(`name="${consent}" value="on" checked`))
  // a link that is not a questionnaire gives the plain form
  await c.get(`/join?questionnaire=${'y'.repeat(43)}`)
  assert.doesNotMatch(c.lastBody, /name="questionnaire"/)
})

test('the declaration made from it links the questionnaire: follow-up “applied”, a history row, journaled', async () => {
  const { questionnaire, token } = await submitted(t.deps, { contactEmail: 'link@quote.test' })
  const c = client()
  await c.get(`/join?questionnaire=${token}`)
  const res = await c.post('/join', {
    ...joinForm({ email: 'link@quote.test', organisationName: 'Nachbarschaftshilfe Süd e.V.' }),
    questionnaire: token,
  })
  assert.equal(res.status, 303, c.lastBody.slice(0, 400))
  const application = await t.deps.db
    .selectFrom('membership_application as a')
    .innerJoin('membership_declaration as d', 'd.application_id', 'a.id')
    .select(['a.id', 'a.ref', 'd.text'])
    .where('d.signer_email', '=', 'link@quote.test')
    .executeTakeFirstOrThrow()
  const row = await questionnaireOf(token)
  assert.equal(row?.application_id, application.id)
  assert.equal(row?.follow_up_status, 'applied')
  const history = await t.deps.db
    .selectFrom('questionnaire_follow_up')
    .selectAll()
    .where('questionnaire_id', '=', questionnaire.id)
    .execute()
  assert.deepEqual(
    history.map((h) => [h.status, h.note, h.created_by]),
    [['applied', application.ref, 'system:join']],
  )
  const journal = await t.deps.db
    .selectFrom('audit_entry')
    .select(['action', 'after'])
    .where('subject_id', '=', questionnaire.id)
    .orderBy('seq')
    .execute()
  assert.deepEqual(
    journal.map((j) => j.action),
    ['questionnaire.submitted', 'questionnaire.applied'],
  )
  // the declaration names the areas as the catalog does
  assert.match(application.text, /Gewünschte Leistungsbereiche: Digitale Infrastruktur mit Support & Onboarding/)
  // no second questionnaire was made for this declaration
  const forApplication = await t.deps.db
    .selectFrom('needs_questionnaire')
    .select('id')
    .where('application_id', '=', application.id)
    .execute()
  assert.equal(forApplication.length, 1)
  // the quote page now says there is a declaration; the link no longer fills in a form
  await c.get(`/needs/${token}`)
  assert.match(c.lastBody, /schon eine Beitrittserklärung/)
  await c.get(`/join?questionnaire=${token}`)
  assert.doesNotMatch(c.lastBody, /name="questionnaire"/)
  // the board sees the areas by their catalog names
  const board = new TestClient(t)
  await board.signIn(coop.board.email, password)
  await board.get(`/applications/${application.id}`)
  assert.match(board.lastBody, /Digitale Infrastruktur mit Support &amp; Onboarding/)
})

test('a declaration without a questionnaire makes one from its needs fields; the tracking link opens its quote', async () => {
  const c = client()
  await c.get('/join')
  const res = await c.post(
    '/join',
    joinForm({
      email: 'direct@join.test',
      organisationName: 'Direkt e.V.',
      primaryAreas: ['digital_infrastructure', 'it_helpdesk'],
      stage: 'discussing',
    }),
  )
  assert.equal(res.status, 303)
  const trackingToken = res.headers.get('location')!.split('/').pop()!
  const row = await questionnaireOf(trackingToken)
  assert.ok(row, 'a questionnaire with the tracking link’s key')
  assert.equal(row.organisation_name, 'Direkt e.V.')
  assert.equal(row.contact_name, 'Jana Berg')
  assert.equal(row.stage, 'discussing')
  assert.equal(row.follow_up_status, 'applied')
  assert.deepEqual(row.wanted_areas, ['digital_infrastructure', 'it_helpdesk'])
  assert.deepEqual(row.tools_today, ['google_workspace', 'zoom'])
  assert.equal(row.devices, 12)
  assert.ok(row.application_id)
  await c.get(`/join/status/${trackingToken}`)
  assert.match(c.lastBody, new RegExp(`href="/needs/${trackingToken}">Euer Angebot aus dem Bedarf`))
  await c.get(`/needs/${trackingToken}`)
  // 4 employees, small: 49 € + 39 € a month
  assert.match(c.lastBody, /data-monthly-net="8800"/)
  // a supporting member is not an organisation wanting services: no questionnaire
  const before = await t.deps.db.selectFrom('needs_questionnaire').select('id').execute()
  const supporter = client()
  await supporter.get('/join')
  const res2 = await supporter.post(
    '/join',
    joinForm({ memberType: 'supporting', organisationName: '', primaryAreas: [], email: 'fan@support.test' }),
  )
  assert.equal(res2.status, 303)
  assert.equal((await t.deps.db.selectFrom('needs_questionnaire').select('id').execute()).length, before.length)
})

test('an area the catalog does not offer is refused at the field; nothing is stored', async () => {
  const c = client()
  await c.get('/join')
  const before = await needsSnapshot(t.deps)
  const res = await c.post('/join', joinForm({ email: 'unknown@area.test', primaryAreas: ['cloud_gaming'] }))
  assert.equal(res.status, 422)
  assert.match(errorAt(c.lastBody, 'primaryAreas') ?? '', /gibt es nicht/)
  assert.equal(await needsSnapshot(t.deps), before)
})

test('an erased questionnaire is not linked; the declaration gets a questionnaire of its own', async () => {
  const { questionnaire, token } = await submitted(t.deps, { contactEmail: 'gone@quote.test' })
  const c = client()
  await c.get(`/needs/${token}`)
  assert.equal((await c.post(`/needs/${token}/erase`, {})).status, 303)
  const res = await c.post('/join', { ...joinForm({ email: 'gone@quote.test' }), questionnaire: token })
  assert.equal(res.status, 303)
  const erased = await questionnaireOf(token)
  assert.equal(erased?.application_id, null)
  const made = await t.deps.db
    .selectFrom('needs_questionnaire')
    .select(['id', 'contact_email'])
    .where('contact_email', '=', 'gone@quote.test')
    .execute()
  assert.equal(made.length, 1)
  assert.notEqual(made[0]?.id, questionnaire.id)
})
