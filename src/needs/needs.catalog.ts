import { catalogOn, quoteCapitalMonths, quoteCatalogOf } from '../catalog/catalog.actions.ts'
import { type Localised, pick } from '../catalog/catalog.model.ts'
import type { Executor } from '../db/db.ts'
import type { AreaKind, CatalogStatus } from '../db/schema-catalog.ts'
import type { PlainDate } from '../platform/dates.ts'
import type { Language } from '../platform/i18n.ts'
import { statutesOn } from '../statutes/statutes.actions.ts'
import type { QuoteBasisData } from './needs.rules.ts'

/**
 * What the questionnaire reads from the catalog (read helpers only; the catalog's own code stays the catalog
 * helper's): the quote's basis on a day, the areas a questionnaire may want, and the primary areas of joining.
 */

/** An area the questionnaire or the join form offers. */
export interface AreaChoice {
  key: string
  kind: AreaKind
  status: CatalogStatus
  name: Localised
}

export interface QuoteBasis extends QuoteBasisData {
  /** Areas not discontinued, planned ones included (before founding everything is planned), in catalog order. */
  choices: AreaChoice[]
}

/** The catalog, statutes and capital months of a day, read once: every quote of that day is computed from it. */
export async function quoteBasisOn(db: Executor, day: PlainDate): Promise<QuoteBasis> {
  const [snapshot, statutes, capitalMonths] = await Promise.all([
    catalogOn(db, day),
    statutesOn(db, day),
    quoteCapitalMonths(db),
  ])
  const live = snapshot.areas.filter((a) => a.status !== 'discontinued')
  return {
    day,
    catalog: quoteCatalogOf(snapshot),
    areas: live.map((a) => ({
      key: a.key,
      kind: a.kind,
      name: a.name,
      flatRate: a.kind === 'primary' && a.flatRate ? { id: a.flatRate.id, validFrom: a.flatRate.validFrom } : null,
      services: a.services
        .filter((s) => s.status !== 'discontinued')
        .map((s) => ({ key: s.key, name: s.name, software: s.software, addon: s.pricing === 'addon' })),
    })),
    statutes: { id: statutes.id, validFrom: statutes.validFrom, settings: statutes.settings },
    capitalMonths,
    choices: live.map((a) => ({ key: a.key, kind: a.kind, status: a.status, name: a.name })),
  }
}

/**
 * The primary areas an applicant may choose when joining: those of the catalog that are not discontinued
 * (planned ones included), in catalog order. One query: the join form's live quote asks for it on every change.
 */
export async function joinAreaChoices(db: Executor): Promise<AreaChoice[]> {
  const rows = await db
    .selectFrom('service_area')
    .select(['key', 'kind', 'status', 'name_de', 'name_en'])
    .where('kind', '=', 'primary')
    .where('status', '<>', 'discontinued')
    .orderBy('position')
    .orderBy('key')
    .execute()
  return rows.map((r) => ({ key: r.key, kind: r.kind, status: r.status, name: { de: r.name_de, en: r.name_en } }))
}

/** Every area's name by key, discontinued ones too (a stored application may name one). */
export async function areaNames(db: Executor): Promise<Record<string, Localised>> {
  const rows = await db.selectFrom('service_area').select(['key', 'name_de', 'name_en']).execute()
  return Object.fromEntries(rows.map((r) => [r.key, { de: r.name_de, en: r.name_en }]))
}

/** An area's name in the reader's language; the key itself for an area the catalog does not know. */
export function areaLabel(names: Record<string, Localised>, key: string, lang: Language): string {
  const name = names[key]
  return name ? pick(name, lang) : key
}
