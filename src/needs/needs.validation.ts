import { defineMessages } from '../platform/i18n.ts'

/** Field messages of the needs questionnaire and the founders' follow-up. */
export const needsValidation = defineMessages({
  de: {
    contact_consent_required:
      'Bitte zustimmen, dass wir euch zu diesem Fragebogen kontaktieren dürfen – sonst können wir kein Angebot schicken.',
  },
  en: {
    contact_consent_required:
      'Please agree that we may contact you about this questionnaire – otherwise we cannot send you a quote.',
  },
})
