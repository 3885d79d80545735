import { loadActor } from '../auth/actor.repo.ts'
import { hashPassword } from '../auth/passwords.ts'
import { ledgerSummary, recordPayment } from '../capital/ledger.actions.ts'
import type { Db, Trx } from '../db/db.ts'
import type { OrgFunction } from '../db/schema.ts'
import { approveApplication } from '../members/admission.actions.ts'
import { submitApplication } from '../members/applications.actions.ts'
import { applicationInput } from '../members/applications.schema.ts'
import { giveNotice } from '../members/exit.actions.ts'
import type { PrimaryArea } from '../members/service-areas.ts'
import { createOrganisation } from '../organisations/organisations.actions.ts'
import type { OrganisationInput } from '../organisations/organisations.schema.ts'
import { organisationInput } from '../organisations/organisations.schema.ts'
import { createAccount } from '../people/accounts.actions.ts'
import { updatePerson } from '../people/people.actions.ts'
import { personPatch } from '../people/people.schema.ts'
import { type Actor, systemActor } from '../platform/actor.ts'
import type { ActionEnv } from '../platform/context.ts'
import { addDays, compareDates, minDate, type PlainDate, todayIn } from '../platform/dates.ts'

/** The one password of every demo login. Demo data only: never start a real cooperative with the demo. */
export const demoPassword = 'Allmende-Demo-2026'

export interface DemoLogin {
  email: string
  role: string
}

/**
 * How an organisation became a member: joined on a date counted back from today (the board enters the
 * existing members with their joining dates, as when a cooperative moves its member list into Allmende),
 * what it paid in, and whether it gave notice.
 */
interface DemoMembership {
  joined: (year: number, today: PlainDate) => PlainDate
  primaryAreas: PrimaryArea[]
  voluntaryShares: number
  paid: 'all' | 'first_instalment' | 'nothing'
  notice?: boolean
}

const orgs: Array<{
  input: Partial<OrganisationInput> & { name: string; legalForm: OrganisationInput['legalForm'] }
  people: Array<{ given: string; family: string; email: string; functions: OrgFunction[] }>
  membership: DemoMembership
}> = [
  {
    input: {
      name: 'Klimabündnis Nord e.V.',
      legalForm: 'ev',
      street: 'Lindenstraße 12',
      postalCode: '20095',
      city: 'Hamburg',
      email: 'kontakt@klimabuendnis-nord.example',
      employees: 8,
      volunteers: 40,
      annualBudgetCents: 45_000_000,
      vatId: 'DE136695976',
    },
    people: [
      {
        given: 'Jana',
        family: 'Petersen',
        email: 'jana.petersen@klimabuendnis-nord.example',
        functions: ['admin', 'legal_representative'],
      },
      {
        given: 'Malte',
        family: 'Hansen',
        email: 'malte.hansen@klimabuendnis-nord.example',
        functions: ['member_user'],
      },
      {
        given: 'Aylin',
        family: 'Demir',
        email: 'aylin.demir@klimabuendnis-nord.example',
        functions: ['member_user', 'technical_contact'],
      },
    ],
    membership: {
      joined: (y) => `${y - 2}-02-01`,
      primaryAreas: ['digital_infrastructure', 'it_helpdesk'],
      voluntaryShares: 2,
      paid: 'all',
    },
  },
  {
    input: {
      name: 'Stiftung Offene Bildung',
      legalForm: 'stiftung',
      street: 'Am Markt 3',
      postalCode: '04109',
      city: 'Leipzig',
      employees: 15,
      volunteers: 5,
      annualBudgetCents: 120_000_000,
    },
    people: [
      {
        given: 'Thomas',
        family: 'Weber',
        email: 'thomas.weber@offene-bildung.example',
        functions: ['admin', 'billing_contact'],
      },
      { given: 'Sophie', family: 'Krause', email: 'sophie.krause@offene-bildung.example', functions: ['member_user'] },
    ],
    membership: {
      joined: (y) => `${y - 2}-09-01`,
      primaryAreas: ['digital_infrastructure'],
      voluntaryShares: 0,
      paid: 'first_instalment',
    },
  },
  {
    input: {
      name: 'Nachbarschaftshilfe Kreuzberg gGmbH',
      legalForm: 'ggmbh',
      street: 'Oranienstraße 45',
      postalCode: '10969',
      city: 'Berlin',
      employees: 22,
      volunteers: 60,
      annualBudgetCents: 210_000_000,
    },
    people: [
      { given: 'Mehmet', family: 'Yilmaz', email: 'mehmet.yilmaz@nachbarschaft-xberg.example', functions: ['admin'] },
      { given: 'Lena', family: 'Schulz', email: 'lena.schulz@nachbarschaft-xberg.example', functions: ['member_user'] },
    ],
    membership: {
      joined: (y) => `${y - 1}-03-01`,
      primaryAreas: ['digital_infrastructure', 'it_helpdesk', 'managed_workplace'],
      voluntaryShares: 1,
      paid: 'first_instalment',
    },
  },
  {
    input: {
      name: 'Solarwerk Energiegenossenschaft eG',
      legalForm: 'eg',
      street: 'Sonnenallee 7',
      postalCode: '79098',
      city: 'Freiburg im Breisgau',
      employees: 4,
      volunteers: 12,
      annualBudgetCents: 30_000_000,
    },
    people: [
      {
        given: 'Katrin',
        family: 'Vogel',
        email: 'katrin.vogel@solarwerk.example',
        functions: ['admin', 'legal_representative'],
      },
    ],
    membership: {
      joined: (y) => `${y - 3}-04-01`,
      primaryAreas: ['digital_infrastructure'],
      voluntaryShares: 1,
      paid: 'all',
      notice: true,
    },
  },
  {
    input: {
      name: 'Stadtbibliothek Musterstadt',
      legalForm: 'public_body',
      street: 'Rathausplatz 1',
      postalCode: '53111',
      city: 'Bonn',
      employees: 35,
      volunteers: 0,
      annualBudgetCents: 350_000_000,
      leitwegId: '04011000-1234512345-06',
    },
    people: [
      {
        given: 'Andreas',
        family: 'Richter',
        email: 'andreas.richter@stadtbibliothek.example',
        functions: ['admin', 'billing_contact'],
      },
    ],
    membership: {
      joined: (_y, today) => addDays(today, -30),
      primaryAreas: ['digital_infrastructure', 'managed_workplace'],
      voluntaryShares: 0,
      paid: 'nothing',
    },
  },
]

/** Someone who wants to join and waits in the board's queue: applied through the public form today. */
const applicant = {
  memberType: 'organisation',
  organisationName: 'Jugendzentrum Sonnenblick e.V.',
  legalForm: 'ev',
  organisationEmail: 'info@jz-sonnenblick.example',
  employees: 6,
  volunteers: 25,
  annualBudgetCents: 38_000_000,
  givenName: 'Fatma',
  familyName: 'Aksoy',
  email: 'fatma.aksoy@jz-sonnenblick.example',
  street: 'Königsplatz 9',
  postalCode: '34117',
  city: 'Kassel',
  primaryAreas: ['digital_infrastructure', 'it_helpdesk'],
  voluntaryShares: 1,
  devices: 14,
  toolsToday: ['google_workspace', 'dropbox'],
  painPoints: 'Unsere Daten liegen verstreut bei drei US-Anbietern; niemand weiß, wer worauf Zugriff hat.',
  stage: 'committed',
  consentStatutes: true,
  consentPrivacy: true,
  acknowledgeDuties: true,
}

/** The supporting member: a private person, no vote, shares only (§8 (2) GenG). */
const supporter = {
  email: 'foerdermitglied@beispiel.example',
  given: 'Erika',
  family: 'Förder',
  street: 'Gartenweg 4',
  postalCode: '60311',
  city: 'Frankfurt am Main',
  voluntaryShares: 4,
  joined: (y: number) => `${y - 1}-06-15`,
}

/**
 * Seeds the demo cooperative "Beispiel-Genossenschaft eG" through the same actions the portal uses, so the
 * journal shows how it came about. Its organisations and the supporting member are admitted members with
 * their joining dates in the past, some fully paid, some partly, one gave notice; one application waits for
 * the board. Returns the logins to print.
 */
export async function seedDemo(db: Db, env: ActionEnv): Promise<DemoLogin[]> {
  const actor = systemActor('seed-demo')
  const logins: DemoLogin[] = []
  // One hash for the one demo password: sixteen argon2 runs would slow the first start for nothing.
  const passwordHash = await hashPassword(demoPassword)
  await db.transaction().execute(async (trx) => {
    const outboxBefore = await trx
      .selectFrom('mail_outbox')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirst()
    await trx
      .insertInto('instance_setting')
      .values({ key: 'cooperative_name', value: 'Beispiel-Genossenschaft eG' })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: 'Beispiel-Genossenschaft eG' }))
      .execute()
    const cooperative: Array<{
      given: string
      family: string
      email: string
      roles: Array<'board' | 'supervisory_board' | 'staff' | 'auditor'>
      label: string
    }> = [
      {
        given: 'Clara',
        family: 'Neumann',
        email: 'vorstand@beispiel-eg.example',
        roles: ['board'],
        label: 'Vorstand / board',
      },
      {
        given: 'Jonas',
        family: 'Becker',
        email: 'vorstand2@beispiel-eg.example',
        roles: ['board'],
        label: 'Vorstand / board',
      },
      {
        given: 'Ingrid',
        family: 'Lorenz',
        email: 'aufsichtsrat@beispiel-eg.example',
        roles: ['supervisory_board'],
        label: 'Aufsichtsrat / supervisory board',
      },
      { given: 'Sami', family: 'Haddad', email: 'team@beispiel-eg.example', roles: ['staff'], label: 'Team / staff' },
      {
        given: 'Petra',
        family: 'Wolf',
        email: 'pruefung@beispiel-eg.example',
        roles: ['auditor'],
        label: 'Prüfungsverband / auditor (read only)',
      },
    ]
    const accountIds = new Map<string, string>()
    for (const person of cooperative) {
      const created = await createAccount(
        trx,
        actor,
        {
          email: person.email,
          givenName: person.given,
          familyName: person.family,
          passwordHash,
          roles: person.roles,
          emailVerified: true,
        },
        env,
      )
      accountIds.set(person.email, created.accountId)
      logins.push({ email: person.email, role: person.label })
    }
    const organisationIds: string[] = []
    for (const org of orgs) {
      const organisation = await createOrganisation(trx, actor, organisationInput.parse(org.input), env)
      organisationIds.push(organisation.id)
      for (const p of org.people) {
        const created = await createAccount(
          trx,
          actor,
          {
            email: p.email,
            givenName: p.given,
            familyName: p.family,
            passwordHash,
            emailVerified: true,
            organisations: [{ id: organisation.id, functions: p.functions }],
          },
          env,
        )
        accountIds.set(p.email, created.accountId)
        const label = p.functions.includes('admin')
          ? `Org-Admin, ${organisation.name}`
          : `Mitarbeitende Person / member user, ${organisation.name}`
        logins.push({ email: p.email, role: label })
      }
    }
    const supporterAccount = await createAccount(
      trx,
      actor,
      {
        email: supporter.email,
        givenName: supporter.given,
        familyName: supporter.family,
        passwordHash,
        emailVerified: true,
      },
      env,
    )
    accountIds.set(supporter.email, supporterAccount.accountId)
    logins.push({ email: supporter.email, role: 'Fördermitglied / supporting member' })

    await seedMembers(trx, env, { accountIds, organisationIds })

    // The demo's history is made up: its mails (confirmations, welcomes, the notice) go to no one.
    await trx
      .updateTable('mail_outbox')
      .set({ sent_at: env.clock.now(), last_error: 'demo data: not sent' })
      .where('id', '>', Number(outboxBefore?.id ?? 0))
      .where('sent_at', 'is', null)
      .execute()
  })
  return logins
}

async function actorOf(trx: Trx, accountIds: Map<string, string>, email: string): Promise<Actor> {
  const actor = await loadActor(trx, accountIds.get(email) ?? '')
  if (!actor) throw new Error(`demo account ${email} is missing`)
  return actor
}

/**
 * The register of the demo: the board (Clara Neumann) admits each declaration with its joining date, the
 * other board member (Jonas Becker) books what was paid in, Solarwerk's representative gives notice today,
 * and a new organisation's application waits in the queue.
 */
async function seedMembers(
  trx: Trx,
  env: ActionEnv,
  demo: { accountIds: Map<string, string>; organisationIds: string[] },
) {
  const today = todayIn(env.clock.now())
  const year = Number(today.slice(0, 4))
  const admitting = await actorOf(trx, demo.accountIds, 'vorstand@beispiel-eg.example')
  const booking = await actorOf(trx, demo.accountIds, 'vorstand2@beispiel-eg.example')
  const request = { ip: null, userAgent: null, lang: 'de' as const }

  const admit = async (input: unknown, joinedOn: PlainDate, organisationId?: string) => {
    const { application } = await submitApplication(trx, applicationInput.parse(input), request, env, {
      actor: systemActor('seed-demo'),
      organisationId,
    })
    const result = await approveApplication(trx, admitting, application.id, env, { effectiveOn: joinedOn })
    if (result.status !== 'admitted') throw new Error(`demo application ${application.ref} was not admitted`)
    return result.member
  }

  /** Pays everything at once, or the first payment due (§7 GenG) only, a few days after it was due. */
  const pay = async (memberId: string, paid: DemoMembership['paid'], joinedOn: PlainDate) => {
    if (paid === 'nothing') return
    const summary = await ledgerSummary(trx, memberId, today)
    const first = summary.capitalRows
      .filter((r) => r.kind === 'payment_due')
      .sort((a, b) => compareDates(a.effective_on, b.effective_on))[0]
    const amountCents = paid === 'all' ? summary.subscribedCents : Number(first?.amount_cents ?? 0)
    const receivedOn = minDate(addDays(first?.effective_on ?? joinedOn, 12), today)
    await recordPayment(
      trx,
      booking,
      memberId,
      {
        amountCents,
        receivedOn,
        reference: paid === 'all' ? 'Überweisung Geschäftsanteile' : 'Erste Einzahlung (§ 7 GenG)',
      },
      env,
    )
  }

  const joining = orgs
    .map((org, i) => ({ org, organisationId: demo.organisationIds[i]!, joinedOn: org.membership.joined(year, today) }))
    .map((entry) => ({ ...entry, kind: 'organisation' as const }))
  const entries = [
    ...joining,
    { kind: 'supporter' as const, joinedOn: supporter.joined(year), org: null, organisationId: null },
  ].sort((a, b) => compareDates(a.joinedOn, b.joinedOn))

  // admitted in the order they joined, so the member numbers follow the register
  for (const entry of entries) {
    if (!entry.org) {
      // she keeps her address in her profile; the register (§30 GenG) shows the member's address from there
      const erika = await actorOf(trx, demo.accountIds, supporter.email)
      await updatePerson(
        trx,
        erika,
        erika.personId ?? '',
        personPatch.parse({ street: supporter.street, postalCode: supporter.postalCode, city: supporter.city }),
        env,
      )
      const member = await admit(
        {
          memberType: 'supporting',
          givenName: supporter.given,
          familyName: supporter.family,
          email: supporter.email,
          street: supporter.street,
          postalCode: supporter.postalCode,
          city: supporter.city,
          voluntaryShares: supporter.voluntaryShares,
          consentStatutes: true,
          consentPrivacy: true,
          acknowledgeDuties: true,
        },
        entry.joinedOn,
      )
      await pay(member.id, 'all', entry.joinedOn)
      continue
    }
    const { org, organisationId } = entry
    const representative = org.people.find((p) => p.functions.includes('admin')) ?? org.people[0]!
    const member = await admit(
      {
        memberType: 'organisation',
        organisationName: org.input.name,
        legalForm: org.input.legalForm,
        organisationEmail: org.input.email,
        vatId: org.input.vatId,
        employees: org.input.employees,
        volunteers: org.input.volunteers,
        annualBudgetCents: org.input.annualBudgetCents,
        givenName: representative.given,
        familyName: representative.family,
        email: representative.email,
        street: org.input.street,
        postalCode: org.input.postalCode,
        city: org.input.city,
        primaryAreas: org.membership.primaryAreas,
        voluntaryShares: org.membership.voluntaryShares,
        consentStatutes: true,
        consentPrivacy: true,
        acknowledgeDuties: true,
      },
      entry.joinedOn,
      organisationId,
    )
    await pay(member.id, org.membership.paid, entry.joinedOn)
    if (org.membership.notice) {
      const representativeActor = await actorOf(trx, demo.accountIds, representative.email)
      await giveNotice(trx, representativeActor, member.id, {}, env)
    }
  }

  await submitApplication(trx, applicationInput.parse(applicant), request, env)
}
