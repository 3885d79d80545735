import { defineMessages } from '../platform/i18n.ts'
import type { BallotErrorKey } from './voting.rules.ts'

/** Field messages of a ballot that validateChoices refused. */
export const votingValidation = defineMessages<BallotErrorKey>({
  de: {
    ballot_shape_invalid: 'Dieser Stimmzettel passt nicht zur Art der Abstimmung.',
    ballot_answer_invalid: 'Bitte Ja, Nein oder Enthaltung wählen.',
    ballot_option_unknown: 'Diese Auswahl steht in dieser Abstimmung nicht zur Wahl.',
    ballot_answer_missing: 'Bitte zu jeder Kandidatur Ja, Nein oder Enthaltung wählen.',
    ballot_pick_duplicate: 'Jede Auswahl zählt nur einmal.',
    ballot_too_many_picks: 'Es dürfen höchstens so viele gewählt werden, wie Sitze zu vergeben sind.',
  },
  en: {
    ballot_shape_invalid: 'This ballot does not fit the kind of poll.',
    ballot_answer_invalid: 'Please choose yes, no or abstain.',
    ballot_option_unknown: 'This choice is not on the ballot of this poll.',
    ballot_answer_missing: 'Please choose yes, no or abstain for every candidate.',
    ballot_pick_duplicate: 'Each choice counts only once.',
    ballot_too_many_picks: 'Choose at most as many as there are seats.',
  },
})
