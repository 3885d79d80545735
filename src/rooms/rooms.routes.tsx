import { Hono } from 'hono'
import { fromWallTime, parseWallTimeInput } from '../events/event-time.ts'
import type { AppContext, AppEnv } from '../platform/context.ts'
import { DomainError, type FieldIssue, fieldError } from '../platform/errors.ts'
import { localiseIssues, parseDateInput } from '../platform/fields.ts'
import { translator } from '../platform/i18n.ts'
import { can } from '../platform/policy.ts'
import { errorsByField } from '../web/components.tsx'
import { contentDisposition } from '../web/downloads.ts'
import { formValue, redirectWithFlash, render } from '../web/render.tsx'
import { inTransaction } from '../web/transaction.ts'
import {
  castProposalVote,
  closeProposal,
  createProposal,
  proposalView,
  remindMissing,
  roomProposals,
} from './proposals.actions.ts'
import { ProposalPage, ProposalsSection } from './proposals.pages.tsx'
import {
  addRoomMember,
  allRooms,
  createMeeting,
  createRoom,
  myRooms,
  openVersion,
  recordDecision,
  removeRoomMember,
  roomDecisions,
  roomDocument,
  roomDocuments,
  roomFor,
  roomMeetings,
  roomMembers,
  today,
  uploadDocument,
} from './rooms.actions.ts'
import { roomsText } from './rooms.messages.ts'
import { DocumentPage, RoomPage, RoomsPage } from './rooms.pages.tsx'

/**
 * The committee rooms: the list of one's own rooms (and, for the board, every room by name and a form to open
 * one), a room's page with members, papers, meetings and decisions, a paper's versions with the access log.
 * Anyone outside a room gets "not found" for all of it.
 */
export const roomRoutes = new Hono<AppEnv>()

function signedIn(c: AppContext) {
  const actor = c.get('actor')
  if (actor.kind === 'anonymous') throw new DomainError('unauthenticated')
  return actor
}

function values(c: AppContext, names: string[]): Record<string, string> {
  return Object.fromEntries(names.map((n) => [n, formValue(c, n)]))
}

function issuesOf(error: unknown): FieldIssue[] | null {
  return error instanceof DomainError && error.code === 'validation' && error.fields.length ? error.fields : null
}

async function roomsPage(c: AppContext, form?: { values: Record<string, string>; issues: FieldIssue[] }) {
  const actor = signedIn(c)
  const lang = c.get('lang')
  const { db } = c.get('deps')
  const mine = await myRooms(db, actor)
  const all = can(actor, 'room.manage') ? await allRooms(db, actor) : null
  return render(
    c,
    translator(roomsText, lang)('rooms_title'),
    <RoomsPage
      lang={lang}
      csrf={c.get('csrf')}
      mine={mine}
      all={all}
      values={form?.values}
      errors={form ? errorsByField(localiseIssues(form.issues, lang)) : undefined}
    />,
    form ? 422 : 200,
  )
}

roomRoutes.get('/rooms', (c) => roomsPage(c))

const roomFields = ['key', 'name', 'kind', 'description', 'chairEmail']
roomRoutes.post('/rooms', async (c) => {
  const actor = signedIn(c)
  const v = values(c, roomFields)
  const kind = v.kind as 'board'
  const issues: FieldIssue[] = []
  if (!v.name?.trim()) issues.push({ path: 'name', message: 'required' })
  else if (v.name.length > 200) issues.push({ path: 'name', message: 'too_long' })
  if (!['board', 'supervisory_board', 'working_group', 'committee'].includes(kind))
    issues.push({ path: 'kind', message: 'invalid_choice' })
  if (!v.chairEmail?.trim()) issues.push({ path: 'chairEmail', message: 'required' })
  if ((v.description ?? '').length > 5000) issues.push({ path: 'description', message: 'too_long' })
  try {
    if (issues.length) throw new DomainError('validation', 'room', issues)
    const room = await inTransaction(c, (trx) =>
      createRoom(
        trx,
        actor,
        {
          key: v.key!.trim(),
          name: v.name!.trim(),
          kind,
          description: v.description!.trim(),
          chairEmail: v.chairEmail!,
        },
        c.get('deps'),
      ),
    )
    return redirectWithFlash(c, '/rooms', translator(roomsText, c.get('lang'))('room_created', { name: room.name }))
  } catch (error) {
    const found = issuesOf(error)
    if (found) return roomsPage(c, { values: v, issues: found })
    throw error
  }
})

async function roomPage(
  c: AppContext,
  form?: {
    name: 'member' | 'document' | 'meeting' | 'decision' | 'proposal'
    values: Record<string, string>
    issues: FieldIssue[]
  },
) {
  const actor = signedIn(c)
  const lang = c.get('lang')
  const deps = c.get('deps')
  const { room, role } = await roomFor(deps.db, actor, c.req.param('key') ?? '')
  const [members, documents, meetings, decisions, proposals] = await Promise.all([
    roomMembers(deps.db, room.id),
    roomDocuments(deps.db, room.id),
    roomMeetings(deps.db, room.id),
    roomDecisions(deps.db, room.id),
    roomProposals(deps.db, room.id),
  ])
  const proposalForm = form?.name === 'proposal' ? form : undefined
  const otherForm = form?.name === 'proposal' ? undefined : (form as { name: 'member' } | undefined)
  return render(
    c,
    room.name,
    <RoomPage
      lang={lang}
      csrf={c.get('csrf')}
      view={{ room, role, members, documents, meetings, decisions }}
      today={today(deps)}
      form={otherForm?.name}
      values={form?.values}
      errors={form ? errorsByField(localiseIssues(form.issues, lang)) : undefined}
      proposals={
        <ProposalsSection
          lang={lang}
          csrf={c.get('csrf')}
          roomKey={room.key}
          proposals={proposals}
          now={deps.clock.now()}
          values={proposalForm?.values}
          errors={proposalForm ? errorsByField(localiseIssues(proposalForm.issues, lang)) : undefined}
        />
      }
    />,
    form ? 422 : 200,
  )
}

roomRoutes.get('/rooms/:key', (c) => roomPage(c))

const t = (c: AppContext) => translator(roomsText, c.get('lang'))

roomRoutes.post('/rooms/:key/members', async (c) => {
  const actor = signedIn(c)
  const key = c.req.param('key')
  const v = values(c, ['email', 'role'])
  try {
    if (!v.email?.trim()) throw fieldError('email', 'required')
    const role = v.role === 'chair' ? 'chair' : 'member'
    await inTransaction(c, (trx) => addRoomMember(trx, actor, key, { email: v.email!, role }, c.get('deps')))
    return redirectWithFlash(c, `/rooms/${key}`, t(c)('member_added'))
  } catch (error) {
    const found = issuesOf(error)
    if (found) return roomPage(c, { name: 'member', values: v, issues: found })
    throw error
  }
})

roomRoutes.post('/rooms/:key/members/:id/remove', async (c) => {
  const actor = signedIn(c)
  const key = c.req.param('key')
  const id = c.req.param('id')
  try {
    if (!/^[0-9a-f-]{36}$/.test(id)) throw new DomainError('not_found')
    await inTransaction(c, (trx) => removeRoomMember(trx, actor, key, id, c.get('deps')))
    return redirectWithFlash(c, `/rooms/${key}`, t(c)('member_removed'))
  } catch (error) {
    const found = issuesOf(error)
    if (found) return roomPage(c, { name: 'member', values: {}, issues: found })
    throw error
  }
})

roomRoutes.post('/rooms/:key/documents', async (c) => {
  const actor = signedIn(c)
  const key = c.req.param('key')
  const v = values(c, ['title', 'note'])
  try {
    if ((v.note ?? '').length > 500) throw fieldError('note', 'too_long')
    if ((v.title ?? '').length > 200) throw fieldError('title', 'too_long')
    const done = await inTransaction(c, (trx) =>
      uploadDocument(
        trx,
        actor,
        key,
        { documentId: null, title: v.title ?? '', note: v.note ?? '', file: c.get('files').file },
        c.get('deps'),
      ),
    )
    return redirectWithFlash(
      c,
      `/rooms/${key}/documents/${done.documentId}`,
      t(c)('uploaded', { version: String(done.version), title: v.title!.trim() }),
    )
  } catch (error) {
    const found = issuesOf(error)
    if (found) return roomPage(c, { name: 'document', values: v, issues: found })
    throw error
  }
})

async function documentPage(c: AppContext, form?: { values: Record<string, string>; issues: FieldIssue[] }) {
  const actor = signedIn(c)
  const lang = c.get('lang')
  const { db } = c.get('deps')
  const { room } = await roomFor(db, actor, c.req.param('key') ?? '')
  const data = await roomDocument(db, room.id, c.req.param('id') ?? '')
  return render(
    c,
    data.doc.title,
    <DocumentPage
      lang={lang}
      csrf={c.get('csrf')}
      room={room}
      data={data}
      values={form?.values}
      errors={form ? errorsByField(localiseIssues(form.issues, lang)) : undefined}
    />,
    form ? 422 : 200,
  )
}

roomRoutes.get('/rooms/:key/documents/:id', (c) => documentPage(c))

roomRoutes.post('/rooms/:key/documents/:id', async (c) => {
  const actor = signedIn(c)
  const key = c.req.param('key')
  const id = c.req.param('id')
  const v = values(c, ['note'])
  try {
    if ((v.note ?? '').length > 500) throw fieldError('note', 'too_long')
    const done = await inTransaction(c, async (trx) => {
      const { room } = await roomFor(trx, actor, key)
      const { doc } = await roomDocument(trx, room.id, id)
      const result = await uploadDocument(
        trx,
        actor,
        key,
        { documentId: doc.id, title: doc.title, note: v.note ?? '', file: c.get('files').file },
        c.get('deps'),
      )
      return { ...result, title: doc.title }
    })
    return redirectWithFlash(
      c,
      `/rooms/${key}/documents/${id}`,
      t(c)('uploaded', { version: String(done.version), title: done.title }),
    )
  } catch (error) {
    const found = issuesOf(error)
    if (found) return documentPage(c, { values: v, issues: found })
    throw error
  }
})

roomRoutes.get('/rooms/:key/documents/:id/versions/:version', async (c) => {
  const actor = signedIn(c)
  const version = Number(c.req.param('version'))
  if (!Number.isInteger(version) || version < 1 || version > 100_000) throw new DomainError('not_found')
  const row = await inTransaction(c, (trx) =>
    openVersion(trx, actor, c.req.param('key'), c.req.param('id'), version, c.get('deps')),
  )
  const inline = row.content_type === 'application/pdf' || row.content_type.startsWith('image/')
  c.header('content-type', row.content_type)
  c.header('content-disposition', contentDisposition(row.filename, inline ? 'inline' : 'attachment'))
  c.header('cache-control', 'private, no-store')
  c.header('x-content-type-options', 'nosniff')
  c.header('content-security-policy', "default-src 'none'; sandbox")
  return c.body(new Uint8Array(row.content) as Uint8Array<ArrayBuffer>)
})

roomRoutes.post('/rooms/:key/meetings', async (c) => {
  const actor = signedIn(c)
  const key = c.req.param('key')
  const v = values(c, ['title', 'startsAt', 'location', 'agenda'])
  try {
    const issues: FieldIssue[] = []
    if (!v.title?.trim()) issues.push({ path: 'title', message: 'required' })
    else if (v.title.length > 200) issues.push({ path: 'title', message: 'too_long' })
    const wall = parseWallTimeInput(v.startsAt ?? '')
    const startsAt = wall ? fromWallTime(wall.date, wall.time) : null
    if (!v.startsAt?.trim()) issues.push({ path: 'startsAt', message: 'required' })
    else if (!wall) issues.push({ path: 'startsAt', message: 'datetime_invalid' })
    else if (!startsAt) issues.push({ path: 'startsAt', message: 'time_not_in_zone' })
    if ((v.location ?? '').length > 500) issues.push({ path: 'location', message: 'too_long' })
    if ((v.agenda ?? '').length > 20000) issues.push({ path: 'agenda', message: 'too_long' })
    if (issues.length || !startsAt) throw new DomainError('validation', 'meeting', issues)
    await inTransaction(c, (trx) =>
      createMeeting(
        trx,
        actor,
        key,
        { title: v.title!.trim(), startsAt, location: v.location!.trim(), agenda: v.agenda!.trim() },
        c.get('deps'),
      ),
    )
    return redirectWithFlash(c, `/rooms/${key}#meetings`, t(c)('meeting_scheduled'))
  } catch (error) {
    const found = issuesOf(error)
    if (found) return roomPage(c, { name: 'meeting', values: v, issues: found })
    throw error
  }
})

function count(value: string | undefined, path: string, issues: FieldIssue[]): number {
  const v = (value ?? '').trim()
  if (!/^\d{1,6}$/.test(v)) {
    issues.push({ path, message: v ? 'not_integer' : 'required' })
    return 0
  }
  return Number(v)
}

roomRoutes.post('/rooms/:key/decisions', async (c) => {
  const actor = signedIn(c)
  const key = c.req.param('key')
  const v = values(c, ['text', 'decidedOn', 'yes', 'no', 'abstain', 'meetingId', 'replacesId'])
  try {
    const issues: FieldIssue[] = []
    if (!v.text?.trim()) issues.push({ path: 'text', message: 'required' })
    else if (v.text.length > 20000) issues.push({ path: 'text', message: 'too_long' })
    const decidedOn = parseDateInput(v.decidedOn ?? '')
    if (!decidedOn) issues.push({ path: 'decidedOn', message: v.decidedOn?.trim() ? 'date_invalid' : 'required' })
    const yes = count(v.yes, 'yes', issues)
    const no = count(v.no, 'no', issues)
    const abstain = count(v.abstain, 'abstain', issues)
    if (issues.length || !decidedOn) throw new DomainError('validation', 'decision', issues)
    const row = await inTransaction(c, (trx) =>
      recordDecision(
        trx,
        actor,
        key,
        {
          text: v.text!.trim(),
          decidedOn,
          yes,
          no,
          abstain,
          meetingId: v.meetingId || null,
          replacesId: v.replacesId || null,
        },
        c.get('deps'),
      ),
    )
    const outcome = t(c)(row.outcome === 'adopted' ? 'outcome_adopted' : 'outcome_rejected')
    return redirectWithFlash(c, `/rooms/${key}#decisions`, t(c)('decision_recorded', { ref: row.ref, outcome }))
  } catch (error) {
    const found = issuesOf(error)
    if (found) return roomPage(c, { name: 'decision', values: v, issues: found })
    throw error
  }
})

function parseWhen(value: string | undefined, path: string, issues: FieldIssue[]): Date | null {
  const wall = parseWallTimeInput(value ?? '')
  const at = wall ? fromWallTime(wall.date, wall.time) : null
  if (!value?.trim()) issues.push({ path, message: 'required' })
  else if (!wall) issues.push({ path, message: 'datetime_invalid' })
  else if (!at) issues.push({ path, message: 'time_not_in_zone' })
  return at
}

roomRoutes.post('/rooms/:key/proposals', async (c) => {
  const actor = signedIn(c)
  const key = c.req.param('key')
  const v = values(c, ['title', 'kind', 'body', 'options', 'closesAt'])
  try {
    const issues: FieldIssue[] = []
    if (!v.title?.trim()) issues.push({ path: 'title', message: 'required' })
    else if (v.title.length > 200) issues.push({ path: 'title', message: 'too_long' })
    const kind = v.kind as 'consent'
    if (!['consent', 'poll', 'ranked', 'score'].includes(kind)) issues.push({ path: 'kind', message: 'invalid_choice' })
    if ((v.body ?? '').length > 20000) issues.push({ path: 'body', message: 'too_long' })
    const closesAt = parseWhen(v.closesAt, 'closesAt', issues)
    if (issues.length || !closesAt) throw new DomainError('validation', 'proposal', issues)
    const row = await inTransaction(c, (trx) =>
      createProposal(
        trx,
        actor,
        key,
        { kind, title: v.title!.trim(), body: v.body!.trim(), options: (v.options ?? '').split(/\r?\n/), closesAt },
        c.get('deps'),
      ),
    )
    return redirectWithFlash(c, `/rooms/${key}/proposals/${row.id}`, t(c)('proposal_opened'))
  } catch (error) {
    const found = issuesOf(error)
    if (found) return roomPage(c, { name: 'proposal', values: v, issues: found })
    throw error
  }
})

async function proposalPage(c: AppContext, issues?: FieldIssue[]) {
  const actor = signedIn(c)
  const lang = c.get('lang')
  const deps = c.get('deps')
  const view = await proposalView(deps.db, actor, c.req.param('key') ?? '', c.req.param('id') ?? '', deps.clock.now())
  return render(
    c,
    view.proposal.title,
    <ProposalPage
      lang={lang}
      csrf={c.get('csrf')}
      view={view}
      canLead={view.role === 'chair' || view.proposal.created_by_person_id === actor.personId}
      errors={issues ? errorsByField(localiseIssues(issues, lang)) : undefined}
    />,
    issues ? 422 : 200,
  )
}

roomRoutes.get('/rooms/:key/proposals/:id', (c) => proposalPage(c))

/** The vote as the form sends it, by the proposal's kind: a position, an option, ranks or scores. */
function voteFromForm(c: AppContext): unknown {
  const position = formValue(c, 'position')
  if (position) return { position }
  const option = formValue(c, 'option')
  if (option !== '') return { option: /^\d{1,2}$/.test(option) ? Number(option) : -1 }
  const form = c.get('form')
  const ranks = Object.keys(form).filter((k) => /^rank\.\d{1,2}$/.test(k))
  if (ranks.length) {
    // rank.<option> = place (1 = first); the ranking lists the options by place
    const byPlace: number[] = []
    for (const k of ranks) {
      const place = Number(formValue(c, k))
      if (!Number.isInteger(place) || place < 1) return { ranking: [] }
      if (byPlace[place - 1] !== undefined) return { ranking: [] }
      byPlace[place - 1] = Number(k.slice(5))
    }
    return { ranking: byPlace }
  }
  const scores = Object.keys(form).filter((k) => /^score\.\d{1,2}$/.test(k))
  if (scores.length) {
    const out: number[] = []
    for (const k of scores) {
      const s = formValue(c, k).trim()
      out[Number(k.slice(6))] = /^\d{1,2}$/.test(s) ? Number(s) : -1
    }
    return { scores: out }
  }
  return {}
}

roomRoutes.post('/rooms/:key/proposals/:id/vote', async (c) => {
  const actor = signedIn(c)
  const key = c.req.param('key')
  const id = c.req.param('id')
  try {
    const reason = formValue(c, 'reason').trim()
    if (reason.length > 2000) throw fieldError('reason', 'too_long')
    await inTransaction(c, (trx) =>
      castProposalVote(trx, actor, key, id, { value: voteFromForm(c), reason }, c.get('deps')),
    )
    return redirectWithFlash(c, `/rooms/${key}/proposals/${id}`, t(c)('voted'))
  } catch (error) {
    const found = issuesOf(error)
    if (found) return proposalPage(c, found)
    throw error
  }
})

roomRoutes.post('/rooms/:key/proposals/:id/remind', async (c) => {
  const actor = signedIn(c)
  const key = c.req.param('key')
  const id = c.req.param('id')
  try {
    const n = await inTransaction(c, (trx) => remindMissing(trx, actor, key, id, c.get('deps')))
    return redirectWithFlash(c, `/rooms/${key}/proposals/${id}`, t(c)('reminded', { n: String(n) }))
  } catch (error) {
    const found = issuesOf(error)
    if (found) return proposalPage(c, found)
    throw error
  }
})

roomRoutes.post('/rooms/:key/proposals/:id/close', async (c) => {
  const actor = signedIn(c)
  const key = c.req.param('key')
  const id = c.req.param('id')
  try {
    const outcome = formValue(c, 'outcome')
    if (outcome.length > 5000) throw fieldError('outcome', 'too_long')
    await inTransaction(c, (trx) => closeProposal(trx, actor, key, id, { outcome }, c.get('deps')))
    return redirectWithFlash(c, `/rooms/${key}/proposals/${id}`, t(c)('closed'))
  } catch (error) {
    const found = issuesOf(error)
    if (found) return proposalPage(c, found)
    if (error instanceof DomainError && error.code === 'conflict')
      return redirectWithFlash(c, `/rooms/${key}/proposals/${id}`, t(c)('closed'))
    throw error
  }
})
