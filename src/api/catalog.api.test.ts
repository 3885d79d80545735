import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { sql } from 'kysely'
import { createTestApp, type TestApp } from '../../test/support/app.ts'
import { api } from '../../test/support/client.ts'
import { type Cooperative, seedCooperative, tokenFor } from '../../test/support/factories.ts'
import { setCatalogStatus } from '../catalog/status.actions.ts'
import { seedExamplePrices } from '../demo/seed-demo-catalog.ts'
import { systemActor } from '../platform/actor.ts'
import { fixedClock } from '../platform/clock.ts'

const clock = fixedClock(new Date('2026-12-01T09:00:00Z'))
let t: TestApp
let coop: Cooperative
let staff: string
let member: string
before(async () => {
  t = await createTestApp({ clock })
  coop = await seedCooperative(t.deps)
  const system = systemActor('test')
  await t.deps.db.transaction().execute(async (trx) => {
    await seedExamplePrices(trx, system, t.deps, '2026-12-01')
    await setCatalogStatus(trx, system, { areaKey: 'education', status: 'discontinued' }, t.deps)
  })
  staff = await tokenFor(t.deps, coop.staff.accountId)
  member = await tokenFor(t.deps, coop.orgA.user.accountId)
})
after(() => t.close())

/** The catalog tables and the journal: what a refused request must leave as it was. */
async function snapshot() {
  const tables = await Promise.all(
    (['provider', 'service_area', 'service', 'price_version', 'instance_setting'] as const).map((table) =>
      t.deps.db.selectFrom(table).selectAll().execute(),
    ),
  )
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_entry`.execute(t.deps.db)
  return JSON.stringify({ tables, journal: rows[0]?.n })
}

async function problemOf(res: Response) {
  assert.match(res.headers.get('content-type') ?? '', /application\/problem\+json/)
  return (await res.json()) as { code: string; errors?: Array<{ path: string; message: string }> }
}

const newArea = {
  key: 'hosting',
  kind: 'secondary',
  name: { de: 'Webhosting', en: 'Web hosting' },
  summary: { de: 'Websites betreiben', en: 'Running websites' },
  terms: { noticeDays: 30, termEnd: 'quarter', minimumTermMonths: 3 },
  configFields: [{ key: 'domain', labelDe: 'Domain', labelEn: 'Domain', type: 'text', required: true }],
}

test('GET /catalog is public: the feed document, prices in cents, discontinued areas left out', async () => {
  const res = await api(t, null, '/catalog')
  assert.equal(res.status, 200)
  assert.ok(res.headers.get('etag'))
  const feed = (await res.json()) as {
    format: string
    version: number
    areas: Array<{ key: string; flatRate: { tiers: Array<{ monthlyCents: number }>; currency: string } | null }>
  }
  assert.equal(feed.format, 'allmende-catalog')
  assert.equal(feed.version, 1)
  assert.ok(!feed.areas.some((a) => a.key === 'education'))
  const di = feed.areas.find((a) => a.key === 'digital_infrastructure')!
  assert.equal(di.flatRate?.currency, 'EUR')
  assert.equal(di.flatRate?.tiers[0]?.monthlyCents, 4_900)
  assert.equal((await api(t, null, '/catalog/areas/consulting')).status, 200)
  assert.equal((await api(t, null, '/catalog/areas/education')).status, 404)
  assert.equal((await api(t, null, '/catalog/areas/Not-A-Key')).status, 422)
})

test('staff create an area; bad input is a 422 with field paths and changes nothing', async () => {
  const before = await snapshot()
  const bad = await api(t, staff, '/catalog/areas', {
    method: 'POST',
    json: { ...newArea, key: 'manage', name: { de: '', en: 'x' }, terms: { noticeDays: 999 } },
  })
  assert.equal(bad.status, 422)
  const problem = await problemOf(bad)
  assert.deepEqual(problem.errors?.map((e) => e.path).sort(), ['key', 'name.de', 'terms.noticeDays'])
  const unknown = await api(t, staff, '/catalog/areas', { method: 'POST', json: { ...newArea, colour: 'red' } })
  assert.equal(unknown.status, 422)
  assert.equal((await problemOf(unknown)).errors?.[0]?.path, 'colour')
  const taken = await api(t, staff, '/catalog/areas', { method: 'POST', json: { ...newArea, key: 'consulting' } })
  assert.equal(taken.status, 422)
  assert.deepEqual(
    (await problemOf(taken)).errors?.map((e) => e.path),
    ['key'],
  )
  assert.equal(await snapshot(), before, 'nothing changed')

  const created = await api(t, staff, '/catalog/areas', { method: 'POST', json: newArea })
  assert.equal(created.status, 201)
  const area = (await created.json()) as { key: string; status: string; provider: string; terms: { termEnd: string } }
  assert.equal(area.status, 'planned')
  assert.equal(area.provider, 'home')
  assert.equal(area.terms.termEnd, 'quarter')
  const patched = await api(t, staff, '/catalog/areas/hosting', {
    method: 'PATCH',
    json: { name: { en: 'Hosting' }, terms: { noticeDays: 60 } },
  })
  assert.equal(patched.status, 200)
  const after = (await patched.json()) as {
    name: { de: string; en: string }
    terms: { noticeDays: number; termEnd: string }
  }
  assert.deepEqual(after.name, { de: 'Webhosting', en: 'Hosting' })
  assert.deepEqual([after.terms.noticeDays, after.terms.termEnd], [60, 'quarter'])
  const cleared = await api(t, staff, '/catalog/areas/hosting', { method: 'PATCH', json: { name: { de: '' } } })
  assert.equal(cleared.status, 422)
  assert.deepEqual(
    (await problemOf(cleared)).errors?.map((e) => e.path),
    ['name.de'],
  )
  assert.equal((await api(t, staff, '/catalog/areas/nothing', { method: 'PATCH', json: {} })).status, 404)
})

test('services: create, patch, status; orderable needs a price (422 at status)', async () => {
  const input = {
    key: 'wordpress',
    areaKey: 'hosting',
    pricing: 'hourly',
    name: { de: 'WordPress-Betreuung', en: 'WordPress care' },
    software: ['WordPress'],
    replaces: ['other'],
  }
  const wrong = await api(t, staff, '/catalog/services', {
    method: 'POST',
    json: { ...input, pricing: 'included', replaces: ['myspace'] },
  })
  assert.equal(wrong.status, 422)
  assert.deepEqual(
    (await problemOf(wrong)).errors?.map((e) => e.path),
    ['replaces.0'],
  )
  const included = await api(t, staff, '/catalog/services', { method: 'POST', json: { ...input, pricing: 'included' } })
  assert.equal(included.status, 422, 'a secondary area has no flat rate')
  assert.deepEqual(
    (await problemOf(included)).errors?.map((e) => e.path),
    ['pricing'],
  )
  const created = await api(t, staff, '/catalog/services', { method: 'POST', json: input })
  assert.equal(created.status, 201)
  const patch = await api(t, staff, '/catalog/services/wordpress', {
    method: 'PATCH',
    json: { dataLocation: 'Berlin', sso: 'oidc' },
  })
  assert.equal(patch.status, 200)
  const s = (await patch.json()) as { dataLocation: string; sso: string; software: string[] }
  assert.deepEqual([s.dataLocation, s.sso, s.software], ['Berlin', 'oidc', ['WordPress']])
  const before = await snapshot()
  const open = await api(t, staff, '/catalog/services/wordpress/status', {
    method: 'PUT',
    json: { status: 'orderable' },
  })
  assert.equal(open.status, 422)
  assert.deepEqual(
    (await problemOf(open)).errors?.map((e) => e.path),
    ['status'],
  )
  assert.equal(await snapshot(), before)
  const price = await api(t, staff, '/prices', {
    method: 'POST',
    json: {
      serviceKey: 'wordpress',
      validFrom: '2026-12-01',
      vatPercent: 19,
      hourlyMemberCents: 6_000,
      hourlyNonMemberCents: 8_000,
    },
  })
  assert.equal(price.status, 201)
  const opened = await api(t, staff, '/catalog/services/wordpress/status', {
    method: 'PUT',
    json: { status: 'orderable' },
  })
  assert.equal(opened.status, 200)
  assert.deepEqual(await opened.json(), { key: 'wordpress', status: 'orderable' })
  assert.equal(
    (await api(t, staff, '/catalog/areas/nothing/status', { method: 'PUT', json: { status: 'planned' } })).status,
    404,
  )
})

test('prices: public list; an overlapping version is a 422 at validFrom/validUntil and changes nothing', async () => {
  const list = await api(t, null, '/prices')
  assert.equal(list.status, 200)
  const { items } = (await list.json()) as { items: Array<{ areaKey: string | null; currency: string }> }
  assert.ok(items.some((v) => v.areaKey === 'digital_infrastructure' && v.currency === 'EUR'))
  await api(t, staff, '/prices', {
    method: 'POST',
    json: { serviceKey: 'mail', validFrom: '2027-02-01', validUntil: '2027-02-28', vatPercent: 19, monthlyCents: 250 },
  }).then((r) => assert.equal(r.status, 201))
  const before = await snapshot()
  const inside = await api(t, staff, '/prices', {
    method: 'POST',
    json: { serviceKey: 'mail', validFrom: '2027-02-10', vatPercent: 19, monthlyCents: 280 },
  })
  assert.equal(inside.status, 422)
  assert.deepEqual(
    (await problemOf(inside)).errors?.map((e) => e.path),
    ['validFrom'],
  )
  const around = await api(t, staff, '/prices', {
    method: 'POST',
    json: { serviceKey: 'mail', validFrom: '2027-01-15', validUntil: '2027-03-15', vatPercent: 19, monthlyCents: 280 },
  })
  assert.equal(around.status, 422)
  assert.deepEqual(
    (await problemOf(around)).errors?.map((e) => e.path),
    ['validUntil'],
  )
  const tiers = await api(t, staff, '/prices', {
    method: 'POST',
    json: {
      areaKey: 'it_helpdesk',
      validFrom: '2027-01-01',
      vatPercent: 19,
      tiers: [
        { key: 'small', fromEmployees: 0, fromVolunteers: 0, fromBudgetCents: 0, monthlyCents: 5_000 },
        { key: 'medium', fromEmployees: 10, fromVolunteers: null, fromBudgetCents: null, monthlyCents: 4_000 },
      ],
    },
  })
  assert.equal(tiers.status, 422)
  assert.deepEqual(
    (await problemOf(tiers)).errors?.map((e) => e.path),
    ['tiers.1.monthlyCents'],
  )
  assert.equal(await snapshot(), before)
  const forbidden = await api(t, member, '/prices', {
    method: 'POST',
    json: { serviceKey: 'mail', validFrom: '2027-04-01', vatPercent: 19, monthlyCents: 280 },
  })
  assert.equal(forbidden.status, 403)
})

test('POST /quotes/calculate is public and computes like the calculator, at the tier edge', async () => {
  const ask = (employees: number) =>
    api(t, null, '/quotes/calculate', {
      method: 'POST',
      json: { employees, areas: ['digital_infrastructure', 'it_helpdesk'] },
    })
  const small = (await (await ask(9)).json()) as { monthlyNetCents: number; shares: { mandatory: number } }
  assert.equal(small.monthlyNetCents, 8_800)
  assert.equal(small.shares.mandatory, 3)
  const medium = (await (await ask(10)).json()) as {
    monthlyGrossCents: number
    shares: { mandatory: number; suggested: number }
    areas: Array<{ tierKey: string }>
  }
  assert.equal(medium.monthlyGrossCents, 27_132)
  assert.deepEqual([medium.shares.mandatory, medium.shares.suggested], [4, 3])
  assert.equal(medium.areas[0]?.tierKey, 'medium')
  const bad = await api(t, null, '/quotes/calculate', { method: 'POST', json: { employees: -1, areas: ['education'] } })
  assert.equal(bad.status, 422)
  assert.deepEqual(
    (await problemOf(bad)).errors?.map((e) => e.path),
    ['employees'],
  )
  const unknownArea = await api(t, null, '/quotes/calculate', { method: 'POST', json: { areas: ['education'] } })
  assert.equal(unknownArea.status, 422)
  assert.deepEqual(
    (await problemOf(unknownArea)).errors?.map((e) => e.path),
    ['areas'],
  )
})

test('providers: staff list and create; an organisation is one provider at most; members may not', async () => {
  assert.equal((await api(t, member, '/providers')).status, 403)
  assert.equal((await api(t, null, '/providers')).status, 401)
  const input = { key: 'partner-b', name: 'Partner B eG', organisationId: coop.orgB.id, website: 'https://b.example' }
  assert.equal((await api(t, member, '/providers', { method: 'POST', json: input })).status, 403)
  const created = await api(t, staff, '/providers', { method: 'POST', json: input })
  assert.equal(created.status, 201)
  assert.equal(((await created.json()) as { cooperative: boolean }).cooperative, false)
  const before = await snapshot()
  const again = await api(t, staff, '/providers', { method: 'POST', json: { ...input, key: 'partner-b2' } })
  assert.equal(again.status, 422)
  assert.deepEqual(
    (await problemOf(again)).errors?.map((e) => e.path),
    ['organisationId'],
  )
  assert.equal(await snapshot(), before)
  const list = (await (await api(t, staff, '/providers')).json()) as { items: Array<{ key: string }> }
  assert.deepEqual(list.items.map((p) => p.key).sort(), ['home', 'partner-b'])
  // a member user manages nothing
  assert.equal(
    (await api(t, member, '/catalog/areas', { method: 'POST', json: { ...newArea, key: 'other' } })).status,
    403,
  )
  assert.equal(
    (await api(t, member, '/catalog/areas/consulting', { method: 'PATCH', json: { position: 9 } })).status,
    403,
  )
})
