import type { Answer, Majority, PollMethod } from '../db/schema-governance.ts'

/**
 * PRIVATE STAND-IN for src/governance/voting.rules.ts (the rules helper's file, same names and signatures).
 * When that file is merged, the integrator switches the imports in polls.actions.ts and ballots.actions.ts to it
 * and deletes this one. Pure functions: no I/O, no clock.
 */

export interface YesNoTally {
  yes: number
  no: number
  abstain: number
  /** Votes cast: yes + no (abstentions do not count, §43 (2) GenG: majority of the votes cast). */
  cast: number
}

export function tallyYesNo(ballots: Array<{ choice: Answer; weight: number }>): YesNoTally {
  const t = { yes: 0, no: 0, abstain: 0, cast: 0 }
  for (const b of ballots) t[b.choice] += b.weight
  t.cast = t.yes + t.no
  return t
}

/** simple: more yes than no; two_thirds / three_quarters of the votes cast (§16 (2) GenG for the statutes). */
export function decide(majority: Majority, yes: number, no: number): 'adopted' | 'rejected' {
  const cast = yes + no
  if (cast === 0) return 'rejected'
  if (majority === 'two_thirds') return 3 * yes >= 2 * cast ? 'adopted' : 'rejected'
  if (majority === 'three_quarters') return 4 * yes >= 3 * cast ? 'adopted' : 'rejected'
  return yes > no ? 'adopted' : 'rejected'
}

export interface CandidateResult extends YesNoTally {
  option: string
  outcome: 'adopted' | 'rejected'
  elected: boolean
}

/** Yes/no/abstain per candidate; elected: those with the majority, the most yes votes first, up to `seats`. */
export function tallyCandidates(
  options: string[],
  ballots: Array<{ options: Record<string, Answer>; weight: number }>,
  seats: number,
  majority: Majority,
): CandidateResult[] {
  const results = options.map((option) => {
    const t = tallyYesNo(
      ballots.flatMap((b) => (b.options[option] ? [{ choice: b.options[option]!, weight: b.weight }] : [])),
    )
    return { option, ...t, outcome: decide(majority, t.yes, t.no), elected: false }
  })
  const ranked = results.filter((r) => r.outcome === 'adopted').sort((a, b) => b.yes - a.yes)
  for (const r of ranked.slice(0, seats)) r.elected = true
  return results
}

export interface PickResult {
  option: string
  votes: number
  elected: boolean
}

/** n of m: the `seats` options with the most votes (a tie at the last seat elects neither: the chair decides by lot or a run-off). */
export function tallyPicks(
  options: string[],
  ballots: Array<{ picks: string[]; weight: number }>,
  seats: number,
): PickResult[] {
  const votes = new Map(options.map((o) => [o, 0]))
  for (const b of ballots) for (const p of b.picks) votes.set(p, (votes.get(p) ?? 0) + b.weight)
  const results = options.map((option) => ({ option, votes: votes.get(option) ?? 0, elected: false }))
  const sorted = [...results].sort((a, b) => b.votes - a.votes)
  const cut = sorted[seats - 1]?.votes ?? 0
  const next = sorted[seats]?.votes ?? -1
  for (const r of results) r.elected = r.votes > 0 && (r.votes > cut || (r.votes === cut && cut !== next))
  return results
}

const answers = new Set(['yes', 'no', 'abstain'])

export type ValidChoices = { choice: Answer } | { options: Record<string, Answer> } | { picks: string[] }

/** Checks what a ballot chose against the poll: one answer; one answer per candidate; 0..seats distinct options. */
export function validateChoices(
  method: PollMethod,
  options: string[],
  seats: number,
  choices: unknown,
): { ok: true; value: ValidChoices } | { ok: false; error: string } {
  if (typeof choices !== 'object' || choices === null) return { ok: false, error: 'ballot_choice_missing' }
  const c = choices as Record<string, unknown>
  if (method === 'yes_no') {
    if (typeof c.choice !== 'string' || !answers.has(c.choice)) return { ok: false, error: 'ballot_choice_missing' }
    return { ok: true, value: { choice: c.choice as Answer } }
  }
  if (method === 'candidates') {
    const given = c.options
    if (typeof given !== 'object' || given === null) return { ok: false, error: 'ballot_choice_missing' }
    const out: Record<string, Answer> = {}
    for (const [key, value] of Object.entries(given)) {
      if (!options.includes(key)) return { ok: false, error: 'ballot_unknown_option' }
      if (typeof value !== 'string' || !answers.has(value)) return { ok: false, error: 'ballot_choice_missing' }
      out[key] = value as Answer
    }
    if (options.some((o) => !(o in out))) return { ok: false, error: 'ballot_choice_missing' }
    return { ok: true, value: { options: out } }
  }
  const picks = c.picks
  if (!Array.isArray(picks) || picks.some((p) => typeof p !== 'string'))
    return { ok: false, error: 'ballot_choice_missing' }
  if (picks.some((p) => !options.includes(p))) return { ok: false, error: 'ballot_unknown_option' }
  if (new Set(picks).size !== picks.length) return { ok: false, error: 'ballot_duplicate_pick' }
  if (picks.length > seats) return { ok: false, error: 'ballot_too_many_picks' }
  return { ok: true, value: { picks: picks as string[] } }
}

/** Plural votes (§43 (3) GenG) count, except where the law asks three quarters: there every member has one vote. */
export function voteWeight(votes: number, majority: Majority): number {
  if (votes <= 0) return 0
  return majority === 'three_quarters' ? 1 : votes
}
