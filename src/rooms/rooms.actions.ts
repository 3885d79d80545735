import { createHash } from 'node:crypto'
import type { Executor, Trx } from '../db/db.ts'
import type { Room, RoomKind, RoomRole } from '../db/schema-rooms.ts'
import { recordResolution } from '../governance/resolutions.actions.ts'
import type { Actor } from '../platform/actor.ts'
import { audit } from '../platform/audit.ts'
import type { ActionEnv } from '../platform/context.ts'
import { todayIn } from '../platform/dates.ts'
import { DomainError, fieldError } from '../platform/errors.ts'
import { enqueueMail } from '../platform/mail.ts'
import { authorize } from '../platform/policy.ts'
import type { Upload } from '../web/middleware.ts'
import { cleanFilename, decisionOutcome, decisionRef, detectDocumentType, maxDocumentBytes } from './rooms.rules.ts'

/**
 * Committee rooms: closed spaces of a body. Only its members see that a room has content; anyone else gets
 * "not found" for every page of it, the board included (the board creates rooms and names their first chair,
 * from then on the chair keeps the member list). Every change is journaled; every opening of a document is logged.
 */

export interface RoomAccess {
  room: Room
  role: RoomRole
}

function personOf(actor: Actor): string {
  if (!actor.personId) throw new DomainError('not_found')
  return actor.personId
}

/** The rooms the actor belongs to, by name. */
export async function myRooms(db: Executor, actor: Actor) {
  if (!actor.personId) return []
  return db
    .selectFrom('room as r')
    .innerJoin('room_member as m', 'm.room_id', 'r.id')
    .where('m.person_id', '=', actor.personId)
    .where('m.removed_at', 'is', null)
    .select(['r.id', 'r.key', 'r.name', 'r.kind', 'r.description', 'm.role'])
    .select((eb) => [
      eb
        .selectFrom('room_member as c')
        .whereRef('c.room_id', '=', 'r.id')
        .where('c.removed_at', 'is', null)
        .select((e) => e.fn.countAll<number>().as('n'))
        .as('members'),
    ])
    .orderBy('r.name')
    .execute()
}

/** Every room with its member count, for the board's administration: names only, never contents. */
export async function allRooms(db: Executor, actor: Actor) {
  authorize(actor, 'room.manage')
  return db
    .selectFrom('room as r')
    .select(['r.id', 'r.key', 'r.name', 'r.kind', 'r.created_at'])
    .select((eb) => [
      eb
        .selectFrom('room_member as c')
        .whereRef('c.room_id', '=', 'r.id')
        .where('c.removed_at', 'is', null)
        .select((e) => e.fn.countAll<number>().as('n'))
        .as('members'),
    ])
    .orderBy('r.name')
    .execute()
}

/** The room if the actor is one of its members; otherwise "not found", as if it did not exist. */
export async function roomFor(db: Executor, actor: Actor, key: string, lock = false): Promise<RoomAccess> {
  if (!/^[a-z0-9][a-z0-9-]{0,59}$/.test(key) || !actor.personId) throw new DomainError('not_found')
  let query = db.selectFrom('room').selectAll().where('key', '=', key)
  if (lock) query = query.forUpdate()
  const room = await query.executeTakeFirst()
  if (!room) throw new DomainError('not_found')
  const member = await db
    .selectFrom('room_member')
    .select('role')
    .where('room_id', '=', room.id)
    .where('person_id', '=', actor.personId)
    .where('removed_at', 'is', null)
    .executeTakeFirst()
  if (!member) throw new DomainError('not_found')
  return { room, role: member.role }
}

async function personByEmail(db: Executor, email: string, path: string) {
  const person = await db
    .selectFrom('account as a')
    .innerJoin('person as p', 'p.id', 'a.person_id')
    .select(['p.id', 'p.given_name', 'p.family_name', 'a.email', 'a.language'])
    .where((eb) => eb(eb.fn('lower', ['a.email']), '=', email.trim().toLowerCase()))
    .where('a.disabled_at', 'is', null)
    .executeTakeFirst()
  if (!person) throw fieldError(path, 'room_person_unknown')
  return person
}

export interface RoomInput {
  key: string
  name: string
  kind: RoomKind
  description: string
  chairEmail: string
}

/** Tells a person that they now belong to a room, with the link to it (in their language). */
async function mailAdded(
  trx: Trx,
  person: { email: string; given_name: string; language: 'de' | 'en' },
  room: Room,
  role: RoomRole,
  env: ActionEnv,
): Promise<void> {
  const link = `${env.config.baseUrl}/rooms/${room.key}`
  const de = person.language !== 'en'
  await enqueueMail(trx, {
    to: person.email,
    subject: de ? `Gremienraum „${room.name}“` : `Committee room “${room.name}”`,
    body: de
      ? `Hallo ${person.given_name},\n\ndu gehörst jetzt ${role === 'chair' ? 'als Vorsitz ' : ''}dem Gremienraum „${room.name}“ an: Unterlagen, Sitzungen und Beschlüsse findest du unter\n${link}\n\nNur die Mitglieder des Raums sehen ihn.`
      : `Hello ${person.given_name},\n\nyou now belong to the committee room “${room.name}”${role === 'chair' ? ' as its chair' : ''}: papers, meetings and decisions are at\n${link}\n\nOnly the room's members see it.`,
  })
}

/** The board opens a room and names its chair, who then adds the other members. */
export async function createRoom(trx: Trx, actor: Actor, input: RoomInput, env: ActionEnv): Promise<Room> {
  authorize(actor, 'room.manage')
  if (!/^[a-z0-9][a-z0-9-]{0,59}$/.test(input.key)) throw fieldError('key', 'room_key_invalid')
  const chair = await personByEmail(trx, input.chairEmail, 'chairEmail')
  const taken = await trx.selectFrom('room').select('id').where('key', '=', input.key).executeTakeFirst()
  if (taken) throw fieldError('key', 'room_key_taken')
  const now = env.clock.now()
  const room = await trx
    .insertInto('room')
    .values({
      key: input.key,
      name: input.name,
      kind: input.kind,
      description: input.description,
      created_at: now,
      created_by: actor.label,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  await trx
    .insertInto('room_member')
    .values({ room_id: room.id, person_id: chair.id, role: 'chair', added_at: now, added_by: actor.label })
    .execute()
  await mailAdded(trx, chair, room, 'chair', env)
  await audit(
    trx,
    actor,
    {
      action: 'room.created',
      subjectType: 'room',
      subjectId: room.id,
      after: { key: room.key, name: room.name, kind: room.kind, chair: chair.email },
    },
    env.clock,
  )
  return room
}

function requireChair(access: RoomAccess): void {
  if (access.role !== 'chair') throw new DomainError('forbidden')
}

/** The chair adds a person (by the email of their account) as member or as another chair. */
export async function addRoomMember(
  trx: Trx,
  actor: Actor,
  key: string,
  input: { email: string; role: RoomRole },
  env: ActionEnv,
): Promise<void> {
  const access = await roomFor(trx, actor, key, true)
  requireChair(access)
  const person = await personByEmail(trx, input.email, 'email')
  const existing = await trx
    .selectFrom('room_member')
    .select('id')
    .where('room_id', '=', access.room.id)
    .where('person_id', '=', person.id)
    .where('removed_at', 'is', null)
    .executeTakeFirst()
  if (existing) throw fieldError('email', 'room_already_member')
  const now = env.clock.now()
  const row = await trx
    .insertInto('room_member')
    .values({ room_id: access.room.id, person_id: person.id, role: input.role, added_at: now, added_by: actor.label })
    .returning('id')
    .executeTakeFirstOrThrow()
  await mailAdded(trx, person, access.room, input.role, env)
  await audit(
    trx,
    actor,
    {
      action: 'room.member_added',
      subjectType: 'room',
      subjectId: access.room.id,
      after: { member: row.id, person: person.id, email: person.email, role: input.role },
    },
    env.clock,
  )
}

/** The chair removes a member; the last chair cannot leave the room without a successor. */
export async function removeRoomMember(
  trx: Trx,
  actor: Actor,
  key: string,
  memberId: string,
  env: ActionEnv,
): Promise<void> {
  const access = await roomFor(trx, actor, key, true)
  requireChair(access)
  const member = await trx
    .selectFrom('room_member')
    .selectAll()
    .where('id', '=', memberId)
    .where('room_id', '=', access.room.id)
    .where('removed_at', 'is', null)
    .executeTakeFirst()
  if (!member) throw new DomainError('not_found')
  if (member.role === 'chair') {
    const chairs = await trx
      .selectFrom('room_member')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('room_id', '=', access.room.id)
      .where('role', '=', 'chair')
      .where('removed_at', 'is', null)
      .executeTakeFirstOrThrow()
    if (Number(chairs.n) <= 1) throw fieldError('member', 'room_last_chair')
  }
  await trx
    .updateTable('room_member')
    .set({ removed_at: env.clock.now(), removed_by: actor.label })
    .where('id', '=', member.id)
    .execute()
  await audit(
    trx,
    actor,
    {
      action: 'room.member_removed',
      subjectType: 'room',
      subjectId: access.room.id,
      before: { member: member.id, person: member.person_id, role: member.role },
    },
    env.clock,
  )
}

/** Members of the room with their names, the chairs first. */
export async function roomMembers(db: Executor, roomId: string) {
  return db
    .selectFrom('room_member as m')
    .innerJoin('person as p', 'p.id', 'm.person_id')
    .select(['m.id', 'm.role', 'm.added_at', 'p.id as person_id', 'p.given_name', 'p.family_name', 'p.email'])
    .where('m.room_id', '=', roomId)
    .where('m.removed_at', 'is', null)
    .orderBy('m.role')
    .orderBy('p.family_name')
    .orderBy('p.given_name')
    .execute()
}

/**
 * A member uploads a document, or a new version of one: the type is taken from the bytes, the size is at most
 * 10 MB, the hash is kept; earlier versions stay.
 */
export async function uploadDocument(
  trx: Trx,
  actor: Actor,
  key: string,
  input: { documentId: string | null; title: string; note: string; file: Upload | undefined },
  env: ActionEnv,
): Promise<{ documentId: string; version: number }> {
  const access = await roomFor(trx, actor, key, true)
  const file = input.file
  if (!file || file.bytes.byteLength === 0) throw fieldError('file', 'file_required')
  if (file.bytes.byteLength > maxDocumentBytes) throw fieldError('file', 'file_too_large')
  const filename = cleanFilename(file.name)
  const type = detectDocumentType(filename, file.bytes)
  if (!type) throw fieldError('file', 'file_type_not_allowed')
  const now = env.clock.now()
  let documentId = input.documentId
  if (documentId) {
    const doc = await trx
      .selectFrom('room_document')
      .select('id')
      .where('id', '=', documentId)
      .where('room_id', '=', access.room.id)
      .executeTakeFirst()
    if (!doc) throw new DomainError('not_found')
  } else {
    if (!input.title.trim()) throw fieldError('title', 'required')
    const doc = await trx
      .insertInto('room_document')
      .values({ room_id: access.room.id, title: input.title.trim(), created_at: now, created_by: actor.label })
      .returning('id')
      .executeTakeFirstOrThrow()
    documentId = doc.id
  }
  const last = await trx
    .selectFrom('room_document_version')
    .select((eb) => eb.fn.max('version').as('v'))
    .where('document_id', '=', documentId)
    .executeTakeFirst()
  const version = Number(last?.v ?? 0) + 1
  const sha256 = createHash('sha256').update(file.bytes).digest('hex')
  const row = await trx
    .insertInto('room_document_version')
    .values({
      document_id: documentId,
      version,
      filename,
      content_type: type.contentType,
      size_bytes: file.bytes.byteLength,
      sha256,
      content: file.bytes,
      note: input.note,
      uploaded_at: now,
      uploaded_by: actor.label,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await audit(
    trx,
    actor,
    {
      action: version === 1 ? 'room.document_uploaded' : 'room.document_version_uploaded',
      subjectType: 'room',
      subjectId: access.room.id,
      after: { document: documentId, version, versionId: row.id, filename, size: file.bytes.byteLength, sha256 },
    },
    env.clock,
  )
  return { documentId, version }
}

/** The documents of a room with their newest version. */
export async function roomDocuments(db: Executor, roomId: string) {
  return db
    .selectFrom('room_document as d')
    .innerJoin('room_document_version as v', 'v.document_id', 'd.id')
    .where('d.room_id', '=', roomId)
    .where((eb) =>
      eb(
        'v.version',
        '=',
        eb
          .selectFrom('room_document_version as w')
          .whereRef('w.document_id', '=', 'd.id')
          .select((e) => e.fn.max('w.version').as('m')),
      ),
    )
    .select(['d.id', 'd.title', 'v.version', 'v.filename', 'v.size_bytes', 'v.uploaded_at', 'v.uploaded_by'])
    .orderBy('v.uploaded_at', 'desc')
    .execute()
}

/** One document with every version and who opened which when. */
export async function roomDocument(db: Executor, roomId: string, documentId: string) {
  if (!/^[0-9a-f-]{36}$/.test(documentId)) throw new DomainError('not_found')
  const doc = await db
    .selectFrom('room_document')
    .selectAll()
    .where('id', '=', documentId)
    .where('room_id', '=', roomId)
    .executeTakeFirst()
  if (!doc) throw new DomainError('not_found')
  const versions = await db
    .selectFrom('room_document_version')
    .select(['id', 'version', 'filename', 'content_type', 'size_bytes', 'sha256', 'note', 'uploaded_at', 'uploaded_by'])
    .where('document_id', '=', documentId)
    .orderBy('version', 'desc')
    .execute()
  const accesses = await db
    .selectFrom('room_access as a')
    .innerJoin('room_document_version as v', 'v.id', 'a.version_id')
    .select(['a.actor', 'a.at', 'v.version'])
    .where('v.document_id', '=', documentId)
    .orderBy('a.at', 'desc')
    .limit(200)
    .execute()
  return { doc, versions, accesses }
}

/** Opens a version for download and logs who opened it, in the same transaction. */
export async function openVersion(
  trx: Trx,
  actor: Actor,
  key: string,
  documentId: string,
  version: number,
  env: ActionEnv,
) {
  const access = await roomFor(trx, actor, key)
  const { doc } = await roomDocument(trx, access.room.id, documentId)
  const row = await trx
    .selectFrom('room_document_version')
    .selectAll()
    .where('document_id', '=', doc.id)
    .where('version', '=', version)
    .executeTakeFirst()
  if (!row) throw new DomainError('not_found')
  await trx
    .insertInto('room_access')
    .values({
      room_id: access.room.id,
      version_id: row.id,
      person_id: personOf(actor),
      actor: actor.label,
      at: env.clock.now(),
    })
    .execute()
  return row
}

export interface MeetingInput {
  title: string
  startsAt: Date
  location: string
  agenda: string
}

export async function createMeeting(trx: Trx, actor: Actor, key: string, input: MeetingInput, env: ActionEnv) {
  const access = await roomFor(trx, actor, key)
  const row = await trx
    .insertInto('room_meeting')
    .values({
      room_id: access.room.id,
      title: input.title,
      starts_at: input.startsAt,
      location: input.location,
      agenda: input.agenda,
      created_at: env.clock.now(),
      created_by: actor.label,
    })
    .returning(['id'])
    .executeTakeFirstOrThrow()
  await audit(
    trx,
    actor,
    {
      action: 'room.meeting_scheduled',
      subjectType: 'room',
      subjectId: access.room.id,
      after: { meeting: row.id, title: input.title, startsAt: input.startsAt.toISOString(), location: input.location },
    },
    env.clock,
  )
  return row
}

export async function roomMeetings(db: Executor, roomId: string) {
  return db
    .selectFrom('room_meeting')
    .selectAll()
    .where('room_id', '=', roomId)
    .orderBy('starts_at', 'desc')
    .limit(100)
    .execute()
}

export interface DecisionInput {
  text: string
  decidedOn: string
  yes: number
  no: number
  abstain: number
  meetingId: string | null
  replacesId: string | null
}

/** A decision of the body with its vote; numbered per room and year; a correction names what it replaces. */
export async function recordDecision(trx: Trx, actor: Actor, key: string, input: DecisionInput, env: ActionEnv) {
  const access = await roomFor(trx, actor, key, true)
  if (input.yes + input.no + input.abstain === 0) throw fieldError('yes', 'decision_votes_required')
  for (const [id, path] of [
    [input.meetingId, 'meetingId'],
    [input.replacesId, 'replacesId'],
  ] as const) {
    if (!id) continue
    const table = path === 'meetingId' ? 'room_meeting' : 'room_decision'
    const found = /^[0-9a-f-]{36}$/.test(id)
      ? await trx
          .selectFrom(table)
          .select('id')
          .where('id', '=', id)
          .where('room_id', '=', access.room.id)
          .executeTakeFirst()
      : undefined
    if (!found) throw fieldError(path, 'invalid_choice')
  }
  const year = Number(input.decidedOn.slice(0, 4))
  const count = await trx
    .selectFrom('room_decision')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('room_id', '=', access.room.id)
    .where('ref', 'like', `B-${year}-%`)
    .executeTakeFirstOrThrow()
  const outcome = decisionOutcome(input.yes, input.no)
  const row = await trx
    .insertInto('room_decision')
    .values({
      room_id: access.room.id,
      ref: decisionRef(year, Number(count.n) + 1),
      meeting_id: input.meetingId,
      text: input.text,
      decided_on: input.decidedOn,
      votes_yes: input.yes,
      votes_no: input.no,
      votes_abstain: input.abstain,
      outcome,
      replaces_id: input.replacesId,
      recorded_at: env.clock.now(),
      recorded_by: actor.label,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  await recordResolution(
    trx,
    actor,
    {
      source: 'room_decision',
      roomDecisionId: row.id,
      roomId: access.room.id,
      body: access.room.name,
      title: row.ref,
      text: row.text,
      decidedOn: row.decided_on,
      votes: { yes: input.yes, no: input.no, abstain: input.abstain },
      outcome,
      link: `/rooms/${access.room.key}#decisions`,
    },
    env,
  )
  await audit(
    trx,
    actor,
    {
      action: 'room.decision_recorded',
      subjectType: 'room',
      subjectId: access.room.id,
      after: {
        ref: row.ref,
        text: row.text,
        decidedOn: row.decided_on,
        votes: { yes: input.yes, no: input.no, abstain: input.abstain },
        outcome,
        replaces: input.replacesId,
      },
    },
    env.clock,
  )
  return row
}

export async function roomDecisions(db: Executor, roomId: string) {
  return db
    .selectFrom('room_decision')
    .selectAll()
    .where('room_id', '=', roomId)
    .orderBy('recorded_at', 'desc')
    .limit(500)
    .execute()
}

/** Today in Berlin, the default date of a decision. */
export function today(env: ActionEnv): string {
  return todayIn(env.clock.now())
}
