import type { Language } from '../platform/i18n.ts'

const monthsEnglish = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/**
 * Shows a calendar date ('YYYY-MM-DD') as 31.12.2026 (German) or 31 Dec 2026 (English). The string is taken
 * apart as it is, never through `Date`, so no time zone can move it to the day before.
 */
export function formatPlainDate(date: string, lang: Language): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  const month = match ? monthsEnglish[Number(match[2]) - 1] : undefined
  if (!match || !month || Number(match[3]) < 1 || Number(match[3]) > 31) {
    throw new RangeError(`not a calendar date (YYYY-MM-DD): ${JSON.stringify(date)}`)
  }
  const [, year, monthNumber, day] = match
  return lang === 'de' ? `${day}.${monthNumber}.${year}` : `${Number(day)} ${month} ${year}`
}

const berlinParts = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Berlin',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
})

/** The calendar date an instant falls on in Germany, as 'YYYY-MM-DD' (whatever the server's zone). */
export function berlinDate(instant: Date): string {
  const parts = Object.fromEntries(berlinParts.formatToParts(instant).map((part) => [part.type, part.value]))
  return `${parts.year}-${parts.month}-${parts.day}`
}
