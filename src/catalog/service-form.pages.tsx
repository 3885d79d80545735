import { catalogStatuses, servicePricings, ssoKinds } from '../db/schema-catalog.ts'
import { Radios } from '../members/member-forms.tsx'
import type { Language } from '../platform/i18n.ts'
import { Checkboxes, type Errors, Field, Form, Select, TextArea } from '../web/components.tsx'
import { catalogT } from './catalog.messages.ts'
import type { FormValues } from './catalog-forms.ts'
import { manageT } from './manage.messages.ts'
import { bigTechTools, toolLabel } from './tools.ts'

/** The form for a new or an existing service. */

function one(v: FormValues, name: string): string {
  const value = v[name]
  return Array.isArray(value) ? (value[0] ?? '') : (value ?? '')
}

export function serviceLabels(lang: Language): Record<string, string> {
  const t = manageT(lang)
  return {
    key: t('key'),
    areaKey: t('area_label'),
    pricing: t('pricing'),
    providerKey: t('provider'),
    position: t('position'),
    status: t('status'),
    'name.de': t('name_de'),
    'name.en': t('name_en'),
    'summary.de': t('summary_de'),
    'summary.en': t('summary_en'),
    'description.de': t('description_de'),
    'description.en': t('description_en'),
    'included.de': t('included_de'),
    'included.en': t('included_en'),
    software: t('software'),
    replaces: t('replaces'),
    dataLocation: t('data_location'),
    energySource: t('energy_source'),
    backupPolicy: t('backup_policy'),
    sso: t('sso'),
    'unit.de': t('unit_de'),
    'unit.en': t('unit_en'),
  }
}

export function ServiceFormPage(props: {
  lang: Language
  csrf: string
  mode: { kind: 'new'; areaKey: string; areaName: string } | { kind: 'edit'; key: string; name: string }
  values: FormValues
  providers: Array<{ key: string; name: string }>
  errors?: Errors
}) {
  const { lang, values: v, errors: e } = props
  const t = manageT(lang)
  const c = catalogT(lang)
  const labels = serviceLabels(lang)
  const isNew = props.mode.kind === 'new'
  const field = (name: string, extra: { required?: boolean; numeric?: boolean; max?: number } = {}) => (
    <Field
      name={name}
      label={labels[name] ?? name}
      value={one(v, name)}
      errors={e}
      required={extra.required}
      inputmode={extra.numeric ? 'numeric' : undefined}
      maxlength={extra.max}
    />
  )
  const area = (name: string, max: number) => (
    <TextArea name={name} label={labels[name] ?? name} value={one(v, name)} errors={e} maxlength={max} />
  )
  const replaces = Array.isArray(v.replaces) ? v.replaces : v.replaces ? [v.replaces] : []
  return (
    <section>
      <h1>
        {props.mode.kind === 'new'
          ? t('service_new_title', { area: props.mode.areaName })
          : t('service_edit_title', { name: props.mode.name })}
      </h1>
      <Form
        action={props.mode.kind === 'new' ? '/catalog/services' : `/catalog/services/${props.mode.key}`}
        csrf={props.csrf}
        lang={lang}
        errors={e}
        labels={labels}
        class="stack wide"
      >
        <fieldset class="field">
          <legend>{t('section_service')}</legend>
          {props.mode.kind === 'new' && <input type="hidden" name="areaKey" value={props.mode.areaKey} />}
          {isNew && (
            <Field
              name="key"
              label={labels.key!}
              hint={t('key_hint')}
              value={one(v, 'key')}
              errors={e}
              required
              maxlength={40}
            />
          )}
          {isNew && (
            <Radios
              name="pricing"
              legend={labels.pricing!}
              value={one(v, 'pricing')}
              options={servicePricings.map((p) => ({ value: p, label: t(`pricing_${p}`), hint: t('pricing_hint') }))}
              errors={e}
            />
          )}
          <div class="grid2">
            <Select
              name="providerKey"
              label={labels.providerKey!}
              value={one(v, 'providerKey')}
              options={props.providers.map((p) => ({ value: p.key, label: p.name }))}
              errors={e}
              required
            />
            {field('position', { numeric: true })}
            <Select
              name="status"
              label={labels.status!}
              value={one(v, 'status') || 'planned'}
              options={catalogStatuses.map((s) => ({ value: s, label: c(`status_${s}`) }))}
              errors={e}
            />
          </div>
        </fieldset>
        <fieldset class="field">
          <legend>{t('section_texts')}</legend>
          <div class="grid2">
            {field('name.de', { required: true, max: 200 })}
            {field('name.en', { required: true, max: 200 })}
            {area('summary.de', 1000)}
            {area('summary.en', 1000)}
            {area('description.de', 10000)}
            {area('description.en', 10000)}
            {area('included.de', 16000)}
            {area('included.en', 16000)}
            {field('unit.de', { max: 50 })}
            {field('unit.en', { max: 50 })}
          </div>
        </fieldset>
        <fieldset class="field">
          <legend>{t('section_facts')}</legend>
          {area('software', 4000)}
          <Checkboxes
            name="replaces"
            legend={labels.replaces!}
            options={bigTechTools.map((tool) => ({ value: tool, label: toolLabel(tool, lang) }))}
            checked={replaces}
            errors={e}
          />
          <div class="grid2">
            {field('dataLocation', { max: 200 })}
            {field('energySource', { max: 200 })}
            {field('backupPolicy', { max: 500 })}
            <Select
              name="sso"
              label={labels.sso!}
              value={one(v, 'sso') || 'none'}
              options={ssoKinds.map((s) => ({ value: s, label: t(`sso_${s}`) }))}
              errors={e}
            />
          </div>
        </fieldset>
        <div class="actions">
          <button type="submit">{isNew ? t('create') : t('save')}</button>
          <a href="/catalog/manage">{t('cancel')}</a>
        </div>
      </Form>
    </section>
  )
}
