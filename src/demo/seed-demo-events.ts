import { loadActor } from '../auth/actor.repo.ts'
import type { Trx } from '../db/db.ts'
import { fromWallTime } from '../events/event-time.ts'
import { createEvent } from '../events/events.actions.ts'
import { eventInput } from '../events/events.schema.ts'
import { registerForEvent } from '../events/registrations.actions.ts'
import { confirmSubscription, signUp } from '../interest/interest.actions.ts'
import { type Actor, anonymous } from '../platform/actor.ts'
import type { ActionEnv } from '../platform/context.ts'
import { addDays, todayIn } from '../platform/dates.ts'

/**
 * Demo events and interest subscribers, through the same actions the portal uses: an information evening, a
 * Nextcloud training for members, a data-protection webinar and a password-manager workshop that is full with
 * a waiting list; registrations by demo people (the member price where their organisation is a member) and by
 * people from outside; a few confirmed subscribers of the interest list. Runs inside the demo seed's
 * transaction; its mails are left in the outbox for the seed to mark as not to be sent.
 */

interface DemoEvent {
  inDays: number
  from: string
  to: string
  input: Record<string, unknown>
  /** Demo accounts (by email) who register for their first organisation, then people from outside. */
  members: string[]
  outsiders: number
}

const events: DemoEvent[] = [
  {
    inDays: 14,
    from: '18:00',
    to: '20:00',
    input: {
      kind: 'info_event',
      titleDe: 'Infoabend: Die Cloud gehört uns',
      titleEn: 'Information evening: the cloud is ours',
      descriptionDe:
        'Wie die Genossenschaft arbeitet, was die Mitgliedschaft kostet und bringt, und wie eure Organisation mitmachen kann. Mit Zeit für Fragen.',
      descriptionEn:
        'How the cooperative works, what membership costs and brings, and how your organisation can take part. With time for questions.',
      location: 'Oranienstraße 45, 10969 Berlin',
      onlineUrl: 'https://meet.beispiel-eg.example/infoabend',
      seats: 40,
      waitlistLimit: null,
    },
    members: ['malte.hansen@klimabuendnis-nord.example'],
    outsiders: 5,
  },
  {
    inDays: 21,
    from: '10:00',
    to: '13:00',
    input: {
      kind: 'training',
      titleDe: 'Nextcloud-Training für Mitglieder',
      titleEn: 'Nextcloud training for members',
      descriptionDe:
        'Dateien teilen, gemeinsam an Dokumenten arbeiten, Kalender und Talk: die Arbeitsumgebung der Genossenschaft im Alltag.',
      descriptionEn:
        "Sharing files, working on documents together, calendar and Talk: the cooperative's workplace day to day.",
      onlineUrl: 'https://meet.beispiel-eg.example/nextcloud-training',
      seats: 12,
      waitlistLimit: 10,
      memberPriceCents: 0,
      nonMemberPriceCents: 6_000,
    },
    members: [
      'jana.petersen@klimabuendnis-nord.example',
      'sophie.krause@offene-bildung.example',
      'lena.schulz@nachbarschaft-xberg.example',
    ],
    outsiders: 7,
  },
  {
    inDays: 28,
    from: '17:00',
    to: '18:30',
    input: {
      kind: 'webinar',
      titleDe: 'Webinar: Datenschutz im Verein',
      titleEn: 'Webinar: data protection in associations',
      descriptionDe:
        'Verzeichnis der Verarbeitungstätigkeiten, Auftragsverarbeitung, Einwilligungen: was Vereine wirklich brauchen.',
      descriptionEn: 'Records of processing, data processing agreements, consent: what associations really need.',
      onlineUrl: 'https://meet.beispiel-eg.example/datenschutz',
      seats: 30,
      waitlistLimit: null,
      memberPriceCents: 0,
      nonMemberPriceCents: 2_500,
    },
    members: ['thomas.weber@offene-bildung.example'],
    outsiders: 4,
  },
  {
    inDays: 10,
    from: '16:00',
    to: '18:00',
    input: {
      kind: 'workshop',
      titleDe: 'Workshop: Passwort-Manager im Team',
      titleEn: 'Workshop: a password manager for the team',
      descriptionDe: 'Vaultwarden und die Bitwarden-Apps einrichten, Sammlungen teilen, Zugänge sicher übergeben.',
      descriptionEn: 'Setting up Vaultwarden and the Bitwarden apps, sharing collections, handing over access safely.',
      location: 'Lindenstraße 12, 20095 Hamburg',
      seats: 6,
      waitlistLimit: 4,
      memberPriceCents: 0,
      nonMemberPriceCents: 4_000,
    },
    members: ['aylin.demir@klimabuendnis-nord.example', 'mehmet.yilmaz@nachbarschaft-xberg.example'],
    outsiders: 6,
  },
]

const outsiders = [
  ['Paula Schmidt', 'Tafel Nordstadt e.V.'],
  ['Yusuf Kaya', 'Mieterinitiative Süd'],
  ['Greta Lange', null],
  ['Jonas Wolff', 'Kulturverein Ostufer e.V.'],
  ['Mira Hoffmann', 'Repair Café Altona'],
  ['Ole Brandt', null],
  ['Selin Arslan', 'Stadtteilzentrum West gGmbH'],
  ['Tim Richter', 'Foodsharing Bezirksgruppe'],
] as const

async function demoActor(trx: Trx, email: string): Promise<Actor | null> {
  const account = await trx.selectFrom('account').select('id').where('email', '=', email).executeTakeFirst()
  return account ? loadActor(trx, account.id) : null
}

const request = { ip: null, userAgent: 'seed-demo', lang: 'de' as const }

export async function seedDemoEvents(trx: Trx, actor: Actor, env: ActionEnv): Promise<void> {
  const today = todayIn(env.clock.now())
  for (const demo of events) {
    const day = addDays(today, demo.inDays)
    const event = await createEvent(
      trx,
      actor,
      eventInput.parse({ ...demo.input, startsAt: fromWallTime(day, demo.from), endsAt: fromWallTime(day, demo.to) }),
      env,
    )
    for (const email of demo.members) {
      const person = await demoActor(trx, email)
      const organisationId = person ? ([...person.orgs.keys()][0] ?? null) : null
      const name = email
        .split('@')[0]!
        .replace('.', ' ')
        .replace(/\b\w/g, (ch) => ch.toUpperCase())
      await registerForEvent(
        trx,
        person ?? anonymous,
        event.ref,
        { name, email, organisation: null, organisationId, consent: true },
        request,
        env,
      )
    }
    for (let i = 0; i < demo.outsiders; i++) {
      const [name, organisation] = outsiders[(i + demo.inDays) % outsiders.length]!
      const email = `${name.toLowerCase().replace(' ', '.')}+${event.ref.toLowerCase()}@beispiel.example`
      await registerForEvent(
        trx,
        anonymous,
        event.ref,
        { name, email, organisation, organisationId: null, consent: true },
        request,
        env,
      )
    }
  }
  for (const [name, organisation] of outsiders.slice(0, 4)) {
    const email = `${name.toLowerCase().replace(' ', '.')}@beispiel.example`
    await signUp(trx, { email, name, organisation, consent: true }, request, env)
    const mail = await trx
      .selectFrom('mail_outbox')
      .select('body')
      .where('recipient', '=', email)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
    const token = /\/interest\/confirm\/([\w-]+)/.exec(mail.body)?.[1]
    if (token) await confirmSubscription(trx, token, { ip: null }, env)
  }
  // one who signed up and has not confirmed yet
  await signUp(
    trx,
    { email: 'noch.unbestaetigt@beispiel.example', name: null, organisation: null, consent: true },
    request,
    env,
  )
}
