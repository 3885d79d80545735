/**
 * The assembly pages in-process: calling one through the form (errors at the field), the agenda with the §46 (2)
 * refusal at its field, the invitation, the roll, proxies (online and the written upload), the door and online
 * joining.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { createTestApp, type TestApp } from '../../test/support/app.ts'
import { signedInClient, type TestClient } from '../../test/support/client.ts'
import { type Cooperative, password, seedCooperative } from '../../test/support/factories.ts'
import {
  createTestAssembly,
  type GovernanceMembers,
  governanceMembers,
  inDays,
  invitedAssembly,
} from '../../test/support/governance.ts'
import { wallTimeInputValue } from '../events/event-time.ts'
import { systemActor } from '../platform/actor.ts'
import { openAssembly } from './assemblies.actions.ts'

let t: TestApp
let coop: Cooperative
let members: GovernanceMembers
let board: TestClient

before(async () => {
  t = await createTestApp()
  coop = await seedCooperative(t.deps)
  members = await governanceMembers(t.deps, coop)
  board = await signedInClient(t, coop.board.email, password)
})
after(() => t.close())

const wall = (iso: string) => wallTimeInputValue(new Date(iso))

test('the board calls an assembly through the form; bad input comes back at the field', async () => {
  await board.get('/assemblies/new')
  const bad = await board.post('/assemblies', {
    body: 'general_assembly',
    kind: 'ordinary',
    form: 'virtual',
    title: '',
    startsAt: wall(inDays(30)),
    endsAt: wall(inDays(29)),
    location: '',
    onlineUrl: '',
  })
  assert.equal(bad.status, 422)
  assert.match(board.lastBody, /id="f-title-error"/)
  const good = await board.post('/assemblies', {
    body: 'general_assembly',
    kind: 'ordinary',
    form: 'virtual',
    title: 'Ordentliche Generalversammlung',
    startsAt: wall(inDays(30)),
    endsAt: wall(inDays(29)),
    location: '',
    onlineUrl: '',
  })
  assert.equal(good.status, 422)
  assert.match(board.lastBody, /id="f-endsAt-error">Das Ende muss nach dem Beginn liegen/)
  assert.match(board.lastBody, /id="f-onlineUrl-error">Bitte den Zugangslink angeben/)
  const created = await board.post('/assemblies', {
    body: 'general_assembly',
    kind: 'ordinary',
    form: 'virtual',
    title: 'Ordentliche Generalversammlung',
    startsAt: wall(inDays(30)),
    endsAt: wall(inDays(30, 3)),
    location: '',
    onlineUrl: 'https://video.example.org/gv',
  })
  assert.equal(created.status, 303)
  const location = created.headers.get('location')!
  assert.match(location, /^\/assemblies\/GV-\d{4}-\d{3}$/)
  const page = await board.get(location)
  assert.equal(page.status, 200)
  assert.match(board.lastBody, /https:\/\/video\.example\.org\/gv/)
  assert.match(board.lastBody, /Die Einladung muss bis spätestens/)
})

test('an agenda item for decision 3 days before is refused at its field; for information only it is added', async () => {
  const assembly = await createTestAssembly(t.deps, { startsAt: inDays(3), endsAt: inDays(3, 2) })
  await board.get(`/assemblies/${assembly.ref}`)
  const refused = await board.post(`/assemblies/${assembly.ref}/agenda`, {
    title: 'Satzungsänderung',
    kind: 'statute_change',
    description: '',
  })
  assert.equal(refused.status, 422)
  assert.match(board.lastBody, /id="f-kind-error">Zu spät für eine Beschlussfassung/)
  assert.match(board.lastBody, /value="Satzungsänderung"/)
  const added = await board.post(`/assemblies/${assembly.ref}/agenda`, {
    title: 'Bericht',
    kind: 'information',
    description: '',
  })
  assert.equal(added.status, 303)
  await board.get(`/assemblies/${assembly.ref}`)
  assert.match(board.lastBody, /<strong>Bericht<\/strong> · zur Information, ohne Beschluss/)
})

test('invite, the roll with its counts, a member sees the assembly and gives a proxy, staff upload a written one', async () => {
  const assembly = await createTestAssembly(t.deps)
  await board.get(`/assemblies/${assembly.ref}`)
  await board.post(`/assemblies/${assembly.ref}/agenda`, { title: 'Jahresabschluss', kind: 'motion', description: '' })
  const invited = await board.post(`/assemblies/${assembly.ref}/invite`, {})
  assert.equal(invited.status, 303)
  await board.get(`/assemblies/${assembly.ref}/voters`)
  assert.match(board.lastBody, /3 Mitglieder, davon 2 stimmberechtigt mit 2 Stimmen; 0 ohne benannte Vertretung/)
  assert.match(board.lastBody, /Fördermitglied<\/td><td class="num">0</)
  // the representative of A sees it and gives A's proxy to someone known by email
  const repA = await signedInClient(t, coop.orgA.admin.email, password)
  assert.equal((await repA.get('/assemblies')).status, 200)
  assert.match(repA.lastBody, new RegExp(assembly.ref))
  await repA.get(`/assemblies/${assembly.ref}/proxies`)
  const unknown = await repA.post(`/assemblies/${assembly.ref}/proxies`, {
    memberId: members.memberA.id,
    holderEmail: 'nobody@nowhere.test',
  })
  assert.equal(unknown.status, 422)
  assert.match(repA.lastBody, /id="f-holderEmail-error">Zu dieser E-Mail-Adresse kennen wir niemanden/)
  const given = await repA.post(`/assemblies/${assembly.ref}/proxies`, {
    memberId: members.memberA.id,
    holderEmail: coop.outsider.email,
  })
  assert.equal(given.status, 303)
  // staff record the supporting member's written proxy to the same holder, with the signed PDF
  const staff = await signedInClient(t, coop.staff.email, password)
  await staff.get(`/assemblies/${assembly.ref}/proxies`)
  const upload = async (memberId: string, file: Blob, name: string) => {
    const body = new FormData()
    body.append('_csrf', staff.csrf)
    body.append('memberId', memberId)
    body.append('holderEmail', coop.outsider.email)
    body.append('document', file, name)
    const res = await staff.request(`/assemblies/${assembly.ref}/proxies/written`, { method: 'POST', body })
    staff.lastBody = await res.text()
    return res
  }
  const notPdf = await upload(members.supporting.id, new Blob(['hello']), 'x.txt')
  assert.equal(notPdf.status, 422)
  assert.match(staff.lastBody, /id="f-document-error">Bitte eine PDF-Datei hochladen/)
  const ok = await upload(
    members.supporting.id,
    new Blob(['%PDF-1.4\n%%EOF\n'], { type: 'application/pdf' }),
    'vollmacht.pdf',
  )
  assert.equal(ok.status, 303)
  // a third member for the same holder: refused at the field (§43 (5) GenG)
  const third = await upload(members.memberB.id, new Blob(['%PDF-1.4\n%%EOF\n']), 'v3.pdf')
  assert.equal(third.status, 422)
  assert.match(staff.lastBody, /id="f-holderEmail-error">Diese Person vertritt schon so viele Mitglieder/)
  // without the CSRF token the upload is refused
  const body = new FormData()
  body.append('memberId', members.memberB.id)
  const forged = await staff.request(`/assemblies/${assembly.ref}/proxies/written`, { method: 'POST', body })
  assert.equal(forged.status, 403)
  // multipart elsewhere is not parsed
  const elsewhere = new FormData()
  elsewhere.append('_csrf', staff.csrf)
  assert.equal(
    (await staff.request(`/assemblies/${assembly.ref}/proxies`, { method: 'POST', body: elsewhere })).status,
    403,
  )
})

test('the door: search, check in, presence counts, no quorum; online joining by a representative', async () => {
  const assembly = await invitedAssembly(t.deps, { form: 'hybrid', onlineUrl: 'https://video.example.org/h' })
  const staff = await signedInClient(t, coop.staff.email, password)
  await staff.get(`/assemblies/${assembly.ref}/check-in?q=${members.memberA.number}`)
  assert.match(staff.lastBody, /Anna Admin|admin Test/)
  assert.match(staff.lastBody, /Keine Beschlussfähigkeit vorgeschrieben/)
  const res = await staff.post(`/assemblies/${assembly.ref}/check-in`, { personId: coop.orgA.admin.personId, q: '' })
  assert.equal(res.status, 303)
  await staff.get(`/assemblies/${assembly.ref}/check-in`)
  assert.match(staff.lastBody, /1 Personen anwesend, 1 Mitglieder vertreten, 1 Stimmen/)
  const unknown = await staff.post(`/assemblies/${assembly.ref}/check-in`, { personId: coop.outsider.personId, q: '' })
  assert.equal(unknown.status, 422)
  assert.match(staff.lastBody, /Diese Person ist nicht eingeladen/)
  await t.deps.db.transaction().execute((trx) => openAssembly(trx, systemActor('test'), assembly.ref, {}, t.deps))
  const repB = await signedInClient(t, coop.orgB.admin.email, password)
  await repB.get(`/assemblies/${assembly.ref}`)
  assert.match(repB.lastBody, /Online teilnehmen/)
  assert.match(repB.lastBody, /https:\/\/video\.example\.org\/h/)
  assert.equal((await repB.post(`/assemblies/${assembly.ref}/join`, {})).status, 303)
  await repB.get(`/assemblies/${assembly.ref}`)
  assert.match(repB.lastBody, /2 Personen anwesend, 2 Mitglieder vertreten, 2 Stimmen/)
  assert.equal((await repB.post(`/assemblies/${assembly.ref}/leave`, {})).status, 303)
  const out = await staff.post(`/assemblies/${assembly.ref}/check-out`, { personId: coop.orgA.admin.personId, q: '' })
  assert.equal(out.status, 303)
  await staff.get(`/assemblies/${assembly.ref}/check-in`)
  assert.match(staff.lastBody, /0 Personen anwesend/)
})
