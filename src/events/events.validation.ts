import { defineMessages } from '../platform/i18n.ts'

/** Field messages of events, registrations and the interest list. */
export const eventsValidation = defineMessages({
  de: {
    ends_before_start: 'Das Ende muss nach dem Beginn liegen.',
  },
  en: {
    ends_before_start: 'The end must be after the start.',
  },
})
