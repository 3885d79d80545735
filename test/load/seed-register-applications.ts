/**
 * The applications besides the joins: §15b applications for further shares (admitted and subscribed, or still
 * open), and the join applications that did not lead to a membership.
 */
import { addDays, compareDates } from '../../src/platform/dates.ts'
import {
  appRef,
  boardLabels,
  founded,
  newPerson,
  type PlanContext,
  type PlannedMember,
} from './seed-register-context.ts'
import { subscribe } from './seed-register-ledgers.ts'
import { sha256 } from './seed-register-random.ts'

function extraApplication(
  c: PlanContext,
  m: PlannedMember,
  shares: number,
  ref: string,
  submittedAt: string,
  status: 'admitted' | 'submitted',
  decidedAt: string | null,
) {
  const { options, statutesVersionId, rnd, applications, declarations } = c
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

export function planExtraShares(c: PlanContext) {
  const { rnd, today, planned } = c
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
      const ref = appRef(c, submittedAt.slice(0, 10))
      const applicationId = extraApplication(c, m, shares, ref, submittedAt, 'admitted', decidedAt)
      subscribe(c, m, shares, day, decidedAt, applicationId, ref, rnd.chance(0.03))
    }
    if (m.exitOn === null && rnd.chance(0.02)) {
      const submittedAt = rnd.at(addDays(today, -rnd.int(1, 30)))
      extraApplication(c, m, rnd.int(1, 3), appRef(c, submittedAt.slice(0, 10)), submittedAt, 'submitted', null)
    }
  }
}

export function planOtherApplications(c: PlanContext) {
  const { options, statutesVersionId, rnd, today, persons, applications, declarations } = c
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
    const p = newPerson(c, submittedOn)
    persons.pop() // only the applicant's data, no person record
    const id = rnd.uuid()
    applications.push({
      id,
      ref: appRef(c, submittedOn),
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
}
