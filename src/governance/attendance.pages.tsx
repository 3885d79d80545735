import type { Language } from '../platform/i18n.ts'
import { type Errors, Field } from '../web/components.tsx'
import { DataTable } from '../web/data-table.tsx'
import type { AssemblyView } from './assemblies.model.ts'
import { PresenceBox } from './assemblies.pages.tsx'
import type { QuorumState } from './assembly.rules.ts'
import type { AttendeeCandidate, Presence } from './attendance.actions.ts'
import { g } from './governance.messages.ts'

/** The door: search by name or member number, check people in and out, the presence counts. */
export function CheckInPage(props: {
  lang: Language
  csrf: string
  assembly: AssemblyView
  q: string
  candidates: AttendeeCandidate[]
  presence: Presence
  quorum: QuorumState
  errors?: Errors
}) {
  const t = g(props.lang)
  const { lang, csrf, assembly: a } = props
  const base = `/assemblies/${a.ref}`
  const open = a.status === 'invited' || a.status === 'open'
  return (
    <section>
      <h1>{t('door_title', { ref: a.ref })}</h1>
      <p>
        <a href={base}>{a.title}</a>
      </p>
      <PresenceBox lang={lang} presence={props.presence} quorum={props.quorum} />
      <form method="get" action={`${base}/check-in`} class="stack">
        <Field name="q" label={t('door_search')} value={props.q} type="search" />
        <button type="submit">{t('door_search_button')}</button>
      </form>
      {props.errors?.personId && (
        <p class="error" role="alert" id="f-personId">
          {props.errors.personId}
        </p>
      )}
      <h2>{props.q ? t('door_search_button') : t('door_present')}</h2>
      <DataTable
        items={props.candidates}
        empty={t('door_none')}
        columns={[t('col_person'), t('col_represents'), t('col_mode'), t('actions')]}
        row={(c) => (
          <tr>
            <td>{c.name}</td>
            <td>{c.members.join(', ')}</td>
            <td>{c.mode ? t(c.mode === 'online' ? 'mode_online' : 'mode_in_person') : ''}</td>
            <td>
              {open && (
                <form method="post" action={`${base}/${c.present ? 'check-out' : 'check-in'}`} class="inline">
                  <input type="hidden" name="_csrf" value={csrf} />
                  <input type="hidden" name="personId" value={c.personId} />
                  <input type="hidden" name="q" value={props.q} />
                  <button type="submit">{c.present ? t('door_check_out') : t('door_check_in')}</button>
                </form>
              )}
            </td>
          </tr>
        )}
      />
    </section>
  )
}
