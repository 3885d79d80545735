import { diffWords } from 'diff'
import type { AssemblyStatus, Majority, MotionStatus } from '../db/schema-governance.ts'

/**
 * Motions (Anträge) and amendments (Änderungsanträge): pure rules for references, the workflow and the
 * majority a motion needs. No I/O; the actions lock the rows and call these.
 */

/** Motions and amendments are taken only while an assembly is prepared or running, not once closed or cancelled. */
export function acceptsMotions(status: AssemblyStatus): boolean {
  return status === 'draft' || status === 'invited' || status === 'open'
}

/** The n-th motion of an assembly: A1, A2, … */
export function motionRef(n: number): string {
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`motion number must be >= 1, got ${n}`)
  return `A${n}`
}

/** The n-th amendment of motion A<k>: Ä<k>.<n>. */
export function amendmentRef(motion: string, n: number): string {
  const match = /^A(\d+)$/.exec(motion)
  if (!match) throw new RangeError(`not a motion reference: ${motion}`)
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`amendment number must be >= 1, got ${n}`)
  return `Ä${match[1]}.${n}`
}

/** The number after the highest of the given references' numbers (A3 → 4; Ä2.5 → 6); 1 for none. */
export function nextNumber(refs: string[]): number {
  let highest = 0
  for (const ref of refs) {
    const match = /(\d+)$/.exec(ref)
    if (match) highest = Math.max(highest, Number(match[1]))
  }
  return highest + 1
}

export const isMotionRef = (value: string): boolean => /^A\d{1,6}$/.test(value)
export const isAmendmentRef = (value: string): boolean => /^Ä\d{1,6}\.\d{1,6}$/.test(value)

/** A statute change needs three quarters of the votes cast (§16 (2) GenG); otherwise what was asked for. */
export function majorityFor(statuteChange: boolean, requested: Majority): Majority {
  return statuteChange ? 'three_quarters' : requested
}

export type MotionStep = 'admit' | 'withdraw' | 'support' | 'amend' | 'vote' | 'decide'

/**
 * Which workflow steps a motion (or amendment) in a status allows: submitted → admitted (the board) or
 * withdrawn (the submitter); admitted → withdrawn or voted; voted → adopted / rejected. Support and
 * amendments are taken while it is submitted or admitted. The outcome may also be recorded straight
 * from admitted (the poll closing decides it).
 */
export function allows(status: MotionStatus, step: MotionStep): boolean {
  switch (step) {
    case 'admit':
      return status === 'submitted'
    case 'withdraw':
    case 'support':
    case 'amend':
      return status === 'submitted' || status === 'admitted'
    case 'vote':
      return status === 'admitted'
    case 'decide':
      return status === 'admitted' || status === 'voted'
  }
}

export interface DiffPart {
  kind: 'same' | 'added' | 'removed'
  text: string
}

/** The change an amendment makes to a motion's text, word by word (whitespace kept with the words). */
export function wordDiff(before: string, after: string): DiffPart[] {
  return diffWords(before, after).map((change) => ({
    kind: change.added ? 'added' : change.removed ? 'removed' : 'same',
    text: change.value,
  }))
}

/**
 * Whether a motion came in too late to be decided: items announced less than `agendaDays` days before the
 * assembly cannot be decided (§46 (2) GenG). Counted in whole days of 24 hours from submission to start.
 */
export function tooLateToDecide(submittedAt: Date, startsAt: Date, agendaDays: number): boolean {
  return startsAt.getTime() - submittedAt.getTime() < agendaDays * 86_400_000
}
