import { followUpStatuses } from '../db/schema-catalog.ts'
import { formatDate, formatDateTime, formatEuro, type Language, translator } from '../platform/i18n.ts'
import { type Errors, Field, Form, Select, TextArea } from '../web/components.tsx'
import { DataTable } from '../web/data-table.tsx'
import type { Assignee } from './follow-up.actions.ts'
import type { FollowUpEntry, Questionnaire } from './needs.model.ts'
import type { Projection } from './needs.rules.ts'
import { followUpLabel, overviewText } from './overview.messages.ts'
import { InputsSummary, QuoteSections } from './quote.pages.tsx'

/** One questionnaire for the founders: everything it says, the quote as given, the history and the follow-up form. */
export function QuestionnaireDetail(props: {
  lang: Language
  csrf: string
  q: Questionnaire
  history: FollowUpEntry[]
  today: Projection
  assignees: Assignee[]
  canFollowUp: boolean
  canReadApplication: boolean
  values?: Record<string, string>
  errors?: Errors
}) {
  const { lang, q } = props
  const t = translator(overviewText, lang)
  const assigneeLabel = (id: string | null) => {
    if (!id) return '—'
    return props.assignees.find((a) => a.accountId === id)?.email ?? id
  }
  const v = props.values ?? {
    status: q.followUp.status,
    note: '',
    nextOn: q.followUp.on ?? '',
    assignedAccountId: q.followUp.assignedAccountId ?? '',
  }
  const labels = {
    status: t('form_status'),
    note: t('form_note'),
    nextOn: t('form_next_on'),
    assignedAccountId: t('form_assignee'),
  }
  return (
    <section>
      <p>
        <a href="/needs/overview">{t('back')}</a>
      </p>
      <h1>
        {t('detail_title', { ref: q.ref })}
        {q.organisationName && ` – ${q.organisationName}`}
      </h1>
      {q.erasedAt && <p class="notice">{t('detail_erased', { date: formatDateTime(q.erasedAt, lang) })}</p>}
      <h2>{t('detail_status')}</h2>
      <dl class="facts">
        <dt>{t('submitted')}</dt>
        <dd>{formatDateTime(q.submittedAt, lang)}</dd>
        <dt>{t('follow_up')}</dt>
        <dd data-follow-up-status={q.followUp.status}>{followUpLabel(q.followUp.status, lang)}</dd>
        <dt>{t('next_on')}</dt>
        <dd>{formatDate(q.followUp.on, lang)}</dd>
        <dt>{t('assignee')}</dt>
        <dd>{assigneeLabel(q.followUp.assignedAccountId)}</dd>
        {q.applicationId && (
          <>
            <dt>{t('detail_application')}</dt>
            <dd>
              {props.canReadApplication ? (
                <a href={`/applications/${q.applicationId}`}>{t('detail_application_link')}</a>
              ) : (
                t('applied')
              )}
            </dd>
          </>
        )}
      </dl>
      <p class="hint">
        {t('detail_today', {
          monthly: formatEuro(props.today.monthlyNetCents, lang),
          mandatory: props.today.mandatoryShares,
          suggested: props.today.suggestedShares,
        })}
      </p>
      <h2>{t('history')}</h2>
      <DataTable
        items={props.history}
        empty={t('history_none')}
        columns={[t('history_at'), t('history_by'), t('form_status'), t('note'), t('next_on'), t('assignee')]}
        row={(h) => (
          <tr>
            <td>{formatDateTime(h.createdAt, lang)}</td>
            <td>{h.createdBy}</td>
            <td>{followUpLabel(h.status, lang)}</td>
            <td class="reason">{h.note || '—'}</td>
            <td>{formatDate(h.nextOn, lang)}</td>
            <td>{h.assignedLabel ?? '—'}</td>
          </tr>
        )}
      />
      {props.canFollowUp && !q.erasedAt && (
        <>
          <h2>{t('form_title')}</h2>
          <Form
            action={`/needs/by-id/${q.id}/follow-ups`}
            csrf={props.csrf}
            lang={lang}
            errors={props.errors}
            labels={labels}
          >
            <Select
              name="status"
              label={t('form_status')}
              value={v.status}
              options={followUpStatuses.map((s) => ({ value: s, label: followUpLabel(s, lang) }))}
              errors={props.errors}
            />
            <TextArea
              name="note"
              label={t('form_note')}
              hint={t('form_note_hint')}
              value={v.note}
              maxlength={2000}
              errors={props.errors}
            />
            <Field name="nextOn" label={t('form_next_on')} type="date" value={v.nextOn} errors={props.errors} />
            <Select
              name="assignedAccountId"
              label={t('form_assignee')}
              value={v.assignedAccountId}
              options={[
                { value: '', label: t('form_nobody') },
                ...props.assignees.map((a) => ({ value: a.accountId, label: `${a.name} <${a.email}>` })),
              ]}
              errors={props.errors}
            />
            <div class="actions">
              <button type="submit">{t('form_submit')}</button>
            </div>
          </Form>
        </>
      )}
      <h2>{t('detail_inputs')}</h2>
      <InputsSummary lang={lang} q={q} />
      <h2>{t('detail_quote')}</h2>
      <QuoteSections lang={lang} q={q} level={3} />
    </section>
  )
}
