import type { InvitationKind } from '../db/schema-governance.ts'
import { formatEventTime } from '../events/event-time.ts'
import { icsCalendar } from '../events/ics.ts'
import type { Config } from '../platform/config.ts'
import { defineMessages, formatDate, type Language, translate } from '../platform/i18n.ts'
import type { MailAttachment, OutgoingMail } from '../platform/mail.ts'
import type { AgendaItemView, AssemblyView } from './assemblies.model.ts'

/**
 * The mails of an assembly: the invitation with agenda, form and access details (§46 (1) GenG, §43b GenG),
 * an addition to the agenda, a change of time or place, and the cancellation. Each carries the .ics.
 */
const mails = defineMessages({
  de: {
    invitation_subject: 'Einladung: {title} am {day}',
    invitation_body:
      'Hallo {name},\n\nhiermit laden wir {who} ein zur {title} ({ref}).\n\nWann: {when}\nForm: {form}\n{place}{voting}\nStichtag der Mitgliederliste: {registerDate}\n\nTagesordnung:\n{agenda}\n\nAlle Unterlagen, Vollmachten und die Teilnahme finden sich hier:\n{link}\n\nDie Einladung für den Kalender hängt an.',
    agenda_addition_subject: 'Ergänzte Tagesordnung: {title} am {day}',
    agenda_addition_body:
      'Hallo {name},\n\ndie Tagesordnung der {title} ({ref}) am {when} ist ergänzt:\n\n{agenda}\n\nMehr dazu: {link}',
    change_subject: 'Geändert: {title} am {day}',
    change_body:
      'Hallo {name},\n\nbei der {title} ({ref}) haben sich Zeit, Ort oder Zugang geändert. So gilt es jetzt:\n\nWann: {when}\nForm: {form}\n{place}{voting}\n\nDie geänderte Einladung hängt an. Mehr dazu: {link}',
    cancellation_subject: 'Abgesagt: {title} am {day}',
    cancellation_body:
      'Hallo {name},\n\ndie {title} ({ref}) am {when} findet nicht statt.\n\nGrund: {reason}\n\nDer Eintrag im Kalender wird mit dem Anhang entfernt.',
    who_member: 'dich als Mitglied',
    who_representative: 'dich als Vertretung von {member}',
    place_location: 'Ort: {location}',
    place_online: 'Online-Zugang: {url}',
    access_note: 'Hinweise zum Zugang: {note}',
    voting_phase: '\nAbstimmungsphase: {voting}',
    info_only: ' (zur Information, ohne Beschluss)',
    not_decidable: ' (nicht beschlussfähig, § 46 Abs. 2 GenG)',
    no_items: '(noch keine Punkte)',
    ics_invitation: 'einladung.ics',
    ics_cancellation: 'absage.ics',
  },
  en: {
    invitation_subject: 'Invitation: {title} on {day}',
    invitation_body:
      'Hello {name},\n\nwe hereby invite {who} to the {title} ({ref}).\n\nWhen: {when}\nForm: {form}\n{place}{voting}\nRegister date: {registerDate}\n\nAgenda:\n{agenda}\n\nAll documents, proxies and how to take part are here:\n{link}\n\nThe invitation for your calendar is attached.',
    agenda_addition_subject: 'Agenda extended: {title} on {day}',
    agenda_addition_body:
      'Hello {name},\n\nthe agenda of the {title} ({ref}) on {when} is extended:\n\n{agenda}\n\nMore: {link}',
    change_subject: 'Changed: {title} on {day}',
    change_body:
      'Hello {name},\n\nthe time, place or access of the {title} ({ref}) changed. This is what holds now:\n\nWhen: {when}\nForm: {form}\n{place}{voting}\n\nThe changed invitation is attached. More: {link}',
    cancellation_subject: 'Cancelled: {title} on {day}',
    cancellation_body:
      'Hello {name},\n\nthe {title} ({ref}) on {when} does not take place.\n\nReason: {reason}\n\nThe attachment removes it from your calendar.',
    who_member: 'you as a member',
    who_representative: 'you as the representative of {member}',
    place_location: 'Venue: {location}',
    place_online: 'Online access: {url}',
    access_note: 'Access notes: {note}',
    voting_phase: '\nVoting phase: {voting}',
    info_only: ' (for information only, not for decision)',
    not_decidable: ' (cannot be decided, §46 (2) GenG)',
    no_items: '(no items yet)',
    ics_invitation: 'invitation.ics',
    ics_cancellation: 'cancellation.ics',
  },
})

const formNames = {
  de: {
    in_person: 'Präsenzversammlung',
    virtual: 'virtuelle Versammlung',
    hybrid: 'hybride Versammlung',
    stretched: 'gestreckte Versammlung (erst Erörterung, dann Abstimmung)',
  },
  en: {
    in_person: 'in person',
    virtual: 'virtual',
    hybrid: 'hybrid',
    stretched: 'stretched (discussion first, then voting)',
  },
} as const

export interface Recipient {
  memberId: string | null
  personId: string | null
  name: string
  email: string
  language: Language
  /** The organisation the person is invited for; null for a personal member. */
  memberName: string | null
}

const dayFormat = {
  de: new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', day: 'numeric', month: 'long', year: 'numeric' }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', day: 'numeric', month: 'long', year: 'numeric' }),
}

function agendaText(items: AgendaItemView[], lang: Language): string {
  const live = items.filter((i) => !i.withdrawnAt)
  if (live.length === 0) return translate(mails, lang, 'no_items')
  return live
    .map((item, index) => {
      const mark =
        item.kind === 'information'
          ? translate(mails, lang, 'info_only')
          : item.decidable
            ? ''
            : translate(mails, lang, 'not_decidable')
      return `${index + 1}. ${item.title}${mark}`
    })
    .join('\n')
}

/** The .ics of the assembly for one recipient; the UID is the assembly's, so a change or cancellation replaces it. */
export function assemblyIcs(
  assembly: AssemblyView,
  recipient: Recipient,
  options: {
    method: 'REQUEST' | 'CANCEL'
    sequence: number
    now: Date
    config: Pick<Config, 'baseUrl' | 'mailFrom'>
    link: string
  },
): MailAttachment {
  const host = new URL(options.config.baseUrl).hostname
  const from = /<([^>]+)>/.exec(options.config.mailFrom)?.[1] ?? options.config.mailFrom.trim()
  const content = icsCalendar({
    method: options.method,
    productId: '-//Allmende//Versammlungen//DE',
    event: {
      uid: `assembly-${assembly.id}@${host}`,
      sequence: options.sequence,
      start: assembly.startsAt,
      end: assembly.endsAt,
      stamp: options.now,
      summary: assembly.title,
      description: options.link,
      location: assembly.location || assembly.onlineUrl || undefined,
      url: assembly.onlineUrl ?? undefined,
      status: options.method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED',
      organizer: { name: 'Vorstand', email: from },
      attendee: { name: recipient.name, email: recipient.email },
    },
  })
  return {
    filename: translate(mails, recipient.language, options.method === 'CANCEL' ? 'ics_cancellation' : 'ics_invitation'),
    contentType: `text/calendar; charset=utf-8; method=${options.method}`,
    content,
  }
}

/** One mail of an assembly to one recipient, in the recipient's language. */
export function assemblyMail(
  kind: InvitationKind,
  assembly: AssemblyView,
  agenda: AgendaItemView[],
  recipient: Recipient,
  params: { link: string; reason?: string; attachment?: MailAttachment; mailId: string },
): OutgoingMail {
  const lang = recipient.language
  const t = (key: keyof typeof mails.de, p: Record<string, string | number> = {}) => translate(mails, lang, key, p)
  const place = [
    assembly.location ? t('place_location', { location: assembly.location }) : '',
    assembly.onlineUrl ? t('place_online', { url: assembly.onlineUrl }) : '',
    assembly.accessNote ? t('access_note', { note: assembly.accessNote }) : '',
  ]
    .filter(Boolean)
    .join('\n')
  const voting =
    assembly.votingStartsAt && assembly.votingEndsAt
      ? t('voting_phase', { voting: formatEventTime(assembly.votingStartsAt, assembly.votingEndsAt, lang) })
      : ''
  const values = {
    name: recipient.name,
    title: assembly.title,
    ref: assembly.ref,
    day: dayFormat[lang].format(assembly.startsAt),
    when: formatEventTime(assembly.startsAt, assembly.endsAt, lang),
    form: formNames[lang][assembly.form],
    place,
    voting,
    registerDate: formatDate(assembly.registerDate, lang),
    agenda: agendaText(agenda, lang),
    link: params.link,
    reason: params.reason ?? '',
    who: recipient.memberName ? t('who_representative', { member: recipient.memberName }) : t('who_member'),
  }
  const subjectKey = `${kind === 'documents' ? 'agenda_addition' : kind}_subject` as keyof typeof mails.de
  const bodyKey = `${kind === 'documents' ? 'agenda_addition' : kind}_body` as keyof typeof mails.de
  return {
    to: recipient.email,
    subject: t(subjectKey, values),
    body: t(bodyKey, values),
    attachments: params.attachment ? [params.attachment] : [],
    headers: { 'X-Allmende-Mail-Id': params.mailId },
  }
}
