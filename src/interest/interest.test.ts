/**
 * The interest list through the pages: double opt-in (the link shows a button, only the POST confirms), the
 * consent record, the unsubscribe link and headers in every mail, one-click unsubscribe from a mail client
 * without cookie or CSRF token, answers that never reveal who is on the list, limits, and the staff export.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { sql } from 'kysely'
import { createTestApp, type TestApp } from '../../test/support/app.ts'
import { signedInClient, TestClient } from '../../test/support/client.ts'
import { type Cooperative, password, seedCooperative } from '../../test/support/factories.ts'
import { fixedClock } from '../platform/clock.ts'

const clock = fixedClock(new Date('2026-02-10T09:00:00Z'))
let t: TestApp
let coop: Cooperative

before(async () => {
  t = await createTestApp({ clock, config: { trustProxy: true } })
  coop = await seedCooperative(t.deps)
})
after(() => t.close())

let ips = 0
function visitor(): TestClient {
  const c = new TestClient(t)
  c.ip = `203.0.113.${++ips}`
  return c
}

async function outboxTo(email: string) {
  return t.deps.db
    .selectFrom('mail_outbox')
    .select(['subject', 'body', 'headers'])
    .where('recipient', '=', email)
    .orderBy('id')
    .execute()
}

function link(body: string, path: string): string {
  const match = new RegExp(`(https?://[^\\s]+${path}/[\\w-]+)`).exec(body)
  assert.ok(match, `a ${path} link in: ${body}`)
  return new URL(match[1]!).pathname
}

async function signUp(c: TestClient, fields: Record<string, string>) {
  await c.get('/interest')
  return c.post('/interest', { consent: 'on', ...fields })
}

async function snapshot() {
  const counts: Record<string, number> = {}
  for (const table of ['interest_subscription', 'interest_request', 'audit_entry', 'mail_outbox']) {
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(t.deps.db)
    counts[table] = rows[0]!.n
  }
  const rows = await t.deps.db.selectFrom('interest_subscription').selectAll().orderBy('id').execute()
  return JSON.stringify({ counts, rows })
}

test('the form shows the consent text and what happens with the data', async () => {
  const c = visitor()
  const res = await c.get('/interest')
  assert.equal(res.status, 200)
  assert.match(c.lastBody, /<h1>Informiert bleiben<\/h1>/)
  assert.match(c.lastBody, /Art\. 6 Abs\. 1 lit\. a DSGVO/)
  assert.match(c.lastBody, /jederzeit widerrufen/)
  assert.match(c.lastBody, /name="consent"/)
})

test('double opt-in: the link shows a button, only the POST confirms; the record keeps the consent as shown', async () => {
  const c = visitor()
  const res = await signUp(c, { email: 'Jana@Verein.test', name: 'Jana', organisation: 'Klimabündnis e.V.' })
  assert.equal(res.status, 303)
  assert.equal(res.headers.get('location'), '/interest/sent')
  const [mail] = await outboxTo('Jana@Verein.test')
  assert.ok(mail)
  assert.match(mail.subject, /^Bitte bestätigen/)
  const headers = mail.headers as Record<string, string>
  assert.match(headers['List-Unsubscribe'] ?? '', /^<http:\/\/localhost:3000\/interest\/unsubscribe\/[\w-]+>$/)
  assert.equal(headers['List-Unsubscribe-Post'], 'List-Unsubscribe=One-Click')
  const confirmPath = link(mail.body, '/interest/confirm')
  // a mail scanner following the link confirms nothing
  const scanner = new TestClient(t)
  const shown = await scanner.get(confirmPath)
  assert.equal(shown.status, 200)
  assert.equal(shown.headers.get('cache-control'), 'private, no-store')
  assert.equal(shown.headers.get('x-robots-tag'), 'noindex')
  assert.match(scanner.lastBody, /Ja, eintragen/)
  let row = await t.deps.db.selectFrom('interest_subscription').selectAll().executeTakeFirstOrThrow()
  assert.equal(row.status, 'pending')
  assert.equal(row.consent_ip, c.ip)
  assert.match(row.consent_text, /^Ich möchte per E-Mail über die Gründung/)
  assert.equal(row.consent_version.length, 16)
  const confirmed = await scanner.post(confirmPath, {})
  assert.equal(confirmed.status, 200)
  assert.match(scanner.lastBody, /Du bist eingetragen/)
  row = await t.deps.db.selectFrom('interest_subscription').selectAll().executeTakeFirstOrThrow()
  assert.equal(row.status, 'confirmed')
  assert.ok(row.confirmed_at)
  assert.equal(row.confirm_token_hash, null)
  // the link works once
  assert.equal((await scanner.get(confirmPath)).status, 404)
  const welcome = (await outboxTo('Jana@Verein.test'))[1]!
  assert.match(welcome.subject, /^Du bleibst informiert/)
  assert.match((welcome.headers as Record<string, string>)['List-Unsubscribe'] ?? '', /\/interest\/unsubscribe\//)
  assert.ok(welcome.body.includes(link(welcome.body, '/interest/unsubscribe')))
  const journal = await t.deps.db
    .selectFrom('audit_entry')
    .select(['action', 'actor_label', 'after'])
    .where('subject_id', '=', row.id)
    .orderBy('seq')
    .execute()
  assert.deepEqual(
    journal.map((j) => j.action),
    ['interest.requested', 'interest.confirmed'],
  )
  assert.ok(!JSON.stringify(journal).includes('Verein.test'), 'the journal names nobody')
})

test('one click from a mail client: a POST without cookie or CSRF token unsubscribes at once', async () => {
  const c = visitor()
  await signUp(c, { email: 'klick@verein.test', name: 'Kim' })
  const confirmPath = link((await outboxTo('klick@verein.test'))[0]!.body, '/interest/confirm')
  await c.post(confirmPath, {})
  const welcome = (await outboxTo('klick@verein.test'))[1]!
  const url = /<([^>]+)>/.exec((welcome.headers as Record<string, string>)['List-Unsubscribe']!)![1]!
  const path = new URL(url).pathname
  // the page behind the link has one button and changes nothing by itself
  const page = new TestClient(t)
  await page.get(path)
  assert.match(page.lastBody, /Möchtest du keine Nachrichten mehr an klick@verein\.test bekommen\?/)
  assert.equal(
    (
      await t.deps.db
        .selectFrom('interest_subscription')
        .select('status')
        .where('email', '=', 'klick@verein.test')
        .executeTakeFirstOrThrow()
    ).status,
    'confirmed',
  )
  // what a mail client sends (RFC 8058): no cookie, no token, just this body
  const res = await t.app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'List-Unsubscribe=One-Click',
  })
  assert.equal(res.status, 200)
  const row = await t.deps.db
    .selectFrom('interest_subscription')
    .selectAll()
    .where('email', '=', 'klick@verein.test')
    .executeTakeFirstOrThrow()
  assert.equal(row.status, 'unsubscribed')
  assert.ok(row.unsubscribed_at)
  assert.equal(row.name, null, 'the name is erased')
  assert.ok(row.consent_text, 'the consent record stays as proof')
  // a second click changes nothing; the exemption covers only this path
  assert.equal((await t.app.request(path, { method: 'POST', body: 'List-Unsubscribe=One-Click' })).status, 200)
  const other = await t.app.request('/interest', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'email=x%40y.test&consent=on',
  })
  assert.equal(other.status, 403, 'every other form still needs its CSRF token')
  // signing up again starts a new consent in a new row
  await signUp(visitor(), { email: 'klick@verein.test' })
  const rows = await t.deps.db
    .selectFrom('interest_subscription')
    .select('status')
    .where('email', '=', 'klick@verein.test')
    .orderBy('created_at')
    .execute()
  assert.deepEqual(
    rows.map((r) => r.status),
    ['unsubscribed', 'pending'],
  )
})

test('the answer never reveals whether an address is on the list; a confirmed one gets no mail', async () => {
  const first = visitor()
  await signUp(first, { email: 'still@verein.test' })
  await first.post(link((await outboxTo('still@verein.test'))[0]!.body, '/interest/confirm'), {})
  const mailsBefore = (await outboxTo('still@verein.test')).length
  const known = await signUp(visitor(), { email: 'still@verein.test' })
  const unknown = await signUp(visitor(), { email: 'new-one@verein.test' })
  assert.equal(known.status, unknown.status)
  assert.equal(known.headers.get('location'), unknown.headers.get('location'))
  assert.equal((await outboxTo('still@verein.test')).length, mailsBefore)
  // a pending address gets a fresh link; the older one stops working
  const old = link((await outboxTo('new-one@verein.test'))[0]!.body, '/interest/confirm')
  await signUp(visitor(), { email: 'new-one@verein.test' })
  const fresh = link((await outboxTo('new-one@verein.test'))[1]!.body, '/interest/confirm')
  assert.notEqual(old, fresh)
  assert.equal((await visitor().get(old)).status, 404)
  assert.equal((await visitor().get(fresh)).status, 200)
})

test('bad input changes nothing: no consent, a bad email; the limits per address and per email', async () => {
  const c = visitor()
  await c.get('/interest')
  let before = await snapshot()
  const noConsent = await c.post('/interest', { email: 'a@b.test' })
  assert.equal(noConsent.status, 422)
  assert.match(c.lastBody, /ohne diese Einwilligung dürfen wir dir nicht schreiben/)
  const badEmail = await c.post('/interest', { email: 'not-an-address', consent: 'on' })
  assert.equal(badEmail.status, 422)
  assert.match(c.lastBody, /gültige E-Mail-Adresse/)
  assert.equal(await snapshot(), before)
  // five from one address within the hour, then a clear message and nothing stored
  const busy = visitor()
  for (let i = 0; i < 5; i++) assert.equal((await signUp(busy, { email: `many${i}@verein.test` })).status, 303)
  before = await snapshot()
  const sixth = await signUp(busy, { email: 'many5@verein.test' })
  assert.equal(sixth.status, 429)
  assert.match(busy.lastBody, /schon mehrere Anmeldungen/)
  assert.equal(await snapshot(), before)
  // three for one email within the hour, from wherever
  for (let i = 0; i < 3; i++) await signUp(visitor(), { email: 'target@verein.test' })
  before = await snapshot()
  assert.equal((await signUp(visitor(), { email: 'TARGET@verein.test' })).status, 429)
  assert.equal(await snapshot(), before)
})

test('staff see the counts and export the confirmed for listmonk, journaled; expired requests are never exported', async () => {
  // an unconfirmed request from eight days ago has expired: removed by the next sign-up, never exported
  clock.set(new Date('2026-02-01T09:00:00Z'))
  await signUp(visitor(), { email: 'expired@verein.test' })
  clock.set(new Date('2026-02-10T09:00:00Z'))
  await signUp(visitor(), { email: 'fresh@verein.test' })
  assert.equal(
    (
      await t.deps.db
        .selectFrom('interest_subscription')
        .select('id')
        .where('email', '=', 'expired@verein.test')
        .execute()
    ).length,
    0,
  )
  const staff = await signedInClient(t, coop.staff.email, password)
  const res = await staff.get('/interest/manage')
  assert.equal(res.status, 200)
  const confirmed = await t.deps.db
    .selectFrom('interest_subscription')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('status', '=', 'confirmed')
    .executeTakeFirstOrThrow()
  assert.match(staff.lastBody, new RegExp(`data-count="confirmed">${confirmed.n}<`))
  assert.match(
    staff.lastBody,
    /<svg class="interest-chart"[^>]*role="img" aria-label="Bestätigte Eintragungen je Monat[^"]*2026-02: 2/,
  )
  const csv = await staff.get('/interest/export.csv')
  assert.equal(csv.status, 200)
  assert.match(csv.headers.get('content-disposition') ?? '', /attachment; filename="interessenliste-2026-02-10\.csv"/)
  const lines = (await csv.text()).split('\r\n')
  assert.equal(lines[0], 'email,name,attributes')
  assert.equal(lines.length - 2, confirmed.n)
  const jana = lines.find((l) => l.startsWith('Jana@Verein.test,'))
  assert.ok(jana)
  assert.match(
    jana,
    /^Jana@Verein\.test,Jana,"\{""organisation"":""Klimabündnis e\.V\."",""language"":""de"",""consented_at"":""2026-02-10T09:00:00\.000Z""/,
  )
  assert.ok(!lines.some((l) => /fresh@|expired@|klick@/.test(l)), 'pending, expired and unsubscribed stay out')
  const entry = await t.deps.db
    .selectFrom('audit_entry')
    .select(['actor_label', 'after'])
    .where('action', '=', 'interest.exported')
    .executeTakeFirstOrThrow()
  assert.equal(entry.actor_label, coop.staff.email)
  assert.equal((entry.after as { count: number }).count, confirmed.n)
  // not for everyone
  const outsider = await signedInClient(t, coop.outsider.email, password)
  assert.equal((await outsider.get('/interest/export.csv')).status, 403)
  assert.equal((await outsider.get('/interest/manage')).status, 403)
})
