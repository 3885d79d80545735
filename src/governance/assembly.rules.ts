import type { MemberType } from '../db/schema.ts'
import type { AgendaKind, AssemblyBody, AssemblyForm } from '../db/schema-governance.ts'
import { addDays, compareDates, daysBetween, type PlainDate, todayIn } from '../platform/dates.ts'
import type { FieldIssue } from '../platform/errors.ts'
import type { StatutesSettings } from '../statutes/statutes.rules.ts'

/**
 * The rules of assemblies: deadlines of the invitation and the agenda (§46 GenG), the voter roll (§43 GenG,
 * §8 (2) GenG), proxies (§43 (5) GenG), the members' demand (§45 GenG) and presence. Pure: dates, times and
 * settings come in as arguments.
 */

/** What the statutes say about assemblies, with the law's floors applied. */
export interface GovernanceSettings {
  /** Days between invitation and assembly: at least 14 (§46 (1) GenG: "mindestens zwei Wochen"). */
  invitationDays: number
  /** Days an agenda item must be announced before the assembly to be decided: at least 7 (§46 (2) GenG). */
  agendaDays: number
  /** Percent of the members who may demand an assembly or agenda items: at most 10 (§45 (1) GenG). */
  demandPercent: number
  /** Votes one member may hold: 1 unless the statutes allow plural votes, at most 3 (§43 (3) GenG). */
  pluralVotesMax: number
  /** Members one proxy holder may represent: at most 2 (§43 (5) GenG). */
  proxyLimit: number
  /** Whether supporting members vote (§8 (2) GenG: the statutes decide; default no). */
  supportingMembersVote: boolean
  /** Percent of the members that must be represented for a quorum; null: none (the GenG knows none). */
  quorumPercent: number | null
}

function wholeOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isInteger(value) ? value : fallback
}

/**
 * Reads the governance settings from the statutes. The settings `invitationDays`, `agendaDays`, `demandPercent`,
 * `pluralVotesMax` and `quorumPercent` may not yet exist in older statutes versions: each falls back to its
 * default, and the law's bounds hold whatever a version says (a longer period is the statutes' right, a shorter
 * one is not; §46 (1), (2), §45 (1), §43 (3), (5) GenG).
 */
export function governanceSettings(statutes: StatutesSettings): GovernanceSettings {
  const s = statutes as unknown as Record<string, unknown>
  const quorum = s.quorumPercent
  return {
    invitationDays: Math.max(14, wholeOr(s.invitationDays, 14)),
    agendaDays: Math.max(7, wholeOr(s.agendaDays, 7)),
    demandPercent: Math.min(10, Math.max(1, wholeOr(s.demandPercent, 10))),
    pluralVotesMax: Math.min(3, Math.max(1, wholeOr(s.pluralVotesMax, 1))),
    proxyLimit: Math.min(2, Math.max(1, wholeOr(statutes.proxyLimit, 2))),
    supportingMembersVote: statutes.supportingMembersVote === true,
    quorumPercent: typeof quorum === 'number' && quorum > 0 && quorum <= 100 ? quorum : null,
  }
}

/** The §46 deadlines bind the general assembly; meetings of the boards and committees follow their own rules. */
export function deadlinesApply(body: AssemblyBody): boolean {
  return body === 'general_assembly'
}

/** The assembly's day in Berlin, from which the deadlines count back. */
export function assemblyDay(startsAt: Date): PlainDate {
  return todayIn(startsAt)
}

/**
 * The last day an invitation may go out: `invitationDays` calendar days before the assembly's day (§46 (1) GenG,
 * at least two weeks; the day of sending and the assembly's day are not both counted, §§187 (1), 188 (2) BGB).
 */
export function lastInvitationDay(startsAt: Date, settings: Pick<GovernanceSettings, 'invitationDays'>): PlainDate {
  return addDays(assemblyDay(startsAt), -settings.invitationDays)
}

/** Whether an invitation sent at `now` is in time for an assembly starting at `startsAt` (§46 (1) GenG). */
export function invitationInTime(
  now: Date,
  startsAt: Date,
  settings: Pick<GovernanceSettings, 'invitationDays'>,
): boolean {
  return compareDates(todayIn(now), lastInvitationDay(startsAt, settings)) <= 0
}

/** The last day an agenda item may be announced and still be decided (§46 (2) GenG: at least one week). */
export function lastAgendaDay(startsAt: Date, settings: Pick<GovernanceSettings, 'agendaDays'>): PlainDate {
  return addDays(assemblyDay(startsAt), -settings.agendaDays)
}

/**
 * When an agenda item counts as announced: with the invitation if it was on the agenda then, otherwise when it
 * was added (and sent as an addition). Before the invitation, the planned announcement is the addition itself.
 */
export function announcedAt(item: { addedAt: Date }, assembly: { invitedAt: Date | null }): Date {
  if (assembly.invitedAt && assembly.invitedAt.getTime() > item.addedAt.getTime()) return assembly.invitedAt
  return item.addedAt
}

/**
 * Whether the assembly may decide on an agenda item (§46 (2) GenG): items announced less than `agendaDays`
 * before the assembly's day cannot be decided, and an item "for information only" is never for decision. Other
 * bodies than the general assembly are not bound by §46.
 */
export function decidable(
  item: { kind: AgendaKind; addedAt: Date; withdrawnAt?: Date | null },
  assembly: { body: AssemblyBody; startsAt: Date; invitedAt: Date | null },
  settings: Pick<GovernanceSettings, 'agendaDays'>,
): boolean {
  if (item.withdrawnAt) return false
  if (item.kind === 'information') return false
  if (!deadlinesApply(assembly.body)) return true
  return compareDates(todayIn(announcedAt(item, assembly)), lastAgendaDay(assembly.startsAt, settings)) <= 0
}

/**
 * Adding an agenda item at `now` (§46 (2) GenG): an item for decision announced too late would be put on the
 * agenda only to be not decidable, so it is refused at its kind field; "for information only" is always allowed.
 * Returns the validation key, or null when the item may be added.
 */
export function agendaAdditionProblem(
  kind: AgendaKind,
  now: Date,
  assembly: { body: AssemblyBody; startsAt: Date; invitedAt: Date | null },
  settings: Pick<GovernanceSettings, 'agendaDays'>,
): 'agenda_too_late' | null {
  if (kind === 'information' || !deadlinesApply(assembly.body)) return null
  return decidable({ kind, addedAt: now }, assembly, settings) ? null : 'agenda_too_late'
}

export interface AssemblyFields {
  body: AssemblyBody
  form: AssemblyForm
  startsAt: Date
  endsAt: Date
  location: string
  onlineUrl: string | null
  votingStartsAt: Date | null
  votingEndsAt: Date | null
  registerDate: PlainDate
}

/**
 * Field problems of an assembly: it ends after it starts and starts in the future (when the start is set or
 * moved); in-person and hybrid assemblies need a place, virtual and hybrid ones the access link (§43b GenG:
 * the access details go with the invitation); a stretched assembly has its voting phase inside it, after the
 * discussion began; the register date is not after the assembly's day.
 */
export function assemblyFieldIssues(a: AssemblyFields, context: { now: Date; startChanged: boolean }): FieldIssue[] {
  const issues: FieldIssue[] = []
  if (a.endsAt.getTime() <= a.startsAt.getTime()) issues.push({ path: 'endsAt', message: 'ends_before_start' })
  if (context.startChanged && a.startsAt.getTime() <= context.now.getTime())
    issues.push({ path: 'startsAt', message: 'starts_in_past' })
  if ((a.form === 'in_person' || a.form === 'hybrid') && !a.location.trim())
    issues.push({ path: 'location', message: 'assembly_location_required' })
  if ((a.form === 'virtual' || a.form === 'hybrid') && !a.onlineUrl)
    issues.push({ path: 'onlineUrl', message: 'assembly_link_required' })
  if (a.form === 'stretched') {
    if (!a.votingStartsAt) issues.push({ path: 'votingStartsAt', message: 'required' })
    if (!a.votingEndsAt) issues.push({ path: 'votingEndsAt', message: 'required' })
    if (a.votingStartsAt && a.votingStartsAt.getTime() < a.startsAt.getTime())
      issues.push({ path: 'votingStartsAt', message: 'voting_before_discussion' })
    if (a.votingStartsAt && a.votingEndsAt && a.votingEndsAt.getTime() <= a.votingStartsAt.getTime())
      issues.push({ path: 'votingEndsAt', message: 'ends_before_start' })
    if (a.votingEndsAt && a.votingEndsAt.getTime() > a.endsAt.getTime())
      issues.push({ path: 'votingEndsAt', message: 'voting_after_end' })
  }
  if (compareDates(a.registerDate, assemblyDay(a.startsAt)) > 0)
    issues.push({ path: 'registerDate', message: 'register_date_after_assembly' })
  return issues
}

/** GV-2026-001 for general assemblies, SI-2026-001 (Sitzung) for meetings of the boards and committees. */
export function assemblyRef(body: AssemblyBody, year: number, n: number): string {
  return `${body === 'general_assembly' ? 'GV' : 'SI'}-${year}-${String(n).padStart(3, '0')}`
}

/**
 * A member on a date, as the register has it (membershipStatus in src/members): joined on or before the day,
 * and not exited before it (the exit date is the last day of the membership, §§65, 69 GenG).
 */
export function memberOn(m: { joinedOn: PlainDate; exitOn: PlainDate | null }, date: PlainDate): boolean {
  return compareDates(m.joinedOn, date) <= 0 && (m.exitOn === null || compareDates(date, m.exitOn) <= 0)
}

/**
 * The votes of a member on the roll: one member, one vote (§43 (3) GenG); supporting members attend and speak
 * but vote only if the statutes say so (§8 (2) GenG). Plural votes are not granted yet.
 */
export function votesOf(memberType: MemberType, settings: Pick<GovernanceSettings, 'supportingMembersVote'>): number {
  if (memberType === 'supporting') return settings.supportingMembersVote ? 1 : 0
  return 1
}

/**
 * Whether a holder may take one more proxy: a proxy holder represents at most `proxyLimit` members
 * (§43 (5) GenG: "nicht mehr als zwei Mitglieder").
 */
export function proxySlotFree(activeProxies: number, settings: Pick<GovernanceSettings, 'proxyLimit'>): boolean {
  return activeProxies < settings.proxyLimit
}

/** Co-signatures a members' demand needs (§45 (1) GenG): `demandPercent` of the members, rounded up, at least 1. */
export function demandThreshold(members: number, settings: Pick<GovernanceSettings, 'demandPercent'>): number {
  return Math.max(1, Math.ceil((members * settings.demandPercent) / 100))
}

export type QuorumState = { required: false } | { required: true; needed: number; reached: boolean }

/**
 * Quorum of an assembly: the GenG requires none (§43 GenG); if the statutes set `quorumPercent`, that share
 * of the members on the roll must be represented (in person, online or by proxy).
 */
export function quorum(
  membersOnRoll: number,
  membersRepresented: number,
  settings: Pick<GovernanceSettings, 'quorumPercent'>,
): QuorumState {
  if (settings.quorumPercent === null) return { required: false }
  const needed = Math.ceil((membersOnRoll * settings.quorumPercent) / 100)
  return { required: true, needed, reached: membersRepresented >= needed }
}

/** Days left until the last invitation day (negative: too late). */
export function daysToInvite(now: Date, startsAt: Date, settings: Pick<GovernanceSettings, 'invitationDays'>): number {
  return daysBetween(todayIn(now), lastInvitationDay(startsAt, settings))
}
