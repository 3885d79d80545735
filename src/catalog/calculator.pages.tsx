import { formatDate, formatEuro, type Language } from '../platform/i18n.ts'
import { type Errors, Field } from '../web/components.tsx'
import type { Calculation } from './calculator.ts'
import { catalogT } from './catalog.messages.ts'
import { pick } from './catalog.model.ts'
import { tierName } from './catalog-view.tsx'
import { withVat } from './pricing.rules.ts'

/** The price calculator: a GET form (works without script, shareable URL) and the result beside it. */

export type CalculatorValues = Record<string, string | string[]>

function nameOf(calc: Calculation, key: string, lang: Language): string {
  const area = calc.snapshot.areas.find((a) => a.key === key)
  return area ? pick(area.name, lang) : key
}

/** The monthly rate's composition as one bar: each area's net share, then the VAT; figures also in words. */
function CompositionChart(props: { lang: Language; calc: Calculation }) {
  const { lang, calc } = props
  const t = catalogT(lang)
  const q = calc.quote
  const parts = q.areas
    .filter((a) => a.monthlyNetCents !== null && a.monthlyNetCents > 0)
    .map((a) => ({ label: nameOf(calc, a.key, lang), cents: a.monthlyNetCents! }))
  if (q.monthlyVatCents > 0) parts.push({ label: t('vat_part'), cents: q.monthlyVatCents })
  if (q.monthlyGrossCents <= 0 || parts.length === 0) return null
  const label = t('chart_label', {
    total: formatEuro(q.monthlyGrossCents, lang),
    parts: parts.map((p) => `${p.label} ${formatEuro(p.cents, lang)}`).join(', '),
  })
  let x = 0
  return (
    <figure class="composition">
      <svg class="composition-bar" viewBox="0 0 100 8" preserveAspectRatio="none" role="img" aria-label={label}>
        <title>{label}</title>
        {parts.map((p, i) => {
          const width = (p.cents / q.monthlyGrossCents) * 100
          const rect = (
            <rect
              class={`part part-${i === parts.length - 1 && q.monthlyVatCents > 0 ? 'vat' : i % 4}`}
              x={x.toFixed(3)}
              y="0"
              height="8"
              width={width.toFixed(3)}
            />
          )
          x += width
          return rect
        })}
      </svg>
      <figcaption>
        <ul class="legend plain">
          {parts.map((p, i) => (
            <li>
              <span
                class={`swatch part-${i === parts.length - 1 && q.monthlyVatCents > 0 ? 'vat' : i % 4}`}
                aria-hidden="true"
              />{' '}
              {`${p.label}: ${formatEuro(p.cents, lang)}`}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  )
}

/** The result: per-area tier and rate, the total, setup fees, shares, hourly estimates. */
export function CalculatorResult(props: { lang: Language; calc: Calculation | null; invalid: boolean }) {
  const { lang, calc } = props
  const t = catalogT(lang)
  if (props.invalid) return <p class="error">{t('result_invalid')}</p>
  if (!calc) return <p class="hint">{t('result_empty')}</p>
  const q = calc.quote
  const setupVat = q.areas.reduce(
    (sum, a) => sum + (a.vatPercent === null ? 0 : withVat(a.setupNetCents, a.vatPercent).vatCents),
    0,
  )
  const s = q.shares
  return (
    <div
      class="calc-result"
      data-monthly-net={q.monthlyNetCents}
      data-monthly-gross={q.monthlyGrossCents}
      data-mandatory-shares={s.mandatory}
      data-suggested-shares={s.suggested}
    >
      <p>
        {t('result_for', {
          employees: calc.input.employees.toLocaleString(lang),
          volunteers: calc.input.volunteers.toLocaleString(lang),
          budget: formatEuro(calc.input.annualBudgetCents, lang),
          date: formatDate(calc.snapshot.day, lang),
        })}
      </p>
      {q.areas.length === 0 ? (
        <p>{t('no_areas')}</p>
      ) : (
        <div class="table-wrap">
          <table class="calc">
            <thead>
              <tr>
                <th scope="col">{t('col_area')}</th>
                <th scope="col">{t('col_tier')}</th>
                <th scope="col" class="num">
                  {t('col_net')}
                </th>
                <th scope="col" class="num">
                  {t('col_vat')}
                </th>
                <th scope="col" class="num">
                  {t('col_gross')}
                </th>
              </tr>
            </thead>
            <tbody>
              {q.areas.map((a) => {
                const line =
                  a.monthlyNetCents === null || a.vatPercent === null ? null : withVat(a.monthlyNetCents, a.vatPercent)
                return (
                  <tr data-area={a.key} data-tier={a.tierKey ?? ''}>
                    <th scope="row">{nameOf(calc, a.key, lang)}</th>
                    <td>{a.tierKey ? tierName(a.tierKey, lang) : t('no_price_yet')}</td>
                    <td class="num">{line ? formatEuro(line.netCents, lang) : '—'}</td>
                    <td class="num">
                      {line ? `${formatEuro(line.vatCents, lang)} (${a.vatPercent!.toLocaleString(lang)} %)` : '—'}
                    </td>
                    <td class="num">{line ? formatEuro(line.grossCents, lang) : '—'}</td>
                  </tr>
                )
              })}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colspan={2}>
                  {t('total')}
                </th>
                <td class="num" data-total="net">
                  {formatEuro(q.monthlyNetCents, lang)}
                </td>
                <td class="num" data-total="vat">
                  {formatEuro(q.monthlyVatCents, lang)}
                </td>
                <td class="num" data-total="gross">
                  <strong>{formatEuro(q.monthlyGrossCents, lang)}</strong>
                </td>
              </tr>
            </tfoot>
          </table>
        </div>
      )}
      {q.unpricedAreas.length > 0 && (
        <p class="notice">{t('unpriced', { areas: q.unpricedAreas.map((k) => nameOf(calc, k, lang)).join(', ') })}</p>
      )}
      <CompositionChart lang={lang} calc={calc} />
      {q.setupNetCents > 0 && (
        <p data-setup={q.setupNetCents}>
          {t('setup_total', {
            net: formatEuro(q.setupNetCents, lang),
            gross: formatEuro(q.setupNetCents + setupVat, lang),
          })}
        </p>
      )}
      <h3>{t('shares_heading')}</h3>
      <p data-shares="mandatory">
        {t('shares_mandatory', {
          date: formatDate(calc.statutesValidFrom, lang),
          n: s.mandatory,
          value: formatEuro(s.shareValueCents, lang),
          amount: formatEuro(s.mandatoryCents, lang),
        })}
      </p>
      <p data-shares="suggested">
        {s.suggested > 0
          ? t('shares_suggested', {
              n: s.suggested,
              value: formatEuro(s.shareValueCents, lang),
              amount: formatEuro(s.suggestedCents, lang),
              months: calc.capitalMonths,
            })
          : t('shares_none_suggested', { months: calc.capitalMonths })}
      </p>
      <p class="hint">{t('shares_note')}</p>
      {q.hours.length > 0 && (
        <div class="table-wrap">
          <table>
            <caption>{t('hours_heading')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('col_activity')}</th>
                <th scope="col" class="num">
                  {t('col_hours')}
                </th>
                <th scope="col" class="num">
                  {t('col_member')}
                </th>
                <th scope="col" class="num">
                  {t('col_non_member')}
                </th>
              </tr>
            </thead>
            <tbody>
              {q.hours.map((h) => {
                const amount = (total: number | null, rate: number | null) =>
                  total === null || rate === null
                    ? t('not_priced')
                    : `${formatEuro(total, lang)} (${t('per_hour', { amount: formatEuro(rate, lang) })})`
                return (
                  <tr data-hours={h.areaKey}>
                    <th scope="row">{nameOf(calc, h.areaKey, lang)}</th>
                    <td class="num">{h.hours}</td>
                    <td class="num">{amount(h.memberNetCents, h.memberRateCents)}</td>
                    <td class="num">{amount(h.nonMemberNetCents, h.nonMemberRateCents)}</td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  )
}

export function CalculatorPage(props: {
  lang: Language
  values: CalculatorValues
  errors?: Errors
  areas: Array<{ key: string; name: string; status: string }>
  calc: Calculation | null
  shareUrl: string | null
}) {
  const { lang, values: v, errors: e } = props
  const t = catalogT(lang)
  const one = (name: string) => {
    const value = v[name]
    return Array.isArray(value) ? (value[0] ?? '') : (value ?? '')
  }
  const chosen = Array.isArray(v.areas) ? v.areas : v.areas ? [v.areas] : []
  const invalid = Object.keys(e ?? {}).length > 0
  const labels: Record<string, string> = {
    employees: t('employees'),
    volunteers: t('volunteers'),
    budget: t('budget'),
    areas: t('areas'),
    consultingHours: t('consulting_hours'),
    trainingHours: t('training_hours'),
  }
  return (
    <section class="calculator">
      <h1>{t('calc_title')}</h1>
      <p>{t('calc_intro')}</p>
      <form method="get" action="/prices" id="price-calculator" class="stack wide" novalidate>
        {invalid && (
          <div class="error-summary" role="alert" tabindex={-1}>
            <p>{t('result_invalid')}</p>
            <ul>
              {Object.entries(e ?? {}).map(([path, message]) => (
                <li>
                  <a href={`#f-${path}`}>{`${labels[path] ?? path}: ${message}`}</a>
                </li>
              ))}
            </ul>
          </div>
        )}
        <div class="grid2">
          <Field name="employees" label={labels.employees!} inputmode="numeric" value={one('employees')} errors={e} />
          <Field
            name="volunteers"
            label={labels.volunteers!}
            inputmode="numeric"
            value={one('volunteers')}
            errors={e}
          />
          <Field
            name="budget"
            label={labels.budget!}
            inputmode="decimal"
            hint={t('budget_hint')}
            value={one('budget')}
            errors={e}
          />
        </div>
        <fieldset class={e?.areas ? 'field invalid' : 'field'} id="f-areas">
          <legend>{labels.areas}</legend>
          {props.areas.map((a) => (
            <label class="check">
              <input type="checkbox" name="areas" value={a.key} checked={chosen.includes(a.key)} /> {a.name}{' '}
              <span class="hint">({t(`status_${a.status}` as 'status_planned')})</span>
            </label>
          ))}
          {e?.areas && (
            <p class="error" id="f-areas-error">
              {e.areas}
            </p>
          )}
        </fieldset>
        <fieldset class="field">
          <legend>{t('hours_legend')}</legend>
          <div class="grid2">
            <Field
              name="consultingHours"
              label={labels.consultingHours!}
              inputmode="numeric"
              value={one('consultingHours')}
              errors={e}
            />
            <Field
              name="trainingHours"
              label={labels.trainingHours!}
              inputmode="numeric"
              value={one('trainingHours')}
              errors={e}
            />
          </div>
        </fieldset>
        <div class="actions">
          <button type="submit" data-calc-button>
            {t('calculate')}
          </button>
        </div>
      </form>
      <section class="quote" id="calc-result" aria-live="polite" aria-labelledby="calc-result-heading">
        <h2 id="calc-result-heading">{t('result_heading')}</h2>
        <div data-calc-body>
          <CalculatorResult lang={lang} calc={props.calc} invalid={invalid} />
        </div>
        {props.shareUrl && (
          <p class="hint">
            <a href={props.shareUrl} data-calc-link>
              {t('share_link')}
            </a>
          </p>
        )}
      </section>
      <p class="actions">
        <a href="/join">{t('join')}</a>
        <a href="/needs">{t('needs')}</a>
        <a href="/catalog">{t('back')}</a>
      </p>
    </section>
  )
}
