import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { createTestApp, type TestApp } from '../../test/support/app.ts'
import { signedInClient, TestClient } from '../../test/support/client.ts'
import { type Cooperative, password, seedCooperative } from '../../test/support/factories.ts'
import { declaration } from '../../test/support/members.ts'
import { createAccount } from '../people/accounts.actions.ts'
import { systemActor } from '../platform/actor.ts'
import { fixedClock } from '../platform/clock.ts'
import { adoptStatutes, statutesOn } from '../statutes/statutes.actions.ts'
import { submitApplication } from './applications.actions.ts'

const clock = fixedClock(new Date('2026-03-10T10:00:00Z'))
let t: TestApp
let coop: Cooperative
before(async () => {
  t = await createTestApp({ clock })
  coop = await seedCooperative(t.deps)
})
after(() => t.close())

async function apply(app: TestApp, overrides: Record<string, unknown> = {}) {
  const { application } = await app.deps.db
    .transaction()
    .execute((trx) =>
      submitApplication(
        trx,
        declaration(overrides),
        { ip: '198.51.100.4', userAgent: 'Testbrowser/2.0', lang: 'de' },
        app.deps,
      ),
    )
  return application
}

const signedIn = (app: TestApp, email: string) => signedInClient(app, email, password)

test('the board sees the queue, filters it and reads an application with its declaration', async () => {
  const a = await apply(t, { organisationName: 'Queue e.V.', email: 'q@queue.test' })
  const board = await signedIn(t, coop.board.email)
  await board.get('/applications')
  assert.match(board.lastBody, /<h1>Beitrittserklärungen<\/h1>/)
  assert.match(board.lastBody, new RegExp(`href="/applications/${a.id}">${a.ref}<`))
  assert.match(board.lastBody, /0 von 1/)
  await board.get('/applications?status=rejected')
  assert.doesNotMatch(board.lastBody, new RegExp(a.ref))
  await board.get('/applications?status=all')
  assert.match(board.lastBody, new RegExp(a.ref))

  const detail = await board.get(`/applications/${a.id}`)
  assert.equal(detail.status, 200)
  const body = board.lastBody
  assert.match(body, /Queue e.V./)
  assert.match(body, /198\.51\.100\.4/)
  assert.match(body, /Testbrowser\/2\.0/)
  assert.match(body, new RegExp(a.declaration!.contentHash))
  assert.match(body, /Digitale Infrastruktur/)
  assert.match(body, /Die Satzung verlangt die Zustimmung von 1 verschiedenen Vorstandsmitgliedern; bisher: 0\./)
  assert.match(body, /name="effectiveOn" type="date" value="2026-03-10"/)
  assert.match(body, />Aufnehmen</)
  const pdf = await board.request(`/applications/${a.id}/declaration.pdf`)
  assert.equal(pdf.headers.get('content-type'), 'application/pdf')
})

test('a rejection needs a reason, is mailed to the applicant and cannot be decided twice', async () => {
  const a = await apply(t, { organisationName: 'Abgelehnt e.V.', email: 'nein@abgelehnt.test' })
  const board = await signedIn(t, coop.board.email)
  await board.get(`/applications/${a.id}`)
  const empty = await board.post(`/applications/${a.id}/reject`, { reason: '  ' })
  assert.equal(empty.status, 422)
  assert.match(board.lastBody, /id="f-reason-error"[^>]*>Bitte ausfüllen\./)
  assert.equal(
    (
      await t.deps.db
        .selectFrom('membership_application')
        .select('status')
        .where('id', '=', a.id)
        .executeTakeFirstOrThrow()
    ).status,
    'submitted',
  )
  await t.flushMail()
  const res = await board.post(`/applications/${a.id}/reject`, { reason: 'Kein Sitz in Deutschland.' })
  assert.equal(res.status, 303)
  await board.get(res.headers.get('location')!)
  assert.match(board.lastBody, /Abgelehnt\. Die Begründung geht per E-Mail an nein@abgelehnt\.test\./)
  assert.match(board.lastBody, /data-status="rejected"/)
  const mails = (await t.flushMail()).filter((m) => m.to === 'nein@abgelehnt.test')
  assert.equal(mails.length, 1)
  assert.match(mails[0]!.body, /Kein Sitz in Deutschland\./)
  // decided already: the approval is refused with a message, not an error page
  const again = await board.post(`/applications/${a.id}/approve`, { effectiveOn: '2026-03-10' })
  assert.equal(again.status, 409)
  assert.match(board.lastBody, /Über diese Erklärung wurde schon entschieden\./)
})

test('a malformed effective date is a field error', async () => {
  const a = await apply(t, { organisationName: 'Datum e.V.', email: 'd@datum.test' })
  const board = await signedIn(t, coop.board.email)
  await board.get(`/applications/${a.id}`)
  const res = await board.post(`/applications/${a.id}/approve`, { effectiveOn: '2026-02-30' })
  assert.equal(res.status, 422)
  assert.match(board.lastBody, /id="f-effectiveOn-error"[^>]*>Bitte ein gültiges Datum/)
})

test('only the board decides; the queue is for board, supervisory board and auditors', async () => {
  const a = await apply(t, { organisationName: 'Rechte e.V.', email: 'r@rechte.test' })
  for (const email of [coop.orgA.admin.email, coop.orgA.user.email, coop.staff.email, coop.outsider.email]) {
    const c = await signedIn(t, email)
    assert.equal((await c.get('/applications')).status, 403, `${email} list`)
    assert.equal((await c.get(`/applications/${a.id}`)).status, 403, `${email} detail`)
    assert.equal((await c.post(`/applications/${a.id}/approve`, {})).status, 403, `${email} approve`)
    assert.equal((await c.post(`/applications/${a.id}/reject`, { reason: 'x' })).status, 403, `${email} reject`)
  }
  for (const email of [coop.supervisor.email, coop.auditor.email]) {
    const c = await signedIn(t, email)
    assert.equal((await c.get('/applications')).status, 200, `${email} list`)
    assert.equal((await c.get(`/applications/${a.id}`)).status, 200, `${email} detail`)
    assert.doesNotMatch(c.lastBody, /action="\/applications\/[^"]+\/approve"/)
    assert.equal((await c.post(`/applications/${a.id}/approve`, {})).status, 403, `${email} approve`)
  }
  const anonymous = new TestClient(t)
  const res = await anonymous.get('/applications')
  assert.equal(res.status, 303)
  assert.match(res.headers.get('location')!, /^\/login\?next=/)
  const status = await t.deps.db
    .selectFrom('membership_application')
    .select('status')
    .where('id', '=', a.id)
    .executeTakeFirstOrThrow()
  assert.equal(status.status, 'submitted')
})

test('with statutes asking for two approvals, the first waits, a repeat is refused, a second board member admits', async () => {
  const app = await createTestApp({ clock })
  try {
    const seeded = await seedCooperative(app.deps)
    const system = systemActor('test')
    const second = await app.deps.db.transaction().execute(async (trx) => {
      const today = await statutesOn(trx, '2026-03-10')
      await adoptStatutes(
        trx,
        system,
        { validFrom: '2026-03-10', settings: { ...today.settings, admissionApprovals: 2 }, note: 'Vier Augen' },
        app.deps,
      )
      return createAccount(
        trx,
        system,
        {
          email: 'vorstand2@coop.test',
          givenName: 'Zweite',
          familyName: 'Vorständin',
          password,
          roles: ['board'],
          emailVerified: true,
          organisations: [],
        },
        app.deps,
      )
    })
    assert.ok(second.accountId)
    const a = await apply(app, { organisationName: 'Vier Augen e.V.', email: 'va@vier-augen.test' })

    const first = await signedIn(app, seeded.board.email)
    await first.get(`/applications/${a.id}`)
    assert.match(first.lastBody, />Zustimmen</)
    const res = await first.post(`/applications/${a.id}/approve`, { effectiveOn: '2026-03-10' })
    assert.equal(res.status, 303)
    await first.get(res.headers.get('location')!)
    assert.match(first.lastBody, /Zustimmung erfasst, es fehlt noch eine weitere\./)
    assert.match(first.lastBody, /data-status="submitted"/)
    assert.match(first.lastBody, /bisher: 1\./)
    assert.match(first.lastBody, /board@coop\.test – /)

    const repeat = await first.post(`/applications/${a.id}/approve`, { effectiveOn: '2026-03-10' })
    assert.equal(repeat.status, 409)
    assert.match(first.lastBody, /Du hast dieser Aufnahme schon zugestimmt/)

    const other = await signedIn(app, 'vorstand2@coop.test')
    await other.get(`/applications/${a.id}`)
    assert.match(other.lastBody, />Aufnehmen</)
    const admitted = await other.post(`/applications/${a.id}/approve`, { effectiveOn: '2026-03-10' })
    assert.equal(admitted.status, 303)
    await other.get(admitted.headers.get('location')!)
    assert.match(other.lastBody, /Aufgenommen als M-\d{5}\./)
    assert.match(other.lastBody, /data-status="admitted"/)
    const member = await app.deps.db
      .selectFrom('member')
      .select(['number', 'joined_on'])
      .where('application_id', '=', a.id)
      .executeTakeFirstOrThrow()
    assert.equal(member.joined_on, '2026-03-10')
  } finally {
    await app.close()
  }
})

test('the queue reads in English', async () => {
  const board = await signedIn(t, coop.board.email)
  board.cookies.set('allmende_lang', 'en')
  await board.get('/applications')
  assert.match(board.lastBody, /<h1>Membership declarations<\/h1>/)
})
