import type { Executor, Trx } from '../db/db.ts'
import type { Assembly } from '../db/schema-governance.ts'
import { toWallTime } from '../events/event-time.ts'
import type { Actor } from '../platform/actor.ts'
import { audit } from '../platform/audit.ts'
import type { ActionEnv } from '../platform/context.ts'
import { DomainError } from '../platform/errors.ts'
import { authorize, can } from '../platform/policy.ts'
import { type AgendaItemView, type AssemblyView, toAgendaItemView, toAssemblyView } from './assemblies.model.ts'
import {
  agendaRows,
  assemblyIdsFor,
  findAssemblyByRef,
  insertAssembly,
  listAssemblyRows,
  lockAssembly,
  nextAssemblyNumber,
  updateAssemblyRow,
} from './assemblies.repo.ts'
import type { AssemblyInput } from './assemblies.schema.ts'
import { assemblyDay, assemblyFieldIssues, assemblyRef } from './assembly.rules.ts'
import { notifyInvitees } from './invitations.actions.ts'
import { settingsToday } from './voters.actions.ts'

/** Assembly references: GV-2026-001 or SI-2026-001; anything else is not found without a query. */
export function isAssemblyRef(value: string | undefined): value is string {
  return typeof value === 'string' && /^(GV|SI)-\d{4}-\d{3,9}$/.test(value)
}

export interface AssemblyAccess {
  /** The board and staff: prepare, invite, open, close. */
  manage: boolean
  /** On the roll (own member, representative, proxy holder): sees the access details. */
  invited: boolean
  /** Board, supervisory board, staff, auditors. */
  readAll: boolean
}

async function accessTo(db: Executor, actor: Actor, row: Assembly): Promise<AssemblyAccess> {
  const manage = can(actor, 'assembly.manage')
  const readAll = can(actor, 'governance.read_all')
  const scoped = actor.scopes === null || actor.scopes.has('governance:read')
  const invited =
    scoped && actor.personId !== null && row.status !== 'draft'
      ? (await assemblyIdsFor(db, actor.personId)).includes(row.id)
      : false
  return { manage, invited, readAll }
}

/** Assemblies the actor may see: every one for the readers, the ones they are invited to for members. */
export async function listAssemblies(db: Executor, actor: Actor): Promise<AssemblyView[]> {
  if (actor.kind === 'anonymous') throw new DomainError('unauthenticated')
  const readAll = can(actor, 'governance.read_all')
  const manage = can(actor, 'assembly.manage')
  const scoped = actor.scopes === null || actor.scopes.has('governance:read')
  const ids = readAll ? 'all' : scoped && actor.personId ? await assemblyIdsFor(db, actor.personId) : []
  const rows = await listAssemblyRows(db, { ids })
  const invitedIds = new Set(readAll && actor.personId ? await assemblyIdsFor(db, actor.personId) : [])
  return rows
    .filter((r) => readAll || r.status !== 'draft')
    .map((r) => toAssemblyView(r, { showAccess: manage || invitedIds.has(r.id) || !readAll }))
}

export interface AssemblyDetail {
  assembly: AssemblyView
  agenda: AgendaItemView[]
  access: AssemblyAccess
}

/** One assembly with its agenda; not found for those who may not see it (its existence is not revealed). */
export async function getAssembly(db: Executor, actor: Actor, ref: string, now: Date): Promise<AssemblyDetail> {
  if (actor.kind === 'anonymous') throw new DomainError('unauthenticated')
  const row = isAssemblyRef(ref) ? await findAssemblyByRef(db, ref) : undefined
  if (!row) throw new DomainError('not_found')
  const access = await accessTo(db, actor, row)
  if (!access.readAll && !access.invited) throw new DomainError('not_found')
  const assembly = toAssemblyView(row, { showAccess: access.manage || access.invited })
  const settings = await settingsToday(db, now)
  const agenda = (await agendaRows(db, row.id)).map((item) => toAgendaItemView(item, assembly, settings))
  return { assembly, agenda, access }
}

function validate(input: AssemblyInput, now: Date, startChanged: boolean) {
  const registerDate = input.registerDate ?? assemblyDay(input.startsAt)
  const issues = assemblyFieldIssues({ ...input, registerDate }, { now, startChanged })
  if (issues.length) throw new DomainError('validation', 'assembly', issues)
  return registerDate
}

function auditFields(row: Assembly) {
  return {
    ref: row.ref,
    body: row.body,
    kind: row.kind,
    form: row.form,
    title: row.title,
    startsAt: new Date(row.starts_at).toISOString(),
    endsAt: new Date(row.ends_at).toISOString(),
    location: row.location,
    onlineUrl: row.online_url,
    votingStartsAt: row.voting_starts_at ? new Date(row.voting_starts_at).toISOString() : null,
    votingEndsAt: row.voting_ends_at ? new Date(row.voting_ends_at).toISOString() : null,
    registerDate: row.register_date,
    status: row.status,
  }
}

/** The board calls an assembly: a draft until the invitation is sent. The register date defaults to its day. */
export async function createAssembly(
  trx: Trx,
  actor: Actor,
  input: AssemblyInput,
  env: ActionEnv,
): Promise<AssemblyView> {
  authorize(actor, 'assembly.manage')
  const now = env.clock.now()
  const registerDate = validate(input, now, true)
  const year = Number(toWallTime(input.startsAt).date.slice(0, 4))
  const row = await insertAssembly(trx, {
    ref: assemblyRef(input.body, year, await nextAssemblyNumber(trx)),
    body: input.body,
    kind: input.kind,
    form: input.form,
    title: input.title,
    starts_at: input.startsAt,
    ends_at: input.endsAt,
    location: input.location,
    online_url: input.onlineUrl,
    access_note: input.accessNote,
    voting_starts_at: input.form === 'stretched' ? input.votingStartsAt : null,
    voting_ends_at: input.form === 'stretched' ? input.votingEndsAt : null,
    register_date: registerDate,
    created_at: now,
    created_by: actor.label,
    updated_at: now,
    updated_by: actor.label,
  })
  await audit(
    trx,
    actor,
    { action: 'assembly.created', subjectType: 'assembly', subjectId: row.id, after: auditFields(row) },
    env.clock,
  )
  return toAssemblyView(row, { showAccess: true })
}

async function lockChangeable(trx: Trx, ref: string): Promise<Assembly> {
  const row = isAssemblyRef(ref) ? await lockAssembly(trx, ref) : undefined
  if (!row) throw new DomainError('not_found')
  if (row.status !== 'draft' && row.status !== 'invited')
    throw new DomainError('conflict', `an assembly that is ${row.status} cannot be changed`)
  return row
}

/**
 * The board changes an assembly before it opens. The body stays (a general assembly does not become a board
 * meeting). After the invitation a new time, place, form or access goes to everyone invited as a change notice;
 * the §46 (1) period is not counted again from it (it is the board's to judge whether a move needs a new
 * invitation).
 */
export async function updateAssembly(
  trx: Trx,
  actor: Actor,
  ref: string,
  input: AssemblyInput,
  env: ActionEnv,
): Promise<{ assembly: AssemblyView; notified: number }> {
  authorize(actor, 'assembly.manage')
  const now = env.clock.now()
  const before = await lockChangeable(trx, ref)
  const startChanged = new Date(before.starts_at).getTime() !== input.startsAt.getTime()
  const registerDate = validate(input, now, startChanged)
  const row = await updateAssemblyRow(trx, before.id, {
    kind: before.body === 'general_assembly' ? input.kind : 'meeting',
    form: input.form,
    title: input.title,
    starts_at: input.startsAt,
    ends_at: input.endsAt,
    location: input.location,
    online_url: input.onlineUrl,
    access_note: input.accessNote,
    voting_starts_at: input.form === 'stretched' ? input.votingStartsAt : null,
    voting_ends_at: input.form === 'stretched' ? input.votingEndsAt : null,
    register_date: registerDate,
    updated_at: now,
    updated_by: actor.label,
  })
  const a = auditFields(before)
  const b = auditFields(row)
  const noticeWorthy =
    (['startsAt', 'endsAt', 'location', 'onlineUrl', 'form', 'votingStartsAt', 'votingEndsAt'] as const).some(
      (k) => a[k] !== b[k],
    ) || before.access_note !== row.access_note
  let notified = 0
  if (row.status === 'invited' && noticeWorthy)
    notified = await notifyInvitees(trx, actor, row, 'change', env, { settings: await settingsToday(trx, now) })
  await audit(
    trx,
    actor,
    { action: 'assembly.updated', subjectType: 'assembly', subjectId: row.id, before: a, after: { ...b, notified } },
    env.clock,
  )
  return { assembly: toAssemblyView(row, { showAccess: true }), notified }
}

/** The board cancels an assembly before it opens; everyone invited gets the cancellation (and a calendar CANCEL). */
export async function cancelAssembly(
  trx: Trx,
  actor: Actor,
  ref: string,
  input: { reason: string },
  env: ActionEnv,
): Promise<{ assembly: AssemblyView; notified: number }> {
  authorize(actor, 'assembly.manage')
  const now = env.clock.now()
  const before = await lockChangeable(trx, ref)
  const row = await updateAssemblyRow(trx, before.id, {
    status: 'cancelled',
    cancel_reason: input.reason,
    updated_at: now,
    updated_by: actor.label,
  })
  const notified =
    before.status === 'invited'
      ? await notifyInvitees(trx, actor, row, 'cancellation', env, {
          settings: await settingsToday(trx, now),
          reason: input.reason,
        })
      : 0
  await audit(
    trx,
    actor,
    {
      action: 'assembly.cancelled',
      subjectType: 'assembly',
      subjectId: row.id,
      before: { status: before.status },
      after: { status: 'cancelled', notified },
      reason: input.reason,
    },
    env.clock,
  )
  return { assembly: toAssemblyView(row, { showAccess: true }), notified }
}

/** The board opens an invited assembly; the chair is the given person (the opening board member by default). */
export async function openAssembly(
  trx: Trx,
  actor: Actor,
  ref: string,
  input: { chairPersonId?: string | null },
  env: ActionEnv,
): Promise<AssemblyView> {
  authorize(actor, 'assembly.manage')
  const now = env.clock.now()
  const before = isAssemblyRef(ref) ? await lockAssembly(trx, ref) : undefined
  if (!before) throw new DomainError('not_found')
  if (before.status !== 'invited')
    throw new DomainError('conflict', `an assembly that is ${before.status} cannot be opened`)
  const chair = input.chairPersonId ?? actor.personId
  if (chair) {
    const person = await trx.selectFrom('person').select('id').where('id', '=', chair).executeTakeFirst()
    if (!person) throw new DomainError('validation', 'chair', [{ path: 'chairPersonId', message: 'invalid' }])
  }
  const row = await updateAssemblyRow(trx, before.id, {
    status: 'open',
    opened_at: now,
    chair_person_id: chair,
    updated_at: now,
    updated_by: actor.label,
  })
  await audit(
    trx,
    actor,
    { action: 'assembly.opened', subjectType: 'assembly', subjectId: row.id, after: { chairPersonId: chair } },
    env.clock,
  )
  return toAssemblyView(row, { showAccess: true })
}

/** The board closes an open assembly; whoever is still present is checked out with the close. */
export async function closeAssembly(trx: Trx, actor: Actor, ref: string, env: ActionEnv): Promise<AssemblyView> {
  authorize(actor, 'assembly.manage')
  const now = env.clock.now()
  const before = isAssemblyRef(ref) ? await lockAssembly(trx, ref) : undefined
  if (!before) throw new DomainError('not_found')
  if (before.status !== 'open')
    throw new DomainError('conflict', `an assembly that is ${before.status} cannot be closed`)
  const row = await updateAssemblyRow(trx, before.id, {
    status: 'closed',
    closed_at: now,
    updated_at: now,
    updated_by: actor.label,
  })
  await trx
    .updateTable('assembly_attendance')
    .set({ checked_out_at: now })
    .where('assembly_id', '=', row.id)
    .where('checked_out_at', 'is', null)
    .execute()
  await audit(trx, actor, { action: 'assembly.closed', subjectType: 'assembly', subjectId: row.id }, env.clock)
  return toAssemblyView(row, { showAccess: true })
}
