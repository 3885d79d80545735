import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { createTestApp, type TestApp } from '../../test/support/app.ts'
import { bookArea, openCatalog } from '../../test/support/bookings.ts'
import { signedInClient } from '../../test/support/client.ts'
import { type Cooperative, password, seedCooperative } from '../../test/support/factories.ts'
import { admitOrganisationsAB } from '../../test/support/members.ts'
import { ledgerSummary } from '../capital/ledger.actions.ts'
import { fixedClock } from '../platform/clock.ts'
import type { Member } from './members.model.ts'

const clock = fixedClock(new Date('2026-03-10T10:00:00Z'))
let t: TestApp
let coop: Cooperative
let memberA: Member
let memberB: Member

before(async () => {
  t = await createTestApp({ clock })
  coop = await seedCooperative(t.deps)
  ;({ memberA, memberB } = await admitOrganisationsAB(t.deps, coop))
  // each books the area it wanted on joining: its share is mandatory while the area runs
  await openCatalog(t.deps)
  await bookArea(t.deps, coop.orgA.id)
  await bookArea(t.deps, coop.orgB.id)
})
after(() => t.close())

const signedIn = (email: string) => signedInClient(t, email, password)

/** The text of an element marked with data-testid, tags stripped. */
function testId(body: string, id: string): string {
  const match = new RegExp(`data-testid="${id}"[^>]*>([\\s\\S]*?)</`).exec(body)
  assert.ok(match, `no element ${id}`)
  return match[1]!.replace(/<[^>]*>/g, '').trim()
}

test("the organisation's admin sees its membership with the share counts of the ledger", async () => {
  const c = await signedIn(coop.orgA.admin.email)
  const res = await c.get('/membership')
  assert.equal(res.status, 200)
  const body = c.lastBody
  assert.match(body, new RegExp(memberA.number))
  const ledger = await ledgerSummary(t.deps.db, memberA.id, '2026-03-10')
  assert.equal(ledger.sharesNow, 3)
  assert.equal(testId(body, 'shares-now'), '3')
  // one small-tier share and one for the booked area are mandatory; the third was declared voluntarily
  assert.equal(testId(body, 'shares-mandatory'), '2')
  assert.equal(testId(body, 'shares-voluntary'), '1')
  assert.equal(testId(body, 'paid-in'), '0,00\u00a0€')
  assert.match(body, /<svg class="capital-bar"[^>]*role="img"/)
  assert.match(body, /Mitgliedschaft kündigen/)
  assert.match(body, /Weitere Anteile zeichnen/)
  // the board's forms are not for members
  assert.doesNotMatch(body, /Zahlungseingang buchen/)
  assert.doesNotMatch(body, /Stornieren/)
  // the same page under its own address
  const direct = await c.get(`/members/${memberA.id}`)
  assert.equal(direct.status, 200)
  assert.equal(testId(c.lastBody, 'shares-now'), '3')
})

test("another organisation's admin gets not found, for the page and the documents", async () => {
  const c = await signedIn(coop.orgB.admin.email)
  for (const path of [
    `/members/${memberA.id}`,
    `/members/${memberA.id}/certificate.pdf`,
    `/members/${memberA.id}/statement.pdf?year=2026`,
    `/members/${memberA.id}/register-extract.pdf`,
    `/members/${memberA.id}/declaration.pdf`,
  ]) {
    const res = await c.get(path)
    assert.equal(res.status, 404, path)
  }
  const before = await t.deps.db.selectFrom('member').select('exit_on').where('id', '=', memberA.id).executeTakeFirst()
  await c.get('/membership')
  const res = await c.post(`/members/${memberA.id}/notice`, { exitOn: '' })
  assert.equal(res.status, 404)
  const afterwards = await t.deps.db
    .selectFrom('member')
    .select('exit_on')
    .where('id', '=', memberA.id)
    .executeTakeFirst()
  assert.deepEqual(afterwards, before)
  // a member user of the organisation itself does not see the membership either
  const user = await signedIn(coop.orgA.user.email)
  assert.equal((await user.get(`/members/${memberA.id}`)).status, 403)
})

test('the documents are PDFs with readable file names', async () => {
  const c = await signedIn(coop.orgA.admin.email)
  const cases: Array<[string, RegExp]> = [
    [`/members/${memberA.id}/certificate.pdf`, new RegExp(`filename="Anteilsbescheinigung-${memberA.number}\\.pdf"`)],
    [`/members/${memberA.id}/statement.pdf?year=2026`, new RegExp(`Kontoauszug-${memberA.number}-2026\\.pdf`)],
    [`/members/${memberA.id}/register-extract.pdf`, new RegExp(`Mitgliederliste-Auszug-${memberA.number}\\.pdf`)],
    [
      `/members/${memberA.id}/declaration.pdf`,
      /filename="Beitrittserklaerung-M-\d{5}\.pdf"; filename\*=UTF-8''Beitrittserkl%C3%A4rung/,
    ],
  ]
  for (const [path, name] of cases) {
    const res = await c.request(path)
    assert.equal(res.status, 200, path)
    assert.equal(res.headers.get('content-type'), 'application/pdf')
    assert.match(res.headers.get('content-disposition') ?? '', name)
    const bytes = Buffer.from(await res.arrayBuffer())
    assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-', path)
  }
  const english = await c.request(`/members/${memberA.id}/certificate.pdf`, { headers: { 'accept-language': 'en' } })
  assert.equal(english.status, 200)
  assert.equal((await c.get(`/members/${memberA.id}/statement.pdf?year=20x6`)).status, 400)
  assert.equal((await c.get(`/members/${memberA.id}/statement.pdf?year=2019`)).status, 404)
})

test('extra shares need every share but the last paid first: a message at the field, nothing stored', async () => {
  const c = await signedIn(coop.orgA.admin.email)
  await c.get(`/members/${memberA.id}`)
  const count = async () =>
    (await t.deps.db.selectFrom('membership_application').select('id').where('kind', '=', 'extra_shares').execute())
      .length
  const res = await c.post(`/members/${memberA.id}/shares/declare`, { shares: '1', consent: 'on' })
  assert.equal(res.status, 422)
  assert.match(c.lastBody, /id="f-shares-error"/)
  assert.match(c.lastBody, /erst möglich, wenn die bisherigen/)
  const without = await c.post(`/members/${memberA.id}/shares/declare`, { shares: '1' })
  assert.equal(without.status, 422)
  assert.match(c.lastBody, /id="f-consent-error"/)
  assert.match(c.lastBody, /ohne diese Zustimmung kann die Erklärung nicht abgegeben werden/)
  assert.equal(await count(), 0)
})

test('voluntary shares are cancelled to the end of the fiscal year after the notice period', async () => {
  const c = await signedIn(coop.orgB.admin.email)
  await c.get(`/members/${memberB.id}`)
  assert.match(c.lastBody, /Freiwillige Anteile kündigen/)
  const tooMany = await c.post(`/members/${memberB.id}/shares/cancel`, { cancelShares: '2' })
  assert.equal(tooMany.status, 409)
  assert.match(c.lastBody, /Pflichtanteile müssen bleiben/)
  const res = await c.post(`/members/${memberB.id}/shares/cancel`, { cancelShares: '1' })
  assert.equal(res.status, 303)
  const page = await c.get(res.headers.get('location')!)
  assert.equal(page.status, 200)
  assert.match(c.lastBody, /1 freiwillige Anteile gekündigt, wirksam zum 31\.12\.2026/)
  const ledger = await ledgerSummary(t.deps.db, memberB.id, '2026-03-10')
  assert.equal(ledger.sharesNow, 3)
  assert.equal(ledger.sharesTotal, 2)
})

test('notice on 1 September ends the membership on 31 December of the same year', async () => {
  clock.set(new Date('2026-09-01T09:00:00Z'))
  const c = await signedIn(coop.orgA.admin.email)
  await c.get(`/members/${memberA.id}`)
  assert.equal(testId(c.lastBody, 'notice-earliest'), '31.12.2026')
  assert.equal(testId(c.lastBody, 'notice-payout'), '30.06.2027')
  // a later fiscal-year end may be chosen instead
  assert.match(c.lastBody, /<option value="2027-12-31">/)
  const res = await c.post(`/members/${memberA.id}/notice`, { exitOn: '2026-12-31' })
  assert.equal(res.status, 303)
  await c.get(`/members/${memberA.id}`)
  assert.match(c.lastBody, /Gekündigt zum 31\.12\.2026\. Das Geschäftsguthaben wird bis 30\.06\.2027 ausgezahlt\./)
  assert.match(c.lastBody, /gekündigt zum 31\.12\.2026, Auszahlung bis 30\.06\.2027/)
  assert.doesNotMatch(c.lastBody, /Kündigung verbindlich erklären/)
  const row = await t.deps.db.selectFrom('member').selectAll().where('id', '=', memberA.id).executeTakeFirstOrThrow()
  assert.equal(row.exit_on, '2026-12-31')
  assert.equal(row.notice_given_on, '2026-09-01')
})

test('notice on 22 November is too late for this year: the end is 31 December of the next', async () => {
  clock.set(new Date('2026-11-22T09:00:00Z'))
  const c = await signedIn(coop.orgB.admin.email)
  await c.get(`/members/${memberB.id}`)
  assert.equal(testId(c.lastBody, 'notice-earliest'), '31.12.2027')
  assert.equal(testId(c.lastBody, 'notice-payout'), '30.06.2028')
  const bad = await c.post(`/members/${memberB.id}/notice`, { exitOn: '2027-06-30' })
  assert.equal(bad.status, 422)
  assert.match(c.lastBody, /id="f-exitOn-error"/)
  assert.match(c.lastBody, /wirkt nur zum Ende eines Geschäftsjahres nach Ablauf der Kündigungsfrist/)
  const res = await c.post(`/members/${memberB.id}/notice`, { exitOn: '' })
  assert.equal(res.status, 303)
  await c.get(`/members/${memberB.id}`)
  assert.match(c.lastBody, /gekündigt zum 31\.12\.2027, Auszahlung bis 30\.06\.2028/)

  // a second notice is refused with the reason, and nothing changes
  const before = await t.deps.db.selectFrom('member').selectAll().where('id', '=', memberB.id).executeTakeFirstOrThrow()
  const again = await c.post(`/members/${memberB.id}/notice`, { exitOn: '' })
  assert.equal(again.status, 409)
  assert.match(c.lastBody, /role="alert"/)
  assert.match(c.lastBody, /Die Mitgliedschaft ist nicht \(mehr\) aktiv; ihr Ende ist schon eingetragen\./)
  const afterwards = await t.deps.db
    .selectFrom('member')
    .selectAll()
    .where('id', '=', memberB.id)
    .executeTakeFirstOrThrow()
  assert.deepEqual(afterwards, before)
})

test('the board finds members by name and status and opens their page', async () => {
  const c = await signedIn(coop.board.email)
  await c.get('/members?q=org%20b')
  assert.match(c.lastBody, new RegExp(memberB.number))
  assert.doesNotMatch(c.lastBody, new RegExp(`>${memberA.number}<`))
  await c.get('/members?status=leaving')
  assert.match(c.lastBody, new RegExp(memberA.number))
  await c.get('/members?status=active')
  assert.match(c.lastBody, /Keine Mitglieder gefunden/)
  const page = await c.get(`/members/${memberB.id}`)
  assert.equal(page.status, 200)
  assert.match(c.lastBody, /Zahlungseingang buchen/)
  // an organisation's admin may not list the members
  const admin = await signedIn(coop.orgA.admin.email)
  assert.equal((await admin.get('/members')).status, 403)
  // the board has no membership of its own
  await c.get('/membership')
  assert.match(c.lastBody, /nicht Mitglied/)
})

test('the board records an exclusion; it ends the membership earlier than the notice did', async () => {
  const c = await signedIn(coop.board.email)
  await c.get(`/members/${memberB.id}`)
  assert.match(c.lastBody, /Ausscheiden eintragen/)
  const before = await t.deps.db.selectFrom('member').selectAll().where('id', '=', memberB.id).executeTakeFirstOrThrow()
  const noGrounds = await c.post(`/members/${memberB.id}/exit`, {
    exitReason: 'exclusion',
    exitEventOn: '2026-11-22',
    exitNote: '',
  })
  assert.equal(noGrounds.status, 422)
  assert.match(c.lastBody, /id="f-exitNote-error"/)
  const death = await c.post(`/members/${memberB.id}/exit`, {
    exitReason: 'death',
    exitEventOn: '2026-11-20',
    exitNote: '',
  })
  assert.equal(death.status, 422)
  assert.match(c.lastBody, /Tod kann nur bei persönlichen Mitgliedern eingetragen werden/)
  const future = await c.post(`/members/${memberB.id}/exit`, {
    exitReason: 'exclusion',
    exitEventOn: '2027-01-10',
    exitNote: 'x',
  })
  assert.equal(future.status, 422)
  assert.match(c.lastBody, /id="f-exitEventOn-error"/)
  assert.deepEqual(
    await t.deps.db.selectFrom('member').selectAll().where('id', '=', memberB.id).executeTakeFirstOrThrow(),
    before,
  )

  const res = await c.post(`/members/${memberB.id}/exit`, {
    exitReason: 'exclusion',
    exitEventOn: '22.11.2026',
    exitNote: 'Beiträge trotz Mahnung nicht gezahlt (§ 68 GenG)',
  })
  assert.equal(res.status, 303)
  await c.get(`/members/${memberB.id}`)
  assert.match(c.lastBody, /Eingetragen: Ausschluss \(§ 68 GenG\), Ausscheiden zum 31\.12\.2026\./)
  assert.match(c.lastBody, /scheidet aus zum 31\.12\.2026 \(Ausschluss \(§ 68 GenG\)\), Auszahlung bis 30\.06\.2027/)
  const row = await t.deps.db.selectFrom('member').selectAll().where('id', '=', memberB.id).executeTakeFirstOrThrow()
  assert.equal(row.exit_reason, 'exclusion')
  assert.equal(row.exit_on, '2026-12-31')

  // not for the members themselves
  const admin = await signedIn(coop.orgB.admin.email)
  await admin.get(`/members/${memberB.id}`)
  assert.doesNotMatch(admin.lastBody, /Ausscheiden eintragen/)
  assert.equal(
    (
      await admin.post(`/members/${memberB.id}/exit`, {
        exitReason: 'exclusion',
        exitEventOn: '2026-11-22',
        exitNote: 'x',
      })
    ).status,
    403,
  )
})
