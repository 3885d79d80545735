import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { createTestApp, linkIn, type TestApp } from '../../test/support/app.ts'
import { TestClient } from '../../test/support/client.ts'
import { type Cooperative, password, seedCooperative } from '../../test/support/factories.ts'
import { admitMember } from '../../test/support/members.ts'
import { questionnaireForm } from '../../test/support/needs.ts'
import { addPriceVersion } from '../catalog/prices.actions.ts'
import { examplePrices } from '../demo/seed-demo-catalog.ts'
import { systemActor } from '../platform/actor.ts'
import { fixedClock } from '../platform/clock.ts'
import { sha256 } from '../platform/crypto.ts'

// February, before founding: only the digital infrastructure and IT-project consulting have a price (the
// example prices of seed-demo-catalog); managed workplace, helpdesk and trainings are still planned.
const clock = fixedClock(new Date('2026-02-10T10:00:00Z'))
let t: TestApp
let coop: Cooperative
before(async () => {
  t = await createTestApp({ clock, config: { trustProxy: true } })
  coop = await seedCooperative(t.deps)
  const staff = systemActor('test')
  await t.deps.db.transaction().execute(async (trx) => {
    const di = examplePrices.flatRates.digital_infrastructure
    await addPriceVersion(
      trx,
      staff,
      {
        areaKey: 'digital_infrastructure',
        validFrom: '2026-02-10',
        validUntil: null,
        vatPercent: 19,
        tiers: di.tiers,
        setupCents: di.setupCents,
        note: '',
      },
      t.deps,
    )
    const it = examplePrices.hourly.it_projects
    await addPriceVersion(
      trx,
      staff,
      {
        serviceKey: 'it_projects',
        validFrom: '2026-02-10',
        validUntil: null,
        vatPercent: 19,
        hourlyMemberCents: it.member,
        hourlyNonMemberCents: it.nonMember,
        setupCents: 0,
        note: '',
      },
      t.deps,
    )
  })
})
after(() => t.close())

let clients = 0
/** A fresh client from its own address, so the hourly limit of the public form does not add up across tests. */
function client() {
  const c = new TestClient(t)
  c.ip = `198.51.100.${++clients}`
  return c
}

async function submit(c: TestClient, overrides: Record<string, string | string[]> = {}) {
  await c.get('/needs')
  const res = await c.post('/needs', questionnaireForm(overrides))
  assert.equal(res.status, 303, c.lastBody.slice(0, 2000))
  const location = res.headers.get('location')!
  assert.match(location, /^\/needs\/[\w-]{43}$/)
  const page = await c.get(location)
  assert.equal(page.status, 200)
  return { location, token: location.slice('/needs/'.length), body: c.lastBody, res: page }
}

test('the form offers the catalog’s areas (planned ones marked), the tools, the stages and the consent', async () => {
  const c = client()
  const res = await c.get('/needs')
  assert.equal(res.status, 200)
  const body = c.lastBody
  assert.match(body, /<h1>Bedarf angeben<\/h1>/)
  for (const area of ['digital_infrastructure', 'it_helpdesk', 'managed_workplace', 'consulting', 'education'])
    assert.match(body, new RegExp(`name="wantedAreas" value="${area}"`))
  assert.match(body, /Managed Workplace[^<]*<span class="hint"> \(geplant\)/)
  assert.match(body, /name="toolsToday" value="1password"/)
  for (const stage of ['informed', 'discussing', 'committed'])
    assert.match(body, new RegExp(`type="radio" name="stage" value="${stage}"`))
  assert.match(body, /name="consentContact"/)
  assert.match(body, /Datenschutz:/)
})

test('the quote: a price tier edge at 10 employees, suggested shares, an unpriced area, hours, migration list', async () => {
  const c = client()
  const nine = await submit(c)
  const body = nine.body
  assert.equal(nine.res.headers.get('cache-control'), 'private, no-store')
  assert.equal(nine.res.headers.get('x-robots-tag'), 'noindex')
  // 9 employees, 20 volunteers, 120,000 €: the small tier, 49 € + 19 % VAT; setup 250 €
  assert.match(
    body,
    /data-area="digital_infrastructure"><th scope="row">[^<]+<\/th><td>klein<\/td><td class="num">49,00\s€<\/td><td class="num">9,31\s€ \(19 %\)<\/td><td class="num">58,31\s€<\/td><td class="num">250,00\s€/,
  )
  assert.match(
    body,
    /data-area="managed_workplace"><th scope="row">[^<]+<\/th><td colspan="5">Preis noch nicht festgelegt<\/td>/,
  )
  assert.match(body, /data-monthly-net="4900"><strong>49,00\s€<\/strong>/)
  assert.match(body, /Für Managed Workplace[^<]* ist noch kein Preis festgelegt/)
  // mandatory: small 1 + 2 primary areas = 3 × 100 €, 10 % at once; 3 × 49 € is covered already
  assert.match(body, /data-mandatory-shares="3">3 × 100,00\s€ = 300,00\s€/)
  assert.match(body, /30,00\s€ \(mindestens ein Zehntel, § 7 GenG\)/)
  assert.match(body, /data-suggested-shares="0"/)
  assert.match(body, /Die Pflichtanteile decken schon 3 Monatsbeiträge/)
  // hours: 10 h of consulting at 75 € / 95 €; trainings have no price yet
  assert.match(
    body,
    /<td class="num">10<\/td><td class="num">75,00\s€<\/td><td class="num">750,00\s€<\/td><td class="num">95,00\s€<\/td><td class="num">950,00\s€<\/td>/,
  )
  assert.match(body, /<td class="num">4<\/td><td colspan="4">Preis noch nicht festgelegt<\/td>/)
  // migration list: each tool → the service replacing it with its open-source software
  assert.match(
    body,
    /<th scope="row">Dropbox<\/th><td><ul class="plain"><li><strong>Cloudspeicher und Office-Dokumente<\/strong> \(Nextcloud, Collabora Online\) – in den gewählten Bereichen enthalten/,
  )
  assert.match(body, /<th scope="row">Trello<\/th><td><ul class="plain"><li><strong>Kanban und Whiteboard<\/strong>/)
  // the versions and the day it was computed with
  assert.match(body, /data-computed-on="2026-02-10">Berechnet am 10\.02\.2026 mit der Satzung vom 01\.01\.2000/)
  assert.match(body, /Preisfassungen: Digitale Infrastruktur.*? ab 10\.02\.2026; Beratung.*? ab 10\.02\.2026/)
  assert.match(body, /role="img" aria-label="Zusammensetzung des Monatsbeitrags: [^"]*49,00\s€"/)
  assert.match(body, /href="\/join\?questionnaire=[\w-]{43}"/)
  // a secondary area can be requested by anyone; ordering primary areas is for member organisations' admins
  assert.match(body, /href="\/orders\/request\?area=consulting"/)
  assert.doesNotMatch(body, /\/orders\/new\?area=/)

  const ten = await submit(c, { employees: '10', wantedAreas: ['digital_infrastructure'], toolsToday: [] })
  // 10 employees: the medium tier (129 €), 2 + 1 mandatory; 3 × 129 € = 387 € → 4 shares → 1 more suggested
  assert.match(ten.body, /data-monthly-net="12900"><strong>129,00\s€<\/strong>/)
  assert.match(ten.body, /data-mandatory-shares="3"/)
  assert.match(
    ten.body,
    /data-suggested-shares="1">1 × 100,00\s€ = 100,00\s€<span class="hint"> – Damit das Kapital 3 Monatsbeiträge deckt/,
  )
  assert.match(ten.body, /Keine Werkzeuge angegeben/)
})

test('the stored quote keeps the versions it used; the token is stored only as its sha256; the contact gets a mail', async () => {
  const c = client()
  const { token, body } = await submit(c, { contactEmail: 'stored@quote.test', toolsToday: ['google_workspace'] })
  // Google Workspace: the cloud suite in the flat rate, and mailboxes as an add-on with a price of their own
  assert.match(
    body,
    /<strong>mail: Postfächer von mailbox\.org<\/strong> \(mailbox\.org\) – in den gewählten Bereichen enthalten \(Zusatzleistung mit eigenem Preis, nicht in der Flatrate\)/,
  )
  const row = await t.deps.db
    .selectFrom('needs_questionnaire')
    .selectAll()
    .where('contact_email', '=', 'stored@quote.test')
    .executeTakeFirstOrThrow()
  assert.equal(row.token_hash, sha256(token))
  assert.match(row.ref, /^BF-2026-\d{5}$/)
  assert.equal(row.client_address, c.ip)
  const stored = row.quote as {
    computedOn: string
    statutesVersionId: string
    capitalMonths: number
    priceVersions: Array<{ key: string; versionId: string }>
  }
  const statutes = await t.deps.db.selectFrom('statutes_version').select('id').executeTakeFirstOrThrow()
  assert.equal(stored.computedOn, '2026-02-10')
  assert.equal(stored.statutesVersionId, statutes.id)
  assert.equal(stored.capitalMonths, 3)
  const versions = await t.deps.db.selectFrom('price_version').select('id').execute()
  assert.deepEqual(
    stored.priceVersions.map((v) => v.key),
    ['digital_infrastructure', 'consulting'],
  )
  for (const v of stored.priceVersions) assert.ok(versions.some((x) => x.id === v.versionId))
  const journal = await t.deps.db
    .selectFrom('audit_entry')
    .selectAll()
    .where('subject_id', '=', row.id)
    .executeTakeFirstOrThrow()
  assert.equal(journal.action, 'questionnaire.submitted')
  assert.equal(journal.actor_label, `contact:${row.ref}`)
  assert.doesNotMatch(JSON.stringify(journal), /stored@quote\.test|Mira/)
  const mail = (await t.flushMail()).find((m) => m.to === 'stored@quote.test')
  assert.ok(mail)
  assert.match(mail.subject, new RegExp(row.ref))
  assert.match(mail.body, /Monatlich: 49,00\s€ netto \(58,31\s€ brutto\)/)
  assert.match(mail.body, /Noch ohne Preis: Managed Workplace/)
  assert.equal(new URL(linkIn(mail)).pathname, `/needs/${token}`)
})

test('the quote as PDF: starts with %PDF-, the same bytes every time; unknown links are not found', async () => {
  const c = client()
  const { token } = await submit(c)
  const first = await c.request(`/needs/${token}/quote.pdf`)
  assert.equal(first.status, 200)
  assert.equal(first.headers.get('content-type'), 'application/pdf')
  assert.equal(first.headers.get('cache-control'), 'private, no-store')
  const bytes = Buffer.from(await first.arrayBuffer())
  assert.equal(bytes.subarray(0, 5).toString(), '%PDF-')
  const again = Buffer.from(await (await c.request(`/needs/${token}/quote.pdf`)).arrayBuffer())
  assert.ok(bytes.equals(again), 'deterministic bytes')
  assert.equal((await c.request('/needs/short')).status, 404)
  assert.equal((await c.request(`/needs/${'x'.repeat(43)}`)).status, 404)
  assert.equal((await c.request(`/needs/${'x'.repeat(43)}/quote.pdf`)).status, 404)
})

test('a signed-in admin gets the form filled in from the organisation; the questionnaire is linked to it', async () => {
  const c = client()
  assert.equal((await c.signIn(coop.orgA.admin.email, password)).status, 303)
  await c.get('/needs')
  assert.match(c.lastBody, /value="Org A e\.V\."/)
  assert.match(c.lastBody, /name="organisationId" value="[0-9a-f-]{36}"/)
  assert.match(c.lastBody, /value="admin@a\.test"/)
  const res = await c.post('/needs', {
    ...questionnaireForm({ organisationName: 'Org A e.V.', contactEmail: 'admin@a.test' }),
    organisationId: coop.orgA.id,
  })
  assert.equal(res.status, 303)
  const row = await t.deps.db
    .selectFrom('needs_questionnaire')
    .select(['organisation_id', 'account_id', 'client_address'])
    .where('contact_email', '=', 'admin@a.test')
    .executeTakeFirstOrThrow()
  assert.deepEqual(row, { organisation_id: coop.orgA.id, account_id: coop.orgA.admin.accountId, client_address: null })
  // another organisation's id is refused
  const other = await c.post('/needs', { ...questionnaireForm(), organisationId: coop.orgB.id })
  assert.equal(other.status, 403)
  // "none": a fresh form for an organisation not in the portal
  await c.get('/needs?organisation=none')
  assert.doesNotMatch(c.lastBody, /name="organisationId"/)
})

test('the contact erases the questionnaire: personal fields go, figures stay, the link says so; journaled', async () => {
  const c = client()
  const { token } = await submit(c, { contactEmail: 'erase@me.test', painPoints: 'Geheimnis' })
  const res = await c.post(`/needs/${token}/erase`, {})
  assert.equal(res.status, 303)
  const row = await t.deps.db
    .selectFrom('needs_questionnaire')
    .selectAll()
    .where('token_hash', '=', sha256(token))
    .executeTakeFirstOrThrow()
  assert.ok(row.erased_at)
  assert.deepEqual(
    [row.organisation_name, row.contact_name, row.contact_email, row.contact_phone, row.city, row.pain_points],
    ['', '', '', null, '', ''],
  )
  assert.equal(row.client_address, null)
  assert.equal(row.employees, 9)
  assert.deepEqual(row.wanted_areas, ['digital_infrastructure', 'managed_workplace', 'consulting'])
  await c.get(`/needs/${token}`)
  assert.match(c.lastBody, /gelöscht/)
  assert.doesNotMatch(c.lastBody, /erase@me\.test|Geheimnis|Mira Sommer/)
  assert.equal((await c.request(`/needs/${token}/quote.pdf`)).status, 404)
  const journal = await t.deps.db
    .selectFrom('audit_entry')
    .select(['action', 'actor_label'])
    .where('subject_id', '=', row.id)
    .orderBy('seq')
    .execute()
  assert.deepEqual(
    journal.map((j) => j.action),
    ['questionnaire.submitted', 'questionnaire.erased'],
  )
  // erasing twice changes nothing more
  const before = await t.deps.db.selectFrom('audit_entry').select('seq').orderBy('seq', 'desc').executeTakeFirst()
  assert.equal((await c.post(`/needs/${token}/erase`, {})).status, 303)
  const afterwards = await t.deps.db.selectFrom('audit_entry').select('seq').orderBy('seq', 'desc').executeTakeFirst()
  assert.equal(afterwards?.seq, before?.seq)
  // the database itself holds an erased row to having no personal data
  await assert.rejects(
    t.deps.db
      .updateTable('needs_questionnaire')
      .set({ contact_email: 'back@again.test' })
      .where('id', '=', row.id)
      .execute(),
    /needs_questionnaire_erased_check/,
  )
})

test('English readers get the quote in English', async () => {
  const c = client()
  await c.get('/lang/en?next=/needs')
  const { body } = await submit(c, { contactEmail: 'en@quote.test' })
  assert.match(body, /Price not set yet/)
  assert.match(body, /included in the areas you chose/)
})

test('the admin of a member organisation gets "Bestellen" for primary areas, "Anfragen" for secondary ones', async () => {
  await admitMember(t.deps, { organisationName: 'Org A e.V.' }, { organisationId: coop.orgA.id })
  const c = client()
  assert.equal((await c.signIn(coop.orgA.admin.email, password)).status, 303)
  const { body } = await submit(c, { organisationName: 'Org A e.V.', contactEmail: 'order@a.test' })
  assert.match(body, /href="\/orders\/new\?area=digital_infrastructure">Bestellen</)
  assert.match(body, /href="\/orders\/new\?area=managed_workplace">Bestellen</)
  assert.match(body, /href="\/orders\/request\?area=consulting">Anfragen</)
  assert.doesNotMatch(body, /\/orders\/new\?area=consulting/)
})
