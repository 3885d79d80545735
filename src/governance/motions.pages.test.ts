import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { createTestApp, type TestApp } from '../../test/support/app.ts'
import { TestClient } from '../../test/support/client.ts'
import { type Cooperative, password, seedCooperative } from '../../test/support/factories.ts'
import { addVoter, makeAssembly, setAssemblyStatus } from '../../test/support/governance-motions.ts'
import { admitOrganisationsAB } from '../../test/support/members.ts'
import { fixedClock } from '../platform/clock.ts'

const clock = fixedClock(new Date('2026-05-10T10:00:00Z'))
let t: TestApp
let coop: Cooperative
let assembly: { id: string; ref: string }
let memberA: { id: string }
before(async () => {
  t = await createTestApp({ clock })
  coop = await seedCooperative(t.deps)
  const members = await admitOrganisationsAB(t.deps, coop)
  memberA = members.memberA
  assembly = await makeAssembly(t.deps)
  await addVoter(t.deps, assembly.id, members.memberA.id, coop.orgA.admin.personId)
  await addVoter(t.deps, assembly.id, members.memberB.id, coop.orgB.admin.personId)
})
after(() => t.close())

async function client(email: string) {
  const c = new TestClient(t)
  await c.signIn(email, password)
  return c
}

function errorAt(body: string, field: string): string | null {
  const match = new RegExp(`id="f-${field}-error"[^>]*>([^<]*)<`).exec(body)
  return match ? match[1]! : null
}

test('a representative submits a motion on the form; it shows with its state, majority and support', async () => {
  const admin = await client(coop.orgA.admin.email)
  await admin.get(`/assemblies/${assembly.ref}/motions`)
  assert.match(admin.lastBody, /<h1>Anträge · Ordentliche Generalversammlung/)
  assert.match(admin.lastBody, /Noch keine Anträge\./)
  assert.match(admin.lastBody, new RegExp(`href="/assemblies/${assembly.ref}/motions/new"`))
  await admin.get(`/assemblies/${assembly.ref}/motions/new`)
  assert.match(admin.lastBody, /<label for="f-title">Titel/)
  // missing fields: messages at the fields, nothing stored
  const bad = await admin.post(`/assemblies/${assembly.ref}/motions`, { title: '', body: '  ' })
  assert.equal(bad.status, 422)
  assert.match(errorAt(admin.lastBody, 'title') ?? '', /Bitte ausfüllen/)
  assert.match(errorAt(admin.lastBody, 'body') ?? '', /Bitte ausfüllen/)
  const count = async () =>
    Number(
      (
        await t.deps.db
          .selectFrom('motion')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('assembly_id', '=', assembly.id)
          .executeTakeFirstOrThrow()
      ).n,
    )
  assert.equal(await count(), 0)
  const res = await admin.post(`/assemblies/${assembly.ref}/motions`, {
    title: 'Zwei Versammlungen im Jahr',
    body: 'Der Vorstand beruft die Versammlung jährlich ein.\nSie tagt in Berlin.',
    reasons: 'Mehr Beteiligung.',
    majority: 'simple',
    statuteChange: 'on',
  })
  assert.equal(res.status, 303)
  assert.equal(res.headers.get('location'), `/assemblies/${assembly.ref}/motions/A1`)
  await admin.get(res.headers.get('location')!)
  assert.match(admin.lastBody, /Antrag A1 ist eingereicht\./)
  assert.match(admin.lastBody, /<h1>A1: Zwei Versammlungen im Jahr<\/h1>/)
  assert.match(admin.lastBody, /Stand: eingereicht/)
  assert.match(admin.lastBody, /Erforderliche Mehrheit: drei Viertel/) // a statute change, §16 (2) GenG
  assert.match(admin.lastBody, /Org A e\.V\. \(/)
  assert.match(admin.lastBody, /Zurückziehen/)
  assert.doesNotMatch(admin.lastBody, />Antrag unterstützen</) // its member supports it already
  assert.doesNotMatch(admin.lastBody, />Zulassen</)
  assert.equal(await count(), 1)
})

test('another member supports, the board admits; the list shows the counts', async () => {
  const other = await client(coop.orgB.admin.email)
  await other.get(`/assemblies/${assembly.ref}/motions/A1`)
  assert.match(other.lastBody, />Antrag unterstützen</)
  const res = await other.post(`/assemblies/${assembly.ref}/motions/A1/support`, {})
  assert.equal(res.status, 303)
  await other.get(res.headers.get('location')!)
  assert.match(other.lastBody, /Das Mitglied unterstützt jetzt Antrag A1\./)
  assert.match(other.lastBody, /Org B gGmbH \(/)
  // a second support: the reason comes back as the message
  await other.post(`/assemblies/${assembly.ref}/motions/A1/support`, {})
  await other.get(`/assemblies/${assembly.ref}/motions/A1`)
  assert.match(other.lastBody, /Dieses Mitglied unterstützt den Antrag schon\./)
  const board = await client(coop.board.email)
  await board.get(`/assemblies/${assembly.ref}/motions/A1`)
  assert.match(board.lastBody, />Zulassen</)
  assert.equal((await board.post(`/assemblies/${assembly.ref}/motions/A1/admit`, {})).status, 303)
  await board.get(`/assemblies/${assembly.ref}/motions`)
  assert.match(board.lastBody, /<td>zugelassen<\/td><td>drei Viertel<\/td><td>2<\/td><td>0<\/td>/)
  assert.equal((await board.post(`/assemblies/${assembly.ref}/motions/A1/admit`, {})).status, 409)
})

test('an amendment shows its change as a word diff and is withdrawn by its submitter', async () => {
  const other = await client(coop.orgB.admin.email)
  await other.get(`/assemblies/${assembly.ref}/motions/A1/amendments/new`)
  assert.match(other.lastBody, /Der Vorstand beruft die Versammlung jährlich ein\./) // the text to edit
  const unchanged = await other.post(`/assemblies/${assembly.ref}/motions/A1/amendments`, {
    body: 'Der Vorstand beruft die Versammlung jährlich ein.\nSie tagt in Berlin.',
  })
  assert.equal(unchanged.status, 422)
  assert.match(errorAt(other.lastBody, 'body') ?? '', /Der Text ist unverändert/)
  const res = await other.post(`/assemblies/${assembly.ref}/motions/A1/amendments`, {
    body: 'Der Vorstand beruft die Versammlung zweimal im Jahr ein.\nSie tagt in Berlin.',
    reasons: 'Öfter.',
  })
  assert.equal(res.status, 303)
  await other.get(res.headers.get('location')!)
  assert.match(other.lastBody, /Änderungsantrag Ä1\.1 ist eingereicht\./)
  assert.match(other.lastBody, /<del title="gestrichen">jährlich<\/del>/)
  assert.match(other.lastBody, /<ins title="eingefügt">zweimal im Jahr<\/ins>/)
  const withdraw = `/assemblies/${assembly.ref}/motions/A1/amendments/${encodeURIComponent('Ä1.1')}/withdraw`
  assert.match(other.lastBody, new RegExp(`action="${withdraw.replace(/[.]/g, '\\.')}"`))
  const admin = await client(coop.orgA.admin.email)
  assert.equal((await admin.post(withdraw, {})).status, 403)
  assert.equal((await other.post(withdraw, {})).status, 303)
  await other.get(`/assemblies/${assembly.ref}/motions/A1`)
  assert.match(other.lastBody, /Ä1\.1 · zurückgezogen/)
})

test('who is not on the roll sees nothing; a closed assembly shows its motions but takes none', async () => {
  const outsider = await client(coop.outsider.email)
  assert.equal((await outsider.get(`/assemblies/${assembly.ref}/motions`)).status, 404)
  assert.equal((await outsider.get(`/assemblies/${assembly.ref}/motions/A1`)).status, 404)
  const anonymous = new TestClient(t)
  const res = await anonymous.get(`/assemblies/${assembly.ref}/motions`)
  assert.equal(res.status, 303)
  assert.match(res.headers.get('location') ?? '', /^\/login/)
  const user = await client(coop.orgA.user.email)
  await user.get(`/assemblies/${assembly.ref}/motions/A1`)
  assert.equal(user.lastBody.includes('A1: Zwei Versammlungen im Jahr'), true)
  assert.doesNotMatch(user.lastBody, /Antrag unterstützen|Änderungsantrag stellen/) // reads, does not act
  assert.equal((await user.get(`/assemblies/${assembly.ref}/motions/new`)).status, 403)

  const closed = await makeAssembly(t.deps)
  await addVoter(t.deps, closed.id, memberA.id, coop.orgA.admin.personId)
  await setAssemblyStatus(t.deps, closed.id, 'closed')
  const admin = await client(coop.orgA.admin.email)
  await admin.get(`/assemblies/${closed.ref}/motions`)
  assert.match(admin.lastBody, /Diese Versammlung nimmt keine Anträge mehr an\./)
  assert.doesNotMatch(admin.lastBody, /motions\/new/)
  assert.equal((await admin.post(`/assemblies/${closed.ref}/motions`, { title: 'x', body: 'y' })).status, 409)
})

test('the pages speak English too', async () => {
  const admin = await client(coop.orgA.admin.email)
  await admin.get('/lang/en')
  await admin.get(`/assemblies/${assembly.ref}/motions/A1`)
  assert.match(admin.lastBody, /State: admitted/)
  assert.match(admin.lastBody, /Majority required: three quarters/)
  assert.match(admin.lastBody, /Ä1\.1 · withdrawn/)
})
