import { bookingsValidation } from '../bookings/bookings.validation.ts'
import { catalogValidation } from '../catalog/catalog.validation.ts'
import { eventsValidation } from '../events/events.validation.ts'
import { governanceValidation } from '../governance/governance.validation.ts'
import { motionsValidation } from '../governance/motions.validation.ts'
import { pollsValidation } from '../governance/polls.validation.ts'
import { votingValidation } from '../governance/voting.validation.ts'
import { needsValidation } from '../needs/needs.validation.ts'
import { roomsValidation } from '../rooms/rooms.validation.ts'
import { defineMessages, joinMessages } from './i18n.ts'

/** Messages shown next to a field, keyed by the validation key or zod issue kind. */
const platformMessages = defineMessages({
  de: {
    required: 'Bitte ausfüllen.',
    too_long: 'Höchstens {max} Zeichen.',
    too_short: 'Mindestens {min} Zeichen.',
    too_small: 'Der Wert muss mindestens {min} sein.',
    too_big: 'Der Wert darf höchstens {max} sein.',
    not_integer: 'Bitte eine ganze Zahl angeben.',
    invalid_type: 'Ungültiger Wert (erwartet: {expected}).',
    invalid_choice: 'Bitte einen der vorgegebenen Werte wählen.',
    unknown_field: 'Unbekanntes Feld.',
    invalid: 'Ungültiger Wert.',
    email_invalid: 'Bitte eine gültige E-Mail-Adresse angeben, z. B. name@beispiel.de.',
    postal_code_invalid: 'Bitte eine gültige Postleitzahl angeben (in Deutschland fünf Ziffern).',
    vat_id_invalid: 'Die USt-IdNr. hat nicht das richtige Format (z. B. DE123456789).',
    vat_id_checksum: 'Die Prüfziffer dieser USt-IdNr. stimmt nicht. Bitte Tippfehler prüfen.',
    iban_invalid: 'Diese IBAN ist ungültig. Bitte Länderkennung, Länge und Prüfziffer prüfen.',
    leitweg_id_invalid: 'Diese Leitweg-ID ist ungültig (Format 04011000-1234512345-06, Prüfziffer prüfen).',
    text_control_chars: 'Der Text enthält unzulässige Steuerzeichen.',
    country_invalid: 'Bitte einen Ländercode aus zwei Buchstaben angeben (z. B. DE).',
    url_invalid: 'Bitte eine Webadresse mit http:// oder https:// angeben.',
    phone_invalid: 'Bitte eine Telefonnummer aus Ziffern, Leerzeichen, +, -, / oder Klammern angeben.',
    password_too_short: 'Das Passwort muss mindestens {min} Zeichen lang sein.',
    password_too_long: 'Das Passwort darf höchstens {max} Zeichen lang sein.',
    password_common: 'Dieses Passwort ist zu verbreitet. Bitte ein anderes wählen.',
    password_contains_email: 'Das Passwort darf die E-Mail-Adresse nicht enthalten.',
    password_mismatch: 'Die beiden Passwörter stimmen nicht überein.',
    password_few_characters: 'Das Passwort braucht mehr verschiedene Zeichen.',
    invalid_password: 'Das Passwort stimmt nicht.',
    last_board: 'Der letzte Vorstandszugang kann die Rolle Vorstand nicht verlieren.',
    email_taken: 'Für diese E-Mail-Adresse gibt es schon ein Konto.',
    totp_invalid: 'Der Code ist falsch oder abgelaufen. Bitte den aktuellen Code aus der App eingeben.',
    statutes_tier_key_invalid: 'Kleinbuchstaben, Ziffern und Unterstriche, beginnend mit einem Buchstaben.',
    statutes_tier_key_duplicate: 'Jede Größenstufe braucht einen eigenen Schlüssel.',
    statutes_first_tier_from_zero: 'Die erste Größenstufe muss bei 0 Beschäftigten und 0 € Jahresbudget beginnen.',
    statutes_tiers_not_ascending: 'Die Schwelle muss höher sein als die der vorigen Größenstufe.',
    statutes_tier_shares_decreasing: 'Eine größere Stufe darf nicht weniger Pflichtanteile haben als die vorige.',
    statutes_maximum_below_mandatory:
      'Die Höchstzahl der Anteile muss mindestens so groß sein wie jede Pflichtanteilszahl (Mindestzahl, Größenstufen, Beschäftigte, Fördermitglieder).',
    statutes_agenda_after_invitation:
      'Tagesordnungspunkte können nicht früher angekündigt werden müssen als die Einladung (Frist höchstens so lang wie die Einladungsfrist).',
    date_in_past: 'Das Datum darf nicht in der Vergangenheit liegen.',
    date_in_future: 'Das Datum darf nicht in der Zukunft liegen.',
    date_invalid: 'Bitte ein gültiges Datum angeben (JJJJ-MM-TT).',
    statutes_date_taken: 'Für dieses Datum gibt es schon eine Fassung der Satzung.',
    consent_required: 'Bitte bestätigen – ohne diese Zustimmung kann die Erklärung nicht abgegeben werden.',
    shares_above_maximum: 'So viele Anteile erlaubt die Satzung nicht (Höchstzahl je Mitglied).',
    areas_for_organisations: 'Leistungsbereiche buchen nur Mitgliedsorganisationen.',
    earlier_shares_unpaid:
      'Weitere Anteile sind erst möglich, wenn die bisherigen (bis auf den zuletzt übernommenen) voll eingezahlt sind (§ 15b GenG).',
    member_unknown: 'Diese Mitgliedsnummer gibt es nicht.',
    transfer_to_self: 'Anteile können nicht an dasselbe Mitglied übertragen werden.',
    shares_more_than_held: 'So viele Anteile hält das Mitglied nicht.',
    transfer_needs_paid_shares: 'Übertragen werden können nur voll eingezahlte Anteile.',
    payment_exceeds_owed: 'Der Betrag ist höher als die noch offenen Einzahlungen auf die Anteile.',
    exit_not_fiscal_year_end:
      'Die Kündigung wirkt nur zum Ende eines Geschäftsjahres nach Ablauf der Kündigungsfrist (§ 65 GenG).',
    date_before_joining: 'Das Datum liegt vor dem Beitritt.',
    dissolution_needs_organisation: 'Eine Auflösung gibt es nur bei Mitgliedsorganisationen.',
    death_needs_person: 'Tod kann nur bei persönlichen Mitgliedern eingetragen werden.',
    not_fiscal_year_end: 'Bitte den letzten Tag eines Geschäftsjahres angeben.',
    approval_before_year_end: 'Der Jahresabschluss kann erst nach Ende des Geschäftsjahres festgestellt werden.',
    accounts_already_recorded: 'Für dieses Geschäftsjahr ist der Jahresabschluss schon eingetragen.',
    too_many_applications:
      'Von hier kamen in der letzten Stunde schon mehrere Erklärungen. Bitte in einer Stunde erneut versuchen oder uns schreiben.',
    areas_need_shares:
      'Für diesen Leistungsbereich braucht das Mitglied mehr Pflichtanteile. Bitte zuerst weitere Anteile zeichnen (§ 15b GenG).',
    payout_before_end: 'Ausgezahlt wird erst nach dem Ende der Mitgliedschaft bzw. der gekündigten Anteile.',
    transaction_unknown: 'Diese Buchung gibt es im Journal dieses Mitglieds nicht.',
    reversal_of_reversal:
      'Eine Stornobuchung kann nicht storniert werden. Bitte die ursprüngliche Buchung neu erfassen.',
  },
  en: {
    required: 'Please fill this in.',
    too_long: 'At most {max} characters.',
    too_short: 'At least {min} characters.',
    too_small: 'The value must be at least {min}.',
    too_big: 'The value must be at most {max}.',
    not_integer: 'Please enter a whole number.',
    invalid_type: 'Invalid value (expected: {expected}).',
    invalid_choice: 'Please choose one of the given values.',
    unknown_field: 'Unknown field.',
    invalid: 'Invalid value.',
    email_invalid: 'Please enter a valid email address, e.g. name@example.org.',
    postal_code_invalid: 'Please enter a valid postal code (five digits in Germany).',
    vat_id_invalid: 'This VAT ID does not have the right format (e.g. DE123456789).',
    vat_id_checksum: 'The check digit of this VAT ID does not match. Please check for typos.',
    iban_invalid: 'This IBAN is invalid. Please check the country code, length and check digits.',
    leitweg_id_invalid: 'This Leitweg ID is invalid (format 04011000-1234512345-06, check the check digits).',
    text_control_chars: 'The text contains control characters that are not allowed.',
    country_invalid: 'Please enter a two-letter country code (e.g. DE).',
    url_invalid: 'Please enter a web address starting with http:// or https://.',
    phone_invalid: 'Please enter a phone number made of digits, spaces, +, -, / or brackets.',
    password_too_short: 'The password must be at least {min} characters long.',
    password_too_long: 'The password must be at most {max} characters long.',
    password_common: 'This password is too common. Please choose another one.',
    password_contains_email: 'The password must not contain the email address.',
    password_mismatch: 'The two passwords do not match.',
    password_few_characters: 'The password needs more different characters.',
    invalid_password: 'The password is not correct.',
    last_board: 'The last board account cannot lose the board role.',
    email_taken: 'There is already an account for this email address.',
    totp_invalid: 'The code is wrong or has expired. Please enter the current code from the app.',
    statutes_tier_key_invalid: 'Lower-case letters, digits and underscores, starting with a letter.',
    statutes_tier_key_duplicate: 'Each size tier needs its own key.',
    statutes_first_tier_from_zero: 'The first size tier must start at 0 employees and a budget of 0 €.',
    statutes_tiers_not_ascending: 'The threshold must be higher than that of the previous size tier.',
    statutes_tier_shares_decreasing: 'A larger tier must not have fewer mandatory shares than the previous one.',
    statutes_maximum_below_mandatory:
      'The maximum number of shares must be at least every mandatory share count (minimum, size tiers, employees, supporting members).',
    statutes_agenda_after_invitation:
      'Agenda items cannot be due earlier than the invitation (at most as many days as the invitation period).',
    date_in_past: 'The date may not be in the past.',
    date_in_future: 'The date may not be in the future.',
    date_invalid: 'Please give a valid date (YYYY-MM-DD).',
    statutes_date_taken: 'There is already a version of the statutes for this date.',
    consent_required: 'Please confirm – the declaration cannot be made without this consent.',
    shares_above_maximum: 'The statutes do not allow that many shares (maximum per member).',
    areas_for_organisations: 'Only member organisations book service areas.',
    earlier_shares_unpaid:
      'Further shares are possible only when the earlier ones (except the last subscribed) are fully paid (§15b GenG).',
    member_unknown: 'There is no member with this number.',
    transfer_to_self: 'Shares cannot be transferred to the same member.',
    shares_more_than_held: 'The member does not hold that many shares.',
    transfer_needs_paid_shares: 'Only fully paid shares can be transferred.',
    payment_exceeds_owed: 'The amount is more than the payments still open on the shares.',
    exit_not_fiscal_year_end:
      'Notice takes effect only at the end of a fiscal year after the notice period (§65 GenG).',
    date_before_joining: 'The date is before the member joined.',
    dissolution_needs_organisation: 'Only member organisations can be dissolved.',
    death_needs_person: 'Death can only be recorded for a person member.',
    not_fiscal_year_end: 'Please give the last day of a fiscal year.',
    approval_before_year_end: 'Annual accounts can be approved only after the fiscal year ended.',
    accounts_already_recorded: 'The annual accounts of this fiscal year are already recorded.',
    too_many_applications:
      'Several declarations came from here within the last hour. Please try again in an hour or write to us.',
    areas_need_shares:
      'This service area needs more mandatory shares. Please declare further shares first (§15b GenG).',
    payout_before_end: 'The payout comes only after the membership (or the cancelled shares) ended.',
    transaction_unknown: "This entry is not in this member's ledger.",
    reversal_of_reversal: 'A reversal cannot be reversed. Please book the original entry again.',
  },
})
/**
 * Every field message: the platform's and each domain's own table (in `<domain>.validation.ts`), so a domain adds
 * its keys without touching this file. A key defined twice throws as soon as this module loads.
 */
export const validationMessages = joinMessages(
  platformMessages,
  catalogValidation,
  bookingsValidation,
  needsValidation,
  eventsValidation,
  roomsValidation,
  votingValidation,
  motionsValidation,
  governanceValidation,
  pollsValidation,
)
export type ValidationMessageKey = keyof typeof validationMessages.de
