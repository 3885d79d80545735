import assert from 'node:assert/strict'
import { test } from 'node:test'
import { assemblyStatuses, motionStatuses } from '../db/schema-governance.ts'
import {
  acceptsMotions,
  allows,
  amendmentRef,
  isAmendmentRef,
  isMotionRef,
  majorityFor,
  motionRef,
  nextNumber,
  tooLateToDecide,
  wordDiff,
} from './motions.rules.ts'

test('motions are numbered A1, A2 … per assembly, amendments Ä<motion>.<n>', () => {
  assert.equal(motionRef(1), 'A1')
  assert.equal(motionRef(12), 'A12')
  assert.equal(amendmentRef('A3', 2), 'Ä3.2')
  assert.throws(() => motionRef(0), RangeError)
  assert.throws(() => amendmentRef('X3', 1), RangeError)
  assert.equal(nextNumber([]), 1)
  assert.equal(nextNumber(['A1', 'A10', 'A9']), 11)
  assert.equal(nextNumber(['Ä2.1', 'Ä2.3']), 4)
  assert.ok(isMotionRef('A7') && !isMotionRef('A') && !isMotionRef('a7') && !isMotionRef('A1.1'))
  assert.ok(isAmendmentRef('Ä1.2') && !isAmendmentRef('A1.2') && !isAmendmentRef('Ä1'))
})

test('motions only for assemblies being prepared or running, not closed or cancelled', () => {
  assert.deepEqual(
    assemblyStatuses.filter((s) => acceptsMotions(s)),
    ['draft', 'invited', 'open'],
  )
})

test('§16 (2) GenG: a statute change always needs three quarters, other motions what they ask for', () => {
  assert.equal(majorityFor(true, 'simple'), 'three_quarters')
  assert.equal(majorityFor(true, 'two_thirds'), 'three_quarters')
  assert.equal(majorityFor(false, 'simple'), 'simple')
  assert.equal(majorityFor(false, 'two_thirds'), 'two_thirds')
})

test('the workflow: submitted → admitted/withdrawn; admitted → withdrawn/voted; an outcome after admission', () => {
  const table: Record<string, string[]> = {
    admit: ['submitted'],
    withdraw: ['submitted', 'admitted'],
    support: ['submitted', 'admitted'],
    amend: ['submitted', 'admitted'],
    vote: ['admitted'],
    decide: ['admitted', 'voted'],
  }
  for (const [step, from] of Object.entries(table))
    assert.deepEqual(
      motionStatuses.filter((s) => allows(s, step as never)),
      from,
      step,
    )
})

test('the word diff shows what an amendment removes and adds, and rebuilds both texts', () => {
  const before = 'Der Vorstand beruft die Versammlung jährlich ein.'
  const after = 'Der Vorstand beruft die Versammlung zweimal im Jahr ein.'
  const parts = wordDiff(before, after)
  assert.deepEqual(
    parts.filter((p) => p.kind !== 'same').map((p) => [p.kind, p.text.trim()]),
    [
      ['removed', 'jährlich'],
      ['added', 'zweimal im Jahr'],
    ],
  )
  assert.equal(
    parts
      .filter((p) => p.kind !== 'added')
      .map((p) => p.text)
      .join(''),
    before,
  )
  assert.equal(
    parts
      .filter((p) => p.kind !== 'removed')
      .map((p) => p.text)
      .join(''),
    after,
  )
  assert.deepEqual(wordDiff('gleich', 'gleich'), [{ kind: 'same', text: 'gleich' }])
})

test('§46 (2) GenG: a motion submitted less than the agenda period before the assembly cannot be decided', () => {
  const startsAt = new Date('2026-06-20T10:00:00Z')
  assert.equal(tooLateToDecide(new Date('2026-06-13T10:00:00Z'), startsAt, 7), false) // exactly a week
  assert.equal(tooLateToDecide(new Date('2026-06-13T10:00:01Z'), startsAt, 7), true)
  assert.equal(tooLateToDecide(new Date('2026-06-01T10:00:00Z'), startsAt, 21), true)
})
