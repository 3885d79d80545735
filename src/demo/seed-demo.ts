import { hashPassword } from '../auth/passwords.ts'
import type { Db } from '../db/db.ts'
import type { OrgFunction } from '../db/schema.ts'
import { createOrganisation } from '../organisations/organisations.actions.ts'
import type { OrganisationInput } from '../organisations/organisations.schema.ts'
import { organisationInput } from '../organisations/organisations.schema.ts'
import { createAccount } from '../people/accounts.actions.ts'
import { systemActor } from '../platform/actor.ts'
import { fixedClock } from '../platform/clock.ts'
import type { ActionEnv } from '../platform/context.ts'
import { addDays, type PlainDate, todayIn } from '../platform/dates.ts'
import { seedDemoBookings } from './seed-demo-bookings.ts'
import { seedExamplePrices } from './seed-demo-catalog.ts'
import { seedDemoCatalogPartner } from './seed-demo-catalog-partner.ts'
import { seedDemoEvents } from './seed-demo-events.ts'
import { seedDemoGovernance } from './seed-demo-governance.ts'
import { seedMembers, supporter } from './seed-demo-members.ts'
import { seedDemoNeeds } from './seed-demo-needs.ts'
import { seedDemoRooms } from './seed-demo-rooms.ts'

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
export interface DemoMembership {
  joined: (year: number, today: PlainDate) => PlainDate
  /** Wanted on joining, then booked: staff record them as running contracts from the joining date. */
  primaryAreas: string[]
  voluntaryShares: number
  paid: 'all' | 'first_instalment' | 'nothing'
  notice?: boolean
}

export interface DemoOrganisation {
  input: Partial<OrganisationInput> & { name: string; legalForm: OrganisationInput['legalForm'] }
  people: Array<{ given: string; family: string; email: string; functions: OrgFunction[] }>
  membership: DemoMembership
}

const orgs: DemoOrganisation[] = [
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
    // The example prices hold from the start of the demo's history (its first members joined two years ago) and
    // were adopted back then, first in the journal: a price is never adopted backwards.
    const pricesFrom = `${Number(todayIn(env.clock.now()).slice(0, 4)) - 2}-01-01`
    const pricesEnv = { ...env, clock: fixedClock(new Date(`${pricesFrom}T08:00:00Z`)) }
    await seedExamplePrices(trx, actor, pricesEnv, pricesFrom)
    // a partner cooperative lists its own service in the catalog (ICA principle 6)
    const partner = await seedDemoCatalogPartner(trx, actor, pricesEnv, pricesFrom)
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
    const partnerAdmin = {
      email: 'paula.richter@datenwerk-leipzig.example',
      label: 'Org-Admin des Partner-Anbieters / partner provider admin, Datenwerk Leipzig eG',
    }
    await createAccount(
      trx,
      actor,
      {
        email: partnerAdmin.email,
        givenName: 'Paula',
        familyName: 'Richter',
        passwordHash,
        emailVerified: true,
        organisations: [{ id: partner.organisationId, functions: ['admin', 'legal_representative'] }],
      },
      env,
    )
    logins.push({ email: partnerAdmin.email, role: partnerAdmin.label })
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

    await seedMembers(trx, env, {
      accountIds,
      organisationIds,
      organisations: orgs,
    })
    // what the catalog's other parts show: open orders, the founders' questionnaires, events and the interest list
    await seedDemoBookings(trx, env, { accountIds, organisationIds })
    await seedDemoNeeds(trx, env, { assignedAccountId: accountIds.get('vorstand@beispiel-eg.example') })
    await seedDemoEvents(trx, actor, env)
    await seedDemoGovernance(trx, actor, env)
    await seedDemoRooms(trx, actor, env)

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
