import type { ErrorCode } from '../platform/errors.ts'
import { defineMessages, type Language, translate } from '../platform/i18n.ts'

/** What a person reads when a membership or ledger action is refused, by error code. */
const messages = defineMessages({
  de: {
    already_decided: 'Über diese Erklärung wurde schon entschieden.',
    already_approved:
      'Du hast dieser Aufnahme schon zugestimmt; es fehlt noch die Zustimmung eines weiteren Vorstandsmitglieds.',
    membership_overlap: 'Für dieses Mitglied gibt es schon eine Mitgliedschaft in diesem Zeitraum.',
    member_not_active: 'Die Mitgliedschaft ist nicht (mehr) aktiv; ihr Ende ist schon eingetragen.',
    shares_below_mandatory:
      'So viele Anteile können nicht gekündigt oder übertragen werden: Die Pflichtanteile müssen bleiben, solange die Leistungen laufen, die sie erfordern.',
    ledger_rule:
      'Diese Buchung ist nicht zulässig: Ein Bestand darf nicht negativ werden, und eine Stornobuchung kann weder storniert noch doppelt gebucht werden.',
    accounts_not_approved:
      'Die Auszahlung wartet auf die Feststellung des Jahresabschlusses für das Geschäftsjahr des Ausscheidens (§ 73 GenG).',
    not_found: 'Nicht gefunden.',
    forbidden: 'Dafür fehlt dir die Berechtigung.',
  },
  en: {
    already_decided: 'This declaration has already been decided.',
    already_approved: 'You have already approved this admission; a second board member still has to approve.',
    membership_overlap: 'This member already has a membership in that period.',
    member_not_active: 'The membership is not active (any more); its end is already recorded.',
    shares_below_mandatory:
      'That many shares cannot be cancelled or transferred: the mandatory shares stay while the services that require them run.',
    ledger_rule:
      'This entry is not allowed: a balance may not become negative, and a reversal can be neither reversed nor booked twice.',
    accounts_not_approved:
      'The payout waits for the annual accounts of the fiscal year of the exit to be approved (§73 GenG).',
    not_found: 'Not found.',
    forbidden: 'You do not have permission for that.',
  },
})

type Known = keyof typeof messages.de

/** The reader's message for a refused membership action, or null if the code is not one of these. */
export function memberErrorText(code: ErrorCode, lang: Language): string | null {
  return code in messages.de ? translate(messages, lang, code as Known) : null
}
