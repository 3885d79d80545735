/**
 * What the seed's planning steps share: the row shapes, the plan under construction (the rows made so far, the
 * generator, the counters) and the small helpers every step uses.
 */
import type { PlainDate } from '../../src/platform/dates.ts'
import type { StatutesSettings } from '../../src/statutes/statutes.rules.ts'
import type { SeedOptions } from './seed-register.ts'
import { ascii, familyNames, givenNames, places, Random, streets } from './seed-register-random.ts'

export const founded: PlainDate = '2019-01-15'
export const boardLabels = ['vorstand.weber@allmende.example', 'vorstand.okafor@allmende.example', 'system:import']

// ---------------------------------------------------------------------------------------------- rows

export type Row = Record<string, unknown>

export interface LedgerRow {
  table: 'share' | 'capital'
  memberIndex: number
  bookedAt: string
  /** creation order, to keep bookings of one instant in the order the actions make them */
  order: number
  row: Row
  /** capital: the class the trigger checks separately (payment_due or everything else) */
  dueClass?: boolean
  amount: number
}

export interface PlannedMember {
  index: number
  id: string
  number: string
  memberType: 'organisation' | 'employee' | 'supporting'
  organisationId: string | null
  personId: string | null
  partyName: string
  joinedOn: PlainDate
  exitOn: PlainDate | null
  /** the last day bookings of its own may happen (exit, or today) */
  lastDay: PlainDate
  mandatory: number
  voluntary: number
  payStyle: 'lump' | 'split' | 'monthly'
  arrears: boolean
  contactEmail: string
  /** the payments on each amount due, booked after all subscriptions */
  paymentGroups: PaymentGroup[]
}

export interface PaymentGroup {
  member: number
  parts: Array<{ on: PlainDate; amount: number }>
  reference: string
  /** bounced (a reversal points to its row): left as it is when the row count is adjusted */
  locked: boolean
  rows: LedgerRow[]
}

/** The plan under construction: every row made so far, in creation order. */
export interface PlanContext {
  options: SeedOptions
  settings: StatutesSettings
  statutesVersionId: string
  rnd: Random
  today: PlainDate
  fy: number
  organisations: Row[]
  persons: Row[]
  affiliations: Row[]
  applications: Row[]
  declarations: Row[]
  members: Row[]
  payouts: Row[]
  ledger: LedgerRow[]
  /** per member: the value of the shares subscribed (all bookings), and the capital rows that are not amounts due */
  subscribed: number[]
  paidRows: LedgerRow[][]
  order: number
  applicationSeq: number
  planned: PlannedMember[]
}

export function newPlanContext(
  options: SeedOptions,
  settings: StatutesSettings,
  statutesVersionId: string,
): PlanContext {
  return {
    options,
    settings,
    statutesVersionId,
    rnd: new Random(options.seed ?? 20261122),
    today: options.today,
    fy: settings.fiscalYearStartMonth,
    organisations: [],
    persons: [],
    affiliations: [],
    applications: [],
    declarations: [],
    members: [],
    payouts: [],
    ledger: [],
    subscribed: [],
    paidRows: [],
    order: 0,
    applicationSeq: 0,
    planned: [],
  }
}

export const appRef = (c: PlanContext, day: PlainDate) =>
  `B-${day.slice(0, 4)}-${String(++c.applicationSeq).padStart(5, '0')}`

export function newPerson(c: PlanContext, createdOn: PlainDate) {
  const { rnd, persons } = c
  const [city, postal] = rnd.pick(places)
  const given = rnd.pick(givenNames)
  const family = rnd.pick(familyNames)
  const id = rnd.uuid()
  const row = {
    id,
    given_name: given,
    family_name: family,
    email: `${ascii(given)}.${ascii(family)}.${persons.length + 1}@example.org`,
    phone: rnd.chance(0.4) ? `+49 ${rnd.int(30, 89)} ${rnd.int(100000, 9999999)}` : null,
    street: `${rnd.pick(streets)} ${rnd.int(1, 140)}`,
    postal_code: postal,
    city,
    country: rnd.chance(0.02) ? rnd.pick(['AT', 'NL', 'PL']) : 'DE',
    created_at: rnd.at(createdOn),
  }
  persons.push(row)
  return row
}
