import type { Language } from '../platform/i18n.ts'
import { type Errors, Field, Form, Select, TextArea } from '../web/components.tsx'
import { DataTable } from '../web/data-table.tsx'
import type { FormValues } from './catalog-forms.ts'
import { pricesT } from './prices.messages.ts'
import type { ProviderView } from './providers.actions.ts'

/** Staff's list of providers, with the form for a new partner provider. */

function one(v: FormValues, name: string): string {
  const value = v[name]
  return Array.isArray(value) ? (value[0] ?? '') : (value ?? '')
}

export function providerLabels(lang: Language): Record<string, string> {
  const t = pricesT(lang)
  return {
    key: t('provider_key'),
    name: t('provider_name'),
    organisationId: t('provider_organisation'),
    website: t('provider_website'),
    'description.de': t('provider_description_de'),
    'description.en': t('provider_description_en'),
  }
}

export function ProvidersPage(props: {
  lang: Language
  csrf: string
  providers: ProviderView[]
  organisations: Array<{ id: string; name: string; ref: string }>
  values: FormValues
  errors?: Errors
  problem?: { key: string; message: string }
}) {
  const { lang, values: v, errors: e } = props
  const t = pricesT(lang)
  const labels = providerLabels(lang)
  return (
    <section>
      <h1>{t('providers_title')}</h1>
      <p>{t('providers_intro')}</p>
      <DataTable
        items={props.providers}
        empty="—"
        columns={[t('provider_col'), t('organisation_col'), t('entries_col'), t('state_col'), '']}
        row={(p) => (
          <tr data-provider={p.key}>
            <th scope="row">
              {p.name} <span class="hint">({p.key})</span>
              {props.problem?.key === p.key && (
                <p class="error" role="alert">
                  {props.problem.message}
                </p>
              )}
            </th>
            <td>{p.isHome ? t('home_provider') : (p.organisationName ?? '—')}</td>
            <td>{t('entries_value', { areas: p.areas, services: p.services })}</td>
            <td>{p.archived ? t('state_archived') : t('state_active')}</td>
            <td>
              {!p.isHome && !p.archived && (
                <form
                  method="post"
                  action={`/catalog/providers/${p.key}/archive`}
                  class="inline"
                  data-confirm={t('archive_confirm')}
                >
                  <input type="hidden" name="_csrf" value={props.csrf} />
                  <button type="submit" class="secondary small">
                    {t('archive')}
                  </button>
                </form>
              )}
            </td>
          </tr>
        )}
      />
      <h2>{t('new_provider')}</h2>
      {props.organisations.length === 0 && !e ? (
        <p>{t('no_organisations')}</p>
      ) : (
        <Form action="/catalog/providers" csrf={props.csrf} lang={lang} errors={e} labels={labels}>
          <Select
            name="organisationId"
            label={labels.organisationId!}
            value={one(v, 'organisationId')}
            options={[
              { value: '', label: t('choose') },
              ...props.organisations.map((o) => ({ value: o.id, label: `${o.name} (${o.ref})` })),
            ]}
            errors={e}
            required
          />
          <Field name="name" label={labels.name!} value={one(v, 'name')} errors={e} required maxlength={200} />
          <Field name="key" label={labels.key!} value={one(v, 'key')} errors={e} required maxlength={40} />
          <Field
            name="website"
            label={labels.website!}
            type="url"
            value={one(v, 'website')}
            errors={e}
            maxlength={300}
          />
          <TextArea
            name="description.de"
            label={labels['description.de']!}
            value={one(v, 'description.de')}
            errors={e}
            maxlength={2000}
          />
          <TextArea
            name="description.en"
            label={labels['description.en']!}
            value={one(v, 'description.en')}
            errors={e}
            maxlength={2000}
          />
          <div class="actions">
            <button type="submit">{t('create_provider')}</button>
          </div>
        </Form>
      )}
    </section>
  )
}
