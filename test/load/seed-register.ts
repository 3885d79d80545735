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
import { type Kysely, sql } from 'kysely'
import type { Database } from '../../src/db/schema.ts'
import type { PlainDate } from '../../src/platform/dates.ts'
import type { StatutesSettings } from '../../src/statutes/statutes.rules.ts'
import { planExtraShares, planOtherApplications } from './seed-register-applications.ts'
import { newPlanContext, type Row } from './seed-register-context.ts'
import { bulkInsert } from './seed-register-insert.ts'
import { checkLikeTheTriggers, planPayments, shapeLedger } from './seed-register-ledgers.ts'
import { payoutFor, planAnnualAccounts, planCancellationsAndTransfers } from './seed-register-payouts.ts'
import { planMembers } from './seed-register-people.ts'

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

/**
 * Builds every row in memory. The ledger rows come back in booking order, each already checked against the
 * rules the triggers enforce (no negative share count, amount due or capital on any day from its own on).
 */
export function planRegister(options: SeedOptions, settings: StatutesSettings, statutesVersionId: string) {
  const c = newPlanContext(options, settings, statutesVersionId)
  const { organisations, persons, affiliations, applications, declarations, members, payouts, planned } = c
  planMembers(c)
  planExtraShares(c)
  planOtherApplications(c)
  planPayments(c)
  planCancellationsAndTransfers(c)
  for (const m of planned) if (m.exitOn) payoutFor(c, m, 'exit', m.exitOn, null, 0)
  const final = shapeLedger(c)
  const annualAccounts = planAnnualAccounts(c)

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
