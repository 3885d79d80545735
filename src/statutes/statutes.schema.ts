import { z } from '@hono/zod-openapi'
import type { PlainDate } from '../platform/dates.ts'
import { count, dateInput, euroCents, text } from '../platform/fields.ts'
import { type StatutesSettings, statutesSettingsSchema } from './statutes.rules.ts'

/**
 * The board's form for a new statutes version → StatutesSettings. The form names its inputs by the settings'
 * own paths (`shareValueCents`, `sizeTiers.2.fromEmployees`), so the issues of statutesSettingsSchema land at
 * the right field. Amounts are typed in euro (`100` or `1.250,50`); empty tier rows are left out.
 */

export type StatutesForm = Record<string, string>

export interface StatutesAdoption {
  validFrom: PlainDate
  note: string
  settings: StatutesSettings
}

export const tierFields = ['key', 'fromEmployees', 'fromBudgetCents', 'shares'] as const
const maxTierRows = 20

const numberFields = [
  'minimumShares',
  'sharesPerPrimaryArea',
  'employeeMemberShares',
  'supportingMemberShares',
  'maximumShares',
  'minimumPaymentPercent',
  'instalmentCount',
  'instalmentIntervalMonths',
  'noticeMonths',
  'fiscalYearStartMonth',
  'proxyLimit',
  'admissionApprovals',
  'pluralVotesMax',
  'demandPercent',
  'invitationDays',
  'agendaDays',
] as const

/** A required whole number; its range is the settings schema's to check. */
/** Form text in, number out: the building blocks take `unknown` (they serve JSON too). */
const fromText = (schema: z.ZodType<number>) => schema as unknown as z.ZodType<number, string>
const whole = () =>
  z
    .string()
    .trim()
    .min(1, { error: 'required' })
    .pipe(fromText(count(Number.MAX_SAFE_INTEGER)))
const euro = () =>
  z
    .string()
    .trim()
    .min(1, { error: 'required' })
    .pipe(fromText(euroCents(Number.MAX_SAFE_INTEGER)))

const formShape = z.object({
  validFrom: dateInput(),
  note: text(500),
  shareValueCents: euro(),
  sizeTiers: z
    .array(z.object({ key: text(40), fromEmployees: whole(), fromBudgetCents: euro(), shares: whole() }))
    .max(maxTierRows, { error: 'too_big' }),
  supportingMembersVote: z.boolean(),
  writtenVotes: z.boolean(),
  ...Object.fromEntries(numberFields.map((f) => [f, whole()])),
})

/** Form indices of the tier rows that were filled in, in order. */
function filledTierRows(form: StatutesForm): number[] {
  const indices = new Set<number>()
  for (const name of Object.keys(form)) {
    const match = /^sizeTiers\.(\d{1,2})\.(\w+)$/.exec(name)
    if (match && (tierFields as readonly string[]).includes(match[2]!) && Number(match[1]) < maxTierRows)
      indices.add(Number(match[1]))
  }
  return [...indices]
    .sort((a, b) => a - b)
    .filter((i) => tierFields.some((f) => (form[`sizeTiers.${i}.${f}`] ?? '').trim() !== ''))
}

/** Issues point at the form's row numbers (empty rows left out) and show euro bounds in euro. */
function toFormIssues(error: z.ZodError, rows: number[]): z.ZodError {
  const euroPaths = /^(shareValueCents|sizeTiers\.\d+\.fromBudgetCents)$/
  return new z.ZodError(
    error.issues.map((issue) => {
      const path = [...issue.path]
      if (path[0] === 'sizeTiers' && typeof path[1] === 'number') path[1] = rows[path[1]] ?? path[1]
      const out = { ...issue, path } as z.core.$ZodIssue & { minimum?: unknown; maximum?: unknown }
      if (euroPaths.test(path.join('.'))) {
        if (typeof out.minimum === 'number') out.minimum = out.minimum / 100
        if (typeof out.maximum === 'number') out.maximum = out.maximum / 100
      }
      return out
    }),
  )
}

export type StatutesFormResult = { success: true; data: StatutesAdoption } | { success: false; error: z.ZodError }

/** Reads the posted form: field-level problems first, then the settings' own ranges and cross-field rules. */
export function parseStatutesForm(form: StatutesForm): StatutesFormResult {
  const rows = filledTierRows(form)
  const raw: Record<string, unknown> = {
    validFrom: form.validFrom ?? '',
    note: form.note ?? '',
    shareValueCents: form.shareValueCents ?? '',
    supportingMembersVote: form.supportingMembersVote === 'on' || form.supportingMembersVote === 'true',
    writtenVotes: form.writtenVotes === 'on' || form.writtenVotes === 'true',
    sizeTiers: rows.map((i) => Object.fromEntries(tierFields.map((f) => [f, form[`sizeTiers.${i}.${f}`] ?? '']))),
  }
  for (const f of numberFields) raw[f] = form[f] ?? ''
  const first = formShape.safeParse(raw)
  if (!first.success) return { success: false, error: toFormIssues(first.error, rows) }
  const { validFrom, note, ...rest } = first.data as Record<string, unknown> & { validFrom: string; note: string }
  const second = statutesSettingsSchema.safeParse(rest)
  if (!second.success) return { success: false, error: toFormIssues(second.error, rows) }
  return { success: true, data: { validFrom, note, settings: second.data } }
}

function euroText(cents: number): string {
  return cents % 100 === 0 ? String(cents / 100) : (cents / 100).toFixed(2).replace('.', ',')
}

/** The form's values for a version's settings, with `rows` tier rows (the tiers, then empty ones). */
export function statutesFormValues(settings: StatutesSettings, rows: number): StatutesForm {
  const values: StatutesForm = {
    shareValueCents: euroText(settings.shareValueCents),
    supportingMembersVote: settings.supportingMembersVote ? 'on' : '',
    writtenVotes: settings.writtenVotes ? 'on' : '',
  }
  for (const f of numberFields) values[f] = String(settings[f])
  for (let i = 0; i < rows; i++) {
    const tier = settings.sizeTiers[i]
    values[`sizeTiers.${i}.key`] = tier?.key ?? ''
    values[`sizeTiers.${i}.fromEmployees`] = tier ? String(tier.fromEmployees) : ''
    values[`sizeTiers.${i}.fromBudgetCents`] = tier ? euroText(tier.fromBudgetCents) : ''
    values[`sizeTiers.${i}.shares`] = tier ? String(tier.shares) : ''
  }
  return values
}

/** How many tier rows the form shows: the tiers and room for more, 4 to 6 (more only if the tiers need them). */
export function tierRowCount(settings: StatutesSettings, form?: StatutesForm): number {
  let highest = -1
  if (form)
    for (const name of Object.keys(form)) {
      const match = /^sizeTiers\.(\d{1,2})\./.exec(name)
      if (match) highest = Math.max(highest, Number(match[1]))
    }
  return Math.max(
    4,
    Math.min(Math.max(6, settings.sizeTiers.length), settings.sizeTiers.length + 2),
    Math.min(highest + 1, maxTierRows),
  )
}
