import type { Executor, Trx } from '../db/db.ts'
import type { Assembly, Motion, MotionStatus } from '../db/schema-governance.ts'
import type { Actor, ApiScope } from '../platform/actor.ts'
import { audit } from '../platform/audit.ts'
import type { ActionEnv } from '../platform/context.ts'
import { todayIn } from '../platform/dates.ts'
import { DomainError, fieldError } from '../platform/errors.ts'
import { authorize, can } from '../platform/policy.ts'
import { statutesOn } from '../statutes/statutes.actions.ts'
import {
  amendmentsOf,
  findAssembly,
  findMotion,
  insertSupporter,
  lockAssembly,
  lockMotion,
  lockMotionById,
  motionRefs,
  motionsOf,
  personNames,
  type RollEntry,
  rollEntriesFor,
  supportersOf,
} from './motions.repo.ts'
import {
  acceptsMotions,
  allows,
  type DiffPart,
  isMotionRef,
  majorityFor,
  motionRef,
  nextNumber,
  tooLateToDecide,
  wordDiff,
} from './motions.rules.ts'
import type { MotionInput, SupportInput } from './motions.schema.ts'

/**
 * Motions for an assembly: submitted by a member (through whoever speaks for it) or the board, supported by
 * other members, admitted by the board, withdrawn by the submitter; amendments carry the whole amended text.
 * Who may read: the board and the readers (governance.read_all), and the people of the members on the
 * assembly's voter roll. Everyone else gets not_found: an assembly's motions do not reveal themselves.
 */

export interface MotionAccess {
  assembly: Assembly
  /** The board (and staff for it): admit, submit without a member. */
  manage: boolean
  /** Members on the roll this person may act for (motions, support, amendments). */
  actsFor: RollEntry[]
}

export function scopeAllows(actor: Actor, scope: ApiScope): boolean {
  return actor.scopes === null || actor.scopes.has(scope)
}

/** Loads the assembly and what the actor may do there; not_found unless they may read its motions. */
export async function motionAccess(db: Executor, actor: Actor, assemblyRef: string): Promise<MotionAccess> {
  if (actor.kind === 'anonymous') throw new DomainError('unauthenticated')
  const assembly = /^(GV|SI)-\d{4}-\d{3,9}$/.test(assemblyRef) ? await findAssembly(db, assemblyRef) : undefined
  if (!assembly) throw new DomainError('not_found')
  const entries = await rollEntriesFor(db, assembly.id, actor.personId, [...actor.orgs.keys()])
  const own = (e: RollEntry) =>
    actor.personId !== null && (e.personId === actor.personId || e.representativePersonId === actor.personId)
  const readable = entries.filter(
    (e) =>
      (e.organisationId !== null && can(actor, 'assembly.read', e.organisationId)) ||
      (own(e) && scopeAllows(actor, 'governance:read')),
  )
  const actsFor = entries.filter(
    (e) =>
      (e.organisationId !== null && can(actor, 'assembly.act', e.organisationId)) ||
      (own(e) && scopeAllows(actor, 'governance:write')),
  )
  const manage = can(actor, 'assembly.manage')
  if (!manage && !can(actor, 'governance.read_all') && readable.length === 0) throw new DomainError('not_found')
  return { assembly, manage, actsFor }
}

export interface MotionView {
  id: string
  ref: string
  title: string
  body: string
  reasons: string
  status: MotionStatus
  statuteChange: boolean
  majority: Motion['majority']
  submittedByPersonId: string | null
  submittedBy: string | null
  submittedAt: Date
  decidedAt: Date | null
  supporters: number
  amendments: number
  /** Submitted less than the statutes' agenda period before the assembly (§46 (2) GenG). */
  late: boolean
}

export interface AmendmentView {
  id: string
  ref: string
  body: string
  reasons: string
  status: MotionStatus
  submittedByPersonId: string | null
  submittedBy: string | null
  submittedAt: Date
  diff: DiffPart[]
}

async function agendaDays(db: Executor, assembly: Assembly): Promise<number> {
  return (await statutesOn(db, todayIn(new Date(assembly.starts_at)))).settings.agendaDays
}

function toView(
  row: Motion & { supporters?: string | number | null; amendments?: string | number | null },
  names: Map<string, string>,
  assembly: Assembly,
  days: number,
): MotionView {
  return {
    id: row.id,
    ref: row.ref,
    title: row.title,
    body: row.body,
    reasons: row.reasons,
    status: row.status,
    statuteChange: row.statute_change,
    majority: row.majority,
    submittedByPersonId: row.submitted_by_person_id,
    submittedBy: row.submitted_by_person_id ? (names.get(row.submitted_by_person_id) ?? null) : null,
    submittedAt: new Date(row.submitted_at),
    decidedAt: row.decided_at ? new Date(row.decided_at) : null,
    supporters: Number(row.supporters ?? 0),
    amendments: Number(row.amendments ?? 0),
    late: tooLateToDecide(new Date(row.submitted_at), new Date(assembly.starts_at), days),
  }
}

/** The motions of an assembly in the order of their references. */
export async function listMotions(db: Executor, actor: Actor, input: { assembly: string }) {
  const access = await motionAccess(db, actor, input.assembly)
  const rows = await motionsOf(db, access.assembly.id)
  const names = await personNames(db, [
    ...new Set(rows.flatMap((r) => (r.submitted_by_person_id ? [r.submitted_by_person_id] : []))),
  ])
  const days = await agendaDays(db, access.assembly)
  return { access, agendaDays: days, motions: rows.map((r) => toView(r, names, access.assembly, days)) }
}

/** One motion with its supporters and its amendments (each with the word diff against the motion's text). */
export async function getMotion(db: Executor, actor: Actor, input: { assembly: string; motion: string }) {
  const access = await motionAccess(db, actor, input.assembly)
  const row = isMotionRef(input.motion) ? await findMotion(db, access.assembly.id, input.motion) : undefined
  if (!row) throw new DomainError('not_found')
  const supporters = await supportersOf(db, row.id)
  const amendmentRows = await amendmentsOf(db, row.id)
  const names = await personNames(db, [
    ...new Set([row, ...amendmentRows].flatMap((r) => (r.submitted_by_person_id ? [r.submitted_by_person_id] : []))),
  ])
  const days = await agendaDays(db, access.assembly)
  const motion = toView(
    { ...row, supporters: supporters.length, amendments: amendmentRows.length },
    names,
    access.assembly,
    days,
  )
  const amendments: AmendmentView[] = amendmentRows.map((a) => ({
    id: a.id,
    ref: a.ref,
    body: a.body,
    reasons: a.reasons,
    status: a.status,
    submittedByPersonId: a.submitted_by_person_id,
    submittedBy: a.submitted_by_person_id ? (names.get(a.submitted_by_person_id) ?? null) : null,
    submittedAt: new Date(a.submitted_at),
    diff: wordDiff(row.body, a.body),
  }))
  return { access, agendaDays: days, motion, supporters, amendments }
}

/** The member an actor acts for: the one asked for, or the only one; the board may act without one. */
export function actingMember(access: MotionAccess, memberId: string | null, required: boolean): RollEntry | null {
  if (memberId) {
    const entry = access.actsFor.find((e) => e.memberId === memberId)
    if (!entry) throw fieldError('memberId', 'motion_member_not_yours')
    return entry
  }
  if (access.actsFor.length === 1) return access.actsFor[0]!
  if (access.actsFor.length > 1) throw fieldError('memberId', 'motion_member_choose')
  if (required || !access.manage) throw new DomainError('forbidden', 'assembly.act')
  return null
}

async function lockOpenAssembly(trx: Trx, actor: Actor, ref: string): Promise<MotionAccess> {
  const access = await motionAccess(trx, actor, ref)
  const assembly = await lockAssembly(trx, ref)
  if (!assembly) throw new DomainError('not_found')
  if (!acceptsMotions(assembly.status)) throw new DomainError('conflict', `assembly is ${assembly.status}`)
  return { ...access, assembly }
}

export function requirePerson(actor: Actor): string {
  if (!actor.personId) throw new DomainError('forbidden', 'acting for a member needs a person')
  return actor.personId
}

/**
 * A member (through whoever speaks for it on the roll) or the board submits a motion for an assembly that is
 * prepared or running. References run A1, A2, … per assembly under the assembly's lock. A statute change
 * always needs three quarters of the votes cast (§16 (2) GenG).
 */
export async function submitMotion(
  trx: Trx,
  actor: Actor,
  input: MotionInput & { assembly: string },
  env: ActionEnv,
): Promise<MotionView> {
  const access = await lockOpenAssembly(trx, actor, input.assembly)
  const member = actingMember(access, input.memberId, false)
  if (member) requirePerson(actor)
  const now = env.clock.now()
  const ref = motionRef(nextNumber(await motionRefs(trx, access.assembly.id)))
  const row = await trx
    .insertInto('motion')
    .values({
      assembly_id: access.assembly.id,
      ref,
      title: input.title,
      body: input.body,
      reasons: input.reasons,
      statute_change: input.statuteChange,
      majority: majorityFor(input.statuteChange, input.majority),
      submitted_by_person_id: actor.personId,
      submitted_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  // the submitting member supports its own motion
  if (member)
    await insertSupporter(trx, {
      motion_id: row.id,
      member_id: member.memberId,
      person_id: actor.personId!,
      supported_at: now,
    })
  await audit(
    trx,
    actor,
    {
      action: 'motion.submitted',
      subjectType: 'motion',
      subjectId: row.id,
      organisationId: member?.organisationId ?? null,
      after: {
        assembly: access.assembly.ref,
        ref,
        title: row.title,
        statuteChange: row.statute_change,
        majority: row.majority,
        memberId: member?.memberId ?? null,
      },
    },
    env.clock,
  )
  return toView(
    { ...row, supporters: member ? 1 : 0 },
    new Map(),
    access.assembly,
    await agendaDays(trx, access.assembly),
  )
}

export async function lockMotionIn(trx: Trx, actor: Actor, input: { assembly: string; motion: string }) {
  const access = await lockOpenAssembly(trx, actor, input.assembly)
  const motion = isMotionRef(input.motion) ? await lockMotion(trx, access.assembly.id, input.motion) : undefined
  if (!motion) throw new DomainError('not_found')
  return { access, motion }
}

/** A member on the roll supports a motion: one row per member, a second support is refused. */
export async function supportMotion(
  trx: Trx,
  actor: Actor,
  input: SupportInput & { assembly: string; motion: string },
  env: ActionEnv,
): Promise<void> {
  const { access, motion } = await lockMotionIn(trx, actor, input)
  const member = actingMember(access, input.memberId, true)!
  const personId = requirePerson(actor)
  if (!allows(motion.status, 'support')) throw new DomainError('conflict', `motion is ${motion.status}`)
  const now = env.clock.now()
  const added = await insertSupporter(trx, {
    motion_id: motion.id,
    member_id: member.memberId,
    person_id: personId,
    supported_at: now,
  })
  if (!added) throw fieldError('memberId', 'motion_already_supported')
  await audit(
    trx,
    actor,
    {
      action: 'motion.supported',
      subjectType: 'motion',
      subjectId: motion.id,
      organisationId: member.organisationId,
      after: { assembly: access.assembly.ref, ref: motion.ref, memberId: member.memberId },
    },
    env.clock,
  )
}

async function setMotionStatus(
  trx: Trx,
  actor: Actor,
  motion: Motion,
  status: MotionStatus,
  action: string,
  env: ActionEnv,
  extra: { decided_at?: Date } = {},
): Promise<void> {
  await trx
    .updateTable('motion')
    .set({ status, ...extra })
    .where('id', '=', motion.id)
    .execute()
  await audit(
    trx,
    actor,
    {
      action,
      subjectType: 'motion',
      subjectId: motion.id,
      before: { status: motion.status },
      after: { status, ref: motion.ref, ...(extra.decided_at ? { decidedAt: extra.decided_at.toISOString() } : {}) },
    },
    env.clock,
  )
}

/** The board admits a submitted motion to the assembly. */
export async function admitMotion(
  trx: Trx,
  actor: Actor,
  input: { assembly: string; motion: string },
  env: ActionEnv,
): Promise<void> {
  authorize(actor, 'assembly.manage')
  const { motion } = await lockMotionIn(trx, actor, input)
  if (!allows(motion.status, 'admit')) throw new DomainError('conflict', `motion is ${motion.status}`)
  await setMotionStatus(trx, actor, motion, 'admitted', 'motion.admitted', env)
}

/** The submitter withdraws their motion before it is voted on. */
export async function withdrawMotion(
  trx: Trx,
  actor: Actor,
  input: { assembly: string; motion: string },
  env: ActionEnv,
): Promise<void> {
  const { motion } = await lockMotionIn(trx, actor, input)
  if (!actor.personId || motion.submitted_by_person_id !== actor.personId || !scopeAllows(actor, 'governance:write'))
    throw new DomainError('forbidden', 'only the submitter withdraws')
  if (!allows(motion.status, 'withdraw')) throw new DomainError('conflict', `motion is ${motion.status}`)
  await setMotionStatus(trx, actor, motion, 'withdrawn', 'motion.withdrawn', env)
}

/**
 * The outcome of the poll on a motion (called by the polls when a poll closes): adopted or rejected, with the
 * time of the decision. Only a motion that was admitted (or is marked voted) gets an outcome, once.
 */
export async function recordMotionOutcome(
  trx: Trx,
  actor: Actor,
  motionId: string,
  outcome: 'adopted' | 'rejected',
  env: ActionEnv,
): Promise<void> {
  authorize(actor, 'assembly.manage')
  const motion = await lockMotionById(trx, motionId)
  if (!motion) throw new DomainError('not_found')
  if (!allows(motion.status, 'decide')) throw new DomainError('conflict', `motion is ${motion.status}`)
  await setMotionStatus(trx, actor, motion, outcome, `motion.${outcome}`, env, { decided_at: env.clock.now() })
}
