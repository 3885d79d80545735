import { formatDateTime, type Language } from '../platform/i18n.ts'
import { type Errors, Field, Select } from '../web/components.tsx'
import { DataTable } from '../web/data-table.tsx'
import type { AssemblyView } from './assemblies.model.ts'
import { g } from './governance.messages.ts'
import type { ProxyView } from './proxies.actions.ts'

/** Proxies of an assembly: the list, giving one online (a member's representative), recording a written one (staff). */
export function ProxiesPage(props: {
  lang: Language
  csrf: string
  assembly: AssemblyView
  proxies: ProxyView[]
  ownMembers: Array<{ memberId: string; number: string; name: string }>
  rollMembers: Array<{ memberId: string; number: string; name: string }>
  canRecord: boolean
  proxyLimit: number
  values?: Record<string, string>
  errors?: Errors
  writtenValues?: Record<string, string>
  writtenErrors?: Errors
}) {
  const t = g(props.lang)
  const { lang, csrf, assembly: a } = props
  const base = `/assemblies/${a.ref}/proxies`
  const open = a.status === 'invited' || a.status === 'open'
  const options = (list: typeof props.ownMembers) =>
    list.map((m) => ({ value: m.memberId, label: `${m.number} ${m.name}` }))
  const summary = (errors: Errors | undefined, labels: Record<string, string>) =>
    errors && Object.keys(errors).length > 0 ? (
      <div class="error-summary" role="alert" tabindex={-1}>
        <ul>
          {Object.entries(errors).map(([path, message]) => (
            <li>
              <a href={`#f-${path}`}>{`${labels[path] ?? path}: ${message}`}</a>
            </li>
          ))}
        </ul>
      </div>
    ) : null
  const labels = { memberId: t('proxy_member'), holderEmail: t('proxy_holder_email'), document: t('proxy_document') }
  return (
    <section>
      <h1>{t('proxies_title', { ref: a.ref })}</h1>
      <p>
        <a href={`/assemblies/${a.ref}`}>{a.title}</a>
      </p>
      <p class="hint">{t('proxy_limit_note', { limit: props.proxyLimit })}</p>
      <DataTable
        items={props.proxies}
        empty={t('proxies_none')}
        columns={[
          t('col_grantor'),
          t('col_holder'),
          t('col_proxy_form'),
          t('col_granted'),
          t('col_state'),
          t('actions'),
        ]}
        row={(p) => (
          <tr>
            <td>{`${p.grantorNumber} ${p.grantorName}`}</td>
            <td>{p.holderName}</td>
            <td>{p.form === 'online' ? t('proxy_online') : `${t('proxy_written_form')} (${p.documentName ?? ''})`}</td>
            <td>{formatDateTime(p.grantedAt, lang)}</td>
            <td>{p.revokedAt ? t('proxy_revoked', { date: formatDateTime(p.revokedAt, lang) }) : t('proxy_active')}</td>
            <td>
              {!p.revokedAt && open && (
                <form method="post" action={`${base}/${p.id}/revoke`} class="inline">
                  <input type="hidden" name="_csrf" value={csrf} />
                  <button type="submit">{t('proxy_revoke')}</button>
                </form>
              )}
            </td>
          </tr>
        )}
      />
      {open && props.ownMembers.length > 0 && (
        <section aria-labelledby="give-heading">
          <h2 id="give-heading">{t('proxy_give')}</h2>
          <form method="post" action={base} class="stack" novalidate>
            <input type="hidden" name="_csrf" value={csrf} />
            {summary(props.errors, labels)}
            <Select
              name="memberId"
              label={labels.memberId}
              value={props.values?.memberId}
              options={options(props.ownMembers)}
              errors={props.errors}
              required
            />
            <Field
              name="holderEmail"
              label={labels.holderEmail}
              type="email"
              value={props.values?.holderEmail}
              errors={props.errors}
              required
            />
            <button type="submit">{t('proxy_give_button')}</button>
          </form>
        </section>
      )}
      {open && props.canRecord && (
        <section aria-labelledby="written-heading">
          <h2 id="written-heading">{t('proxy_written')}</h2>
          <form method="post" action={`${base}/written`} enctype="multipart/form-data" class="stack" novalidate>
            <input type="hidden" name="_csrf" value={csrf} />
            {summary(props.writtenErrors, labels)}
            <Select
              name="memberId"
              label={labels.memberId}
              value={props.writtenValues?.memberId}
              options={options(props.rollMembers)}
              errors={props.writtenErrors}
              required
            />
            <Field
              name="holderEmail"
              label={labels.holderEmail}
              type="email"
              value={props.writtenValues?.holderEmail}
              errors={props.writtenErrors}
              required
            />
            <div class={props.writtenErrors?.document ? 'field invalid' : 'field'}>
              <label for="f-document">{labels.document}</label>
              <input
                id="f-document"
                name="document"
                type="file"
                accept="application/pdf"
                required
                aria-invalid={props.writtenErrors?.document ? 'true' : undefined}
                aria-describedby={props.writtenErrors?.document ? 'f-document-error' : undefined}
              />
              {props.writtenErrors?.document && (
                <p class="error" id="f-document-error">
                  {props.writtenErrors.document}
                </p>
              )}
            </div>
            <button type="submit">{t('proxy_record_button')}</button>
          </form>
        </section>
      )}
    </section>
  )
}
