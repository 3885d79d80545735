import type { PriceKind } from '../db/schema-catalog.ts'
import { compareDates, type PlainDate } from '../platform/dates.ts'
import { formatDate, formatEuro, type Language } from '../platform/i18n.ts'
import { type Errors, Field, Form } from '../web/components.tsx'
import type { StoredPriceVersion } from './catalog.model.ts'
import type { FormValues } from './catalog-forms.ts'
import { tierName } from './catalog-view.tsx'
import { pricesT } from './prices.messages.ts'
import { tierFields } from './prices-form.ts'
import { priceTimeline } from './pricing.rules.ts'

/** The price timeline of every priced entry, the form for a new version and the quote setting. */

export interface PricedItem {
  param: string
  name: string
  kind: PriceKind
  versions: StoredPriceVersion[]
  canManage: boolean
}

function one(v: FormValues, name: string): string {
  const value = v[name]
  return Array.isArray(value) ? (value[0] ?? '') : (value ?? '')
}

export function amountsText(lang: Language, v: StoredPriceVersion): string {
  const t = pricesT(lang)
  const parts: string[] = []
  if (v.kind === 'flat_rate')
    parts.push(
      t('amount_tiers', {
        tiers: v.tiers.map((x) => `${tierName(x.key, lang)} ${formatEuro(x.monthlyCents, lang)}`).join(', '),
      }),
    )
  if (v.kind === 'addon') parts.push(t('amount_addon', { amount: formatEuro(v.monthlyCents ?? 0, lang) }))
  if (v.kind === 'hourly')
    parts.push(
      t('amount_hourly', {
        member: formatEuro(v.hourlyMemberCents ?? 0, lang),
        nonMember: formatEuro(v.hourlyNonMemberCents ?? 0, lang),
      }),
    )
  if (v.setupCents > 0) parts.push(t('amount_setup', { amount: formatEuro(v.setupCents, lang) }))
  parts.push(t('amount_vat', { vat: v.vatPercent.toLocaleString(lang) }))
  return parts.join(' · ')
}

function Timeline(props: { lang: Language; item: PricedItem; today: PlainDate }) {
  const { lang, item } = props
  const t = pricesT(lang)
  const segments = priceTimeline(item.versions)
  if (segments.length === 0) return <p>{t('no_versions')}</p>
  const byId = new Map(item.versions.map((v) => [v.id, v]))
  return (
    <div class="table-wrap">
      <table class="timeline">
        <caption>{t('timeline_caption', { name: item.name })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('from_col')}</th>
            <th scope="col">{t('until_col')}</th>
            <th scope="col">{t('state_col')}</th>
            <th scope="col">{t('amounts_col')}</th>
            <th scope="col">{t('note_col')}</th>
            <th scope="col">{t('by_col')}</th>
          </tr>
        </thead>
        <tbody>
          {segments.map((s) => {
            const v = byId.get(s.versionId)!
            const state =
              compareDates(s.from, props.today) > 0
                ? 'future'
                : s.until !== null && compareDates(s.until, props.today) < 0
                  ? 'past'
                  : 'current'
            return (
              <tr data-state={state} class={`timeline-${state}`}>
                <td>{formatDate(s.from, lang)}</td>
                <td>{s.until ? formatDate(s.until, lang) : t('open_end')}</td>
                <td>{t(`state_${state}`)}</td>
                <td>{amountsText(lang, v)}</td>
                <td>{v.note || '—'}</td>
                <td>{v.createdBy}</td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}

export function PricesPage(props: {
  lang: Language
  csrf: string
  items: PricedItem[]
  today: PlainDate
  capitalMonths: number | null
  settingValue?: string
  settingError?: string
}) {
  const { lang } = props
  const t = pricesT(lang)
  return (
    <section>
      <h1>{t('prices_title')}</h1>
      <p>{t('prices_intro')}</p>
      {props.items.map((item) => (
        <section class="priced-item" data-item={item.param} aria-label={item.name}>
          <h2>
            {item.name} <span class="hint">({t(`kind_${item.kind}`)})</span>
          </h2>
          <Timeline lang={lang} item={item} today={props.today} />
          {item.canManage && (
            <p>
              <a href={`/catalog/prices/new?${item.param}`}>{t('new_version')}</a>
            </p>
          )}
        </section>
      ))}
      {props.capitalMonths !== null && (
        <Form
          action="/catalog/prices/settings"
          csrf={props.csrf}
          lang={lang}
          errors={props.settingError ? { months: props.settingError } : undefined}
          labels={{ months: t('capital_months') }}
        >
          <h2>{t('settings_legend')}</h2>
          <Field
            name="months"
            label={t('capital_months')}
            hint={t('capital_months_hint')}
            inputmode="numeric"
            value={props.settingValue ?? String(props.capitalMonths)}
            errors={props.settingError ? { months: props.settingError } : undefined}
            required
          />
          <div class="actions">
            <button type="submit">{t('save_setting')}</button>
          </div>
        </Form>
      )}
    </section>
  )
}

export function ChooseItemPage(props: { lang: Language; items: PricedItem[] }) {
  const t = pricesT(props.lang)
  return (
    <section>
      <h1>{t('choose_title')}</h1>
      <p>{t('choose_intro')}</p>
      <ul>
        {props.items
          .filter((i) => i.canManage)
          .map((item) => (
            <li>
              <a href={`/catalog/prices/new?${item.param}`}>{item.name}</a> ({t(`kind_${item.kind}`)})
            </li>
          ))}
      </ul>
    </section>
  )
}

export function priceLabels(lang: Language, rows: number): Record<string, string> {
  const t = pricesT(lang)
  const labels: Record<string, string> = {
    validFrom: t('valid_from'),
    validUntil: t('valid_until'),
    vatPercent: t('vat_percent'),
    setupCents: t('setup_euro'),
    monthlyCents: t('monthly_euro'),
    hourlyMemberCents: t('hourly_member_euro'),
    hourlyNonMemberCents: t('hourly_non_member_euro'),
    note: t('note'),
    tiers: t('tiers_legend'),
    areaKey: t('item_col'),
    serviceKey: t('item_col'),
  }
  const names = {
    key: t('tier_key'),
    fromEmployees: t('tier_employees'),
    fromVolunteers: t('tier_volunteers'),
    fromBudgetCents: t('tier_budget'),
    monthlyCents: t('tier_monthly'),
  }
  for (let i = 0; i < rows; i++)
    for (const [f, label] of Object.entries(names))
      labels[`tiers.${i}.${f}`] = `${t('tier_row', { n: i + 1 })}: ${label}`
  return labels
}

function TierRows(props: {
  lang: Language
  values: FormValues
  rows: number
  errors?: Errors
  labels: Record<string, string>
}) {
  const { lang, values: v, errors: e, labels } = props
  const t = pricesT(lang)
  return (
    <fieldset class="field" id="f-tiers">
      <legend>{t('tiers_legend')}</legend>
      <p class="hint">{t('tiers_hint')}</p>
      {e?.tiers && <p class="error">{e.tiers}</p>}
      <div class="table-wrap">
        <table class="tiers">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t('tier_key')}</th>
              <th scope="col">{t('tier_employees')}</th>
              <th scope="col">{t('tier_volunteers')}</th>
              <th scope="col">{t('tier_budget')}</th>
              <th scope="col">{t('tier_monthly')}</th>
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: props.rows }, (_, i) => (
              <tr>
                <th scope="row">{t('tier_row', { n: i + 1 })}</th>
                {tierFields.map((f) => {
                  const name = `tiers.${i}.${f}`
                  const error = e?.[name]
                  return (
                    <td class={error ? 'invalid' : undefined}>
                      <input
                        class="tier-input"
                        id={`f-${name}`}
                        name={name}
                        value={one(v, name)}
                        aria-label={labels[name]}
                        inputmode={
                          f === 'key'
                            ? undefined
                            : f === 'fromBudgetCents' || f === 'monthlyCents'
                              ? 'decimal'
                              : 'numeric'
                        }
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
  )
}

export function PriceFormPage(props: {
  lang: Language
  csrf: string
  item: PricedItem
  current: StoredPriceVersion | undefined
  values: FormValues
  rows: number
  running: { count: number; from: PlainDate } | null
  errors?: Errors
}) {
  const { lang, values: v, errors: e, item } = props
  const t = pricesT(lang)
  const labels = priceLabels(lang, props.rows)
  const [paramName, paramValue] = item.param.split('=') as [string, string]
  const euro = (name: string, required = true) => (
    <Field name={name} label={labels[name]!} inputmode="decimal" value={one(v, name)} errors={e} required={required} />
  )
  return (
    <section>
      <h1>{t('new_title', { name: item.name })}</h1>
      <p>{t('new_intro')}</p>
      {props.current && <p>{t('current_version', { text: amountsText(lang, props.current) })}</p>}
      {props.running && (
        <p class="notice" data-running={props.running.count}>
          {props.running.count === 0
            ? t('notify_count_none')
            : props.running.count === 1
              ? t('notify_count_one')
              : t('notify_count_other', { n: props.running.count })}{' '}
          {t('notify_basis', { date: formatDate(props.running.from, lang) })}
        </p>
      )}
      <Form action="/catalog/prices" csrf={props.csrf} lang={lang} errors={e} labels={labels} class="stack wide">
        <input type="hidden" name={paramName === 'area' ? 'areaKey' : 'serviceKey'} value={paramValue} />
        <div class="grid2">
          <Field
            name="validFrom"
            label={labels.validFrom!}
            type="date"
            value={one(v, 'validFrom')}
            errors={e}
            required
          />
          <Field
            name="validUntil"
            label={labels.validUntil!}
            type="date"
            hint={t('valid_until_hint')}
            value={one(v, 'validUntil')}
            errors={e}
          />
          <Field
            name="vatPercent"
            label={labels.vatPercent!}
            inputmode="decimal"
            value={one(v, 'vatPercent')}
            errors={e}
            required
          />
          {item.kind !== 'hourly' && euro('setupCents', false)}
          {item.kind === 'addon' && euro('monthlyCents')}
          {item.kind === 'hourly' && euro('hourlyMemberCents')}
          {item.kind === 'hourly' && euro('hourlyNonMemberCents')}
        </div>
        {item.kind === 'flat_rate' && <TierRows lang={lang} values={v} rows={props.rows} errors={e} labels={labels} />}
        <Field name="note" label={labels.note!} value={one(v, 'note')} errors={e} maxlength={500} />
        <div class="actions">
          <button type="submit">{t('adopt')}</button>
          <a href="/catalog/prices">{t('cancel')}</a>
        </div>
      </Form>
    </section>
  )
}
