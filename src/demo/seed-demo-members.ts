import { loadActor } from '../auth/actor.repo.ts'
import { recordInput } from '../bookings/bookings.schema.ts'
import { orderItem } from '../bookings/catalog-items.ts'
import { recordBooking } from '../bookings/order.actions.ts'
import { ledgerSummary, recordPayment } from '../capital/ledger.actions.ts'
import type { Trx } from '../db/db.ts'
import { approveApplication } from '../members/admission.actions.ts'
import { submitApplication } from '../members/applications.actions.ts'
import { applicationInput } from '../members/applications.schema.ts'
import { giveNotice } from '../members/exit.actions.ts'
import { type Actor, systemActor } from '../platform/actor.ts'
import type { ActionEnv } from '../platform/context.ts'
import { addDays, compareDates, maxDate, minDate, type PlainDate, todayIn } from '../platform/dates.ts'

import type { DemoMembership, DemoOrganisation } from './seed-demo.ts'

/** The demo's register: who joined when, what was paid, one notice, one application waiting for the board. */
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
export const supporter = {
  email: 'foerdermitglied@beispiel.example',
  given: 'Erika',
  family: 'Förder',
  street: 'Gartenweg 4',
  postalCode: '60311',
  city: 'Frankfurt am Main',
  voluntaryShares: 4,
  joined: (y: number) => `${y - 1}-06-15`,
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
export async function seedMembers(
  trx: Trx,
  env: ActionEnv,
  demo: { accountIds: Map<string, string>; organisationIds: string[]; organisations: DemoOrganisation[] },
) {
  const today = todayIn(env.clock.now())
  const year = Number(today.slice(0, 4))
  const admitting = await actorOf(trx, demo.accountIds, 'vorstand@beispiel-eg.example')
  const booking = await actorOf(trx, demo.accountIds, 'vorstand2@beispiel-eg.example')
  const staff = await actorOf(trx, demo.accountIds, 'team@beispiel-eg.example')
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

  const joining = demo.organisations
    .map((org, i) => ({ org, organisationId: demo.organisationIds[i]!, joinedOn: org.membership.joined(year, today) }))
    .map((entry) => ({ ...entry, kind: 'organisation' as const }))
  const entries = [
    ...joining,
    { kind: 'supporter' as const, joinedOn: supporter.joined(year), org: null, organisationId: null },
  ].sort((a, b) => compareDates(a.joinedOn, b.joinedOn))

  // admitted in the order they joined, so the member numbers follow the register
  for (const entry of entries) {
    if (!entry.org) {
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
    for (const areaKey of org.membership.primaryAreas) {
      // a contract moved into Allmende: from the joining date, or from when the example prices hold if later
      const item = await orderItem(trx, areaKey, null)
      const startsOn = maxDate(entry.joinedOn, item.versions[0]?.validFrom ?? entry.joinedOn)
      const config = { accounts: org.input.employees ?? 1, devices: org.input.employees ?? 1 }
      await recordBooking(trx, staff, recordInput.parse({ organisationId, areaKey, startsOn, config }), env)
    }
    if (org.membership.notice) {
      const representativeActor = await actorOf(trx, demo.accountIds, representative.email)
      await giveNotice(trx, representativeActor, member.id, {}, env)
    }
  }

  await submitApplication(trx, applicationInput.parse(applicant), request, env)
}
