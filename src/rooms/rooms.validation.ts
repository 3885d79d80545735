import { defineMessages } from '../platform/i18n.ts'

/** Field messages of the committee rooms. */
export const roomsValidation = defineMessages({
  de: {
    room_key_invalid: 'Bitte nur Kleinbuchstaben, Ziffern und Bindestriche, höchstens 60 Zeichen (z. B. vorstand).',
    room_key_taken: 'Diesen Kurznamen hat schon ein anderer Raum.',
    room_person_unknown: 'Zu dieser E-Mail-Adresse gibt es kein Konto.',
    room_already_member: 'Diese Person gehört dem Raum schon an.',
    room_last_chair:
      'Ein Raum braucht eine Vorsitzende oder einen Vorsitzenden. Bitte zuerst jemand anderen dazu bestimmen.',
    file_required: 'Bitte eine Datei auswählen.',
    file_too_large: 'Die Datei ist zu groß (höchstens 10 MB).',
    file_type_not_allowed:
      'Diese Dateiart wird nicht angenommen. Erlaubt sind PDF, OpenDocument und Office-Dateien, PNG, JPEG und Text.',
    decision_votes_required: 'Bitte mindestens eine Stimme eintragen.',
    proposal_options_too_few: 'Bitte mindestens zwei Möglichkeiten angeben, eine pro Zeile.',
    proposal_options_too_many: 'Höchstens 20 Möglichkeiten.',
    proposal_options_duplicate: 'Jede Möglichkeit nur einmal.',
    proposal_vote_missing: 'Bitte eine Möglichkeit wählen.',
    proposal_ranking_incomplete: 'Bitte jeder Möglichkeit einen anderen Rang geben (1 = am liebsten).',
    proposal_scores_invalid: 'Bitte jeder Möglichkeit eine Punktzahl von 0 bis 10 geben.',
    proposal_closes_in_past: 'Das Ende der Abstimmung muss in der Zukunft liegen.',
    proposal_closed: 'Diese Abstimmung ist beendet; es kann nicht mehr abgestimmt werden.',
    proposal_remind_too_soon: 'Die letzte Erinnerung ist weniger als 12 Stunden her.',
  },
  en: {
    room_key_invalid: 'Only lower-case letters, digits and hyphens, at most 60 characters (e.g. board).',
    room_key_taken: 'Another room already has this short name.',
    room_person_unknown: 'There is no account with this email address.',
    room_already_member: 'This person already belongs to the room.',
    room_last_chair: 'A room needs a chair. Please make someone else chair first.',
    file_required: 'Please choose a file.',
    file_too_large: 'The file is too large (at most 10 MB).',
    file_type_not_allowed:
      'This kind of file is not accepted. Allowed are PDF, OpenDocument and Office files, PNG, JPEG and text.',
    decision_votes_required: 'Please enter at least one vote.',
    proposal_options_too_few: 'Please give at least two options, one per line.',
    proposal_options_too_many: 'At most 20 options.',
    proposal_options_duplicate: 'Each option only once.',
    proposal_vote_missing: 'Please choose an option.',
    proposal_ranking_incomplete: 'Please give every option a different rank (1 = most preferred).',
    proposal_scores_invalid: 'Please give every option a score from 0 to 10.',
    proposal_closes_in_past: 'The end of the vote must lie in the future.',
    proposal_closed: 'This vote has ended; no more votes can be cast.',
    proposal_remind_too_soon: 'The last reminder was less than 12 hours ago.',
  },
})
