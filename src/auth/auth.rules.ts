import type { ValidationMessageKey } from '../platform/validation.messages.ts'

export const passwordMinLength = 10
export const passwordMaxLength = 200

// A short list of the most used passwords and patterns (from public breach statistics); the length rule does the rest.
const common = new Set([
  'passwort123',
  'password123',
  'password1234',
  'passwort1234',
  '1234567890',
  '0123456789',
  'qwertzuiop',
  'qwertyuiop',
  'iloveyou123',
  'hallo12345',
  'sommer2026',
  'winter2026',
  'allmende123',
  'genossenschaft',
  'letmein123',
  'welcome123',
  'willkommen1',
  'willkommen123',
  'abcdefghij',
  'aaaaaaaaaa',
  '1111111111',
  'passwortpasswort',
  'passwordpassword',
])

/**
 * Password rules (BSI IT-Grundschutz ORP.4 / NIST SP 800-63B): long rather than complex, not a known common
 * password, not the email address, not one repeated character.
 */
export function passwordProblems(password: string, email: string): ValidationMessageKey[] {
  const problems: ValidationMessageKey[] = []
  if (password.length < passwordMinLength) problems.push('password_too_short')
  if (password.length > passwordMaxLength) problems.push('password_too_long')
  const lower = password.toLowerCase()
  if (common.has(lower)) problems.push('password_common')
  const local = email.split('@')[0]?.toLowerCase() ?? ''
  if (local.length >= 4 && lower.includes(local)) problems.push('password_contains_email')
  if (new Set(password).size < 4) problems.push('password_few_characters')
  return problems
}

/** After this many failed sign-ins in a row an account is locked for `lockoutMinutes` (brute force protection). */
export const maxFailedLogins = 5
export const lockoutMinutes = 15
/** Per client address: at most this many attempts in the window, whatever the account. */
export const maxAttemptsPerIp = 30
export const attemptWindowMinutes = 15

export function lockUntil(failedLogins: number, now: Date): Date | null {
  return failedLogins >= maxFailedLogins ? new Date(now.getTime() + lockoutMinutes * 60_000) : null
}

export function isLocked(lockedUntil: Date | null, now: Date): boolean {
  return lockedUntil !== null && new Date(lockedUntil).getTime() > now.getTime()
}

/** One-time links: short for password resets, longer for invitations that wait in an inbox. */
export const tokenLifetimeMs = {
  reset_password: 60 * 60 * 1000,
  verify_email: 3 * 24 * 60 * 60 * 1000,
  invite: 14 * 24 * 60 * 60 * 1000,
} as const

/** TOTP time step (RFC 6238) for a moment; a code is accepted once, and only if its step is newer than the last used. */
export function totpStep(now: Date, periodSeconds = 30): number {
  return Math.floor(now.getTime() / 1000 / periodSeconds)
}
