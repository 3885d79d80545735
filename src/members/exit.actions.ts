import { endPrimaryBookingsWithMembership } from '../bookings/membership-end.actions.ts'
import type { Executor, Trx } from '../db/db.ts'
import type { ExitReason } from '../db/schema.ts'
import type { Actor } from '../platform/actor.ts'
import { audit } from '../platform/audit.ts'
import type { ActionEnv } from '../platform/context.ts'
import { compareDates, type PlainDate, todayIn } from '../platform/dates.ts'
import { DomainError, fieldError } from '../platform/errors.ts'
import { formatDate, type Language } from '../platform/i18n.ts'
import { enqueueMail } from '../platform/mail.ts'
import { authorize } from '../platform/policy.ts'
import { statutesOn } from '../statutes/statutes.actions.ts'
import { memberMail } from './members.mails.ts'
import { authorizeMember, type Member, toMember } from './members.model.ts'
import { findMember, lockMember, updateMemberRow } from './members.repo.ts'
import {
  deathEffectiveDate,
  dissolutionEffectiveDate,
  exclusionEffectiveDate,
  payoutDueDate,
  possibleExitDates,
  terminationEffectiveDate,
} from './membership.rules.ts'

export interface NoticePreview {
  givenOn: PlainDate
  /** The earliest end (§65 GenG) and the later fiscal-year ends a member may choose instead. */
  exitDates: PlainDate[]
  payoutDueBy: PlainDate
  noticeMonths: number
}

/** What giving notice today would mean: shown before the member confirms. */
export async function noticePreview(
  db: Executor,
  actor: Actor,
  memberId: string,
  env: ActionEnv,
): Promise<NoticePreview> {
  const givenOn = todayIn(env.clock.now())
  const row = await findMember(db, memberId, givenOn)
  if (!row) throw new DomainError('not_found')
  authorizeMember(actor, 'member.give_notice', row)
  const statutes = await statutesOn(db, givenOn)
  const exitDates = possibleExitDates(givenOn, statutes.settings, 5)
  return {
    givenOn,
    exitDates,
    payoutDueBy: payoutDueDate(exitDates[0] ?? givenOn),
    noticeMonths: statutes.settings.noticeMonths,
  }
}

async function memberMailTo(trx: Trx, member: Member): Promise<Array<{ email: string; language: Language }>> {
  if (member.personId) {
    const account = await trx
      .selectFrom('account')
      .select(['email', 'language'])
      .where('person_id', '=', member.personId)
      .executeTakeFirst()
    return account ? [account] : member.email ? [{ email: member.email, language: 'de' }] : []
  }
  const representatives = await trx
    .selectFrom('affiliation as f')
    .innerJoin('account as a', 'a.person_id', 'f.person_id')
    .select(['a.email', 'a.language'])
    .where('f.organisation_id', '=', member.organisationId as string)
    .where('f.function', 'in', ['legal_representative', 'admin'])
    .distinct()
    .execute()
  if (representatives.length > 0) return representatives
  return member.email ? [{ email: member.email, language: 'de' }] : []
}

/**
 * The member gives notice (§65 GenG). Notice is given today (a date in the past is refused); the exit is
 * the earliest fiscal-year end at least the notice period later, or a later fiscal-year end the member
 * chooses. Recorded at once, with the payout deadline, and confirmed by mail (§69).
 */
export async function giveNotice(
  trx: Trx,
  actor: Actor,
  memberId: string,
  input: { givenOn?: PlainDate; exitOn?: PlainDate },
  env: ActionEnv,
): Promise<{ member: Member; exitOn: PlainDate; payoutDueBy: PlainDate }> {
  const today = todayIn(env.clock.now())
  const row = await findMember(trx, memberId, today)
  if (!row) throw new DomainError('not_found')
  authorizeMember(actor, 'member.give_notice', row)
  await lockMember(trx, memberId)
  const givenOn = input.givenOn ?? today
  if (compareDates(givenOn, today) < 0) throw fieldError('givenOn', 'date_in_past')
  if (compareDates(givenOn, today) > 0) throw fieldError('givenOn', 'date_in_future')
  const current = toMember((await findMember(trx, memberId, today)) ?? row, today)
  if (current.status !== 'active') throw new DomainError('member_not_active')
  const statutes = await statutesOn(trx, givenOn)
  const earliest = terminationEffectiveDate(givenOn, statutes.settings)
  let exitOn = earliest
  if (input.exitOn) {
    const allowed = possibleExitDates(givenOn, statutes.settings, 60)
    if (!allowed.includes(input.exitOn)) throw fieldError('exitOn', 'exit_not_fiscal_year_end')
    exitOn = input.exitOn
  }
  return recordEnd(trx, actor, current, { reason: 'termination', exitOn, noticeGivenOn: givenOn, note: null }, env)
}

/**
 * The board records an end the member did not declare: exclusion (§68, reason recorded, to the end of the
 * fiscal year of the decision), death (§77, the heirs are members until the end of that fiscal year) or the
 * dissolution of a member organisation (§77a).
 */
export async function recordExit(
  trx: Trx,
  actor: Actor,
  memberId: string,
  input: { reason: Extract<ExitReason, 'exclusion' | 'death' | 'dissolution'>; eventOn: PlainDate; note: string },
  env: ActionEnv,
): Promise<{ member: Member; exitOn: PlainDate; payoutDueBy: PlainDate }> {
  authorize(actor, 'member.manage')
  if (!(await lockMember(trx, memberId))) throw new DomainError('not_found')
  const today = todayIn(env.clock.now())
  const row = await findMember(trx, memberId, today)
  if (!row) throw new DomainError('not_found')
  const current = toMember(row, today)
  if (current.status === 'exited') throw new DomainError('member_not_active')
  if (compareDates(input.eventOn, today) > 0) throw fieldError('eventOn', 'date_in_future')
  if (compareDates(input.eventOn, current.joinedOn) < 0) throw fieldError('eventOn', 'date_before_joining')
  if (input.reason === 'dissolution' && !current.organisationId)
    throw fieldError('reason', 'dissolution_needs_organisation')
  if (input.reason === 'death' && current.organisationId) throw fieldError('reason', 'death_needs_person')
  const settings = (await statutesOn(trx, input.eventOn)).settings
  const exitOn =
    input.reason === 'exclusion'
      ? exclusionEffectiveDate(input.eventOn, settings)
      : input.reason === 'death'
        ? deathEffectiveDate(input.eventOn, settings)
        : dissolutionEffectiveDate(input.eventOn, settings)
  // an earlier end already on record (a notice to an earlier date) stays: the membership ends once
  if (current.exitOn && compareDates(current.exitOn, exitOn) <= 0)
    throw new DomainError('member_not_active', 'already ending earlier')
  return recordEnd(trx, actor, current, { reason: input.reason, exitOn, noticeGivenOn: null, note: input.note }, env)
}

async function recordEnd(
  trx: Trx,
  actor: Actor,
  member: Member,
  end: { reason: ExitReason; exitOn: PlainDate; noticeGivenOn: PlainDate | null; note: string | null },
  env: ActionEnv,
): Promise<{ member: Member; exitOn: PlainDate; payoutDueBy: PlainDate }> {
  const now = env.clock.now()
  const updated = await updateMemberRow(trx, member.id, {
    notice_given_on: end.noticeGivenOn ?? member.noticeGivenOn,
    exit_on: end.exitOn,
    exit_reason: end.reason,
    exit_note: end.note,
    exit_recorded_at: now,
  })
  const payoutDueBy = payoutDueDate(end.exitOn)
  // primary areas are for members only: they end with the membership
  if (member.organisationId) await endPrimaryBookingsWithMembership(trx, actor, member.organisationId, end.exitOn, env)
  // an exclusion after a notice moves the end earlier; the worklist keeps one payout per membership
  const open = await trx
    .updateTable('payout')
    .set({ ended_on: end.exitOn, due_by: payoutDueBy })
    .where('member_id', '=', member.id)
    .where('cause', '=', 'exit')
    .where('status', '=', 'awaiting_accounts')
    .executeTakeFirst()
  if (Number(open.numUpdatedRows) === 0)
    await trx
      .insertInto('payout')
      .values({ member_id: member.id, cause: 'exit', ended_on: end.exitOn, due_by: payoutDueBy, created_at: now })
      .execute()
  await audit(
    trx,
    actor,
    {
      action: `member.${end.reason === 'termination' ? 'notice_given' : end.reason}`,
      subjectType: 'member',
      subjectId: member.id,
      organisationId: member.organisationId,
      before: { exitOn: member.exitOn, exitReason: member.exitReason },
      after: { exitOn: updated.exit_on, exitReason: updated.exit_reason, noticeGivenOn: updated.notice_given_on },
      reason: end.note,
    },
    env.clock,
  )
  const after = await findMember(trx, member.id, todayIn(now))
  if (!after) throw new DomainError('not_found')
  const result = toMember(after, todayIn(now))
  for (const recipient of await memberMailTo(trx, result)) {
    const lang = recipient.language
    const params = {
      number: result.number,
      party: result.name,
      given: formatDate(end.noticeGivenOn, lang),
      exit: formatDate(end.exitOn, lang),
      payoutDue: formatDate(payoutDueBy, lang),
      reason: exitReasonText(end.reason, lang),
      note: end.note ? `\n${end.note}` : '',
      link: `${env.config.baseUrl}/membership`,
    }
    await enqueueMail(trx, memberMail(end.reason === 'termination' ? 'notice' : 'exit', lang, recipient.email, params))
  }
  return { member: result, exitOn: end.exitOn, payoutDueBy }
}

const reasonTexts: Record<ExitReason, Record<Language, string>> = {
  termination: { de: 'Kündigung (§ 65 GenG)', en: 'Notice of termination (§65 GenG)' },
  exclusion: { de: 'Ausschluss (§ 68 GenG)', en: 'Exclusion (§68 GenG)' },
  death: { de: 'Tod (§ 77 GenG)', en: 'Death (§77 GenG)' },
  dissolution: { de: 'Auflösung der Organisation (§ 77a GenG)', en: 'Dissolution of the organisation (§77a GenG)' },
  transfer: { de: 'Übertragung des Geschäftsguthabens (§ 76 GenG)', en: 'Transfer of the capital balance (§76 GenG)' },
}

export function exitReasonText(reason: ExitReason | null, lang: Language): string {
  return reason ? reasonTexts[reason][lang] : '—'
}
