import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { createTestApp, linkIn, type TestApp } from '../../test/support/app.ts'
import { TestClient } from '../../test/support/client.ts'
import { type Cooperative, password, seedCooperative } from '../../test/support/factories.ts'
import { verifyAuditChain } from '../platform/audit.ts'

let t: TestApp
let coop: Cooperative
before(async () => {
  t = await createTestApp()
  coop = await seedCooperative(t.deps)
})
after(() => t.close())

async function snapshot() {
  const db = t.deps.db
  const n = async (table: 'organisation' | 'person' | 'affiliation' | 'audit_entry' | 'account') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )
  return {
    organisation: await n('organisation'),
    person: await n('person'),
    affiliation: await n('affiliation'),
    audit: await n('audit_entry'),
    account: await n('account'),
  }
}

const validOrg = {
  name: 'Neue Initiative e.V.',
  legalForm: 'ev',
  street: 'Weg 1',
  postalCode: '10115',
  city: 'Berlin',
  country: 'DE',
  email: '',
  phone: '',
  website: '',
  vatId: '',
  leitwegId: '',
  iban: '',
  employees: '3',
  volunteers: '10',
  annualBudgetCents: '12.500,50',
}

test('staff create an organisation; the journal records it with the data', async () => {
  const c = new TestClient(t)
  await c.signIn(coop.staff.email, password)
  await c.get('/organisations/new')
  const res = await c.post('/organisations', validOrg)
  assert.equal(res.status, 303)
  const id = res.headers.get('location')!.split('/').pop()!
  const org = await t.deps.db.selectFrom('organisation').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
  assert.equal(org.annual_budget_cents, 1_250_050)
  assert.match(org.ref, /^O-\d{5}$/)
  const entry = await t.deps.db
    .selectFrom('audit_entry')
    .selectAll()
    .where('subject_id', '=', id)
    .executeTakeFirstOrThrow()
  assert.equal(entry.action, 'organisation.created')
  assert.equal(entry.actor_label, coop.staff.email)
  assert.equal((entry.after as { name: string }).name, 'Neue Initiative e.V.')
})

test('bad input gets a message at the field and changes nothing', async () => {
  const c = new TestClient(t)
  await c.signIn(coop.staff.email, password)
  await c.get('/organisations/new')
  const before = await snapshot()
  const res = await c.post('/organisations', {
    ...validOrg,
    name: '',
    postalCode: '123',
    vatId: 'DE136695977',
    iban: 'DE00 1234',
    email: 'not-an-email',
    employees: '-4',
    leitwegId: '123',
  })
  assert.equal(res.status, 422)
  const body = c.lastBody
  assert.match(body, /id="f-name-error"[^>]*>Bitte ausfüllen/)
  assert.match(body, /id="f-postalCode-error"[^>]*>Bitte eine gültige Postleitzahl/)
  assert.match(body, /id="f-vatId-error"[^>]*>Die Prüfziffer dieser USt-IdNr/)
  assert.match(body, /id="f-iban-error"[^>]*>Diese IBAN ist ungültig/)
  assert.match(body, /id="f-email-error"[^>]*>Bitte eine gültige E-Mail-Adresse/)
  assert.match(body, /id="f-employees-error"/)
  assert.match(body, /id="f-leitwegId-error"/)
  assert.match(body, /aria-invalid="true"/)
  assert.match(body, /value="not-an-email"/, 'what was typed is kept')
  assert.deepEqual(await snapshot(), before)
})

test('hostile input: script tags are stored as text and shown escaped; SQL fragments are just text', async () => {
  const c = new TestClient(t)
  await c.signIn(coop.staff.email, password)
  await c.get('/organisations/new')
  const res = await c.post('/organisations', {
    ...validOrg,
    name: `<script>alert(1)</script>'; DROP TABLE organisation; --`,
  })
  assert.equal(res.status, 303)
  await c.get(res.headers.get('location')!)
  assert.ok(!c.lastBody.includes('<script>alert(1)</script>'))
  assert.match(c.lastBody, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/)
  assert.ok((await snapshot()).organisation >= 3, 'the table is still there')
})

test('oversized bodies (10 MB) are refused with 413, invalid UTF-8 with 400, nothing changes', async () => {
  const c = new TestClient(t)
  await c.signIn(coop.staff.email, password)
  await c.get('/organisations/new')
  const before = await snapshot()
  const big = await c.post('/organisations', { ...validOrg, name: 'x'.repeat(10 * 1024 * 1024) })
  assert.equal(big.status, 413)
  const raw = `_csrf=${c.csrf}&name=%FF%FE&legalForm=ev`
  const bad = await c.request('/organisations', {
    method: 'POST',
    body: raw,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  })
  assert.equal(bad.status, 400)
  assert.match(await bad.text(), /kein gültiges UTF-8/)
  const bytes = new Uint8Array([...Buffer.from(`_csrf=${c.csrf}&name=`), 0xc3, 0x28])
  const badBytes = await c.request('/organisations', {
    method: 'POST',
    body: bytes,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  })
  assert.equal(badBytes.status, 400)
  const tooLong = await c.post('/organisations', { ...validOrg, name: 'y'.repeat(201) })
  assert.equal(tooLong.status, 422)
  assert.match(c.lastBody, /Höchstens 200 Zeichen/)
  const control = await c.post('/organisations', { ...validOrg, name: 'a\u0000b' })
  assert.equal(control.status, 422)
  assert.deepEqual(await snapshot(), before)
})

test('an org admin edits only their own organisation; others are denied without learning anything', async () => {
  const c = new TestClient(t)
  await c.signIn(coop.orgA.admin.email, password)
  assert.equal((await c.get(`/organisations/${coop.orgA.id}`)).status, 200)
  assert.equal((await c.get(`/organisations/${coop.orgB.id}`)).status, 404)
  await c.get(`/organisations/${coop.orgA.id}/edit`)
  const own = await c.post(`/organisations/${coop.orgA.id}`, { ...validOrg, name: 'Org A e.V. (neu)' })
  assert.equal(own.status, 303)
  const before = await snapshot()
  const other = await c.post(`/organisations/${coop.orgB.id}`, { ...validOrg, name: 'taken over' })
  assert.equal(other.status, 404)
  assert.equal((await c.get('/organisations/not-a-uuid')).status, 404)
  assert.deepEqual(await snapshot(), before)
  const list = await c.get('/organisations')
  assert.equal(list.status, 200)
  assert.ok(c.lastBody.includes('Org A e.V. (neu)'))
  assert.ok(!c.lastBody.includes('Org B gGmbH'))
})

test('org admin invites a person, who sets a password and signs in; roles change; last admin is kept', async () => {
  const admin = new TestClient(t)
  await admin.signIn(coop.orgA.admin.email, password)
  await admin.get(`/organisations/${coop.orgA.id}`)
  const invalid = await admin.post(`/organisations/${coop.orgA.id}/invitations`, {
    email: 'nope',
    givenName: '',
    familyName: 'X',
    functions: ['member_user'],
  })
  assert.equal(invalid.status, 422)
  assert.match(admin.lastBody, /id="f-email-error"/)
  const res = await admin.post(`/organisations/${coop.orgA.id}/invitations`, {
    email: 'neu@a.test',
    givenName: 'Nora',
    familyName: 'Neu',
    functions: ['member_user', 'technical_contact'],
  })
  assert.equal(res.status, 303)
  const mail = (await t.flushMail()).find((m) => m.to === 'neu@a.test')
  assert.ok(mail, 'invitation mailed')
  assert.match(mail.subject, /Einladung zu Org A/)
  const link = new URL(linkIn(mail))

  const invited = new TestClient(t)
  await invited.get(link.pathname + link.search)
  assert.match(invited.lastBody, /Lege ein Passwort für neu@a.test fest/)
  const accepted = await invited.post('/invite', {
    token: link.searchParams.get('token')!,
    password: 'nora sets a good one',
    passwordConfirm: 'nora sets a good one',
  })
  assert.equal(accepted.status, 303)
  assert.equal((await invited.get('/')).status, 200)
  assert.match(invited.lastBody, /Org A e.V./)
  await invited.post('/logout', {})
  assert.equal((await invited.signIn('neu@a.test', 'nora sets a good one')).status, 303)

  const person = await t.deps.db
    .selectFrom('person')
    .select('id')
    .where('email', '=', 'neu@a.test')
    .executeTakeFirstOrThrow()
  await admin.get(`/organisations/${coop.orgA.id}`)
  assert.equal(
    (await admin.post(`/organisations/${coop.orgA.id}/people/${person.id}`, { functions: ['admin'] })).status,
    303,
  )
  const fns = await t.deps.db.selectFrom('affiliation').select('function').where('person_id', '=', person.id).execute()
  assert.deepEqual(
    fns.map((f) => f.function),
    ['admin'],
  )
  // Removing themselves is fine now that Nora is admin; Nora cannot then remove herself as the last admin.
  assert.equal(
    (await admin.post(`/organisations/${coop.orgA.id}/people/${coop.orgA.admin.personId}/remove`, {})).status,
    303,
  )
  const nora = new TestClient(t)
  await nora.signIn('neu@a.test', 'nora sets a good one')
  await nora.get(`/organisations/${coop.orgA.id}`)
  const before = await snapshot()
  await nora.post(`/organisations/${coop.orgA.id}/people/${person.id}/remove`, {})
  assert.deepEqual(await snapshot(), before)
  const page = await nora.get(`/organisations/${coop.orgA.id}`)
  assert.equal(page.status, 200)
  assert.match(nora.lastBody, /mindestens einen Org-Admin/)
  // And the org admin of A cannot manage B's people.
  const foreign = await nora.post(`/organisations/${coop.orgB.id}/invitations`, {
    email: 'x@b.test',
    givenName: 'X',
    familyName: 'Y',
    functions: ['admin'],
  })
  assert.equal(foreign.status, 404)
  assert.equal((await verifyAuditChain(t.deps.db)).ok, true)
})

test('member users see their organisation but cannot manage it; org admins see its journal', async () => {
  const user = new TestClient(t)
  await user.signIn(coop.orgB.user.email, password)
  await user.get(`/organisations/${coop.orgB.id}`)
  assert.ok(!user.lastBody.includes('Einladung senden'))
  assert.equal((await user.get(`/journal?organisationId=${coop.orgB.id}`)).status, 403)
  const admin = new TestClient(t)
  await admin.signIn(coop.orgB.admin.email, password)
  assert.equal((await admin.get(`/journal?organisationId=${coop.orgB.id}`)).status, 200)
  assert.match(admin.lastBody, /organisation.created/)
  assert.equal((await admin.get(`/journal?organisationId=${coop.orgA.id}`)).status, 403)
  const all = await admin.get('/journal')
  assert.equal(all.status, 200)
  assert.ok(!admin.lastBody.includes('Org A'), 'only entries about their own organisation')
})
