import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { createTestApp, type TestApp } from '../../test/support/app.ts'
import { seedExamplePrices } from '../demo/seed-demo-catalog.ts'
import { systemActor } from '../platform/actor.ts'
import { fixedClock } from '../platform/clock.ts'
import { setCatalogStatus } from './status.actions.ts'

// The price calculator at the tier edges of the example prices (10 employees, 50 volunteers, 500,000 € budget)
// and of the statutes' share tiers; bad input is refused at its field with no result shown.

const clock = fixedClock(new Date('2026-12-01T09:00:00Z'))
let t: TestApp
before(async () => {
  t = await createTestApp({ clock })
  const staff = systemActor('test')
  await t.deps.db.transaction().execute(async (trx) => {
    await seedExamplePrices(trx, staff, t.deps, '2026-12-01')
    await setCatalogStatus(trx, staff, { areaKey: 'managed_workplace', status: 'discontinued' }, t.deps)
  })
})
after(() => t.close())

const two = '&areas=digital_infrastructure&areas=it_helpdesk'

async function calc(query: string, lang: 'de' | 'en' = 'de') {
  const res = await t.app.request(`/prices?${query}`, { headers: { 'accept-language': lang } })
  const body = await res.text()
  const data = (name: string) => {
    const m = new RegExp(`data-${name}="(\\d+)"`).exec(body)
    return m ? Number(m[1]) : null
  }
  return {
    status: res.status,
    body,
    net: data('monthly-net'),
    gross: data('monthly-gross'),
    mandatory: data('mandatory-shares'),
    suggested: data('suggested-shares'),
    tierOf: (area: string) => new RegExp(`data-area="${area}" data-tier="([a-z_]*)"`).exec(body)?.[1] ?? null,
  }
}

test('without input the form shows, no result; the areas to choose are the listed primary ones', async () => {
  const r = await calc('')
  assert.equal(r.status, 200)
  assert.match(r.body, /<h1>Preisrechner<\/h1>/)
  assert.match(r.body, /<form method="get" action="\/prices"/)
  assert.match(r.body, /Noch nichts berechnet/)
  assert.equal(r.net, null)
  assert.match(r.body, /value="digital_infrastructure"/)
  assert.doesNotMatch(r.body, /value="managed_workplace"/, 'discontinued')
  assert.doesNotMatch(r.body, /value="consulting"/, 'secondary areas are billed by the hour')
})

test('9 employees: small tier; 10 employees: medium tier — rates, VAT, total and shares', async () => {
  const small = await calc(`employees=9&volunteers=0&budget=0${two}`)
  assert.equal(small.status, 200)
  assert.equal(small.tierOf('digital_infrastructure'), 'small')
  assert.equal(small.net, 4_900 + 3_900)
  assert.equal(small.gross, 8_800 + 931 + 741)
  assert.match(small.body, /data-total="net">88,00\s€/)
  assert.match(small.body, /data-total="gross"><strong>104,72\s€/)
  assert.equal(small.mandatory, 3, '1 for the small tier + 1 per primary area')
  assert.equal(small.suggested, 0, '3 months of 88 € are covered by 3 shares of 100 €')
  assert.match(small.body, /Pflichtanteile nach der Satzung \(gültig seit 01\.01\.2000\): 3 × 100,00\s€ = 300,00\s€/)
  assert.match(small.body, /Einmalige Einrichtung: 250,00\s€ netto, 297,50\s€ brutto/)
  assert.match(small.body, /role="img" aria-label="Zusammensetzung des Monatsbeitrags \(brutto 104,72\s€\)/)
  assert.match(small.body, /Umsatzsteuer: 16,72\s€/)

  const medium = await calc(`employees=10&volunteers=0&budget=0${two}`)
  assert.equal(medium.tierOf('digital_infrastructure'), 'medium')
  assert.equal(medium.net, 12_900 + 9_900)
  assert.equal(medium.gross, 22_800 + 2_451 + 1_881)
  assert.equal(medium.mandatory, 4, 'the statutes’ medium tier: 2 + 2 areas')
  assert.equal(medium.suggested, 3, '3 × 228 € = 684 € → 7 shares, 4 of them mandatory')
  assert.match(medium.body, /Empfohlen zusätzlich: 3 × 100,00\s€ = 300,00\s€/)
})

test('49 volunteers: small; 50 volunteers: medium flat rate (the statutes count no volunteers)', async () => {
  const below = await calc(`employees=0&volunteers=49&budget=0${two}`)
  assert.equal(below.tierOf('it_helpdesk'), 'small')
  assert.equal(below.net, 8_800)
  const at = await calc(`employees=0&volunteers=50&budget=0${two}`)
  assert.equal(at.tierOf('it_helpdesk'), 'medium')
  assert.equal(at.net, 22_800)
  assert.equal(at.mandatory, 3)
  assert.equal(at.suggested, 4)
})

test('budget 499.999,99 €: small; 500.000 €: medium for flat rate and shares', async () => {
  const below = await calc(`employees=0&volunteers=0&budget=${encodeURIComponent('499.999,99')}${two}`)
  assert.equal(below.tierOf('digital_infrastructure'), 'small')
  assert.equal(below.mandatory, 3)
  const at = await calc(`employees=0&volunteers=0&budget=500000${two}`)
  assert.equal(at.tierOf('digital_infrastructure'), 'medium')
  assert.equal(at.mandatory, 4)
})

test('hours are estimated at member and non-member rates', async () => {
  const r = await calc('employees=3&consultingHours=10&trainingHours=4&areas=digital_infrastructure')
  assert.match(r.body, /data-hours="consulting"[\s\S]*?10[\s\S]*?750,00\s€[\s\S]*?950,00\s€/)
  assert.match(r.body, /data-hours="education"[\s\S]*?4[\s\S]*?280,00\s€[\s\S]*?380,00\s€/)
})

test('English result', async () => {
  const r = await calc(`employees=10${two}`, 'en')
  assert.match(r.body, /Total per month/)
  assert.match(r.body, /€271.32/)
})

test('bad input is refused at the field, with no result and no server error', async () => {
  for (const [query, field, message] of [
    ['employees=-1', 'employees', 'Der Wert muss mindestens 0 sein.'],
    ['employees=zehn', 'employees', 'Bitte eine ganze Zahl angeben.'],
    ['volunteers=1.5', 'volunteers', 'Bitte eine ganze Zahl angeben.'],
    ['budget=-500', 'budget', 'Der Wert muss mindestens 0 sein.'],
    ['budget=viel', 'budget', 'Bitte eine ganze Zahl angeben.'],
    ['consultingHours=-2', 'consultingHours', 'Der Wert muss mindestens 0 sein.'],
    ['areas=managed_workplace', 'areas', 'Diesen Leistungsbereich gibt es nicht (mehr).'],
    ['areas=consulting', 'areas', 'Diesen Leistungsbereich gibt es nicht (mehr).'],
  ] as const) {
    const r = await calc(query)
    assert.equal(r.status, 422, query)
    const error = new RegExp(`id="f-${field}-error">([^<]*)<`).exec(r.body)?.[1]
    assert.equal(error, message, query)
    assert.equal(r.net, null, `${query}: no result`)
    assert.match(r.body, /Bitte die markierten Eingaben prüfen/)
  }
})

test('the live fragment computes the same as the button', async () => {
  const res = await t.app.request(`/prices/result?employees=10${two}`)
  assert.equal(res.status, 200)
  assert.equal(res.headers.get('cache-control'), 'no-store')
  const body = await res.text()
  assert.doesNotMatch(body, /<html/)
  assert.match(body, /data-monthly-net="22800"/)
  const bad = await (await t.app.request('/prices/result?employees=-3')).text()
  assert.match(bad, /Bitte die markierten Eingaben prüfen/)
  assert.doesNotMatch(bad, /data-monthly-net/)
})

test('the result links to itself (a shareable URL)', async () => {
  const r = await calc(`employees=10${two}`)
  assert.match(
    r.body,
    /href="\/prices\?employees=10&amp;areas=digital_infrastructure&amp;areas=it_helpdesk" data-calc-link/,
  )
})
