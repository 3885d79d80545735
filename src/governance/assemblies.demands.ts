import { sql } from 'kysely'
import type { Executor, Trx } from '../db/db.ts'
import type { Actor } from '../platform/actor.ts'
import { audit } from '../platform/audit.ts'
import type { ActionEnv } from '../platform/context.ts'
import { todayIn } from '../platform/dates.ts'
import { DomainError, fieldError } from '../platform/errors.ts'
import { enqueueMail } from '../platform/mail.ts'
import { can } from '../platform/policy.ts'
import { isAssemblyRef } from './assemblies.actions.ts'
import { findAssemblyByRef } from './assemblies.repo.ts'
import { demandThreshold } from './assembly.rules.ts'
import { membersOn, settingsToday } from './voters.actions.ts'

/**
 * The members' demand (§45 GenG): members demand an assembly, or items on the agenda of one, by co-signing
 * electronically. The threshold is `demandPercent` (a tenth) of the members on the register today; when it is
 * reached the demand is marked reached and the board is mailed. One signature per member.
 */

export interface DemandView {
  id: string
  kind: 'assembly' | 'agenda_items'
  assemblyRef: string | null
  title: string
  reasons: string
  status: 'open' | 'reached' | 'withdrawn'
  createdAt: Date
  reachedAt: Date | null
  signatures: number
  /** Members on the register today and the signatures needed of them (§45 (1) GenG). */
  members: number
  threshold: number
}

/** Members the actor may sign for: those it represents (legal representative) or is (personal member), today. */
export async function signableMembers(db: Executor, actor: Actor, now: Date) {
  if (!actor.personId || (actor.scopes && !actor.scopes.has('governance:write'))) return []
  const current = await membersOn(db, todayIn(now))
  const ids = current
    .filter(
      (m) =>
        m.representative_person_id === actor.personId ||
        (m.organisation_id !== null && can(actor, 'assembly.act', m.organisation_id)),
    )
    .map((m) => m.id)
  if (ids.length === 0) return []
  return db
    .selectFrom('member as m')
    .leftJoin('organisation as o', 'o.id', 'm.organisation_id')
    .leftJoin('person as p', 'p.id', 'm.person_id')
    .select(['m.id', 'm.number', 'o.name as organisation_name', 'p.given_name', 'p.family_name'])
    .where('m.id', 'in', ids)
    .orderBy('m.number')
    .execute()
    .then((rows) =>
      rows.map((r) => ({
        memberId: r.id,
        number: r.number,
        name: r.organisation_name ?? `${r.given_name ?? ''} ${r.family_name ?? ''}`.trim(),
      })),
    )
}

async function requireSignable(db: Executor, actor: Actor, memberId: string, now: Date) {
  if (actor.kind === 'anonymous') throw new DomainError('unauthenticated')
  const members = await signableMembers(db, actor, now)
  if (!members.some((m) => m.memberId === memberId)) throw new DomainError('forbidden', 'assembly.act')
}

async function viewOf(db: Executor, id: string, now: Date): Promise<DemandView> {
  const row = await db
    .selectFrom('assembly_demand as d')
    .leftJoin('assembly as a', 'a.id', 'd.assembly_id')
    .selectAll('d')
    .select([
      'a.ref as assembly_ref',
      sql<number>`(SELECT count(*) FROM assembly_demand_signature s WHERE s.demand_id = d.id)::int`.as('signatures'),
    ])
    .where('d.id', '=', id)
    .executeTakeFirst()
  if (!row) throw new DomainError('not_found')
  const members = (await membersOn(db, todayIn(now))).length
  const threshold = demandThreshold(members, await settingsToday(db, now))
  return {
    id: row.id,
    kind: row.kind,
    assemblyRef: row.assembly_ref,
    title: row.title,
    reasons: row.reasons,
    status: row.status,
    createdAt: new Date(row.created_at),
    reachedAt: row.reached_at ? new Date(row.reached_at) : null,
    signatures: Number(row.signatures),
    members: row.status === 'reached' ? (row.reached_members ?? members) : members,
    threshold: row.status === 'reached' ? (row.reached_threshold ?? threshold) : threshold,
  }
}

/** Adds one member's signature under the demand's lock; marks it reached and mails the board when the threshold is met. */
async function sign(trx: Trx, actor: Actor, demandId: string, memberId: string, env: ActionEnv): Promise<DemandView> {
  const now = env.clock.now()
  const locked = await trx
    .selectFrom('assembly_demand')
    .selectAll()
    .where('id', '=', demandId)
    .forUpdate()
    .executeTakeFirst()
  if (!locked) throw new DomainError('not_found')
  if (locked.status === 'withdrawn') throw new DomainError('conflict', 'the demand was withdrawn')
  const already = await trx
    .selectFrom('assembly_demand_signature')
    .select('member_id')
    .where('demand_id', '=', demandId)
    .where('member_id', '=', memberId)
    .executeTakeFirst()
  if (already) throw fieldError('memberId', 'demand_already_signed')
  await trx
    .insertInto('assembly_demand_signature')
    .values({ demand_id: demandId, member_id: memberId, person_id: actor.personId!, signed_at: now })
    .execute()
  const view = await viewOf(trx, demandId, now)
  await audit(
    trx,
    actor,
    {
      action: 'assembly.demand_signed',
      subjectType: 'assembly_demand',
      subjectId: demandId,
      after: { memberId, signatures: view.signatures },
    },
    env.clock,
  )
  if (locked.status === 'open' && view.signatures >= view.threshold) {
    await trx
      .updateTable('assembly_demand')
      .set({ status: 'reached', reached_at: now, reached_members: view.members, reached_threshold: view.threshold })
      .where('id', '=', demandId)
      .execute()
    const board = await trx
      .selectFrom('account as a')
      .innerJoin('account_role as r', 'r.account_id', 'a.id')
      .select(['a.email', 'a.language'])
      .where('r.role', '=', 'board')
      .where('a.disabled_at', 'is', null)
      .execute()
    for (const member of board) {
      const de = member.language !== 'en'
      await enqueueMail(trx, {
        to: member.email,
        subject: de ? `Verlangen der Mitglieder erreicht: ${view.title}` : `Members' demand reached: ${view.title}`,
        body: de
          ? `Das Verlangen „${view.title}“ haben ${view.signatures} von ${view.members} Mitgliedern unterzeichnet (nötig: ${view.threshold}, § 45 GenG). Der Vorstand muss ${view.kind === 'assembly' ? 'die Generalversammlung unverzüglich einberufen' : 'die Punkte auf die Tagesordnung setzen'}.\n\nBegründung:\n${view.reasons}\n\n${env.config.baseUrl}/demands/${demandId}`
          : `The demand “${view.title}” was signed by ${view.signatures} of ${view.members} members (needed: ${view.threshold}, §45 GenG). The board must ${view.kind === 'assembly' ? 'call the general assembly without delay' : 'put the items on the agenda'}.\n\nReasons:\n${view.reasons}\n\n${env.config.baseUrl}/demands/${demandId}`,
      })
    }
    await audit(
      trx,
      actor,
      {
        action: 'assembly.demand_reached',
        subjectType: 'assembly_demand',
        subjectId: demandId,
        after: {
          signatures: view.signatures,
          members: view.members,
          threshold: view.threshold,
          boardMailed: board.length,
        },
      },
      env.clock,
    )
    return viewOf(trx, demandId, now)
  }
  return view
}

/** A member's representative starts a demand and signs it first. */
export async function startDemand(
  trx: Trx,
  actor: Actor,
  input: {
    memberId: string
    kind: 'assembly' | 'agenda_items'
    assemblyRef: string | null
    title: string
    reasons: string
  },
  env: ActionEnv,
): Promise<DemandView> {
  const now = env.clock.now()
  await requireSignable(trx, actor, input.memberId, now)
  let assemblyId: string | null = null
  if (input.kind === 'agenda_items') {
    const assembly =
      input.assemblyRef && isAssemblyRef(input.assemblyRef)
        ? await findAssemblyByRef(trx, input.assemblyRef)
        : undefined
    if (
      !assembly ||
      assembly.body !== 'general_assembly' ||
      (assembly.status !== 'draft' && assembly.status !== 'invited')
    )
      throw fieldError('assemblyRef', 'invalid')
    assemblyId = assembly.id
  }
  const row = await trx
    .insertInto('assembly_demand')
    .values({
      kind: input.kind,
      assembly_id: assemblyId,
      title: input.title,
      reasons: input.reasons,
      created_at: now,
      created_by_person_id: actor.personId!,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await audit(
    trx,
    actor,
    {
      action: 'assembly.demand_started',
      subjectType: 'assembly_demand',
      subjectId: row.id,
      after: { kind: input.kind, title: input.title, assemblyId },
    },
    env.clock,
  )
  return sign(trx, actor, row.id, input.memberId, env)
}

/** Another member co-signs. */
export async function signDemand(
  trx: Trx,
  actor: Actor,
  demandId: string,
  memberId: string,
  env: ActionEnv,
): Promise<DemandView> {
  await requireSignable(trx, actor, memberId, env.clock.now())
  return sign(trx, actor, demandId, memberId, env)
}

/** Demands, newest first: the boards and auditors see all; members see them to sign (every demand is the members'). */
export async function listDemands(db: Executor, actor: Actor, now: Date): Promise<DemandView[]> {
  if (actor.kind === 'anonymous') throw new DomainError('unauthenticated')
  if (!can(actor, 'governance.read_all') && (await signableMembers(db, actor, now)).length === 0)
    throw new DomainError('forbidden')
  const rows = await db.selectFrom('assembly_demand').select('id').orderBy('created_at', 'desc').limit(200).execute()
  return Promise.all(rows.map((r) => viewOf(db, r.id, now)))
}

export async function getDemand(db: Executor, actor: Actor, id: string, now: Date): Promise<DemandView> {
  if (actor.kind === 'anonymous') throw new DomainError('unauthenticated')
  if (!can(actor, 'governance.read_all') && (await signableMembers(db, actor, now)).length === 0)
    throw new DomainError('not_found')
  return viewOf(db, id, now)
}

/** Which of the actor's members already signed a demand. */
export async function signedBy(db: Executor, demandId: string, memberIds: string[]): Promise<Set<string>> {
  if (memberIds.length === 0) return new Set()
  const rows = await db
    .selectFrom('assembly_demand_signature')
    .select('member_id')
    .where('demand_id', '=', demandId)
    .where('member_id', 'in', memberIds)
    .execute()
  return new Set(rows.map((r) => r.member_id))
}
