import { z } from '@hono/zod-openapi'
import type { Executor } from '../db/db.ts'
import type { PlainDate } from '../platform/dates.ts'
import { fieldError } from '../platform/errors.ts'
import { count, euroCents } from '../platform/fields.ts'
import { statutesOn } from '../statutes/statutes.actions.ts'
import type { StatutesSettings } from '../statutes/statutes.rules.ts'
import { type CatalogSnapshot, catalogOn, quoteCapitalMonths, quoteCatalogOf } from './catalog.actions.ts'
import { computeQuote, type Quote } from './quote.rules.ts'

/**
 * The public price calculator: size and wanted primary areas in, the quote out — the same computation the needs
 * questionnaire uses (computeQuote over the catalog and the statutes of the day). Nothing is stored.
 */

const maxPeople = 10_000_000
const maxBudgetCents = 100_000_000_000_00

export const calculatorInput = z
  .strictObject({
    employees: count(maxPeople).default(0),
    volunteers: count(maxPeople).default(0),
    annualBudgetCents: count(maxBudgetCents).default(0),
    areas: z.array(z.string().max(40)).max(20, { error: 'too_big' }).default([]),
    consultingHours: count(10_000).default(0),
    trainingHours: count(10_000).default(0),
  })
  .openapi('QuoteCalculation')
export type CalculatorInput = z.infer<typeof calculatorInput>

/** A negative amount typed in euro is "too small", not "not a number" (euroCents reads digits only). */
const euroField = () =>
  z.preprocess(
    (v) => (typeof v === 'string' && /^\s*-\s*\d/.test(v) ? -1 : v),
    euroCents(maxBudgetCents) as unknown as z.ZodType<number>,
  )

/** The calculator's GET form: the budget in euro (`1.250.000` or `1250000,50`), everything as text. */
export const calculatorForm = z.object({
  employees: count(maxPeople),
  volunteers: count(maxPeople),
  budget: euroField(),
  areas: z.array(z.string().max(40)).max(20, { error: 'too_big' }),
  consultingHours: count(10_000),
  trainingHours: count(10_000),
})

/** Form field → the input's path, so an issue raised on the input lands at the form's field. */
export const formFieldOf: Record<string, string> = { annualBudgetCents: 'budget' }

export interface Calculation {
  input: CalculatorInput
  quote: Quote
  snapshot: CatalogSnapshot
  settings: StatutesSettings
  statutesValidFrom: PlainDate
  capitalMonths: number
}

/** Primary areas a quote can be asked for: those listed publicly (planned or orderable). */
export function quotableAreas(snapshot: CatalogSnapshot) {
  return snapshot.areas.filter((a) => a.kind === 'primary' && a.status !== 'discontinued' && !a.provider.archived)
}

/** Computes the quote of a day; an area key that is not a quotable primary area is refused at `areas`. */
export async function calculate(db: Executor, input: CalculatorInput, day: PlainDate): Promise<Calculation> {
  const [snapshot, statutes, capitalMonths] = await Promise.all([
    catalogOn(db, day),
    statutesOn(db, day),
    quoteCapitalMonths(db),
  ])
  const allowed = new Set(quotableAreas(snapshot).map((a) => a.key))
  const unknown = input.areas.findIndex((key) => !allowed.has(key))
  if (unknown >= 0) throw fieldError('areas', 'area_unknown')
  const areas = [...new Set(input.areas)]
  const quote = computeQuote(
    {
      employees: input.employees,
      volunteers: input.volunteers,
      annualBudgetCents: input.annualBudgetCents,
      wantedAreas: areas,
      consultingHours: input.consultingHours,
      trainingHours: input.trainingHours,
      toolsToday: [],
    },
    quoteCatalogOf(snapshot),
    statutes.settings,
    capitalMonths,
  )
  return {
    input: { ...input, areas },
    quote,
    snapshot,
    settings: statutes.settings,
    statutesValidFrom: statutes.validFrom,
    capitalMonths,
  }
}
