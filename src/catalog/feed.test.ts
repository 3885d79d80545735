import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { createTestApp, type TestApp } from '../../test/support/app.ts'
import { seedExamplePrices } from '../demo/seed-demo-catalog.ts'
import { systemActor } from '../platform/actor.ts'
import { fixedClock } from '../platform/clock.ts'
import { feedFormat, feedVersion } from './feed.ts'
import { addPriceVersion } from './prices.actions.ts'
import { setCatalogStatus } from './status.actions.ts'

// The machine-readable feed (docs/catalog-feed.md): its shape, what it leaves out, and revalidation by ETag.

const clock = fixedClock(new Date('2026-12-01T09:00:00Z'))
const staff = systemActor('test')
let t: TestApp
before(async () => {
  t = await createTestApp({ clock })
  await t.deps.db.transaction().execute(async (trx) => {
    await seedExamplePrices(trx, staff, t.deps, '2026-12-01')
    await setCatalogStatus(trx, staff, { areaKey: 'education', status: 'discontinued' }, t.deps)
    await setCatalogStatus(trx, staff, { serviceKey: 'data_protection', status: 'discontinued' }, t.deps)
    await setCatalogStatus(trx, staff, { areaKey: 'managed_workplace', status: 'planned' }, t.deps)
  })
})
after(() => t.close())

interface Feed {
  format: string
  version: number
  generatedAt: string
  validOn: string
  publisher: { name: string; url: string }
  providers: Array<{ key: string; name: string; cooperative: boolean }>
  areas: Array<{
    key: string
    kind: string
    status: string
    provider: string
    name: { de: string; en: string }
    terms: { noticeDays: number; termEnd: string }
    flatRate: { validFrom: string; vatPercent: number; setupCents: number; currency: string; tiers: unknown[] } | null
    upcomingPrices: Array<{ validFrom: string }>
    services: Array<{
      key: string
      pricing: string
      software: string[]
      replaces: string[]
      sso: string
      price: { currency: string; monthlyCents: number | null; hourlyMemberCents: number | null } | null
      upcomingPrices: Array<{ validFrom: string; monthlyCents: number }>
    }>
  }>
}

test('the feed: format and version, publisher, providers, planned and orderable entries with prices in cents', async () => {
  const res = await t.app.request('/catalog/feed.json')
  assert.equal(res.status, 200)
  assert.match(res.headers.get('content-type') ?? '', /^application\/json/)
  assert.match(res.headers.get('cache-control') ?? '', /max-age=\d+/)
  assert.match(res.headers.get('etag') ?? '', /^"[0-9a-f]{32}"$/)
  const feed = (await res.json()) as Feed
  assert.equal(feed.format, feedFormat)
  assert.equal(feed.version, feedVersion)
  assert.equal(feed.validOn, '2026-12-01')
  assert.ok(!Number.isNaN(Date.parse(feed.generatedAt)))
  assert.equal(feed.publisher.url, t.deps.config.baseUrl)
  assert.deepEqual(
    feed.providers.map((p) => [p.key, p.cooperative]),
    [['home', true]],
  )
  const keys = feed.areas.map((a) => a.key)
  assert.deepEqual(keys, ['digital_infrastructure', 'it_helpdesk', 'managed_workplace', 'consulting'])
  const di = feed.areas[0]!
  assert.equal(di.kind, 'primary')
  assert.equal(di.provider, 'home')
  assert.deepEqual([di.flatRate?.currency, di.flatRate?.setupCents, di.flatRate?.vatPercent], ['EUR', 25_000, 19])
  assert.equal(di.flatRate?.tiers.length, 4)
  const cloud = di.services.find((s) => s.key === 'cloud')!
  assert.deepEqual(cloud.software, ['Nextcloud', 'Collabora Online'])
  assert.ok(cloud.replaces.includes('dropbox'))
  assert.equal(cloud.sso, 'oidc')
  assert.equal(cloud.price, null, 'included in the flat rate')
  assert.equal(di.services.find((s) => s.key === 'mail')?.price?.monthlyCents, 300)
  const consulting = feed.areas.find((a) => a.key === 'consulting')!
  assert.equal(consulting.flatRate, null)
  assert.deepEqual(
    consulting.services.map((s) => s.key),
    ['it_projects'],
    'discontinued services are left out',
  )
  assert.equal(consulting.services[0]?.price?.hourlyMemberCents, 7_500)
  assert.equal(feed.areas.find((a) => a.key === 'managed_workplace')?.status, 'planned')
})

test('If-None-Match with the ETag gets 304; a change gives a new ETag', async () => {
  const first = await t.app.request('/catalog/feed.json')
  const etag = first.headers.get('etag')!
  const again = await t.app.request('/catalog/feed.json')
  assert.equal(again.headers.get('etag'), etag, 'the same catalog, the same ETag')
  const cached = await t.app.request('/catalog/feed.json', { headers: { 'if-none-match': etag } })
  assert.equal(cached.status, 304)
  assert.equal(await cached.text(), '')
  assert.equal(cached.headers.get('etag'), etag)
  const other = await t.app.request('/catalog/feed.json', { headers: { 'if-none-match': '"something-else"' } })
  assert.equal(other.status, 200)
  clock.advance(60_000)
  await t.deps.db.transaction().execute((trx) =>
    addPriceVersion(
      trx,
      staff,
      {
        serviceKey: 'mail',
        validFrom: '2027-01-01',
        validUntil: null,
        vatPercent: 19,
        monthlyCents: 350,
        setupCents: 0,
        note: '',
      },
      t.deps,
    ),
  )
  const changed = await t.app.request('/catalog/feed.json', { headers: { 'if-none-match': etag } })
  assert.equal(changed.status, 200)
  assert.notEqual(changed.headers.get('etag'), etag)
  const feed = (await changed.json()) as Feed & {
    areas: Array<{
      services: Array<{ key: string; upcomingPrices: Array<{ validFrom: string; monthlyCents: number }> }>
    }>
  }
  const mail = feed.areas[0]!.services.find((s) => s.key === 'mail')!
  assert.deepEqual(
    mail.upcomingPrices.map((p) => [p.validFrom, p.monthlyCents]),
    [['2027-01-01', 350]],
  )
})

test('the API serves the same document', async () => {
  const feed = await (await t.app.request('/catalog/feed.json')).text()
  const viaApi = await (await t.app.request('/api/v1/catalog')).text()
  assert.deepEqual(JSON.parse(viaApi), JSON.parse(feed))
})
