import { agendaKinds, assemblyBodies, assemblyForms } from '../db/schema-governance.ts'
import { formatEventTime, wallTimeInputValue } from '../events/event-time.ts'
import { formatDate, formatDateTime, type Language } from '../platform/i18n.ts'
import { type Errors, Field, Form, Select, TextArea } from '../web/components.tsx'
import { DataTable } from '../web/data-table.tsx'
import type { AssemblyDetail } from './assemblies.actions.ts'
import type { AssemblyView } from './assemblies.model.ts'
import { type GovernanceSettings, lastAgendaDay, lastInvitationDay, type QuorumState } from './assembly.rules.ts'
import type { Presence } from './attendance.actions.ts'
import { agendaKindLabel, bodyLabel, formLabel, g, kindLabel, statusLabel } from './governance.messages.ts'

/** The assembly pages: the list, the form (new and edit, with cancelling) and the assembly with its agenda. */

export function AssembliesPage(props: { lang: Language; assemblies: AssemblyView[]; canManage: boolean }) {
  const t = g(props.lang)
  const { lang } = props
  return (
    <section>
      <h1>{t('list_title')}</h1>
      {props.canManage && (
        <div class="actions">
          <a class="button" href="/assemblies/new">
            {t('new_button')}
          </a>
        </div>
      )}
      <DataTable
        items={props.assemblies}
        empty={t('none')}
        columns={[t('col_ref'), t('col_title'), t('col_when'), t('col_form'), t('col_status')]}
        row={(a) => (
          <tr>
            <td>{a.ref}</td>
            <td>
              <a href={`/assemblies/${a.ref}`}>{a.title}</a>
              <br />
              <span class="hint">{`${bodyLabel(a.body, lang)} · ${kindLabel(a.kind, lang)}`}</span>
            </td>
            <td>{formatEventTime(a.startsAt, a.endsAt, lang)}</td>
            <td>{formLabel(a.form, lang)}</td>
            <td>{statusLabel(a.status, lang)}</td>
          </tr>
        )}
      />
    </section>
  )
}

export type AssemblyForm = Record<string, string>

export const assemblyFormFields = [
  'body',
  'kind',
  'form',
  'title',
  'startsAt',
  'endsAt',
  'location',
  'onlineUrl',
  'accessNote',
  'votingStartsAt',
  'votingEndsAt',
  'registerDate',
] as const

export function assemblyFormValues(a: AssemblyView): AssemblyForm {
  return {
    body: a.body,
    kind: a.kind,
    form: a.form,
    title: a.title,
    startsAt: wallTimeInputValue(a.startsAt),
    endsAt: wallTimeInputValue(a.endsAt),
    location: a.location,
    onlineUrl: a.onlineUrl ?? '',
    accessNote: a.accessNote,
    votingStartsAt: wallTimeInputValue(a.votingStartsAt),
    votingEndsAt: wallTimeInputValue(a.votingEndsAt),
    registerDate: a.registerDate,
  }
}

export function assemblyLabels(lang: Language): Record<string, string> {
  const t = g(lang)
  return {
    body: t('body'),
    kind: t('kind'),
    form: t('form'),
    title: t('title'),
    startsAt: t('starts_at'),
    endsAt: t('ends_at'),
    location: t('location'),
    onlineUrl: t('online_url'),
    accessNote: t('access_note'),
    votingStartsAt: t('voting_starts_at'),
    votingEndsAt: t('voting_ends_at'),
    registerDate: t('register_date'),
    invitation: t('invite_heading'),
    reason: t('cancel_reason'),
    kindOfItem: t('item_kind'),
  }
}

export function AssemblyFormPage(props: {
  lang: Language
  csrf: string
  assembly: AssemblyView | null
  values: AssemblyForm
  errors?: Errors
  cancelErrors?: Errors
}) {
  const t = g(props.lang)
  const { lang, values, errors } = props
  const labels = assemblyLabels(lang)
  const a = props.assembly
  return (
    <section>
      <h1>{a ? t('edit_title', { ref: a.ref }) : t('new_title')}</h1>
      <Form
        action={a ? `/assemblies/${a.ref}` : '/assemblies'}
        csrf={props.csrf}
        lang={lang}
        errors={errors}
        labels={labels}
      >
        {a ? (
          <p>{`${labels.body}: ${bodyLabel(a.body, lang)}`}</p>
        ) : (
          <Select
            name="body"
            label={labels.body!}
            value={values.body}
            errors={errors}
            required
            options={assemblyBodies.map((b) => ({ value: b, label: bodyLabel(b, lang) }))}
          />
        )}
        {a && <input type="hidden" name="body" value={a.body} />}
        <Select
          name="kind"
          label={labels.kind!}
          value={values.kind}
          errors={errors}
          options={(['ordinary', 'extraordinary'] as const).map((k) => ({ value: k, label: kindLabel(k, lang) }))}
        />
        <Select
          name="form"
          label={labels.form!}
          value={values.form}
          errors={errors}
          required
          options={assemblyForms.map((f) => ({ value: f, label: formLabel(f, lang) }))}
        />
        <Field name="title" label={labels.title!} value={values.title} errors={errors} required maxlength={200} />
        <Field
          name="startsAt"
          label={labels.startsAt!}
          type="datetime-local"
          value={values.startsAt}
          errors={errors}
          required
        />
        <Field
          name="endsAt"
          label={labels.endsAt!}
          type="datetime-local"
          value={values.endsAt}
          errors={errors}
          required
        />
        <Field name="location" label={labels.location!} value={values.location} errors={errors} maxlength={300} />
        <Field
          name="onlineUrl"
          label={labels.onlineUrl!}
          type="url"
          value={values.onlineUrl}
          errors={errors}
          maxlength={300}
        />
        <TextArea
          name="accessNote"
          label={labels.accessNote!}
          value={values.accessNote}
          errors={errors}
          maxlength={1000}
        />
        <Field
          name="votingStartsAt"
          label={labels.votingStartsAt!}
          type="datetime-local"
          value={values.votingStartsAt}
          errors={errors}
        />
        <Field
          name="votingEndsAt"
          label={labels.votingEndsAt!}
          type="datetime-local"
          value={values.votingEndsAt}
          errors={errors}
        />
        <Field
          name="registerDate"
          label={labels.registerDate!}
          type="date"
          value={values.registerDate}
          errors={errors}
          hint={t('register_date_hint')}
        />
        <button type="submit">{a ? t('save') : t('create')}</button>
      </Form>
      {a && (a.status === 'draft' || a.status === 'invited') && (
        <section aria-labelledby="cancel-heading">
          <h2 id="cancel-heading">{t('cancel_heading')}</h2>
          <Form
            action={`/assemblies/${a.ref}/cancel`}
            csrf={props.csrf}
            lang={lang}
            errors={props.cancelErrors}
            labels={labels}
          >
            <TextArea name="reason" label={labels.reason!} errors={props.cancelErrors} required maxlength={500} />
            <button type="submit" class="danger">
              {t('cancel_button')}
            </button>
          </Form>
        </section>
      )}
    </section>
  )
}

function PostButton(props: {
  action: string
  csrf: string
  label: string
  fields?: Record<string, string>
  class?: string
}) {
  return (
    <form method="post" action={props.action} class="inline">
      <input type="hidden" name="_csrf" value={props.csrf} />
      {Object.entries(props.fields ?? {}).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <button type="submit" class={props.class}>
        {props.label}
      </button>
    </form>
  )
}

export function PresenceBox(props: { lang: Language; presence: Presence; quorum: QuorumState }) {
  const t = g(props.lang)
  return (
    <section aria-labelledby="presence-heading" class="card">
      <h2 id="presence-heading">{t('presence')}</h2>
      <p aria-live="polite" id="presence-counts">
        {t('presence_counts', { ...props.presence })}
      </p>
      <p>
        {props.quorum.required
          ? t(props.quorum.reached ? 'quorum_reached' : 'quorum_missing', { needed: props.quorum.needed })
          : t('no_quorum')}
      </p>
    </section>
  )
}

export function AssemblyPage(props: {
  lang: Language
  csrf: string
  detail: AssemblyDetail
  settings: GovernanceSettings
  presence: Presence | null
  quorum: QuorumState | null
  present: boolean
  itemValues?: Record<string, string>
  itemErrors?: Errors
  inviteErrors?: Errors
}) {
  const t = g(props.lang)
  const { lang, csrf } = props
  const { assembly: a, agenda, access } = props.detail
  const base = `/assemblies/${a.ref}`
  const preparing = a.status === 'draft' || a.status === 'invited'
  const live = agenda.filter((i) => !i.withdrawnAt)
  const labels = assemblyLabels(lang)
  return (
    <section>
      <h1>{`${a.title} (${a.ref})`}</h1>
      <p>{`${bodyLabel(a.body, lang)} · ${kindLabel(a.kind, lang)} · ${formLabel(a.form, lang)} · ${statusLabel(a.status, lang)}`}</p>
      <dl>
        <dt>{t('when')}</dt>
        <dd>{formatEventTime(a.startsAt, a.endsAt, lang)}</dd>
        {a.votingStartsAt && a.votingEndsAt && (
          <>
            <dt>{t('voting_phase')}</dt>
            <dd>{formatEventTime(a.votingStartsAt, a.votingEndsAt, lang)}</dd>
          </>
        )}
        {a.location && (
          <>
            <dt>{t('location')}</dt>
            <dd>{a.location}</dd>
          </>
        )}
        {a.hasOnlineAccess && (
          <>
            <dt>{t('online_access')}</dt>
            <dd>
              {a.onlineUrl ? <a href={a.onlineUrl}>{a.onlineUrl}</a> : t('online_access_hidden')}
              {a.accessNote && <p>{a.accessNote}</p>}
            </dd>
          </>
        )}
        <dt>{t('register_date')}</dt>
        <dd>{formatDate(a.registerDate, lang)}</dd>
        {a.cancelReason && (
          <>
            <dt>{t('cancel_reason')}</dt>
            <dd>{a.cancelReason}</dd>
          </>
        )}
      </dl>
      {access.manage && (
        <p class="actions">
          {preparing && <a href={`${base}/edit`}>{t('edit')}</a>}
          {a.status !== 'draft' && (
            <>
              {' '}
              <a href={`${base}/voters`}>{t('roll_link')}</a> <a href={`${base}/proxies`}>{t('proxies_link')}</a>{' '}
              <a href={`${base}/check-in`}>{t('check_in_link')}</a>
            </>
          )}
        </p>
      )}
      {!access.manage && access.invited && (a.status === 'invited' || a.status === 'open') && (
        <p class="actions">
          <a href={`${base}/proxies`}>{t('proxies_link')}</a>
        </p>
      )}
      {props.presence && props.quorum && <PresenceBox lang={lang} presence={props.presence} quorum={props.quorum} />}
      {access.invited && a.status === 'open' && a.form !== 'in_person' && (
        <div class="actions">
          {props.present ? (
            <>
              <p>{t('you_are_present')}</p>
              <PostButton action={`${base}/leave`} csrf={csrf} label={t('leave')} />
            </>
          ) : (
            <PostButton action={`${base}/join`} csrf={csrf} label={t('join_online')} />
          )}
        </div>
      )}
      <section aria-labelledby="agenda-heading">
        <h2 id="agenda-heading">{t('agenda')}</h2>
        {a.body === 'general_assembly' && preparing && (
          <p class="hint">
            {t('last_agenda_day', { date: formatDate(lastAgendaDay(a.startsAt, props.settings), lang) })}
          </p>
        )}
        {agenda.length === 0 ? (
          <p>{t('agenda_empty')}</p>
        ) : (
          <ol>
            {agenda.map((item) => (
              <li>
                {item.withdrawnAt ? <del>{item.title}</del> : <strong>{item.title}</strong>}
                {item.kind !== 'information' && ` · ${agendaKindLabel(item.kind, lang)}`}
                {item.kind === 'information' && ` · ${t('info_only')}`}
                {item.withdrawnAt && ` · ${t('withdrawn')}`}
                {!item.withdrawnAt && item.kind !== 'information' && !item.decidable && ` · ${t('not_decidable')}`}
                {item.demanded && ` · ${t('demanded')}`}
                {item.description && <p>{item.description}</p>}
                {access.manage && preparing && !item.withdrawnAt && (
                  <span class="actions">
                    {live[0]?.id !== item.id && (
                      <PostButton
                        action={`${base}/agenda/${item.id}/move`}
                        csrf={csrf}
                        label={t('move_up')}
                        fields={{ direction: 'up' }}
                      />
                    )}
                    {live[live.length - 1]?.id !== item.id && (
                      <PostButton
                        action={`${base}/agenda/${item.id}/move`}
                        csrf={csrf}
                        label={t('move_down')}
                        fields={{ direction: 'down' }}
                      />
                    )}
                    <PostButton action={`${base}/agenda/${item.id}/withdraw`} csrf={csrf} label={t('withdraw')} />
                  </span>
                )}
              </li>
            ))}
          </ol>
        )}
        {access.manage && preparing && (
          <Form
            action={`${base}/agenda`}
            csrf={csrf}
            lang={lang}
            errors={props.itemErrors}
            labels={{ title: t('item_title'), kind: t('item_kind'), description: t('item_description') }}
          >
            <Field
              name="title"
              label={t('item_title')}
              value={props.itemValues?.title}
              errors={props.itemErrors}
              required
              maxlength={300}
            />
            <Select
              name="kind"
              label={t('item_kind')}
              value={props.itemValues?.kind ?? 'motion'}
              errors={props.itemErrors}
              options={agendaKinds.map((k) => ({ value: k, label: agendaKindLabel(k, lang) }))}
            />
            <TextArea
              name="description"
              label={t('item_description')}
              value={props.itemValues?.description}
              errors={props.itemErrors}
              maxlength={5000}
            />
            <button type="submit">{t('add_item')}</button>
          </Form>
        )}
      </section>
      {access.manage && a.status === 'draft' && (
        <section aria-labelledby="invite-heading">
          <h2 id="invite-heading">{t('invite_heading')}</h2>
          {a.body === 'general_assembly' && (
            <p class="hint">
              {t('last_invitation_day', { date: formatDate(lastInvitationDay(a.startsAt, props.settings), lang) })}
            </p>
          )}
          <Form action={`${base}/invite`} csrf={csrf} lang={lang} errors={props.inviteErrors} labels={labels}>
            {props.inviteErrors?.invitation && (
              <p class="error" id="f-invitation">
                {props.inviteErrors.invitation}
              </p>
            )}
            <button type="submit">{t('invite_button')}</button>
          </Form>
        </section>
      )}
      {a.invitedAt && <p>{t('invited_at', { date: formatDateTime(a.invitedAt, lang) })}</p>}
      {access.manage && a.status === 'invited' && (
        <PostButton action={`${base}/open`} csrf={csrf} label={t('open_button')} />
      )}
      {access.manage && a.status === 'open' && (
        <PostButton action={`${base}/close`} csrf={csrf} label={t('close_button')} />
      )}
    </section>
  )
}
