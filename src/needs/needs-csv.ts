import { toolLabel } from '../catalog/tools.ts'
import { csvCell, csvSeparator } from '../members/register-csv.ts'
import { legalFormLabel } from '../organisations/organisations.pages.tsx'
import { todayIn } from '../platform/dates.ts'
import { type Language, translator } from '../platform/i18n.ts'
import { tierLabel } from '../statutes/statutes.messages.ts'
import { areaLabel } from './needs.catalog.ts'
import { stageLabel } from './needs.messages.ts'
import type { Overview } from './overview.actions.ts'
import { followUpLabel, overviewText } from './overview.messages.ts'

/**
 * The founders' figures for spreadsheets, as the member register's CSV: UTF-8 with a byte order mark, `;` between
 * cells, CRLF, formula-safe cells (register-csv: csvCell). Amounts in euro with the reader's decimal mark, dates ISO.
 */

function euro(cents: number, lang: Language): string {
  const text = (cents / 100).toFixed(2)
  return lang === 'de' ? text.replace('.', ',') : text
}

function file(lines: Array<Array<string | number | null>>): string {
  return `\uFEFF${lines.map((cells) => cells.map(csvCell).join(csvSeparator)).join('\r\n')}\r\n`
}

/** One row per questionnaire: its inputs and the figures recomputed for the overview's day. */
export function overviewCsv(overview: Overview, lang: Language): string {
  const t = translator(overviewText, lang)
  const names = Object.fromEntries(overview.basis.areas.map((a) => [a.key, a.name]))
  const yes = (b: boolean) => (b ? t('csv_yes') : t('csv_no'))
  const head = [
    t('csv_day'),
    t('csv_ref'),
    t('csv_submitted'),
    t('csv_organisation'),
    t('csv_legal_form'),
    t('csv_city'),
    t('csv_employees'),
    t('csv_volunteers'),
    t('csv_budget'),
    t('csv_devices'),
    t('csv_tools'),
    t('csv_areas'),
    t('csv_consulting'),
    t('csv_training'),
    t('csv_stage'),
    t('csv_tier'),
    t('csv_monthly'),
    t('csv_unpriced'),
    t('csv_mandatory'),
    t('csv_suggested'),
    t('csv_capital'),
    t('csv_status'),
    t('csv_next_on'),
    t('csv_assignee'),
    t('csv_erased'),
    t('csv_applied'),
  ]
  const rows = overview.items.map((i) => [
    overview.day,
    i.ref,
    todayIn(new Date(i.submittedAt)),
    i.organisationName,
    legalFormLabel(lang, i.legalForm),
    i.city,
    i.employees,
    i.volunteers,
    euro(i.annualBudgetCents, lang),
    i.devices,
    i.toolsToday.map((tool) => toolLabel(tool, lang)).join(', '),
    i.wantedAreas.map((key) => areaLabel(names, key, lang)).join(', '),
    i.consultingHours,
    i.trainingHours,
    stageLabel(i.stage, lang),
    tierLabel(i.projection.sizeTierKey, lang),
    euro(i.projection.monthlyNetCents, lang),
    i.projection.unpricedAreas.map((key) => areaLabel(names, key, lang)).join(', '),
    i.projection.mandatoryShares,
    i.projection.suggestedShares,
    euro(i.projection.capitalCents, lang),
    followUpLabel(i.followUpStatus, lang),
    i.followUpOn,
    i.assignedLabel,
    yes(i.erased),
    yes(i.applied),
  ])
  return file([head, ...rows])
}

/** The aggregates by stage, and a total row. */
export function summaryCsv(overview: Overview, lang: Language): string {
  const t = translator(overviewText, lang)
  const head = [
    t('csv_day'),
    t('csv_stage'),
    t('csv_organisations'),
    t('csv_monthly'),
    t('csv_mandatory'),
    t('csv_suggested'),
    t('csv_capital'),
    t('csv_with_unpriced'),
  ]
  const line = (stage: string, s: Overview['aggregate']['total']) => [
    overview.day,
    stage,
    s.organisations,
    euro(s.monthlyNetCents, lang),
    s.mandatoryShares,
    s.suggestedShares,
    euro(s.capitalCents, lang),
    s.withUnpricedAreas,
  ]
  return file([
    head,
    ...overview.aggregate.byStage.map((s) => line(stageLabel(s.stage, lang), s)),
    line(t('total'), overview.aggregate.total),
  ])
}
