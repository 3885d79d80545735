import { Refusal } from '../capital/capital.pages.tsx'
import { type Area, pick, type Service } from '../catalog/catalog.model.ts'
import { Consent } from '../members/member-forms.tsx'
import type { PlainDate } from '../platform/dates.ts'
import { formatDate, formatEuro, type Language, translator } from '../platform/i18n.ts'
import { type Errors, Field, Form, Select, TextArea } from '../web/components.tsx'
import { bookingsText } from './bookings.messages.ts'
import type { OrderAssessment } from './order.actions.ts'

/** The order form: organisation, item, start, configuration; the price, the terms and the §15b declaration it agrees to. */
export interface OrderPageProps {
  lang: Language
  csrf: string
  today: PlainDate
  mode: 'order' | 'record'
  organisations: Array<{ id: string; name: string }>
  /** Areas to choose from when none is chosen yet. */
  areas: Area[]
  area: Area | null
  /** The area's orderable add-ons and hourly services. */
  services: Service[]
  values: Record<string, string>
  assessment: OrderAssessment | null
  errors?: Errors
  refusal?: string
}

function AreaChoice(props: { lang: Language; areas: Area[]; mode: 'order' | 'record' }) {
  const t = translator(bookingsText, props.lang)
  const base = props.mode === 'record' ? '/orders/record' : '/orders/new'
  return (
    <>
      <p>{t('order_pick_area')}</p>
      <ul>
        {props.areas.map((a) => (
          <li>
            <a href={`${base}?area=${encodeURIComponent(a.key)}`}>{pick(a.name, props.lang)}</a> –{' '}
            {t(a.kind === 'primary' ? 'order_area_primary' : 'order_area_secondary')}
          </li>
        ))}
      </ul>
    </>
  )
}

function Money(props: { lang: Language; net: number; vat: number; gross: number; percent: number }) {
  const t = translator(bookingsText, props.lang)
  const euro = (cents: number) => formatEuro(cents, props.lang)
  return (
    <>
      {euro(props.net)} {t('price_net')} + {t('price_vat', { percent: String(props.percent) })} {euro(props.vat)} ={' '}
      <strong>{euro(props.gross)}</strong> {t('price_gross')}
    </>
  )
}

/** The price that will be agreed, VAT and setup fee, the terms, and (for a member's new area) its shares. */
export function OrderPreview(props: {
  lang: Language
  assessment: OrderAssessment
  values: Record<string, string>
  errors?: Errors
  mode: 'order' | 'record'
}) {
  const t = translator(bookingsText, props.lang)
  const a = props.assessment
  const euro = (cents: number) => formatEuro(cents, props.lang)
  const terms = a.terms
  return (
    <>
      <section aria-labelledby="price-heading">
        <h2 id="price-heading">{t('price_heading')}</h2>
        {a.price && a.version ? (
          <dl class="facts" data-testid="order-price">
            <dt>{a.isMember ? t('price_member') : t('price_non_member')}</dt>
            <dd>
              {t('price_version', { date: formatDate(a.version.validFrom, props.lang) })}
              {a.price.tierKey && <> · {t('price_tier', { tier: a.price.tierKey })}</>}
            </dd>
            {a.price.monthly && (
              <>
                <dt>{t('price_monthly')}</dt>
                <dd>
                  <Money
                    lang={props.lang}
                    percent={a.price.vatPercent}
                    net={a.price.monthly.netCents}
                    vat={a.price.monthly.vatCents}
                    gross={a.price.monthly.grossCents}
                  />
                </dd>
              </>
            )}
            {a.price.hourly && (
              <>
                <dt>{t('price_hourly')}</dt>
                <dd>
                  <Money
                    lang={props.lang}
                    percent={a.price.vatPercent}
                    net={a.price.hourly.netCents}
                    vat={a.price.hourly.vatCents}
                    gross={a.price.hourly.grossCents}
                  />
                  <br />
                  {t('price_estimate', {
                    hours: props.values.quantity || '1',
                    total: euro(a.price.hourly.netCents * Math.max(1, Number(props.values.quantity) || 1)),
                  })}
                </dd>
              </>
            )}
            {a.price.setupCents > 0 && (
              <>
                <dt>{t('price_setup')}</dt>
                <dd>
                  {euro(a.price.setupCents)} {t('price_net')}
                </dd>
              </>
            )}
          </dl>
        ) : (
          <p>{t('price_none')}</p>
        )}
      </section>
      <section aria-labelledby="terms-heading">
        <h2 id="terms-heading">{t('terms_heading')}</h2>
        <dl class="facts">
          <dt>{t('terms_notice')}</dt>
          <dd>{t('terms_notice_days', { days: terms.noticeDays })}</dd>
          <dt>{t('terms_end')}</dt>
          <dd>{t(`terms_end_${terms.termEnd}`)}</dd>
          <dt>{t('terms_minimum')}</dt>
          <dd>
            {terms.minimumTermMonths > 0
              ? t('terms_minimum_months', { months: terms.minimumTermMonths })
              : t('terms_minimum_none')}
          </dd>
        </dl>
        <pre class="terms-text">{a.termsText}</pre>
      </section>
      {a.shares && (
        <section aria-labelledby="shares-heading">
          <h2 id="shares-heading">{t('shares_heading')}</h2>
          {a.shares.missing === 0 ? (
            <p>{t('shares_enough', { mandatory: a.shares.mandatoryWithArea })}</p>
          ) : (
            <>
              <p data-testid="order-shares">
                {t('shares_needed', {
                  organisation: a.organisation.name,
                  mandatory: a.shares.mandatoryWithArea,
                  held: a.shares.held,
                  declared: a.shares.declared > 0 ? t('shares_declared', { declared: a.shares.declared }) : '',
                  missing: a.shares.missing,
                  value: euro(a.shares.shareValueCents),
                  amount: euro(a.shares.missing * a.shares.shareValueCents),
                })}
              </p>
              {props.mode === 'order' && (
                <Consent
                  name="declareShares"
                  label={t('shares_consent', {
                    missing: a.shares.missing,
                    value: euro(a.shares.shareValueCents),
                    amount: euro(a.shares.missing * a.shares.shareValueCents),
                  })}
                  checked={props.values.declareShares === 'on'}
                  errors={props.errors}
                />
              )}
            </>
          )}
        </section>
      )}
    </>
  )
}

export function OrderPage(props: OrderPageProps) {
  const t = translator(bookingsText, props.lang)
  const v = props.values
  const e = props.errors
  const record = props.mode === 'record'
  const title = record ? t('record_title') : t('order_title')
  if (!props.area)
    return (
      <section>
        <h1>{title}</h1>
        {!record && props.organisations.length === 0 && (
          <p>
            {t('order_no_organisation')} <a href="/orders/request">{t('order_request_link')}</a>
          </p>
        )}
        <AreaChoice lang={props.lang} areas={props.areas} mode={props.mode} />
      </section>
    )
  const area = props.area
  const items = [
    ...(area.kind === 'primary'
      ? [{ value: '', label: `${t('item_flat_rate')}: ${pick(area.name, props.lang)}` }]
      : []),
    ...props.services.map((s) => ({
      value: s.key,
      label: `${pick(s.name, props.lang)} (${s.pricing === 'addon' ? t('item_addon') : t('item_hourly')})`,
    })),
  ]
  const service = props.services.find((s) => s.key === v.serviceKey)
  const flat = !service
  const labels: Record<string, string> = {
    organisationId: t('organisation'),
    areaKey: t('item'),
    serviceKey: t('item'),
    quantity: !service
      ? t('quantity_generic')
      : service.pricing === 'hourly'
        ? t('quantity_hours')
        : t('quantity_units', { unit: pick(service.unit, props.lang) }),
    startsOn: t('starts_on'),
    description: t('description'),
    acceptTerms: t('accept_terms'),
    declareShares: t('shares_heading'),
    ...Object.fromEntries(
      area.configFields.map((f) => [`config.${f.key}`, props.lang === 'de' ? f.labelDe : f.labelEn]),
    ),
  }
  // the item's problems are told at the one field that chooses it
  const itemError = e?.serviceKey ?? e?.areaKey
  const errors = e ? { ...e, ...(itemError ? { serviceKey: itemError } : {}) } : undefined
  return (
    <section>
      <h1>
        {title}: {pick(area.name, props.lang)}
      </h1>
      {record && <p>{t('record_intro')}</p>}
      <Refusal title={t('refused')} text={props.refusal} />
      <Form
        action={record ? '/orders/record' : '/orders'}
        csrf={props.csrf}
        lang={props.lang}
        errors={errors}
        labels={labels}
      >
        <input type="hidden" name="areaKey" value={area.key} />
        <Select
          name="organisationId"
          label={t('organisation')}
          value={v.organisationId}
          options={props.organisations.map((o) => ({ value: o.id, label: o.name }))}
          errors={errors}
          required
        />
        <Select
          name="serviceKey"
          label={t('item')}
          value={v.serviceKey ?? ''}
          options={items}
          errors={errors}
          required
        />
        <Field
          name="quantity"
          label={labels.quantity!}
          inputmode="numeric"
          value={v.quantity ?? '1'}
          hint={flat ? t('quantity_hint') : undefined}
          errors={errors}
        />
        <Field
          name="startsOn"
          label={t('starts_on')}
          type="date"
          value={v.startsOn ?? props.today}
          hint={record ? undefined : t('starts_on_hint')}
          errors={errors}
          required
        />
        {!record && (
          <TextArea
            name="description"
            label={t('description')}
            value={v.description}
            hint={t('description_hint')}
            errors={errors}
            maxlength={4000}
          />
        )}
        {record && <TextArea name="note" label={t('note')} value={v.note} errors={errors} maxlength={1000} />}
        {flat && area.configFields.length > 0 && (
          <fieldset>
            <legend>{t('config_heading')}</legend>
            {area.configFields.map((f) =>
              f.type === 'choice' ? (
                <Select
                  name={`config.${f.key}`}
                  label={props.lang === 'de' ? f.labelDe : f.labelEn}
                  value={v[`config.${f.key}`]}
                  options={[{ value: '', label: '—' }, ...(f.choices ?? []).map((c) => ({ value: c, label: c }))]}
                  errors={errors}
                  required={f.required}
                />
              ) : (
                <Field
                  name={`config.${f.key}`}
                  label={props.lang === 'de' ? f.labelDe : f.labelEn}
                  inputmode={f.type === 'number' ? 'numeric' : undefined}
                  value={v[`config.${f.key}`]}
                  errors={errors}
                  required={f.required}
                />
              ),
            )}
          </fieldset>
        )}
        <div class="actions">
          <button type="submit" class="secondary" name="_action" value="preview" formnovalidate>
            {t('preview_button')}
          </button>
        </div>
        {props.assessment && (
          <OrderPreview lang={props.lang} assessment={props.assessment} values={v} errors={errors} mode={props.mode} />
        )}
        {!record && (
          <Consent name="acceptTerms" label={t('accept_terms')} checked={v.acceptTerms === 'on'} errors={errors} />
        )}
        <div class="actions">
          <button type="submit">{record ? t('record_submit') : t('order_submit')}</button>
        </div>
      </Form>
    </section>
  )
}
