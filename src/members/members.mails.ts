import { defineMessages, type Language, translate } from '../platform/i18n.ts'
import type { OutgoingMail } from '../platform/mail.ts'

const mails = defineMessages({
  de: {
    received_subject: 'Deine Beitrittserklärung {ref} ist eingegangen – {cooperative}',
    received_body:
      'Hallo {name},\n\nvielen Dank! Deine Beitrittserklärung {ref} für {party} ist am {date} eingegangen:\n{shares} Geschäftsanteile zu je {shareValue}, zusammen {amount}.\n\nDer Vorstand entscheidet über die Aufnahme (§ 15 GenG). Den Stand siehst du jederzeit hier:\n\n{link}',
    extra_received_subject: 'Deine Erklärung über weitere Anteile {ref} ist eingegangen – {cooperative}',
    extra_received_body:
      'Hallo {name},\n\ndie Erklärung über {shares} weitere Geschäftsanteile für Mitglied {number} ({party}) ist eingegangen (§ 15b GenG). Der Vorstand entscheidet über die Zulassung; den Stand siehst du hier:\n\n{link}',
    admitted_subject: 'Willkommen: {party} ist Mitglied {number} – {cooperative}',
    admitted_body:
      'Hallo {name},\n\nder Vorstand hat {party} als Mitglied aufgenommen. Mitgliedsnummer: {number}, eingetragen in die Mitgliederliste mit Wirkung zum {date} (§§ 15, 30 GenG).\nGezeichnet: {shares} Geschäftsanteile, zusammen {amount}. Zuerst fällig: {firstPayment} bis {firstDue}.\n\nIm Portal siehst du eure Einträge, Anteile, Einzahlungen und die Anteilsbescheinigung:\n\n{link}',
    extra_admitted_subject: 'Weitere Anteile zugelassen – {party} ({number})',
    extra_admitted_body:
      'Hallo {name},\n\nder Vorstand hat {shares} weitere Geschäftsanteile für {party} ({number}) mit Wirkung zum {date} zugelassen. Fällig: {amount}.\n\n{link}',
    rejected_subject: 'Deine Erklärung {ref} – Entscheidung des Vorstands',
    rejected_body:
      'Hallo {name},\n\nder Vorstand hat die Erklärung {ref} für {party} nicht angenommen. Begründung:\n\n{reason}\n\nBei Fragen antworte gern auf diese Nachricht.',
    notice_subject: 'Kündigung der Mitgliedschaft {number} eingegangen',
    notice_body:
      'Hallo,\n\ndie Kündigung der Mitgliedschaft {number} ({party}) vom {given} ist eingegangen. Die Mitgliedschaft endet mit Ablauf des {exit} (§ 65 GenG). Das Geschäftsguthaben wird nach Feststellung des Jahresabschlusses ausgezahlt, spätestens bis {payoutDue} (§ 73 GenG).\n\n{link}',
    exit_subject: 'Ende der Mitgliedschaft {number} eingetragen',
    exit_body:
      'Hallo,\n\nfür die Mitgliedschaft {number} ({party}) wurde eingetragen: {reason}, mit Wirkung zum Ablauf des {exit} (§ 69 GenG).{note}\n\nDas Geschäftsguthaben wird nach Feststellung des Jahresabschlusses ausgezahlt, spätestens bis {payoutDue} (§ 73 GenG).\n\n{link}',
    cancellation_subject: 'Kündigung von {shares} Geschäftsanteilen eingegangen ({number})',
    cancellation_body:
      'Hallo,\n\ndie Kündigung von {shares} freiwilligen Geschäftsanteilen der Mitgliedschaft {number} ({party}) wird zum Ablauf des {exit} wirksam (§ 67b GenG).\n\n{link}',
  },
  en: {
    received_subject: 'Your membership declaration {ref} was received – {cooperative}',
    received_body:
      'Hello {name},\n\nthank you! Your membership declaration {ref} for {party} was received on {date}:\n{shares} shares of {shareValue} each, {amount} in total.\n\nThe board decides on the admission (§15 GenG). You can follow its status here at any time:\n\n{link}',
    extra_received_subject: 'Your declaration for further shares {ref} was received – {cooperative}',
    extra_received_body:
      'Hello {name},\n\nthe declaration for {shares} further shares of member {number} ({party}) was received (§15b GenG). The board decides; follow the status here:\n\n{link}',
    admitted_subject: 'Welcome: {party} is member {number} – {cooperative}',
    admitted_body:
      'Hello {name},\n\nthe board admitted {party} as a member. Member number: {number}, entered in the member register effective {date} (§§15, 30 GenG).\nSubscribed: {shares} shares, {amount} in total. First due: {firstPayment} by {firstDue}.\n\nIn the portal you find your entries, shares, payments and the share certificate:\n\n{link}',
    extra_admitted_subject: 'Further shares admitted – {party} ({number})',
    extra_admitted_body:
      'Hello {name},\n\nthe board admitted {shares} further shares for {party} ({number}) effective {date}. Due: {amount}.\n\n{link}',
    rejected_subject: 'Your declaration {ref} – the board’s decision',
    rejected_body:
      'Hello {name},\n\nthe board did not accept the declaration {ref} for {party}. Reason:\n\n{reason}\n\nIf you have questions, just reply to this message.',
    notice_subject: 'Notice of termination for membership {number} received',
    notice_body:
      'Hello,\n\nthe notice of termination of membership {number} ({party}) given on {given} was received. The membership ends at the end of {exit} (§65 GenG). The capital balance is paid out after the annual accounts are approved, by {payoutDue} at the latest (§73 GenG).\n\n{link}',
    exit_subject: 'End of membership {number} recorded',
    exit_body:
      'Hello,\n\nfor membership {number} ({party}) the following was recorded: {reason}, effective at the end of {exit} (§69 GenG).{note}\n\nThe capital balance is paid out after the annual accounts are approved, by {payoutDue} at the latest (§73 GenG).\n\n{link}',
    cancellation_subject: 'Notice for {shares} shares received ({number})',
    cancellation_body:
      'Hello,\n\nthe notice for {shares} voluntary shares of membership {number} ({party}) takes effect at the end of {exit} (§67b GenG).\n\n{link}',
  },
})

type Kind =
  | 'received'
  | 'extra_received'
  | 'admitted'
  | 'extra_admitted'
  | 'rejected'
  | 'notice'
  | 'exit'
  | 'cancellation'

export function memberMail(kind: Kind, lang: Language, to: string, params: Record<string, string>): OutgoingMail {
  return {
    to,
    subject: translate(mails, lang, `${kind}_subject`, params),
    body: translate(mails, lang, `${kind}_body`, params),
  }
}
