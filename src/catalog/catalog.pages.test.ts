import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { createTestApp, type TestApp } from '../../test/support/app.ts'
import { TestClient } from '../../test/support/client.ts'
import { seedExamplePrices } from '../demo/seed-demo-catalog.ts'
import { systemActor } from '../platform/actor.ts'
import { fixedClock } from '../platform/clock.ts'
import { setCatalogStatus } from './status.actions.ts'

// The public catalog read by someone without an account: German and English, planned vs orderable, discontinued
// entries hidden, an area's page with its prices, terms and calls to action.

const clock = fixedClock(new Date('2026-12-01T09:00:00Z'))
const staff = systemActor('test')
let t: TestApp
before(async () => {
  t = await createTestApp({ clock })
  await t.deps.db.transaction().execute(async (trx) => {
    await seedExamplePrices(trx, staff, t.deps, '2026-12-01')
    // managed workplace stays planned, education is discontinued, the in-house training too
    await setCatalogStatus(trx, staff, { areaKey: 'managed_workplace', status: 'planned' }, t.deps)
    await setCatalogStatus(trx, staff, { areaKey: 'education', status: 'discontinued' }, t.deps)
    await setCatalogStatus(trx, staff, { serviceKey: 'data_protection', status: 'discontinued' }, t.deps)
  })
})
after(() => t.close())

async function page(path: string, lang: 'de' | 'en' = 'de') {
  const res = await t.app.request(path, { headers: { 'accept-language': lang } })
  return { status: res.status, body: await res.text() }
}

test('anyone reads the catalog in German: primary and secondary areas, status in words, prices from the base tier', async () => {
  const { status, body } = await page('/catalog')
  assert.equal(status, 200)
  assert.match(body, /<h1>Leistungen<\/h1>/)
  assert.match(body, /Primär – nur für Mitglieder, als Flatrate/)
  assert.match(body, /Sekundär – auch für Nichtmitglieder, nach Aufwand/)
  const card = (key: string) => new RegExp(`data-area="${key}"[\\s\\S]*?</li>`).exec(body)?.[0] ?? ''
  assert.match(card('digital_infrastructure'), /data-status="orderable">bestellbar</)
  assert.match(card('digital_infrastructure'), /ab 49,00\s€\/Monat zzgl\. USt/)
  assert.match(card('managed_workplace'), /data-status="planned">geplant</)
  assert.match(card('consulting'), /ab 75,00\s€\/h zzgl\. USt/)
  assert.match(card('digital_infrastructure'), /href="\/catalog\/digital_infrastructure"/)
  // the cooperative's own areas name no provider
  assert.doesNotMatch(card('digital_infrastructure'), /Angeboten von/)
  assert.doesNotMatch(body, /data-area="education"/, 'discontinued areas are not listed')
  assert.doesNotMatch(body, /Bildungsformate/)
})

test('and in English', async () => {
  const { body } = await page('/catalog', 'en')
  assert.match(body, /<html lang="en">/)
  assert.match(body, /<h1>Services<\/h1>/)
  assert.match(body, /Primary – for members only, at a flat rate/)
  assert.match(body, /from €49.00\/month plus VAT/)
  assert.match(body, />orderable</)
  assert.match(body, /Digital infrastructure with support and onboarding/)
})

test('an area page: services with software, replaced tools, location, SSO; the tier table in words; terms; calls', async () => {
  const { status, body } = await page('/catalog/digital_infrastructure')
  assert.equal(status, 200)
  assert.match(body, /<h1>Digitale Infrastruktur mit Support &amp; Onboarding<\/h1>/)
  assert.match(body, /Nextcloud, Collabora Online/)
  assert.match(body, /Dropbox, Google Workspace, Microsoft 365/)
  assert.match(body, /1Password/)
  assert.match(body, /Deutschland/)
  assert.match(body, /ja, OpenID Connect/)
  assert.match(body, /ab 10 Beschäftigten oder 50 Ehrenamtlichen oder 500\.000\s€ Jahresbudget/)
  assert.match(body, /für alle \(Grundstufe\)/)
  assert.match(body, /data-tier="medium"[\s\S]*?129,00\s€[\s\S]*?153,51\s€/, 'net and gross (19 %)')
  assert.match(body, /Einmalige Einrichtung: 250,00\s€ netto/)
  assert.match(body, /zuzüglich 19 % Umsatzsteuer/)
  assert.match(body, /3,00\s€ je Postfach und Monat/)
  assert.match(body, /Eine Kündigung wirkt 30 Tage nach Zugang zum Ende des Monats\./)
  assert.match(body, /href="\/orders\/new\?area=digital_infrastructure"/)
  assert.doesNotMatch(body, /\/orders\/request/, 'primary areas are for members only')
  assert.match(body, /href="\/needs"/)
})

test('a secondary area offers a request without membership and shows member and non-member rates', async () => {
  const { body } = await page('/catalog/consulting')
  assert.match(body, /href="\/orders\/request\?area=consulting"/)
  assert.match(body, /href="\/orders\/new\?area=consulting"/)
  assert.match(body, /data-hourly="it_projects"[\s\S]*?75,00\s€\/h[\s\S]*?95,00\s€\/h/)
  assert.doesNotMatch(body, /Datenschutzberatung<\/th>/, 'a discontinued service is not shown')
  assert.match(body, /Eine Kündigung wirkt 14 Tage nach Zugang\./)
})

test('a planned area says so and offers no order, only the needs questionnaire', async () => {
  const { body } = await page('/catalog/managed_workplace')
  assert.match(body, /geplant und noch nicht bestellbar/)
  assert.doesNotMatch(body, /\/orders\/new/)
  assert.match(body, /href="\/needs"/)
})

test('a discontinued or unknown area is not found; announced prices show from their date', async () => {
  assert.equal((await page('/catalog/education')).status, 404)
  assert.equal((await page('/catalog/nothing_here')).status, 404)
  assert.equal((await page('/catalog/NOT-A-KEY')).status, 404)
  const { addPriceVersion } = await import('./prices.actions.ts')
  const { examplePrices } = await import('../demo/seed-demo-catalog.ts')
  await t.deps.db.transaction().execute((trx) =>
    addPriceVersion(
      trx,
      staff,
      {
        areaKey: 'it_helpdesk',
        validFrom: '2027-03-01',
        validUntil: null,
        vatPercent: 19,
        setupCents: 0,
        note: '',
        tiers: examplePrices.flatRates.it_helpdesk.tiers.map((x) => ({ ...x, monthlyCents: x.monthlyCents + 100 })),
      },
      t.deps,
    ),
  )
  const { body } = await page('/catalog/it_helpdesk')
  assert.match(body, /Angekündigte Preise/)
  assert.match(body, /Ab 01\.03\.2027/)
  assert.match(body, /40,00\s€/)
})

test('a signed-in page view works too (the layout with the actor)', async () => {
  const client = new TestClient(t)
  const res = await client.get('/catalog/consulting')
  assert.equal(res.status, 200)
})
