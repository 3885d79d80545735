import { z } from '@hono/zod-openapi'
import { addMonths, compareDates, type PlainDate } from '../platform/dates.ts'
import { percentOf } from '../platform/money.ts'

/**
 * The cooperative's statutes (Satzung) as settings: every rule DOMAIN.md marks *Satzung* lives here, versioned
 * by the date from which it applies. Only pure rules: reading, validating and computing from the settings.
 */

/** A size tier of member organisations: reaching either threshold puts an organisation in the tier. */
export interface SizeTier {
  key: string
  fromEmployees: number
  fromBudgetCents: number
  shares: number
}

export interface StatutesSettings {
  /** Value of one share (Geschäftsanteil) in cents. */
  shareValueCents: number
  /** Fewest shares any member holds as mandatory shares. */
  minimumShares: number
  /** Mandatory shares of organisations by size, ascending. */
  sizeTiers: SizeTier[]
  /** Extra mandatory shares per booked primary service area. */
  sharesPerPrimaryArea: number
  /** Mandatory shares of a person employed by the cooperative. */
  employeeMemberShares: number
  /** Mandatory shares of a supporting member (Fördermitglied, §8 (2) GenG). */
  supportingMemberShares: number
  /** Most shares one member may hold. */
  maximumShares: number
  /** Payment due at admission, percent of the subscribed value; at least 10 (§7 Nr. 1 GenG). */
  minimumPaymentPercent: number
  /** Further equal instalments after the first payment. */
  instalmentCount: number
  /** Months between instalments. */
  instalmentIntervalMonths: number
  /** Notice period of a termination in months: 3 to 60 (§65 (2) GenG). */
  noticeMonths: number
  /** Month (1..12) on whose first day the fiscal year starts. */
  fiscalYearStartMonth: number
  /** Whether supporting members vote in the general assembly (§8 (2) GenG). */
  supportingMembersVote: boolean
  /** Members one proxy holder may represent (§43 (5) GenG: at most 2). */
  proxyLimit: number
  /** Distinct board members who must approve an admission. */
  admissionApprovals: number
  /** Most votes one member may hold: 1 = no plural votes, at most 3 (§43 (3) GenG). */
  pluralVotesMax: number
  /** Percent of the members who may demand an assembly or agenda items: a tenth or less (§45 (1) GenG). */
  demandPercent: number
  /** Whether the statutes allow written or electronic votes outside an assembly (§43 (7) GenG). */
  writtenVotes: boolean
  /** Days at least between the invitation and the assembly: 14 or more (§46 (1) GenG). */
  invitationDays: number
  /** Days at least before the assembly that agenda items must be announced: 7 or more (§46 (2) GenG). */
  agendaDays: number
}

export const defaultSizeTiers: SizeTier[] = Object.freeze([
  Object.freeze({ key: 'small', fromEmployees: 0, fromBudgetCents: 0, shares: 1 }),
  Object.freeze({ key: 'medium', fromEmployees: 10, fromBudgetCents: 50_000_000, shares: 2 }),
  Object.freeze({ key: 'large', fromEmployees: 50, fromBudgetCents: 250_000_000, shares: 4 }),
  Object.freeze({ key: 'very_large', fromEmployees: 250, fromBudgetCents: 1_000_000_000, shares: 8 }),
]) as SizeTier[]

/** The statutes' defaults; frozen, so a caller that wants to change one copies it first. */
export const defaultStatutes: StatutesSettings = Object.freeze({
  shareValueCents: 100_00,
  minimumShares: 1,
  sizeTiers: defaultSizeTiers,
  sharesPerPrimaryArea: 1,
  employeeMemberShares: 1,
  supportingMemberShares: 1,
  maximumShares: 100,
  minimumPaymentPercent: 10,
  instalmentCount: 3,
  instalmentIntervalMonths: 12,
  noticeMonths: 3,
  fiscalYearStartMonth: 1,
  supportingMembersVote: false,
  proxyLimit: 2,
  admissionApprovals: 1,
  pluralVotesMax: 1,
  demandPercent: 10,
  writtenVotes: false,
  invitationDays: 14,
  agendaDays: 7,
})

function whole(min: number, max: number) {
  return z
    .number({ error: (issue) => (issue.input === undefined ? 'required' : 'not_integer') })
    .int({ error: 'not_integer' })
    .min(min, { error: 'too_small' })
    .max(max, { error: 'too_big' })
}

const sizeTierSchema = z.strictObject({
  key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, { error: 'statutes_tier_key_invalid' }),
  fromEmployees: whole(0, 10_000_000),
  fromBudgetCents: whole(0, Number.MAX_SAFE_INTEGER),
  shares: whole(1, 100_000),
})

/**
 * The statutes settings, typed JSON (no form coercion), strict about unknown keys. Ranges: share value
 * 1 € to 100,000 €; first payment at least 10 % (§7 Nr. 1 GenG); notice 3 to 60 months (§65 (2) GenG);
 * a proxy holder for at most 2 members (§43 (5) GenG); plural votes at most 3 (§43 (3) GenG); a tenth of the
 * members or fewer may demand an assembly (§45 (1) GenG); invitation at least 14 days and agenda items at least
 * 7 days ahead, the statutes may ask for more up to 60 (§46 (1), (2) GenG). Cross-field checks report
 * validation-message keys at the offending field: tiers start at 0/0, thresholds strictly ascend, tier shares
 * never fall, tier keys are unique, maximumShares is at least every mandatory count the statutes name, and
 * agendaDays is at most invitationDays.
 */
export const statutesSettingsSchema: z.ZodType<StatutesSettings> = z
  .strictObject({
    shareValueCents: whole(100, 100_000_00),
    minimumShares: whole(1, 100_000),
    sizeTiers: z.array(sizeTierSchema).min(1, { error: 'too_small' }).max(20, { error: 'too_big' }),
    sharesPerPrimaryArea: whole(0, 20),
    employeeMemberShares: whole(1, 100_000),
    supportingMemberShares: whole(1, 100_000),
    maximumShares: whole(1, 1_000_000),
    minimumPaymentPercent: whole(10, 100),
    instalmentCount: whole(0, 20),
    instalmentIntervalMonths: whole(1, 24),
    noticeMonths: whole(3, 60),
    fiscalYearStartMonth: whole(1, 12),
    supportingMembersVote: z.boolean(),
    proxyLimit: whole(1, 2),
    admissionApprovals: whole(1, 2),
    pluralVotesMax: whole(1, 3),
    demandPercent: whole(1, 10),
    writtenVotes: z.boolean(),
    invitationDays: whole(14, 60),
    agendaDays: whole(7, 60),
  })
  .superRefine((s, ctx) => {
    const issue = (message: string, path: Array<string | number>) => ctx.addIssue({ code: 'custom', message, path })
    const seen = new Set<string>()
    s.sizeTiers.forEach((tier, i) => {
      if (seen.has(tier.key)) issue('statutes_tier_key_duplicate', ['sizeTiers', i, 'key'])
      seen.add(tier.key)
      const previous = s.sizeTiers[i - 1]
      if (!previous) {
        if (tier.fromEmployees !== 0) issue('statutes_first_tier_from_zero', ['sizeTiers', i, 'fromEmployees'])
        if (tier.fromBudgetCents !== 0) issue('statutes_first_tier_from_zero', ['sizeTiers', i, 'fromBudgetCents'])
        return
      }
      if (tier.fromEmployees <= previous.fromEmployees)
        issue('statutes_tiers_not_ascending', ['sizeTiers', i, 'fromEmployees'])
      if (tier.fromBudgetCents <= previous.fromBudgetCents)
        issue('statutes_tiers_not_ascending', ['sizeTiers', i, 'fromBudgetCents'])
      if (tier.shares < previous.shares) issue('statutes_tier_shares_decreasing', ['sizeTiers', i, 'shares'])
    })
    const largestBase = Math.max(
      s.minimumShares,
      s.employeeMemberShares,
      s.supportingMemberShares,
      ...s.sizeTiers.map((t) => t.shares),
    )
    if (s.maximumShares < largestBase) issue('statutes_maximum_below_mandatory', ['maximumShares'])
    // agenda items are announced after the invitation at the earliest (§46 (1), (2) GenG)
    if (s.agendaDays > s.invitationDays) issue('statutes_agenda_after_invitation', ['agendaDays'])
  })

/**
 * Reads statutes stored as JSON (the value, or its text) that may predate newer fields: missing keys take
 * the defaults, then the whole is validated. Throws a ZodError when the stored value is not valid statutes.
 */
export function readStatutes(json: unknown): StatutesSettings {
  const value = typeof json === 'string' ? JSON.parse(json) : json
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return statutesSettingsSchema.parse(value)
  const filled: Record<string, unknown> = structuredClone(defaultStatutes) as unknown as Record<string, unknown>
  for (const [key, v] of Object.entries(value)) if (v !== undefined) filled[key] = v
  return statutesSettingsSchema.parse(filled)
}

export interface StatutesVersion {
  id: string
  validFrom: PlainDate
  settings: StatutesSettings
}

/**
 * The statutes version in force on a date: the one with the latest validFrom <= date (a statute change
 * applies from its registration date, §16 (6) GenG); undefined if none was yet. Of two versions with the same
 * validFrom the later in the list wins.
 */
export function versionInForce<V extends { validFrom: PlainDate }>(versions: V[], date: PlainDate): V | undefined {
  let found: V | undefined
  for (const version of versions)
    if (compareDates(version.validFrom, date) <= 0 && (!found || compareDates(version.validFrom, found.validFrom) >= 0))
      found = version
  return found
}

function requireCount(n: number, what: string): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${what} must be a whole number >= 0, got ${n}`)
}

/**
 * The size tier an organisation falls in (Satzung): the highest tier whose fromEmployees <= employees OR whose
 * fromBudgetCents <= budget; either measure alone lifts an organisation into a tier.
 */
export function sizeTierFor(settings: StatutesSettings, employees: number, annualBudgetCents: number): SizeTier {
  requireCount(employees, 'employees')
  requireCount(annualBudgetCents, 'annualBudgetCents')
  const first = settings.sizeTiers[0]
  if (!first) throw new RangeError('statutes without size tiers')
  let found = first
  for (const tier of settings.sizeTiers)
    if (tier.fromEmployees <= employees || tier.fromBudgetCents <= annualBudgetCents) found = tier
  return found
}

export type MemberType = 'organisation' | 'employee' | 'supporting'

/**
 * Mandatory shares (Pflichtanteile) by the statutes' formula (Satzung, §7a (2) GenG): organisations by size
 * tier plus sharesPerPrimaryArea per booked primary service area; employees and supporting members their
 * fixed counts; never below minimumShares, never above maximumShares.
 */
export function mandatoryShares(
  settings: StatutesSettings,
  input: { memberType: MemberType; employees: number; annualBudgetCents: number; primaryAreas: number },
): number {
  let shares: number
  if (input.memberType === 'organisation') {
    requireCount(input.primaryAreas, 'primaryAreas')
    const tier = sizeTierFor(settings, input.employees, input.annualBudgetCents)
    shares = tier.shares + settings.sharesPerPrimaryArea * input.primaryAreas
  } else if (input.memberType === 'employee') shares = settings.employeeMemberShares
  else shares = settings.supportingMemberShares
  return Math.min(settings.maximumShares, Math.max(settings.minimumShares, shares))
}

/**
 * The payment due at once on `shares` subscribed: minimumPaymentPercent of their value, half-up, but never
 * below one tenth of it in whole cents (§7 Nr. 1 GenG: at least a tenth; half-up alone could fall short by
 * a fraction of a cent when the share value is not a multiple of 10 cents).
 */
export function firstPaymentCents(settings: StatutesSettings, shares: number): number {
  requireCount(shares, 'shares')
  const total = shares * settings.shareValueCents
  return Math.max(percentOf(total, settings.minimumPaymentPercent), Math.ceil(total / 10))
}

/**
 * Payment plan for `shares` subscribed on `startOn` (§7 Nr. 1 GenG, Satzung): the first payment
 * (firstPaymentCents) is due on startOn, the rest in instalmentCount equal instalments every
 * instalmentIntervalMonths, counted from startOn (the last absorbs the rounding). Amounts sum exactly to
 * shares × shareValueCents; zero-amount rows are left out. With minimumPaymentPercent 100 or instalmentCount 0
 * the whole value is due on startOn as one payment.
 */
export function paymentSchedule(
  settings: StatutesSettings,
  shares: number,
  startOn: PlainDate,
): Array<{ dueOn: PlainDate; amountCents: number }> {
  const total = shares * settings.shareValueCents
  const first = firstPaymentCents(settings, shares)
  const count = settings.instalmentCount
  const rows: Array<{ dueOn: PlainDate; amountCents: number }> = []
  if (count === 0 || first >= total) rows.push({ dueOn: startOn, amountCents: total })
  else {
    const rest = total - first
    const instalment = Math.floor(rest / count)
    rows.push({ dueOn: startOn, amountCents: first })
    for (let k = 1; k <= count; k++)
      rows.push({
        dueOn: addMonths(startOn, k * settings.instalmentIntervalMonths),
        amountCents: k === count ? rest - instalment * (count - 1) : instalment,
      })
  }
  return rows.filter((row) => row.amountCents !== 0)
}
