import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { createTestApp, type TestApp } from '../../test/support/app.ts'
import { TestClient } from '../../test/support/client.ts'
import { type Cooperative, password, seedCooperative } from '../../test/support/factories.ts'
import { fixedClock } from '../platform/clock.ts'
import { listStatutes } from './statutes.actions.ts'
import { defaultStatutes } from './statutes.rules.ts'
import { parseStatutesForm, statutesFormValues } from './statutes.schema.ts'

const clock = fixedClock(new Date('2026-03-10T10:00:00Z'))
let t: TestApp
let coop: Cooperative
before(async () => {
  t = await createTestApp({ clock })
  coop = await seedCooperative(t.deps)
})
after(() => t.close())

async function versionCount() {
  return (await listStatutes(t.deps.db)).length
}

function errorAt(body: string, field: string): string | null {
  const match = new RegExp(`id="f-${field.replace(/\./g, '\\.')}-error"[^>]*>([^<]*)<`).exec(body)
  return match ? match[1]! : null
}

/** The form as the board would post it: the model statutes, six tier rows, from a given date. */
function form(overrides: Record<string, string> = {}, validFrom = '2026-07-01') {
  return { ...statutesFormValues(defaultStatutes, 6), validFrom, note: 'Beschluss der GV', ...overrides }
}

test('the statutes page shows the version in force as sentences, with the tier table and the versions', async () => {
  const res = await t.app.request('/statutes')
  assert.equal(res.status, 200)
  const body = await res.text()
  assert.match(body, /<h1>Satzung<\/h1>/)
  assert.match(body, /Ein Geschäftsanteil beträgt 100,00\s€\./)
  assert.match(body, /zusätzlich 1 Anteil je gebuchtem Primärleistungsbereich/)
  assert.match(body, /<td>mittel<\/td><td>10<\/td><td>500\.000,00\s€<\/td><td>2<\/td>/)
  assert.match(body, /mindestens 1 Anteil und höchstens 100 Anteile/)
  assert.match(body, /mindestens 10 % des Betrags/)
  assert.match(body, /in 3 gleichen Raten im Abstand von 12 Monaten/)
  assert.match(body, /mindestens 3 Monate vorher/)
  assert.match(body, /Das Geschäftsjahr ist das Kalenderjahr\./)
  assert.match(body, /haben aber kein Stimmrecht/)
  assert.match(body, /höchstens 2 Mitglieder vertreten/)
  assert.match(body, /die Zustimmung eines Vorstandsmitglieds genügt/)
  assert.match(body, /Mehrstimmrechte gibt es nicht \(§ 43 Abs\. 3 GenG\)\./)
  assert.match(body, /mindestens 10 % der Mitglieder ausmachen, können die Einberufung/)
  assert.match(body, /sieht die Satzung nicht vor/)
  assert.match(body, /mindestens 14 Tage vorher mit der Tagesordnung eingeladen/)
  assert.match(body, /nicht mindestens 7 Tage vorher angekündigt/)
  assert.match(body, /Mustersatzung \(Voreinstellung\)/)
  assert.doesNotMatch(body, /Neue Fassung beschließen/)
})

test('the board adopts a new version from a later date: announced now, in force from then', async () => {
  const board = new TestClient(t)
  await board.signIn(coop.board.email, password)
  await board.get('/statutes')
  assert.match(board.lastBody, /href="\/statutes\/new"/)
  await board.get('/statutes/new')
  assert.match(board.lastBody, /name="shareValueCents" type="text" value="100"/)
  assert.match(board.lastBody, /name="sizeTiers\.3\.key" value="very_large"/)
  assert.match(board.lastBody, /name="sizeTiers\.5\.key" value=""/)
  assert.match(board.lastBody, /name="validFrom" type="date" value="2026-03-11"/)
  const res = await board.post(
    '/statutes',
    form({
      shareValueCents: '64',
      noticeMonths: '6',
      fiscalYearStartMonth: '7',
      supportingMembersVote: 'on',
      admissionApprovals: '2',
      pluralVotesMax: '3',
      demandPercent: '5',
      writtenVotes: 'on',
      invitationDays: '21',
      agendaDays: '10',
      'sizeTiers.4.key': 'huge',
      'sizeTiers.4.fromEmployees': '1000',
      'sizeTiers.4.fromBudgetCents': '50.000.000',
      'sizeTiers.4.shares': '16',
    }),
  )
  assert.equal(res.status, 303)
  const location = res.headers.get('location')!
  await board.get(location)
  assert.match(board.lastBody, /Die Fassung ab dem 01\.07\.2026 ist beschlossen\./)
  assert.match(board.lastBody, /Diese Fassung gilt ab dem 01\.07\.2026/)
  assert.match(board.lastBody, /Ein Geschäftsanteil beträgt 64,00\s€\./)
  assert.match(board.lastBody, /<td>huge<\/td><td>1000<\/td><td>50\.000\.000,00\s€<\/td><td>16<\/td>/)
  assert.match(board.lastBody, /Das Geschäftsjahr beginnt am 1\. Juli\./)
  assert.match(board.lastBody, /Fördermitglieder \(investierende Mitglieder, § 8 Abs\. 2 GenG\) haben Stimmrecht\./)
  assert.match(board.lastBody, /zwei verschiedene Vorstandsmitglieder müssen zustimmen/)
  assert.match(board.lastBody, /können bis zu 3 Stimmen haben \(Mehrstimmrechte/)
  assert.match(board.lastBody, /mindestens 5 % der Mitglieder/)
  assert.match(board.lastBody, /schriftlich oder elektronisch abstimmen \(§ 43 Abs\. 7 GenG\)/)
  assert.match(board.lastBody, /mindestens 21 Tage vorher/)
  assert.match(board.lastBody, /nicht mindestens 10 Tage vorher angekündigt/)

  // today the old version is still in force; the new one is announced
  const page = await (await t.app.request('/statutes')).text()
  assert.match(page, /Ein Geschäftsanteil beträgt 100,00\s€\./)
  assert.match(page, /Angekündigt: Ab dem 01\.07\.2026 gilt eine neue Fassung\./)
  assert.match(page, /Beschluss der GV/)
  assert.match(page, /board@coop\.test/)

  clock.set(new Date('2026-07-01T08:00:00Z'))
  try {
    const later = await (await t.app.request('/statutes')).text()
    assert.match(later, /Ein Geschäftsanteil beträgt 64,00\s€\./)
    assert.doesNotMatch(later, /Angekündigt/)
  } finally {
    clock.set(new Date('2026-03-10T10:00:00Z'))
  }
})

test('bad settings get messages at the fields, including a tier row, and nothing is adopted', async () => {
  const board = new TestClient(t)
  await board.signIn(coop.board.email, password)
  await board.get('/statutes/new')
  const before = await versionCount()
  const res = await board.post(
    '/statutes',
    form({ shareValueCents: '0,50', noticeMonths: '2', 'sizeTiers.1.fromEmployees': '0' }, '2026-08-01'),
  )
  assert.equal(res.status, 422)
  // ranges are checked first
  assert.match(errorAt(board.lastBody, 'shareValueCents') ?? '', /mindestens 1\b/)
  assert.match(errorAt(board.lastBody, 'noticeMonths') ?? '', /mindestens 3/)
  const periods = await board.post(
    '/statutes',
    form({ invitationDays: '13', pluralVotesMax: '4', demandPercent: '11' }, '2026-08-01'),
  )
  assert.equal(periods.status, 422)
  assert.match(errorAt(board.lastBody, 'invitationDays') ?? '', /mindestens 14/)
  assert.match(errorAt(board.lastBody, 'pluralVotesMax') ?? '', /höchstens 3/)
  assert.match(errorAt(board.lastBody, 'demandPercent') ?? '', /höchstens 10/)
  await board.post('/statutes', form({ invitationDays: '14', agendaDays: '15' }, '2026-08-01'))
  assert.match(errorAt(board.lastBody, 'agendaDays') ?? '', /höchstens so lang wie die Einladungsfrist/)
  const fixed = await board.post('/statutes', form({ 'sizeTiers.1.fromEmployees': '0' }, '2026-08-01'))
  assert.equal(fixed.status, 422)
  assert.match(errorAt(board.lastBody, 'sizeTiers.1.fromEmployees') ?? '', /höher sein als die der vorigen/)
  assert.match(board.lastBody, /href="#f-sizeTiers\.1\.fromEmployees"/)
  // the entries stay in the form
  assert.match(board.lastBody, /name="sizeTiers\.1\.fromEmployees" value="0"/)
  assert.equal(await versionCount(), before)
})

test('the action refuses a date in the past and a date already taken, at the date field', async () => {
  const board = new TestClient(t)
  await board.signIn(coop.board.email, password)
  await board.get('/statutes/new')
  const before = await versionCount()
  const past = await board.post('/statutes', form({}, '2026-03-09'))
  assert.equal(past.status, 422)
  assert.match(errorAt(board.lastBody, 'validFrom') ?? '', /Vergangenheit/)
  const taken = await board.post('/statutes', form({}, '2026-07-01'))
  assert.equal(taken.status, 422)
  assert.match(errorAt(board.lastBody, 'validFrom') ?? '', /schon eine Fassung/)
  const malformed = await board.post('/statutes', form({}, '31.02.2027'))
  assert.equal(malformed.status, 422)
  assert.match(errorAt(board.lastBody, 'validFrom') ?? '', /gültiges Datum/)
  assert.equal(await versionCount(), before)
})

test('the form parser leaves out empty tier rows and reports at the row the board typed in', () => {
  const values = form({
    'sizeTiers.2.key': '',
    'sizeTiers.2.fromEmployees': '',
    'sizeTiers.2.fromBudgetCents': '',
    'sizeTiers.2.shares': '',
    'sizeTiers.3.key': 'x',
    'sizeTiers.3.fromEmployees': '5',
    'sizeTiers.3.fromBudgetCents': '100',
  })
  const parsed = parseStatutesForm(values)
  assert.equal(parsed.success, false)
  if (parsed.success) return
  assert.deepEqual(
    parsed.error.issues.map((i) => i.path.join('.')),
    ['sizeTiers.3.fromEmployees', 'sizeTiers.3.fromBudgetCents'],
  )
  const ok = parseStatutesForm(form({}, '1.8.2027'))
  assert.equal(ok.success, true)
  if (!ok.success) return
  assert.equal(ok.data.validFrom, '2027-08-01')
  assert.deepEqual(ok.data.settings, defaultStatutes)
})

test('only the board adopts statutes; everyone may read them', async () => {
  for (const email of [coop.orgA.admin.email, coop.staff.email, coop.supervisor.email, coop.auditor.email]) {
    const c = new TestClient(t)
    await c.signIn(email, password)
    assert.equal((await c.get('/statutes')).status, 200)
    assert.doesNotMatch(c.lastBody, /href="\/statutes\/new"/)
    assert.equal((await c.get('/statutes/new')).status, 403, email)
    assert.equal((await c.post('/statutes', form({}, '2026-09-01'))).status, 403, email)
  }
  const anonymous = new TestClient(t)
  const res = await anonymous.get('/statutes/new')
  assert.equal(res.status, 303)
  assert.match(res.headers.get('location')!, /^\/login/)
  const [first] = await listStatutes(t.deps.db)
  assert.equal((await anonymous.get(`/statutes/${first!.id}`)).status, 200)
  assert.match(anonymous.lastBody, /Satzung in der Fassung vom 01\.01\.2000/)
  assert.equal((await anonymous.get('/statutes/00000000-0000-4000-8000-000000000000')).status, 404)
})

test('the statutes read in English', async () => {
  const c = new TestClient(t)
  c.cookies.set('allmende_lang', 'en')
  await c.get('/statutes')
  assert.match(c.lastBody, /One share is worth €100\.00\./)
  assert.match(c.lastBody, /at least 3 months before/)
})
