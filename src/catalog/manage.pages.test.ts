import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { sql } from 'kysely'
import { createTestApp, type TestApp } from '../../test/support/app.ts'
import { signedInClient, type TestClient } from '../../test/support/client.ts'
import { type Cooperative, password, seedCooperative } from '../../test/support/factories.ts'
import { fixedClock } from '../platform/clock.ts'

// Staff manage areas and services through the forms: every change is journaled, refused input changes nothing.
// Partner providers' admins manage only their own provider's entries; a member user manages nothing.

const clock = fixedClock(new Date('2026-12-01T09:00:00Z'))
let t: TestApp
let coop: Cooperative
let staff: TestClient
before(async () => {
  t = await createTestApp({ clock })
  coop = await seedCooperative(t.deps)
  staff = await signedInClient(t, coop.staff.email, password)
})
after(() => t.close())

async function snapshot() {
  const tables = await Promise.all(
    (['provider', 'service_area', 'service', 'price_version'] as const).map((table) =>
      t.deps.db.selectFrom(table).selectAll().orderBy('id').execute(),
    ),
  )
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_entry`.execute(t.deps.db)
  return JSON.stringify({ tables, journal: rows[0]?.n })
}

function errorAt(body: string, field: string): string | null {
  const match = new RegExp(`id="f-${field.replace(/\./g, '\\.')}-error"[^>]*>([^<]*)<`).exec(body)
  return match ? match[1]! : null
}

async function journal(action: string) {
  return t.deps.db
    .selectFrom('audit_entry')
    .select(['action', 'actor_label', 'before', 'after'])
    .where('action', '=', action)
    .orderBy('seq')
    .execute()
}

const areaForm = {
  key: 'hosting',
  kind: 'secondary',
  providerKey: 'home',
  position: '7',
  'name.de': 'Webhosting',
  'name.en': 'Web hosting',
  'summary.de': 'Websites betreiben',
  'summary.en': 'Running websites',
  'included.de': 'WordPress\n\nStatische Seiten\n',
  'included.en': 'WordPress\nStatic sites',
  'terms.noticeDays': '30',
  'terms.termEnd': 'quarter',
  'terms.minimumTermMonths': '3',
  'configFields.0.key': 'domain',
  'configFields.0.labelDe': 'Domain',
  'configFields.0.labelEn': 'Domain',
  'configFields.0.type': 'text',
  'configFields.0.required': 'on',
  'configFields.2.key': 'plan',
  'configFields.2.labelDe': 'Paket',
  'configFields.2.labelEn': 'Plan',
  'configFields.2.type': 'choice',
  'configFields.2.choices': 'klein; groß',
}

test('staff see every area and service, with status, provider and price', async () => {
  const res = await staff.get('/catalog/manage')
  assert.equal(res.status, 200)
  assert.match(staff.lastBody, /<h1>Katalog verwalten<\/h1>/)
  assert.match(staff.lastBody, /data-entry="area:digital_infrastructure"/)
  assert.match(staff.lastBody, /data-entry="service:mail"[\s\S]*?kein Preis/)
  assert.match(staff.lastBody, /href="\/catalog\/areas\/digital_infrastructure\/edit"/)
  assert.match(staff.lastBody, /href="\/catalog\/prices\/new\?service=mail"/)
})

test('orderable needs a price: the refusal is shown at the entry, nothing changes', async () => {
  const before = await snapshot()
  const res = await staff.post('/catalog/areas/it_helpdesk/status', { status: 'orderable' })
  assert.equal(res.status, 422)
  assert.match(
    staff.lastBody,
    /id="problem-area-it_helpdesk" role="alert">„IT-Helpdesk“: Bestellbar wird ein Eintrag erst/,
  )
  assert.equal(await snapshot(), before)
  const ok = await staff.post('/catalog/areas/it_helpdesk/status', { status: 'discontinued' })
  assert.equal(ok.status, 303)
  const row = await t.deps.db
    .selectFrom('service_area')
    .select('status')
    .where('key', '=', 'it_helpdesk')
    .executeTakeFirstOrThrow()
  assert.equal(row.status, 'discontinued')
  assert.equal((await journal('catalog.status_changed')).length, 1)
  await staff.get('/catalog/manage')
  assert.match(
    staff.lastBody,
    /data-entry="area:it_helpdesk"[\s\S]*?data-status="discontinued">eingestellt/,
    'staff still see it',
  )
})

test('staff create an area: refused input is shown at the fields and changes nothing; then it is created', async () => {
  assert.equal((await staff.get('/catalog/areas/new')).status, 200)
  const before = await snapshot()
  const bad = await staff.post('/catalog/areas', {
    ...areaForm,
    key: 'prices',
    'name.de': '',
    'terms.noticeDays': '731',
    'terms.minimumTermMonths': 'drei',
    'configFields.2.choices': '',
  })
  assert.equal(bad.status, 422)
  const body = staff.lastBody
  assert.equal(
    errorAt(body, 'key'),
    'Dieser Schlüssel ist für eine Seite des Katalogs reserviert. Bitte einen anderen wählen.',
  )
  assert.equal(errorAt(body, 'name.de'), 'Bitte ausfüllen.')
  assert.equal(errorAt(body, 'terms.noticeDays'), 'Der Wert darf höchstens 730 sein.')
  assert.equal(errorAt(body, 'terms.minimumTermMonths'), 'Bitte eine ganze Zahl angeben.')
  assert.match(errorAt(body, 'configFields.2.choices') ?? '', /mindestens eine Auswahl/, 'at the form row that has it')
  assert.match(body, /class="error-summary"/)
  const taken = await staff.post('/catalog/areas', { ...areaForm, key: 'consulting' })
  assert.equal(taken.status, 422)
  assert.equal(errorAt(staff.lastBody, 'key'), 'Diesen Schlüssel gibt es schon. Bitte einen anderen wählen.')
  assert.equal(await snapshot(), before, 'nothing changed')

  const ok = await staff.post('/catalog/areas', areaForm)
  assert.equal(ok.status, 303)
  const row = await t.deps.db
    .selectFrom('service_area')
    .selectAll()
    .where('key', '=', 'hosting')
    .executeTakeFirstOrThrow()
  assert.deepEqual(row.included_de, ['WordPress', 'Statische Seiten'])
  assert.equal(row.term_end, 'quarter')
  assert.equal(row.position, 7)
  assert.deepEqual(
    (row.config_fields as Array<{ key: string; choices?: string[] }>).map((f) => [f.key, f.choices ?? null]),
    [
      ['domain', null],
      ['plan', ['klein', 'groß']],
    ],
  )
  const entry = (await journal('catalog.area_created'))[0]!
  assert.equal(entry.actor_label, coop.staff.email)
  assert.equal((entry.after as { key: string }).key, 'hosting')
})

test('staff edit an area (key and kind stay) and the journal holds before and after', async () => {
  assert.equal((await staff.get('/catalog/areas/hosting/edit')).status, 200)
  assert.match(staff.lastBody, /value="Webhosting"/)
  assert.doesNotMatch(staff.lastBody, /name="key"/, 'the key is fixed')
  const { key: _key, kind: _kind, ...fields } = areaForm
  const before = await snapshot()
  const bad = await staff.post('/catalog/areas/hosting', { ...fields, 'configFields.2.key': 'domain' })
  assert.equal(bad.status, 422)
  assert.match(staff.lastBody, /Jedes Konfigurationsfeld braucht einen eigenen Schlüssel/)
  assert.equal(await snapshot(), before)
  const ok = await staff.post('/catalog/areas/hosting', { ...fields, 'name.en': 'Hosting', 'terms.noticeDays': '60' })
  assert.equal(ok.status, 303)
  const entry = (await journal('catalog.area_updated'))[0]!
  assert.equal((entry.before as { name: { en: string } }).name.en, 'Web hosting')
  assert.equal((entry.after as { name: { en: string }; terms: { noticeDays: number } }).name.en, 'Hosting')
  assert.equal((entry.after as { terms: { noticeDays: number } }).terms.noticeDays, 60)
})

const serviceForm = {
  key: 'wordpress',
  pricing: 'hourly',
  providerKey: 'home',
  position: '1',
  status: 'planned',
  'name.de': 'WordPress-Betreuung',
  'name.en': 'WordPress care',
  software: 'WordPress\nnginx',
  replaces: ['other'],
  dataLocation: 'Berlin',
  sso: 'none',
}

test('staff create and edit a service; orderable without a price is refused at the status field', async () => {
  assert.equal((await staff.get('/catalog/services/new?area=hosting')).status, 200)
  assert.match(staff.lastBody, /name="areaKey" value="hosting"/)
  const before = await snapshot()
  const bad = await staff.post('/catalog/services', { ...serviceForm, areaKey: 'hosting', pricing: 'included' })
  assert.equal(bad.status, 422)
  assert.match(errorAt(staff.lastBody, 'pricing') ?? '', /keine Flatrate/)
  const unpriced = await staff.post('/catalog/services', { ...serviceForm, areaKey: 'hosting', status: 'orderable' })
  assert.equal(unpriced.status, 422)
  assert.equal(
    errorAt(staff.lastBody, 'status'),
    'Bestellbar wird ein Eintrag erst, wenn heute ein Preis für ihn gilt.',
  )
  assert.equal(await snapshot(), before, 'the service was not created either')
  assert.equal((await staff.post('/catalog/services', { ...serviceForm, areaKey: 'hosting' })).status, 303)
  const row = await t.deps.db.selectFrom('service').selectAll().where('key', '=', 'wordpress').executeTakeFirstOrThrow()
  assert.deepEqual(row.software, ['WordPress', 'nginx'])
  assert.equal((await staff.get('/catalog/services/wordpress/edit')).status, 200)
  const { key: _k, pricing: _p, ...fields } = serviceForm
  assert.equal(
    (await staff.post('/catalog/services/wordpress', { ...fields, replaces: ['slack', 'teams'], sso: 'oidc' })).status,
    303,
  )
  const after = await t.deps.db
    .selectFrom('service')
    .selectAll()
    .where('key', '=', 'wordpress')
    .executeTakeFirstOrThrow()
  assert.deepEqual([after.replaces, after.sso], [['slack', 'teams'], 'oidc'])
  assert.equal((await journal('catalog.service_created')).length, 1)
  assert.equal((await journal('catalog.service_updated')).length, 1)
})

test('partners: staff link a provider to an organisation; its admin manages only its own entries', async () => {
  assert.equal((await staff.get('/catalog/providers')).status, 200)
  const before = await snapshot()
  const bad = await staff.post('/catalog/providers', { key: 'B', name: '', organisationId: '' })
  assert.equal(bad.status, 422)
  assert.ok(errorAt(staff.lastBody, 'key'))
  assert.equal(errorAt(staff.lastBody, 'name'), 'Bitte ausfüllen.')
  assert.equal(await snapshot(), before)
  for (const [key, name, org] of [
    ['partner-a', 'Partner A eG', coop.orgA.id],
    ['partner-b', 'Partner B eG', coop.orgB.id],
  ] as const)
    assert.equal((await staff.post('/catalog/providers', { key, name, organisationId: org })).status, 303)
  const twice = await staff.post('/catalog/providers', { key: 'partner-c', name: 'C', organisationId: coop.orgB.id })
  assert.equal(twice.status, 422)
  assert.equal(errorAt(staff.lastBody, 'organisationId'), 'Diese Organisation ist schon ein Anbieter.')

  const a = await signedInClient(t, coop.orgA.admin.email, password)
  const b = await signedInClient(t, coop.orgB.admin.email, password)
  // partner A lists an area and a service of its own
  assert.equal((await a.get('/catalog/manage')).status, 200)
  assert.match(a.lastBody, /<h1>Meine Leistungen als Anbieter<\/h1>/)
  assert.doesNotMatch(a.lastBody, /data-entry="area:digital_infrastructure"/)
  assert.equal((await a.get('/catalog/areas/new')).status, 200)
  assert.doesNotMatch(a.lastBody, /<option value="home"/, 'only its own provider to choose')
  const home = await a.post('/catalog/areas', { ...areaForm, key: 'partner_hosting', providerKey: 'home' })
  assert.equal(home.status, 403, 'not under the cooperative')
  assert.equal(
    (await a.post('/catalog/areas', { ...areaForm, key: 'partner_hosting', providerKey: 'partner-a' })).status,
    303,
  )
  assert.equal(
    (
      await a.post('/catalog/services', {
        ...serviceForm,
        key: 'partner_wp',
        areaKey: 'partner_hosting',
        providerKey: 'partner-a',
      })
    ).status,
    303,
  )
  const { key: _k, pricing: _p, ...fields } = serviceForm
  assert.equal((await a.get('/catalog/services/partner_wp/edit')).status, 200)
  assert.equal(
    (await a.post('/catalog/services/partner_wp', { ...fields, providerKey: 'partner-a', dataLocation: 'Leipzig' }))
      .status,
    303,
  )
  // ... but not the cooperative's, nor partner B's, nor into the cooperative's area
  assert.equal((await a.get('/catalog/services/wordpress/edit')).status, 403)
  assert.equal((await a.post('/catalog/services/wordpress', { ...fields, providerKey: 'home' })).status, 403)
  assert.equal(
    (await a.post('/catalog/services', { ...serviceForm, key: 'sneaky', areaKey: 'hosting', providerKey: 'partner-a' }))
      .status,
    403,
  )
  assert.equal((await a.post('/catalog/areas/consulting/status', { status: 'discontinued' })).status, 403)
  assert.equal((await b.get('/catalog/services/partner_wp/edit')).status, 403)
  assert.equal((await b.post('/catalog/services/partner_wp', { ...fields, providerKey: 'partner-b' })).status, 403)
  assert.equal(
    (await a.post('/catalog/services/partner_wp', { ...fields, providerKey: 'partner-b' })).status,
    403,
    'no handing over',
  )
  assert.equal((await a.get('/catalog/providers')).status, 403, 'the providers are staff’s')
  const service = await t.deps.db
    .selectFrom('service')
    .selectAll()
    .where('key', '=', 'partner_wp')
    .executeTakeFirstOrThrow()
  assert.equal(service.data_location, 'Leipzig')
  // the public page names the partner
  const page = await (await t.app.request('/catalog/partner_hosting')).text()
  assert.match(page, /Angeboten von Partner A eG/)
})

test('a member user manages nothing', async () => {
  const user = await signedInClient(t, coop.orgA.user.email, password)
  for (const path of [
    '/catalog/manage',
    '/catalog/areas/new',
    '/catalog/areas/hosting/edit',
    '/catalog/services/wordpress/edit',
    '/catalog/providers',
    '/catalog/prices/new',
  ])
    assert.equal((await user.get(path)).status, 403, path)
  const before = await snapshot()
  assert.equal((await user.post('/catalog/areas', { ...areaForm, key: 'mine' })).status, 403)
  assert.equal((await user.post('/catalog/areas/hosting/status', { status: 'discontinued' })).status, 403)
  assert.equal(await snapshot(), before)
  assert.equal((await user.get('/catalog/prices')).status, 200, 'prices are public anyway')
})

test('archiving a provider needs its entries discontinued first', async () => {
  const refused = await staff.post('/catalog/providers/partner-a/archive', {})
  assert.equal(refused.status, 422)
  assert.match(staff.lastBody, /noch geplante oder bestellbare Einträge/)
  assert.equal((await staff.post('/catalog/providers/partner-b/archive', {})).status, 303)
  const row = await t.deps.db
    .selectFrom('provider')
    .select('archived_at')
    .where('key', '=', 'partner-b')
    .executeTakeFirstOrThrow()
  assert.ok(row.archived_at)
  assert.equal((await staff.post('/catalog/providers/home/archive', {})).status, 422)
})
