import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { sql } from 'kysely'
import { createTestApp, type TestApp } from '../../test/support/app.ts'
import { signedInClient, type TestClient } from '../../test/support/client.ts'
import { type Cooperative, password, seedCooperative } from '../../test/support/factories.ts'
import { seedExamplePrices } from '../demo/seed-demo-catalog.ts'
import { systemActor } from '../platform/actor.ts'
import { fixedClock } from '../platform/clock.ts'
import { quoteCapitalMonths } from './catalog.actions.ts'

// The price management pages: the timeline, a new version through the form (with the count of running bookings
// that will be told), refusals at the field (overlap, tier rows) that change nothing, and the quote setting.

const clock = fixedClock(new Date('2026-12-01T09:00:00Z'))
let t: TestApp
let coop: Cooperative
let staff: TestClient
before(async () => {
  t = await createTestApp({ clock })
  coop = await seedCooperative(t.deps)
  await t.deps.db.transaction().execute((trx) => seedExamplePrices(trx, systemActor('test'), t.deps, '2026-12-01'))
  const area = await t.deps.db
    .selectFrom('service_area')
    .select('id')
    .where('key', '=', 'it_helpdesk')
    .executeTakeFirstOrThrow()
  // a running booking of the helpdesk flat rate (the bookings domain creates these through its own actions)
  await sql`INSERT INTO booking (ref, organisation_id, area_id, kind, status, requested_at, requested_by, starts_on, monthly_cents, tier_key)
    VALUES ('BU-2026-00001', ${coop.orgA.id}, ${area.id}, 'flat_rate', 'confirmed', now(), 'test', '2026-12-01', 3900, 'small')`.execute(
    t.deps.db,
  )
  staff = await signedInClient(t, coop.staff.email, password)
})
after(() => t.close())

async function snapshot() {
  const versions = await t.deps.db.selectFrom('price_version').selectAll().orderBy('id').execute()
  const notices = await t.deps.db.selectFrom('price_change_notice').selectAll().execute()
  const settings = await t.deps.db.selectFrom('instance_setting').selectAll().orderBy('key').execute()
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_entry`.execute(t.deps.db)
  return JSON.stringify({ versions, notices, settings, journal: rows[0]?.n })
}

function errorAt(body: string, field: string): string | null {
  const match = new RegExp(`id="f-${field.replace(/\./g, '\\.')}-error"[^>]*>([^<]*)<`).exec(body)
  return match ? match[1]! : null
}

/** The form as prefilled for the helpdesk, with some fields changed. */
async function helpdeskForm(overrides: Record<string, string>) {
  await staff.get('/catalog/prices/new?area=it_helpdesk')
  const values: Record<string, string> = {}
  for (const m of staff.lastBody.matchAll(/<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)) values[m[1]!] = m[2]!
  delete values._csrf
  return { ...values, ...overrides }
}

test('the timeline shows every priced entry with the version in force', async () => {
  const res = await staff.get('/catalog/prices')
  assert.equal(res.status, 200)
  assert.match(
    staff.lastBody,
    /data-item="area=digital_infrastructure"[\s\S]*?data-state="current"[\s\S]*?01\.12\.2026[\s\S]*?offen/,
  )
  assert.match(staff.lastBody, /data-item="service=mail"/)
  assert.match(staff.lastBody, /data-item="service=it_projects"[\s\S]*?75,00\s€\/h Mitglieder/)
  assert.match(staff.lastBody, /name="months"/, 'staff set the quote setting here')
})

test('the form is prefilled from the version in force and says how many running bookings will be told', async () => {
  assert.equal((await staff.get('/catalog/prices/new?area=it_helpdesk')).status, 200)
  const body = staff.lastBody
  assert.match(body, /name="tiers\.1\.monthlyCents" value="99"/)
  assert.match(body, /name="tiers\.1\.fromVolunteers" value="50"/)
  assert.match(body, /name="tiers\.3\.fromVolunteers" value=""/, 'an empty threshold stays empty')
  assert.match(body, /name="validFrom" type="date" value="2026-12-02"/)
  assert.match(body, /data-running="1">Beim Speichern wird 1 laufende Buchung über die Änderung informiert/)
  assert.equal((await staff.get('/catalog/prices/new?service=cloud')).status, 404, 'included services have no price')
  assert.equal((await staff.get('/catalog/prices/new')).status, 200)
  assert.match(staff.lastBody, /href="\/catalog\/prices\/new\?area=it_helpdesk"/)
})

test('refusals land at the field, per tier row too, and change nothing', async () => {
  const before = await snapshot()
  const backwards = await staff.post('/catalog/prices', await helpdeskForm({ validFrom: '2026-11-30' }))
  assert.equal(backwards.status, 422)
  assert.match(errorAt(staff.lastBody, 'validFrom') ?? '', /nie rückwirkend/)
  const rows = await staff.post(
    '/catalog/prices',
    await helpdeskForm({
      validFrom: '2027-02-01',
      'tiers.1.monthlyCents': '10',
      'tiers.2.fromEmployees': '5',
      'tiers.3.monthlyCents': 'teuer',
    }),
  )
  assert.equal(rows.status, 422)
  assert.equal(errorAt(staff.lastBody, 'tiers.3.monthlyCents'), 'Bitte eine ganze Zahl angeben.')
  const ladder = await staff.post(
    '/catalog/prices',
    await helpdeskForm({ validFrom: '2027-02-01', 'tiers.1.monthlyCents': '10', 'tiers.2.fromEmployees': '5' }),
  )
  assert.equal(ladder.status, 422)
  assert.equal(
    errorAt(staff.lastBody, 'tiers.1.monthlyCents'),
    'Eine größere Stufe darf nicht weniger kosten als die vorige.',
  )
  assert.equal(
    errorAt(staff.lastBody, 'tiers.2.fromEmployees'),
    'Die Schwelle muss höher sein als die der vorigen Stufe.',
  )
  const vat = await staff.post('/catalog/prices', await helpdeskForm({ validFrom: '2027-02-01', vatPercent: '101' }))
  assert.equal(vat.status, 422)
  assert.ok(errorAt(staff.lastBody, 'vatPercent'))
  const rise = await staff.post(
    '/catalog/prices',
    await helpdeskForm({ validFrom: '2026-12-15', 'tiers.0.monthlyCents': '45' }),
  )
  assert.equal(rise.status, 422)
  assert.match(errorAt(staff.lastBody, 'validFrom') ?? '', /erst nach deren Kündigungsfrist/)
  assert.equal(await snapshot(), before, 'nothing changed')
  assert.deepEqual(await t.flushMail(), [])
})

test('a version is adopted, the running booking is told; an overlapping one is refused at the field', async () => {
  const ok = await staff.post(
    '/catalog/prices',
    await helpdeskForm({
      validFrom: '2027-02-01',
      validUntil: '2027-02-28',
      'tiers.0.monthlyCents': '35',
      note: 'Winteraktion',
    }),
  )
  assert.equal(ok.status, 303)
  const mails = await t.flushMail()
  assert.equal(mails.length, 1)
  assert.equal(mails[0]?.to, coop.orgA.admin.email)
  assert.match(mails[0]?.subject ?? '', /Preisänderung ab 01\.02\.2027: IT-Helpdesk/)
  await staff.get('/catalog/prices')
  assert.match(staff.lastBody, /data-state="future"[\s\S]*?01\.02\.2027[\s\S]*?28\.02\.2027[\s\S]*?Winteraktion/)
  const before = await snapshot()
  const overlap = await staff.post('/catalog/prices', await helpdeskForm({ validFrom: '2027-02-15' }))
  assert.equal(overlap.status, 422)
  assert.match(errorAt(staff.lastBody, 'validFrom') ?? '', /schon eine andere Preisfassung/)
  const around = await staff.post(
    '/catalog/prices',
    await helpdeskForm({ validFrom: '2027-01-20', validUntil: '2027-03-10' }),
  )
  assert.equal(around.status, 422)
  assert.match(errorAt(staff.lastBody, 'validUntil') ?? '', /schon eine andere Preisfassung/)
  assert.equal(await snapshot(), before)
})

test('an hourly rate through the form; a tier table cannot be sent for it', async () => {
  await staff.get('/catalog/prices/new?service=it_projects')
  assert.match(staff.lastBody, /name="hourlyMemberCents"[^>]*value="75"/)
  assert.doesNotMatch(staff.lastBody, /name="tiers\.0\.key"/)
  const res = await staff.post('/catalog/prices', {
    serviceKey: 'it_projects',
    validFrom: '2027-01-01',
    vatPercent: '19',
    hourlyMemberCents: '72,50',
    hourlyNonMemberCents: '',
  })
  assert.equal(res.status, 422)
  assert.equal(errorAt(staff.lastBody, 'hourlyNonMemberCents'), 'Bitte ausfüllen.')
  const ok = await staff.post('/catalog/prices', {
    serviceKey: 'it_projects',
    validFrom: '2027-01-01',
    vatPercent: '19',
    hourlyMemberCents: '72,50',
    hourlyNonMemberCents: '90',
    'tiers.0.monthlyCents': '1',
  })
  assert.equal(ok.status, 303)
  const v = await t.deps.db
    .selectFrom('price_version')
    .selectAll()
    .where('valid_from', '=', '2027-01-01')
    .where('kind', '=', 'hourly')
    .executeTakeFirstOrThrow()
  assert.deepEqual([Number(v.hourly_member_cents), Number(v.hourly_non_member_cents), v.tiers], [7_250, 9_000, null])
})

test('the quote setting: 0–36 months, audited; refused values change nothing; members may not', async () => {
  const before = await snapshot()
  for (const bad of ['37', '-1', 'drei', ''])
    assert.equal((await staff.post('/catalog/prices/settings', { months: bad })).status, 422, bad)
  assert.ok(errorAt(staff.lastBody, 'months'))
  assert.equal(await snapshot(), before)
  const user = await signedInClient(t, coop.orgA.user.email, password)
  assert.equal((await user.post('/catalog/prices/settings', { months: '6' })).status, 403)
  assert.equal((await staff.post('/catalog/prices/settings', { months: '6' })).status, 303)
  assert.equal(await quoteCapitalMonths(t.deps.db), 6)
  const entry = await t.deps.db
    .selectFrom('audit_entry')
    .select(['before', 'after'])
    .where('action', '=', 'catalog.capital_months_set')
    .executeTakeFirstOrThrow()
  assert.deepEqual([entry.before, entry.after], [{ months: 3 }, { months: 6 }])
  // the calculator follows: 6 months of 228 € need 14 shares, 4 of them mandatory
  const page = await (await t.app.request('/prices?employees=10&areas=digital_infrastructure&areas=it_helpdesk')).text()
  assert.match(page, /data-suggested-shares="10"/)
})
