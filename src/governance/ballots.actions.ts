import { randomBytes, randomInt } from 'node:crypto'
import type { Db, Trx } from '../db/db.ts'
import type { BallotChoices, Poll } from '../db/schema-governance.ts'
import type { Actor } from '../platform/actor.ts'
import { auditMany } from '../platform/audit.ts'
import type { ActionEnv } from '../platform/context.ts'
import { DomainError, fieldError } from '../platform/errors.ts'
import {
  insertBallots,
  insertVoteCasts,
  type MemberStanding,
  representedByPersons,
  representedMembers,
  standingIn,
} from './ballots.repo.ts'
import { lockPollsForShare, optionsOfPolls } from './polls.repo.ts'
import type { CastInput } from './polls.schema.ts'
// STAND-IN: switch to './voting.rules.ts' once the rules helper's file is merged.
import { validateChoices, voteWeight } from './polls.tally.ts'

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** What one person's cast will write: checked, not yet written. */
export interface PreparedCast {
  poll: Poll
  actor: Actor
  personId: string
  members: Array<{ memberId: string; number: string; name: string; proxyId: string | null; weight: number }>
  choices: BallotChoices
}

export interface CastResult {
  pollId: string
  assemblyId: string
  /** Who the vote counted for. */
  members: Array<{ memberId: string; number: string; name: string }>
  /** Secret polls: one receipt per member voted for, shown once; the published list after close carries them. */
  receipts: string[] | null
}

/** Who a person may vote for in a poll right now, and where each stands (for the ballot page). */
export async function ballotFor(
  trx: Db | Trx,
  personId: string,
  poll: Poll,
): Promise<Array<MemberStanding & { votes: number; proxyId: string | null; weight: number }>> {
  const represented = await representedMembers(trx, poll.assembly_id, personId)
  const standing = await standingIn(
    trx,
    poll.id,
    represented.map((r) => r.memberId),
  )
  const byId = new Map(represented.map((r) => [r.memberId, r]))
  return standing.map((s) => {
    const r = byId.get(s.memberId)!
    return { ...s, votes: r.votes, proxyId: r.proxyId, weight: voteWeight(r.votes, poll.majority) }
  })
}

export interface CastRequest {
  actor: Actor
  pollId: string
  input: CastInput
}

/**
 * Checks casts in the caller's transaction without writing: the poll is open (held FOR SHARE, so a close waits
 * until this transaction ends), the person represents every member voted for (on the roll with a vote, §43 (3) GenG;
 * directly or by an active proxy, §43 (5)), none is excluded from the poll (§43 (6)) and none has voted yet. All or
 * nothing per cast: one member that may not vote refuses that whole cast. Each cast gets its result or its
 * DomainError; the reads are done once for all casts (a group commit checks hundreds in a few queries), and no
 * statement can fail, so the batch's transaction survives a refused cast.
 */
export async function prepareCasts(trx: Trx, requests: CastRequest[]): Promise<Array<PreparedCast | DomainError>> {
  const valid = (r: CastRequest) =>
    uuidPattern.test(r.pollId) && (r.input.memberIds ?? []).every((id) => uuidPattern.test(id))
  const pollIds = [...new Set(requests.filter(valid).map((r) => r.pollId.toLowerCase()))]
  const polls = new Map<string, Poll>()
  const options = new Map<string, string[]>()
  const ballots = new Map<string, Map<string, BallotEntry>>()
  if (pollIds.length > 0) {
    for (const p of await lockPollsForShare(trx, pollIds)) polls.set(p.id, p)
    for (const o of await optionsOfPolls(trx, pollIds))
      options.set(o.poll_id, [...(options.get(o.poll_id) ?? []), o.id])
  }
  for (const poll of polls.values()) {
    const persons = [
      ...new Set(
        requests.filter((r) => r.pollId.toLowerCase() === poll.id && r.actor.personId).map((r) => r.actor.personId!),
      ),
    ]
    const represented = await representedByPersons(trx, poll.assembly_id, persons)
    const standing = new Map(
      (await standingIn(trx, poll.id, [...new Set(represented.map((r) => r.memberId))])).map((s) => [s.memberId, s]),
    )
    const byPerson = new Map<string, BallotEntry>()
    for (const r of represented) {
      const key = `${r.personId}/${r.memberId}`
      const seen = byPerson.get(key)
      if (seen && (seen.proxyId === null || r.proxyId !== null)) continue
      byPerson.set(key, {
        ...standing.get(r.memberId)!,
        votes: r.votes,
        proxyId: r.proxyId,
        weight: voteWeight(r.votes, poll.majority),
        personId: r.personId,
      })
    }
    ballots.set(poll.id, byPerson)
  }
  return requests.map((r) => {
    try {
      return check(r)
    } catch (error) {
      if (error instanceof DomainError) return error
      throw error
    }
  })

  function check({ actor, pollId, input }: CastRequest): PreparedCast {
    if (actor.kind === 'anonymous') throw new DomainError('unauthenticated')
    if (!actor.personId) throw new DomainError('not_entitled', 'no person behind this account')
    const poll = valid({ actor, pollId, input }) ? polls.get(pollId.toLowerCase()) : undefined
    if (!poll) throw new DomainError('not_found')
    if (poll.status !== 'open') throw new DomainError('poll_not_open', `poll is ${poll.status}`)
    const ballot = [...(ballots.get(poll.id)?.values() ?? [])].filter((b) => b.personId === actor.personId)
    if (ballot.length === 0) throw new DomainError('not_entitled', 'represents no member of this assembly')
    let targets = ballot
    if (input.memberIds) {
      const byId = new Map(ballot.map((b) => [b.memberId, b]))
      if (input.memberIds.some((id) => !byId.has(id.toLowerCase())))
        throw fieldError('memberIds', 'ballot_not_represented')
      targets = [...new Set(input.memberIds.map((id) => id.toLowerCase()))].map((id) => byId.get(id)!)
    } else {
      targets = ballot.filter((b) => b.votes > 0 && !b.excluded && !b.voted)
      if (targets.length === 0) {
        if (ballot.some((b) => b.voted)) throw new DomainError('already_voted', 'every member represented has voted')
        if (ballot.some((b) => b.excluded)) throw fieldError('memberIds', 'ballot_member_excluded')
        throw fieldError('memberIds', 'ballot_member_without_vote')
      }
    }
    if (targets.some((t) => t.votes <= 0)) throw fieldError('memberIds', 'ballot_member_without_vote')
    if (targets.some((t) => t.excluded)) throw fieldError('memberIds', 'ballot_member_excluded')
    const voted = targets.filter((t) => t.voted)
    if (voted.length > 0) throw new DomainError('already_voted', voted.map((v) => v.number).join(', '))
    const checked = validateChoices(poll.method, options.get(poll.id) ?? [], poll.seats, input.choices)
    if (!checked.ok) throw fieldError('choices', checked.error)
    return {
      poll,
      actor,
      personId: actor.personId,
      members: targets.map((t) => ({
        memberId: t.memberId,
        number: t.number,
        name: t.name,
        proxyId: t.proxyId,
        weight: t.weight,
      })),
      choices: checked.value,
    }
  }
}

type BallotEntry = MemberStanding & { votes: number; proxyId: string | null; weight: number; personId: string }

/** One cast checked (see prepareCasts); throws its refusal. */
export async function prepareCast(trx: Trx, actor: Actor, pollId: string, input: CastInput): Promise<PreparedCast> {
  const [result] = await prepareCasts(trx, [{ actor, pollId, input }])
  if (result instanceof DomainError) throw result
  return result!
}

/** A vote_cast row was already there: the member voted in a transaction that raced this one. */
export class CastRace extends Error {
  constructor(readonly numbers: string[]) {
    super(`already voted: ${numbers.join(', ')}`)
  }
}

const receiptAlphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'

/** 10 random characters of a 32-letter alphabet (50 bits), in two groups: `K7QRM-2WXHD`. */
export function newReceipt(): string {
  const bytes = randomBytes(10)
  let out = ''
  for (let i = 0; i < 10; i++) out += receiptAlphabet[bytes[i]! & 31]
  return `${out.slice(0, 5)}-${out.slice(5)}`
}

/** Fisher–Yates with the crypto generator: the ballots of one write leave no trace of who came first. */
export function shuffle<T>(items: T[]): T[] {
  const a = [...items]
  for (let i = a.length - 1; i > 0; i--) {
    const j = randomInt(i + 1)
    ;[a[i], a[j]] = [a[j]!, a[i]!]
  }
  return a
}

/**
 * Writes prepared casts in the caller's transaction: the vote_cast rows (one per member: the key refuses a second
 * vote), then every ballot in one statement, secret ones shuffled and without member or time, then one journal
 * entry per cast naming the members voted for, never the choice. A member that voted meanwhile throws CastRace.
 */
export async function writeCasts(trx: Trx, casts: PreparedCast[], env: ActionEnv): Promise<CastResult[]> {
  const rows = casts.flatMap((c) =>
    c.members.map((m) => ({ pollId: c.poll.id, memberId: m.memberId, personId: c.personId, proxyId: m.proxyId })),
  )
  const inserted = await insertVoteCasts(trx, rows)
  const missed = casts.flatMap((c) =>
    c.members.filter((m) => !inserted.has(`${c.poll.id}/${m.memberId}`)).map((m) => m.number),
  )
  if (missed.length > 0) throw new CastRace(missed)
  const results: CastResult[] = []
  const ballots: Parameters<typeof insertBallots>[1] = []
  for (const c of casts) {
    const receipts = c.poll.secret ? c.members.map(() => newReceipt()) : null
    for (const [i, m] of c.members.entries())
      ballots.push({
        pollId: c.poll.id,
        memberId: c.poll.secret ? null : m.memberId,
        receipt: receipts ? receipts[i]! : null,
        choices: c.choices,
        weight: m.weight,
      })
    results.push({
      pollId: c.poll.id,
      assemblyId: c.poll.assembly_id,
      members: c.members.map((m) => ({ memberId: m.memberId, number: m.number, name: m.name })),
      receipts,
    })
  }
  await insertBallots(trx, shuffle(ballots))
  await auditMany(
    trx,
    casts.map((c) => ({
      actor: c.actor,
      input: {
        action: 'poll.voted',
        subjectType: 'poll',
        subjectId: c.poll.id,
        after: {
          members: c.members.map((m) => m.number),
          proxies: c.members.flatMap((m) => (m.proxyId ? [m.proxyId] : [])),
        },
      },
    })),
    env.clock,
  )
  return results
}

/** One cast in its own transaction (the fallback of the group commit, and what tests race). */
export async function castBallot(
  trx: Trx,
  actor: Actor,
  pollId: string,
  input: CastInput,
  env: ActionEnv,
): Promise<CastResult> {
  const prepared = await prepareCast(trx, actor, pollId, input)
  try {
    return (await writeCasts(trx, [prepared], env))[0]!
  } catch (error) {
    if (error instanceof CastRace) throw new DomainError('already_voted', error.numbers.join(', '))
    throw error
  }
}
