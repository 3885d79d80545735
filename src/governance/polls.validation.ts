import { defineMessages } from '../platform/i18n.ts'

/** Field messages of polls and ballots. */
export const pollsValidation = defineMessages({
  de: {
    ballot_choice_missing: 'Bitte eine Antwort wählen (bei einer Wahl: für jede Person).',
    ballot_unknown_option: 'Diese Option gehört nicht zu dieser Abstimmung.',
    ballot_duplicate_pick: 'Jede Option nur einmal wählen.',
    ballot_not_represented: 'Für dieses Mitglied können Sie nicht abstimmen.',
    ballot_member_excluded: 'Dieses Mitglied ist von dieser Abstimmung ausgeschlossen (§ 43 Abs. 6 GenG).',
    ballot_member_without_vote: 'Dieses Mitglied hat kein Stimmrecht (z. B. investierendes Mitglied).',
    poll_options_not_for_yes_no: 'Eine Ja/Nein-Abstimmung hat keine Optionen.',
    poll_options_required: 'Bitte mindestens eine Person oder Option angeben.',
    poll_seats_above_options: 'Es können nicht mehr Plätze vergeben werden, als es Optionen gibt.',
    poll_member_not_on_roll: 'Dieses Mitglied steht nicht im Stimmverzeichnis der Versammlung.',
    poll_duplicate_exclusion: 'Ein Mitglied ist doppelt ausgeschlossen.',
  },
  en: {
    ballot_choice_missing: 'Please choose an answer (in an election: for every person).',
    ballot_unknown_option: 'This option does not belong to this poll.',
    ballot_duplicate_pick: 'Choose each option only once.',
    ballot_not_represented: 'You cannot vote for this member.',
    ballot_member_excluded: 'This member is excluded from this poll (§43 (6) GenG).',
    ballot_member_without_vote: 'This member has no vote (e.g. an investing member).',
    poll_options_not_for_yes_no: 'A yes/no poll has no options.',
    poll_options_required: 'Please give at least one person or option.',
    poll_seats_above_options: 'There cannot be more seats than options.',
    poll_member_not_on_roll: 'This member is not on the assembly’s voter roll.',
    poll_duplicate_exclusion: 'A member is excluded twice.',
  },
})
