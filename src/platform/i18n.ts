export const languages = ['de', 'en'] as const
export type Language = (typeof languages)[number]

/** A message table: English must have every German key, so no string ships untranslated. */
export type Messages<K extends string> = { de: Record<K, string>; en: Record<K, string> }

export function defineMessages<K extends string>(messages: {
  de: Record<K, string>
  en: Record<NoInfer<K>, string>
}): Messages<K> {
  return messages
}

/** The keys of a message table (distributes over a union of tables). */
type KeysOf<M> = M extends Messages<infer K> ? K : never

/** Several message tables as one; keys must not repeat across them (checked by i18n.test.ts for the real tables). */
export function joinMessages<T extends Array<Messages<string>>>(...tables: T): Messages<KeysOf<T[number]>>
export function joinMessages(...tables: Array<Messages<string>>): Messages<string> {
  const out: Messages<string> = { de: {}, en: {} }
  for (const table of tables) {
    for (const key of Object.keys(table.de)) {
      if (key in out.de) throw new Error(`message key ${key} is defined twice`)
      out.de[key] = table.de[key]!
      out.en[key] = table.en[key]!
    }
  }
  return out
}

/** Looks a key up and fills `{name}` placeholders. */
export function translate<K extends string>(
  messages: Messages<K>,
  lang: Language,
  key: K,
  params: Record<string, string | number> = {},
): string {
  const template = messages[lang][key] ?? messages.de[key] ?? key
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`))
}

export function translator<K extends string>(messages: Messages<K>, lang: Language) {
  return (key: K, params?: Record<string, string | number>) => translate(messages, lang, key, params)
}

export function isLanguage(value: unknown): value is Language {
  return value === 'de' || value === 'en'
}

/** Picks the preferred supported language from an Accept-Language header; German by default. */
export function negotiateLanguage(header: string | undefined): Language {
  if (!header) return 'de'
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', ...rest] = part.trim().split(';')
      const q = rest.find((r) => r.trim().startsWith('q='))
      return { tag: tag.toLowerCase().slice(0, 2), q: q ? Number(q.trim().slice(2)) : 1 }
    })
    .filter((entry) => Number.isFinite(entry.q) && entry.q > 0)
    .sort((a, b) => b.q - a.q)
  for (const entry of ranked) if (isLanguage(entry.tag)) return entry.tag
  return 'de'
}

const dateFormats = {
  de: new Intl.DateTimeFormat('de-DE', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Berlin' }),
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Berlin' }),
}

/** Dates are shown in Europe/Berlin, whatever the server's zone. */
export function formatDateTime(value: Date | string | null | undefined, lang: Language): string {
  if (!value) return '—'
  return dateFormats[lang].format(new Date(value))
}

const euroFormats = {
  de: new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' }),
  en: new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR' }),
}

export function formatEuro(cents: number, lang: Language): string {
  return euroFormats[lang].format(cents / 100)
}

const monthsShort = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/**
 * A calendar date ('YYYY-MM-DD') as people read it: 31.12.2026 or 31 Dec 2026. The string is taken apart as
 * it is, never through `Date`, so no time zone can move it to the day before; anything else is a RangeError.
 */
export function formatDate(value: string | null | undefined, lang: Language): string {
  if (value === null || value === undefined) return '—'
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  const month = match ? monthsShort[Number(match[2]) - 1] : undefined
  if (!match || !month || Number(match[3]) < 1 || Number(match[3]) > 31)
    throw new RangeError(`not a calendar date (YYYY-MM-DD): ${JSON.stringify(value)}`)
  const [, year, monthNumber, day] = match
  return lang === 'de' ? `${day}.${monthNumber}.${year}` : `${Number(day)} ${month} ${year}`
}
