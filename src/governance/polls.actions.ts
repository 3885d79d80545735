import type { Executor, Trx } from '../db/db.ts'
import type { Answer, Assembly, Majority, Poll, PollOption } from '../db/schema-governance.ts'
import type { Actor } from '../platform/actor.ts'
import { audit } from '../platform/audit.ts'
import type { ActionEnv } from '../platform/context.ts'
import { todayIn } from '../platform/dates.ts'
import { DomainError, fieldError } from '../platform/errors.ts'
import { authorize, can } from '../platform/policy.ts'
import { representedMembers } from './ballots.repo.ts'
import {
  assemblyById,
  ballotsOf,
  castCount,
  entitledCount,
  exclusionsOf,
  lockPollForUpdate,
  optionsOf,
  pollById,
  pollsOf,
} from './polls.repo.ts'
import type { CloseInput, PollInput } from './polls.schema.ts'
// STAND-IN: switch to './voting.rules.ts' once the rules helper's file is merged.
import { decide, tallyCandidates, tallyPicks, tallyYesNo } from './polls.tally.ts'
import { recordResolution } from './resolutions.actions.ts'

export interface PollView {
  id: string
  assemblyId: string
  title: string
  method: Poll['method']
  seats: number
  secret: boolean
  majority: Majority
  status: Poll['status']
  motionId: string | null
  agendaItemId: string | null
  amendmentId: string | null
  options: Array<{ id: string; label: string; position: number }>
  exclusions: Array<{ memberId: string; number: string; reason: string }>
  openedAt: Date | null
  closedAt: Date | null
  /** Only once closed. */
  result: PollResult | null
  declaration: string | null
}

export type PollResult =
  | {
      method: 'yes_no'
      voters: number
      yes: number
      no: number
      abstain: number
      cast: number
      outcome: 'adopted' | 'rejected'
    }
  | {
      method: 'candidates'
      voters: number
      candidates: Array<{
        option: string
        label: string
        yes: number
        no: number
        abstain: number
        cast: number
        elected: boolean
      }>
    }
  | { method: 'pick'; voters: number; picks: Array<{ option: string; label: string; votes: number; elected: boolean }> }

export function toPollView(poll: Poll, options: PollOption[], exclusions: PollView['exclusions']): PollView {
  return {
    id: poll.id,
    assemblyId: poll.assembly_id,
    title: poll.title,
    method: poll.method,
    seats: poll.seats,
    secret: poll.secret,
    majority: poll.majority,
    status: poll.status,
    motionId: poll.motion_id,
    agendaItemId: poll.agenda_item_id,
    amendmentId: poll.amendment_id,
    options: options.map((o) => ({ id: o.id, label: o.label, position: o.position })),
    exclusions,
    openedAt: poll.opened_at,
    closedAt: poll.closed_at,
    result: poll.status === 'closed' ? (poll.result as PollResult) : null,
    declaration: poll.status === 'closed' ? poll.declaration : null,
  }
}

async function viewOf(db: Executor, poll: Poll): Promise<PollView> {
  const exclusions = (await exclusionsOf(db, poll.id)).map((e) => ({
    memberId: e.member_id,
    number: e.number,
    reason: e.reason,
  }))
  return toPollView(poll, await optionsOf(db, poll.id), exclusions)
}

/** Whether votes may be taken now: the assembly is open, or a stretched one is in its voting phase. */
export function votingOpen(assembly: Assembly, now: Date): boolean {
  if (assembly.status === 'open') return true
  if (assembly.form !== 'stretched' || assembly.status !== 'invited') return false
  return assembly.voting_starts_at! <= now && now < assembly.voting_ends_at!
}

/** A poll of an assembly: reading it needs assembly.read (for the assembly's organisations) or governance.read_all. */
export async function getPoll(db: Executor, actor: Actor, pollId: string): Promise<PollView> {
  const poll = pollId.match(/^[0-9a-f-]{36}$/i) ? await pollById(db, pollId) : undefined
  if (!poll) throw new DomainError(actor.kind === 'anonymous' ? 'unauthenticated' : 'not_found')
  await authorizeRead(db, actor, poll.assembly_id)
  return viewOf(db, poll)
}

export async function listPolls(db: Executor, actor: Actor, assemblyId: string): Promise<PollView[]> {
  await authorizeRead(db, actor, assemblyId)
  const polls = await pollsOf(db, assemblyId)
  return Promise.all(polls.map((p) => viewOf(db, p)))
}

/**
 * Who reads an assembly's polls: readers of all governance and those who manage assemblies; a person who votes in it
 * (on the roll for themselves or an organisation, or holding a proxy); anyone acting for an organisation on its roll
 * (assembly.read for that organisation). Everyone else: forbidden.
 */
export async function authorizeRead(db: Executor, actor: Actor, assemblyId: string): Promise<void> {
  if (actor.kind === 'anonymous') throw new DomainError('unauthenticated')
  if (can(actor, 'governance.read_all') || can(actor, 'assembly.manage')) return
  if (actor.personId && (await representedMembers(db, assemblyId, actor.personId)).length > 0) return
  const orgs = [...actor.orgs.keys()].filter((id) => can(actor, 'assembly.read', id))
  if (orgs.length > 0) {
    const onRoll = await db
      .selectFrom('assembly_voter')
      .innerJoin('member', 'member.id', 'assembly_voter.member_id')
      .select('member.id')
      .where('assembly_voter.assembly_id', '=', assemblyId)
      .where('member.organisation_id', 'in', orgs)
      .executeTakeFirst()
    if (onRoll) return
  }
  throw new DomainError('forbidden', 'assembly.read')
}

/**
 * Creates a poll on an assembly (board or staff with assembly.manage). A motion that changes the statutes forces
 * three quarters of the votes cast (§16 (2) GenG); exclusions record who may not vote and why (§43 (6) GenG).
 */
export async function createPoll(
  trx: Trx,
  actor: Actor,
  assemblyId: string,
  input: PollInput,
  env: ActionEnv,
): Promise<PollView> {
  authorize(actor, 'assembly.manage')
  const assembly = await trx
    .selectFrom('assembly')
    .selectAll()
    .where('id', '=', assemblyId)
    .forShare()
    .executeTakeFirst()
  if (!assembly) throw new DomainError('not_found')
  if (assembly.status === 'closed' || assembly.status === 'cancelled')
    throw new DomainError('poll_not_open', 'assembly is over')
  let majority = input.majority
  if (input.motionId) {
    const motion = await trx.selectFrom('motion').selectAll().where('id', '=', input.motionId).executeTakeFirst()
    if (!motion || motion.assembly_id !== assemblyId) throw fieldError('motionId', 'not_found')
    if (motion.statute_change) majority = 'three_quarters'
  }
  if (input.agendaItemId) {
    const item = await trx
      .selectFrom('agenda_item')
      .select('assembly_id')
      .where('id', '=', input.agendaItemId)
      .executeTakeFirst()
    if (item?.assembly_id !== assemblyId) throw fieldError('agendaItemId', 'not_found')
  }
  if (input.amendmentId) {
    const amendment = await trx
      .selectFrom('motion_amendment')
      .innerJoin('motion', 'motion.id', 'motion_amendment.motion_id')
      .select('motion.assembly_id')
      .where('motion_amendment.id', '=', input.amendmentId)
      .executeTakeFirst()
    if (amendment?.assembly_id !== assemblyId) throw fieldError('amendmentId', 'not_found')
  }
  if (input.exclusions.length > 0) {
    const onRoll = await trx
      .selectFrom('assembly_voter')
      .select('member_id')
      .where('assembly_id', '=', assemblyId)
      .where(
        'member_id',
        'in',
        input.exclusions.map((e) => e.memberId),
      )
      .execute()
    const known = new Set(onRoll.map((r) => r.member_id))
    const index = input.exclusions.findIndex((e) => !known.has(e.memberId))
    if (index >= 0) throw fieldError(`exclusions.${index}.memberId`, 'poll_member_not_on_roll')
    if (new Set(input.exclusions.map((e) => e.memberId)).size !== input.exclusions.length)
      throw fieldError('exclusions', 'poll_duplicate_exclusion')
  }
  const now = env.clock.now()
  const poll = await trx
    .insertInto('poll')
    .values({
      assembly_id: assemblyId,
      agenda_item_id: input.agendaItemId,
      motion_id: input.motionId,
      amendment_id: input.amendmentId,
      title: input.title,
      method: input.method,
      seats: input.method === 'yes_no' ? 1 : input.seats,
      secret: input.secret,
      majority,
      created_at: now,
      created_by: actor.label,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  if (input.options.length > 0)
    await trx
      .insertInto('poll_option')
      .values(
        input.options.map((o, i) => ({ poll_id: poll.id, position: i + 1, label: o.label, person_id: o.personId })),
      )
      .execute()
  if (input.exclusions.length > 0)
    await trx
      .insertInto('poll_exclusion')
      .values(input.exclusions.map((e) => ({ poll_id: poll.id, member_id: e.memberId, reason: e.reason })))
      .execute()
  const view = await viewOf(trx, poll)
  await audit(trx, actor, { action: 'poll.created', subjectType: 'poll', subjectId: poll.id, after: view }, env.clock)
  return view
}

/** Opens a draft poll for voting, only while votes may be taken in the assembly. */
export async function openPoll(trx: Trx, actor: Actor, pollId: string, env: ActionEnv): Promise<PollView> {
  authorize(actor, 'assembly.manage')
  const poll = await lockPollForUpdate(trx, pollId)
  if (!poll) throw new DomainError('not_found')
  if (poll.status !== 'draft') throw new DomainError('poll_not_open', `poll is ${poll.status}`)
  const assembly = (await assemblyById(trx, poll.assembly_id))!
  const now = env.clock.now()
  if (!votingOpen(assembly, now)) throw new DomainError('poll_not_open', 'the assembly is not taking votes')
  const opened = await trx
    .updateTable('poll')
    .set({ status: 'open', opened_at: now, opened_by: actor.label })
    .where('id', '=', poll.id)
    .returningAll()
    .executeTakeFirstOrThrow()
  await audit(trx, actor, { action: 'poll.opened', subjectType: 'poll', subjectId: poll.id }, env.clock)
  return viewOf(trx, opened)
}

/** The tally of a poll's ballots by the voting rules (weights already in the ballots). */
export function tallyPoll(
  poll: Poll,
  options: PollOption[],
  ballots: Array<{ choices: unknown; weight: number }>,
  voters: number,
): PollResult {
  const label = new Map(options.map((o) => [o.id, o.label]))
  if (poll.method === 'yes_no') {
    const t = tallyYesNo(ballots.map((b) => ({ choice: (b.choices as { choice: Answer }).choice, weight: b.weight })))
    return { method: 'yes_no', voters, ...t, outcome: decide(poll.majority, t.yes, t.no) }
  }
  const ids = options.map((o) => o.id)
  if (poll.method === 'candidates') {
    const results = tallyCandidates(
      ids,
      ballots.map((b) => ({ options: (b.choices as { options: Record<string, Answer> }).options, weight: b.weight })),
      poll.seats,
      poll.majority,
    )
    return {
      method: 'candidates',
      voters,
      candidates: results.map((r) => ({
        option: r.option,
        label: label.get(r.option) ?? '',
        yes: r.yes,
        no: r.no,
        abstain: r.abstain,
        cast: r.cast,
        elected: r.elected,
      })),
    }
  }
  const results = tallyPicks(
    ids,
    ballots.map((b) => ({ picks: (b.choices as { picks: string[] }).picks, weight: b.weight })),
    poll.seats,
  )
  return { method: 'pick', voters, picks: results.map((r) => ({ ...r, label: label.get(r.option) ?? '' })) }
}

/**
 * Closes the poll and counts. FOR UPDATE on the poll waits for every cast in flight (they hold it FOR SHARE), and
 * no cast lands afterwards. The result and the chair's declaration are stored; both are shown from now on.
 */
export async function closePoll(
  trx: Trx,
  actor: Actor,
  pollId: string,
  input: CloseInput,
  env: ActionEnv,
): Promise<PollView> {
  authorize(actor, 'assembly.manage')
  const poll = await lockPollForUpdate(trx, pollId)
  if (!poll) throw new DomainError('not_found')
  if (poll.status !== 'open') throw new DomainError('poll_not_open', `poll is ${poll.status}`)
  const options = await optionsOf(trx, poll.id)
  const result = tallyPoll(poll, options, await ballotsOf(trx, poll.id), await castCount(trx, poll.id))
  const now = env.clock.now()
  const closed = await trx
    .updateTable('poll')
    .set({
      status: 'closed',
      closed_at: now,
      closed_by: actor.label,
      result: JSON.stringify(result),
      declaration: input.declaration,
    })
    .where('id', '=', poll.id)
    .returningAll()
    .executeTakeFirstOrThrow()
  await audit(
    trx,
    actor,
    {
      action: 'poll.closed',
      subjectType: 'poll',
      subjectId: poll.id,
      after: { result, declaration: input.declaration },
    },
    env.clock,
  )
  // a decision of the assembly enters the register of resolutions in the same transaction
  const assembly = await trx
    .selectFrom('assembly')
    .select(['ref', 'title', 'body'])
    .where('id', '=', poll.assembly_id)
    .executeTakeFirstOrThrow()
  const motion = poll.motion_id
    ? await trx.selectFrom('motion').select(['ref', 'body']).where('id', '=', poll.motion_id).executeTakeFirst()
    : undefined
  const outcome =
    result.method === 'yes_no'
      ? result.outcome
      : (result.method === 'candidates' ? result.candidates : result.picks).some((c) => c.elected)
        ? 'elected'
        : 'no_result'
  await recordResolution(
    trx,
    actor,
    {
      source: 'poll',
      pollId: poll.id,
      assemblyId: poll.assembly_id,
      body: assembly.title,
      title: motion ? `${motion.ref} ${poll.title}` : poll.title,
      text: [motion?.body, input.declaration].filter(Boolean).join(' — '),
      decidedOn: todayIn(now),
      votes: result as unknown as Record<string, unknown>,
      outcome,
      link: `/assemblies/${assembly.ref}/polls/${poll.id}`,
    },
    env,
  )
  return viewOf(trx, closed)
}

/** Named polls after close: who voted what, by member number. Secret polls never have this. */
export async function namedVotes(db: Executor, actor: Actor, pollId: string) {
  const poll = await pollById(db, pollId)
  if (!poll) throw new DomainError('not_found')
  await authorizeRead(db, actor, poll.assembly_id)
  if (poll.secret || poll.status !== 'closed') return []
  return db
    .selectFrom('ballot')
    .innerJoin('member', 'member.id', 'ballot.member_id')
    .leftJoin('organisation', 'organisation.id', 'member.organisation_id')
    .leftJoin('person', 'person.id', 'member.person_id')
    .select([
      'member.number',
      'organisation.name as organisationName',
      'person.given_name',
      'person.family_name',
      'ballot.choices',
      'ballot.weight',
    ])
    .where('ballot.poll_id', '=', pollId)
    .orderBy('member.number')
    .execute()
}

/** Every counted receipt of a closed secret poll, sorted (never in the order cast), never with choices. */
export async function publishedReceipts(db: Executor, actor: Actor, pollId: string): Promise<string[]> {
  const poll = await pollById(db, pollId)
  if (!poll) throw new DomainError('not_found')
  await authorizeRead(db, actor, poll.assembly_id)
  if (!poll.secret || poll.status !== 'closed') return []
  const rows = await db
    .selectFrom('ballot')
    .select('receipt')
    .where('poll_id', '=', pollId)
    .orderBy('receipt')
    .execute()
  return rows.map((r) => r.receipt!)
}

export { entitledCount }
