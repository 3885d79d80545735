import type { Config } from '../platform/config.ts'
import { defineMessages, formatEuro, type Language, translate } from '../platform/i18n.ts'
import type { MailAttachment, OutgoingMail } from '../platform/mail.ts'
import { formatEventTime } from './event-time.ts'
import { type EventView, eventText } from './events.model.ts'
import { icsCalendar } from './ics.ts'

const mails = defineMessages({
  de: {
    confirmed_subject: 'Anmeldung bestätigt: {title} am {day}',
    confirmed_body:
      'Hallo {name},\n\ndu bist angemeldet für „{title}“ ({ref}).\n\nWann: {when}\n{place}\nPreis: {price}\n\nDie Einladung für deinen Kalender hängt an. Falls du doch nicht kommen kannst, melde dich bitte hier ab – dann bekommt jemand von der Warteliste deinen Platz:\n\n{link}',
    waitlisted_subject: 'Warteliste: {title} am {day}',
    waitlisted_body:
      'Hallo {name},\n\n„{title}“ ({ref}) ist ausgebucht. Du stehst auf der Warteliste, an Stelle {rank}. Wird ein Platz frei, rückst du automatisch nach und bekommst sofort eine Nachricht mit der Einladung.\n\nWann: {when}\n\nDeine Anmeldung ansehen oder zurückziehen:\n\n{link}',
    promoted_subject: 'Ein Platz ist frei – du bist angemeldet: {title} am {day}',
    promoted_body:
      'Hallo {name},\n\nfür „{title}“ ({ref}) ist ein Platz frei geworden: Du bist jetzt fest angemeldet.\n\nWann: {when}\n{place}\nPreis: {price}\n\nDie Einladung für deinen Kalender hängt an. Falls du nicht mehr kommen kannst, melde dich bitte hier ab:\n\n{link}',
    cancelled_subject: 'Abmeldung: {title} am {day}',
    cancelled_body:
      'Hallo {name},\n\ndeine Anmeldung für „{title}“ ({ref}) am {when} ist storniert.{byStaff}\n\nWenn du wieder teilnehmen möchtest, kannst du dich erneut anmelden, solange Plätze frei sind:\n\n{eventLink}',
    cancelled_by_staff: ' Das hat unser Team eingetragen; bei Fragen antworte gern auf diese Nachricht.',
    event_cancelled_subject: 'Abgesagt: {title} am {day}',
    event_cancelled_body:
      'Hallo {name},\n\nleider müssen wir „{title}“ ({ref}) am {when} absagen.\n\nGrund: {reason}\n\nDeine Anmeldung ist damit aufgehoben. Falls du schon etwas bezahlt hast, bekommst du es zurück. Weitere Termine:\n\n{eventsLink}',
    changed_subject: 'Geändert: {title}',
    changed_body:
      'Hallo {name},\n\nbei „{title}“ ({ref}) haben sich Zeit oder Ort geändert. So gilt es jetzt:\n\nWann: {when}\n{place}\n\nDie geänderte Einladung hängt an. Falls du nun nicht kommen kannst, melde dich bitte hier ab:\n\n{link}',
    place_location: 'Wo: {location}',
    place_online: 'Online: {url}',
    price_free: 'kostenlos',
    price_amount: '{gross} (inkl. {vat} % USt.), als {who}',
    price_member: 'Mitglied',
    price_non_member: 'Nichtmitglied',
    ics_invitation: 'einladung.ics',
    ics_cancellation: 'absage.ics',
    ics_manage: 'Anmeldung verwalten: {link}',
  },
  en: {
    confirmed_subject: 'Registration confirmed: {title} on {day}',
    confirmed_body:
      'Hello {name},\n\nyou are registered for “{title}” ({ref}).\n\nWhen: {when}\n{place}\nPrice: {price}\n\nThe invitation for your calendar is attached. If you cannot come after all, please cancel here – then someone from the waiting list gets your seat:\n\n{link}',
    waitlisted_subject: 'Waiting list: {title} on {day}',
    waitlisted_body:
      'Hello {name},\n\n“{title}” ({ref}) is fully booked. You are on the waiting list, number {rank}. When a seat comes free you move up automatically and get a message with the invitation at once.\n\nWhen: {when}\n\nSee or withdraw your registration:\n\n{link}',
    promoted_subject: 'A seat came free – you are registered: {title} on {day}',
    promoted_body:
      'Hello {name},\n\na seat came free for “{title}” ({ref}): you are now registered.\n\nWhen: {when}\n{place}\nPrice: {price}\n\nThe invitation for your calendar is attached. If you can no longer come, please cancel here:\n\n{link}',
    cancelled_subject: 'Cancelled: your registration for {title} on {day}',
    cancelled_body:
      'Hello {name},\n\nyour registration for “{title}” ({ref}) on {when} is cancelled.{byStaff}\n\nIf you want to take part again, you can register anew while seats are free:\n\n{eventLink}',
    cancelled_by_staff: ' Our team recorded this; if you have questions, just reply to this message.',
    event_cancelled_subject: 'Cancelled: {title} on {day}',
    event_cancelled_body:
      'Hello {name},\n\nunfortunately we have to cancel “{title}” ({ref}) on {when}.\n\nReason: {reason}\n\nYour registration is void. If you have paid anything already, you get it back. Further dates:\n\n{eventsLink}',
    changed_subject: 'Changed: {title}',
    changed_body:
      'Hello {name},\n\nthe time or place of “{title}” ({ref}) changed. This is what holds now:\n\nWhen: {when}\n{place}\n\nThe changed invitation is attached. If you cannot come now, please cancel here:\n\n{link}',
    place_location: 'Where: {location}',
    place_online: 'Online: {url}',
    price_free: 'free of charge',
    price_amount: '{gross} (incl. {vat} % VAT), as a {who}',
    price_member: 'member',
    price_non_member: 'non-member',
    ics_invitation: 'invitation.ics',
    ics_cancellation: 'cancellation.ics',
    ics_manage: 'Manage your registration: {link}',
  },
})

/** Who a mail goes to and what it says about them. */
export interface Registrant {
  id: string
  name: string
  email: string
  language: Language
  isMember: boolean
  grossCents: number
  vatPercent: number
}

export type EventMailKind = 'confirmed' | 'waitlisted' | 'promoted' | 'cancelled' | 'event_cancelled' | 'changed'

const dayFormat = {
  de: new Intl.DateTimeFormat('de-DE', {
    timeZone: 'Europe/Berlin',
    day: 'numeric',
    month: 'numeric',
    year: 'numeric',
  }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', day: 'numeric', month: 'short', year: 'numeric' }),
}

function mailFromAddress(config: Pick<Config, 'mailFrom'>): string {
  return /<([^>]+)>/.exec(config.mailFrom)?.[1] ?? config.mailFrom.trim()
}

function mailFromName(config: Pick<Config, 'mailFrom'>, fallback: string): string {
  return /^\s*"?([^"<]+?)"?\s*</.exec(config.mailFrom)?.[1] ?? fallback
}

/**
 * The .ics of one registration: an invitation (METHOD:REQUEST) or its cancellation (METHOD:CANCEL), with a UID
 * that is the same for every message about this registration so calendars update or remove the one entry.
 */
export function registrationIcs(
  event: EventView,
  registrant: Registrant,
  method: 'REQUEST' | 'CANCEL',
  options: { config: Pick<Config, 'mailFrom' | 'baseUrl'>; cooperative: string; manageLink: string | null; now: Date },
): MailAttachment {
  const lang = registrant.language
  const text = eventText(event, lang)
  const host = new URL(options.config.baseUrl).hostname
  const manage = options.manageLink ? translate(mails, lang, 'ics_manage', { link: options.manageLink }) : ''
  const content = icsCalendar({
    method,
    productId: '-//Allmende//Veranstaltungen//DE',
    event: {
      uid: `registration-${registrant.id}@${host}`,
      // a cancellation must outrank the last invitation
      sequence: method === 'CANCEL' ? event.sequence + 1 : event.sequence,
      start: event.startsAt,
      end: event.endsAt,
      stamp: options.now,
      summary: text.title,
      description: [text.description, manage].filter(Boolean).join('\n\n'),
      location: event.location || event.onlineUrl || undefined,
      url: event.onlineUrl ?? undefined,
      status: method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED',
      organizer: { name: mailFromName(options.config, options.cooperative), email: mailFromAddress(options.config) },
      attendee: { name: registrant.name, email: registrant.email },
    },
  })
  return {
    filename: translate(mails, lang, method === 'CANCEL' ? 'ics_cancellation' : 'ics_invitation'),
    contentType: `text/calendar; charset=utf-8; method=${method}`,
    content,
  }
}

/** One mail about a registration, in the registrant's language, with the invitation or cancellation attached. */
export function eventMail(
  kind: EventMailKind,
  event: EventView,
  registrant: Registrant,
  params: {
    link: string
    eventLink: string
    eventsLink: string
    rank?: number
    byStaff?: boolean
    reason?: string
    attachment?: MailAttachment
  },
): OutgoingMail {
  const lang = registrant.language
  const t = (key: keyof typeof mails.de, p: Record<string, string | number> = {}) => translate(mails, lang, key, p)
  const text = eventText(event, lang)
  const place = [
    event.location ? t('place_location', { location: event.location }) : '',
    event.onlineUrl ? t('place_online', { url: event.onlineUrl }) : '',
  ]
    .filter(Boolean)
    .join('\n')
  const price =
    registrant.grossCents === 0
      ? t('price_free')
      : t('price_amount', {
          gross: formatEuro(registrant.grossCents, lang),
          vat: String(registrant.vatPercent).replace('.', lang === 'de' ? ',' : '.'),
          who: t(registrant.isMember ? 'price_member' : 'price_non_member'),
        })
  const values = {
    name: registrant.name,
    title: text.title,
    ref: event.ref,
    day: dayFormat[lang].format(event.startsAt),
    when: formatEventTime(event.startsAt, event.endsAt, lang),
    place,
    price,
    link: params.link,
    eventLink: params.eventLink,
    eventsLink: params.eventsLink,
    rank: params.rank ?? '',
    reason: params.reason ?? '',
    byStaff: params.byStaff ? t('cancelled_by_staff') : '',
  }
  return {
    to: registrant.email,
    subject: t(`${kind}_subject`, values),
    body: t(`${kind}_body`, values),
    attachments: params.attachment ? [params.attachment] : [],
  }
}
