import { pick } from '../catalog/catalog.model.ts'
import { toolLabel } from '../catalog/tools.ts'
import { legalFormLabel } from '../organisations/organisations.pages.tsx'
import { formatDateTime, formatEuro, type Language, translator } from '../platform/i18n.ts'
import { BarChart } from './charts.tsx'
import { needsText, stageLabel } from './needs.messages.ts'
import type { Questionnaire } from './needs.model.ts'
import { quoteTexts } from './quote-view.ts'

/** The quote of a questionnaire as a page: shared by the contact's page and the founders' detail page. */

/** The inputs in short. Erased personal fields show as a dash. */
export function InputsSummary(props: { lang: Language; q: Questionnaire }) {
  const { lang, q } = props
  const t = translator(needsText, lang)
  const areaName = (key: string) => {
    const name = q.storedQuote.names.areas[key]
    return name ? pick(name, lang) : key
  }
  return (
    <dl class="facts">
      <dt>{t('organisation_name')}</dt>
      <dd>{q.organisationName || t('none')}</dd>
      <dt>{t('legal_form')}</dt>
      <dd>{legalFormLabel(lang, q.legalForm)}</dd>
      <dt>{t('city')}</dt>
      <dd>{q.city || t('none')}</dd>
      <dt>{t('contact')}</dt>
      <dd>{[q.contactName, q.contactEmail, q.contactPhone].filter(Boolean).join(', ') || t('none')}</dd>
      <dt>{t('size')}</dt>
      <dd>
        {t('size_value', {
          employees: q.employees,
          volunteers: q.volunteers,
          budget: formatEuro(q.annualBudgetCents, lang),
          devices: q.devices,
        })}
      </dd>
      <dt>{t('wanted_areas')}</dt>
      <dd>{q.wantedAreas.map(areaName).join(', ') || t('none')}</dd>
      <dt>{t('tools_today')}</dt>
      <dd>{q.toolsToday.map((x) => toolLabel(x, lang)).join(', ') || t('none')}</dd>
      <dt>{t('pain_points')}</dt>
      <dd class="reason">{q.painPoints || t('none')}</dd>
      <dt>{t('hours')}</dt>
      <dd>{t('hours_value', { consulting: q.consultingHours, training: q.trainingHours })}</dd>
      <dt>{t('stage')}</dt>
      <dd>{stageLabel(q.stage, lang)}</dd>
    </dl>
  )
}

/** Monthly flat rate, shares, hours, migration list and the versions used; `headingLevel` 2 on its own page. */
/** Monthly flat rate, shares, hours, migration list and the versions used; headings at `level` (2 by default). */
export function QuoteSections(props: { lang: Language; q: Questionnaire; level?: 2 | 3 }) {
  const { lang, q } = props
  const H = (h: { children: string }) => (props.level === 3 ? <h3>{h.children}</h3> : <h2>{h.children}</h2>)
  const t = translator(needsText, lang)
  const x = quoteTexts(q.storedQuote, lang)
  return (
    <>
      <H>{t('monthly_section')}</H>
      <p class="hint">{t('monthly_hint')}</p>
      {x.monthly.total === null ? (
        <p>{t('no_primary')}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">{t('monthly_section')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('area')}</th>
                <th scope="col">{t('tier')}</th>
                <th scope="col" class="num">
                  {t('net')}
                </th>
                <th scope="col" class="num">
                  {t('vat')}
                </th>
                <th scope="col" class="num">
                  {t('gross')}
                </th>
                <th scope="col" class="num">
                  {t('setup')}
                </th>
              </tr>
            </thead>
            <tbody>
              {x.monthly.rows.map((row) => (
                <tr data-area={row.key}>
                  <th scope="row">{row.area}</th>
                  {row.priced ? (
                    <>
                      <td>{row.tier}</td>
                      <td class="num">{row.net}</td>
                      <td class="num">{row.vat}</td>
                      <td class="num">{row.gross}</td>
                      <td class="num">{row.setup}</td>
                    </>
                  ) : (
                    <td colspan={5}>{t('unpriced')}</td>
                  )}
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t('total_monthly')}</th>
                <td />
                <td class="num" data-monthly-net={q.storedQuote.quote.monthlyNetCents}>
                  <strong>{x.monthly.total.net}</strong>
                </td>
                <td class="num">{x.monthly.total.vat}</td>
                <td class="num">{x.monthly.total.gross}</td>
                <td class="num">{x.monthly.total.setup}</td>
              </tr>
            </tfoot>
          </table>
        </div>
      )}
      {x.monthly.unpricedNote && <p class="notice">{x.monthly.unpricedNote}</p>}
      {x.chart.length > 0 && <BarChart title={t('chart_title')} bars={x.chart} />}
      <H>{t('shares_section')}</H>
      <dl class="facts">
        <dt>{t('shares_mandatory')}</dt>
        <dd data-mandatory-shares={q.storedQuote.quote.shares.mandatory}>
          {x.shares.mandatory}
          <span class="hint"> – {x.shares.why}</span>
        </dd>
        <dt>{t('first_payment')}</dt>
        <dd>{x.shares.firstPayment}</dd>
        <dt>{t('shares_suggested')}</dt>
        <dd data-suggested-shares={q.storedQuote.quote.shares.suggested}>
          {x.shares.suggested}
          <span class="hint"> – {x.shares.suggestedWhy}</span>
        </dd>
      </dl>
      <div class="table-wrap">
        <table class="narrow">
          <caption>{t('plan_title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('due')}</th>
              <th scope="col" class="num">
                {t('plan_mandatory')}
              </th>
              <th scope="col" class="num">
                {t('plan_with_suggested')}
              </th>
            </tr>
          </thead>
          <tbody>
            {x.shares.plan.map((row) => (
              <tr>
                <td>{row.due}</td>
                <td class="num">{row.mandatory}</td>
                <td class="num">{row.withSuggested}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <H>{t('hours_section')}</H>
      {x.hours.length === 0 ? (
        <p>{t('hours_none')}</p>
      ) : (
        <>
          <div class="table-wrap">
            <table>
              <caption class="visually-hidden">{t('hours_section')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('area')}</th>
                  <th scope="col" class="num">
                    {t('hours_table_hours')}
                  </th>
                  <th scope="col" class="num">
                    {t('rate_member')}
                  </th>
                  <th scope="col" class="num">
                    {t('total_member')}
                  </th>
                  <th scope="col" class="num">
                    {t('rate_non_member')}
                  </th>
                  <th scope="col" class="num">
                    {t('total_non_member')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {x.hours.map((h) => (
                  <tr>
                    <th scope="row">{h.area}</th>
                    <td class="num">{h.hours}</td>
                    {h.priced ? (
                      <>
                        <td class="num">{h.rateMember}</td>
                        <td class="num">{h.totalMember}</td>
                        <td class="num">{h.rateNonMember}</td>
                        <td class="num">{h.totalNonMember}</td>
                      </>
                    ) : (
                      <td colspan={4}>{t('unpriced')}</td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p class="hint">{t('hours_net_note')}</p>
        </>
      )}
      <H>{t('migration_section')}</H>
      <p class="hint">{t('migration_hint')}</p>
      {x.migration.length === 0 ? (
        <p>{t('no_tools')}</p>
      ) : (
        <div class="table-wrap">
          <table class="migration">
            <caption class="visually-hidden">{t('migration_section')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('tool')}</th>
                <th scope="col">{t('replacement')}</th>
              </tr>
            </thead>
            <tbody>
              {x.migration.map((m) => (
                <tr>
                  <th scope="row">{m.tool}</th>
                  <td>
                    {m.replacements.length === 0 ? (
                      t('no_replacement')
                    ) : (
                      <ul class="plain">
                        {m.replacements.map((r) => (
                          <li>
                            <strong>{r.service}</strong>
                            {r.software && ` (${r.software})`} – {r.where}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p class="hint" data-computed-on={q.storedQuote.computedOn}>
        {x.computedWith} {x.priceVersions}
      </p>
    </>
  )
}

export interface AreaAction {
  key: string
  name: string
  href: string
  label: string
}

/** The contact's page: the quote, the way onwards (join, order, request), the PDF and erasure. */
export function QuotePage(props: {
  lang: Language
  csrf: string
  token: string
  q: Questionnaire
  /** Order (primary, for admins of member organisations) and request (secondary) links per wanted area. */
  areaActions: AreaAction[]
}) {
  const { lang, q, token } = props
  const t = translator(needsText, lang)
  if (q.erasedAt)
    return (
      <section>
        <h1>{t('erased_title', { ref: q.ref })}</h1>
        <p>{t('erased_text', { date: formatDateTime(q.erasedAt, lang) })}</p>
      </section>
    )
  return (
    <section>
      <h1>{t('quote_title', { ref: q.ref })}</h1>
      <p>{t('quote_intro')}</p>
      <h2>{t('inputs_section')}</h2>
      <InputsSummary lang={lang} q={q} />
      <QuoteSections lang={lang} q={q} />
      <h2>{t('next_section')}</h2>
      {q.applicationId ? (
        <p class="notice">{t('applied_note')}</p>
      ) : (
        <p>
          <a class="button" href={`/join?questionnaire=${token}`}>
            {t('join_button')}
          </a>{' '}
          <span class="hint">{t('join_hint')}</span>
        </p>
      )}
      {props.areaActions.length > 0 && (
        <>
          <p class="hint">{t('order_hint')}</p>
          <ul class="plain area-actions">
            {props.areaActions.map((a) => (
              <li>
                {a.name}:{' '}
                <a class="button secondary" href={a.href}>
                  {a.label}
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
      <p>
        <a href={`/needs/${token}/quote.pdf`}>{t('pdf')}</a>
      </p>
      <h2>{t('erase_section')}</h2>
      <p>{t('erase_text')}</p>
      <form method="post" action={`/needs/${token}/erase`}>
        <input type="hidden" name="_csrf" value={props.csrf} />
        <button type="submit" class="danger">
          {t('erase_button')}
        </button>
      </form>
    </section>
  )
}
