/**
 * Assemblies through the actions on a real database: calling, the agenda and §46 GenG, the invitation with its
 * record and mails (agenda, form, access, .ics), change and cancellation notices, the voter roll from the
 * register, opening and closing.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { createTestApp, type TestApp } from '../../test/support/app.ts'
import { type Cooperative, seedCooperative } from '../../test/support/factories.ts'
import {
  addTestItem,
  assemblyJson,
  createTestAssembly,
  type GovernanceMembers,
  governanceMembers,
  inDays,
  invitedAssembly,
} from '../../test/support/governance.ts'
import { unfold } from '../events/ics.ts'
import { systemActor } from '../platform/actor.ts'
import { fixedClock } from '../platform/clock.ts'
import { DomainError } from '../platform/errors.ts'
import {
  cancelAssembly,
  closeAssembly,
  getAssembly,
  listAssemblies,
  openAssembly,
  updateAssembly,
} from './assemblies.actions.ts'
import { moveAgendaItem, withdrawAgendaItem } from './assemblies.agenda.ts'
import { assemblyInput } from './assemblies.schema.ts'
import { sendInvitations } from './invitations.actions.ts'
import { recomputeRoll, voterRoll } from './voters.actions.ts'

const clock = fixedClock(new Date())
const board = systemActor('test')
let t: TestApp
let coop: Cooperative
let members: GovernanceMembers

before(async () => {
  t = await createTestApp({ clock })
  coop = await seedCooperative(t.deps)
  members = await governanceMembers(t.deps, coop)
})
after(() => t.close())

async function outbox(since: number) {
  return t.deps.db
    .selectFrom('mail_outbox')
    .select(['id', 'recipient', 'subject', 'body', 'attachments', 'headers'])
    .where('id', '>', String(since) as never)
    .orderBy('id')
    .execute()
}
async function lastMailId(): Promise<number> {
  const row = await t.deps.db.selectFrom('mail_outbox').select('id').orderBy('id', 'desc').executeTakeFirst()
  return Number(row?.id ?? 0)
}

async function refusal(p: Promise<unknown>): Promise<DomainError> {
  try {
    await p
  } catch (error) {
    if (error instanceof DomainError) return error
    throw error
  }
  assert.fail('expected a refusal')
}

test('the invitation goes to each legal representative and personal member on the roll, with agenda, form, access and .ics', async () => {
  const mark = await lastMailId()
  const assembly = await invitedAssembly(t.deps, {
    form: 'hybrid',
    onlineUrl: 'https://video.example.org/gv-2027',
    accessNote: 'Kennwort kommt per SMS',
  })
  assert.equal(assembly.status, 'invited')
  assert.match(assembly.ref, /^GV-\d{4}-\d{3}$/)
  const mails = await outbox(mark)
  const to = mails.map((m) => m.recipient).sort()
  assert.deepEqual(to, [coop.orgA.admin.email, coop.orgB.admin.email, 'sam@support.test'].sort())
  const mail = mails.find((m) => m.recipient === coop.orgA.admin.email)!
  assert.match(mail.subject, /^Einladung: Ordentliche Generalversammlung/)
  assert.match(mail.body, /als Vertretung von Org A e\.V\./)
  assert.match(mail.body, /1\. Bericht des Vorstands \(zur Information, ohne Beschluss\)/)
  assert.match(mail.body, /2\. Feststellung des Jahresabschlusses\n/)
  assert.match(mail.body, /Form: hybride Versammlung/)
  assert.match(mail.body, /Online-Zugang: https:\/\/video\.example\.org\/gv-2027/)
  assert.match(mail.body, /Kennwort kommt per SMS/)
  const attachments = mail.attachments as Array<{ filename: string; contentType: string; content: string }>
  assert.equal(attachments[0]?.filename, 'einladung.ics')
  assert.ok(unfold(attachments[0]!.content).includes('METHOD:REQUEST'))
  assert.ok(unfold(attachments[0]!.content).includes(`UID:assembly-${assembly.id}@localhost`))
  // the record of §46: one row per mail, with the mail's id in its header
  const rows = await t.deps.db
    .selectFrom('assembly_invitation')
    .selectAll()
    .where('assembly_id', '=', assembly.id)
    .execute()
  assert.equal(rows.length, 3)
  assert.ok(rows.every((r) => r.kind === 'invitation' && r.sent_by === board.label && r.mail_id))
  assert.equal(
    (mail.headers as Record<string, string>)['X-Allmende-Mail-Id'],
    rows.find((r) => r.email === mail.recipient)!.mail_id,
  )
  // a second invitation is refused
  assert.equal(
    (await refusal(t.deps.db.transaction().execute((trx) => sendInvitations(trx, board, assembly.ref, t.deps)))).code,
    'conflict',
  )
})

test('§46 (1) GenG: an invitation less than two weeks ahead is refused at the field; a board meeting has no such period', async () => {
  const late = await createTestAssembly(t.deps, { startsAt: inDays(13), endsAt: inDays(13, 2) })
  const error = await refusal(t.deps.db.transaction().execute((trx) => sendInvitations(trx, board, late.ref, t.deps)))
  assert.equal(error.code, 'validation')
  assert.deepEqual(error.fields, [{ path: 'invitation', message: 'invitation_too_late' }])
  const row = await t.deps.db
    .selectFrom('assembly')
    .select('status')
    .where('id', '=', late.id)
    .executeTakeFirstOrThrow()
  assert.equal(row.status, 'draft')
  const meeting = await createTestAssembly(t.deps, {
    body: 'board',
    title: 'Vorstandssitzung',
    startsAt: inDays(2),
    endsAt: inDays(2, 2),
  })
  assert.match(meeting.ref, /^SI-/)
  assert.equal(meeting.kind, 'meeting')
  const sent = await t.deps.db.transaction().execute((trx) => sendInvitations(trx, board, meeting.ref, t.deps))
  assert.equal(sent.assembly.status, 'invited')
})

test('§46 (2) GenG: an item for decision 3 days before is refused at its kind; for information it is added, not decidable', async () => {
  const assembly = await createTestAssembly(t.deps, { startsAt: inDays(3), endsAt: inDays(3, 2) })
  const error = await refusal(addTestItem(t.deps, assembly.ref, { kind: 'motion', title: 'Spät' }))
  assert.deepEqual(error.fields, [{ path: 'kind', message: 'agenda_too_late' }])
  const { item } = await addTestItem(t.deps, assembly.ref, { kind: 'information', title: 'Nur zur Info' })
  assert.equal(item.decidable, false)
  const items = await t.deps.db
    .selectFrom('agenda_item')
    .select('title')
    .where('assembly_id', '=', assembly.id)
    .execute()
  assert.deepEqual(
    items.map((i) => i.title),
    ['Nur zur Info'],
  )
})

test('the agenda: items in order, moved up and down, withdrawn; an addition after the invitation is mailed', async () => {
  const assembly = await invitedAssembly(t.deps)
  const mark = await lastMailId()
  const { item, notified } = await addTestItem(t.deps, assembly.ref, {
    title: 'Wahl zum Aufsichtsrat',
    kind: 'election',
  })
  assert.equal(item.position, 3)
  assert.equal(item.decidable, true)
  assert.equal(notified, 3)
  const mails = await outbox(mark)
  assert.equal(mails.length, 3)
  assert.match(mails[0]!.subject, /^Ergänzte Tagesordnung/)
  assert.match(mails[0]!.body, /Wahl zum Aufsichtsrat/)
  await t.deps.db.transaction().execute((trx) => moveAgendaItem(trx, board, assembly.ref, item.id, 'up', t.deps))
  await t.deps.db.transaction().execute((trx) => moveAgendaItem(trx, board, assembly.ref, item.id, 'up', t.deps))
  // at the top already: nothing changes
  await t.deps.db.transaction().execute((trx) => moveAgendaItem(trx, board, assembly.ref, item.id, 'up', t.deps))
  const first = (await getAssembly(t.deps.db, board, assembly.ref, clock.now())).agenda
  assert.deepEqual(
    first.map((i) => i.title),
    ['Wahl zum Aufsichtsrat', 'Bericht des Vorstands', 'Feststellung des Jahresabschlusses'],
  )
  await t.deps.db.transaction().execute((trx) => withdrawAgendaItem(trx, board, assembly.ref, item.id, t.deps))
  const after = (await getAssembly(t.deps.db, board, assembly.ref, clock.now())).agenda
  assert.ok(after[0]!.withdrawnAt)
  assert.equal(after[0]!.decidable, false)
})

test('a change of time or place after the invitation sends a change notice; cancelling sends the cancellation', async () => {
  const assembly = await invitedAssembly(t.deps)
  let mark = await lastMailId()
  const moved = { startsAt: inDays(31), endsAt: inDays(31, 3) }
  const input = assemblyInput.parse(assemblyJson(moved))
  const { notified } = await t.deps.db
    .transaction()
    .execute((trx) => updateAssembly(trx, board, assembly.ref, input, t.deps))
  assert.equal(notified, 3)
  let mails = await outbox(mark)
  assert.match(mails[0]!.subject, /^Geändert:/)
  const ics = unfold((mails[0]!.attachments as Array<{ content: string }>)[0]!.content)
  assert.ok(ics.includes('SEQUENCE:1'))
  // only the title changes: no notice
  mark = await lastMailId()
  const titleOnly = assemblyInput.parse(assemblyJson({ ...moved, title: 'GV 2027' }))
  const quiet = await t.deps.db
    .transaction()
    .execute((trx) => updateAssembly(trx, board, assembly.ref, titleOnly, t.deps))
  assert.equal(quiet.notified, 0)
  mark = await lastMailId()
  const cancelled = await t.deps.db
    .transaction()
    .execute((trx) => cancelAssembly(trx, board, assembly.ref, { reason: 'Raum nicht verfügbar' }, t.deps))
  assert.equal(cancelled.assembly.status, 'cancelled')
  mails = await outbox(mark)
  assert.equal(mails.length, 3)
  assert.match(mails[0]!.body, /Grund: Raum nicht verfügbar/)
  assert.ok(unfold((mails[0]!.attachments as Array<{ content: string }>)[0]!.content).includes('METHOD:CANCEL'))
  const kinds = await t.deps.db
    .selectFrom('assembly_invitation')
    .select('kind')
    .where('assembly_id', '=', assembly.id)
    .execute()
  assert.deepEqual([...new Set(kinds.map((k) => k.kind))].sort(), ['cancellation', 'change', 'invitation'])
  assert.equal(
    (await refusal(t.deps.db.transaction().execute((trx) => updateAssembly(trx, board, assembly.ref, input, t.deps))))
      .code,
    'conflict',
  )
})

test('the voter roll: members on the register date, supporting members without a vote (§8 (2) GenG), representatives', async () => {
  const assembly = await invitedAssembly(t.deps)
  const { voters, counts } = await voterRoll(t.deps.db, board, assembly.id)
  const byId = new Map(voters.map((v) => [v.memberId, v]))
  assert.equal(byId.get(members.memberA.id)?.votes, 1)
  assert.equal(byId.get(members.memberA.id)?.representativePersonId, coop.orgA.admin.personId)
  assert.equal(byId.get(members.memberB.id)?.representativePersonId, coop.orgB.admin.personId)
  assert.equal(byId.get(members.supporting.id)?.votes, 0)
  assert.equal(byId.get(members.supporting.id)?.representativePersonId, members.supporting.personId)
  assert.deepEqual(counts, { members: 3, voting: 2, votes: 2, withoutRepresentative: 0 })
  // the register date decides: an assembly whose register date lies before everyone joined has nobody to invite
  const early = await createTestAssembly(t.deps, { registerDate: '2001-01-01' })
  const error = await refusal(t.deps.db.transaction().execute((trx) => sendInvitations(trx, board, early.ref, t.deps)))
  assert.deepEqual(error.fields, [{ path: 'invitation', message: 'invitation_no_voters' }])
  // recomputed by the board until it opens
  const again = await t.deps.db.transaction().execute((trx) => recomputeRoll(trx, board, assembly.ref, t.deps))
  assert.equal(again.members, 3)
  await t.deps.db.transaction().execute((trx) => openAssembly(trx, board, assembly.ref, {}, t.deps))
  const refused = await refusal(
    t.deps.db.transaction().execute((trx) => recomputeRoll(trx, board, assembly.ref, t.deps)),
  )
  assert.equal(refused.code, 'conflict')
})

test('open and close: invited → open (chair set) → closed; members see it, outsiders do not', async () => {
  const assembly = await invitedAssembly(t.deps)
  const opened = await t.deps.db
    .transaction()
    .execute((trx) => openAssembly(trx, board, assembly.ref, { chairPersonId: coop.board.personId }, t.deps))
  assert.equal(opened.status, 'open')
  assert.equal(opened.chairPersonId, coop.board.personId)
  assert.equal(
    (await refusal(t.deps.db.transaction().execute((trx) => openAssembly(trx, board, assembly.ref, {}, t.deps)))).code,
    'conflict',
  )
  const closed = await t.deps.db.transaction().execute((trx) => closeAssembly(trx, board, assembly.ref, t.deps))
  assert.equal(closed.status, 'closed')
  const seenByA = await listAssemblies(t.deps.db, members.repA)
  assert.ok(seenByA.some((a) => a.ref === assembly.ref && a.location !== ''))
  const detail = await getAssembly(t.deps.db, members.repA, assembly.ref, clock.now())
  assert.equal(detail.access.invited, true)
  const { loadActor } = await import('../auth/actor.repo.ts')
  const outsider = (await loadActor(t.deps.db, coop.outsider.accountId))!
  assert.equal((await refusal(getAssembly(t.deps.db, outsider, assembly.ref, clock.now()))).code, 'not_found')
  assert.equal((await listAssemblies(t.deps.db, outsider)).length, 0)
  // a draft stays with the board
  const draft = await createTestAssembly(t.deps)
  assert.equal((await refusal(getAssembly(t.deps.db, members.repA, draft.ref, clock.now()))).code, 'not_found')
})

test('the online link goes only to those invited and the board; the supervisory board reads without it', async () => {
  const assembly = await invitedAssembly(t.deps, {
    form: 'virtual',
    location: '',
    onlineUrl: 'https://video.example.org/x',
  })
  const { loadActor } = await import('../auth/actor.repo.ts')
  const supervisor = (await loadActor(t.deps.db, coop.supervisor.accountId))!
  assert.equal((await getAssembly(t.deps.db, supervisor, assembly.ref, clock.now())).assembly.onlineUrl, null)
  assert.equal(
    (await getAssembly(t.deps.db, members.repB, assembly.ref, clock.now())).assembly.onlineUrl,
    'https://video.example.org/x',
  )
  assert.equal(
    (await getAssembly(t.deps.db, board, assembly.ref, clock.now())).assembly.onlineUrl,
    'https://video.example.org/x',
  )
})
