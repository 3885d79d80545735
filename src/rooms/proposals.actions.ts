import type { Executor, Trx } from '../db/db.ts'
import type { ProposalKind, RoomProposal } from '../db/schema-rooms.ts'
import type { Actor } from '../platform/actor.ts'
import { audit } from '../platform/audit.ts'
import type { ActionEnv } from '../platform/context.ts'
import { DomainError, fieldError } from '../platform/errors.ts'
import { formatDateTime } from '../platform/i18n.ts'
import { enqueueMail } from '../platform/mail.ts'
import { checkOptions, checkVote, type ProposalTally, tallyProposal } from './proposals.rules.ts'
import { roomFor } from './rooms.actions.ts'

/**
 * Asynchronous, non-binding proposals in a room: any member proposes, every member votes and may change the vote
 * until the close, the proposer or a chair reminds those who have not voted and closes with an outcome statement.
 */

export interface ProposalInput {
  kind: ProposalKind
  title: string
  body: string
  options: string[]
  closesAt: Date
}

export function isOpen(p: RoomProposal, now: Date): boolean {
  return p.closed_at === null && p.closes_at.getTime() > now.getTime()
}

export async function createProposal(trx: Trx, actor: Actor, key: string, input: ProposalInput, env: ActionEnv) {
  const { room } = await roomFor(trx, actor, key)
  const options = checkOptions(input.kind, input.options)
  if (!options.ok) throw fieldError('options', options.error)
  const now = env.clock.now()
  if (input.closesAt.getTime() <= now.getTime()) throw fieldError('closesAt', 'proposal_closes_in_past')
  const row = await trx
    .insertInto('room_proposal')
    .values({
      room_id: room.id,
      kind: input.kind,
      title: input.title,
      body: input.body,
      options: JSON.stringify(options.options),
      closes_at: input.closesAt,
      created_at: now,
      created_by: actor.label,
      created_by_person_id: actor.personId!,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  await audit(
    trx,
    actor,
    {
      action: 'room.proposal_opened',
      subjectType: 'room',
      subjectId: room.id,
      after: {
        proposal: row.id,
        kind: row.kind,
        title: row.title,
        options: options.options,
        closesAt: row.closes_at.toISOString(),
      },
    },
    env.clock,
  )
  return row
}

async function proposalIn(db: Executor, roomId: string, id: string, lock = false): Promise<RoomProposal> {
  if (!/^[0-9a-f-]{36}$/.test(id)) throw new DomainError('not_found')
  let query = db.selectFrom('room_proposal').selectAll().where('id', '=', id).where('room_id', '=', roomId)
  if (lock) query = query.forUpdate()
  const row = await query.executeTakeFirst()
  if (!row) throw new DomainError('not_found')
  return row
}

export interface ProposalView {
  proposal: RoomProposal
  tally: ProposalTally
  votes: Array<{ person_id: string; name: string; value: unknown; reason: string; voted_at: Date }>
  missing: Array<{ person_id: string; name: string }>
  mine: unknown | null
  open: boolean
}

/** The proposal with its votes by name (votes in a room are open among its members) and who has not voted. */
export async function proposalView(
  db: Executor,
  actor: Actor,
  key: string,
  id: string,
  now: Date,
): Promise<ProposalView & { roomKey: string; roomName: string; role: 'chair' | 'member' }> {
  const { room, role } = await roomFor(db, actor, key)
  const proposal = await proposalIn(db, room.id, id)
  const votes = await db
    .selectFrom('room_proposal_vote as v')
    .innerJoin('person as p', 'p.id', 'v.person_id')
    .select(['v.person_id', 'v.value', 'v.reason', 'v.voted_at', 'p.given_name', 'p.family_name'])
    .where('v.proposal_id', '=', proposal.id)
    .orderBy('v.voted_at')
    .execute()
  const members = await db
    .selectFrom('room_member as m')
    .innerJoin('person as p', 'p.id', 'm.person_id')
    .select(['m.person_id', 'p.given_name', 'p.family_name'])
    .where('m.room_id', '=', room.id)
    .where('m.removed_at', 'is', null)
    .orderBy('p.family_name')
    .execute()
  const voted = new Set(votes.map((v) => v.person_id))
  return {
    roomKey: room.key,
    roomName: room.name,
    role,
    proposal,
    tally: tallyProposal(
      proposal.kind,
      proposal.options.length,
      votes.map((v) => v.value),
    ),
    votes: votes.map((v) => ({
      person_id: v.person_id,
      name: `${v.given_name} ${v.family_name}`,
      value: v.value,
      reason: v.reason,
      voted_at: v.voted_at,
    })),
    missing: members
      .filter((m) => !voted.has(m.person_id))
      .map((m) => ({ person_id: m.person_id, name: `${m.given_name} ${m.family_name}` })),
    mine: votes.find((v) => v.person_id === actor.personId)?.value ?? null,
    open: isOpen(proposal, now),
  }
}

export async function roomProposals(db: Executor, roomId: string) {
  return db
    .selectFrom('room_proposal as p')
    .selectAll('p')
    .select((eb) => [
      eb
        .selectFrom('room_proposal_vote as v')
        .whereRef('v.proposal_id', '=', 'p.id')
        .select((e) => e.fn.countAll<number>().as('n'))
        .as('votes'),
    ])
    .where('p.room_id', '=', roomId)
    .orderBy('p.created_at', 'desc')
    .limit(100)
    .execute()
}

/** A member votes, or changes the vote, while the proposal is open (the proposal row is locked against the close). */
export async function castProposalVote(
  trx: Trx,
  actor: Actor,
  key: string,
  id: string,
  input: { value: unknown; reason: string },
  env: ActionEnv,
): Promise<void> {
  const { room } = await roomFor(trx, actor, key)
  const proposal = await proposalIn(trx, room.id, id, true)
  const now = env.clock.now()
  if (!isOpen(proposal, now)) throw fieldError('vote', 'proposal_closed')
  const check = checkVote(proposal.kind, proposal.options.length, input.value)
  if (!check.ok) throw fieldError('vote', check.error)
  const before = await trx
    .selectFrom('room_proposal_vote')
    .select(['value', 'reason'])
    .where('proposal_id', '=', proposal.id)
    .where('person_id', '=', actor.personId!)
    .executeTakeFirst()
  await trx
    .insertInto('room_proposal_vote')
    .values({
      proposal_id: proposal.id,
      person_id: actor.personId!,
      value: JSON.stringify(check.value),
      reason: input.reason,
      voted_at: now,
    })
    .onConflict((oc) =>
      oc
        .columns(['proposal_id', 'person_id'])
        .doUpdateSet({ value: JSON.stringify(check.value), reason: input.reason, voted_at: now }),
    )
    .execute()
  await audit(
    trx,
    actor,
    {
      action: before ? 'room.proposal_vote_changed' : 'room.proposal_voted',
      subjectType: 'room',
      subjectId: room.id,
      before: before ?? undefined,
      after: { proposal: proposal.id, value: check.value, reason: input.reason },
    },
    env.clock,
  )
}

function requireLead(actor: Actor, role: 'chair' | 'member', proposal: RoomProposal): void {
  if (role !== 'chair' && proposal.created_by_person_id !== actor.personId) throw new DomainError('forbidden')
}

/** The proposer or a chair closes the proposal with an outcome statement; the tally is journaled with it. */
export async function closeProposal(
  trx: Trx,
  actor: Actor,
  key: string,
  id: string,
  input: { outcome: string },
  env: ActionEnv,
): Promise<void> {
  const { room, role } = await roomFor(trx, actor, key)
  const proposal = await proposalIn(trx, room.id, id, true)
  requireLead(actor, role, proposal)
  if (proposal.closed_at) throw new DomainError('conflict', 'already closed')
  if (!input.outcome.trim()) throw fieldError('outcome', 'required')
  const now = env.clock.now()
  await trx
    .updateTable('room_proposal')
    .set({ closed_at: now, closed_by: actor.label, outcome: input.outcome.trim() })
    .where('id', '=', proposal.id)
    .execute()
  const votes = await trx
    .selectFrom('room_proposal_vote')
    .select('value')
    .where('proposal_id', '=', proposal.id)
    .execute()
  await audit(
    trx,
    actor,
    {
      action: 'room.proposal_closed',
      subjectType: 'room',
      subjectId: room.id,
      after: {
        proposal: proposal.id,
        outcome: input.outcome.trim(),
        tally: tallyProposal(
          proposal.kind,
          proposal.options.length,
          votes.map((v) => v.value),
        ),
      },
    },
    env.clock,
  )
}

/** Mails every member who has not voted yet; at most every 12 hours. Returns how many were reminded. */
export async function remindMissing(trx: Trx, actor: Actor, key: string, id: string, env: ActionEnv): Promise<number> {
  const view = await proposalView(trx, actor, key, id, env.clock.now())
  const { proposal } = view
  requireLead(actor, view.role, proposal)
  const now = env.clock.now()
  if (!view.open) throw fieldError('vote', 'proposal_closed')
  if (proposal.reminded_at && now.getTime() - proposal.reminded_at.getTime() < 12 * 3_600_000)
    throw fieldError('remind', 'proposal_remind_too_soon')
  await trx.selectFrom('room_proposal').select('id').where('id', '=', proposal.id).forUpdate().execute()
  const accounts = await trx
    .selectFrom('account')
    .select(['person_id', 'email', 'language'])
    .where(
      'person_id',
      'in',
      view.missing.length ? view.missing.map((m) => m.person_id) : ['00000000-0000-0000-0000-000000000000'],
    )
    .where('disabled_at', 'is', null)
    .execute()
  const link = `${env.config.baseUrl}/rooms/${view.roomKey}/proposals/${proposal.id}`
  for (const a of accounts) {
    const de = a.language !== 'en'
    await enqueueMail(trx, {
      to: a.email,
      subject: de
        ? `Erinnerung: „${proposal.title}“ (${view.roomName})`
        : `Reminder: “${proposal.title}” (${view.roomName})`,
      body: de
        ? `Hallo,\n\nim Raum „${view.roomName}“ läuft die Abstimmung „${proposal.title}“ noch bis ${formatDateTime(proposal.closes_at, 'de')}. Du hast noch nicht abgestimmt:\n${link}\n\nDie Abstimmung ist ein Meinungsbild und nicht bindend.`
        : `Hello,\n\nin the room “${view.roomName}” the vote “${proposal.title}” is open until ${formatDateTime(proposal.closes_at, 'en')}. You have not voted yet:\n${link}\n\nThe vote is a sounding and not binding.`,
    })
  }
  await trx.updateTable('room_proposal').set({ reminded_at: now }).where('id', '=', proposal.id).execute()
  await audit(
    trx,
    actor,
    {
      action: 'room.proposal_reminded',
      subjectType: 'room',
      subjectId: proposal.room_id,
      after: { proposal: proposal.id, reminded: accounts.length },
    },
    env.clock,
  )
  return accounts.length
}
