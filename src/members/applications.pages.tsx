import type { Localised } from '../catalog/catalog.model.ts'
import { toolLabel } from '../catalog/tools.ts'
import { areaLabel } from '../needs/needs.catalog.ts'
import { legalFormLabel } from '../organisations/organisations.pages.tsx'
import type { PlainDate } from '../platform/dates.ts'
import { formatDate, formatDateTime, formatEuro, type Language, translator } from '../platform/i18n.ts'
import { type Errors, Field, Form, Pager, TextArea } from '../web/components.tsx'
import { DataTable } from '../web/data-table.tsx'
import type { Application } from './applications.actions.ts'
import { applicationText } from './applications.messages.ts'
import { applicationStatusLabel, joinText, memberTypeLabel } from './join.messages.ts'

/** An application with what the pages show beside it: the share value and date of its statutes, the member number. */
export interface ApplicationView {
  application: Application
  shareValueCents: number
  statutesValidFrom: PlainDate
  memberNumber: string | null
  /** The catalog's area names by key (src/needs/needs.catalog.ts: areaNames). */
  areaNames: Record<string, Localised>
}

export const applicationStatuses = ['submitted', 'admitted', 'rejected', 'withdrawn'] as const

export function ApplicationList(props: {
  lang: Language
  items: Application[]
  total: number
  page: number
  pageSize: number
  status: string
  requiredApprovals: number
}) {
  const t = translator(applicationText, props.lang)
  const pages = Math.max(1, Math.ceil(props.total / props.pageSize))
  return (
    <section>
      <h1>{t('list_title')}</h1>
      <form method="get" action="/applications" class="actions">
        <label for="status">{t('filter_status')}</label>
        <select id="status" name="status">
          {[...applicationStatuses, 'all'].map((s) => (
            <option value={s} selected={s === props.status}>
              {s === 'all' ? t('filter_all') : applicationStatusLabel(s, props.lang)}
            </option>
          ))}
        </select>
        <button type="submit" class="secondary">
          {t('show')}
        </button>
      </form>
      <p>{t('count', { total: props.total })}</p>
      <DataTable
        items={props.items}
        empty={t('none')}
        columns={[t('ref'), t('party'), t('type'), t('submitted'), t('shares'), t('approvals'), t('status')]}
        row={(a) => (
          <tr>
            <td class="mono">
              <a href={`/applications/${a.id}`}>{a.ref}</a>
            </td>
            <td>{a.partyName}</td>
            <td>{memberTypeLabel(a.memberType, props.lang)}</td>
            <td>{formatDateTime(a.submittedAt, props.lang)}</td>
            <td>{a.totalShares}</td>
            <td>
              {a.status === 'submitted'
                ? t('approvals_of', { n: a.approvals.length, required: props.requiredApprovals })
                : a.approvals.length}
            </td>
            <td>{applicationStatusLabel(a.status, props.lang)}</td>
          </tr>
        )}
      />
      <Pager
        lang={props.lang}
        page={props.page}
        pages={pages}
        href={(p) => `/applications?status=${props.status}&page=${p}`}
      />
    </section>
  )
}

/** Shares, amount and the statutes they were computed under. */
function QuoteFacts(props: { lang: Language; view: ApplicationView }) {
  const t = translator(applicationText, props.lang)
  const { application: a, shareValueCents } = props.view
  return (
    <dl class="facts">
      <dt>{t('mandatory')}</dt>
      <dd>{a.mandatoryShares}</dd>
      <dt>{t('voluntary')}</dt>
      <dd>{a.voluntaryShares}</dd>
      <dt>{t('total')}</dt>
      <dd>{a.totalShares}</dd>
      <dt>{t('share_value')}</dt>
      <dd>{formatEuro(shareValueCents, props.lang)}</dd>
      <dt>{t('amount')}</dt>
      <dd>{formatEuro(a.totalShares * shareValueCents, props.lang)}</dd>
      <dt>{t('statutes')}</dt>
      <dd>{formatDate(props.view.statutesValidFrom, props.lang)}</dd>
    </dl>
  )
}

/** The declaration as agreed to: its text, who made it when, and the hash that seals it. */
function Declaration(props: { lang: Language; view: ApplicationView; pdfHref: string; showOrigin: boolean }) {
  const t = translator(applicationText, props.lang)
  const jt = translator(joinText, props.lang)
  const d = props.view.application.declaration
  if (!d) return null
  return (
    <>
      <dl class="facts">
        <dt>{jt('signer')}</dt>
        <dd>{`${d.signerName} <${d.signerEmail}>`}</dd>
        <dt>{t('signed_at')}</dt>
        <dd>{formatDateTime(d.signedAt, props.lang)}</dd>
        {props.showOrigin && (
          <>
            <dt>{t('ip_address')}</dt>
            <dd class="mono">{d.ipAddress ?? t('not_recorded')}</dd>
            <dt>{t('user_agent')}</dt>
            <dd>{d.userAgent ?? t('not_recorded')}</dd>
          </>
        )}
        <dt>{t('statutes')}</dt>
        <dd>{formatDate(d.statutesValidFrom, props.lang)}</dd>
        <dt>{t('content_hash')}</dt>
        <dd class="mono hash">{d.contentHash}</dd>
      </dl>
      {d.text ? <pre class="declaration">{d.text}</pre> : <p>{jt('declaration_purged')}</p>}
      {d.text && (
        <p>
          <a href={props.pdfHref} download>
            {jt('download_pdf')}
          </a>
        </p>
      )}
    </>
  )
}

function statusText(view: ApplicationView, lang: Language): string {
  const t = translator(joinText, lang)
  const a = view.application
  if (a.status === 'admitted') return t('status_admitted_text', { number: view.memberNumber ?? '—' })
  return t(`status_${a.status}_text` as 'status_submitted_text')
}

/** The applicant's page behind the secret link: status, shares, the declaration, withdrawal while undecided. */
export function ApplicationStatusPage(props: {
  lang: Language
  csrf: string
  token: string
  view: ApplicationView
  /** The needs questionnaire made from this declaration, if any: its quote (and erasure) behind the same key. */
  quoteHref?: string | null
}) {
  const t = translator(joinText, props.lang)
  const a = props.view.application
  const base = `/join/status/${encodeURIComponent(props.token)}`
  return (
    <section>
      <h1>{t('status_title', { ref: a.ref })}</h1>
      <p class="hint">{t('keep_link')}</p>
      <p class={`status status-${a.status}`} data-status={a.status}>
        <strong>{`${t('status')}: ${applicationStatusLabel(a.status, props.lang)}`}</strong> –{' '}
        {statusText(props.view, props.lang)}
      </p>
      <dl class="facts">
        <dt>{t('reference')}</dt>
        <dd class="mono">{a.ref}</dd>
        <dt>{t('kind')}</dt>
        <dd>{a.kind === 'join' ? t('kind_join') : t('kind_extra_shares')}</dd>
        <dt>{t('party')}</dt>
        <dd>{a.partyName}</dd>
        <dt>{t('member_type_label')}</dt>
        <dd>{memberTypeLabel(a.memberType, props.lang)}</dd>
        {props.view.memberNumber && (
          <>
            <dt>{t('member_number')}</dt>
            <dd class="mono">{props.view.memberNumber}</dd>
          </>
        )}
        <dt>{t('submitted_at')}</dt>
        <dd>{formatDateTime(a.submittedAt, props.lang)}</dd>
        {a.decidedAt && (
          <>
            <dt>{t('decided_at')}</dt>
            <dd>{formatDateTime(a.decidedAt, props.lang)}</dd>
          </>
        )}
        {a.rejectionReason && (
          <>
            <dt>{t('rejection_reason')}</dt>
            <dd class="reason">{a.rejectionReason}</dd>
          </>
        )}
        <dt>{t('shares')}</dt>
        <dd>
          {t('shares_split', { total: a.totalShares, mandatory: a.mandatoryShares, voluntary: a.voluntaryShares })}
        </dd>
        <dt>{t('amount')}</dt>
        <dd>{formatEuro(a.totalShares * props.view.shareValueCents, props.lang)}</dd>
      </dl>
      {props.quoteHref && (
        <p>
          <a href={props.quoteHref}>{t('quote_link')}</a>
        </p>
      )}
      <h2>{t('declaration_title')}</h2>
      <Declaration lang={props.lang} view={props.view} pdfHref={`${base}/declaration.pdf`} showOrigin={false} />
      {a.status === 'submitted' && (
        <form method="post" action={`${base}/withdraw`} class="stack" data-confirm={t('withdraw_confirm')}>
          <input type="hidden" name="_csrf" value={props.csrf} />
          <div class="actions">
            <button type="submit" class="danger">
              {t('withdraw')}
            </button>
          </div>
        </form>
      )}
    </section>
  )
}

/** The board's view of one application: everything the decision rests on, and the decision forms. */
export function ApplicationDetail(props: {
  lang: Language
  csrf: string
  view: ApplicationView
  requiredApprovals: number
  canDecide: boolean
  accountId: string | null
  today: PlainDate
  values?: { effectiveOn?: string; reason?: string }
  errors?: Errors
  refused?: string | null
}) {
  const t = translator(applicationText, props.lang)
  const jt = translator(joinText, props.lang)
  const a = props.view.application
  const p = a.applicant
  const q = a.questionnaire as { devices?: number; toolsToday?: string[]; painPoints?: string; stage?: string }
  const e = props.errors
  const approvedByMe = a.approvals.some((x) => x.accountId === props.accountId)
  const lastApproval = a.approvals.length + 1 >= props.requiredApprovals
  return (
    <section>
      <p>
        <a href="/applications">{t('back')}</a>
      </p>
      <h1>{t('detail_title', { ref: a.ref })}</h1>
      {props.refused && (
        <div class="error-summary" role="alert" tabindex={-1}>
          <p>{t('refused')}</p>
          <p>{props.refused}</p>
        </div>
      )}
      <p data-status={a.status}>
        <strong>{`${t('status')}: ${applicationStatusLabel(a.status, props.lang)}`}</strong>
        {a.status === 'admitted' && props.view.memberNumber && ` – ${t('member_number')} ${props.view.memberNumber}`}
        {a.decidedAt && ` – ${t('decided', { date: formatDateTime(a.decidedAt, props.lang), by: a.decidedBy ?? '—' })}`}
      </p>
      {a.rejectionReason && <p class="reason">{`${jt('rejection_reason')}: ${a.rejectionReason}`}</p>}
      <h2>{t('applicant')}</h2>
      <dl class="facts">
        <dt>{t('type')}</dt>
        <dd>{memberTypeLabel(a.memberType, props.lang)}</dd>
        {p.organisationName && (
          <>
            <dt>{t('organisation')}</dt>
            <dd>
              {p.organisationName}
              {p.organisationId && (
                <>
                  {' '}
                  (<a href={`/organisations/${p.organisationId}`}>{t('existing_organisation')}</a>)
                </>
              )}
            </dd>
            <dt>{t('legal_form')}</dt>
            <dd>{p.legalForm ? legalFormLabel(props.lang, p.legalForm) : '—'}</dd>
            <dt>{t('organisation_email')}</dt>
            <dd>{p.organisationEmail ?? '—'}</dd>
            <dt>{t('vat_id')}</dt>
            <dd>{p.vatId ?? '—'}</dd>
            <dt>{t('size')}</dt>
            <dd>
              {t('size_value', {
                employees: p.employees,
                volunteers: p.volunteers,
                budget: formatEuro(p.annualBudgetCents, props.lang),
              })}
            </dd>
          </>
        )}
        {p.memberNumber && (
          <>
            <dt>{t('member_number')}</dt>
            <dd class="mono">{p.memberNumber}</dd>
          </>
        )}
        <dt>{t('iban')}</dt>
        <dd class="mono">{p.iban ?? '—'}</dd>
        <dt>{t('signer')}</dt>
        <dd>{`${p.givenName} ${p.familyName}`}</dd>
        <dt>{t('email')}</dt>
        <dd>{p.email}</dd>
        <dt>{t('phone')}</dt>
        <dd>{p.phone ?? '—'}</dd>
        <dt>{t('address')}</dt>
        <dd>{[p.street, `${p.postalCode} ${p.city}`.trim(), p.country].filter(Boolean).join(', ') || '—'}</dd>
      </dl>
      {a.kind === 'join' && (
        <>
          <h2>{t('questionnaire')}</h2>
          <dl class="facts">
            <dt>{t('primary_areas')}</dt>
            <dd>{a.primaryAreas.map((x) => areaLabel(props.view.areaNames, x, props.lang)).join(', ') || '—'}</dd>
            <dt>{t('devices')}</dt>
            <dd>{q.devices ?? 0}</dd>
            <dt>{t('tools_today')}</dt>
            <dd>{(q.toolsToday ?? []).map((x) => toolLabel(x, props.lang)).join(', ') || '—'}</dd>
            <dt>{t('pain_points')}</dt>
            <dd class="reason">{q.painPoints || '—'}</dd>
            <dt>{t('stage')}</dt>
            <dd>{q.stage ? jt(`stage_${q.stage}` as 'stage_informed') : '—'}</dd>
          </dl>
        </>
      )}
      <h2>{t('quote')}</h2>
      <QuoteFacts lang={props.lang} view={props.view} />
      <h2>{t('declaration')}</h2>
      <Declaration lang={props.lang} view={props.view} pdfHref={`/applications/${a.id}/declaration.pdf`} showOrigin />
      <h2>{t('approvals_section')}</h2>
      {a.status === 'submitted' && (
        <p>{t('approvals_required', { required: props.requiredApprovals, n: a.approvals.length })}</p>
      )}
      {a.approvals.length === 0 ? (
        <p>{t('no_approvals')}</p>
      ) : (
        <ul class="approvals">
          {a.approvals.map((x) => (
            <li>{`${x.label} – ${formatDateTime(x.approvedAt, props.lang)}`}</li>
          ))}
        </ul>
      )}
      {props.canDecide && a.status === 'submitted' && (
        <>
          <h2>{t('decision')}</h2>
          {!approvedByMe && (
            <Form
              action={`/applications/${a.id}/approve`}
              csrf={props.csrf}
              lang={props.lang}
              errors={pick(e, 'effectiveOn')}
              labels={{ effectiveOn: t('effective_on') }}
            >
              <Field
                name="effectiveOn"
                label={t('effective_on')}
                type="date"
                value={props.values?.effectiveOn ?? props.today}
                hint={t('effective_hint')}
                errors={e}
              />
              <div class="actions">
                <button type="submit">{lastApproval ? t('approve') : t('approve_partial')}</button>
              </div>
            </Form>
          )}
          <Form
            action={`/applications/${a.id}/reject`}
            csrf={props.csrf}
            lang={props.lang}
            errors={pick(e, 'reason')}
            labels={{ reason: t('reason') }}
          >
            <TextArea
              name="reason"
              label={t('reason')}
              hint={t('reason_hint')}
              value={props.values?.reason}
              required
              maxlength={2000}
              errors={e}
            />
            <div class="actions">
              <button type="submit" class="danger">
                {t('reject')}
              </button>
            </div>
          </Form>
        </>
      )}
    </section>
  )
}

function pick(errors: Errors | undefined, name: string): Errors | undefined {
  const message = errors?.[name]
  return message ? { [name]: message } : undefined
}
