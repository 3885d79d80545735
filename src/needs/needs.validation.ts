import { defineMessages } from '../platform/i18n.ts'

/** Field messages of the needs questionnaire and the founders' follow-up. */
export const needsValidation = defineMessages({
  de: {
    contact_consent_required:
      'Bitte zustimmen, dass wir euch zu diesem Fragebogen kontaktieren dürfen – sonst können wir kein Angebot schicken.',
    too_many_questionnaires:
      'Von hier oder für diese E-Mail-Adresse kamen in der letzten Stunde schon mehrere Fragebögen. Bitte in einer Stunde erneut versuchen oder uns schreiben.',
    assignee_not_staff: 'Zuständig sein können nur Konten des Vorstands oder der Mitarbeitenden.',
    questionnaire_erased:
      'Die Kontaktperson hat ihre Einwilligung widerrufen und die Angaben gelöscht; dieser Fragebogen wird nicht mehr nachverfolgt.',
  },
  en: {
    contact_consent_required:
      'Please agree that we may contact you about this questionnaire – otherwise we cannot send you a quote.',
    too_many_questionnaires:
      'Several questionnaires came from here or for this email address within the last hour. Please try again in an hour or write to us.',
    assignee_not_staff: 'Only accounts of the board or the staff can be assigned.',
    questionnaire_erased:
      'The contact withdrew their consent and erased the details; this questionnaire is no longer followed up.',
  },
})
