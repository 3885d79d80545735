import type { Terms } from '../catalog/pricing.rules.ts'
import { defineMessages, type Language, translate } from '../platform/i18n.ts'
import type { OutgoingMail } from '../platform/mail.ts'

const mails = defineMessages({
  de: {
    ordered_subject: 'Bestellung eingegangen: {item} ({ref})',
    ordered_body:
      'Hallo {name},\n\nfür {organisation} ist die Bestellung {ref} eingegangen: {item}, gewünschter Beginn {date}.\n{price}\n{shares}\nDas Team der {cooperative} prüft die Bestellung und bestätigt sie mit dem Beginn. Den Stand seht ihr hier:\n\n{link}',
    ordered_shares:
      'Für diesen Leistungsbereich braucht {organisation} {shares} weitere Pflichtanteile; die Erklärung {application} (§ 15b GenG) liegt dem Vorstand vor. Bestätigt wird die Bestellung, sobald der Vorstand die Anteile zugelassen hat.\n',
    change_subject: 'Änderung beantragt: {item} ({ref})',
    change_body:
      'Hallo {name},\n\nfür {organisation} ist die Änderung {ref} der Buchung {old} eingegangen: {item}, ab {date}.\n{price}\nDas Team prüft und bestätigt die Änderung; bis dahin läuft die bisherige Buchung unverändert.\n\n{link}',
    confirmed_subject: 'Bestätigt: {item} ab {date} ({ref})',
    confirmed_body:
      'Hallo {name},\n\ndie Buchung {ref} ({item}) für {organisation} ist bestätigt. Beginn: {date}.\n{price}\n\n{link}',
    rejected_subject: 'Bestellung {ref} nicht angenommen',
    rejected_body:
      'Hallo {name},\n\ndie Bestellung {ref} ({item}) für {organisation} wurde nicht angenommen. Begründung:\n\n{reason}\n\nBei Fragen antwortet gern auf diese Nachricht.',
    withdrawn_subject: 'Bestellung {ref} zurückgezogen',
    withdrawn_body: 'Hallo {name},\n\ndie Bestellung {ref} ({item}) für {organisation} wurde zurückgezogen.\n\n{link}',
    cancelled_subject: 'Kündigung eingegangen: {item} endet am {date} ({ref})',
    cancelled_body:
      'Hallo {name},\n\ndie Buchung {ref} ({item}) für {organisation} ist gekündigt und endet mit Ablauf des {date}.{shares}\n\n{link}',
    cancelled_shares:
      '\n\nAnteile, die danach nicht mehr Pflichtanteile sind, könnt ihr nach § 67b GenG kündigen; das geschieht nie von selbst. Auf der Seite der Buchung steht, wie viele es sind.',
    request_subject: 'Eure Anfrage {ref} ist eingegangen – {cooperative}',
    request_body:
      'Hallo {name},\n\nvielen Dank für eure Anfrage {ref}: {item}, etwa {hours} Stunden, zum Stundensatz für Nichtmitglieder von {rate} zzgl. USt.\n\nWir melden uns. Den Stand seht ihr hier, dort könnt ihr die Anfrage auch zurückziehen:\n\n{link}',
    price_flat: 'Vereinbarter Preis: {monthly} im Monat zzgl. {vat} % USt. (Stufe {tier}){setup}.',
    price_addon: 'Vereinbarter Preis: {monthly} im Monat für {quantity} Einheiten zzgl. {vat} % USt.{setup}',
    price_hourly: 'Vereinbarter Stundensatz: {hourly} zzgl. {vat} % USt., geschätzt {quantity} Stunden.',
    price_setup: ', einmalig {setup} Einrichtung',
  },
  en: {
    ordered_subject: 'Order received: {item} ({ref})',
    ordered_body:
      'Hello {name},\n\nthe order {ref} for {organisation} has arrived: {item}, desired start {date}.\n{price}\n{shares}\nThe team of {cooperative} checks the order and confirms it with its start. You can follow it here:\n\n{link}',
    ordered_shares:
      'This service area needs {shares} further mandatory shares of {organisation}; the declaration {application} (§15b GenG) is with the board. The order is confirmed once the board has admitted the shares.\n',
    change_subject: 'Change requested: {item} ({ref})',
    change_body:
      'Hello {name},\n\nthe change {ref} of booking {old} for {organisation} has arrived: {item}, from {date}.\n{price}\nThe team checks and confirms the change; until then the booking runs on unchanged.\n\n{link}',
    confirmed_subject: 'Confirmed: {item} from {date} ({ref})',
    confirmed_body:
      'Hello {name},\n\nthe booking {ref} ({item}) for {organisation} is confirmed. Start: {date}.\n{price}\n\n{link}',
    rejected_subject: 'Order {ref} not accepted',
    rejected_body:
      'Hello {name},\n\nthe order {ref} ({item}) for {organisation} was not accepted. Reason:\n\n{reason}\n\nIf you have questions, just reply to this message.',
    withdrawn_subject: 'Order {ref} withdrawn',
    withdrawn_body: 'Hello {name},\n\nthe order {ref} ({item}) for {organisation} was withdrawn.\n\n{link}',
    cancelled_subject: 'Cancellation received: {item} ends on {date} ({ref})',
    cancelled_body:
      'Hello {name},\n\nthe booking {ref} ({item}) for {organisation} is cancelled and ends at the end of {date}.{shares}\n\n{link}',
    cancelled_shares:
      '\n\nShares that are no longer mandatory afterwards can be terminated under §67b GenG; that never happens by itself. The booking page shows how many.',
    request_subject: 'Your request {ref} has arrived – {cooperative}',
    request_body:
      'Hello {name},\n\nthank you for your request {ref}: {item}, about {hours} hours, at the non-member hourly rate of {rate} plus VAT.\n\nWe will be in touch. You can follow the request here, and withdraw it there too:\n\n{link}',
    price_flat: 'Agreed price: {monthly} a month plus {vat} % VAT (tier {tier}){setup}.',
    price_addon: 'Agreed price: {monthly} a month for {quantity} units plus {vat} % VAT.{setup}',
    price_hourly: 'Agreed hourly rate: {hourly} plus {vat} % VAT, an estimated {quantity} hours.',
    price_setup: ', a one-off setup fee of {setup}',
  },
})

export type BookingMailKey = keyof typeof mails.de

export function bookingMailText(lang: Language, key: BookingMailKey, params: Record<string, string | number>): string {
  return translate(mails, lang, key, params)
}

/** One mail of the bookings: `<kind>_subject` and `<kind>_body`. */
export function bookingMail(
  kind: 'ordered' | 'change' | 'confirmed' | 'rejected' | 'withdrawn' | 'cancelled' | 'request',
  lang: Language,
  to: string,
  params: Record<string, string | number>,
): OutgoingMail {
  return {
    to,
    subject: translate(mails, lang, `${kind}_subject`, params),
    body: translate(mails, lang, `${kind}_body`, params),
  }
}

const termsTexts = defineMessages({
  de: {
    notice: 'Kündigungsfrist: {days} Tage',
    end_day: 'Ende zu jedem Tag',
    end_month: 'zum Monatsende',
    end_quarter: 'zum Quartalsende',
    end_year: 'zum Jahresende',
    minimum: 'Mindestlaufzeit: {months} Monate',
    no_minimum: 'keine Mindestlaufzeit',
    changes:
      'Preisänderungen gelten nie rückwirkend und werden vor Ablauf der Kündigungsfrist angekündigt. Erhöhungen der Menge sind ab dem nächsten Tag möglich, Verringerungen mit der Kündigungsfrist.',
  },
  en: {
    notice: 'Notice: {days} days',
    end_day: 'ending on any day',
    end_month: 'to the end of a month',
    end_quarter: 'to the end of a quarter',
    end_year: 'to the end of a year',
    minimum: 'Minimum term: {months} months',
    no_minimum: 'no minimum term',
    changes:
      'Price changes never apply backwards and are announced before the notice period. Quantities may go up from the next day, down with the notice period.',
  },
})

/**
 * The terms text an organisation accepts with an order: notice, the period a cancellation ends with, the minimum
 * term and the area's own terms, exactly as stored with the booking (its hash proves what was accepted).
 */
export function termsText(lang: Language, terms: Terms, areaText: string): string {
  const t = (key: keyof typeof termsTexts.de, params: Record<string, string | number> = {}) =>
    translate(termsTexts, lang, key, params)
  const lines = [
    `${t('notice', { days: terms.noticeDays })} ${t(`end_${terms.termEnd}`)}; ${
      terms.minimumTermMonths > 0 ? t('minimum', { months: terms.minimumTermMonths }) : t('no_minimum')
    }.`,
    t('changes'),
  ]
  if (areaText.trim()) lines.push(areaText.trim())
  return lines.join('\n\n')
}
