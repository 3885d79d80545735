import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { createTestApp, type TestApp } from '../../test/support/app.ts'
import { signedInClient, TestClient } from '../../test/support/client.ts'
import { type Cooperative, password, seedCooperative } from '../../test/support/factories.ts'
import { admitMember } from '../../test/support/members.ts'
import { recordPayment } from '../capital/ledger.actions.ts'
import { systemActor } from '../platform/actor.ts'
import { fixedClock } from '../platform/clock.ts'
import { approveApplication } from './admission.actions.ts'
import type { Member } from './members.model.ts'
import { csvCell } from './register-csv.ts'

const clock = fixedClock(new Date('2026-03-10T10:00:00Z'))
const board = systemActor('test')
let t: TestApp
let coop: Cooperative
let memberA: Member

before(async () => {
  t = await createTestApp({ clock })
  coop = await seedCooperative(t.deps)
  memberA = (await admitMember(t.deps, { organisationName: 'Org A e.V.' }, { organisationId: coop.orgA.id })).member
  // paid in full, then a fourth share declared (§15b GenG) and admitted on 1 June
  await t.deps.db
    .transaction()
    .execute((trx) =>
      recordPayment(
        trx,
        board,
        memberA.id,
        { amountCents: 30_000, receivedOn: '2026-03-10', reference: 'SEPA' },
        t.deps,
      ),
    )
  clock.set(new Date('2026-06-01T10:00:00Z'))
  const admin = new TestClient(t)
  await admin.signIn(coop.orgA.admin.email, password)
  await admin.get(`/members/${memberA.id}`)
  const declared = await admin.post(`/members/${memberA.id}/shares/declare`, { shares: '1', consent: 'on' })
  assert.equal(declared.status, 303)
  await admin.get(`/members/${memberA.id}`)
  assert.match(admin.lastBody, /über 1 weitere Anteile ist eingegangen/)
  assert.match(admin.lastBody, /wartet auf die Entscheidung des Vorstands/)
  const application = await t.deps.db
    .selectFrom('membership_application')
    .select('id')
    .where('kind', '=', 'extra_shares')
    .executeTakeFirstOrThrow()
  const result = await t.deps.db.transaction().execute((trx) => approveApplication(trx, board, application.id, t.deps))
  assert.equal(result.status, 'admitted')
})
after(() => t.close())

const signedIn = (email: string) => signedInClient(t, email, password)

function csvLine(csv: string, number: string): string[] {
  const line = csv.split('\r\n').find((l) => l.includes(number))
  assert.ok(line, `no line for ${number}`)
  return line.split(';')
}

test('the register CSV as of a date holds the shares of that date, not the later ones', async () => {
  const c = await signedIn(coop.board.email)
  const earlier = await c.request('/register.csv?at=2026-04-01')
  assert.equal(earlier.status, 200)
  assert.equal(earlier.headers.get('content-type'), 'text/csv; charset=utf-8')
  assert.match(
    earlier.headers.get('content-disposition') ?? '',
    /^attachment; filename="Mitgliederliste-2026-04-01\.csv"/,
  )
  const bytes = Buffer.from(await earlier.arrayBuffer())
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 byte order mark')
  const csv = bytes.toString('utf8').slice(1)
  assert.match(csv.split('\r\n')[0]!, /^Stand am;Mitgliedsnummer;Name;/)
  const row = csvLine(csv, memberA.number)
  assert.equal(row[0], '2026-04-01')
  assert.equal(row[2], 'Org A e.V.')
  assert.equal(row[5], '2026-03-10')
  assert.equal(row[6], '3')

  const later = await c.request('/register.csv?at=01.06.2026')
  assert.equal(later.status, 200)
  assert.equal(csvLine((await later.text()).replace(/^\uFEFF/, ''), memberA.number)[6], '4')

  const beforeJoining = await c.request('/register.csv?at=2026-03-09')
  assert.doesNotMatch(await beforeJoining.text(), new RegExp(memberA.number))
})

test('the register page shows the totals of the day and links the exports', async () => {
  const c = await signedIn(coop.supervisor.email)
  const res = await c.get('/register?at=2026-04-01')
  assert.equal(res.status, 200)
  assert.match(c.lastBody, /data-testid="total-members">\s*1\s*</)
  assert.match(c.lastBody, /data-testid="total-shares">\s*3\s*</)
  assert.match(c.lastBody, /data-testid="total-capital">\s*300,00\s€\s*</)
  assert.match(c.lastBody, /href="\/register\.csv\?at=2026-04-01"/)
  assert.match(c.lastBody, new RegExp(`href="/members/${memberA.id}">${memberA.number}<`))
  // the purge is the board's
  assert.doesNotMatch(c.lastBody, /action="\/register\/purge"/)
  await c.get('/register')
  assert.match(c.lastBody, /data-testid="total-shares">\s*4\s*</)

  const pdf = await c.request('/register.pdf?at=2026-06-01')
  assert.equal(pdf.status, 200)
  assert.equal(pdf.headers.get('content-type'), 'application/pdf')
  assert.match(pdf.headers.get('content-disposition') ?? '', /Mitgliederliste-2026-06-01\.pdf/)
  assert.equal(
    Buffer.from(await pdf.arrayBuffer())
      .subarray(0, 5)
      .toString('latin1'),
    '%PDF-',
  )
})

test('an invalid date is a 400 with a message, for the page and both exports', async () => {
  const c = await signedIn(coop.auditor.email)
  for (const path of ['/register?at=2026-02-30', '/register.csv?at=gestern', '/register.pdf?at=2026-13-01']) {
    const res = await c.get(path)
    assert.equal(res.status, 400, path)
    assert.equal(res.headers.get('content-type'), 'text/html; charset=UTF-8')
    assert.match(c.lastBody, /Kein gültiges Datum/, path)
    assert.match(c.lastBody, /id="f-at-error"/, path)
  }
})

test('only the register readers see the register', async () => {
  const admin = await signedIn(coop.orgA.admin.email)
  for (const path of ['/register', '/register.csv', '/register.pdf', '/register?at=kaputt'])
    assert.equal((await admin.get(path)).status, 403, path)
  const staff = await signedIn(coop.staff.email)
  assert.equal((await staff.get('/register')).status, 403)
  const anonymous = new TestClient(t)
  const res = await anonymous.get('/register.csv')
  assert.equal(res.status, 303)
  assert.match(res.headers.get('location') ?? '', /^\/login/)
})

test('the purge removes what the retention period no longer covers, and says for whom', async () => {
  const c = await signedIn(coop.board.email)
  await c.get('/register')
  const nothing = await c.post('/register/purge', {})
  assert.equal(nothing.status, 303)
  await c.get('/register')
  assert.match(c.lastBody, /Es sind keine Unterlagen zur Löschung fällig\./)

  const admin = await signedIn(coop.orgA.admin.email)
  await admin.get(`/members/${memberA.id}`)
  assert.equal((await admin.post(`/members/${memberA.id}/notice`, { exitOn: '' })).status, 303)
  assert.equal((await admin.request(`/members/${memberA.id}/declaration.pdf`)).status, 200)

  clock.set(new Date('2030-01-02T10:00:00Z'))
  const supervisor = await signedIn(coop.supervisor.email)
  await supervisor.get('/register')
  assert.equal((await supervisor.post('/register/purge', {})).status, 403)

  // four years later the board signs in afresh
  const later = await signedIn(coop.board.email)
  await later.get('/register')
  const res = await later.post('/register/purge', {})
  assert.equal(res.status, 303)
  await later.get('/register?at=2026-12-31')
  assert.match(later.lastBody, new RegExp(`Unterlagen gelöscht für: ${memberA.number}\\.`))
  // the register line stays
  assert.match(later.lastBody, new RegExp(memberA.number))
  const declaration = await t.deps.db.selectFrom('membership_declaration').select(['text', 'purged_at']).execute()
  assert.ok(declaration.every((d) => d.text === '' && d.purged_at !== null))
  assert.equal((await later.request(`/members/${memberA.id}/declaration.pdf`)).status, 404)
})

test('CSV cells are quoted by RFC 4180 and cannot start a formula', () => {
  assert.equal(csvCell('Org A e.V.'), 'Org A e.V.')
  assert.equal(csvCell('Weg 1; Hinterhaus'), '"Weg 1; Hinterhaus"')
  assert.equal(csvCell('Der "gute" Verein'), '"Der ""gute"" Verein"')
  assert.equal(csvCell('=HYPERLINK("http://x")'), `"'=HYPERLINK(""http://x"")"`)
  assert.equal(csvCell('-1'), "'-1")
  assert.equal(csvCell(null), '')
  assert.equal(csvCell(4), '4')
})
