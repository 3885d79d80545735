import type { Answer, BallotChoices, Majority, PollMethod } from '../db/schema-governance.ts'

/**
 * Counting votes: pure rules, integer arithmetic only. Majorities are of the votes cast, that is yes + no;
 * abstentions and invalid ballots do not count as cast (§43 (2) GenG: "Mehrheit der abgegebenen Stimmen").
 */

export type { Answer }

export const answers: readonly Answer[] = Object.freeze(['yes', 'no', 'abstain'])

function requireWeight(weight: number): void {
  if (!Number.isSafeInteger(weight) || weight < 1 || weight > 3)
    throw new RangeError(`a ballot weighs 1 to 3 votes (§43 (3) GenG), got ${weight}`)
}

export interface YesNoTally {
  yes: number
  no: number
  abstain: number
  /** yes + no: abstentions are not votes cast. */
  cast: number
}

/** Sums the weights of yes/no/abstain ballots; cast = yes + no (abstentions do not count, §43 (2) GenG). */
export function tallyYesNo(ballots: Array<{ choice: Answer; weight: number }>): YesNoTally {
  const tally = { yes: 0, no: 0, abstain: 0 }
  for (const ballot of ballots) {
    requireWeight(ballot.weight)
    tally[ballot.choice] += ballot.weight
  }
  return { ...tally, cast: tally.yes + tally.no }
}

/**
 * Whether a proposal is adopted by the votes cast (yes + no). simple: more yes than no, so a tie rejects
 * (§43 (2) GenG); two_thirds: yes ≥ 2/3 of cast; three_quarters: yes ≥ 3/4 of cast (§16 (2) GenG, statute
 * changes). With no vote cast nothing is adopted.
 */
export function decide(majority: Majority, yes: number, no: number): 'adopted' | 'rejected' {
  if (!Number.isSafeInteger(yes) || !Number.isSafeInteger(no) || yes < 0 || no < 0)
    throw new RangeError(`vote counts must be whole numbers >= 0, got ${yes}/${no}`)
  const cast = yes + no
  if (cast === 0) return 'rejected'
  let adopted: boolean
  if (majority === 'simple') adopted = yes > no
  else if (majority === 'two_thirds') adopted = yes * 3 >= cast * 2
  else adopted = yes * 4 >= cast * 3
  return adopted ? 'adopted' : 'rejected'
}

/**
 * The best `seats` of the candidates, ranked by `score` (higher first, ties in the options' order). When the
 * last seat falls into a group with equal scores that does not fit whole, nobody of that group is elected
 * and the group is reported as a tie (a run-off or lot decides, not the order of the list).
 */
function bestOf(ranked: Array<{ option: string; score: number }>, seats: number): { elected: string[]; tie: string[] } {
  const sorted = [...ranked].sort((a, b) => b.score - a.score)
  if (sorted.length <= seats) return { elected: sorted.map((r) => r.option), tie: [] }
  const last = sorted[seats - 1]!
  const next = sorted[seats]!
  if (last.score !== next.score) return { elected: sorted.slice(0, seats).map((r) => r.option), tie: [] }
  return {
    elected: sorted.filter((r) => r.score > last.score).map((r) => r.option),
    tie: sorted.filter((r) => r.score === last.score).map((r) => r.option),
  }
}

function requireSeats(seats: number, options: string[]): void {
  if (!Number.isSafeInteger(seats) || seats < 1) throw new RangeError(`seats must be a whole number >= 1, got ${seats}`)
  if (new Set(options).size !== options.length) throw new RangeError('options must be distinct')
}

export interface CandidatesTally {
  options: Record<string, { yes: number; no: number; abstain: number }>
  elected: string[]
  tie: string[]
}

/**
 * An election with yes/no/abstain per candidate: a candidate is electable when their own yes/no reach the
 * majority (decide); of those the best `seats` by yes votes are elected. A tie for the last seat elects
 * nobody for that seat and is reported in `tie`. Answers for unknown options are ignored (validateChoices
 * refuses them before a ballot is stored).
 */
export function tallyCandidates(
  options: string[],
  ballots: Array<{ options: Record<string, Answer>; weight: number }>,
  seats: number,
  majority: Majority,
): CandidatesTally {
  requireSeats(seats, options)
  const counts: CandidatesTally['options'] = {}
  for (const option of options) counts[option] = { yes: 0, no: 0, abstain: 0 }
  for (const ballot of ballots) {
    requireWeight(ballot.weight)
    for (const option of options) {
      const answer = Object.hasOwn(ballot.options, option) ? ballot.options[option] : undefined
      if (answer === 'yes' || answer === 'no' || answer === 'abstain') counts[option]![answer] += ballot.weight
    }
  }
  const electable = options
    .filter((option) => decide(majority, counts[option]!.yes, counts[option]!.no) === 'adopted')
    .map((option) => ({ option, score: counts[option]!.yes }))
  return { options: counts, ...bestOf(electable, seats) }
}

export interface PicksTally {
  /** Weighted picks per option. */
  counts: Record<string, number>
  /** Weighted ballots, abstentions included. */
  ballots: number
  /** Weight of the ballots that picked nobody. */
  abstain: number
  elected: string[]
  tie: string[]
}

/**
 * An election by picking up to `seats` options on one ballot: the best `seats` by weighted picks are
 * elected; an option nobody picked is never elected; a tie at the last seat elects nobody for it and is
 * reported in `tie`. An empty ballot is an abstention. Picks of unknown options are ignored.
 */
export function tallyPicks(
  options: string[],
  ballots: Array<{ picks: string[]; weight: number }>,
  seats: number,
): PicksTally {
  requireSeats(seats, options)
  const counts: Record<string, number> = {}
  for (const option of options) counts[option] = 0
  let total = 0
  let abstain = 0
  for (const ballot of ballots) {
    requireWeight(ballot.weight)
    total += ballot.weight
    const picks = new Set(ballot.picks.filter((pick) => Object.hasOwn(counts, pick)))
    if (picks.size === 0) abstain += ballot.weight
    for (const pick of picks) counts[pick]! += ballot.weight
  }
  const picked = options.filter((o) => counts[o]! > 0).map((option) => ({ option, score: counts[option]! }))
  return { counts, ballots: total, abstain, ...bestOf(picked, seats) }
}

export type BallotErrorKey =
  | 'ballot_shape_invalid'
  | 'ballot_answer_invalid'
  | 'ballot_option_unknown'
  | 'ballot_answer_missing'
  | 'ballot_pick_duplicate'
  | 'ballot_too_many_picks'

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

function isAnswer(value: unknown): value is Answer {
  return value === 'yes' || value === 'no' || value === 'abstain'
}

/**
 * Checks what a voter chose against the poll: yes_no `{ choice }`; candidates `{ options }` with one answer
 * for every candidate and none for others; pick `{ picks }` of distinct known options, at most `seats`
 * (none is an abstention). Unknown keys are refused. The error is a validation-message key.
 */
export function validateChoices(
  method: PollMethod,
  options: string[],
  seats: number,
  choices: unknown,
): { ok: true; value: BallotChoices } | { ok: false; error: BallotErrorKey } {
  const fail = (error: BallotErrorKey) => ({ ok: false as const, error })
  if (!isRecord(choices)) return fail('ballot_shape_invalid')
  const keys = Object.keys(choices)
  if (method === 'yes_no') {
    if (keys.length !== 1 || keys[0] !== 'choice') return fail('ballot_shape_invalid')
    if (!isAnswer(choices.choice)) return fail('ballot_answer_invalid')
    return { ok: true, value: { choice: choices.choice } }
  }
  if (method === 'candidates') {
    if (keys.length !== 1 || keys[0] !== 'options' || !isRecord(choices.options)) return fail('ballot_shape_invalid')
    const given = choices.options
    const value: Record<string, Answer> = {}
    for (const [option, answer] of Object.entries(given)) {
      if (!options.includes(option)) return fail('ballot_option_unknown')
      if (!isAnswer(answer)) return fail('ballot_answer_invalid')
    }
    for (const option of options) {
      const answer = Object.hasOwn(given, option) ? given[option] : undefined
      if (!isAnswer(answer)) return fail('ballot_answer_missing')
      value[option] = answer
    }
    return { ok: true, value: { options: value } }
  }
  if (keys.length !== 1 || keys[0] !== 'picks' || !Array.isArray(choices.picks)) return fail('ballot_shape_invalid')
  const picks: string[] = []
  for (const pick of choices.picks as unknown[]) {
    if (typeof pick !== 'string') return fail('ballot_shape_invalid')
    if (!options.includes(pick)) return fail('ballot_option_unknown')
    if (picks.includes(pick)) return fail('ballot_pick_duplicate')
    picks.push(pick)
  }
  if (picks.length > seats) return fail('ballot_too_many_picks')
  return { ok: true, value: { picks } }
}

/**
 * The weight of a member's ballot: their votes on the roll (plural votes 1..3, §43 (3) GenG; 0 = no vote),
 * but only one vote on matters that need three quarters of the votes cast (§43 (3) sentence 3 GenG).
 */
export function voteWeight(votes: number, majority: Majority): number {
  if (!Number.isSafeInteger(votes) || votes < 0 || votes > 3)
    throw new RangeError(`a member has 0 to 3 votes (§43 (3) GenG), got ${votes}`)
  if (votes === 0) return 0
  return majority === 'three_quarters' ? 1 : votes
}
