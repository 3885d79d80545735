/**
 * A large member register for the benchmark (issue 3): organisations and people, the join and extra-share
 * applications with their declarations, the members, and the share and capital ledgers with payments,
 * instalments paid by standing order, bounced payments, §15b subscriptions, §67b cancellations, §76 transfers,
 * exits and payouts. Generated in memory with the domain's own rules (joiningQuote, paymentSchedule, the notice
 * and payout dates, payoutAmount) and a seeded random generator, then inserted in bulk with
 * `INSERT … SELECT … FROM unnest(arrays)`, in booking order, so the ledger triggers check every row the way
 * they check the actions' bookings. Works on PostgreSQL and PGlite.
 *
 * Not written: the audit journal and the mail outbox (the actions write them; nothing measured reads them).
 */
import { createHash } from 'node:crypto'
import { type Kysely, sql } from 'kysely'
import { payoutAmount } from '../../src/capital/capital.rules.ts'
import type { Database } from '../../src/db/schema.ts'
import { declarationText, joiningQuote } from '../../src/members/joining.rules.ts'
import {
  deathEffectiveDate,
  dissolutionEffectiveDate,
  exclusionEffectiveDate,
  payoutDueDate,
  retentionPurgeFrom,
  shareCancellationEffectiveDate,
  terminationEffectiveDate,
} from '../../src/members/membership.rules.ts'
import { primaryAreas } from '../../src/members/service-areas.ts'
import {
  addDays,
  addMonths,
  compareDates,
  daysBetween,
  fiscalYearEnd,
  type PlainDate,
} from '../../src/platform/dates.ts'
import { paymentSchedule, type StatutesSettings } from '../../src/statutes/statutes.rules.ts'

export interface SeedOptions {
  members: number
  /** Share plus capital transactions, exactly. */
  ledgerRows: number
  /** The day the data ends (bookings up to it; future instalments are booked as due later). */
  today: PlainDate
  seed?: number
  /** Rows per INSERT statement. */
  batch?: number
  log?: (line: string) => void
}

export interface SeedResult {
  counts: Record<string, number>
  /** Milliseconds per table, and 'generate' for building the rows in memory. */
  timings: Record<string, number>
  /** Active organisation members with their organisation, for signing in as their admins. */
  activeOrganisationMembers: Array<{ memberId: string; number: string; organisationId: string }>
}

const founded: PlainDate = '2019-01-15'
const boardLabels = ['vorstand.weber@allmende.example', 'vorstand.okafor@allmende.example', 'system:import']

// ---------------------------------------------------------------------------------------------- randomness

function mulberry32(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

class Random {
  next: () => number
  constructor(seed: number) {
    this.next = mulberry32(seed)
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1))
  }
  chance(p: number): boolean {
    return this.next() < p
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)]!
  }
  /** Weighted choice: [[value, weight], …]. */
  weighted<T>(options: ReadonlyArray<readonly [T, number]>): T {
    const total = options.reduce((s, [, w]) => s + w, 0)
    let r = this.next() * total
    for (const [value, w] of options) {
      r -= w
      if (r < 0) return value
    }
    return options[options.length - 1]![0]
  }
  uuid(): string {
    const word = () =>
      Math.floor(this.next() * 4294967296)
        .toString(16)
        .padStart(8, '0')
    const s = word() + word() + word() + word()
    const variant = ((Number.parseInt(s[16]!, 16) & 0x3) | 0x8).toString(16)
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-4${s.slice(13, 16)}-${variant}${s.slice(17, 20)}-${s.slice(20)}`
  }
  /** A day between a and b inclusive. */
  dayBetween(a: PlainDate, b: PlainDate): PlainDate {
    return addDays(a, this.int(0, Math.max(0, daysBetween(a, b))))
  }
  /** An instant on a day, during office hours (UTC). */
  at(day: PlainDate): string {
    return `${day}T${String(this.int(7, 16)).padStart(2, '0')}:${String(this.int(0, 59)).padStart(2, '0')}:${String(this.int(0, 59)).padStart(2, '0')}.000Z`
  }
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex')

// ---------------------------------------------------------------------------------------------- names

const orgKinds = [
  'Naturschutzbund',
  'Jugendhilfe',
  'Nachbarschaftshilfe',
  'Tafel',
  'Sportverein',
  'Kulturzentrum',
  'Bürgerstiftung',
  'Umweltbündnis',
  'Flüchtlingshilfe',
  'Hospizverein',
  'Förderverein',
  'Kinderschutzbund',
  'Lebenshilfe',
  'Stadtteilladen',
  'Mieterverein',
  'Tierschutzverein',
  'Bildungswerk',
  'Frauenhaus',
  'Seniorenbüro',
  'Repair-Café',
  'Jugendkunstschule',
  'Verein „Miteinander“',
  'Initiative Offene Türen',
  'Sozialwerk',
] as const
const places: ReadonlyArray<readonly [string, string]> = [
  ['Berlin', '10115'],
  ['Hamburg', '20095'],
  ['München', '80331'],
  ['Köln', '50667'],
  ['Frankfurt am Main', '60311'],
  ['Leipzig', '04109'],
  ['Dresden', '01067'],
  ['Bremen', '28195'],
  ['Hannover', '30159'],
  ['Nürnberg', '90402'],
  ['Freiburg im Breisgau', '79098'],
  ['Kassel', '34117'],
  ['Rostock', '18055'],
  ['Münster', '48143'],
  ['Erfurt', '99084'],
  ['Görlitz', '02826'],
  ['Offenbach', '63065'],
  ['Lüneburg', '21335'],
]
const streets = [
  'Hauptstraße',
  'Bahnhofstraße',
  'Lindenallee',
  'Gartenweg',
  'Schillerstraße',
  'Am Markt',
  'Mühlenweg',
  'Rosa-Luxemburg-Platz',
  'Friedrich-Ebert-Straße',
  'Kirchgasse',
  'Uferstraße',
  'Weberstraße',
]
const givenNames = [
  'Anna',
  'Jonas',
  'Fatma',
  'Lukas',
  'Marie',
  'Mehmet',
  'Sophie',
  'Paul',
  'Zeynep',
  'Felix',
  'Lena',
  'Ahmed',
  'Hannah',
  'Jan',
  'Olga',
  'Tobias',
  'Chiara',
  'Björn',
  'Ayşe',
  'Noah',
]
const familyNames = [
  'Müller',
  'Schmidt',
  'Yılmaz',
  'Schneider',
  'Fischer',
  'Weber',
  'Kowalski',
  'Becker',
  'Nguyen',
  'Hoffmann',
  'Schäfer',
  'Koch',
  'Richter',
  'Öztürk',
  'Klein',
  'Wolf',
  'Neumann',
  "O'Brien",
  'Schwarz',
  'Zimmermann',
]
const legalFormSuffix = { ev: 'e.V.', stiftung: 'Stiftung', ggmbh: 'gGmbH', gmbh: 'GmbH', eg: 'eG', other: '' } as const
type SeedLegalForm = keyof typeof legalFormSuffix

const ascii = (s: string) =>
  s
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .replace(/ı/g, 'i')
    .replace(/ş/g, 's')
    .replace(/[^a-z0-9]+/g, '')

// ---------------------------------------------------------------------------------------------- rows

type Row = Record<string, unknown>

interface LedgerRow {
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

interface PlannedMember {
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

interface PaymentGroup {
  member: number
  parts: Array<{ on: PlainDate; amount: number }>
  reference: string
  /** bounced (a reversal points to its row): left as it is when the row count is adjusted */
  locked: boolean
  rows: LedgerRow[]
}

/**
 * Builds every row in memory. The ledger rows come back in booking order, each already checked against the
 * rules the triggers enforce (no negative share count, amount due or capital on any day from its own on).
 */
export function planRegister(options: SeedOptions, settings: StatutesSettings, statutesVersionId: string) {
  const rnd = new Random(options.seed ?? 20261122)
  const today = options.today
  const fy = settings.fiscalYearStartMonth
  const organisations: Row[] = []
  const persons: Row[] = []
  const affiliations: Row[] = []
  const applications: Row[] = []
  const declarations: Row[] = []
  const members: Row[] = []
  const payouts: Row[] = []
  const ledger: LedgerRow[] = []
  /** per member: the value of the shares subscribed (all bookings), and the capital rows that are not amounts due */
  const subscribed: number[] = []
  const paidRows: LedgerRow[][] = []
  let order = 0
  let applicationSeq = 0
  const appRef = (day: PlainDate) => `B-${day.slice(0, 4)}-${String(++applicationSeq).padStart(5, '0')}`

  const newPerson = (createdOn: PlainDate) => {
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

  // ---- who joins when
  const spanDays = daysBetween(founded, addDays(today, -20))
  const joinDays = Array.from({ length: options.members }, () =>
    addDays(founded, Math.floor(spanDays * rnd.next() ** (1 / 1.6))),
  ).sort()

  const planned: PlannedMember[] = []
  const rejoinCandidates: number[] = []
  for (let i = 0; i < options.members; i++) {
    const joinedOn = joinDays[i]!
    // a few former members join again later (one membership at a time, the database checks no overlap)
    const rejoinOf =
      rejoinCandidates.length > 0 && rnd.chance(0.004)
        ? planned[rejoinCandidates.splice(rnd.int(0, rejoinCandidates.length - 1), 1)[0]!]
        : undefined
    const canRejoin = rejoinOf?.exitOn && compareDates(rejoinOf.exitOn, joinedOn) < 0
    const memberType: PlannedMember['memberType'] = canRejoin
      ? rejoinOf.memberType
      : rnd.weighted([
          ['organisation', 60],
          ['employee', 22],
          ['supporting', 18],
        ] as const)
    const asOrganisation =
      memberType === 'organisation' ||
      (memberType === 'supporting' && (canRejoin ? !!rejoinOf.organisationId : rnd.chance(0.3)))
    const lang = rnd.chance(0.85) ? 'de' : 'en'
    const submittedAt = rnd.at(addDays(joinedOn, -rnd.int(2, 25)))
    const decidedAt = rnd.at(joinedOn)
    const [city, postal] = rnd.pick(places)
    const street = `${rnd.pick(streets)} ${rnd.int(1, 140)}`
    let organisationId: string | null = null
    let personId: string | null = null
    let partyName: string
    let employees = 0
    let volunteers = 0
    let budget = 0
    let legalForm: SeedLegalForm | null = null
    const signer = newPerson(joinedOn)
    if (canRejoin) {
      organisationId = rejoinOf.organisationId
      personId = rejoinOf.personId
      partyName = rejoinOf.partyName
      if (organisationId)
        for (const fn of ['admin', 'legal_representative'])
          affiliations.push({
            organisation_id: organisationId,
            person_id: signer.id,
            function: fn,
            created_at: decidedAt,
          })
      else persons.pop() // the same person as before
    } else if (asOrganisation) {
      legalForm = rnd.weighted([
        ['ev', 70],
        ['ggmbh', 10],
        ['stiftung', 7],
        ['eg', 5],
        ['gmbh', 4],
        ['other', 4],
      ] as const)
      const size = rnd.weighted([
        ['small', 70],
        ['medium', 20],
        ['large', 8],
        ['very_large', 2],
      ] as const)
      employees =
        size === 'small'
          ? rnd.int(0, 9)
          : size === 'medium'
            ? rnd.int(10, 49)
            : size === 'large'
              ? rnd.int(50, 249)
              : rnd.int(250, 1200)
      volunteers = rnd.int(0, 300)
      budget = (employees * rnd.int(35_000, 70_000) + rnd.int(2_000, 90_000)) * 100
      const kind = rnd.pick(orgKinds)
      partyName =
        `${kind} ${city}${rnd.chance(0.5) ? `-${rnd.pick(['Nord', 'Süd', 'Mitte', 'Ost', 'West'])}` : ''} ${organisations.length + 1} ${legalFormSuffix[legalForm]}`.trim()
      organisationId = rnd.uuid()
      organisations.push({
        id: organisationId,
        ref: `O-${String(organisations.length + 1).padStart(5, '0')}`,
        name: partyName,
        legal_form: legalForm,
        street,
        postal_code: postal,
        city,
        country: 'DE',
        email: `kontakt@${ascii(kind)}-${organisations.length + 1}.example`,
        phone: rnd.chance(0.6) ? `+49 ${rnd.int(30, 89)} ${rnd.int(100000, 9999999)}` : null,
        website: rnd.chance(0.5) ? `https://${ascii(kind)}-${organisations.length + 1}.example` : null,
        employees,
        volunteers,
        annual_budget_cents: budget,
        created_at: decidedAt,
        updated_at: decidedAt,
      })
      for (const fn of ['admin', 'legal_representative'])
        affiliations.push({
          organisation_id: organisationId,
          person_id: signer.id,
          function: fn,
          created_at: decidedAt,
        })
    } else {
      personId = signer.id
      partyName = `${signer.given_name} ${signer.family_name}`
    }
    const areas =
      memberType === 'organisation'
        ? primaryAreas.slice(
            0,
            rnd.weighted([
              [1, 50],
              [2, 35],
              [3, 15],
            ] as const),
          )
        : []
    const voluntary =
      memberType === 'organisation'
        ? rnd.weighted([
            [0, 50],
            [rnd.int(1, 5), 40],
            [rnd.int(6, 20), 10],
          ] as const)
        : rnd.weighted([
            [0, 60],
            [rnd.int(1, 3), 40],
          ] as const)
    const quote = joiningQuote(
      settings,
      { memberType, employees, annualBudgetCents: budget, primaryAreas: areas, voluntaryShares: voluntary },
      joinedOn,
    )
    const applicationId = rnd.uuid()
    const ref = appRef(submittedAt.slice(0, 10))
    const applicant = {
      organisationName: asOrganisation ? partyName : null,
      legalForm,
      organisationEmail: null,
      vatId: null,
      iban: null,
      employees,
      volunteers,
      annualBudgetCents: budget,
      givenName: signer.given_name,
      familyName: signer.family_name,
      email: signer.email,
      phone: signer.phone,
      street,
      postalCode: postal,
      city,
      country: 'DE',
      ...(canRejoin && organisationId ? { organisationId } : {}),
    }
    const memberId = rnd.uuid()
    applications.push({
      id: applicationId,
      ref,
      kind: 'join',
      member_type: memberType,
      status: 'admitted',
      applicant: JSON.stringify(applicant),
      questionnaire: JSON.stringify({
        devices: rnd.int(1, 400),
        toolsToday: rnd.chance(0.5) ? ['microsoft_365', 'zoom'] : ['google_workspace'],
        painPoints: 'Dateiablage über private Konten, keine Geräteverwaltung',
        stage: 'committed',
        volunteers,
      }),
      primary_areas: areas,
      mandatory_shares: quote.mandatoryShares,
      voluntary_shares: quote.voluntaryShares,
      statutes_version_id: statutesVersionId,
      member_id: memberId,
      tracking_token_hash: sha256(`${options.seed}:${applicationId}`),
      language: lang,
      submitted_at: submittedAt,
      decided_at: decidedAt,
      decided_by: rnd.pick(boardLabels.slice(0, 2)),
      rejection_reason: null,
    })
    const signerName = `${signer.given_name} ${signer.family_name}`
    const text = declarationText(
      lang,
      {
        party: partyName,
        address: `${street}, ${postal} ${city}`,
        cooperative: 'Allmende Digital eG',
        signerName,
        signerEmail: signer.email,
      },
      quote,
      areas,
      '2000-01-01',
    )
    declarations.push({
      id: rnd.uuid(),
      application_id: applicationId,
      text,
      statutes_version_id: statutesVersionId,
      signer_name: signerName,
      signer_email: signer.email,
      signed_at: submittedAt,
      ip_address: `192.0.2.${rnd.int(1, 254)}`,
      user_agent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0',
      content_hash: sha256([text, signer.email, new Date(submittedAt).toISOString(), statutesVersionId].join('\n')),
      purged_at: null,
    })

    // ---- the end of the membership, if any, by the real notice rules
    let exitOn: PlainDate | null = null
    let exitReason: string | null = null
    let exitNote: string | null = null
    let noticeGivenOn: PlainDate | null = null
    const earliestEnd = addDays(joinedOn, 200)
    if (compareDates(earliestEnd, addDays(today, -10)) < 0 && rnd.chance(0.14)) {
      const eventOn = rnd.dayBetween(earliestEnd, addDays(today, -10))
      exitReason = rnd.weighted([
        ['termination', 80],
        ['exclusion', 8],
        [personId ? 'death' : 'dissolution', 7],
      ] as const)
      if (exitReason === 'termination') {
        noticeGivenOn = eventOn
        exitOn = terminationEffectiveDate(eventOn, settings)
      } else if (exitReason === 'exclusion') {
        exitOn = exclusionEffectiveDate(eventOn, settings)
        exitNote = 'Ausschluss nach § 68 GenG: Zahlungsrückstand trotz Mahnung'
      } else if (exitReason === 'death') {
        exitOn = deathEffectiveDate(eventOn, settings)
        exitNote = `Erbengemeinschaft ${signer.family_name}`
      } else {
        exitOn = dissolutionEffectiveDate(eventOn, settings)
        exitNote = 'Auflösung beschlossen'
      }
      if (compareDates(exitOn, today) < 0 && organisationId !== null) rejoinCandidates.push(i)
      if (compareDates(exitOn, today) < 0 && organisationId === null && rnd.chance(0.3)) rejoinCandidates.push(i)
    }
    const purged = exitOn !== null && compareDates(retentionPurgeFrom(exitOn), today) <= 0
    if (purged) {
      const a = applications[applications.length - 1]!
      a.applicant = JSON.stringify({ organisationName: applicant.organisationName, purged: true })
      a.questionnaire = '{}'
      const d = declarations[declarations.length - 1]!
      Object.assign(d, {
        text: '',
        signer_email: '',
        ip_address: null,
        user_agent: null,
        purged_at: rnd.at(retentionPurgeFrom(exitOn!)),
      })
    }
    const number = `M-${String(i + 1).padStart(5, '0')}`
    members.push({
      id: memberId,
      number,
      member_type: memberType,
      organisation_id: organisationId,
      person_id: personId,
      joined_on: joinedOn,
      application_id: applicationId,
      primary_areas: areas,
      notice_given_on: noticeGivenOn,
      exit_on: exitOn,
      exit_reason: exitReason,
      exit_note: exitNote,
      exit_recorded_at: exitOn ? rnd.at(noticeGivenOn ?? addDays(exitOn, -rnd.int(20, 60))) : null,
      purged_at: purged ? rnd.at(retentionPurgeFrom(exitOn!)) : null,
      created_at: decidedAt,
    })
    planned.push({
      index: i,
      id: memberId,
      number,
      memberType,
      organisationId,
      personId,
      partyName,
      joinedOn,
      exitOn,
      lastDay: exitOn && compareDates(exitOn, today) < 0 ? exitOn : today,
      mandatory: quote.mandatoryShares,
      voluntary: quote.voluntaryShares,
      payStyle: rnd.weighted([
        ['lump', 55],
        ['split', 30],
        ['monthly', 15],
      ] as const),
      arrears: rnd.chance(0.03),
      contactEmail: signer.email,
      paymentGroups: [],
    })
    subscribe(planned[i]!, quote.totalShares, joinedOn, decidedAt, applicationId, ref, false)
  }

  // ---- bookings

  function shareRow(m: PlannedMember, bookedAt: string, values: Row & { shares: number; value_cents: number }) {
    const id = (values.id as string | undefined) ?? rnd.uuid()
    ledger.push({
      table: 'share',
      memberIndex: m.index,
      bookedAt,
      order: order++,
      amount: values.shares,
      row: {
        id,
        member_id: m.id,
        reverses_id: null,
        counterpart_id: null,
        application_id: null,
        note: '',
        booked_at: bookedAt,
        booked_by: rnd.pick(boardLabels),
        ...values,
      },
    })
    subscribed[m.index] = (subscribed[m.index] ?? 0) + values.value_cents
    return id
  }

  function capitalRow(m: PlannedMember, bookedAt: string, values: Row & { kind: string; amount_cents: number }) {
    const id = (values.id as string | undefined) ?? rnd.uuid()
    const effect = (values.reversed_kind as string | undefined) ?? values.kind
    const entry: LedgerRow = {
      table: 'capital',
      memberIndex: m.index,
      bookedAt,
      order: order++,
      amount: values.amount_cents,
      dueClass: effect === 'payment_due',
      row: {
        id,
        member_id: m.id,
        reverses_id: null,
        reversed_kind: null,
        counterpart_id: null,
        reference: '',
        note: '',
        booked_at: bookedAt,
        booked_by: rnd.pick(boardLabels),
        ...values,
      },
    }
    ledger.push(entry)
    if (!entry.dueClass) {
      const rows = paidRows[m.index] ?? []
      rows.push(entry)
      paidRows[m.index] = rows
    }
    return entry
  }

  /** A subscription and its payment plan (what subscribeShares books), then the payments as the member pays. */
  function subscribe(
    m: PlannedMember,
    shares: number,
    on: PlainDate,
    bookedAt: string,
    applicationId: string,
    ref: string,
    erroneous: boolean,
  ) {
    const value = shares * settings.shareValueCents
    const shareId = shareRow(m, bookedAt, {
      kind: 'subscription',
      shares,
      value_cents: value,
      effective_on: on,
      application_id: applicationId,
      note: ref,
    })
    const dues = paymentSchedule(settings, shares, on).map((due) => ({
      ...due,
      id: capitalRow(m, bookedAt, {
        kind: 'payment_due',
        amount_cents: due.amountCents,
        effective_on: due.dueOn,
        reference: ref,
      }).row.id as string,
    }))
    if (erroneous) {
      // booked in error and reversed a few days later, the share and every instalment (GoBD: never deleted)
      const reversedAt = rnd.at(addDays(bookedAt.slice(0, 10), rnd.int(1, 6)))
      shareRow(m, reversedAt, {
        kind: 'reversal',
        shares: -shares,
        value_cents: -value,
        effective_on: on,
        reverses_id: shareId,
        note: 'Doppelt gebucht',
      })
      for (const due of dues)
        capitalRow(m, reversedAt, {
          kind: 'reversal',
          amount_cents: -due.amountCents,
          effective_on: due.dueOn,
          reverses_id: due.id,
          reversed_kind: 'payment_due',
          reference: ref,
          note: 'Doppelt gebucht',
        })
      return
    }
    for (const [k, due] of dues.entries()) {
      if (m.arrears && k >= 1) break
      const start = addDays(due.dueOn, rnd.int(0, 25))
      const parts: Array<{ on: PlainDate; amount: number }> = []
      if (m.payStyle === 'monthly' && k >= 1 && due.amountCents >= 1200) {
        // a standing order: twelve monthly parts from the due date on
        const part = Math.floor(due.amountCents / 12)
        for (let p = 0; p < 12; p++)
          parts.push({ on: addMonths(start, p), amount: p === 11 ? due.amountCents - part * 11 : part })
      } else if (m.payStyle === 'split' && due.amountCents >= 200) {
        const first = Math.round((due.amountCents * rnd.int(30, 70)) / 100)
        parts.push(
          { on: start, amount: first },
          { on: addDays(start, rnd.int(10, 45)), amount: due.amountCents - first },
        )
      } else parts.push({ on: start, amount: due.amountCents })
      const kept = parts.filter((p) => compareDates(p.on, m.lastDay) <= 0)
      if (kept.length > 0)
        m.paymentGroups.push({ member: m.index, parts: kept, reference: `${m.number} ${ref}`, locked: false, rows: [] })
    }
  }

  function extraApplication(
    m: PlannedMember,
    shares: number,
    ref: string,
    submittedAt: string,
    status: 'admitted' | 'submitted',
    decidedAt: string | null,
  ) {
    const id = rnd.uuid()
    const email = m.contactEmail
    const text = `Erklärung über die Beteiligung mit weiteren Geschäftsanteilen (§ 15b GenG) – Allmende Digital eG\n\n${m.partyName} (${m.number}) übernimmt ${shares} weitere Geschäftsanteile zu je 100,00 €.`
    applications.push({
      id,
      ref,
      kind: 'extra_shares',
      member_type: m.memberType,
      status,
      applicant: JSON.stringify({
        organisationName: m.organisationId ? m.partyName : null,
        memberNumber: m.number,
        email,
      }),
      questionnaire: '{}',
      primary_areas: [],
      mandatory_shares: 0,
      voluntary_shares: shares,
      statutes_version_id: statutesVersionId,
      member_id: m.id,
      tracking_token_hash: sha256(`${options.seed}:${id}`),
      language: 'de',
      submitted_at: submittedAt,
      decided_at: decidedAt,
      decided_by: decidedAt ? rnd.pick(boardLabels.slice(0, 2)) : null,
      rejection_reason: null,
    })
    declarations.push({
      id: rnd.uuid(),
      application_id: id,
      text,
      statutes_version_id: statutesVersionId,
      signer_name: m.partyName,
      signer_email: email,
      signed_at: submittedAt,
      ip_address: `198.51.100.${rnd.int(1, 254)}`,
      user_agent: 'Mozilla/5.0 (Macintosh) Safari/18.0',
      content_hash: sha256([text, email, new Date(submittedAt).toISOString(), statutesVersionId].join('\n')),
      purged_at: null,
    })
    return id
  }

  // §15b: further shares, some pending; a few booked in error and reversed
  for (const m of planned) {
    const extra = rnd.weighted([
      [0, 52],
      [1, 30],
      [2, 12],
      [3, 6],
    ] as const)
    const from = addDays(m.joinedOn, 90)
    const until = addDays(m.lastDay, -15)
    if (compareDates(from, until) >= 0) continue
    const days = Array.from({ length: extra }, () => rnd.dayBetween(from, until)).sort()
    for (const day of days) {
      const shares = rnd.weighted([
        [1, 60],
        [2, 25],
        [3, 15],
      ] as const)
      const submittedAt = rnd.at(addDays(day, -rnd.int(3, 20)))
      const decidedAt = rnd.at(day)
      const ref = appRef(submittedAt.slice(0, 10))
      const applicationId = extraApplication(m, shares, ref, submittedAt, 'admitted', decidedAt)
      subscribe(m, shares, day, decidedAt, applicationId, ref, rnd.chance(0.03))
    }
    if (m.exitOn === null && rnd.chance(0.02)) {
      const submittedAt = rnd.at(addDays(today, -rnd.int(1, 30)))
      extraApplication(m, rnd.int(1, 3), appRef(submittedAt.slice(0, 10)), submittedAt, 'submitted', null)
    }
  }

  // applications that did not lead to a membership: the open queue, rejected and withdrawn
  for (let k = 0; k < Math.round(options.members * 0.05); k++) {
    const status = rnd.weighted([
      ['submitted', 25],
      ['rejected', 50],
      ['withdrawn', 25],
    ] as const)
    const submittedOn =
      status === 'submitted' ? rnd.dayBetween(addDays(today, -40), today) : rnd.dayBetween(founded, addDays(today, -31))
    const submittedAt = rnd.at(submittedOn)
    const decidedAt = status === 'submitted' ? null : rnd.at(addDays(submittedOn, rnd.int(1, 30)))
    const p = newPerson(submittedOn)
    persons.pop() // only the applicant's data, no person record
    const id = rnd.uuid()
    applications.push({
      id,
      ref: appRef(submittedOn),
      kind: 'join',
      member_type: 'supporting',
      status,
      applicant: JSON.stringify({
        organisationName: null,
        givenName: p.given_name,
        familyName: p.family_name,
        email: p.email,
      }),
      questionnaire: '{}',
      primary_areas: [],
      mandatory_shares: 1,
      voluntary_shares: rnd.int(0, 2),
      statutes_version_id: statutesVersionId,
      member_id: null,
      tracking_token_hash: sha256(`${options.seed}:${id}`),
      language: 'de',
      submitted_at: submittedAt,
      decided_at: decidedAt,
      decided_by: status === 'rejected' ? boardLabels[0] : status === 'withdrawn' ? 'applicant' : null,
      rejection_reason: status === 'rejected' ? 'Kein Sitz in Deutschland; die Satzung sieht das nicht vor.' : null,
    })
    const text = `Beitrittserklärung – Allmende Digital eG\n\n${p.given_name} ${p.family_name}`
    declarations.push({
      id: rnd.uuid(),
      application_id: id,
      text,
      statutes_version_id: statutesVersionId,
      signer_name: `${p.given_name} ${p.family_name}`,
      signer_email: p.email,
      signed_at: submittedAt,
      ip_address: `203.0.113.${rnd.int(1, 254)}`,
      user_agent: 'Mozilla/5.0 (Android 15) Chrome/141.0',
      content_hash: sha256([text, p.email, new Date(submittedAt).toISOString(), statutesVersionId].join('\n')),
      purged_at: null,
    })
  }

  // the payments; some direct debits bounce: the payment is reversed and paid again
  for (const m of planned) {
    const bounced = rnd.chance(0.05) ? m.paymentGroups.find((g) => g.parts.length === 1) : undefined
    for (const g of m.paymentGroups) {
      for (const part of g.parts)
        g.rows.push(
          capitalRow(m, rnd.at(part.on), {
            kind: 'payment_received',
            amount_cents: part.amount,
            effective_on: part.on,
            reference: g.reference,
          }),
        )
      if (g !== bounced) continue
      const part = g.parts[0]!
      const reversalOn = addDays(part.on, rnd.int(3, 7))
      const againOn = addDays(part.on, rnd.int(12, 30))
      if (compareDates(againOn, m.lastDay) > 0) continue
      g.locked = true
      capitalRow(m, rnd.at(reversalOn), {
        kind: 'reversal',
        amount_cents: -part.amount,
        effective_on: reversalOn,
        reverses_id: g.rows[0]!.row.id,
        reversed_kind: 'payment_received',
        reference: g.reference,
        note: 'Rücklastschrift',
      })
      capitalRow(m, rnd.at(againOn), {
        kind: 'payment_received',
        amount_cents: part.amount,
        effective_on: againOn,
        reference: `${g.reference} (erneut)`,
      })
    }
  }

  // The capital a member holds (everything but the amounts due): on a day, and the lowest from a day on.
  function balanceOn(m: PlannedMember, day: PlainDate): number {
    let sum = 0
    for (const r of paidRows[m.index] ?? []) if (compareDates(r.row.effective_on as string, day) <= 0) sum += r.amount
    return sum
  }
  function lowestFrom(m: PlannedMember, day: PlainDate): number {
    const days = new Set([
      day,
      ...(paidRows[m.index] ?? []).map((r) => r.row.effective_on as string).filter((d) => d > day),
    ])
    return Math.min(...[...days].map((d) => balanceOn(m, d)))
  }

  const approvedOn = (fiscalEnd: PlainDate) => addDays(addMonths(fiscalEnd, 5), 12)
  const accountsApproved = (ended: PlainDate) =>
    compareDates(addDays(approvedOn(fiscalYearEnd(ended, fy)), 20), today) <= 0
  const lossPercentFor = (ended: PlainDate): number =>
    ({ '2020': 4.5, '2023': 1.25 })[fiscalYearEnd(ended, fy).slice(0, 4)] ?? 0

  /** The payout worklist item (§73 GenG) and, once that year's accounts are approved, its loss share and payout. */
  function payoutFor(
    m: PlannedMember,
    cause: 'exit' | 'share_cancellation',
    ended: PlainDate,
    shareTxId: string | null,
    cancelledValue: number,
  ) {
    const dueBy = payoutDueDate(ended)
    const row: Row = {
      id: rnd.uuid(),
      member_id: m.id,
      cause,
      share_transaction_id: shareTxId,
      ended_on: ended,
      due_by: dueBy,
      status: 'awaiting_accounts',
      loss_cents: null,
      amount_cents: null,
      paid_on: null,
      capital_transaction_id: null,
      created_at: rnd.at(minDay(ended, today)),
    }
    payouts.push(row)
    if (!accountsApproved(ended)) return
    const paidOn = minDay(addDays(approvedOn(fiscalYearEnd(ended, fy)), rnd.int(2, 15)), dueBy)
    const balance = Math.min(balanceOn(m, paidOn), lowestFrom(m, paidOn))
    // as payoutBase: the whole balance at an exit; for cancelled shares what the balance holds beyond the shares kept
    const base =
      cause === 'exit' ? balance : Math.max(0, Math.min(cancelledValue, balance - (subscribed[m.index] ?? 0)))
    const { lossCents, payoutCents } = payoutAmount(Math.max(0, base), lossPercentFor(ended))
    const at = rnd.at(paidOn)
    if (lossCents > 0)
      capitalRow(m, at, {
        kind: 'loss',
        amount_cents: -lossCents,
        effective_on: paidOn,
        reference: `Verlustanteil ${fiscalYearEnd(ended, fy)}`,
      })
    const payout =
      payoutCents > 0
        ? capitalRow(m, at, {
            kind: 'payout',
            amount_cents: -payoutCents,
            effective_on: paidOn,
            reference: `Auszahlung ${m.number}`,
          })
        : null
    Object.assign(row, {
      status: 'paid',
      loss_cents: lossCents,
      amount_cents: payoutCents,
      paid_on: paidOn,
      capital_transaction_id: payout?.row.id ?? null,
    })
  }

  // §67b cancellations of voluntary shares and §76 transfers of fully paid ones, by members who stay
  for (const m of planned) {
    if (m.voluntary === 0 || m.exitOn !== null) continue
    if (rnd.chance(0.07)) {
      const givenOn = rnd.dayBetween(addDays(m.joinedOn, 365), addDays(today, -5))
      if (compareDates(givenOn, addDays(today, -5)) > 0) continue
      const on = shareCancellationEffectiveDate(givenOn, settings)
      const shares = rnd.int(1, m.voluntary)
      const value = shares * settings.shareValueCents
      const txId = shareRow(m, rnd.at(givenOn), {
        kind: 'cancellation',
        shares: -shares,
        value_cents: -value,
        effective_on: on,
        note: `§67b ${givenOn}`,
      })
      payoutFor(m, 'share_cancellation', on, txId, value)
    } else if (rnd.chance(0.08) && !m.arrears) {
      const on = addDays(addMonths(m.joinedOn, 12 * settings.instalmentCount), rnd.int(60, 400))
      if (compareDates(on, addDays(today, -1)) > 0) continue
      const to = planned[rnd.int(0, planned.length - 1)]!
      if (to === m || compareDates(to.joinedOn, on) >= 0 || (to.exitOn && compareDates(to.exitOn, on) <= 0)) continue
      const shares = rnd.int(1, m.voluntary)
      const value = shares * settings.shareValueCents
      // only fully paid shares, as transferShares requires, and the capital stays >= 0 afterwards
      if (lowestFrom(m, on) < (subscribed[m.index] ?? 0)) continue
      const counterpart = rnd.uuid()
      const at = rnd.at(on)
      const note = `§76 ${m.number} → ${to.number}`
      const common = { effective_on: on, counterpart_id: counterpart }
      shareRow(m, at, { ...common, note, kind: 'transfer_out', shares: -shares, value_cents: -value })
      shareRow(to, at, { ...common, note, kind: 'transfer_in', shares, value_cents: value })
      capitalRow(m, at, { ...common, reference: note, kind: 'transfer_out', amount_cents: -value })
      capitalRow(to, at, { ...common, reference: note, kind: 'adoption', amount_cents: value })
    }
  }
  for (const m of planned) if (m.exitOn) payoutFor(m, 'exit', m.exitOn, null, 0)

  // Exactly the number of rows asked for: a payment split in two on the same day adds one (no balance changes
  // on any day), two parts of a split payment merged onto the earlier day remove one (capital only comes earlier).
  const groups = planned.flatMap((m) => m.paymentGroups).filter((g) => !g.locked)
  const removed = new Set<LedgerRow>()
  let total = ledger.length
  for (let guard = 0; total !== options.ledgerRows && guard < 20 * groups.length + 1000; guard++) {
    const g = groups[rnd.int(0, groups.length - 1)]
    if (!g) break
    const live = g.rows.filter((r) => !removed.has(r))
    if (total < options.ledgerRows && live.length >= 1 && live[0]!.amount >= 2) {
      const a = live[0]!
      const half = Math.floor(a.amount / 2)
      a.amount -= half
      a.row.amount_cents = a.amount
      const m = planned[a.memberIndex]!
      g.rows.push(
        capitalRow(m, a.bookedAt, {
          kind: 'payment_received',
          amount_cents: half,
          effective_on: a.row.effective_on as string,
          reference: g.reference,
        }),
      )
      total++
    } else if (total > options.ledgerRows && live.length >= 2) {
      const [a, b] = [...live].sort((x, y) => compareDates(x.row.effective_on as string, y.row.effective_on as string))
      a!.amount += b!.amount
      a!.row.amount_cents = a!.amount
      removed.add(b!)
      total--
    }
  }
  if (total !== options.ledgerRows)
    throw new Error(`could not shape the ledger to ${options.ledgerRows} rows (${total})`)
  const final = ledger.filter((r) => !removed.has(r))

  // annual accounts for every closed year
  const annualAccounts: Row[] = []
  for (let y = Number(founded.slice(0, 4)); ; y++) {
    const end = fiscalYearEnd(`${y}-06-15`, fy)
    const approved = approvedOn(end)
    if (compareDates(approved, today) > 0) break
    annualAccounts.push({
      fiscal_year_end: end,
      approved_on: approved,
      loss_percent: lossPercentFor(end),
      note: `Generalversammlung ${approved.slice(0, 4)}`,
      recorded_at: rnd.at(approved),
      recorded_by: boardLabels[0],
    })
  }

  final.sort((a, b) => (a.bookedAt < b.bookedAt ? -1 : a.bookedAt > b.bookedAt ? 1 : a.order - b.order))
  checkLikeTheTriggers(final)
  return {
    organisations,
    persons,
    affiliations,
    applications,
    declarations,
    members,
    payouts,
    annualAccounts,
    shareTransactions: final.filter((r) => r.table === 'share').map((r) => r.row),
    capitalTransactions: final.filter((r) => r.table === 'capital').map((r) => r.row),
  }
}

function minDay(a: PlainDate, b: PlainDate): PlainDate {
  return compareDates(a, b) <= 0 ? a : b
}

/**
 * The database's rule, applied in insertion order: after each new row, no running balance of its class may be
 * negative on its own day or on any later day that has an entry. Throws on the first row the trigger would refuse.
 */
function checkLikeTheTriggers(ledger: LedgerRow[]) {
  const seen = new Map<string, Array<{ on: string; amount: number; cls: boolean }>>()
  for (const r of ledger) {
    const key = `${r.table}:${r.memberIndex}`
    const rows = seen.get(key) ?? []
    const cls = r.dueClass ?? false
    const on = r.row.effective_on as string
    rows.push({ on, amount: r.amount, cls })
    seen.set(key, rows)
    // balances of the row's class as of its day and of every later day with an entry (of any class)
    const sorted = [...rows].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0))
    let sum = 0
    for (let i = 0; i < sorted.length; i++) {
      const x = sorted[i]!
      if (x.cls === cls) sum += x.amount
      const endOfDay = i === sorted.length - 1 || sorted[i + 1]!.on !== x.on
      if (endOfDay && x.on >= on && sum < 0)
        throw new Error(
          `seed would be refused: ${r.table} ${r.row.kind} of member #${r.memberIndex} on ${on}\n${JSON.stringify(ledger.filter((l) => l.memberIndex === r.memberIndex && l.table === r.table).map((l) => [l.bookedAt, l.row.kind, l.row.effective_on, l.amount, l.row.reversed_kind]))}`,
        )
    }
  }
}

// ---------------------------------------------------------------------------------------------- insertion

type Column = readonly [name: string, type: string]

const columns: Record<string, Column[]> = {
  organisation: [
    ['id', 'uuid'],
    ['ref', 'text'],
    ['name', 'text'],
    ['legal_form', 'text'],
    ['street', 'text'],
    ['postal_code', 'text'],
    ['city', 'text'],
    ['country', 'text'],
    ['email', 'text'],
    ['phone', 'text'],
    ['website', 'text'],
    ['employees', 'int4'],
    ['volunteers', 'int4'],
    ['annual_budget_cents', 'int8'],
    ['created_at', 'timestamptz'],
    ['updated_at', 'timestamptz'],
  ],
  person: [
    ['id', 'uuid'],
    ['given_name', 'text'],
    ['family_name', 'text'],
    ['email', 'text'],
    ['phone', 'text'],
    ['street', 'text'],
    ['postal_code', 'text'],
    ['city', 'text'],
    ['country', 'text'],
    ['created_at', 'timestamptz'],
  ],
  affiliation: [
    ['organisation_id', 'uuid'],
    ['person_id', 'uuid'],
    ['function', 'text'],
    ['created_at', 'timestamptz'],
  ],
  membership_application: [
    ['id', 'uuid'],
    ['ref', 'text'],
    ['kind', 'text'],
    ['member_type', 'text'],
    ['status', 'text'],
    ['applicant', 'jsonb'],
    ['questionnaire', 'jsonb'],
    ['primary_areas', 'text[]'],
    ['mandatory_shares', 'int4'],
    ['voluntary_shares', 'int4'],
    ['statutes_version_id', 'uuid'],
    ['tracking_token_hash', 'text'],
    ['language', 'text'],
    ['submitted_at', 'timestamptz'],
    ['decided_at', 'timestamptz'],
    ['decided_by', 'text'],
    ['rejection_reason', 'text'],
  ],
  membership_declaration: [
    ['id', 'uuid'],
    ['application_id', 'uuid'],
    ['text', 'text'],
    ['statutes_version_id', 'uuid'],
    ['signer_name', 'text'],
    ['signer_email', 'text'],
    ['signed_at', 'timestamptz'],
    ['ip_address', 'text'],
    ['user_agent', 'text'],
    ['content_hash', 'text'],
    ['purged_at', 'timestamptz'],
  ],
  member: [
    ['id', 'uuid'],
    ['number', 'text'],
    ['member_type', 'text'],
    ['organisation_id', 'uuid'],
    ['person_id', 'uuid'],
    ['joined_on', 'date'],
    ['application_id', 'uuid'],
    ['primary_areas', 'text[]'],
    ['notice_given_on', 'date'],
    ['exit_on', 'date'],
    ['exit_reason', 'text'],
    ['exit_note', 'text'],
    ['exit_recorded_at', 'timestamptz'],
    ['purged_at', 'timestamptz'],
    ['created_at', 'timestamptz'],
  ],
  share_transaction: [
    ['id', 'uuid'],
    ['member_id', 'uuid'],
    ['kind', 'text'],
    ['shares', 'int4'],
    ['value_cents', 'int8'],
    ['effective_on', 'date'],
    ['reverses_id', 'uuid'],
    ['counterpart_id', 'uuid'],
    ['application_id', 'uuid'],
    ['note', 'text'],
    ['booked_at', 'timestamptz'],
    ['booked_by', 'text'],
  ],
  capital_transaction: [
    ['id', 'uuid'],
    ['member_id', 'uuid'],
    ['kind', 'text'],
    ['amount_cents', 'int8'],
    ['effective_on', 'date'],
    ['reverses_id', 'uuid'],
    ['reversed_kind', 'text'],
    ['counterpart_id', 'uuid'],
    ['reference', 'text'],
    ['note', 'text'],
    ['booked_at', 'timestamptz'],
    ['booked_by', 'text'],
  ],
  annual_accounts: [
    ['fiscal_year_end', 'date'],
    ['approved_on', 'date'],
    ['loss_percent', 'numeric'],
    ['note', 'text'],
    ['recorded_at', 'timestamptz'],
    ['recorded_by', 'text'],
  ],
  payout: [
    ['id', 'uuid'],
    ['member_id', 'uuid'],
    ['cause', 'text'],
    ['share_transaction_id', 'uuid'],
    ['ended_on', 'date'],
    ['due_by', 'date'],
    ['status', 'text'],
    ['loss_cents', 'int8'],
    ['amount_cents', 'int8'],
    ['paid_on', 'date'],
    ['capital_transaction_id', 'uuid'],
    ['created_at', 'timestamptz'],
  ],
}

/** Postgres array literal of text, for columns that are arrays themselves (unnest would flatten them). */
function textArrayLiteral(xs: string[]): string {
  return `{${xs.map((x) => `"${x.replace(/["\\]/g, '\\$&')}"`).join(',')}}`
}

/** INSERT … SELECT … FROM unnest($1::t1[], $2::t2[], …): one statement and one parameter per column and batch. */
export async function bulkInsert(db: Kysely<Database>, table: string, rows: Row[], batch = 20_000): Promise<void> {
  const cols = columns[table]
  if (!cols) throw new Error(`no columns for ${table}`)
  for (let start = 0; start < rows.length; start += batch) {
    const slice = rows.slice(start, start + batch)
    const arrays = cols.map(([name, type]) => {
      const values = slice.map((r) => r[name] ?? null)
      if (type === 'text[]') return values.map((v) => textArrayLiteral(v as string[]))
      // array elements travel as text; the casts below turn them into the column's type
      return values.map((v) => (v === null ? null : typeof v === 'string' ? v : String(v)))
    })
    const params = sql.join(arrays.map((a) => sql`${a}::text[]`))
    const aliases = cols.map((_, i) => `c${i}`)
    const selects = sql.join(cols.map(([, type], i) => sql.raw(`c${i}::${type}`)))
    await sql`INSERT INTO ${sql.table(table)} (${sql.join(cols.map(([name]) => sql.ref(name)))})
      SELECT ${selects} FROM unnest(${params}) AS u(${sql.raw(aliases.join(', '))})`.execute(db)
  }
}

/** Plans and inserts the whole register; returns the counts and the time spent per table. */
export async function seedRegister(db: Kysely<Database>, options: SeedOptions): Promise<SeedResult> {
  const log = options.log ?? (() => {})
  const timings: Record<string, number> = {}
  const statutes = await db
    .selectFrom('statutes_version')
    .select(['id', 'settings'])
    .orderBy('valid_from', 'desc')
    .executeTakeFirstOrThrow()
  let t = performance.now()
  const plan = planRegister(options, statutes.settings as StatutesSettings, statutes.id)
  timings.generate = performance.now() - t
  log(
    `  planned in ${(timings.generate / 1000).toFixed(1)} s: ${plan.members.length} members, ${plan.shareTransactions.length} share + ${plan.capitalTransactions.length} capital transactions`,
  )
  const steps: Array<[string, Row[]]> = [
    ['organisation', plan.organisations],
    ['person', plan.persons],
    ['affiliation', plan.affiliations],
    ['membership_application', plan.applications],
    ['membership_declaration', plan.declarations],
    ['member', plan.members],
    ['annual_accounts', plan.annualAccounts],
    ['share_transaction', plan.shareTransactions],
    ['capital_transaction', plan.capitalTransactions],
    ['payout', plan.payouts],
  ]
  const counts: Record<string, number> = {}
  for (const [table, rows] of steps) {
    t = performance.now()
    await bulkInsert(db, table, rows, options.batch)
    timings[table] = performance.now() - t
    counts[table] = rows.length
    log(`  ${table.padEnd(24)} ${String(rows.length).padStart(7)} rows  ${(timings[table] / 1000).toFixed(1)} s`)
  }
  // the applications point to their members once both exist; the sequences continue after the bulk rows
  t = performance.now()
  const links = plan.applications.filter((a) => a.member_id !== null)
  for (let start = 0; start < links.length; start += 20_000) {
    const slice = links.slice(start, start + 20_000)
    await sql`UPDATE membership_application a SET member_id = u.m::uuid
      FROM unnest(${slice.map((a) => a.id as string)}::text[], ${slice.map((a) => a.member_id as string)}::text[]) AS u(a, m)
      WHERE a.id = u.a::uuid`.execute(db)
  }
  await sql`SELECT setval('member_number_seq', ${plan.members.length})`.execute(db)
  await sql`SELECT setval('organisation_ref_seq', ${plan.organisations.length})`.execute(db)
  await sql`SELECT setval('membership_application_ref_seq', ${plan.applications.length})`.execute(db)
  // what autovacuum would do on a server after a load like this: fresh statistics for the planner
  await sql`ANALYZE`.execute(db)
  timings.finish = performance.now() - t
  const activeOrganisationMembers = plan.members
    .filter((m) => m.organisation_id && m.exit_on === null)
    .map((m) => ({ memberId: m.id as string, number: m.number as string, organisationId: m.organisation_id as string }))
  return { counts, timings, activeOrganisationMembers }
}
