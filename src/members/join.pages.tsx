import { toolLabel } from '../catalog/tools.ts'
import { legalForms } from '../db/schema.ts'
import { legalFormLabel } from '../organisations/organisations.pages.tsx'
import { type Language, translator } from '../platform/i18n.ts'
import { Checkboxes, type Errors, Field, Form, Select, TextArea } from '../web/components.tsx'
import { decisionStages, todaysTools } from './applications.schema.ts'
import { joinText } from './join.messages.ts'
import type { QuoteProps } from './join-quote.pages.tsx'
import { QuoteBody } from './join-quote.pages.tsx'
import { Consent, Radios } from './member-forms.tsx'

export { QuoteBody, type QuoteProps } from './join-quote.pages.tsx'

export type FormValues = Record<string, string | string[]>

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
  /** The catalog's primary areas not discontinued: key and name in the reader's language. */
  areas: Array<{ value: string; label: string }>
  /** The questionnaire the form was filled in from (its link token travels with the form). */
  fromQuestionnaire?: { token: string; ref: string } | null
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
  const labels = joinLabels(lang)
  /** One input of this form: the label it has in the error summary too, the value as entered or `fallback`. */
  const field = (name: string, more: Omit<Parameters<typeof Field>[0], 'name' | 'label'> = {}, fallback = '') => (
    <Field name={name} label={labels[name] ?? name} value={one(name) || fallback} errors={e} {...more} />
  )
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
      {props.fromQuestionnaire && <p class="notice">{t('from_questionnaire', { ref: props.fromQuestionnaire.ref })}</p>}
      <p class="hint">{t('required_note')}</p>
      <Form action="/join" csrf={props.csrf} lang={lang} errors={e} labels={labels} id="join-form">
        {props.forOrganisation && <input type="hidden" name="organisationId" value={props.forOrganisation.id} />}
        {props.fromQuestionnaire && <input type="hidden" name="questionnaire" value={props.fromQuestionnaire.token} />}
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
          {field('organisationName', { maxlength: 200 })}
          <Select
            name="legalForm"
            label={t('legal_form')}
            value={one('legalForm') || 'ev'}
            options={legalForms.map((f) => ({ value: f, label: legalFormLabel(lang, f) }))}
            errors={e}
          />
          {field('organisationEmail', { type: 'email' })}
          <div class="grid2">
            {field('vatId')}
            {field('iban', { hint: t('iban_hint') })}
          </div>
        </fieldset>
        <fieldset class="field" data-member-types="organisation">
          <legend>{t('size_section')}</legend>
          <p class="hint">{t('size_hint')}</p>
          <div class="grid2">
            {field('employees', { inputmode: 'numeric' }, '0')}
            {field('volunteers', { inputmode: 'numeric' }, '0')}
          </div>
          {field('annualBudgetCents', { inputmode: 'decimal' }, '0')}
        </fieldset>
        <fieldset class="field">
          <legend>{t('person_section')}</legend>
          <p class="hint">{t('person_hint')}</p>
          <div class="grid2">
            {field('givenName', { autocomplete: 'given-name', required: true })}
            {field('familyName', { autocomplete: 'family-name', required: true })}
          </div>
          {field('email', { type: 'email', autocomplete: 'email', required: true })}
          {field('phone', { type: 'tel', autocomplete: 'tel' })}
        </fieldset>
        <fieldset class="field">
          <legend>{t('address_section')}</legend>
          <p class="hint">{t('address_hint')}</p>
          {field('street', { autocomplete: 'street-address', required: true })}
          <div class="grid2">
            {field('postalCode', { autocomplete: 'postal-code', required: true })}
            {field('city', { autocomplete: 'address-level2', required: true })}
          </div>
          {field('country', { autocomplete: 'country', maxlength: 2 }, 'DE')}
        </fieldset>
        <fieldset class="field" data-member-types="organisation">
          <legend>{t('needs_section')}</legend>
          <p class="hint">{t('needs_hint')}</p>
          <Checkboxes
            name="primaryAreas"
            legend={`${t('primary_areas')} (${t('primary_areas_hint', { perArea: s.sharesPerPrimaryArea })})`}
            options={props.areas}
            checked={many('primaryAreas')}
            errors={e}
          />
          {field('devices', { inputmode: 'numeric' }, '0')}
          <Checkboxes
            name="toolsToday"
            legend={t('tools_today')}
            options={todaysTools.map((tool) => ({ value: tool, label: toolLabel(tool, lang) }))}
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
          {field('voluntaryShares', { inputmode: 'numeric', hint: t('voluntary_shares_hint') }, '0')}
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
