import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { type Answer, majorities } from '../db/schema-governance.ts'
import { decide, tallyCandidates, tallyPicks, tallyYesNo, validateChoices, voteWeight } from './voting.rules.ts'

const answer = fc.constantFrom<Answer>('yes', 'no', 'abstain')
const weight = fc.integer({ min: 1, max: 3 })
const yesNoBallots = fc.array(fc.record({ choice: answer, weight }), { maxLength: 60 })
const majority = fc.constantFrom(...majorities)

test('§43 (2) GenG: the yes/no tally sums the weights, abstentions are not votes cast', () => {
  assert.deepEqual(tallyYesNo([]), { yes: 0, no: 0, abstain: 0, cast: 0 })
  assert.deepEqual(
    tallyYesNo([
      { choice: 'yes', weight: 3 },
      { choice: 'no', weight: 1 },
      { choice: 'abstain', weight: 2 },
      { choice: 'yes', weight: 1 },
    ]),
    { yes: 4, no: 1, abstain: 2, cast: 5 },
  )
  assert.throws(() => tallyYesNo([{ choice: 'yes', weight: 4 }]), RangeError)
  assert.throws(() => tallyYesNo([{ choice: 'yes', weight: 0 }]), RangeError)
  assert.throws(() => tallyYesNo([{ choice: 'yes', weight: 1.5 }]), RangeError)
})

test('property: the counts add up to the weights and cast excludes abstentions', () => {
  fc.assert(
    fc.property(yesNoBallots, (ballots) => {
      const t = tallyYesNo(ballots)
      const total = ballots.reduce((sum, b) => sum + b.weight, 0)
      const abstained = ballots.filter((b) => b.choice === 'abstain').reduce((sum, b) => sum + b.weight, 0)
      return t.yes + t.no + t.abstain === total && t.cast === total - abstained && t.abstain === abstained
    }),
  )
})

test('§43 (2) GenG simple majority of the votes cast: more yes than no; a tie rejects; nothing cast rejects', () => {
  const table: Array<[number, number, 'adopted' | 'rejected']> = [
    [1, 0, 'adopted'],
    [51, 50, 'adopted'],
    [50, 50, 'rejected'],
    [0, 0, 'rejected'],
    [0, 1, 'rejected'],
    [49, 51, 'rejected'],
  ]
  for (const [yes, no, expected] of table) assert.equal(decide('simple', yes, no), expected, `${yes}:${no}`)
})

test('§16 (2) GenG statute changes need three quarters of the votes cast, exactly 3/4 is enough', () => {
  const table: Array<[number, number, 'adopted' | 'rejected']> = [
    [3, 1, 'adopted'],
    [75, 25, 'adopted'],
    [74, 25, 'rejected'], // 74/99 < 3/4
    [2, 1, 'rejected'],
    [1, 0, 'adopted'],
    [0, 0, 'rejected'],
    [0, 5, 'rejected'],
  ]
  for (const [yes, no, expected] of table) assert.equal(decide('three_quarters', yes, no), expected, `${yes}:${no}`)
})

test('two thirds of the votes cast: exactly 2/3 is enough, just below is not, nothing cast rejects', () => {
  const table: Array<[number, number, 'adopted' | 'rejected']> = [
    [2, 1, 'adopted'],
    [66, 34, 'rejected'],
    [67, 33, 'adopted'],
    [1, 1, 'rejected'],
    [0, 0, 'rejected'],
  ]
  for (const [yes, no, expected] of table) assert.equal(decide('two_thirds', yes, no), expected, `${yes}:${no}`)
  assert.throws(() => decide('simple', -1, 0), RangeError)
  assert.throws(() => decide('simple', 0.5, 0), RangeError)
})

test('property: a tie never adopts; adding a yes never turns adopted into rejected; adding a no never adopts', () => {
  const count = fc.integer({ min: 0, max: 100_000 })
  fc.assert(fc.property(majority, count, (m, n) => decide(m, n, n) === 'rejected'))
  fc.assert(
    fc.property(majority, count, count, (m, yes, no) => {
      const now = decide(m, yes, no)
      if (now === 'adopted' && decide(m, yes + 1, no) !== 'adopted') return false
      if (now === 'rejected' && decide(m, yes, no + 1) !== 'rejected') return false
      return true
    }),
  )
})

test('property: a stricter majority never adopts what a weaker one rejects; decide matches exact fractions', () => {
  const count = fc.integer({ min: 0, max: 100_000 })
  fc.assert(
    fc.property(count, count, (yes, no) => {
      const simple = decide('simple', yes, no) === 'adopted'
      const twoThirds = decide('two_thirds', yes, no) === 'adopted'
      const threeQuarters = decide('three_quarters', yes, no) === 'adopted'
      const cast = yes + no
      return (
        (!threeQuarters || twoThirds) &&
        (!twoThirds || simple) &&
        threeQuarters === (cast > 0 && yes / cast >= 0.75) &&
        simple === yes > no
      )
    }),
  )
})

test('property: the order of ballots does not change the yes/no tally', () => {
  fc.assert(
    fc.property(yesNoBallots, (ballots) => {
      const reversed = [...ballots].reverse()
      return JSON.stringify(tallyYesNo(ballots)) === JSON.stringify(tallyYesNo(reversed))
    }),
  )
})

test('candidates: each candidate needs the majority of their own yes/no; the best by yes take the seats', () => {
  const ballots = [
    { options: { a: 'yes', b: 'yes', c: 'no' } as Record<string, Answer>, weight: 1 },
    { options: { a: 'yes', b: 'no', c: 'no' } as Record<string, Answer>, weight: 1 },
    { options: { a: 'abstain', b: 'yes', c: 'yes' } as Record<string, Answer>, weight: 2 },
  ]
  const t = tallyCandidates(['a', 'b', 'c'], ballots, 2, 'simple')
  assert.deepEqual(t.options, {
    a: { yes: 2, no: 0, abstain: 2 },
    b: { yes: 3, no: 1, abstain: 0 },
    c: { yes: 2, no: 2, abstain: 0 }, // a tie: c does not reach the majority
  })
  assert.deepEqual(t.elected, ['b', 'a'])
  assert.deepEqual(t.tie, [])
  // one seat only: b has most yes
  assert.deepEqual(tallyCandidates(['a', 'b', 'c'], ballots, 1, 'simple').elected, ['b'])
  // three quarters: a (2:0) and b (3:1 = 3/4) reach it
  assert.deepEqual(tallyCandidates(['a', 'b', 'c'], ballots, 3, 'three_quarters').elected, ['b', 'a'])
})

test('candidates: a tie for the last seat elects nobody for that seat and is reported', () => {
  const ballots = [
    { options: { a: 'yes', b: 'yes', c: 'yes' } as Record<string, Answer>, weight: 2 },
    { options: { a: 'yes', b: 'no', c: 'no' } as Record<string, Answer>, weight: 1 },
  ]
  const t = tallyCandidates(['a', 'b', 'c'], ballots, 2, 'simple')
  assert.deepEqual(t.elected, ['a'])
  assert.deepEqual(t.tie, ['b', 'c'])
  const one = tallyCandidates(['b', 'c'], ballots, 1, 'simple')
  assert.deepEqual(one.elected, [])
  assert.deepEqual(one.tie, ['b', 'c'])
  // nobody voted: nobody elected, no tie
  assert.deepEqual(tallyCandidates(['a', 'b'], [], 1, 'simple'), {
    options: { a: { yes: 0, no: 0, abstain: 0 }, b: { yes: 0, no: 0, abstain: 0 } },
    elected: [],
    tie: [],
  })
})

test('property: candidates — never more elected than seats, every elected one reaches the majority', () => {
  const options = ['a', 'b', 'c', 'd']
  const ballot = fc.record({
    options: fc.record({ a: answer, b: answer, c: answer, d: answer }),
    weight,
  })
  fc.assert(
    fc.property(fc.array(ballot, { maxLength: 30 }), fc.integer({ min: 1, max: 4 }), majority, (ballots, seats, m) => {
      const t = tallyCandidates(options, ballots, seats, m)
      const total = ballots.reduce((s, b) => s + b.weight, 0)
      for (const o of options) {
        const c = t.options[o]!
        if (c.yes + c.no + c.abstain !== total) return false
      }
      if (t.elected.length > seats) return false
      if (t.elected.some((o) => t.tie.includes(o))) return false
      return t.elected.every((o) => decide(m, t.options[o]!.yes, t.options[o]!.no) === 'adopted')
    }),
  )
})

test('picks: counts by weight, an empty ballot abstains, the best take the seats, a last-seat tie is reported', () => {
  const t = tallyPicks(
    ['a', 'b', 'c', 'd'],
    [
      { picks: ['a', 'b'], weight: 1 },
      { picks: ['a', 'c'], weight: 2 },
      { picks: [], weight: 1 },
      { picks: ['b'], weight: 1 },
    ],
    2,
  )
  assert.deepEqual(t.counts, { a: 3, b: 2, c: 2, d: 0 })
  assert.equal(t.ballots, 5)
  assert.equal(t.abstain, 1)
  assert.deepEqual(t.elected, ['a'])
  assert.deepEqual(t.tie, ['b', 'c'])
  assert.deepEqual(tallyPicks(['a', 'b', 'c'], [{ picks: ['a'], weight: 1 }], 2).elected, ['a']) // 0 picks elects nobody
  assert.deepEqual(tallyPicks(['a', 'b'], [{ picks: [], weight: 3 }], 1), {
    counts: { a: 0, b: 0 },
    ballots: 3,
    abstain: 3,
    elected: [],
    tie: [],
  })
})

test('property: picks — per-option counts never exceed the ballots, seats are never exceeded', () => {
  const options = ['a', 'b', 'c', 'd', 'e']
  const picks = fc.uniqueArray(fc.constantFrom(...options), { maxLength: 3 })
  fc.assert(
    fc.property(
      fc.array(fc.record({ picks, weight }), { maxLength: 30 }),
      fc.integer({ min: 1, max: 3 }),
      (ballots, seats) => {
        const t = tallyPicks(options, ballots, seats)
        const total = ballots.reduce((s, b) => s + b.weight, 0)
        const sum = Object.values(t.counts).reduce((s, n) => s + n, 0)
        const expected = ballots.reduce((s, b) => s + b.weight * b.picks.length, 0)
        return (
          t.ballots === total &&
          sum === expected &&
          Object.values(t.counts).every((n) => n <= total) &&
          t.elected.length <= seats &&
          t.elected.every((o) => t.counts[o]! > 0) &&
          t.elected.length + (t.tie.length > 0 ? 1 : 0) <= seats
        )
      },
    ),
  )
})

test('validateChoices accepts a well-formed ballot per method and returns only its own keys', () => {
  assert.deepEqual(validateChoices('yes_no', [], 1, { choice: 'abstain' }), { ok: true, value: { choice: 'abstain' } })
  assert.deepEqual(validateChoices('candidates', ['a', 'b'], 1, { options: { a: 'yes', b: 'no' } }), {
    ok: true,
    value: { options: { a: 'yes', b: 'no' } },
  })
  assert.deepEqual(validateChoices('pick', ['a', 'b', 'c'], 2, { picks: ['c', 'a'] }), {
    ok: true,
    value: { picks: ['c', 'a'] },
  })
  assert.deepEqual(validateChoices('pick', ['a'], 1, { picks: [] }), { ok: true, value: { picks: [] } })
})

test('validateChoices refuses wrong shapes, unknown options, missing answers, duplicates and too many picks', () => {
  const table: Array<[Parameters<typeof validateChoices>, string]> = [
    [['yes_no', [], 1, null], 'ballot_shape_invalid'],
    [['yes_no', [], 1, 'yes'], 'ballot_shape_invalid'],
    [['yes_no', [], 1, { choice: 'yes', extra: 1 }], 'ballot_shape_invalid'],
    [['yes_no', [], 1, { picks: [] }], 'ballot_shape_invalid'],
    [['yes_no', [], 1, { choice: 'maybe' }], 'ballot_answer_invalid'],
    [['candidates', ['a', 'b'], 1, { options: { a: 'yes' } }], 'ballot_answer_missing'],
    [['candidates', ['a'], 1, { options: { a: 'yes', z: 'no' } }], 'ballot_option_unknown'],
    [['candidates', ['a'], 1, { options: { a: 1 } }], 'ballot_answer_invalid'],
    [['candidates', ['a'], 1, { options: ['yes'] }], 'ballot_shape_invalid'],
    [['candidates', ['toString'], 1, { options: {} }], 'ballot_answer_missing'],
    [['pick', ['a', 'b'], 2, { picks: ['a', 'a'] }], 'ballot_pick_duplicate'],
    [['pick', ['a', 'b'], 1, { picks: ['a', 'b'] }], 'ballot_too_many_picks'],
    [['pick', ['a', 'b'], 2, { picks: ['x'] }], 'ballot_option_unknown'],
    [['pick', ['a', 'b'], 2, { picks: [1] }], 'ballot_shape_invalid'],
    [['pick', ['a', 'b'], 2, { picks: 'a' }], 'ballot_shape_invalid'],
    [['pick', ['a', 'b'], 2, [['a']]], 'ballot_shape_invalid'],
  ]
  for (const [args, error] of table)
    assert.deepEqual(validateChoices(...args), { ok: false, error }, JSON.stringify(args))
})

test('property: whatever validateChoices accepts, the tally counts without throwing', () => {
  const options = ['a', 'b', 'c']
  fc.assert(
    fc.property(fc.constantFrom('yes_no', 'candidates', 'pick' as const), fc.jsonValue(), (method, choices) => {
      const r = validateChoices(method, options, 2, choices)
      if (!r.ok) return true
      if ('choice' in r.value) tallyYesNo([{ choice: r.value.choice, weight: 1 }])
      else if ('options' in r.value) tallyCandidates(options, [{ options: r.value.options, weight: 1 }], 2, 'simple')
      else tallyPicks(options, [{ picks: r.value.picks, weight: 1 }], 2)
      return true
    }),
  )
})

test('§43 (3) GenG: plural votes weigh up to 3, but only one vote on three-quarter matters; 0 votes weigh 0', () => {
  assert.equal(voteWeight(1, 'simple'), 1)
  assert.equal(voteWeight(3, 'simple'), 3)
  assert.equal(voteWeight(2, 'two_thirds'), 2)
  assert.equal(voteWeight(3, 'three_quarters'), 1)
  assert.equal(voteWeight(0, 'simple'), 0)
  assert.equal(voteWeight(0, 'three_quarters'), 0)
  assert.throws(() => voteWeight(4, 'simple'), RangeError)
  assert.throws(() => voteWeight(-1, 'simple'), RangeError)
})
