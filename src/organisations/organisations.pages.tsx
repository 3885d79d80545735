import { legalForms } from '../db/schema.ts'
import { formatEuro, type Language, translator } from '../platform/i18n.ts'
import { type Errors, Field, Form, ListHeader, Pager, Select } from '../web/components.tsx'
import { orgText } from './organisations.messages.ts'
import type { Organisation } from './organisations.schema.ts'

export function legalFormLabel(lang: Language, form: string): string {
  return translator(orgText, lang)(`form_${form}` as 'form_ev')
}

export function OrganisationList(props: {
  lang: Language
  items: Organisation[]
  total: number
  page: number
  pageSize: number
  q: string
  canCreate: boolean
}) {
  const t = translator(orgText, props.lang)
  const pages = Math.max(1, Math.ceil(props.total / props.pageSize))
  return (
    <section>
      <ListHeader
        title={t('list_title')}
        action="/organisations"
        q={props.q}
        searchLabel={t('search_label')}
        searchButton={t('search')}
        newHref={props.canCreate ? '/organisations/new' : null}
        newLabel={t('new_button')}
        count={t('count', { total: props.total })}
      />
      {props.items.length === 0 ? (
        <p>{t('none_found')}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('ref')}</th>
                <th scope="col">{t('name')}</th>
                <th scope="col">{t('legal_form')}</th>
                <th scope="col">{t('city')}</th>
                <th scope="col">{t('employees')}</th>
              </tr>
            </thead>
            <tbody>
              {props.items.map((o) => (
                <tr>
                  <td class="mono">{o.ref}</td>
                  <td>
                    <a href={`/organisations/${o.id}`}>{o.name}</a>
                  </td>
                  <td>{legalFormLabel(props.lang, o.legalForm)}</td>
                  <td>{o.city}</td>
                  <td>{o.employees}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager
        lang={props.lang}
        page={props.page}
        pages={pages}
        href={(p) => `/organisations?page=${p}${props.q ? `&q=${encodeURIComponent(props.q)}` : ''}`}
      />
    </section>
  )
}

export type OrganisationFormValues = Partial<Record<keyof Organisation | 'annualBudget', string | number | null>>

export function organisationLabels(lang: Language): Record<string, string> {
  const t = translator(orgText, lang)
  return {
    name: t('name'),
    legalForm: t('legal_form'),
    street: t('street'),
    postalCode: t('postal_code'),
    city: t('city'),
    country: t('country'),
    email: t('email'),
    phone: t('phone'),
    website: t('website'),
    vatId: t('vat_id'),
    leitwegId: t('leitweg_id'),
    iban: t('iban'),
    employees: t('employees'),
    volunteers: t('volunteers'),
    annualBudgetCents: t('annual_budget'),
  }
}

export function OrganisationForm(props: {
  lang: Language
  csrf: string
  action: string
  title: string
  values: OrganisationFormValues
  errors?: Errors
  cancelHref: string
}) {
  const t = translator(orgText, props.lang)
  const v = props.values
  const e = props.errors
  return (
    <section>
      <h1>{props.title}</h1>
      <Form
        action={props.action}
        csrf={props.csrf}
        lang={props.lang}
        errors={e}
        labels={organisationLabels(props.lang)}
      >
        <Field name="name" label={t('name')} value={v.name} required errors={e} maxlength={200} />
        <Select
          name="legalForm"
          label={t('legal_form')}
          value={String(v.legalForm ?? 'ev')}
          options={legalForms.map((f) => ({ value: f, label: legalFormLabel(props.lang, f) }))}
          errors={e}
          required
        />
        <fieldset class="field">
          <legend>{t('address')}</legend>
          <Field name="street" label={t('street')} value={v.street} autocomplete="street-address" errors={e} />
          <div class="grid2">
            <Field
              name="postalCode"
              label={t('postal_code')}
              value={v.postalCode}
              autocomplete="postal-code"
              errors={e}
            />
            <Field name="city" label={t('city')} value={v.city} autocomplete="address-level2" errors={e} />
          </div>
          <Field
            name="country"
            label={t('country')}
            value={v.country ?? 'DE'}
            autocomplete="country"
            errors={e}
            maxlength={2}
          />
        </fieldset>
        <fieldset class="field">
          <legend>{t('contact')}</legend>
          <Field name="email" label={t('email')} type="email" value={v.email} autocomplete="email" errors={e} />
          <Field name="phone" label={t('phone')} type="tel" value={v.phone} autocomplete="tel" errors={e} />
          <Field name="website" label={t('website')} type="url" value={v.website} autocomplete="url" errors={e} />
        </fieldset>
        <fieldset class="field">
          <legend>{t('size')}</legend>
          <div class="grid2">
            <Field name="employees" label={t('employees')} inputmode="numeric" value={v.employees ?? 0} errors={e} />
            <Field name="volunteers" label={t('volunteers')} inputmode="numeric" value={v.volunteers ?? 0} errors={e} />
          </div>
          <Field
            name="annualBudgetCents"
            label={t('annual_budget')}
            inputmode="decimal"
            value={v.annualBudget ?? v.annualBudgetCents}
            errors={e}
          />
        </fieldset>
        <fieldset class="field">
          <legend>{t('billing')}</legend>
          <Field name="vatId" label={t('vat_id')} value={v.vatId} errors={e} />
          <Field name="leitwegId" label={t('leitweg_id')} value={v.leitwegId} errors={e} />
          <Field name="iban" label={t('iban')} value={v.iban} errors={e} />
        </fieldset>
        <div class="actions">
          <button type="submit">{t('save')}</button>
          <a href={props.cancelHref}>{t('cancel')}</a>
        </div>
      </Form>
    </section>
  )
}

export function OrganisationFacts(props: { lang: Language; o: Organisation }) {
  const t = translator(orgText, props.lang)
  const { o } = props
  const address = [o.street, `${o.postalCode} ${o.city}`.trim(), o.country !== 'DE' ? o.country : '']
    .filter(Boolean)
    .join(', ')
  return (
    <dl class="facts">
      <dt>{t('ref')}</dt>
      <dd class="mono">{o.ref}</dd>
      <dt>{t('legal_form')}</dt>
      <dd>{legalFormLabel(props.lang, o.legalForm)}</dd>
      <dt>{t('address')}</dt>
      <dd>{address || '—'}</dd>
      <dt>{t('email')}</dt>
      <dd>{o.email ?? '—'}</dd>
      <dt>{t('phone')}</dt>
      <dd>{o.phone ?? '—'}</dd>
      <dt>{t('website')}</dt>
      <dd>{o.website ?? '—'}</dd>
      <dt>{t('employees')}</dt>
      <dd>{o.employees}</dd>
      <dt>{t('volunteers')}</dt>
      <dd>{o.volunteers}</dd>
      <dt>{t('annual_budget')}</dt>
      <dd>{formatEuro(o.annualBudgetCents, props.lang)}</dd>
      <dt>{t('vat_id')}</dt>
      <dd>{o.vatId ?? '—'}</dd>
      <dt>{t('leitweg_id')}</dt>
      <dd>{o.leitwegId ?? '—'}</dd>
      <dt>{t('iban')}</dt>
      <dd class="mono">{o.iban ?? '—'}</dd>
    </dl>
  )
}
