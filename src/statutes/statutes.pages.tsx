import { compareDates, type PlainDate } from '../platform/dates.ts'
import { formatDate, formatDateTime, formatEuro, type Language, translator } from '../platform/i18n.ts'
import { type Errors, Field, Form, Select } from '../web/components.tsx'
import { DataTable } from '../web/data-table.tsx'
import type { StatutesVersionView } from './statutes.actions.ts'
import { membersPhrase, monthName, sharesPhrase, statutesText, tierLabel } from './statutes.messages.ts'
import type { StatutesSettings } from './statutes.rules.ts'
import type { StatutesForm } from './statutes.schema.ts'

type VersionState = 'current' | 'future' | 'past'

function stateOf(
  version: StatutesVersionView,
  current: StatutesVersionView | undefined,
  today: PlainDate,
): VersionState {
  if (compareDates(version.validFrom, today) > 0) return 'future'
  return version.id === current?.id ? 'current' : 'past'
}

/** The settings of one version as sentences a member can read, with the tier table. */
export function StatutesRules(props: { lang: Language; settings: StatutesSettings }) {
  const { lang, settings: s } = props
  const t = translator(statutesText, lang)
  return (
    <div class="statutes">
      <h2>{t('section_shares')}</h2>
      <p data-rule="share-value">{t('share_value', { value: formatEuro(s.shareValueCents, lang) })}</p>
      <p>{t('org_formula', { perArea: sharesPhrase(s.sharesPerPrimaryArea, lang) })}</p>
      <div class="table-wrap">
        <table>
          <caption>{t('tiers_caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('tier')}</th>
              <th scope="col">{t('from_employees')}</th>
              <th scope="col">{t('from_budget')}</th>
              <th scope="col">{t('tier_shares')}</th>
            </tr>
          </thead>
          <tbody>
            {s.sizeTiers.map((tier) => (
              <tr>
                <td>{tierLabel(tier.key, lang)}</td>
                <td>{tier.fromEmployees}</td>
                <td>{formatEuro(tier.fromBudgetCents, lang)}</td>
                <td>{tier.shares}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>
        {t('fixed_shares', {
          employee: sharesPhrase(s.employeeMemberShares, lang),
          supporting: sharesPhrase(s.supportingMemberShares, lang),
        })}
      </p>
      <p data-rule="min-max">
        {t('min_max', { min: sharesPhrase(s.minimumShares, lang), max: sharesPhrase(s.maximumShares, lang) })}
      </p>
      <p>{t('voluntary')}</p>
      <h2>{t('section_payment')}</h2>
      <p data-rule="payment">
        {s.instalmentCount === 0 || s.minimumPaymentPercent >= 100
          ? t('payment_full')
          : t('payment_instalments', {
              percent: s.minimumPaymentPercent,
              count: s.instalmentCount,
              interval: s.instalmentIntervalMonths,
            })}
      </p>
      <h2>{t('section_membership')}</h2>
      <p data-rule="notice">{t('notice', { months: s.noticeMonths })}</p>
      <p>
        {s.fiscalYearStartMonth === 1
          ? t('fiscal_calendar')
          : t('fiscal_from', { month: monthName(s.fiscalYearStartMonth, lang) })}
      </p>
      <h2>{t('section_governance')}</h2>
      <p>{t('one_vote')}</p>
      <p>{s.supportingMembersVote ? t('supporting_vote_yes') : t('supporting_vote_no')}</p>
      <p>{t('proxy', { members: membersPhrase(s.proxyLimit, lang) })}</p>
      <p data-rule="plural-votes">
        {s.pluralVotesMax > 1 ? t('plural_votes', { max: s.pluralVotesMax }) : t('plural_votes_none')}
      </p>
      <p data-rule="demand">{t('demand', { percent: s.demandPercent })}</p>
      <p data-rule="written-votes">{s.writtenVotes ? t('written_votes_yes') : t('written_votes_no')}</p>
      <p data-rule="invitation">{t('invitation', { days: s.invitationDays, agenda: s.agendaDays })}</p>
      <p data-rule="admission">{s.admissionApprovals >= 2 ? t('admission_two') : t('admission_one')}</p>
    </div>
  )
}

function VersionList(props: {
  lang: Language
  versions: StatutesVersionView[]
  current: StatutesVersionView | undefined
  today: PlainDate
}) {
  const t = translator(statutesText, props.lang)
  return (
    <>
      <h2>{t('versions')}</h2>
      <DataTable
        items={[...props.versions].reverse()}
        empty="—"
        columns={[t('valid_from'), t('state'), t('note'), t('adopted_by'), t('adopted_at')]}
        row={(v) => (
          <tr>
            <td>
              <a href={`/statutes/${v.id}`}>{formatDate(v.validFrom, props.lang)}</a>
            </td>
            <td>{t(`state_${stateOf(v, props.current, props.today)}`)}</td>
            <td>{v.note || '—'}</td>
            <td>{v.createdBy}</td>
            <td>{formatDateTime(v.createdAt, props.lang)}</td>
          </tr>
        )}
      />
    </>
  )
}

/** The public statutes page: the version in force, an announced one, every version. */
export function StatutesPage(props: {
  lang: Language
  current: StatutesVersionView
  versions: StatutesVersionView[]
  today: PlainDate
  canManage: boolean
}) {
  const t = translator(statutesText, props.lang)
  const future = props.versions.filter((v) => compareDates(v.validFrom, props.today) > 0)
  return (
    <section>
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      <p>
        <strong>{t('in_force', { date: formatDate(props.current.validFrom, props.lang) })}</strong>
        {props.current.note && ` ${t('note_label')}: ${props.current.note}`}
      </p>
      {future.map((v) => (
        <p class="notice">
          {t('future_notice', { date: formatDate(v.validFrom, props.lang) })}{' '}
          <a href={`/statutes/${v.id}`}>{t('future_link')}</a>
        </p>
      ))}
      {props.canManage && (
        <div class="actions">
          <a class="button" href="/statutes/new">
            {t('new_button')}
          </a>
        </div>
      )}
      <StatutesRules lang={props.lang} settings={props.current.settings} />
      <VersionList lang={props.lang} versions={props.versions} current={props.current} today={props.today} />
    </section>
  )
}

/** One version, whether in force, announced or superseded. */
export function StatutesVersionPage(props: {
  lang: Language
  version: StatutesVersionView
  current: StatutesVersionView | undefined
  today: PlainDate
}) {
  const t = translator(statutesText, props.lang)
  const state = stateOf(props.version, props.current, props.today)
  return (
    <section>
      <p>
        <a href="/statutes">{t('back')}</a>
      </p>
      <h1>{t('version_title', { date: formatDate(props.version.validFrom, props.lang) })}</h1>
      <p class={state === 'current' ? undefined : 'notice'}>
        {t(`version_state_${state}`, { date: formatDate(props.version.validFrom, props.lang) })}
      </p>
      {props.version.note && <p>{`${t('note_label')}: ${props.version.note}`}</p>}
      <p class="hint">{`${t('adopted_by')}: ${props.version.createdBy} · ${formatDateTime(props.version.createdAt, props.lang)}`}</p>
      <StatutesRules lang={props.lang} settings={props.version.settings} />
    </section>
  )
}

export function statutesLabels(lang: Language, rows: number): Record<string, string> {
  const t = translator(statutesText, lang)
  const labels: Record<string, string> = {
    validFrom: t('valid_from_field'),
    note: t('note_field'),
    shareValueCents: t('share_value_field'),
    minimumShares: t('minimum_shares'),
    maximumShares: t('maximum_shares'),
    sharesPerPrimaryArea: t('shares_per_area'),
    employeeMemberShares: t('employee_shares'),
    supportingMemberShares: t('supporting_shares'),
    minimumPaymentPercent: t('minimum_payment'),
    instalmentCount: t('instalment_count'),
    instalmentIntervalMonths: t('instalment_interval'),
    noticeMonths: t('notice_months'),
    fiscalYearStartMonth: t('fiscal_year_start'),
    supportingMembersVote: t('supporting_vote_field'),
    proxyLimit: t('proxy_limit'),
    admissionApprovals: t('admission_approvals'),
    pluralVotesMax: t('plural_votes_field'),
    demandPercent: t('demand_percent_field'),
    writtenVotes: t('written_votes_field'),
    invitationDays: t('invitation_days_field'),
    agendaDays: t('agenda_days_field'),
    sizeTiers: t('tiers_legend'),
  }
  for (let i = 0; i < rows; i++) {
    const row = t('tier_row', { n: i + 1 })
    labels[`sizeTiers.${i}.key`] = `${row}: ${t('tier_key')}`
    labels[`sizeTiers.${i}.fromEmployees`] = `${row}: ${t('tier_from_employees')}`
    labels[`sizeTiers.${i}.fromBudgetCents`] = `${row}: ${t('tier_from_budget')}`
    labels[`sizeTiers.${i}.shares`] = `${row}: ${t('tier_shares_field')}`
  }
  return labels
}

/** The board's form for a new version: every setting, the tiers as rows, the valid-from date and a note. */
export function StatutesFormPage(props: {
  lang: Language
  csrf: string
  values: StatutesForm
  rows: number
  errors?: Errors
}) {
  const { lang, values: v, errors: e } = props
  const t = translator(statutesText, lang)
  const labels = statutesLabels(lang, props.rows)
  const num = (name: string) => (
    <Field name={name} label={labels[name] ?? name} inputmode="numeric" value={v[name]} required errors={e} />
  )
  const small = (name: string, max: number) => (
    <Select
      name={name}
      label={labels[name] ?? name}
      value={v[name]}
      options={Array.from({ length: max }, (_, i) => ({ value: String(i + 1), label: String(i + 1) }))}
      errors={e}
      required
    />
  )
  return (
    <section>
      <h1>{t('new_title')}</h1>
      <p>{t('new_intro')}</p>
      <Form action="/statutes" csrf={props.csrf} lang={lang} errors={e} labels={labels} class="stack wide">
        <fieldset class="field">
          <legend>{t('section_validity')}</legend>
          <Field name="validFrom" label={labels.validFrom!} type="date" value={v.validFrom} required errors={e} />
          <Field name="note" label={labels.note!} value={v.note} maxlength={500} errors={e} />
        </fieldset>
        <fieldset class="field">
          <legend>{t('section_shares')}</legend>
          <Field
            name="shareValueCents"
            label={labels.shareValueCents!}
            inputmode="decimal"
            value={v.shareValueCents}
            required
            errors={e}
          />
          <div class="grid2">
            {num('minimumShares')}
            {num('maximumShares')}
            {num('sharesPerPrimaryArea')}
            {num('employeeMemberShares')}
            {num('supportingMemberShares')}
          </div>
        </fieldset>
        <fieldset class="field" id="f-sizeTiers">
          <legend>{t('tiers_legend')}</legend>
          <p class="hint">{t('tiers_hint')}</p>
          {e?.sizeTiers && <p class="error">{e.sizeTiers}</p>}
          <div class="table-wrap">
            <table class="tiers">
              <thead>
                <tr>
                  <th scope="col">{t('tier')}</th>
                  <th scope="col">{t('tier_key')}</th>
                  <th scope="col">{t('tier_from_employees')}</th>
                  <th scope="col">{t('tier_from_budget')}</th>
                  <th scope="col">{t('tier_shares_field')}</th>
                </tr>
              </thead>
              <tbody>
                {Array.from({ length: props.rows }, (_, i) => (
                  <tr>
                    <th scope="row">{t('tier_row', { n: i + 1 })}</th>
                    {(['key', 'fromEmployees', 'fromBudgetCents', 'shares'] as const).map((f) => {
                      const name = `sizeTiers.${i}.${f}`
                      const error = e?.[name]
                      return (
                        <td class={error ? 'invalid' : undefined}>
                          <input
                            class="tier-input"
                            id={`f-${name}`}
                            name={name}
                            value={v[name] ?? ''}
                            aria-label={labels[name]}
                            inputmode={f === 'key' ? undefined : f === 'fromBudgetCents' ? 'decimal' : 'numeric'}
                            aria-invalid={error ? 'true' : undefined}
                            aria-describedby={error ? `f-${name}-error` : undefined}
                          />
                          {error && (
                            <p class="error" id={`f-${name}-error`}>
                              {error}
                            </p>
                          )}
                        </td>
                      )
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </fieldset>
        <fieldset class="field">
          <legend>{t('section_payment')}</legend>
          <div class="grid2">
            {num('minimumPaymentPercent')}
            {num('instalmentCount')}
            {num('instalmentIntervalMonths')}
          </div>
        </fieldset>
        <fieldset class="field">
          <legend>{t('section_membership')}</legend>
          <div class="grid2">
            {num('noticeMonths')}
            <Select
              name="fiscalYearStartMonth"
              label={labels.fiscalYearStartMonth!}
              value={v.fiscalYearStartMonth}
              options={Array.from({ length: 12 }, (_, i) => ({ value: String(i + 1), label: monthName(i + 1, lang) }))}
              errors={e}
              required
            />
          </div>
        </fieldset>
        <fieldset class="field">
          <legend>{t('section_governance')}</legend>
          <label class="check" for="f-supportingMembersVote">
            <input
              type="checkbox"
              id="f-supportingMembersVote"
              name="supportingMembersVote"
              value="on"
              checked={v.supportingMembersVote === 'on'}
            />{' '}
            {labels.supportingMembersVote}
          </label>
          <div class="grid2">
            {small('proxyLimit', 2)}
            {small('admissionApprovals', 2)}
            {small('pluralVotesMax', 3)}
            {num('demandPercent')}
            {num('invitationDays')}
            {num('agendaDays')}
          </div>
          <label class="check" for="f-writtenVotes">
            <input
              type="checkbox"
              id="f-writtenVotes"
              name="writtenVotes"
              value="on"
              checked={v.writtenVotes === 'on'}
            />{' '}
            {labels.writtenVotes}
          </label>
        </fieldset>
        <div class="actions">
          <button type="submit">{t('adopt')}</button>
          <a href="/statutes">{t('cancel')}</a>
        </div>
      </Form>
    </section>
  )
}
