/**
 * Committee rooms through the pages: the board opens a room with its chair, the chair adds members, members
 * upload papers in versions (type from the bytes, at most 10 MB), every opening is logged, meetings and
 * decisions are recorded with the vote; anyone outside the room gets "not found" for all of it.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { createTestApp, type TestApp } from '../../test/support/app.ts'
import { signedInClient, type TestClient } from '../../test/support/client.ts'
import { type Cooperative, password, seedCooperative } from '../../test/support/factories.ts'
import { fixedClock } from '../platform/clock.ts'
import { cleanFilename, decisionOutcome, detectDocumentType } from './rooms.rules.ts'

const clock = fixedClock(new Date('2026-12-01T10:00:00Z'))
let t: TestApp
let coop: Cooperative
let board: TestClient
let chair: TestClient
let member: TestClient
let outsider: TestClient
let supervisor: TestClient

const pdf = new TextEncoder().encode('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n')

/** Posts a multipart form as a browser does, with the CSRF token of the last page. */
async function upload(
  c: TestClient,
  path: string,
  fields: Record<string, string>,
  file?: { name: string; bytes: Uint8Array; type?: string },
) {
  const form = new FormData()
  form.append('_csrf', c.csrf)
  for (const [k, v] of Object.entries(fields)) form.append(k, v)
  if (file)
    form.append(
      'file',
      new Blob([file.bytes as Uint8Array<ArrayBuffer>], { type: file.type ?? 'application/octet-stream' }),
      file.name,
    )
  const res = await c.request(path, { method: 'POST', body: form })
  c.lastBody = await res.clone().text()
  return res
}

async function count(table: 'room_document_version' | 'room_access' | 'room_member' | 'room_decision' | 'audit_entry') {
  const row = await t.deps.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

before(async () => {
  t = await createTestApp({ clock })
  coop = await seedCooperative(t.deps)
  board = await signedInClient(t, coop.board.email, password)
  chair = await signedInClient(t, coop.staff.email, password)
  member = await signedInClient(t, coop.orgA.admin.email, password)
  outsider = await signedInClient(t, coop.orgB.admin.email, password)
  supervisor = await signedInClient(t, coop.supervisor.email, password)
})
after(() => t.close())

test('the type of an upload comes from its bytes; names are cleaned; a tie rejects', () => {
  assert.equal(detectDocumentType('x.pdf', pdf)?.contentType, 'application/pdf')
  assert.equal(detectDocumentType('bericht.txt', pdf)?.contentType, 'application/pdf', 'the bytes win over the name')
  assert.equal(detectDocumentType('evil.pdf', new TextEncoder().encode('<html><script>')), null)
  assert.equal(detectDocumentType('a.odt', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1]))?.extension, 'odt')
  assert.equal(detectDocumentType('a.zip', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1])), null, 'a plain zip is refused')
  assert.equal(detectDocumentType('n.txt', new Uint8Array([0xc3, 0x28])), null, 'text must be UTF-8')
  assert.equal(
    detectDocumentType('n.md', new TextEncoder().encode('# Protokoll'))?.contentType,
    'text/markdown; charset=utf-8',
  )
  assert.equal(cleanFilename('../../etc/"pass\u0007wd".pdf'), 'passwd.pdf')
  assert.equal(decisionOutcome(3, 2), 'adopted')
  assert.equal(decisionOutcome(2, 2), 'rejected')
  assert.equal(decisionOutcome(0, 0), 'rejected')
})

test('the board opens a room with a chair; bad input stays at the field and stores nothing', async () => {
  await board.get('/rooms')
  assert.match(board.lastBody, /Neuen Raum anlegen/)
  let res = await board.post('/rooms', {
    key: 'Arbeitsgruppe IT!',
    name: '',
    kind: 'working_group',
    chairEmail: 'niemand@example.org',
  })
  assert.equal(res.status, 422)
  assert.match(board.lastBody, /id="f-name-error"[^>]*>Bitte ausfüllen/)
  const rooms = await t.deps.db.selectFrom('room').select('id').execute()
  assert.equal(rooms.length, 0)
  res = await board.post('/rooms', {
    key: 'ag-it',
    name: 'AG IT',
    kind: 'working_group',
    chairEmail: 'niemand@example.org',
  })
  assert.equal(res.status, 422)
  assert.match(board.lastBody, /Zu dieser E-Mail-Adresse gibt es kein Konto/)
  res = await board.post('/rooms', {
    key: 'ag-it',
    name: 'AG IT',
    kind: 'working_group',
    description: 'Technik',
    chairEmail: coop.staff.email,
  })
  assert.equal(res.status, 303)
  res = await board.post('/rooms', { key: 'ag-it', name: 'Noch eine', kind: 'committee', chairEmail: coop.staff.email })
  assert.equal(res.status, 422)
  assert.match(board.lastBody, /Diesen Kurznamen hat schon ein anderer Raum/)
  // the board created it but is not in it: it sees the name, never the contents
  await board.get('/rooms')
  assert.match(board.lastBody, /AG IT/)
  assert.equal((await board.get('/rooms/ag-it')).status, 404)
  // only the board opens rooms
  assert.equal(
    (await chair.post('/rooms', { key: 'x', name: 'X', kind: 'committee', chairEmail: coop.staff.email })).status,
    403,
  )
})

test('the chair adds members; outsiders, readers included, get not found for every page of the room', async () => {
  await chair.get('/rooms/ag-it')
  assert.match(chair.lastBody, /<h1>AG IT<\/h1>/)
  let res = await chair.post('/rooms/ag-it/members', { email: coop.orgA.admin.email, role: 'member' })
  assert.equal(res.status, 303)
  const mail = await t.deps.db
    .selectFrom('mail_outbox')
    .select(['subject', 'body'])
    .where('recipient', '=', coop.orgA.admin.email)
    .where('subject', 'like', '%AG IT%')
    .executeTakeFirstOrThrow()
  assert.match(mail.body, /\/rooms\/ag-it/, 'the new member gets the link to the room')
  res = await chair.post('/rooms/ag-it/members', { email: coop.orgA.admin.email, role: 'member' })
  assert.equal(res.status, 422)
  assert.match(chair.lastBody, /gehört dem Raum schon an/)
  // a member cannot add members
  await member.get('/rooms/ag-it')
  assert.equal((await member.post('/rooms/ag-it/members', { email: coop.orgB.user.email, role: 'member' })).status, 403)
  for (const c of [outsider, supervisor]) {
    assert.equal((await c.get('/rooms/ag-it')).status, 404)
    await c.get('/rooms')
    assert.doesNotMatch(c.lastBody, /AG IT/)
    assert.equal((await c.post('/rooms/ag-it/meetings', { title: 'X', startsAt: '10.06.2027 18:00' })).status, 404)
  }
})

test('papers in versions: the type from the bytes, 10 MB at most, every opening logged', async () => {
  await member.get('/rooms/ag-it')
  const before = await count('room_document_version')
  let res = await upload(member, '/rooms/ag-it/documents', { title: 'Konzept' })
  assert.equal(res.status, 422)
  assert.match(member.lastBody, /Bitte eine Datei auswählen/)
  res = await upload(
    member,
    '/rooms/ag-it/documents',
    { title: 'Konzept' },
    { name: 'konzept.pdf', bytes: new TextEncoder().encode('<script>alert(1)</script>') },
  )
  assert.equal(res.status, 422)
  assert.match(member.lastBody, /Diese Dateiart wird nicht angenommen/)
  const big = new Uint8Array(10 * 1024 * 1024 + 1)
  big.set(pdf)
  res = await upload(member, '/rooms/ag-it/documents', { title: 'Konzept' }, { name: 'gross.pdf', bytes: big })
  assert.equal(res.status, 422)
  assert.match(member.lastBody, /zu groß/)
  assert.equal(await count('room_document_version'), before, 'nothing stored')

  res = await upload(
    member,
    '/rooms/ag-it/documents',
    { title: 'Konzept', note: 'Entwurf' },
    { name: 'konzept.pdf', bytes: pdf },
  )
  assert.equal(res.status, 303)
  const docPath = res.headers.get('location')!
  assert.match(docPath, /^\/rooms\/ag-it\/documents\/[0-9a-f-]{36}$/)
  await chair.get(docPath)
  res = await upload(chair, docPath, { note: 'Zweite Fassung' }, { name: 'konzept-v2.pdf', bytes: pdf })
  assert.equal(res.status, 303)
  await chair.get(docPath)
  assert.match(chair.lastBody, /konzept-v2\.pdf/)
  assert.match(chair.lastBody, /konzept\.pdf/)
  assert.match(chair.lastBody, /Noch niemand hat eine Fassung geöffnet/)

  const download = await member.request(`${docPath}/versions/1`)
  assert.equal(download.status, 200)
  assert.equal(download.headers.get('content-type'), 'application/pdf')
  assert.match(download.headers.get('content-disposition') ?? '', /inline; filename/)
  assert.equal(download.headers.get('x-content-type-options'), 'nosniff')
  assert.deepEqual(new Uint8Array(await download.arrayBuffer()), pdf)
  await chair.get(docPath)
  assert.match(chair.lastBody, new RegExp(coop.orgA.admin.email.replace('.', '\\.')))
  assert.equal(await count('room_access'), 1)
  // outsiders: not found, and nothing logged
  assert.equal((await outsider.request(`${docPath}/versions/1`)).status, 404)
  assert.equal((await outsider.get(docPath)).status, 404)
  assert.equal(await count('room_access'), 1)
  assert.equal((await member.request(`${docPath}/versions/3`)).status, 404)
  const journal = await t.deps.db
    .selectFrom('audit_entry')
    .select('action')
    .where('action', 'like', 'room.document%')
    .execute()
  assert.deepEqual(journal.map((j) => j.action).sort(), ['room.document_uploaded', 'room.document_version_uploaded'])
})

test('meetings and decisions with their vote; a decision is numbered and never changed, a correction replaces it', async () => {
  await member.get('/rooms/ag-it')
  let res = await member.post('/rooms/ag-it/meetings', { title: 'Sitzung Januar', startsAt: '31.02.2027 18:00' })
  assert.equal(res.status, 422)
  assert.match(member.lastBody, /id="f-startsAt-error"/)
  res = await member.post('/rooms/ag-it/meetings', {
    title: 'Sitzung Januar',
    startsAt: '14.01.2027 18:00',
    location: 'Jitsi',
    agenda: '1. Server',
  })
  assert.equal(res.status, 303)
  const meeting = await t.deps.db.selectFrom('room_meeting').selectAll().executeTakeFirstOrThrow()
  assert.equal(meeting.starts_at.toISOString(), '2027-01-14T17:00:00.000Z', 'Berlin wall time')

  res = await member.post('/rooms/ag-it/decisions', {
    text: 'Neuer Server',
    decidedOn: '14.01.2027',
    yes: '0',
    no: '0',
    abstain: '0',
  })
  assert.equal(res.status, 422)
  assert.match(member.lastBody, /mindestens eine Stimme/)
  res = await member.post('/rooms/ag-it/decisions', {
    text: 'Neuer Server',
    decidedOn: '14.01.2027',
    yes: 'drei',
    no: '0',
    abstain: '0',
  })
  assert.equal(res.status, 422)
  assert.match(member.lastBody, /id="f-yes-error"/)
  assert.equal(await count('room_decision'), 0)
  res = await member.post('/rooms/ag-it/decisions', {
    text: 'Neuer Server',
    decidedOn: '14.01.2027',
    yes: '2',
    no: '2',
    abstain: '1',
    meetingId: meeting.id,
  })
  assert.equal(res.status, 303)
  await member.get('/rooms/ag-it')
  assert.match(member.lastBody, /B-2027-001/)
  assert.match(member.lastBody, /abgelehnt/)
  const first = await t.deps.db.selectFrom('room_decision').selectAll().executeTakeFirstOrThrow()
  res = await member.post('/rooms/ag-it/decisions', {
    text: 'Neuer Server (Stimmen berichtigt)',
    decidedOn: '14.01.2027',
    yes: '3',
    no: '1',
    abstain: '1',
    meetingId: meeting.id,
    replacesId: first.id,
  })
  assert.equal(res.status, 303)
  await member.get('/rooms/ag-it')
  assert.match(member.lastBody, /B-2027-002/)
  assert.match(member.lastBody, /ersetzt B-2027-001/)
  await assert.rejects(
    t.deps.db.updateTable('room_decision').set({ outcome: 'adopted' }).where('id', '=', first.id).execute(),
    'decisions are append-only',
  )
})

test('the register of resolutions: a room’s decisions for its members only, chained in the journal, as CSV', async () => {
  await member.get('/resolutions')
  assert.match(member.lastBody, /R-2027-001/)
  assert.match(member.lastBody, /Neuer Server \(Stimmen berichtigt\)/)
  const rows = await t.deps.db.selectFrom('resolution').selectAll().orderBy('ref').execute()
  assert.deepEqual(
    rows.map((r) => [r.ref, r.title, r.outcome]),
    [
      ['R-2027-001', 'B-2027-001', 'rejected'],
      ['R-2027-002', 'B-2027-002', 'adopted'],
    ],
  )
  const entry = await t.deps.db
    .selectFrom('audit_entry')
    .select(['seq', 'after'])
    .where('seq', '=', Number(rows[1]!.audit_seq))
    .executeTakeFirstOrThrow()
  assert.equal((entry.after as { ref: string }).ref, 'R-2027-002')
  const csv = await member.request('/resolutions.csv')
  const bytes = new Uint8Array(await csv.arrayBuffer())
  assert.deepEqual([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf], 'a byte order mark for spreadsheets')
  const text = new TextDecoder().decode(bytes)
  assert.match(text, /^Nummer;Datum;Gremium/)
  assert.match(text, /R-2027-002;2027-01-14;AG IT;/)
  await outsider.get('/resolutions')
  assert.doesNotMatch(outsider.lastBody, /R-2027-001/)
  await board.get('/resolutions')
  assert.doesNotMatch(board.lastBody, /R-2027-001/, 'a room decision stays in the room, even for the board')
  await assert.rejects(t.deps.db.deleteFrom('resolution').execute(), 'the register is append-only')
})

test('the chair removes a member, who then sees nothing; the last chair cannot go', async () => {
  await chair.get('/rooms/ag-it')
  const rows = await t.deps.db.selectFrom('room_member').selectAll().where('removed_at', 'is', null).execute()
  const own = rows.find((r) => r.person_id === coop.staff.personId)!
  const other = rows.find((r) => r.person_id === coop.orgA.admin.personId)!
  let res = await chair.post(`/rooms/ag-it/members/${own.id}/remove`, {})
  assert.equal(res.status, 422)
  assert.match(chair.lastBody, /braucht eine Vorsitzende oder einen Vorsitzenden/)
  res = await chair.post(`/rooms/ag-it/members/${other.id}/remove`, {})
  assert.equal(res.status, 303)
  assert.equal((await member.get('/rooms/ag-it')).status, 404)
  const entries = await t.deps.db.selectFrom('audit_entry').select('action').where('action', 'like', 'room.%').execute()
  assert.ok(entries.some((e) => e.action === 'room.member_removed'))
})

test('proposals between meetings: non-binding, votes changeable until the close, reminders to those missing, ranked choice by Borda', async () => {
  const ag = await t.deps.db.selectFrom('room').select('id').where('key', '=', 'ag-it').executeTakeFirstOrThrow()
  await chair.post('/rooms/ag-it/members', { email: coop.orgA.admin.email, role: 'member' })
  await chair.post('/rooms/ag-it/members', { email: coop.orgA.user.email, role: 'member' })
  await chair.get('/rooms/ag-it')
  let res = await chair.post('/rooms/ag-it/proposals', {
    title: 'Messenger',
    kind: 'ranked',
    options: 'Matrix',
    closesAt: '20.12.2026 18:00',
  })
  assert.equal(res.status, 422)
  assert.match(chair.lastBody, /mindestens zwei Möglichkeiten/)
  res = await chair.post('/rooms/ag-it/proposals', {
    title: 'Messenger',
    kind: 'ranked',
    options: 'Matrix\nSignal',
    closesAt: '01.11.2026 18:00',
  })
  assert.equal(res.status, 422)
  assert.match(chair.lastBody, /in der Zukunft liegen/)
  res = await chair.post('/rooms/ag-it/proposals', {
    title: 'Welchen Messenger empfehlen wir?',
    kind: 'ranked',
    body: 'Für die Mitglieder.',
    options: 'Matrix\nSignal\nThreema',
    closesAt: '20.12.2026 18:00',
  })
  assert.equal(res.status, 303)
  const path = res.headers.get('location')!
  await member.get(path)
  assert.match(member.lastBody, /Nicht bindend/)
  res = await member.post(`${path}/vote`, { 'rank.0': '1', 'rank.1': '1', 'rank.2': '2' })
  assert.equal(res.status, 422)
  assert.match(member.lastBody, /jeder Möglichkeit einen anderen Rang/)
  res = await member.post(`${path}/vote`, { 'rank.0': '2', 'rank.1': '1', 'rank.2': '3' })
  assert.equal(res.status, 303)
  res = await member.post(`${path}/vote`, { 'rank.0': '1', 'rank.1': '2', 'rank.2': '3', reason: 'Offener Standard' })
  assert.equal(res.status, 303, 'a vote may change until the close')
  await chair.get(path)
  res = await chair.post(`${path}/vote`, { 'rank.0': '2', 'rank.1': '1', 'rank.2': '3' })
  assert.equal(res.status, 303)
  const votes = await t.deps.db.selectFrom('room_proposal_vote').select('person_id').execute()
  assert.equal(votes.length, 2, 'one vote per person')
  await chair.get(path)
  // Borda: Matrix 3+2, Signal 2+3, Threema 1+1 → a tie names both
  assert.match(chair.lastBody, /Vorn: Matrix, Signal/)
  assert.match(chair.lastBody, /Offener Standard/)
  assert.match(chair.lastBody, /Noch nicht abgestimmt:[^<]*Org A User|Noch nicht abgestimmt:/)

  // only the proposer or a chair reminds and closes
  await member.get(path)
  assert.equal((await member.post(`${path}/remind`, {})).status, 403)
  const outbox = async () =>
    Number(
      (
        await t.deps.db
          .selectFrom('mail_outbox')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('subject', 'like', 'Erinnerung:%')
          .executeTakeFirstOrThrow()
      ).n,
    )
  res = await chair.post(`${path}/remind`, {})
  assert.equal(res.status, 303)
  assert.equal(await outbox(), 1, 'the one member who has not voted')
  res = await chair.post(`${path}/remind`, {})
  assert.equal(res.status, 422)
  assert.match(chair.lastBody, /weniger als 12 Stunden/)
  assert.equal(await outbox(), 1)
  res = await chair.post(`${path}/close`, { outcome: '' })
  assert.equal(res.status, 422)
  res = await chair.post(`${path}/close`, { outcome: 'Wir empfehlen Matrix und Signal gleichrangig.' })
  assert.equal(res.status, 303)
  await member.get(path)
  res = await member.post(`${path}/vote`, { 'rank.0': '3', 'rank.1': '2', 'rank.2': '1' })
  assert.equal(res.status, 422)
  assert.match(member.lastBody, /Abstimmung ist beendet/)
  const closed = await t.deps.db
    .selectFrom('audit_entry')
    .select('after')
    .where('action', '=', 'room.proposal_closed')
    .executeTakeFirstOrThrow()
  assert.deepEqual((closed.after as { tally: { totals: number[] } }).tally.totals, [5, 5, 2])
  assert.equal((await outsider.get(path)).status, 404)
  void ag
})

test('consent: one block stops it', async () => {
  await chair.get('/rooms/ag-it')
  const res = await chair.post('/rooms/ag-it/proposals', {
    title: 'Neues Logo',
    kind: 'consent',
    closesAt: '20.12.2026 18:00',
  })
  assert.equal(res.status, 303)
  const path = res.headers.get('location')!
  await chair.get(path)
  await chair.post(`${path}/vote`, { position: 'agree' })
  await member.get(path)
  await member.post(`${path}/vote`, { position: 'block', reason: 'Nicht barrierefrei' })
  await member.get(path)
  assert.match(member.lastBody, /Keine Zustimmung/)
  const bad = await member.post(`${path}/vote`, { position: 'maybe' })
  assert.equal(bad.status, 422)
})
