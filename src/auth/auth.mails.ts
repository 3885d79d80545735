import { defineMessages, type Language, translate } from '../platform/i18n.ts'
import type { OutgoingMail } from '../platform/mail.ts'

const mails = defineMessages({
  de: {
    welcome_subject: 'Dein Zugang zum Portal der Genossenschaft – Allmende',
    welcome_body:
      'Hallo {name},\n\nfür dich wurde ein Zugang mit der Adresse {email} angelegt. Lege mit diesem Link dein Passwort fest (14 Tage gültig):\n\n{link}',
    reset_subject: 'Passwort zurücksetzen – Allmende',
    reset_body:
      'Hallo {name},\n\njemand (hoffentlich du) möchte das Passwort für {email} zurücksetzen. Der Link gilt eine Stunde:\n\n{link}\n\nWenn du das nicht warst, ignoriere diese Nachricht; dein Passwort bleibt unverändert.',
    verify_subject: 'E-Mail-Adresse bestätigen – Allmende',
    verify_body:
      'Hallo {name},\n\nbitte bestätige deine E-Mail-Adresse {email} mit diesem Link (drei Tage gültig):\n\n{link}',
    invite_subject: 'Einladung zu {organisation} – Allmende',
    invite_body:
      'Hallo {name},\n\n{inviter} hat dich zu {organisation} im Portal der {cooperative} eingeladen.\nLege mit diesem Link dein Passwort fest (14 Tage gültig):\n\n{link}',
    added_subject: 'Du wurdest zu {organisation} hinzugefügt – Allmende',
    added_body:
      'Hallo {name},\n\n{inviter} hat dich zu {organisation} hinzugefügt. Melde dich wie gewohnt an:\n\n{link}',
    locked_subject: 'Dein Zugang wurde vorübergehend gesperrt – Allmende',
    locked_body:
      'Hallo {name},\n\nnach mehreren falschen Passworteingaben ist die Anmeldung für {email} bis {until} gesperrt.\nWarst du das nicht, setze bitte dein Passwort zurück: {link}',
  },
  en: {
    welcome_subject: 'Your account in the cooperative portal – Allmende',
    welcome_body:
      'Hello {name},\n\nan account with the address {email} was created for you. Set your password with this link (valid for 14 days):\n\n{link}',
    reset_subject: 'Reset your password – Allmende',
    reset_body:
      'Hello {name},\n\nsomeone (hopefully you) asked to reset the password for {email}. The link is valid for one hour:\n\n{link}\n\nIf that was not you, ignore this message; your password stays unchanged.',
    verify_subject: 'Confirm your email address – Allmende',
    verify_body:
      'Hello {name},\n\nplease confirm your email address {email} with this link (valid for three days):\n\n{link}',
    invite_subject: 'Invitation to {organisation} – Allmende',
    invite_body:
      'Hello {name},\n\n{inviter} invited you to {organisation} in the portal of {cooperative}.\nSet your password with this link (valid for 14 days):\n\n{link}',
    added_subject: 'You were added to {organisation} – Allmende',
    added_body: 'Hello {name},\n\n{inviter} added you to {organisation}. Sign in as usual:\n\n{link}',
    locked_subject: 'Your sign-in was locked for a while – Allmende',
    locked_body:
      'Hello {name},\n\nafter several wrong passwords, signing in as {email} is locked until {until}.\nIf that was not you, please reset your password: {link}',
  },
})

type Kind = 'reset' | 'verify' | 'invite' | 'added' | 'locked' | 'welcome'

/** Builds a mail of one kind in the recipient's language. */
export function authMail(kind: Kind, lang: Language, to: string, params: Record<string, string>): OutgoingMail {
  return {
    to,
    subject: translate(mails, lang, `${kind}_subject`, params),
    body: translate(mails, lang, `${kind}_body`, params),
  }
}
