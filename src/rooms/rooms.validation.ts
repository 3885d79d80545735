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
  },
})
