import type { Context } from 'hono'
import { type DomainError, errorStatus } from '../platform/errors.ts'
import { localiseIssues } from '../platform/fields.ts'
import type { Language } from '../platform/i18n.ts'

const titles: Record<string, { de: string; en: string }> = {
  not_found: { de: 'Nicht gefunden', en: 'Not found' },
  forbidden: { de: 'Keine Berechtigung', en: 'Forbidden' },
  unauthenticated: { de: 'Anmeldung erforderlich', en: 'Authentication required' },
  validation: { de: 'Ungültige Eingabe', en: 'Invalid input' },
  conflict: { de: 'Konflikt mit dem aktuellen Stand', en: 'Conflict with the current state' },
  payload_too_large: { de: 'Anfrage zu groß', en: 'Request too large' },
  invalid_encoding: { de: 'Ungültige Zeichenkodierung (kein UTF-8)', en: 'Invalid character encoding (not UTF-8)' },
  email_taken: { de: 'E-Mail-Adresse schon vergeben', en: 'Email address already taken' },
  last_admin: {
    de: 'Die Organisation braucht mindestens einen Org-Admin',
    en: 'The organisation needs at least one org admin',
  },
  already_decided: { de: 'Darüber wurde schon entschieden', en: 'This has already been decided' },
  already_approved: { de: 'Du hast schon zugestimmt', en: 'You have already approved' },
  membership_overlap: {
    de: 'Die Mitgliedschaften würden sich überschneiden',
    en: 'The memberships would overlap',
  },
  member_not_active: { de: 'Die Mitgliedschaft ist nicht aktiv', en: 'The membership is not active' },
  shares_below_mandatory: {
    de: 'Die Anteile würden unter die Pflichtanteile fallen',
    en: 'The shares would fall below the mandatory shares',
  },
  ledger_rule: { de: 'Die Buchung verletzt eine Regel des Journals', en: 'The entry breaks a ledger rule' },
  accounts_not_approved: {
    de: 'Der Jahresabschluss ist noch nicht festgestellt',
    en: 'The annual accounts are not approved yet',
  },
  rate_limited: { de: 'Zu viele Anfragen', en: 'Too many requests' },
  database_busy: { de: 'Vorübergehend nicht verfügbar', en: 'Temporarily unavailable' },
}

/** RFC 9457 problem details; validation problems list each field with its path and a readable message. */
export function problem(c: Context, error: DomainError, status = errorStatus[error.code]) {
  const lang: Language = (c.get('lang') as Language | undefined) ?? 'en'
  const title = titles[error.code]?.[lang] ?? error.code
  const body: Record<string, unknown> = {
    type: `https://allmende.coop/problems/${error.code}`,
    title,
    status,
    code: error.code,
  }
  if (error.fields.length > 0) body.errors = localiseIssues(error.fields, lang)
  if (status >= 500 && error.detail === 'internal') body.detail = 'internal error'
  else if (error.detail && error.code !== 'forbidden') body.detail = error.detail
  return c.body(JSON.stringify(body), status as 400, { 'content-type': 'application/problem+json; charset=utf-8' })
}
