/**
 * The order and booking pages as a person uses them: the member's admin orders from the member page's link, sees
 * the price, terms and the §15b declaration, the board admits, staff confirm from the queue, the admin cancels and
 * is offered the §67b termination; a non-member asks without an account and follows the request.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { createTestApp, type TestApp } from '../../test/support/app.ts'
import { openCatalog } from '../../test/support/bookings.ts'
import { signedInClient, TestClient } from '../../test/support/client.ts'
import { type Cooperative, password, seedCooperative } from '../../test/support/factories.ts'
import { admitMember } from '../../test/support/members.ts'
import { approveApplication } from '../members/admission.actions.ts'
import type { Member } from '../members/members.model.ts'
import { systemActor } from '../platform/actor.ts'
import { fixedClock } from '../platform/clock.ts'

const clock = fixedClock(new Date('2026-03-10T10:00:00Z'))
let t: TestApp
let coop: Cooperative
let memberA: Member

before(async () => {
  t = await createTestApp({ clock })
  coop = await seedCooperative(t.deps)
  await openCatalog(t.deps)
  // Org A wanted managed workplace on joining but declared only the size tier's share
  memberA = (
    await admitMember(
      t.deps,
      { organisationName: 'Org A e.V.', primaryAreas: [], voluntaryShares: 0 },
      { organisationId: coop.orgA.id },
    )
  ).member
  await t.deps.db
    .updateTable('membership_application')
    .set({ primary_areas: ['managed_workplace'] })
    .where('member_id', '=', memberA.id)
    .execute()
})
after(() => t.close())

const signedIn = (email: string) => signedInClient(t, email, password)

function bookingIdOf(location: string | null): string {
  const match = /^\/bookings\/([0-9a-f-]{36})$/.exec(location ?? '')
  assert.ok(match, `not a booking page: ${location}`)
  return match[1]!
}

let bookingId = ''

test('the admin orders the area wanted on joining: price, terms and the §15b declaration, then the order', async () => {
  const c = await signedIn(coop.orgA.admin.email)
  await c.get(`/members/${memberA.id}`)
  assert.match(c.lastBody, /Bei Beitritt gewünscht:/)
  assert.match(c.lastBody, /href="\/orders\/new\?area=managed_workplace&amp;organisation=/)
  const page = await c.get(`/orders/new?area=managed_workplace&organisation=${coop.orgA.id}`)
  assert.equal(page.status, 200)
  assert.match(c.lastBody, /<h1>Bestellen: Managed Workplace/)
  assert.match(c.lastBody, /Kündigungsfrist/)
  assert.match(c.lastBody, /29,00\s€ netto/)
  assert.match(c.lastBody, /150,00\s€ netto/)
  // with the area Org A needs 2 mandatory shares and holds 1: the declaration of exactly 1 more
  assert.match(c.lastBody, /Erklärung über 1 weitere Anteile zu je 100,00\s€/)
  const fields = {
    organisationId: coop.orgA.id,
    areaKey: 'managed_workplace',
    serviceKey: '',
    quantity: '1',
    startsOn: '2026-04-01',
    description: '',
    'config.devices': '12',
  }
  const missing = await c.post('/orders', fields)
  assert.equal(missing.status, 422)
  assert.match(c.lastBody, /Bitte die Vertragsbedingungen annehmen/)
  assert.match(c.lastBody, /Bitte der Erklärung über die Anteile zustimmen/)
  const placed = await c.post('/orders', { ...fields, acceptTerms: 'on', declareShares: 'on' })
  assert.equal(placed.status, 303)
  bookingId = bookingIdOf(placed.headers.get('location'))
  await c.get(`/bookings/${bookingId}`)
  assert.match(c.lastBody, /data-testid="booking-state"><strong>bestellt<\/strong>/)
  assert.match(c.lastBody, /Erklärung über weitere Anteile B-2026-\d{5}: 1 Anteile, liegt dem Vorstand vor/)
  assert.match(c.lastBody, /Bestellung zurückziehen/)
  assert.doesNotMatch(c.lastBody, /Entscheiden/)
  const again = await c.post('/orders', { ...fields, acceptTerms: 'on', declareShares: 'on' })
  assert.equal(again.status, 422)
  assert.match(c.lastBody, /Diesen Leistungsbereich bucht eure Organisation schon/)
})

test('staff see it in the queue; confirming waits for the board; then it is confirmed', async () => {
  const staff = await signedIn(coop.staff.email)
  await staff.get('/orders')
  assert.match(staff.lastBody, new RegExp(`href="/bookings/${bookingId}"`))
  const early = await staff.post(`/bookings/${bookingId}/confirm`, { startsOn: '2026-04-01' })
  assert.equal(early.status, 409)
  assert.match(staff.lastBody, /Erst muss der Vorstand die Erklärung über weitere Anteile zulassen/)
  const application = await t.deps.db
    .selectFrom('membership_application')
    .select('id')
    .where('kind', '=', 'extra_shares')
    .where('member_id', '=', memberA.id)
    .executeTakeFirstOrThrow()
  await t.deps.db.transaction().execute((trx) => approveApplication(trx, systemActor('test'), application.id, t.deps))
  const past = await staff.post(`/bookings/${bookingId}/confirm`, { startsOn: '2026-03-01' })
  assert.equal(past.status, 422)
  const ok = await staff.post(`/bookings/${bookingId}/confirm`, { startsOn: '2026-04-01' })
  assert.equal(ok.status, 303)
  await staff.get(`/bookings/${bookingId}`)
  assert.match(staff.lastBody, /<strong>bestätigt<\/strong> – Bestätigt, beginnt am 01\.04\.2026/)
  await staff.get('/orders')
  assert.match(staff.lastBody, /Keine offenen Bestellungen/)
})

test('the admin cancels to a date the terms allow and is offered the §67b termination, never automatically', async () => {
  const c = await signedIn(coop.orgA.admin.email)
  await c.get('/bookings')
  assert.match(c.lastBody, new RegExp(`href="/bookings/${bookingId}"`))
  await c.get(`/bookings/${bookingId}`)
  // 30 days' notice to the end of a month
  assert.match(c.lastBody, /frühestens mit Ablauf des 30\.04\.2026/)
  const wrong = await c.post(`/bookings/${bookingId}/cancel`, { endsOn: '2026-04-15', reason: '' })
  assert.equal(wrong.status, 422)
  assert.match(c.lastBody, /Bitte einen der möglichen Kündigungstermine wählen/)
  const cancelled = await c.post(`/bookings/${bookingId}/cancel`, { endsOn: '2026-04-30', reason: 'doch nicht' })
  assert.equal(cancelled.status, 303)
  await c.get(`/bookings/${bookingId}`)
  assert.match(c.lastBody, /<strong>gekündigt<\/strong>/)
  assert.match(c.lastBody, /data-testid="shares-offer">Nach dieser Kündigung sind zum 31\.12\.2026 1 Anteile/)
  assert.match(c.lastBody, new RegExp(`action="/members/${memberA.id}/shares/cancel"`))
  assert.match(c.lastBody, /name="cancelShares"[^>]*value="1"/)
  const terminated = await c.post(`/members/${memberA.id}/shares/cancel`, { cancelShares: '1' })
  assert.equal(terminated.status, 303)
})

test('the admin asks for another configuration of a running area', async () => {
  const c = await signedIn(coop.orgA.admin.email)
  await c.post('/orders', {
    organisationId: coop.orgA.id,
    areaKey: 'digital_infrastructure',
    serviceKey: '',
    quantity: '1',
    startsOn: '2026-03-10',
    'config.accounts': '4',
    acceptTerms: 'on',
    // the share cancelled above is gone at the end of the year: the area needs it declared again
    declareShares: 'on',
  })
  const declared = await t.deps.db
    .selectFrom('membership_application')
    .select('id')
    .where('status', '=', 'submitted')
    .where('member_id', '=', memberA.id)
    .executeTakeFirstOrThrow()
  await t.deps.db.transaction().execute((trx) => approveApplication(trx, systemActor('test'), declared.id, t.deps))
  const staff = await signedIn(coop.staff.email)
  const placed = await t.deps.db
    .selectFrom('booking')
    .select('id')
    .where('status', '=', 'requested')
    .executeTakeFirstOrThrow()
  assert.equal((await staff.post(`/bookings/${placed.id}/confirm`, { startsOn: '2026-03-10' })).status, 303)
  await c.get(`/bookings/${placed.id}`)
  assert.match(c.lastBody, /Eine neue Einrichtung gilt frühestens ab 11\.03\.2026/)
  const same = await c.post(`/bookings/${placed.id}/changes`, {
    startsOn: '2026-03-11',
    'config.accounts': '4',
    acceptTerms: 'on',
  })
  assert.equal(same.status, 422)
  assert.match(c.lastBody, /Die Änderung ändert nichts an der Buchung/)
  const changed = await c.post(`/bookings/${placed.id}/changes`, {
    startsOn: '2026-03-11',
    'config.accounts': '9',
    acceptTerms: 'on',
  })
  assert.equal(changed.status, 303)
  await c.get(`/bookings/${placed.id}`)
  assert.match(c.lastBody, /Beantragte Änderung/)
})

test('another organisation neither sees nor cancels the booking', async () => {
  const c = await signedIn(coop.orgB.admin.email)
  assert.equal((await c.get(`/bookings/${bookingId}`)).status, 404)
  assert.equal((await c.post(`/bookings/${bookingId}/withdraw`, {})).status, 404)
  await c.get('/bookings')
  assert.doesNotMatch(c.lastBody, new RegExp(bookingId))
  // not a member: primary areas are refused at the field
  await c.get(`/orders/new?area=digital_infrastructure&organisation=${coop.orgB.id}`)
  assert.match(c.lastBody, /nur für Mitgliedsorganisationen/)
})

test('a non-member asks without an account, follows the request and withdraws it', async () => {
  const c = new TestClient(t)
  await c.get('/orders/request?area=consulting')
  assert.match(c.lastBody, /Beratung oder Training anfragen/)
  assert.match(c.lastBody, /95,00\s€ \/ Std\. zzgl\. USt\./)
  const bad = await c.post('/orders/request', {
    organisationName: 'Kulturverein',
    serviceKey: 'it_projects',
    quantity: '0',
  })
  assert.equal(bad.status, 422)
  const sent = await c.post('/orders/request', {
    organisationName: 'Kulturverein Nordlicht',
    givenName: 'Mara',
    familyName: 'Nord',
    email: 'mara@nordlicht.test',
    phone: '',
    serviceKey: 'it_projects',
    quantity: '5',
    message: 'Umzug unserer Dateien',
    consent: 'on',
  })
  assert.equal(sent.status, 303)
  const location = sent.headers.get('location') ?? ''
  assert.match(location, /^\/orders\/status\/[\w-]{20,}$/)
  const status = await c.get(location)
  assert.equal(status.headers.get('cache-control'), 'private, no-store')
  assert.equal(status.headers.get('x-robots-tag'), 'noindex')
  assert.match(c.lastBody, /Stand: bestellt/)
  const withdrawn = await c.post(`${location}/withdraw`, {})
  assert.equal(withdrawn.status, 303)
  await c.get(location)
  assert.match(c.lastBody, /Stand: zurückgezogen/)
  assert.equal((await c.get('/orders/status/not-a-real-token-at-all-xyz')).status, 404)
})
