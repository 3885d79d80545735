import { pick } from '../catalog/catalog.model.ts'
import { bigTechTools, toolLabel } from '../catalog/tools.ts'
import { legalForms } from '../db/schema.ts'
import { Consent, Radios } from '../members/member-forms.tsx'
import { legalFormLabel } from '../organisations/organisations.pages.tsx'
import { type Language, translator } from '../platform/i18n.ts'
import { Checkboxes, type Errors, Field, Form, Select, TextArea } from '../web/components.tsx'
import type { AreaChoice } from './needs.catalog.ts'
import { needsText } from './needs.messages.ts'
import { questionnaireStages } from './needs.model.ts'

export type FormValues = Record<string, string | string[]>

export function questionnaireLabels(lang: Language): Record<string, string> {
  const t = translator(needsText, lang)
  return {
    organisationName: t('organisation_name'),
    legalForm: t('legal_form'),
    city: t('city'),
    contactName: t('contact_name'),
    contactEmail: t('contact_email'),
    contactPhone: t('contact_phone'),
    employees: t('employees'),
    volunteers: t('volunteers'),
    annualBudgetCents: t('annual_budget'),
    devices: t('devices'),
    toolsToday: t('tools_today'),
    painPoints: t('pain_points'),
    wantedAreas: t('areas_section'),
    consultingHours: t('consulting_hours'),
    trainingHours: t('training_hours'),
    stage: t('stage'),
    consentContact: t('consent_section'),
  }
}

/** The wanted areas in two groups (primary, secondary) under one name, with one error for both. */
function AreaChoices(props: { lang: Language; choices: AreaChoice[]; checked: string[]; errors?: Errors }) {
  const t = translator(needsText, props.lang)
  const error = props.errors?.wantedAreas
  const group = (kind: 'primary' | 'secondary', legend: string) => (
    <fieldset class="field">
      <legend>{legend}</legend>
      {props.choices
        .filter((c) => c.kind === kind)
        .map((c) => (
          <label class="check">
            <input type="checkbox" name="wantedAreas" value={c.key} checked={props.checked.includes(c.key)} />{' '}
            {pick(c.name, props.lang)}
            {c.status === 'planned' && <span class="hint"> ({t('area_planned')})</span>}
          </label>
        ))}
    </fieldset>
  )
  return (
    <fieldset
      class={error ? 'field invalid' : 'field'}
      id="f-wantedAreas"
      aria-describedby={error ? 'f-wantedAreas-error' : undefined}
    >
      <legend>{t('areas_section')}</legend>
      {group('primary', t('areas_primary'))}
      {group('secondary', t('areas_secondary'))}
      {error && (
        <p class="error" id="f-wantedAreas-error">
          {error}
        </p>
      )}
    </fieldset>
  )
}

/** "Bedarf angeben": the public needs questionnaire; works without JavaScript. */
export function QuestionnaireForm(props: {
  lang: Language
  csrf: string
  values: FormValues
  errors?: Errors
  choices: AreaChoice[]
  forOrganisation: { id: string; name: string } | null
  organisationOffers: Array<{ id: string; name: string }>
}) {
  const { lang, values: v, errors: e } = props
  const t = translator(needsText, lang)
  const labels = questionnaireLabels(lang)
  const one = (name: string) => {
    const value = v[name]
    return Array.isArray(value) ? (value[0] ?? '') : (value ?? '')
  }
  const many = (name: string) => {
    const value = v[name]
    return value === undefined ? [] : Array.isArray(value) ? value : [value]
  }
  const field = (name: string, more: Omit<Parameters<typeof Field>[0], 'name' | 'label'> = {}, fallback = '') => (
    <Field name={name} label={labels[name] ?? name} value={one(name) || fallback} errors={e} {...more} />
  )
  return (
    <section>
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      {props.forOrganisation ? (
        <p class="notice">
          {t('for_org_active', { name: props.forOrganisation.name })}{' '}
          <a href="/needs?organisation=none">{t('for_org_other')}</a>
        </p>
      ) : (
        props.organisationOffers.length > 0 && (
          <p class="notice">
            {t('for_org_offer')}{' '}
            {props.organisationOffers.map((o, i) => (
              <>
                {i > 0 && ' · '}
                <a href={`/needs?organisation=${o.id}`}>{o.name}</a>
              </>
            ))}
          </p>
        )
      )}
      <p class="hint">{t('required_note')}</p>
      <Form action="/needs" csrf={props.csrf} lang={lang} errors={e} labels={labels} id="needs-form">
        {props.forOrganisation && <input type="hidden" name="organisationId" value={props.forOrganisation.id} />}
        <fieldset class="field">
          <legend>{t('org_section')}</legend>
          {field('organisationName', { maxlength: 200, required: true, autocomplete: 'organization' })}
          <Select
            name="legalForm"
            label={t('legal_form')}
            value={one('legalForm') || 'ev'}
            options={legalForms.map((f) => ({ value: f, label: legalFormLabel(lang, f) }))}
            errors={e}
          />
          {field('city', { maxlength: 100, autocomplete: 'address-level2' })}
        </fieldset>
        <fieldset class="field">
          <legend>{t('contact_section')}</legend>
          <p class="hint">{t('contact_hint')}</p>
          {field('contactName', { maxlength: 200, required: true, autocomplete: 'name' })}
          <div class="grid2">
            {field('contactEmail', { type: 'email', required: true, autocomplete: 'email' })}
            {field('contactPhone', { type: 'tel', autocomplete: 'tel' })}
          </div>
        </fieldset>
        <fieldset class="field">
          <legend>{t('size_section')}</legend>
          <p class="hint">{t('size_hint')}</p>
          <div class="grid2">
            {field('employees', { inputmode: 'numeric' }, '0')}
            {field('volunteers', { inputmode: 'numeric' }, '0')}
            {field('annualBudgetCents', { inputmode: 'decimal' }, '0')}
            {field('devices', { inputmode: 'numeric' }, '0')}
          </div>
        </fieldset>
        <fieldset class="field">
          <legend>{t('today_section')}</legend>
          <Checkboxes
            name="toolsToday"
            legend={t('tools_today')}
            options={bigTechTools.map((tool) => ({ value: tool, label: toolLabel(tool, lang) }))}
            checked={many('toolsToday')}
            errors={e}
          />
          <TextArea name="painPoints" label={t('pain_points')} value={one('painPoints')} maxlength={2000} errors={e} />
        </fieldset>
        <AreaChoices lang={lang} choices={props.choices} checked={many('wantedAreas')} errors={e} />
        <fieldset class="field">
          <legend>{t('hours')}</legend>
          <p class="hint">{t('hours_hint')}</p>
          <div class="grid2">
            {field('consultingHours', { inputmode: 'numeric' }, '0')}
            {field('trainingHours', { inputmode: 'numeric' }, '0')}
          </div>
        </fieldset>
        <Radios
          name="stage"
          legend={t('stage')}
          value={one('stage')}
          errors={e}
          options={questionnaireStages.map((stage) => ({
            value: stage,
            label: t(`stage_${stage}`),
            hint: t(`stage_${stage}_hint`),
          }))}
        />
        <fieldset class="field">
          <legend>{t('consent_section')}</legend>
          <Consent
            name="consentContact"
            label={t('consent_contact')}
            checked={one('consentContact') === 'on'}
            errors={e}
          />
          <p class="hint">{t('privacy_note')}</p>
        </fieldset>
        <div class="actions">
          <button type="submit">{t('submit')}</button>
        </div>
      </Form>
    </section>
  )
}
