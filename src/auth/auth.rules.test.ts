import assert from 'node:assert/strict'
import { test } from 'node:test'
import { isLocked, lockUntil, maxFailedLogins, passwordProblems, totpStep } from './auth.rules.ts'

test('password rules: length, common passwords, email, variety', () => {
  assert.deepEqual(passwordProblems('correct horse battery staple', 'jana@example.org'), [])
  assert.deepEqual(passwordProblems('short', 'jana@example.org'), ['password_too_short'])
  assert.ok(passwordProblems('passwort123', 'x@y.de').includes('password_common'))
  assert.ok(passwordProblems('jana.petersen-2026', 'jana.petersen@example.org').includes('password_contains_email'))
  assert.ok(passwordProblems('abababababab', 'x@y.de').includes('password_few_characters'))
  assert.ok(passwordProblems('x'.repeat(201), 'x@y.de').includes('password_too_long'))
})

test('lockout after the fifth failure, for fifteen minutes', () => {
  const now = new Date('2026-11-22T10:00:00Z')
  assert.equal(lockUntil(maxFailedLogins - 1, now), null)
  const until = lockUntil(maxFailedLogins, now)!
  assert.equal(until.toISOString(), '2026-11-22T10:15:00.000Z')
  assert.equal(isLocked(until, new Date('2026-11-22T10:14:59Z')), true)
  assert.equal(isLocked(until, new Date('2026-11-22T10:15:00Z')), false)
  assert.equal(isLocked(null, now), false)
})

test('TOTP steps are 30 seconds (RFC 6238)', () => {
  assert.equal(totpStep(new Date(0)), 0)
  assert.equal(totpStep(new Date(29_999)), 0)
  assert.equal(totpStep(new Date(30_000)), 1)
})
