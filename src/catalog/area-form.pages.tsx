import { termEnds } from '../db/schema-catalog.ts'
import { Radios } from '../members/member-forms.tsx'
import type { Language } from '../platform/i18n.ts'
import { type Errors, Field, Form, Select, TextArea } from '../web/components.tsx'
import type { FormValues } from './catalog-forms.ts'
import { manageT } from './manage.messages.ts'

/** The form for a new or an existing service area. */

function one(v: FormValues, name: string): string {
  const value = v[name]
  return Array.isArray(value) ? (value[0] ?? '') : (value ?? '')
}

export function areaLabels(lang: Language, rows: number): Record<string, string> {
  const t = manageT(lang)
  const labels: Record<string, string> = {
    key: t('key'),
    kind: t('kind'),
    providerKey: t('provider'),
    position: t('position'),
    'name.de': t('name_de'),
    'name.en': t('name_en'),
    'summary.de': t('summary_de'),
    'summary.en': t('summary_en'),
    'description.de': t('description_de'),
    'description.en': t('description_en'),
    'included.de': t('included_de'),
    'included.en': t('included_en'),
    'terms.noticeDays': t('notice_days'),
    'terms.termEnd': t('term_end'),
    'terms.minimumTermMonths': t('minimum_term'),
    'terms.text.de': t('terms_de'),
    'terms.text.en': t('terms_en'),
    configFields: t('section_config'),
  }
  const names = {
    key: t('config_key'),
    labelDe: t('config_label_de'),
    labelEn: t('config_label_en'),
    type: t('config_type'),
    required: t('config_required'),
    choices: t('config_choices'),
  }
  for (let i = 0; i < rows; i++)
    for (const [field, label] of Object.entries(names))
      labels[`configFields.${i}.${field}`] = `${t('config_row', { n: i + 1 })}: ${label}`
  return labels
}

function ConfigRows(props: {
  lang: Language
  values: FormValues
  rows: number
  errors?: Errors
  labels: Record<string, string>
}) {
  const { lang, values: v, errors: e, labels } = props
  const t = manageT(lang)
  const cell = (name: string, control: unknown) => {
    const error = e?.[name]
    return (
      <td class={error ? 'invalid' : undefined}>
        {control}
        {error && (
          <p class="error" id={`f-${name}-error`}>
            {error}
          </p>
        )}
      </td>
    )
  }
  const input = (name: string) => (
    <input
      class="tier-input"
      id={`f-${name}`}
      name={name}
      value={one(v, name)}
      aria-label={labels[name]}
      aria-invalid={e?.[name] ? 'true' : undefined}
      aria-describedby={e?.[name] ? `f-${name}-error` : undefined}
    />
  )
  return (
    <fieldset class="field" id="f-configFields">
      <legend>{t('section_config')}</legend>
      <p class="hint">{t('config_hint')}</p>
      {e?.configFields && <p class="error">{e.configFields}</p>}
      <div class="table-wrap">
        <table class="tiers">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t('config_key')}</th>
              <th scope="col">{t('config_label_de')}</th>
              <th scope="col">{t('config_label_en')}</th>
              <th scope="col">{t('config_type')}</th>
              <th scope="col">{t('config_required')}</th>
              <th scope="col">{t('config_choices')}</th>
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: props.rows }, (_, i) => {
              const p = `configFields.${i}`
              return (
                <tr>
                  <th scope="row">{t('config_row', { n: i + 1 })}</th>
                  {cell(`${p}.key`, input(`${p}.key`))}
                  {cell(`${p}.labelDe`, input(`${p}.labelDe`))}
                  {cell(`${p}.labelEn`, input(`${p}.labelEn`))}
                  {cell(
                    `${p}.type`,
                    <select id={`f-${p}.type`} name={`${p}.type`} aria-label={labels[`${p}.type`]}>
                      {(['text', 'number', 'choice'] as const).map((type) => (
                        <option value={type} selected={one(v, `${p}.type`) === type}>
                          {t(`config_type_${type}`)}
                        </option>
                      ))}
                    </select>,
                  )}
                  {cell(
                    `${p}.required`,
                    <input
                      type="checkbox"
                      id={`f-${p}.required`}
                      name={`${p}.required`}
                      value="on"
                      checked={one(v, `${p}.required`) === 'on'}
                      aria-label={labels[`${p}.required`]}
                    />,
                  )}
                  {cell(`${p}.choices`, input(`${p}.choices`))}
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
    </fieldset>
  )
}

export function AreaFormPage(props: {
  lang: Language
  csrf: string
  mode: { kind: 'new' } | { kind: 'edit'; key: string; name: string }
  values: FormValues
  providers: Array<{ key: string; name: string }>
  rows: number
  errors?: Errors
}) {
  const { lang, values: v, errors: e } = props
  const t = manageT(lang)
  const labels = areaLabels(lang, props.rows)
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
  return (
    <section>
      <h1>{props.mode.kind === 'new' ? t('area_new_title') : t('area_edit_title', { name: props.mode.name })}</h1>
      <Form
        action={props.mode.kind === 'new' ? '/catalog/areas' : `/catalog/areas/${props.mode.key}`}
        csrf={props.csrf}
        lang={lang}
        errors={e}
        labels={labels}
        class="stack wide"
      >
        <fieldset class="field">
          <legend>{t('section_identity')}</legend>
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
              name="kind"
              legend={labels.kind!}
              value={one(v, 'kind')}
              options={[
                { value: 'primary', label: t('kind_primary_long') },
                { value: 'secondary', label: t('kind_secondary_long') },
              ]}
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
          </div>
        </fieldset>
        <fieldset class="field">
          <legend>{t('section_terms')}</legend>
          <div class="grid2">
            {field('terms.noticeDays', { numeric: true })}
            <Select
              name="terms.termEnd"
              label={labels['terms.termEnd']!}
              value={one(v, 'terms.termEnd')}
              options={termEnds.map((end) => ({ value: end, label: t(`term_end_${end}`) }))}
              errors={e}
            />
            {field('terms.minimumTermMonths', { numeric: true })}
          </div>
          <div class="grid2">
            {area('terms.text.de', 10000)}
            {area('terms.text.en', 10000)}
          </div>
        </fieldset>
        <ConfigRows lang={lang} values={v} rows={props.rows} errors={e} labels={labels} />
        <div class="actions">
          <button type="submit">{isNew ? t('create') : t('save')}</button>
          <a href="/catalog/manage">{t('cancel')}</a>
        </div>
      </Form>
    </section>
  )
}
