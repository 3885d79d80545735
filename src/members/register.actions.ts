import { sql } from 'kysely'
import { shareCountsAsOf } from '../capital/capital.repo.ts'
import { type LedgerSummary, ledgerSummary, mandatorySharesOfMember } from '../capital/ledger.actions.ts'
import type { Executor, Trx } from '../db/db.ts'
import type { ExitReason, MemberType } from '../db/schema.ts'
import type { Actor } from '../platform/actor.ts'
import { audit } from '../platform/audit.ts'
import type { ActionEnv } from '../platform/context.ts'
import { randomToken, sha256 } from '../platform/crypto.ts'
import { compareDates, type PlainDate, todayIn } from '../platform/dates.ts'
import { DomainError } from '../platform/errors.ts'
import { authorize, can } from '../platform/policy.ts'
import { statutesOn } from '../statutes/statutes.actions.ts'
import { authorizeMember, type Member, toMember } from './members.model.ts'
import { findMember, memberWithParty } from './members.repo.ts'
import { retentionPurgeFrom } from './membership.rules.ts'

export interface RegisterRow {
  id: string
  number: string
  name: string
  address: string
  memberType: MemberType
  joinedOn: PlainDate
  shares: number
  exitOn: PlainDate | null
  exitReason: ExitReason | null
}

/**
 * The member register (§30 GenG) as it stood on a date: everyone who had joined by then, with the shares
 * held on that date and an exit that had taken effect by then. Board, supervisory board and auditors only.
 */
export async function registerAsOf(
  db: Executor,
  actor: Actor,
  asOf: PlainDate,
  options: { includeFormer?: boolean } = {},
): Promise<RegisterRow[]> {
  authorize(actor, 'member.read_all')
  let query = memberWithParty(db, asOf).where('m.joined_on', '<=', asOf)
  if (options.includeFormer === false)
    query = query.where((eb) => eb.or([eb('m.exit_on', 'is', null), eb('m.exit_on', '>=', asOf)]))
  const [rows, counts] = await Promise.all([query.orderBy('m.number').execute(), shareCountsAsOf(db, asOf)])
  return rows.map((row) => {
    const member = toMember(row, asOf)
    const exited = row.exit_on !== null && compareDates(row.exit_on, asOf) < 0
    return {
      id: row.id,
      number: row.number,
      name: member.name,
      address: member.address,
      memberType: row.member_type,
      joinedOn: row.joined_on,
      shares: counts.get(row.id) ?? 0,
      exitOn: exited ? row.exit_on : null,
      exitReason: exited ? row.exit_reason : null,
    }
  })
}

export interface RegisterEntry {
  effectiveOn: PlainDate
  event: 'joined' | 'subscription' | 'cancellation' | 'transfer_out' | 'transfer_in' | 'reversal' | 'notice' | 'exit'
  sharesChange: number | null
  sharesAfter: number | null
  note: string | null
}

/** One member's own entries (§31 GenG): joining, every share change with its effective date, notice and exit. */
export async function registerEntries(
  db: Executor,
  actor: Actor,
  memberId: string,
  today: PlainDate,
): Promise<{ member: Member; entries: RegisterEntry[] }> {
  const row = await findMember(db, memberId, today)
  if (!row) throw new DomainError('not_found')
  authorizeMember(actor, 'member.read', row)
  const member = toMember(row, today)
  const shares = await db
    .selectFrom('share_transaction')
    .select(['kind', 'shares', 'effective_on', 'seq', 'note'])
    .where('member_id', '=', memberId)
    .orderBy('effective_on')
    .orderBy('seq')
    .execute()
  const entries: RegisterEntry[] = [
    { effectiveOn: member.joinedOn, event: 'joined', sharesChange: null, sharesAfter: null, note: null },
  ]
  let running = 0
  for (const tx of shares) {
    running += tx.shares
    entries.push({
      effectiveOn: tx.effective_on,
      event: tx.kind,
      sharesChange: tx.shares,
      sharesAfter: running,
      note: tx.note || null,
    })
  }
  if (member.noticeGivenOn)
    entries.push({
      effectiveOn: member.noticeGivenOn,
      event: 'notice',
      sharesChange: null,
      sharesAfter: null,
      note: null,
    })
  if (member.exitOn)
    entries.push({
      effectiveOn: member.exitOn,
      event: 'exit',
      sharesChange: null,
      sharesAfter: null,
      note: member.exitReason,
    })
  entries.sort((a, b) => compareDates(a.effectiveOn, b.effectiveOn))
  return { member, entries }
}

export interface MemberDashboard {
  member: Member
  ledger: LedgerSummary
  mandatoryShares: number
  voluntaryShares: number
  shareValueCents: number
  maximumShares: number
  pendingApplications: Array<{ id: string; ref: string; shares: number; submittedAt: string }>
  openPayouts: Array<{ cause: string; endedOn: PlainDate; dueBy: PlainDate }>
  /** Primary areas: booked today (from the bookings), and those wanted on joining that are not booked. */
  areas: {
    booked: Array<{ key: string; name: { de: string; en: string } }>
    wanted: Array<{ key: string; name: { de: string; en: string } }>
  }
}

/** Everything a member sees about its membership on one page: status, shares, capital paid and owed. */
export async function memberDashboard(
  db: Executor,
  actor: Actor,
  memberId: string,
  env: ActionEnv,
): Promise<MemberDashboard> {
  const today = todayIn(env.clock.now())
  const row = await findMember(db, memberId, today)
  if (!row) throw new DomainError('not_found')
  authorizeMember(actor, 'member.read', row)
  const member = toMember(row, today)
  const [ledger, statutes, pending, payouts, wanted, areaRows] = await Promise.all([
    ledgerSummary(db, memberId, today),
    statutesOn(db, today),
    db
      .selectFrom('membership_application')
      .select(['id', 'ref', 'mandatory_shares', 'voluntary_shares', 'submitted_at'])
      .where('member_id', '=', memberId)
      .where('status', '=', 'submitted')
      .execute(),
    db
      .selectFrom('payout')
      .select(['cause', 'ended_on', 'due_by'])
      .where('member_id', '=', memberId)
      .where('status', '=', 'awaiting_accounts')
      .execute(),
    row.application_id
      ? db
          .selectFrom('membership_application')
          .select('primary_areas')
          .where('id', '=', row.application_id)
          .executeTakeFirst()
      : Promise.resolve(undefined),
    db
      .selectFrom('service_area')
      .select(['key', 'name_de', 'name_en'])
      .where('kind', '=', 'primary')
      .orderBy('position')
      .execute(),
  ])
  const named = (key: string) => {
    const area = areaRows.find((a) => a.key === key)
    return { key, name: { de: area?.name_de ?? key, en: area?.name_en ?? key } }
  }
  const mandatory = Math.min(mandatorySharesOfMember(statutes.settings, member), ledger.sharesNow)
  return {
    member,
    ledger,
    mandatoryShares: mandatory,
    voluntaryShares: Math.max(0, ledger.sharesNow - mandatory),
    shareValueCents: statutes.settings.shareValueCents,
    maximumShares: statutes.settings.maximumShares,
    pendingApplications: pending.map((p) => ({
      id: p.id,
      ref: p.ref,
      shares: p.mandatory_shares + p.voluntary_shares,
      submittedAt: new Date(p.submitted_at).toISOString(),
    })),
    openPayouts: payouts.map((p) => ({ cause: p.cause, endedOn: p.ended_on, dueBy: p.due_by })),
    areas: {
      booked: member.primaryAreas.map(named),
      wanted: (wanted?.primary_areas ?? []).filter((key) => !member.primaryAreas.includes(key)).map(named),
    },
  }
}

/** The memberships the actor may look at as a member: its organisations' and its own, newest first. */
export async function myMemberships(db: Executor, actor: Actor, today: PlainDate): Promise<Member[]> {
  if (actor.kind === 'anonymous') throw new DomainError('unauthenticated')
  const orgIds = [...actor.orgs.keys()].filter((id) => can(actor, 'member.read', id))
  if (orgIds.length === 0 && !actor.personId) return []
  const rows = await memberWithParty(db, today)
    .where((eb) =>
      eb.or([
        ...(orgIds.length > 0 ? [eb('m.organisation_id', 'in', orgIds)] : []),
        ...(actor.personId ? [eb('m.person_id', '=', actor.personId)] : []),
      ]),
    )
    .orderBy('m.joined_on', 'desc')
    .execute()
  return rows.map((r) => toMember(r, today))
}

/** Searchable list of members for the board and the supervisory board. */
export async function searchMembers(
  db: Executor,
  actor: Actor,
  options: { q?: string; status?: 'active' | 'leaving' | 'exited'; page: number; pageSize: number; today: PlainDate },
): Promise<{ items: Member[]; total: number }> {
  authorize(actor, 'member.read_all')
  let query = memberWithParty(db, options.today)
  if (options.q) {
    const like = `%${options.q.toLowerCase()}%`
    query = query.where((eb) =>
      eb.or([
        eb(sql`lower(coalesce(o.name, p.given_name || ' ' || p.family_name))`, 'like', like),
        eb(sql`lower(m.number)`, 'like', like),
      ]),
    )
  }
  if (options.status === 'active') query = query.where('m.exit_on', 'is', null)
  if (options.status === 'leaving') query = query.where('m.exit_on', '>=', options.today)
  if (options.status === 'exited') query = query.where('m.exit_on', '<', options.today)
  const [rows, total] = await Promise.all([
    query
      .orderBy('m.number', 'desc')
      .limit(options.pageSize)
      .offset((options.page - 1) * options.pageSize)
      .execute(),
    query.clearSelect().select(sql<number>`count(*)::int8`.as('n')).executeTakeFirstOrThrow(),
  ])
  return { items: rows.map((r) => toMember(r, options.today)), total: Number(total.n) }
}

/**
 * Retention (§30 (3) GenG): three years after the end of the year of exit the supporting records go: the
 * declaration's text, address and browser, the application's details and questionnaire. What other law
 * requires stays: the register line and the ledgers (books are kept ten years, §257 HGB, §147 AO).
 */
export async function purgeExpiredRecords(trx: Trx, actor: Actor, env: ActionEnv): Promise<{ purged: string[] }> {
  authorize(actor, 'register.purge')
  const now = env.clock.now()
  const today = todayIn(now)
  const candidates = await trx
    .selectFrom('member')
    .select(['id', 'number', 'exit_on', 'application_id', 'organisation_id'])
    .where('exit_on', 'is not', null)
    .where('purged_at', 'is', null)
    .forUpdate()
    .execute()
  const purged: string[] = []
  for (const m of candidates) {
    if (!m.exit_on || compareDates(retentionPurgeFrom(m.exit_on), today) > 0) continue
    const applications = await trx
      .selectFrom('membership_application')
      .select(['id', 'applicant'])
      .where((eb) =>
        eb.or([eb('member_id', '=', m.id), ...(m.application_id ? [eb('id', '=', m.application_id)] : [])]),
      )
      .execute()
    for (const application of applications) {
      const applicant = application.applicant as {
        organisationName?: string | null
        givenName?: string
        familyName?: string
      }
      await trx
        .updateTable('membership_application')
        .set({
          applicant: JSON.stringify({ organisationName: applicant.organisationName ?? null, purged: true }),
          questionnaire: '{}',
          tracking_token_hash: sha256(randomToken()),
        })
        .where('id', '=', application.id)
        .execute()
      await trx
        .updateTable('membership_declaration')
        .set({ text: '', signer_email: '', ip_address: null, user_agent: null, purged_at: now })
        .where('application_id', '=', application.id)
        .where('purged_at', 'is', null)
        .execute()
    }
    await trx.updateTable('member').set({ purged_at: now }).where('id', '=', m.id).execute()
    await audit(
      trx,
      actor,
      {
        action: 'member.records_purged',
        subjectType: 'member',
        subjectId: m.id,
        organisationId: m.organisation_id,
        after: { number: m.number, exitOn: m.exit_on, applications: applications.length },
      },
      env.clock,
    )
    purged.push(m.number)
  }
  return { purged }
}
