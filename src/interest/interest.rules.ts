import { sha256 } from '../platform/crypto.ts'
import { addMonths, type PlainDate } from '../platform/dates.ts'

/** Rules of the interest list: pure, the time comes in as an argument. */

/** An unconfirmed sign-up expires after this many days; it is never exported and is removed once expired. */
export const confirmWindowDays = 7

/** Public sign-ups per client address and per email within the window (the email counted by its hash). */
export const signupLimit = { perAddress: 5, perEmail: 3, windowMinutes: 60 }

/** The log of sign-up requests only needs the last hour; older rows go. */
export const requestLogHours = 24

export function confirmExpiry(now: Date): Date {
  return new Date(now.getTime() + confirmWindowDays * 24 * 3600_000)
}

export function isExpired(expiresAt: Date, now: Date): boolean {
  return now.getTime() >= expiresAt.getTime()
}

/** The version of a consent text: its hash, so a record shows exactly which wording someone agreed to. */
export function consentVersion(text: string): string {
  return sha256(text).slice(0, 16)
}

/** The email as the limit counts it: case-insensitive, only as a hash (the request log is not the list). */
export function emailHash(email: string): string {
  return sha256(email.trim().toLowerCase())
}

export function overLimit(counts: { fromAddress: number; forEmail: number }): boolean {
  return counts.fromAddress >= signupLimit.perAddress || counts.forEmail >= signupLimit.perEmail
}

/**
 * Confirmed sign-ups per month for the last `months` months up to the month of `today`, oldest first, months
 * without sign-ups included (as 'YYYY-MM').
 */
export function signupsPerMonth(
  confirmedMonths: readonly string[],
  today: PlainDate,
  months = 12,
): Array<{ month: string; count: number }> {
  const first = addMonths(`${today.slice(0, 7)}-01`, -(months - 1))
  const out: Array<{ month: string; count: number }> = []
  for (let i = 0; i < months; i++) out.push({ month: addMonths(first, i).slice(0, 7), count: 0 })
  for (const month of confirmedMonths) {
    const bucket = out.find((b) => b.month === month)
    if (bucket) bucket.count++
  }
  return out
}

export interface ExportedSubscriber {
  email: string
  name: string | null
  organisation: string | null
  language: 'de' | 'en'
  consentedAt: Date
  confirmedAt: Date
}

/** One CSV cell (RFC 4180): quoted when it holds a comma, quote or line break; a formula start is made text. */
function cell(value: string): string {
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/**
 * The confirmed subscribers in the CSV that listmonk imports (Subscribers → Import): the columns `email`, `name`
 * and `attributes`, the last a JSON object (organisation, language, when they consented and confirmed). Comma
 * separated, no byte order mark (listmonk reads the header row by name). A name without a value gets the
 * part of the email before the @, as listmonk needs one.
 */
export function listmonkCsv(subscribers: readonly ExportedSubscriber[]): string {
  const lines = ['email,name,attributes']
  for (const s of subscribers) {
    const attributes = JSON.stringify({
      organisation: s.organisation ?? '',
      language: s.language,
      consented_at: s.consentedAt.toISOString(),
      confirmed_at: s.confirmedAt.toISOString(),
    })
    lines.push([cell(s.email), cell(s.name ?? s.email.split('@')[0]!), cell(attributes)].join(','))
  }
  return `${lines.join('\r\n')}\r\n`
}
