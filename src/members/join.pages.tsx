import { legalForms } from '../db/schema.ts'
import { legalFormLabel } from '../organisations/organisations.pages.tsx'
import { monthsBetween, type PlainDate } from '../platform/dates.ts'
import { formatDate, formatEuro, type Language, translator } from '../platform/i18n.ts'
import { tierLabel } from '../statutes/statutes.messages.ts'
import { type StatutesSettings, sizeTierFor } from '../statutes/statutes.rules.ts'
import { Checkboxes, type Errors, Field, Form, Select } from '../web/components.tsx'
import { decisionStages, todaysTools } from './applications.schema.ts'
import { joinText } from './join.messages.ts'
import type { JoiningQuote } from './joining.rules.ts'
import { primaryAreaLabel, primaryAreas } from './service-areas.ts'

export type FormValues = Record<string, string | string[]>

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

function Radios(props: {
  name: string
  legend: string
  value: string
  options: Array<{ value: string; label: string; hint?: string }>
  errors?: Errors
}) {
  const error = props.errors?.[props.name]
  return (
    <fieldset class={error ? 'field invalid' : 'field'} id={`f-${props.name}`}>
      <legend>
        {props.legend}
        <span aria-hidden="true"> *</span>
      </legend>
      {props.options.map((o) => (
        <label class="check">
          <input type="radio" name={props.name} value={o.value} checked={o.value === props.value} />{' '}
          <span>
            {o.label}
            {o.hint && <span class="hint"> – {o.hint}</span>}
          </span>
        </label>
      ))}
      {error && (
        <p class="error" id={`f-${props.name}-error`}>
          {error}
        </p>
      )}
    </fieldset>
  )
}

export function TextArea(props: {
  name: string
  label: string
  value?: string | null
  errors?: Errors
  required?: boolean
  maxlength?: number
  hint?: string
}) {
  const id = `f-${props.name}`
  const error = props.errors?.[props.name]
  const describedBy = [props.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ')
  return (
    <div class={error ? 'field invalid' : 'field'}>
      <label for={id}>
        {props.label}
        {props.required && <span aria-hidden="true"> *</span>}
      </label>
      {props.hint && (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      )}
      <textarea
        id={id}
        name={props.name}
        rows={4}
        required={props.required}
        maxlength={props.maxlength}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy || undefined}
      >
        {props.value ?? ''}
      </textarea>
      {error && (
        <p class="error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  )
}

/** A required consent: a checkbox whose error sits with it. */
function Consent(props: { name: string; label: string; checked: boolean; errors?: Errors; extra?: unknown }) {
  const id = `f-${props.name}`
  const error = props.errors?.[props.name]
  return (
    <div class={error ? 'field invalid' : 'field'}>
      <label class="check" for={id}>
        <input
          type="checkbox"
          id={id}
          name={props.name}
          value="on"
          checked={props.checked}
          required
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
        />{' '}
        <span>
          {props.label}
          <span aria-hidden="true"> *</span>
        </span>
      </label>
      {props.extra}
      {error && (
        <p class="error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  )
}

export function joinLabels(lang: Language): Record<string, string> {
  const t = translator(joinText, lang)
  return {
    memberType: t('member_type'),
    organisationName: t('organisation_name'),
    legalForm: t('legal_form'),
    organisationEmail: t('organisation_email'),
    vatId: t('vat_id'),
    iban: t('iban'),
    employees: t('employees'),
    volunteers: t('volunteers'),
    annualBudgetCents: t('annual_budget'),
    givenName: t('given_name'),
    familyName: t('family_name'),
    email: t('email'),
    phone: t('phone'),
    street: t('street'),
    postalCode: t('postal_code'),
    city: t('city'),
    country: t('country'),
    primaryAreas: t('primary_areas'),
    voluntaryShares: t('voluntary_shares'),
    devices: t('devices'),
    toolsToday: t('tools_today'),
    painPoints: t('pain_points'),
    stage: t('stage'),
    consentStatutes: t('consent_statutes_short'),
    consentPrivacy: t('consent_privacy_short'),
    acknowledgeDuties: t('acknowledge_duties_short'),
  }
}

/**
 * "Mitglied werden": one form for organisations, employees and supporting members. Fieldsets marked with
 * data-member-types are hidden (and disabled) by the script for the other types; without it all are shown.
 */
export function JoinForm(props: {
  lang: Language
  csrf: string
  values: FormValues
  errors?: Errors
  quote: QuoteProps
  forOrganisation: { id: string; name: string } | null
  organisationOffers: Array<{ id: string; name: string }>
}) {
  const { lang, values: v, errors: e } = props
  const t = translator(joinText, lang)
  const s = props.quote.settings
  const one = (name: string) => {
    const value = v[name]
    return Array.isArray(value) ? (value[0] ?? '') : (value ?? '')
  }
  const many = (name: string) => {
    const value = v[name]
    return value === undefined ? [] : Array.isArray(value) ? value : [value]
  }
  const memberType = one('memberType') || 'organisation'
  return (
    <section>
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      {props.forOrganisation ? (
        <p class="notice">
          {t('for_org_active', { name: props.forOrganisation.name })} <a href="/join">{t('for_org_other')}</a>
        </p>
      ) : (
        props.organisationOffers.length > 0 && (
          <p class="notice">
            {t('for_org_offer')}{' '}
            {props.organisationOffers.map((o, i) => (
              <>
                {i > 0 && ' · '}
                <a href={`/join?organisation=${o.id}`}>{t('for_org_link', { name: o.name })}</a>
              </>
            ))}
          </p>
        )
      )}
      <p class="hint">{t('required_note')}</p>
      <Form action="/join" csrf={props.csrf} lang={lang} errors={e} labels={joinLabels(lang)} id="join-form">
        {props.forOrganisation && <input type="hidden" name="organisationId" value={props.forOrganisation.id} />}
        <Radios
          name="memberType"
          legend={t('member_type')}
          value={memberType}
          errors={e}
          options={(props.forOrganisation
            ? ['organisation', 'supporting']
            : ['organisation', 'employee', 'supporting']
          ).map((type) => ({
            value: type,
            label: t(`type_${type}` as 'type_organisation'),
            hint: t(`type_${type}_hint` as 'type_organisation_hint'),
          }))}
        />
        <fieldset class="field" data-member-types="organisation supporting">
          <legend>{t('org_section')}</legend>
          <p class="hint">{t('org_hint')}</p>
          <Field
            name="organisationName"
            label={t('organisation_name')}
            value={one('organisationName')}
            errors={e}
            maxlength={200}
          />
          <Select
            name="legalForm"
            label={t('legal_form')}
            value={one('legalForm') || 'ev'}
            options={legalForms.map((f) => ({ value: f, label: legalFormLabel(lang, f) }))}
            errors={e}
          />
          <Field
            name="organisationEmail"
            label={t('organisation_email')}
            type="email"
            value={one('organisationEmail')}
            errors={e}
          />
          <div class="grid2">
            <Field name="vatId" label={t('vat_id')} value={one('vatId')} errors={e} />
            <Field name="iban" label={t('iban')} value={one('iban')} hint={t('iban_hint')} errors={e} />
          </div>
        </fieldset>
        <fieldset class="field" data-member-types="organisation">
          <legend>{t('size_section')}</legend>
          <p class="hint">{t('size_hint')}</p>
          <div class="grid2">
            <Field
              name="employees"
              label={t('employees')}
              inputmode="numeric"
              value={one('employees') || '0'}
              errors={e}
            />
            <Field
              name="volunteers"
              label={t('volunteers')}
              inputmode="numeric"
              value={one('volunteers') || '0'}
              errors={e}
            />
          </div>
          <Field
            name="annualBudgetCents"
            label={t('annual_budget')}
            inputmode="decimal"
            value={one('annualBudgetCents') || '0'}
            errors={e}
          />
        </fieldset>
        <fieldset class="field">
          <legend>{t('person_section')}</legend>
          <p class="hint">{t('person_hint')}</p>
          <div class="grid2">
            <Field
              name="givenName"
              label={t('given_name')}
              value={one('givenName')}
              autocomplete="given-name"
              required
              errors={e}
            />
            <Field
              name="familyName"
              label={t('family_name')}
              value={one('familyName')}
              autocomplete="family-name"
              required
              errors={e}
            />
          </div>
          <Field
            name="email"
            label={t('email')}
            type="email"
            value={one('email')}
            autocomplete="email"
            required
            errors={e}
          />
          <Field name="phone" label={t('phone')} type="tel" value={one('phone')} autocomplete="tel" errors={e} />
        </fieldset>
        <fieldset class="field">
          <legend>{t('address_section')}</legend>
          <p class="hint">{t('address_hint')}</p>
          <Field
            name="street"
            label={t('street')}
            value={one('street')}
            autocomplete="street-address"
            required
            errors={e}
          />
          <div class="grid2">
            <Field
              name="postalCode"
              label={t('postal_code')}
              value={one('postalCode')}
              autocomplete="postal-code"
              required
              errors={e}
            />
            <Field
              name="city"
              label={t('city')}
              value={one('city')}
              autocomplete="address-level2"
              required
              errors={e}
            />
          </div>
          <Field
            name="country"
            label={t('country')}
            value={one('country') || 'DE'}
            autocomplete="country"
            maxlength={2}
            errors={e}
          />
        </fieldset>
        <fieldset class="field" data-member-types="organisation">
          <legend>{t('needs_section')}</legend>
          <p class="hint">{t('needs_hint')}</p>
          <Checkboxes
            name="primaryAreas"
            legend={`${t('primary_areas')} (${t('primary_areas_hint', { perArea: s.sharesPerPrimaryArea })})`}
            options={primaryAreas.map((a) => ({ value: a, label: primaryAreaLabel(a, lang) }))}
            checked={many('primaryAreas')}
            errors={e}
          />
          <Field name="devices" label={t('devices')} inputmode="numeric" value={one('devices') || '0'} errors={e} />
          <Checkboxes
            name="toolsToday"
            legend={t('tools_today')}
            options={todaysTools.map((tool) => ({ value: tool, label: t(`tool_${tool}` as 'tool_zoom') }))}
            checked={many('toolsToday')}
            errors={e}
          />
          <TextArea name="painPoints" label={t('pain_points')} value={one('painPoints')} maxlength={2000} errors={e} />
          <Select
            name="stage"
            label={t('stage')}
            value={one('stage') || 'committed'}
            options={decisionStages.map((stage) => ({ value: stage, label: t(`stage_${stage}` as 'stage_informed') }))}
            errors={e}
          />
        </fieldset>
        <fieldset class="field">
          <legend>{t('shares_section')}</legend>
          <Field
            name="voluntaryShares"
            label={t('voluntary_shares')}
            inputmode="numeric"
            value={one('voluntaryShares') || '0'}
            hint={t('voluntary_shares_hint')}
            errors={e}
          />
          <div class="quote" id="quote" aria-live="polite">
            <h2>{t('quote_title')}</h2>
            <div data-quote-body>
              <QuoteBody {...props.quote} />
            </div>
          </div>
          <div class="actions">
            <button type="submit" name="_action" value="quote" class="secondary" data-quote-button>
              {t('calculate')}
            </button>
          </div>
        </fieldset>
        <div class="notice duties">
          <h2>{t('duties_title')}</h2>
          <p>{t('duties_payment', { percent: s.minimumPaymentPercent })}</p>
          <p>{t('duties_liability')}</p>
          <p>{t('duties_notice', { months: s.noticeMonths })}</p>
        </div>
        <fieldset class="field">
          <legend>{t('consent_section')}</legend>
          <Consent
            name="consentStatutes"
            label={t('consent_statutes')}
            checked={one('consentStatutes') === 'on'}
            errors={e}
            extra={
              <a href="/statutes" target="_blank" rel="noopener">
                {t('statutes_link')}
              </a>
            }
          />
          <Consent
            name="consentPrivacy"
            label={t('consent_privacy')}
            checked={one('consentPrivacy') === 'on'}
            errors={e}
          />
          <Consent
            name="acknowledgeDuties"
            label={t('acknowledge_duties')}
            checked={one('acknowledgeDuties') === 'on'}
            errors={e}
          />
        </fieldset>
        <div class="actions">
          <button type="submit">{t('submit')}</button>
        </div>
      </Form>
    </section>
  )
}
