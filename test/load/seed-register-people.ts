/**
 * The members as they join: for each, the organisation (with its admin and legal representative) or the person,
 * the join application with its declaration, the membership with its end by the real notice rules, and the
 * subscription of its shares.
 */
import { declarationText, joiningQuote } from '../../src/members/joining.rules.ts'
import {
  deathEffectiveDate,
  dissolutionEffectiveDate,
  exclusionEffectiveDate,
  retentionPurgeFrom,
  terminationEffectiveDate,
} from '../../src/members/membership.rules.ts'
import { primaryAreas } from '../../src/members/service-areas.ts'
import { addDays, compareDates, daysBetween, type PlainDate } from '../../src/platform/dates.ts'
import {
  appRef,
  boardLabels,
  founded,
  newPerson,
  type PlanContext,
  type PlannedMember,
} from './seed-register-context.ts'
import { subscribe } from './seed-register-ledgers.ts'
import {
  ascii,
  legalFormSuffix,
  orgKinds,
  places,
  type SeedLegalForm,
  sha256,
  streets,
} from './seed-register-random.ts'

export function planMembers(c: PlanContext) {
  const { options, settings, statutesVersionId, rnd, today } = c
  const { organisations, persons, affiliations, applications, declarations, members, planned } = c
  // ---- who joins when
  const spanDays = daysBetween(founded, addDays(today, -20))
  const joinDays = Array.from({ length: options.members }, () =>
    addDays(founded, Math.floor(spanDays * rnd.next() ** (1 / 1.6))),
  ).sort()

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
    const signer = newPerson(c, joinedOn)
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
    const ref = appRef(c, submittedAt.slice(0, 10))
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
    subscribe(c, planned[i]!, quote.totalShares, joinedOn, decidedAt, applicationId, ref, false)
  }
}
