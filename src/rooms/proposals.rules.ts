import type { ConsentPosition, ProposalKind, ProposalVoteValue } from '../db/schema-rooms.ts'

/**
 * Pure rules of a room's asynchronous proposals (after Loomio): what a vote may be, and what the votes add up to.
 * None of it is binding: a body's binding decision is recorded as a decision of the room.
 */

export const consentPositions: ConsentPosition[] = ['agree', 'abstain', 'disagree', 'block']
export const maxScore = 10

export type VoteCheck = { ok: true; value: ProposalVoteValue } | { ok: false; error: string }

/** Options of a poll, ranked choice or score: 2 to 20 distinct, non-empty lines; a consent proposal has none. */
export function checkOptions(
  kind: ProposalKind,
  lines: string[],
): { ok: true; options: string[] } | { ok: false; error: string } {
  const options = lines.map((l) => l.trim()).filter(Boolean)
  if (kind === 'consent') return { ok: true, options: [] }
  if (options.length < 2) return { ok: false, error: 'proposal_options_too_few' }
  if (options.length > 20) return { ok: false, error: 'proposal_options_too_many' }
  if (new Set(options.map((o) => o.toLowerCase())).size !== options.length)
    return { ok: false, error: 'proposal_options_duplicate' }
  if (options.some((o) => o.length > 200)) return { ok: false, error: 'too_long' }
  return { ok: true, options }
}

/** A vote checked against the proposal's kind and number of options. */
export function checkVote(kind: ProposalKind, optionCount: number, value: unknown): VoteCheck {
  const v = (value ?? {}) as Record<string, unknown>
  if (kind === 'consent') {
    const position = v.position as ConsentPosition
    return consentPositions.includes(position)
      ? { ok: true, value: { position } }
      : { ok: false, error: 'proposal_vote_missing' }
  }
  if (kind === 'poll') {
    const option = v.option
    return Number.isInteger(option) && (option as number) >= 0 && (option as number) < optionCount
      ? { ok: true, value: { option: option as number } }
      : { ok: false, error: 'proposal_vote_missing' }
  }
  if (kind === 'ranked') {
    const ranking = v.ranking
    if (!Array.isArray(ranking) || ranking.length !== optionCount)
      return { ok: false, error: 'proposal_ranking_incomplete' }
    const seen = new Set<number>()
    for (const r of ranking) {
      if (!Number.isInteger(r) || r < 0 || r >= optionCount || seen.has(r))
        return { ok: false, error: 'proposal_ranking_incomplete' }
      seen.add(r)
    }
    return { ok: true, value: { ranking: ranking as number[] } }
  }
  const scores = v.scores
  if (!Array.isArray(scores) || scores.length !== optionCount) return { ok: false, error: 'proposal_scores_invalid' }
  if (scores.some((s) => !Number.isInteger(s) || s < 0 || s > maxScore))
    return { ok: false, error: 'proposal_scores_invalid' }
  return { ok: true, value: { scores: scores as number[] } }
}

export type ProposalTally =
  | { kind: 'consent'; counts: Record<ConsentPosition, number>; voters: number; consent: boolean }
  | { kind: 'poll' | 'ranked' | 'score'; totals: number[]; voters: number; leaders: number[] }

function leadersOf(totals: number[]): number[] {
  const best = Math.max(...totals)
  return best > 0 ? totals.flatMap((t, i) => (t === best ? [i] : [])) : []
}

/**
 * The sum of the votes. Consent: reached when nobody blocks and more agree than disagree (abstentions do not
 * count). Poll: votes per option. Ranked choice: Borda count (with n options the first place gets n points, the
 * last 1). Score: the sum of the scores per option. Leaders: the options with the highest total (several on a tie).
 */
export function tallyProposal(kind: ProposalKind, optionCount: number, votes: ProposalVoteValue[]): ProposalTally {
  if (kind === 'consent') {
    const counts: Record<ConsentPosition, number> = { agree: 0, abstain: 0, disagree: 0, block: 0 }
    for (const v of votes) if ('position' in v) counts[v.position]++
    return { kind, counts, voters: votes.length, consent: counts.block === 0 && counts.agree > counts.disagree }
  }
  const totals = new Array<number>(optionCount).fill(0)
  for (const v of votes) {
    if (kind === 'poll' && 'option' in v) totals[v.option]! += 1
    if (kind === 'ranked' && 'ranking' in v)
      for (const [place, option] of v.ranking.entries()) totals[option]! += optionCount - place
    if (kind === 'score' && 'scores' in v) for (const [i, s] of v.scores.entries()) totals[i]! += s
  }
  return { kind, totals, voters: votes.length, leaders: leadersOf(totals) }
}
