import { defineMessages, type Language, translate } from '../platform/i18n.ts'
import type { OutgoingMail } from '../platform/mail.ts'

const mails = defineMessages({
  de: {
    received_subject: 'Euer Bedarfsfragebogen {ref} und euer Angebot – {cooperative}',
    received_body:
      'Hallo {name},\n\nvielen Dank für euren Bedarfsfragebogen {ref} für {organisation}! Daraus ergibt sich (Stand {date}):\n\n{lines}\n\nDas ganze Angebot mit Migrationsliste, auch als PDF, findet ihr hier. Von dort könnt ihr mit diesen Angaben Mitglied werden oder den Fragebogen löschen:\n\n{link}\n\nDer Link ist euer einziger Schlüssel: bitte nicht weitergeben. Wir melden uns bei euch.',
    received_line_monthly: 'Monatlich: {amount} netto ({gross} brutto)',
    received_line_unpriced: 'Noch ohne Preis: {areas}',
    received_line_shares:
      'Pflichtanteile: {mandatory} ({mandatoryAmount}), vorgeschlagen weitere {suggested} ({suggestedAmount})',
  },
  en: {
    received_subject: 'Your needs questionnaire {ref} and your quote – {cooperative}',
    received_body:
      'Hello {name},\n\nthank you for your needs questionnaire {ref} for {organisation}! It comes to (as of {date}):\n\n{lines}\n\nThe whole quote with the migration list, as a PDF too, is here. From there you can join with these details or erase the questionnaire:\n\n{link}\n\nThe link is your only key: please do not pass it on. We will be in touch.',
    received_line_monthly: 'Monthly: {amount} net ({gross} gross)',
    received_line_unpriced: 'Not priced yet: {areas}',
    received_line_shares:
      'Mandatory shares: {mandatory} ({mandatoryAmount}), suggested further {suggested} ({suggestedAmount})',
  },
})

type Key = keyof typeof mails.de

export function needsMailLine(lang: Language, key: Key, params: Record<string, string | number>): string {
  return translate(mails, lang, key, params)
}

export function questionnaireMail(lang: Language, to: string, params: Record<string, string>): OutgoingMail {
  return {
    to,
    subject: translate(mails, lang, 'received_subject', params),
    body: translate(mails, lang, 'received_body', params),
  }
}
