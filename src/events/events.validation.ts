import { defineMessages } from '../platform/i18n.ts'

/** Field messages of events, registrations and the interest list. */
export const eventsValidation = defineMessages({
  de: {
    ends_before_start: 'Das Ende muss nach dem Beginn liegen.',
    datetime_invalid: 'Bitte Datum und Uhrzeit angeben, z. B. 10.06.2026 18:00.',
    time_not_in_zone:
      'Diese Uhrzeit gibt es an diesem Tag in Berlin nicht (Umstellung auf Sommerzeit). Bitte eine andere wählen.',
    starts_in_past: 'Der Beginn liegt in der Vergangenheit.',
    closes_after_end: 'Die Anmeldung muss spätestens mit dem Ende der Veranstaltung schließen.',
    place_required: 'Bitte einen Ort oder einen Online-Link angeben (oder beides).',
    member_price_above: 'Der Mitgliedspreis darf nicht höher sein als der Preis für Nichtmitglieder.',
    seats_below_confirmed:
      'Es sind schon mehr Personen fest angemeldet. So wenige Plätze würden die Veranstaltung überbuchen – bitte zuerst Anmeldungen stornieren.',
    vat_percent_invalid: 'Bitte einen Steuersatz zwischen 0 und 100 % mit höchstens zwei Nachkommastellen angeben.',
    already_registered: 'Mit dieser E-Mail-Adresse ist schon jemand für diese Veranstaltung angemeldet.',
    registration_consent_required:
      'Bitte zustimmen – ohne diese Einwilligung können wir die Anmeldung nicht bearbeiten.',
    organisation_not_yours: 'Für diese Organisation kannst du dich hier nicht anmelden.',
    too_many_registrations:
      'Von hier kamen in der letzten Stunde schon viele Anmeldungen. Bitte in einer Stunde erneut versuchen oder uns schreiben.',
    interest_consent_required: 'Bitte zustimmen – ohne diese Einwilligung dürfen wir dir nicht schreiben.',
    too_many_signups:
      'Von hier oder für diese Adresse kamen in der letzten Stunde schon mehrere Anmeldungen. Bitte später erneut versuchen.',
  },
  en: {
    ends_before_start: 'The end must be after the start.',
    datetime_invalid: 'Please give a date and time, e.g. 10.06.2026 18:00.',
    time_not_in_zone:
      'This time does not exist in Berlin on that day (the change to summer time). Please choose another.',
    starts_in_past: 'The start is in the past.',
    closes_after_end: 'Registration must close at the end of the event at the latest.',
    place_required: 'Please give a place or an online link (or both).',
    member_price_above: 'The member price may not be higher than the price for non-members.',
    seats_below_confirmed:
      'More people are already confirmed. So few seats would over-book the event – please cancel registrations first.',
    vat_percent_invalid: 'Please give a tax rate between 0 and 100 % with at most two decimals.',
    already_registered: 'Someone is already registered for this event with this email address.',
    registration_consent_required: 'Please agree – without this consent we cannot process the registration.',
    organisation_not_yours: 'You cannot register for this organisation here.',
    too_many_registrations:
      'Many registrations came from here within the last hour. Please try again in an hour or write to us.',
    interest_consent_required: 'Please agree – without this consent we may not write to you.',
    too_many_signups:
      'Several sign-ups came from here or for this address within the last hour. Please try again later.',
  },
})
