import type { EventKind } from '../db/schema-events.ts'
import { defineMessages, formatEuro, type Language, translate, translator } from '../platform/i18n.ts'
import type { Availability, EventPrices } from './events.rules.ts'
import { priceFor } from './events.rules.ts'

/** Texts of the event pages. */
export const eventsText = defineMessages({
  de: {
    title: 'Veranstaltungen',
    intro:
      'Workshops, Trainings, Webinare und Infoabende der Genossenschaft – zu digitaler Selbstbestimmung und den Open-Source-Werkzeugen, die wir gemeinsam betreiben. Auch für Nichtmitglieder.',
    filter_kind: 'Art',
    filter_all: 'Alle',
    filter_button: 'Anzeigen',
    none_upcoming:
      'Gerade sind keine Termine geplant. Trag dich unter „Informiert bleiben“ ein, dann erfährst du von neuen.',
    kind_workshop: 'Workshop',
    kind_training: 'Training',
    kind_webinar: 'Webinar',
    kind_info_event: 'Infoveranstaltung',
    when: 'Wann',
    where: 'Wo',
    online: 'Online – den Zugangslink bekommst du mit der Anmeldebestätigung',
    seats: 'Plätze',
    price: 'Preis',
    seats_left_one: 'noch 1 Platz',
    seats_left: 'noch {n} Plätze',
    full_waitlist: 'ausgebucht – Warteliste',
    full: 'ausgebucht',
    closed: 'Anmeldung geschlossen',
    cancelled: 'abgesagt',
    cancelled_reason: 'Diese Veranstaltung ist abgesagt. Grund: {reason}',
    free: 'kostenlos',
    price_line: 'Mitglieder: {member} · Nichtmitglieder: {nonMember}',
    price_vat: 'Preise inkl. {vat} % USt.',
    register_title: 'Anmelden',
    register_waitlist_title: 'Auf die Warteliste',
    waitlist_note:
      'Alle Plätze sind vergeben. Du kannst dich auf die Warteliste setzen: Wird ein Platz frei, rückst du der Reihe nach automatisch nach und bekommst sofort eine Nachricht.',
    full_note: 'Alle Plätze und die Warteliste sind vergeben. Eine Anmeldung ist nicht mehr möglich.',
    closed_note: 'Die Anmeldung ist geschlossen.',
    name: 'Name',
    email: 'E-Mail-Adresse',
    organisation: 'Organisation (optional)',
    organisation_for: 'Ich komme für',
    organisation_self: 'mich selbst',
    organisation_member: '{name} – Mitglied: {price}',
    organisation_non_member: '{name} – kein Mitglied: {price}',
    self_member: 'mich selbst – persönliches Mitglied: {price}',
    self_non_member: 'mich selbst – kein Mitglied: {price}',
    price_anonymous:
      'Ohne Anmeldung im Portal gilt der Preis für Nichtmitglieder ({nonMember}). Gehörst du zu einer Mitgliedsorganisation, melde dich zuerst an – dann gilt der Mitgliedspreis ({member}).',
    sign_in_for_member_price: 'Anmelden für den Mitgliedspreis',
    price_choose:
      'Mitglieder zahlen den Mitgliedspreis: Kommst du für eine Organisation mit aktiver Mitgliedschaft (oder bist du selbst Mitglied), gilt er für dich; sonst der Preis für Nichtmitglieder.',
    consent_label: 'Einwilligung',
    register_button: 'Verbindlich anmelden',
    waitlist_button: 'Auf die Warteliste setzen',
    registered_flash: 'Du bist angemeldet. Die Bestätigung mit der Einladung für deinen Kalender ist unterwegs.',
    waitlisted_flash: 'Du stehst auf der Warteliste (Stelle {rank}). Wir schreiben dir, sobald ein Platz frei wird.',
    event_full_message:
      'Leider ist die Veranstaltung inzwischen ausgebucht, auch die Warteliste ist voll. Es wurde nichts gespeichert.',
    registration_closed_message:
      'Die Anmeldung ist geschlossen (oder die Veranstaltung vorbei). Es wurde nichts gespeichert.',
    registration_title: 'Deine Anmeldung',
    registration_status: 'Stand',
    status_confirmed: 'angemeldet',
    status_waitlisted: 'auf der Warteliste',
    status_waitlisted_rank: 'auf der Warteliste, Stelle {rank}',
    status_cancelled: 'storniert',
    your_price: 'Dein Preis',
    online_link: 'Zugangslink',
    cancel_registration: 'Anmeldung stornieren',
    cancel_question: 'Du kannst nicht kommen? Dann gib deinen Platz bitte frei – jemand von der Warteliste rückt nach.',
    cancel_button: 'Ja, Anmeldung stornieren',
    cancelled_flash: 'Deine Anmeldung ist storniert. Eine Bestätigung ist unterwegs.',
    already_cancelled: 'Diese Anmeldung ist schon storniert.',
    too_late_to_cancel: 'Die Veranstaltung hat schon begonnen; stornieren geht nicht mehr.',
    link_invalid_title: 'Link nicht (mehr) gültig',
    link_invalid:
      'Diesen Link gibt es nicht oder nicht mehr. Nach jeder Änderung schicken wir einen neuen; bitte nimm den Link aus der neuesten Nachricht.',
    back_to_events: 'Alle Veranstaltungen',
    details: 'Mehr erfahren und anmelden',
  },
  en: {
    title: 'Events',
    intro:
      "The cooperative's workshops, trainings, webinars and information evenings – on digital self-determination and the open-source tools we run together. For non-members too.",
    filter_kind: 'Kind',
    filter_all: 'All',
    filter_button: 'Show',
    none_upcoming: 'No dates are planned right now. Sign up under “Stay informed” to hear of new ones.',
    kind_workshop: 'Workshop',
    kind_training: 'Training',
    kind_webinar: 'Webinar',
    kind_info_event: 'Information event',
    when: 'When',
    where: 'Where',
    online: 'Online – you get the link with the confirmation of your registration',
    seats: 'Seats',
    price: 'Price',
    seats_left_one: '1 seat left',
    seats_left: '{n} seats left',
    full_waitlist: 'fully booked – waiting list',
    full: 'fully booked',
    closed: 'registration closed',
    cancelled: 'cancelled',
    cancelled_reason: 'This event is cancelled. Reason: {reason}',
    free: 'free of charge',
    price_line: 'Members: {member} · Non-members: {nonMember}',
    price_vat: 'Prices incl. {vat} % VAT.',
    register_title: 'Register',
    register_waitlist_title: 'Join the waiting list',
    waitlist_note:
      'All seats are taken. You can join the waiting list: when a seat comes free you move up in turn automatically and get a message at once.',
    full_note: 'All seats and the waiting list are taken. Registration is no longer possible.',
    closed_note: 'Registration is closed.',
    name: 'Name',
    email: 'Email address',
    organisation: 'Organisation (optional)',
    organisation_for: 'I come for',
    organisation_self: 'myself',
    organisation_member: '{name} – member: {price}',
    organisation_non_member: '{name} – not a member: {price}',
    self_member: 'myself – personal member: {price}',
    self_non_member: 'myself – not a member: {price}',
    price_anonymous:
      'Without signing in to the portal the non-member price applies ({nonMember}). If you belong to a member organisation, sign in first – then the member price applies ({member}).',
    sign_in_for_member_price: 'Sign in for the member price',
    price_choose:
      'Members pay the member price: if you come for an organisation with an active membership (or are a member yourself), it applies to you; otherwise the non-member price.',
    consent_label: 'Consent',
    register_button: 'Register',
    waitlist_button: 'Join the waiting list',
    registered_flash: 'You are registered. The confirmation with the invitation for your calendar is on its way.',
    waitlisted_flash: 'You are on the waiting list (number {rank}). We will write as soon as a seat comes free.',
    event_full_message: 'Sorry, the event is now fully booked and the waiting list is full too. Nothing was stored.',
    registration_closed_message: 'Registration is closed (or the event is over). Nothing was stored.',
    registration_title: 'Your registration',
    registration_status: 'Status',
    status_confirmed: 'registered',
    status_waitlisted: 'on the waiting list',
    status_waitlisted_rank: 'on the waiting list, number {rank}',
    status_cancelled: 'cancelled',
    your_price: 'Your price',
    online_link: 'Link to join',
    cancel_registration: 'Cancel registration',
    cancel_question: 'Cannot come? Then please free your seat – someone from the waiting list moves up.',
    cancel_button: 'Yes, cancel my registration',
    cancelled_flash: 'Your registration is cancelled. A confirmation is on its way.',
    already_cancelled: 'This registration is already cancelled.',
    too_late_to_cancel: 'The event has begun; it can no longer be cancelled.',
    link_invalid_title: 'Link not valid (any more)',
    link_invalid:
      'This link does not exist or no longer works. We send a new one after every change; please use the link from the latest message.',
    back_to_events: 'All events',
    details: 'More and register',
  },
})

export function kindLabel(kind: EventKind, lang: Language): string {
  return translate(eventsText, lang, `kind_${kind}`)
}

/** How full an event is, in words: "noch 3 Plätze", "ausgebucht – Warteliste". */
export function availabilityText(a: Availability, lang: Language): string {
  const t = translator(eventsText, lang)
  switch (a.kind) {
    case 'seats':
      return a.left === 1 ? t('seats_left_one') : t('seats_left', { n: a.left })
    case 'waitlist':
      return t('full_waitlist')
    case 'full':
      return t('full')
    case 'closed':
      return t('closed')
    case 'cancelled':
      return t('cancelled')
  }
}

/** A gross price in words: "kostenlos" or "49,00 €". */
export function grossText(cents: number, lang: Language): string {
  return cents === 0 ? translate(eventsText, lang, 'free') : formatEuro(cents, lang)
}

/** "Mitglieder: kostenlos · Nichtmitglieder: 59,50 €", or just "kostenlos" when both are free; gross prices. */
export function priceText(prices: EventPrices, lang: Language): string {
  const member = priceFor(prices, true).grossCents
  const nonMember = priceFor(prices, false).grossCents
  if (member === 0 && nonMember === 0) return translate(eventsText, lang, 'free')
  return translate(eventsText, lang, 'price_line', {
    member: grossText(member, lang),
    nonMember: grossText(nonMember, lang),
  })
}

export function vatText(vatPercent: number, lang: Language): string {
  return translate(eventsText, lang, 'price_vat', {
    vat: String(vatPercent).replace('.', lang === 'de' ? ',' : '.'),
  })
}

const consentTexts = defineMessages({
  de: {
    registration_consent:
      'Ich willige ein, dass {cooperative} meinen Namen, meine E-Mail-Adresse und – falls angegeben – meine Organisation speichert und verarbeitet, um meine Anmeldung zu „{title}“ ({ref}) zu bearbeiten, die Teilnahmeliste zu führen und mir zu dieser Veranstaltung zu schreiben (Art. 6 Abs. 1 lit. a DSGVO). Ich kann die Einwilligung jederzeit widerrufen, indem ich meine Anmeldung über den Link in der Bestätigung storniere.',
  },
  en: {
    registration_consent:
      'I agree that {cooperative} stores and processes my name, my email address and – if given – my organisation to handle my registration for “{title}” ({ref}), keep the list of participants and write to me about this event (Art. 6 (1) (a) GDPR). I can withdraw this consent at any time by cancelling my registration with the link in the confirmation.',
  },
})

/** The consent a registrant gives, exactly as the form shows it and the registration keeps it. */
export function registrationConsentText(
  lang: Language,
  params: { cooperative: string; title: string; ref: string },
): string {
  return translate(consentTexts, lang, 'registration_consent', params)
}
