import { defineMessages, type Language, translate } from '../platform/i18n.ts'
import type { OutgoingMail } from '../platform/mail.ts'

const mails = defineMessages({
  de: {
    price_change_subject: 'Preisänderung ab {date}: {item}',
    price_change_body:
      'Hallo {name},\n\nab {date} gilt für „{item}“ ein neuer Preis. Das betrifft eure Buchung {ref} ({organisation}):\n\n{lines}\n\nBis dahin gilt weiter, was ihr vereinbart habt; rückwirkend ändert sich nichts.{riseNote}\n\nEure Buchungen im Portal:\n{link}',
    price_change_rise_note:
      '\nWenn ihr zum neuen Preis nicht weiterbuchen wollt, könnt ihr vorher kündigen: Die Frist ist so bemessen, dass eine Kündigung bis {cancelBy} noch vor der Änderung wirkt.',
  },
  en: {
    price_change_subject: 'Price change from {date}: {item}',
    price_change_body:
      'Hello {name},\n\nfrom {date} a new price holds for “{item}”. It concerns your booking {ref} ({organisation}):\n\n{lines}\n\nUntil then what you agreed stays; nothing changes backwards.{riseNote}\n\nYour bookings in the portal:\n{link}',
    price_change_rise_note:
      '\nIf you do not want to continue at the new price you can cancel before: the notice is set so that a cancellation by {cancelBy} takes effect before the change.',
  },
})

type Key = keyof typeof mails.de

export function catalogMailText(lang: Language, key: Key, params: Record<string, string>): string {
  return translate(mails, lang, key, params)
}

export function priceChangeMail(lang: Language, to: string, params: Record<string, string>): OutgoingMail {
  return {
    to,
    subject: translate(mails, lang, 'price_change_subject', params),
    body: translate(mails, lang, 'price_change_body', params),
  }
}
