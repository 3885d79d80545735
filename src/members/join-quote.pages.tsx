import { monthsBetween, type PlainDate } from '../platform/dates.ts'
import { formatDate, formatEuro, type Language, translator } from '../platform/i18n.ts'
import { tierLabel } from '../statutes/statutes.messages.ts'
import { type StatutesSettings, sizeTierFor } from '../statutes/statutes.rules.ts'
import { joinText } from './join.messages.ts'
import type { JoiningQuote } from './joining.rules.ts'

export interface QuoteProps {
  lang: Language
  settings: StatutesSettings
  validFrom: PlainDate
  /** null when size or shares could not be read as numbers. */
  quote: JoiningQuote | null
  memberType: string
  employees: number
  annualBudgetCents: number
  areas: number
  /** The chosen primary areas as the catalog names them. */
  areaNames: string[]
}

/** The live quote: mandatory shares and why, voluntary ones, the amount and the payment plan (§7 GenG). */
export function QuoteBody(props: QuoteProps) {
  const t = translator(joinText, props.lang)
  const { quote, settings, lang } = props
  if (!quote) return <p class="hint">{t('quote_invalid')}</p>
  const start = quote.schedule[0]?.dueOn
  let why: string
  if (props.memberType === 'organisation') {
    const tier = sizeTierFor(settings, props.employees, props.annualBudgetCents)
    why = t('quote_tier', {
      tier: tierLabel(tier.key, lang),
      tierShares: tier.shares,
      areas: props.areas,
      perArea: settings.sharesPerPrimaryArea,
    })
  } else if (props.memberType === 'employee') why = t('quote_fixed_employee', { shares: quote.mandatoryShares })
  else why = t('quote_fixed_supporting', { shares: quote.mandatoryShares })
  return (
    <div data-mandatory-shares={quote.mandatoryShares} data-total-shares={quote.totalShares}>
      <dl class="facts">
        <dt>{t('quote_mandatory')}</dt>
        <dd>{quote.mandatoryShares}</dd>
        <dt>{t('quote_voluntary')}</dt>
        <dd>{quote.voluntaryShares}</dd>
        <dt>{t('quote_total')}</dt>
        <dd>{quote.totalShares}</dd>
        <dt>{t('quote_share_value')}</dt>
        <dd>{formatEuro(quote.shareValueCents, lang)}</dd>
        <dt>{t('quote_amount')}</dt>
        <dd>
          <strong>{formatEuro(quote.amountCents, lang)}</strong>
        </dd>
      </dl>
      <p class="hint">
        {why} {t('quote_minimum', { min: settings.minimumShares })}
        {props.areaNames.length > 0 && ` ${t('quote_areas', { names: props.areaNames.join(', ') })}`}
      </p>
      {quote.overMaximum && (
        <p class="error" role="alert">
          {t('quote_over_maximum', { max: settings.maximumShares })}
        </p>
      )}
      <table>
        <caption>{t('quote_plan')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('quote_due')}</th>
            <th scope="col">{t('quote_payment')}</th>
          </tr>
        </thead>
        <tbody>
          {quote.schedule.map((row) => {
            const months = start ? monthsBetween(start, row.dueOn) : 0
            return (
              <tr>
                <td>{months === 0 ? t('due_now') : t('due_months', { months })}</td>
                <td>{formatEuro(row.amountCents, lang)}</td>
              </tr>
            )
          })}
        </tbody>
      </table>
      <p class="hint">{t('quote_statutes', { date: formatDate(props.validFrom, lang) })}</p>
    </div>
  )
}
