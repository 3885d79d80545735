/**
 * The event pages: the public list and event page (seats in words, prices, no online link), registering through
 * the form with the member price for a signed-in member, the manage link (no-store, cancel), the staff pages
 * (create, edit with over-booking refused at the field, cancel), the attendee list and its CSV.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { createTestApp, type TestApp } from '../../test/support/app.ts'
import { signedInClient, TestClient } from '../../test/support/client.ts'
import { type Cooperative, password, seedCooperative } from '../../test/support/factories.ts'
import { admitMember } from '../../test/support/members.ts'
import { fixedClock } from '../platform/clock.ts'
import { eventsNow, register, scheduleEvent } from './events.testing.ts'

const clock = fixedClock(eventsNow)
let t: TestApp
let coop: Cooperative

before(async () => {
  t = await createTestApp({ clock, config: { trustProxy: true } })
  coop = await seedCooperative(t.deps)
  await admitMember(
    t.deps,
    { organisationName: 'Org A e.V.' },
    { organisationId: coop.orgA.id, effectiveOn: '2026-01-01' },
  )
})
after(() => t.close())

let ips = 0
function visitor(): TestClient {
  const c = new TestClient(t)
  c.ip = `203.0.113.${++ips}`
  return c
}

test('the public list and page: time in Berlin, seats in words, prices; the online link stays hidden', async () => {
  const event = await scheduleEvent(t.deps.db, t.deps, {
    kind: 'webinar',
    titleDe: 'Webinar Datenschutz im Verein',
    location: '',
    onlineUrl: 'https://video.coop.test/geheim-123',
    seats: 2,
    nonMemberPriceCents: 5_000,
  })
  await register(t.deps.db, t.deps, event.ref, { email: 'one@list.test' })
  const c = visitor()
  assert.equal((await c.get('/events')).status, 200)
  assert.match(c.lastBody, /Webinar Datenschutz im Verein/)
  assert.match(c.lastBody, /Mi\., 10\. Juni 2026, 18:00–20:00 Uhr/)
  assert.match(c.lastBody, /noch 1 Platz/)
  assert.match(c.lastBody, /Mitglieder: kostenlos · Nichtmitglieder: 59,50/)
  assert.ok(!c.lastBody.includes('geheim-123'), 'no online link on the public list')
  assert.equal((await c.get('/events?kind=workshop')).status, 200)
  assert.ok(!c.lastBody.includes('Webinar Datenschutz im Verein'), 'the filter by kind')
  await c.get(`/events/${event.ref}`)
  assert.ok(!c.lastBody.includes('geheim-123'), 'no online link on the public page')
  assert.match(c.lastBody, /Ohne Anmeldung im Portal gilt der Preis für Nichtmitglieder/)
  assert.match(c.lastBody, /Ich willige ein, dass Genossenschaft meinen Namen/)
  await register(t.deps.db, t.deps, event.ref, { email: 'two@list.test' })
  await c.get(`/events/${event.ref}`)
  assert.match(c.lastBody, /ausgebucht – Warteliste/)
  assert.match(c.lastBody, /Auf die Warteliste setzen/)
  assert.equal((await c.get('/events/VA-2026-999')).status, 404)
  assert.equal((await c.get('/events/nonsense')).status, 404)
})

test('registering through the form: the member price for a member organisation, then the manage link', async () => {
  const event = await scheduleEvent(t.deps.db, t.deps, {
    titleDe: 'Nextcloud-Training für Mitglieder',
    kind: 'training',
    seats: 5,
    memberPriceCents: 0,
    nonMemberPriceCents: 4_000,
    onlineUrl: 'https://video.coop.test/nextcloud-training',
  })
  const admin = await signedInClient(t, coop.orgA.admin.email, password)
  await admin.get(`/events/${event.ref}`)
  assert.match(admin.lastBody, /Org A e\.V\. – Mitglied: kostenlos/)
  assert.match(admin.lastBody, /mich selbst – kein Mitglied: 47,60/)
  const res = await admin.post(`/events/${event.ref}/register`, {
    name: 'Ada Admin',
    email: coop.orgA.admin.email,
    organisationId: coop.orgA.id,
    consent: 'on',
  })
  assert.equal(res.status, 303)
  const manage = res.headers.get('location') ?? ''
  assert.match(manage, /^\/events\/registrations\/[\w-]+$/)
  const page = await admin.get(manage)
  assert.equal(page.headers.get('cache-control'), 'private, no-store')
  assert.equal(page.headers.get('x-robots-tag'), 'noindex')
  assert.match(admin.lastBody, /Du bist angemeldet/)
  assert.match(admin.lastBody, /data-status="confirmed"/)
  assert.match(admin.lastBody, /kostenlos/)
  assert.match(admin.lastBody, /https:\/\/video\.coop\.test\/nextcloud-training/, 'the registered see the online link')
  const mails = await t.flushMail()
  const mail = mails.find((m) => m.to === coop.orgA.admin.email)
  assert.ok(mail)
  assert.match(mail.body, /\[Anhang: einladung\.ics\]/)
  assert.match(mail.body, /Online: https:\/\/video\.coop\.test\/nextcloud-training/)
  // the same email again: refused at the email field
  const twice = await admin.post(`/events/${event.ref}/register`, {
    name: 'Ada Admin',
    email: coop.orgA.admin.email.toUpperCase(),
    consent: 'on',
  })
  assert.equal(twice.status, 422)
  assert.match(admin.lastBody, /Mit dieser E-Mail-Adresse ist schon jemand für diese Veranstaltung angemeldet/)
  // cancelling through the manage link (the page posts with CSRF)
  await admin.get(manage)
  const cancelled = await admin.post(`${manage}/cancel`, {})
  assert.equal(cancelled.status, 303)
  await admin.get(manage)
  assert.match(admin.lastBody, /data-status="cancelled"/)
  assert.match(admin.lastBody, /Deine Anmeldung ist storniert/)
  assert.equal((await visitor().get('/events/registrations/unknown-token-aaaaaaaaaaaa')).status, 404)
})

test('an anonymous registration without consent or with a bad email is refused at the fields', async () => {
  const event = await scheduleEvent(t.deps.db, t.deps, { seats: 5 })
  const c = visitor()
  await c.get(`/events/${event.ref}`)
  const res = await c.post(`/events/${event.ref}/register`, { name: 'Kim', email: 'kim@', organisation: '' })
  assert.equal(res.status, 422)
  assert.match(c.lastBody, /gültige E-Mail-Adresse/)
  assert.match(c.lastBody, /ohne diese Einwilligung können wir die Anmeldung nicht bearbeiten/)
  assert.match(c.lastBody, /value="Kim"/, 'what was typed stays')
})

test('staff create, edit and cancel events; fewer seats than confirmed are refused at the field', async () => {
  const staff = await signedInClient(t, coop.staff.email, password)
  await staff.get('/events/new')
  const created = await staff.post('/events', {
    kind: 'workshop',
    titleDe: 'Workshop Passwort-Manager',
    titleEn: '',
    descriptionDe: 'Vaultwarden im Team.',
    descriptionEn: '',
    startsAt: '2026-07-02T17:00',
    endsAt: '2026-07-02T19:00',
    registrationClosesAt: '',
    location: 'Lindenstraße 12, Hamburg',
    onlineUrl: '',
    seats: '2',
    waitlistLimit: '',
    memberPriceCents: '0,00',
    nonMemberPriceCents: '25,00',
    vatPercent: '19',
  })
  assert.equal(created.status, 303, staff.lastBody.slice(0, 400))
  const row = await t.deps.db
    .selectFrom('event')
    .selectAll()
    .where('title_de', '=', 'Workshop Passwort-Manager')
    .executeTakeFirstOrThrow()
  assert.equal(row.starts_at.toISOString(), '2026-07-02T15:00:00.000Z')
  assert.equal(Number(row.non_member_price_cents), 2_500)
  await register(t.deps.db, t.deps, row.ref, { email: 'a@ws.test' })
  await register(t.deps.db, t.deps, row.ref, { email: 'b@ws.test' })
  await staff.get(`/events/${row.ref}/edit`)
  assert.match(staff.lastBody, /value="2026-07-02T17:00"/)
  const form = (overrides: Record<string, string>) => ({
    kind: 'workshop',
    titleDe: 'Workshop Passwort-Manager',
    startsAt: '2026-07-02T17:00',
    endsAt: '2026-07-02T19:00',
    location: 'Lindenstraße 12, Hamburg',
    seats: '2',
    memberPriceCents: '0',
    nonMemberPriceCents: '25,00',
    vatPercent: '19',
    ...overrides,
  })
  const fewer = await staff.post(`/events/${row.ref}`, form({ seats: '1' }))
  assert.equal(fewer.status, 422)
  assert.match(staff.lastBody, /würden die Veranstaltung überbuchen/)
  assert.match(staff.lastBody, /<a href="#f-seats">/)
  const backwards = await staff.post(`/events/${row.ref}`, form({ endsAt: '2026-07-02T16:00' }))
  assert.equal(backwards.status, 422)
  assert.match(staff.lastBody, /Das Ende muss nach dem Beginn liegen/)
  const skipped = await staff.post(
    `/events/${row.ref}`,
    form({ startsAt: '2027-03-28T02:30', endsAt: '2027-03-28T05:00' }),
  )
  assert.equal(skipped.status, 422)
  assert.match(staff.lastBody, /Umstellung auf Sommerzeit/)
  assert.equal((await staff.post(`/events/${row.ref}`, form({ seats: '4' }))).status, 303)
  // the attendee list and its CSV
  await staff.get(`/events/${row.ref}/attendees`)
  assert.match(staff.lastBody, /Angemeldet \(2 von 4 Plätzen\)/)
  const csv = await staff.get(`/events/${row.ref}/attendees.csv`)
  assert.equal(csv.status, 200)
  const bytes = Buffer.from(await csv.arrayBuffer())
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a UTF-8 byte order mark')
  const text = bytes.subarray(3).toString('utf8')
  assert.ok(text.startsWith('Nummer;Stand;Stelle;Name;E-Mail;'), text.slice(0, 80))
  assert.match(text, new RegExp(`${row.ref};angemeldet;;a;a@ws\\.test;;nein;29,75;`))
  // cancelling needs a reason, then everyone is told
  assert.equal((await staff.post(`/events/${row.ref}/cancel`, { reason: '' })).status, 422)
  await t.flushMail()
  assert.equal((await staff.post(`/events/${row.ref}/cancel`, { reason: 'Raum nicht verfügbar' })).status, 303)
  const told = (await t.flushMail()).filter((m) => m.subject.startsWith('Abgesagt:'))
  assert.deepEqual(told.map((m) => m.to).sort(), ['a@ws.test', 'b@ws.test'])
  assert.ok(told.every((m) => m.body.includes('[Anhang: absage.ics]')))
  await staff.get('/events/manage')
  assert.match(staff.lastBody, new RegExp(`${row.ref}</td>`))
  assert.match(staff.lastBody, /abgesagt/)
})

test('staff cancel one registration from the attendee list; the next on the waiting list moves up', async () => {
  const event = await scheduleEvent(t.deps.db, t.deps, { seats: 1 })
  const first = await register(t.deps.db, t.deps, event.ref, { email: 'first@list.test', name: 'Erste' })
  await register(t.deps.db, t.deps, event.ref, { email: 'second@list.test', name: 'Zweite' })
  const staff = await signedInClient(t, coop.staff.email, password)
  await staff.get(`/events/${event.ref}/attendees`)
  assert.match(staff.lastBody, /Warteliste \(1\)/)
  await t.flushMail()
  const res = await staff.post(`/events/${event.ref}/attendees/${first.registration.id}/cancel`, {})
  assert.equal(res.status, 303)
  await staff.get(`/events/${event.ref}/attendees`)
  assert.match(staff.lastBody, /Angemeldet \(1 von 1 Plätzen\)/)
  assert.match(staff.lastBody, /Warteliste \(0\)/)
  const mails = await t.flushMail()
  assert.match(mails.find((m) => m.to === 'first@list.test')?.body ?? '', /Das hat unser Team eingetragen/)
  assert.match(mails.find((m) => m.to === 'second@list.test')?.subject ?? '', /^Ein Platz ist frei/)
  const outsider = await signedInClient(t, coop.outsider.email, password)
  assert.equal((await outsider.get(`/events/${event.ref}/attendees`)).status, 403)
  assert.equal((await outsider.get('/events/manage')).status, 403)
})
