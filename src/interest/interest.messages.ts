import { defineMessages, type Language, translate } from '../platform/i18n.ts'

/** Texts of the interest list ("Informiert bleiben"): pages, the consent, mails. */
export const interestText = defineMessages({
  de: {
    title: 'Informiert bleiben',
    intro:
      'Trag deine E-Mail-Adresse ein, und wir halten dich zum Projektfortschritt und zu Möglichkeiten, dich zu beteiligen, auf dem Laufenden.',
    email: 'E-Mail-Adresse',
    name: 'Name (optional)',
    organisation: 'Organisation (optional)',
    consent_label: 'Einwilligung',
    submit: 'Eintragen',
    privacy_title: 'Was mit deinen Daten geschieht',
    privacy_what:
      'Wir speichern deine E-Mail-Adresse und – nur wenn du sie angibst – deinen Namen und deine Organisation, dazu die Sprache, den Wortlaut deiner Einwilligung, wann du sie gegeben und bestätigt hast, die Adresse, von der das kam, und deinen Browser. Das Letzte brauchen wir, um die Einwilligung nachweisen zu können (Art. 7 Abs. 1 DSGVO).',
    privacy_why:
      'Wir nutzen die Daten nur, um dir Neuigkeiten der Genossenschaft zu schicken – mit unserem eigenen Newsletter-Werkzeug (listmonk), nicht über Dritte. Rechtsgrundlage ist deine Einwilligung (Art. 6 Abs. 1 lit. a DSGVO).',
    privacy_double:
      'Du bekommst zuerst eine Nachricht mit einem Bestätigungslink. Erst wenn du bestätigst, stehst du auf der Liste. Unbestätigte Anfragen löschen wir nach {days} Tagen.',
    privacy_withdraw:
      'Du kannst die Einwilligung jederzeit widerrufen: mit einem Klick auf den Abmeldelink in jeder Nachricht oder formlos per E-Mail an uns. Danach schreiben wir dir nicht mehr; Name und Organisation löschen wir, die Adresse mit den Zeitpunkten von Einwilligung und Widerruf behalten wir als Nachweis. Du hast außerdem das Recht auf Auskunft, Berichtigung, Löschung und Beschwerde bei einer Datenschutz-Aufsichtsbehörde.',
    sent_title: 'Bitte bestätige deine Adresse',
    sent_text:
      'Danke! Falls die Adresse stimmt, bekommst du gleich eine Nachricht mit einem Bestätigungslink. Erst wenn du ihn öffnest und bestätigst, nehmen wir dich in die Liste auf. Der Link gilt {days} Tage.',
    confirm_title: 'Eintragung bestätigen',
    confirm_text: 'Möchtest du mit der Adresse {email} über die Genossenschaft informiert bleiben?',
    confirm_button: 'Ja, eintragen',
    confirmed_title: 'Du bist eingetragen',
    confirmed_text:
      'Danke! Du bleibst informiert. Abmelden kannst du dich jederzeit mit dem Link, der in jeder unserer Nachrichten steht.',
    confirm_invalid_title: 'Link nicht (mehr) gültig',
    confirm_invalid:
      'Dieser Bestätigungslink ist abgelaufen, schon benutzt oder unbekannt. Wenn du schon bestätigt hast, bist du eingetragen; sonst trag dich bitte noch einmal ein.',
    unsubscribe_title: 'Abmelden',
    unsubscribe_text: 'Möchtest du keine Nachrichten mehr an {email} bekommen?',
    unsubscribe_button: 'Abmelden',
    unsubscribed_title: 'Du bist abgemeldet',
    unsubscribed_text:
      'Wir schreiben dir nicht mehr. Wenn du es dir anders überlegst, kannst du dich jederzeit wieder eintragen.',
    unsubscribe_invalid: 'Diesen Abmeldelink gibt es nicht (mehr).',
    manage_title: 'Interessenliste',
    manage_intro:
      'Menschen, die informiert bleiben möchten. Exportiert werden nur bestätigte Eintragungen; jeder Export steht im Journal.',
    count_pending: 'Warten auf Bestätigung',
    count_confirmed: 'Bestätigt',
    count_unsubscribed: 'Abgemeldet',
    chart_title: 'Bestätigte Eintragungen je Monat',
    chart_label: 'Bestätigte Eintragungen je Monat, letzte zwölf Monate: {figures}',
    month: 'Monat',
    signups: 'Eintragungen',
    export: 'Bestätigte als CSV für listmonk exportieren',
    export_hint:
      'Spalten email, name, attributes (JSON mit Organisation, Sprache und Zeitpunkt der Einwilligung) – so, wie der Import von listmonk sie liest.',
    file_export: 'interessenliste-{date}',
  },
  en: {
    title: 'Stay informed',
    intro: 'Enter your email address and we will keep you up to date on our progress and on ways to take part.',
    email: 'Email address',
    name: 'Name (optional)',
    organisation: 'Organisation (optional)',
    consent_label: 'Consent',
    submit: 'Sign up',
    privacy_title: 'What happens with your data',
    privacy_what:
      'We store your email address and – only if you give them – your name and organisation, plus the language, the wording of your consent, when you gave and confirmed it, the address it came from and your browser. The latter we need to be able to prove the consent (Art. 7 (1) GDPR).',
    privacy_why:
      'We use the data only to send you news of the cooperative – with our own newsletter tool (listmonk), not through third parties. The legal basis is your consent (Art. 6 (1) (a) GDPR).',
    privacy_double:
      'You first get a message with a confirmation link. Only when you confirm are you on the list. Unconfirmed requests are deleted after {days} days.',
    privacy_withdraw:
      'You can withdraw your consent at any time: with one click on the unsubscribe link in every message, or by writing to us. After that we no longer write to you; we delete name and organisation and keep the address with the times of consent and withdrawal as proof. You also have the right to information, correction, deletion and to complain to a data protection authority.',
    sent_title: 'Please confirm your address',
    sent_text:
      'Thank you! If the address is right, you will get a message with a confirmation link shortly. Only when you open it and confirm do we add you to the list. The link is valid for {days} days.',
    confirm_title: 'Confirm your sign-up',
    confirm_text: 'Do you want to stay informed about the cooperative at {email}?',
    confirm_button: 'Yes, sign me up',
    confirmed_title: 'You are signed up',
    confirmed_text:
      'Thank you! You will stay informed. You can unsubscribe at any time with the link in every message from us.',
    confirm_invalid_title: 'Link not valid (any more)',
    confirm_invalid:
      'This confirmation link has expired, was used already or is unknown. If you confirmed already, you are on the list; otherwise please sign up again.',
    unsubscribe_title: 'Unsubscribe',
    unsubscribe_text: 'Do you no longer want messages at {email}?',
    unsubscribe_button: 'Unsubscribe',
    unsubscribed_title: 'You are unsubscribed',
    unsubscribed_text: 'We will not write to you any more. If you change your mind, you can sign up again at any time.',
    unsubscribe_invalid: 'This unsubscribe link does not exist (any more).',
    manage_title: 'Interest list',
    manage_intro:
      'People who want to stay informed. Only confirmed sign-ups are exported; every export is in the journal.',
    count_pending: 'Waiting for confirmation',
    count_confirmed: 'Confirmed',
    count_unsubscribed: 'Unsubscribed',
    chart_title: 'Confirmed sign-ups per month',
    chart_label: 'Confirmed sign-ups per month, last twelve months: {figures}',
    month: 'Month',
    signups: 'Sign-ups',
    export: 'Export the confirmed as CSV for listmonk',
    export_hint:
      "Columns email, name, attributes (JSON with organisation, language and time of consent) – as listmonk's import reads them.",
    file_export: 'interest-list-{date}',
  },
})

const consentTexts = defineMessages({
  de: {
    consent:
      'Ich möchte per E-Mail über die Gründung und den Projektfortschritt von {cooperative} und über Möglichkeiten, mich zu beteiligen, informiert werden. Dafür speichert {cooperative} meine E-Mail-Adresse und – falls angegeben – meinen Namen und meine Organisation, bis ich mich abmelde (Art. 6 Abs. 1 lit. a DSGVO). Ich kann diese Einwilligung jederzeit widerrufen: mit dem Abmeldelink in jeder Nachricht oder formlos per E-Mail.',
  },
  en: {
    consent:
      'I want to be informed by email about the founding and progress of {cooperative} and about ways to take part. For this {cooperative} stores my email address and – if given – my name and organisation until I unsubscribe (Art. 6 (1) (a) GDPR). I can withdraw this consent at any time: with the unsubscribe link in every message, or by writing.',
  },
})

/** The consent exactly as the form shows it and the subscription keeps it. */
export function interestConsentText(lang: Language, cooperative: string): string {
  return translate(consentTexts, lang, 'consent', { cooperative })
}

export const interestMails = defineMessages({
  de: {
    confirm_subject: 'Bitte bestätigen: Informiert bleiben über {cooperative}',
    confirm_body:
      'Hallo{name},\n\njemand – hoffentlich du – hat diese Adresse eingetragen, um über {cooperative} informiert zu bleiben. Bitte bestätige das hier (der Link gilt {days} Tage):\n\n{link}\n\nWarst du das nicht, ignoriere diese Nachricht einfach: Ohne Bestätigung schreiben wir dir nicht wieder und löschen die Anfrage.\n\nAnfrage zurückziehen: {unsubscribe}',
    welcome_subject: 'Du bleibst informiert – {cooperative}',
    welcome_body:
      'Hallo{name},\n\ndanke für die Bestätigung! Wir schreiben dir, wenn es Neues zur Genossenschaft gibt und wenn du dich beteiligen kannst.\n\nAbmelden geht jederzeit mit einem Klick: {unsubscribe}',
  },
  en: {
    confirm_subject: 'Please confirm: stay informed about {cooperative}',
    confirm_body:
      'Hello{name},\n\nsomeone – hopefully you – entered this address to stay informed about {cooperative}. Please confirm it here (the link is valid for {days} days):\n\n{link}\n\nIf it was not you, just ignore this message: without a confirmation we will not write again and delete the request.\n\nWithdraw the request: {unsubscribe}',
    welcome_subject: 'You will stay informed – {cooperative}',
    welcome_body:
      'Hello{name},\n\nthank you for confirming! We will write when there is news of the cooperative and when you can take part.\n\nUnsubscribe at any time with one click: {unsubscribe}',
  },
})
