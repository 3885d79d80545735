import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { checkOptions, checkVote, tallyProposal } from './proposals.rules.ts'

test('consent is reached without blocks and with more agree than disagree; one block stops it', () => {
  const v = (position: 'agree' | 'abstain' | 'disagree' | 'block') => ({ position })
  assert.equal(tallyProposal('consent', 0, [v('agree'), v('agree'), v('disagree')]).kind, 'consent')
  const r1 = tallyProposal('consent', 0, [v('agree'), v('agree'), v('disagree'), v('abstain')])
  assert.ok(r1.kind === 'consent' && r1.consent)
  const r2 = tallyProposal('consent', 0, [v('agree'), v('agree'), v('block')])
  assert.ok(r2.kind === 'consent' && !r2.consent)
  const r3 = tallyProposal('consent', 0, [v('agree'), v('disagree'), v('abstain')])
  assert.ok(r3.kind === 'consent' && !r3.consent, 'a tie is no consent')
})

test('ranked choice is a Borda count; ties name every leader; score sums', () => {
  const ranked = tallyProposal('ranked', 3, [{ ranking: [0, 1, 2] }, { ranking: [1, 0, 2] }, { ranking: [1, 2, 0] }])
  assert.ok(ranked.kind !== 'consent')
  assert.deepEqual(ranked.totals, [3 + 2 + 1, 2 + 3 + 3, 1 + 1 + 2])
  assert.deepEqual(ranked.leaders, [1])
  const poll = tallyProposal('poll', 2, [{ option: 0 }, { option: 1 }])
  assert.ok(poll.kind !== 'consent')
  assert.deepEqual(poll.leaders, [0, 1])
  const score = tallyProposal('score', 2, [{ scores: [10, 0] }, { scores: [3, 7] }])
  assert.ok(score.kind !== 'consent')
  assert.deepEqual(score.totals, [13, 7])
  const none = tallyProposal('poll', 2, [])
  assert.ok(none.kind !== 'consent')
  assert.deepEqual(none.leaders, [], 'no votes, no leader')
})

test('property: every Borda total is between the voters and n times the voters, and all totals add up', () => {
  fc.assert(
    fc.property(
      fc
        .integer({ min: 2, max: 6 })
        .chain((n) =>
          fc.tuple(
            fc.constant(n),
            fc.array(fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n }), { maxLength: 30 }),
          ),
        ),
      ([n, rankings]) => {
        const r = tallyProposal(
          'ranked',
          n,
          rankings.map((ranking) => ({ ranking })),
        )
        assert.ok(r.kind !== 'consent')
        const voters = rankings.length
        for (const total of r.totals) assert.ok(total >= voters && total <= n * voters)
        assert.equal(
          r.totals.reduce((a, b) => a + b, 0),
          (voters * n * (n + 1)) / 2,
        )
      },
    ),
  )
})

test('votes are checked against the kind: a ranking names every option once, scores stay in 0..10', () => {
  assert.deepEqual(checkVote('consent', 0, { position: 'block' }), { ok: true, value: { position: 'block' } })
  assert.equal(checkVote('consent', 0, { position: 'maybe' }).ok, false)
  assert.equal(checkVote('poll', 3, { option: 3 }).ok, false)
  assert.equal(checkVote('ranked', 3, { ranking: [0, 0, 1] }).ok, false)
  assert.equal(checkVote('ranked', 3, { ranking: [2, 0, 1] }).ok, true)
  assert.equal(checkVote('score', 2, { scores: [11, 0] }).ok, false)
  assert.equal(checkVote('score', 2, { scores: [10, 0] }).ok, true)
  assert.deepEqual(checkOptions('poll', ['A', ' ', 'B']), { ok: true, options: ['A', 'B'] })
  assert.equal(checkOptions('poll', ['A']).ok, false)
  assert.equal(checkOptions('ranked', ['A', 'a']).ok, false)
  assert.deepEqual(checkOptions('consent', ['x']), { ok: true, options: [] })
})
