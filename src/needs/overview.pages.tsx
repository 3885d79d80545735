import { followUpStatuses } from '../db/schema-catalog.ts'
import { formatDate, formatDateTime, formatEuro, type Language, translator } from '../platform/i18n.ts'
import { tierLabel } from '../statutes/statutes.messages.ts'
import { Pager } from '../web/components.tsx'
import { BarChart } from './charts.tsx'
import { areaLabel } from './needs.catalog.ts'
import { stageLabel } from './needs.messages.ts'
import { questionnaireStages } from './needs.model.ts'
import type { SortKey } from './needs.rules.ts'
import { sortKeys } from './needs.rules.ts'
import type { OverviewQuery } from './needs.schema.ts'
import type { Overview, OverviewItem } from './overview.actions.ts'
import { followUpLabel, overviewText } from './overview.messages.ts'

/** The founders' view: filters, totals, charts with their figures as tables, the list of organisations. */

/** The query string of the overview with some parameters changed (filters kept across sorting and paging). */
export function overviewHref(query: OverviewQuery, change: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams()
  const merged: Record<string, string | number | null | undefined> = { ...query, ...change }
  for (const [key, value] of Object.entries(merged))
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value))
  const text = params.toString()
  return text ? `/needs/overview?${text}` : '/needs/overview'
}

function FilterForm(props: { lang: Language; query: OverviewQuery }) {
  const t = translator(overviewText, props.lang)
  const { query, lang } = props
  const select = (name: string, label: string, value: string, options: Array<[string, string]>) => (
    <div class="field">
      <label for={`f-${name}`}>{label}</label>
      <select id={`f-${name}`} name={name}>
        {options.map(([v, l]) => (
          <option value={v} selected={v === value}>
            {l}
          </option>
        ))}
      </select>
    </div>
  )
  return (
    <form method="get" action="/needs/overview" class="actions filter">
      {select('stage', t('filter_stage'), query.stage ?? '', [
        ['', t('filter_all')],
        ...questionnaireStages.map((s): [string, string] => [s, stageLabel(s, lang)]),
      ])}
      {select('status', t('filter_status'), query.status ?? '', [
        ['', t('filter_all')],
        ...followUpStatuses.map((s): [string, string] => [s, followUpLabel(s, lang)]),
      ])}
      <div class="field">
        <label for="f-from">{t('filter_from')}</label>
        <input id="f-from" name="from" type="date" value={query.from ?? ''} />
      </div>
      <div class="field">
        <label for="f-to">{t('filter_to')}</label>
        <input id="f-to" name="to" type="date" value={query.to ?? ''} />
      </div>
      {select(
        'sort',
        t('filter_sort'),
        query.sort,
        sortKeys.map((k): [string, string] => [k, t(`sort_${k}`)]),
      )}
      {select('dir', t('filter_dir'), query.dir, [
        ['desc', t('dir_desc')],
        ['asc', t('dir_asc')],
      ])}
      <button type="submit" class="secondary">
        {t('filter')}
      </button>
      <a href="/needs/overview">{t('filter_reset')}</a>
    </form>
  )
}

/** A column heading that sorts the list by it (the other direction when it already does). */
function SortHeading(props: { lang: Language; query: OverviewQuery; sort: SortKey; label: string; num?: boolean }) {
  const active = props.query.sort === props.sort
  const dir = active && props.query.dir === 'desc' ? 'asc' : 'desc'
  return (
    <th
      scope="col"
      class={props.num ? 'num' : undefined}
      aria-sort={active ? (props.query.dir === 'desc' ? 'descending' : 'ascending') : undefined}
    >
      <a href={overviewHref(props.query, { sort: props.sort, dir, page: undefined })}>{props.label}</a>
    </th>
  )
}

function ItemRow(props: { lang: Language; item: OverviewItem }) {
  const { lang, item: i } = props
  const t = translator(overviewText, lang)
  return (
    <tr>
      <td class="mono">
        <a href={`/needs/by-id/${i.id}`}>{i.ref}</a>
      </td>
      <td>{i.erased ? <em>{t('erased')}</em> : i.organisationName}</td>
      <td>{stageLabel(i.stage, lang)}</td>
      <td>{tierLabel(i.projection.sizeTierKey, lang)}</td>
      <td class="num">{formatEuro(i.projection.monthlyNetCents, lang)}</td>
      <td class="num">
        {t('shares_value', { mandatory: i.projection.mandatoryShares, suggested: i.projection.suggestedShares })}
      </td>
      <td>{followUpLabel(i.followUpStatus, lang)}</td>
      <td>{formatDate(i.followUpOn, lang)}</td>
      <td>{i.assignedLabel ?? '—'}</td>
      <td>{formatDateTime(i.submittedAt, lang)}</td>
    </tr>
  )
}

export function OverviewPage(props: {
  lang: Language
  overview: Overview
  query: OverviewQuery
  items: OverviewItem[]
  page: number
  pages: number
}) {
  const { lang, overview: o, query } = props
  const t = translator(overviewText, lang)
  const a = o.aggregate
  const names = Object.fromEntries(o.basis.areas.map((x) => [x.key, x.name]))
  const euro = (cents: number) => formatEuro(cents, lang)
  const csvQuery = overviewHref(query, { page: undefined }).replace('/needs/overview', '')
  return (
    <section>
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      <p class="notice" data-computed-for={o.day}>
        {t('computed_for', {
          day: formatDate(o.day, lang),
          statutes: formatDate(o.statutes.validFrom, lang),
          shareValue: euro(o.statutes.shareValueCents),
          months: o.capitalMonths,
        })}
        {o.unpricedAreas.length > 0 &&
          ` ${t('unpriced_areas', { areas: o.unpricedAreas.map((k) => areaLabel(names, k, lang)).join(', ') })}`}
      </p>
      <FilterForm lang={lang} query={query} />
      <p>
        <a href={`/needs/overview.csv${csvQuery}`}>{t('csv_rows')}</a> ·{' '}
        <a href={`/needs/summary.csv${csvQuery}`}>{t('csv_summary')}</a>
      </p>
      <h2>{t('totals')}</h2>
      <dl class="facts" id="needs-totals">
        <dt>{t('organisations')}</dt>
        <dd class="big" data-total-organisations={a.total.organisations}>
          {a.total.organisations}
        </dd>
        <dt>{t('monthly_revenue')}</dt>
        <dd class="big" data-total-monthly={a.total.monthlyNetCents}>
          {euro(a.total.monthlyNetCents)}
        </dd>
        <dt>{t('mandatory_shares')}</dt>
        <dd data-total-mandatory={a.total.mandatoryShares}>{a.total.mandatoryShares}</dd>
        <dt>{t('suggested_shares')}</dt>
        <dd data-total-suggested={a.total.suggestedShares}>{a.total.suggestedShares}</dd>
        <dt>{t('capital')}</dt>
        <dd class="big" data-total-capital={a.total.capitalCents}>
          {euro(a.total.capitalCents)}
        </dd>
        <dt>{t('with_unpriced')}</dt>
        <dd>{a.total.withUnpricedAreas}</dd>
      </dl>

      <h2>{t('by_stage_tier')}</h2>
      <p class="hint">{t('by_stage_tier_hint')}</p>
      <BarChart
        title={t('orgs_by_stage_chart')}
        bars={a.byStage.map((s) => ({
          label: stageLabel(s.stage, lang),
          value: s.organisations,
          text: String(s.organisations),
        }))}
      />
      <div class="table-wrap">
        <table id="stage-tier">
          <caption class="visually-hidden">{t('by_stage_tier')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('stage')}</th>
              {a.stageByTier.tiers.map((tier) => (
                <th scope="col" class="num">
                  {tierLabel(tier, lang)}
                </th>
              ))}
              <th scope="col" class="num">
                {t('total')}
              </th>
            </tr>
          </thead>
          <tbody>
            {a.byStage.map((s) => (
              <tr data-stage={s.stage}>
                <th scope="row">{stageLabel(s.stage, lang)}</th>
                {a.stageByTier.tiers.map((tier) => (
                  <td class="num" data-tier={tier}>
                    {a.stageByTier.counts[s.stage][tier] ?? 0}
                  </td>
                ))}
                <td class="num">{s.organisations}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2>{t('areas_title')}</h2>
      <BarChart
        title={t('areas_title')}
        bars={a.areas.map((x) => ({
          label: areaLabel(names, x.key, lang),
          value: x.organisations,
          text: String(x.organisations),
        }))}
      />
      <div class="table-wrap">
        <table id="areas">
          <caption class="visually-hidden">{t('areas_title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('area')}</th>
              <th scope="col" class="num">
                {t('organisations')}
              </th>
              {questionnaireStages.map((s) => (
                <th scope="col" class="num">
                  {stageLabel(s, lang)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {a.areas.map((x) => (
              <tr data-area={x.key}>
                <th scope="row">{areaLabel(names, x.key, lang)}</th>
                <td class="num">{x.organisations}</td>
                {questionnaireStages.map((s) => (
                  <td class="num">{x.byStage[s]}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2>{t('revenue_title')}</h2>
      <BarChart
        title={t('revenue_title')}
        bars={a.byStage.map((s) => ({
          label: stageLabel(s.stage, lang),
          value: s.monthlyNetCents,
          text: euro(s.monthlyNetCents),
        }))}
      />
      <h2>{t('capital_title')}</h2>
      <BarChart
        title={t('capital_title')}
        bars={a.byStage.map((s) => ({
          label: stageLabel(s.stage, lang),
          value: s.capitalCents,
          text: euro(s.capitalCents),
        }))}
      />
      <div class="table-wrap">
        <table id="by-stage">
          <caption class="visually-hidden">{`${t('revenue_title')}; ${t('capital_title')}`}</caption>
          <thead>
            <tr>
              <th scope="col">{t('stage')}</th>
              <th scope="col" class="num">
                {t('organisations')}
              </th>
              <th scope="col" class="num">
                {t('monthly_revenue')}
              </th>
              <th scope="col" class="num">
                {t('mandatory_shares')}
              </th>
              <th scope="col" class="num">
                {t('suggested_shares')}
              </th>
              <th scope="col" class="num">
                {t('capital')}
              </th>
              <th scope="col" class="num">
                {t('with_unpriced')}
              </th>
            </tr>
          </thead>
          <tbody>
            {[...a.byStage, { stage: 'total' as const, ...a.total }].map((s) => (
              <tr data-stage={s.stage}>
                <th scope="row">{s.stage === 'total' ? t('total') : stageLabel(s.stage, lang)}</th>
                <td class="num">{s.organisations}</td>
                <td class="num">{euro(s.monthlyNetCents)}</td>
                <td class="num">{s.mandatoryShares}</td>
                <td class="num">{s.suggestedShares}</td>
                <td class="num">{euro(s.capitalCents)}</td>
                <td class="num">{s.withUnpricedAreas}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2>{t('list_title')}</h2>
      <p>{t('list_count', { n: o.items.length })}</p>
      {props.items.length === 0 ? (
        <p>{t('none')}</p>
      ) : (
        <div class="table-wrap">
          <table id="needs-list">
            <thead>
              <tr>
                <th scope="col">{t('ref')}</th>
                <th scope="col">{t('organisation')}</th>
                <SortHeading lang={lang} query={query} sort="stage" label={t('stage')} />
                <th scope="col">{t('tier')}</th>
                <SortHeading lang={lang} query={query} sort="monthly" label={t('monthly')} num />
                <th scope="col" class="num">
                  {t('shares')}
                </th>
                <th scope="col">{t('follow_up')}</th>
                <th scope="col">{t('next_on')}</th>
                <th scope="col">{t('assignee')}</th>
                <SortHeading lang={lang} query={query} sort="submitted" label={t('submitted')} />
              </tr>
            </thead>
            <tbody>
              {props.items.map((item) => (
                <ItemRow lang={lang} item={item} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager lang={lang} page={props.page} pages={props.pages} href={(page) => overviewHref(query, { page })} />
    </section>
  )
}
