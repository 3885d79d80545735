import { z } from '@hono/zod-openapi'
import type { PriceKind } from '../db/schema-catalog.ts'
import type { FieldIssue } from '../platform/errors.ts'
import { count, dateInput, euroCents, parseDateInput, text } from '../platform/fields.ts'
import type { StoredPriceVersion } from './catalog.model.ts'
import type { FormValues } from './catalog-forms.ts'
import { type PriceVersionInput, priceVersionInput } from './prices.schema.ts'

/**
 * The form for a new price version → PriceVersionInput. Amounts are typed in euro, VAT with a comma or a point;
 * tier rows are named `tiers.N.field` like the input's paths, empty rows are left out and issues point back at
 * the form's row numbers.
 */

export const tierFields = ['key', 'fromEmployees', 'fromVolunteers', 'fromBudgetCents', 'monthlyCents'] as const
const maxTierRows = 20
const maxCents = 100_000_000_00

const fromText = <T>(schema: z.ZodType<T>) => schema as unknown as z.ZodType<T, string>
const euro = () =>
  z
    .string()
    .trim()
    .min(1, { error: 'required' })
    .pipe(fromText(euroCents(maxCents) as unknown as z.ZodType<number>))
const optionalEuro = () =>
  z
    .string()
    .trim()
    .transform((v) => (v === '' ? undefined : v))
    .pipe(fromText(euroCents(maxCents) as unknown as z.ZodType<number>).optional())
const threshold = (cents: boolean) =>
  z
    .string()
    .trim()
    .transform((v) => (v === '' ? null : v))
    .pipe(
      fromText(
        (cents ? euroCents(Number.MAX_SAFE_INTEGER) : count(10_000_000)) as unknown as z.ZodType<number>,
      ).nullable(),
    )
const optionalDate = () =>
  z
    .string()
    .trim()
    .transform((v, ctx) => {
      if (v === '') return null
      const date = parseDateInput(v)
      if (date) return date
      ctx.addIssue({ code: 'custom', message: 'date_invalid' })
      return z.NEVER
    })
const percent = () =>
  z
    .string()
    .trim()
    .min(1, { error: 'required' })
    .transform((v) => (/^\d{1,3}([.,]\d{1,2})?$/.test(v) ? Number(v.replace(',', '.')) : Number.NaN))
    .pipe(z.number({ error: 'invalid' }).min(0, { error: 'too_small' }).max(100, { error: 'too_big' }))

const formShape = z.object({
  validFrom: dateInput(),
  validUntil: optionalDate(),
  vatPercent: percent(),
  setupCents: optionalEuro(),
  monthlyCents: optionalEuro(),
  hourlyMemberCents: optionalEuro(),
  hourlyNonMemberCents: optionalEuro(),
  note: text(500),
  tiers: z.array(
    z.object({
      key: z.string().trim(),
      fromEmployees: threshold(false),
      fromVolunteers: threshold(false),
      fromBudgetCents: threshold(true),
      monthlyCents: euro(),
    }),
  ),
})

function one(form: FormValues, name: string): string {
  const v = form[name]
  return Array.isArray(v) ? (v[0] ?? '') : (v ?? '')
}

/** Form indices of the tier rows that were filled in, in order. */
export function filledTierRows(form: FormValues): number[] {
  const indices = new Set<number>()
  for (const name of Object.keys(form)) {
    const match = /^tiers\.(\d{1,2})\.(\w+)$/.exec(name)
    if (match && Number(match[1]) < maxTierRows) indices.add(Number(match[1]))
  }
  return [...indices]
    .sort((a, b) => a - b)
    .filter((i) => tierFields.some((f) => one(form, `tiers.${i}.${f}`).trim() !== ''))
}

/** Issue paths of tier rows → the form's row numbers. */
export function tierIssuesToForm(issues: FieldIssue[], form: FormValues): FieldIssue[] {
  const rows = filledTierRows(form)
  return issues.map((issue) => {
    const match = /^tiers\.(\d+)(\..*)?$/.exec(issue.path)
    return match ? { ...issue, path: `tiers.${rows[Number(match[1])] ?? match[1]}${match[2] ?? ''}` } : issue
  })
}

export type PriceFormResult = { success: true; data: PriceVersionInput } | { success: false; error: z.ZodError }

/** Reads the posted form for an item of `kind`: only the amounts that kind uses are read. */
export function parsePriceForm(
  form: FormValues,
  item: { areaKey: string } | { serviceKey: string },
  kind: PriceKind,
): PriceFormResult {
  const rows = kind === 'flat_rate' ? filledTierRows(form) : []
  const raw = {
    validFrom: one(form, 'validFrom'),
    validUntil: one(form, 'validUntil'),
    vatPercent: one(form, 'vatPercent'),
    setupCents: kind === 'hourly' ? '' : one(form, 'setupCents'),
    monthlyCents: kind === 'addon' ? one(form, 'monthlyCents') : '',
    hourlyMemberCents: kind === 'hourly' ? one(form, 'hourlyMemberCents') : '',
    hourlyNonMemberCents: kind === 'hourly' ? one(form, 'hourlyNonMemberCents') : '',
    note: one(form, 'note'),
    tiers: rows.map((i) => Object.fromEntries(tierFields.map((f) => [f, one(form, `tiers.${i}.${f}`)]))),
  }
  const remap = (error: z.ZodError) =>
    new z.ZodError(
      error.issues.map((issue) => {
        const path = [...issue.path]
        if (path[0] === 'tiers' && typeof path[1] === 'number') path[1] = rows[path[1]] ?? path[1]
        return { ...issue, path } as z.core.$ZodIssue
      }),
    )
  const first = formShape.safeParse(raw)
  if (!first.success) return { success: false, error: remap(first.error) }
  const d = first.data
  const input: Record<string, unknown> = {
    ...item,
    validFrom: d.validFrom,
    validUntil: d.validUntil,
    vatPercent: d.vatPercent,
    setupCents: d.setupCents ?? 0,
    note: d.note,
  }
  if (kind === 'flat_rate') input.tiers = d.tiers
  if (kind === 'addon') input.monthlyCents = d.monthlyCents
  if (kind === 'hourly') {
    input.hourlyMemberCents = d.hourlyMemberCents
    input.hourlyNonMemberCents = d.hourlyNonMemberCents
  }
  const second = priceVersionInput.safeParse(input)
  if (!second.success) return { success: false, error: remap(second.error) }
  return { success: true, data: second.data }
}

function euroText(cents: number | null): string {
  if (cents === null) return ''
  return cents % 100 === 0 ? String(cents / 100) : (cents / 100).toFixed(2).replace('.', ',')
}

/** The form prefilled from the version in force (or empty), with `rows` tier rows. */
export function priceFormValues(current: StoredPriceVersion | undefined, validFrom: string, rows: number): FormValues {
  const v: FormValues = {
    validFrom,
    validUntil: '',
    vatPercent: current ? String(current.vatPercent).replace('.', ',') : '19',
    setupCents: euroText(current?.setupCents ?? 0),
    monthlyCents: euroText(current?.monthlyCents ?? null),
    hourlyMemberCents: euroText(current?.hourlyMemberCents ?? null),
    hourlyNonMemberCents: euroText(current?.hourlyNonMemberCents ?? null),
    note: '',
  }
  for (let i = 0; i < rows; i++) {
    const tier = current?.tiers[i]
    v[`tiers.${i}.key`] = tier?.key ?? (i === 0 && !current ? 'small' : '')
    v[`tiers.${i}.fromEmployees`] = tier
      ? tier.fromEmployees === null
        ? ''
        : String(tier.fromEmployees)
      : i === 0 && !current
        ? '0'
        : ''
    v[`tiers.${i}.fromVolunteers`] = tier?.fromVolunteers == null ? '' : String(tier.fromVolunteers)
    v[`tiers.${i}.fromBudgetCents`] = tier?.fromBudgetCents == null ? '' : euroText(tier.fromBudgetCents)
    v[`tiers.${i}.monthlyCents`] = tier ? euroText(tier.monthlyCents) : ''
  }
  return v
}

export function tierRowCount(existing: number, form?: FormValues): number {
  let highest = -1
  if (form)
    for (const name of Object.keys(form)) {
      const match = /^tiers\.(\d{1,2})\./.exec(name)
      if (match) highest = Math.max(highest, Number(match[1]))
    }
  return Math.min(maxTierRows, Math.max(existing + 2, 4, highest + 1))
}
