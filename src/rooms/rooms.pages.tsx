import type { Child } from 'hono/jsx'
import type { Room } from '../db/schema-rooms.ts'
import { roomKinds } from '../db/schema-rooms.ts'
import { formatDate, formatDateTime, type Language, translator } from '../platform/i18n.ts'
import { type Errors, Field, Form, Select, TextArea } from '../web/components.tsx'
import type {
  allRooms,
  myRooms,
  roomDecisions,
  roomDocument,
  roomDocuments,
  roomMeetings,
  roomMembers,
} from './rooms.actions.ts'
import { roomsText } from './rooms.messages.ts'

type T = ReturnType<typeof translator<keyof typeof roomsText.de>>

function size(bytes: number, lang: Language): string {
  const n = bytes >= 1024 * 1024 ? bytes / (1024 * 1024) : bytes / 1024
  return `${n.toLocaleString(lang === 'de' ? 'de-DE' : 'en-GB', { maximumFractionDigits: 1 })} ${bytes >= 1024 * 1024 ? 'MB' : 'KB'}`
}

function kindLabel(t: T, kind: string): string {
  return t(`kind_${kind}` as 'kind_board')
}

/** A form that sends a file: the CSRF token as its first field, errors listed on top like every form. */
function UploadForm(props: { action: string; csrf: string; errors?: Errors; children?: unknown }) {
  const entries = Object.entries(props.errors ?? {})
  return (
    <form method="post" action={props.action} enctype="multipart/form-data" class="stack" novalidate>
      <input type="hidden" name="_csrf" value={props.csrf} />
      {entries.length > 0 && (
        <div class="error-summary" role="alert" tabindex={-1}>
          <ul>
            {entries.map(([path, message]) => (
              <li>
                <a href={`#f-${path}`}>{message}</a>
              </li>
            ))}
          </ul>
        </div>
      )}
      {props.children}
    </form>
  )
}

function FileField(props: { label: string; errors?: Errors }) {
  const error = props.errors?.file
  return (
    <div class={error ? 'field invalid' : 'field'}>
      <label for="f-file">
        {props.label}
        <span aria-hidden="true"> *</span>
      </label>
      <input
        id="f-file"
        type="file"
        name="file"
        required
        accept=".pdf,.odt,.ods,.odp,.docx,.xlsx,.pptx,.png,.jpg,.jpeg,.txt,.md,.csv"
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? 'f-file-error' : undefined}
      />
      {error && (
        <p class="error" id="f-file-error">
          {error}
        </p>
      )}
    </div>
  )
}

export function RoomsPage(props: {
  lang: Language
  csrf: string
  mine: Awaited<ReturnType<typeof myRooms>>
  all: Awaited<ReturnType<typeof allRooms>> | null
  values?: Record<string, string>
  errors?: Errors
}) {
  const t = translator(roomsText, props.lang)
  const v = props.values ?? {}
  return (
    <>
      <h1>{t('rooms_title')}</h1>
      <p>{t('rooms_intro')}</p>
      <section aria-labelledby="mine">
        <h2 id="mine">{t('my_rooms')}</h2>
        {props.mine.length === 0 ? (
          <p>{t('no_rooms')}</p>
        ) : (
          <ul class="cards">
            {props.mine.map((r) => (
              <li>
                <a href={`/rooms/${r.key}`}>{r.name}</a>
                <span>
                  {' '}
                  · {kindLabel(t, r.kind)} · {t('members_count', { n: String(r.members) })} ·{' '}
                  {t(r.role === 'chair' ? 'role_chair' : 'role_member')}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      {props.all && (
        <>
          <section aria-labelledby="all">
            <h2 id="all">{t('all_rooms')}</h2>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('field_name')}</th>
                  <th scope="col">{t('field_kind')}</th>
                  <th scope="col">{t('members')}</th>
                </tr>
              </thead>
              <tbody>
                {props.all.map((r) => (
                  <tr>
                    <td>{r.name}</td>
                    <td>{kindLabel(t, r.kind)}</td>
                    <td>{String(r.members)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section aria-labelledby="new">
            <h2 id="new">{t('new_room')}</h2>
            <Form action="/rooms" csrf={props.csrf} lang={props.lang} errors={props.errors}>
              <Field
                name="name"
                label={t('field_name')}
                value={v.name}
                errors={props.errors}
                required
                maxlength={200}
              />
              <Field name="key" label={t('field_key')} value={v.key} errors={props.errors} required maxlength={60} />
              <Select
                name="kind"
                label={t('field_kind')}
                value={v.kind ?? 'working_group'}
                options={roomKinds.map((k) => ({ value: k, label: kindLabel(t, k) }))}
                errors={props.errors}
              />
              <TextArea
                name="description"
                label={t('field_description')}
                value={v.description}
                errors={props.errors}
                maxlength={5000}
              />
              <Field
                name="chairEmail"
                type="email"
                label={t('field_chair')}
                value={v.chairEmail}
                errors={props.errors}
                required
                autocomplete="off"
              />
              <button type="submit">{t('create_room')}</button>
            </Form>
          </section>
        </>
      )}
    </>
  )
}

export interface RoomView {
  room: Room
  role: 'chair' | 'member'
  members: Awaited<ReturnType<typeof roomMembers>>
  documents: Awaited<ReturnType<typeof roomDocuments>>
  meetings: Awaited<ReturnType<typeof roomMeetings>>
  decisions: Awaited<ReturnType<typeof roomDecisions>>
}

export function RoomPage(props: {
  lang: Language
  csrf: string
  view: RoomView
  today: string
  form?: 'member' | 'document' | 'meeting' | 'decision'
  values?: Record<string, string>
  errors?: Errors
  /** The section of proposals between meetings (rendered by its own page module). */
  proposals?: Child
}) {
  const t = translator(roomsText, props.lang)
  const { room, role, members, documents, meetings, decisions } = props.view
  const base = `/rooms/${room.key}`
  const errorsOf = (form: string) => (props.form === form ? props.errors : undefined)
  const v = props.values ?? {}
  const fieldValue = (form: string, name: string, fallback = '') =>
    props.form === form ? (v[name] ?? fallback) : fallback
  const refs = new Map(decisions.map((d) => [d.id, d.ref]))
  return (
    <>
      <h1>{room.name}</h1>
      <p>
        {kindLabel(t, room.kind)}
        {room.description ? ` · ${room.description}` : ''}
      </p>

      <section aria-labelledby="members">
        <h2 id="members">{t('members')}</h2>
        <ul>
          {members.map((m) => (
            <li>
              {`${m.given_name} ${m.family_name}`} ({t(m.role === 'chair' ? 'role_chair' : 'role_member')})
              {role === 'chair' && (
                <form method="post" action={`${base}/members/${m.id}/remove`} class="inline">
                  <input type="hidden" name="_csrf" value={props.csrf} />{' '}
                  <button
                    type="submit"
                    class="link"
                    aria-label={`${t('remove_member')}: ${m.given_name} ${m.family_name}`}
                  >
                    {t('remove_member')}
                  </button>
                </form>
              )}
            </li>
          ))}
        </ul>
        {errorsOf('member')?.member && (
          <p class="error" role="alert">
            {errorsOf('member')?.member}
          </p>
        )}
        {role === 'chair' && (
          <Form
            action={`${base}/members`}
            csrf={props.csrf}
            lang={props.lang}
            errors={errorsOf('member')}
            class="stack"
          >
            <Field
              name="email"
              type="email"
              label={t('field_email')}
              value={fieldValue('member', 'email')}
              errors={errorsOf('member')}
              required
              autocomplete="off"
            />
            <Select
              name="role"
              label={t('field_role')}
              value={fieldValue('member', 'role', 'member')}
              options={[
                { value: 'member', label: t('role_member') },
                { value: 'chair', label: t('role_chair') },
              ]}
            />
            <button type="submit">{t('add_member')}</button>
          </Form>
        )}
      </section>

      <section aria-labelledby="documents">
        <h2 id="documents">{t('documents')}</h2>
        {documents.length === 0 ? (
          <p>{t('no_documents')}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('col_title')}</th>
                <th scope="col">{t('col_version')}</th>
                <th scope="col">{t('col_size')}</th>
                <th scope="col">{t('col_uploaded')}</th>
              </tr>
            </thead>
            <tbody>
              {documents.map((d) => (
                <tr>
                  <td>
                    <a href={`${base}/documents/${d.id}`}>{d.title}</a>
                  </td>
                  <td>{String(d.version)}</td>
                  <td>{size(d.size_bytes, props.lang)}</td>
                  <td>{`${formatDateTime(d.uploaded_at, props.lang)} · ${d.uploaded_by}`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <UploadForm action={`${base}/documents`} csrf={props.csrf} errors={errorsOf('document')}>
          <Field
            name="title"
            label={t('field_title')}
            value={fieldValue('document', 'title')}
            errors={errorsOf('document')}
            required
            maxlength={200}
          />
          <FileField label={t('field_file')} errors={errorsOf('document')} />
          <Field
            name="note"
            label={t('field_note')}
            value={fieldValue('document', 'note')}
            errors={errorsOf('document')}
            maxlength={500}
          />
          <button type="submit">{t('upload')}</button>
        </UploadForm>
      </section>

      <section aria-labelledby="meetings">
        <h2 id="meetings">{t('meetings')}</h2>
        {meetings.length === 0 ? (
          <p>{t('no_meetings')}</p>
        ) : (
          <ul>
            {meetings.map((m) => (
              <li>
                <strong>{m.title}</strong> · {formatDateTime(m.starts_at, props.lang)}
                {m.location ? ` · ${m.location}` : ''}
                {m.agenda && <pre class="agenda">{m.agenda}</pre>}
              </li>
            ))}
          </ul>
        )}
        <Form action={`${base}/meetings`} csrf={props.csrf} lang={props.lang} errors={errorsOf('meeting')}>
          <Field
            name="title"
            label={t('field_title')}
            value={fieldValue('meeting', 'title')}
            errors={errorsOf('meeting')}
            required
            maxlength={200}
          />
          <Field
            name="startsAt"
            label={t('field_starts')}
            value={fieldValue('meeting', 'startsAt')}
            errors={errorsOf('meeting')}
            required
          />
          <Field
            name="location"
            label={t('field_location')}
            value={fieldValue('meeting', 'location')}
            errors={errorsOf('meeting')}
            maxlength={500}
          />
          <TextArea
            name="agenda"
            label={t('field_agenda')}
            value={fieldValue('meeting', 'agenda')}
            errors={errorsOf('meeting')}
            maxlength={20000}
          />
          <button type="submit">{t('schedule')}</button>
        </Form>
      </section>

      {props.proposals}

      <section aria-labelledby="decisions">
        <h2 id="decisions">{t('decisions')}</h2>
        <p>{t('decision_rule')}</p>
        {decisions.length === 0 ? (
          <p>{t('no_decisions')}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('col_ref')}</th>
                <th scope="col">{t('col_date')}</th>
                <th scope="col">{t('field_text')}</th>
                <th scope="col">{t('col_votes')}</th>
                <th scope="col">{t('col_outcome')}</th>
              </tr>
            </thead>
            <tbody>
              {decisions.map((d) => (
                <tr>
                  <td>{d.ref}</td>
                  <td>{formatDate(d.decided_on, props.lang)}</td>
                  <td>
                    {d.text}
                    {d.replaces_id ? ` (${t('replaces', { ref: refs.get(d.replaces_id) ?? '' })})` : ''}
                  </td>
                  <td>{`${d.votes_yes} / ${d.votes_no} / ${d.votes_abstain}`}</td>
                  <td>{t(d.outcome === 'adopted' ? 'outcome_adopted' : 'outcome_rejected')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <Form action={`${base}/decisions`} csrf={props.csrf} lang={props.lang} errors={errorsOf('decision')}>
          <TextArea
            name="text"
            label={t('field_text')}
            value={fieldValue('decision', 'text')}
            errors={errorsOf('decision')}
            required
            maxlength={20000}
          />
          <Field
            name="decidedOn"
            label={t('field_decided_on')}
            value={fieldValue('decision', 'decidedOn', formatDate(props.today, 'de'))}
            errors={errorsOf('decision')}
            required
          />
          <Field
            name="yes"
            label={t('field_yes')}
            inputmode="numeric"
            value={fieldValue('decision', 'yes', '0')}
            errors={errorsOf('decision')}
            required
          />
          <Field
            name="no"
            label={t('field_no')}
            inputmode="numeric"
            value={fieldValue('decision', 'no', '0')}
            errors={errorsOf('decision')}
            required
          />
          <Field
            name="abstain"
            label={t('field_abstain')}
            inputmode="numeric"
            value={fieldValue('decision', 'abstain', '0')}
            errors={errorsOf('decision')}
            required
          />
          <Select
            name="meetingId"
            label={t('field_meeting')}
            value={fieldValue('decision', 'meetingId')}
            options={[
              { value: '', label: t('none_option') },
              ...meetings.map((m) => ({
                value: m.id,
                label: `${m.title} (${formatDateTime(m.starts_at, props.lang)})`,
              })),
            ]}
            errors={errorsOf('decision')}
          />
          <Select
            name="replacesId"
            label={t('field_replaces')}
            value={fieldValue('decision', 'replacesId')}
            options={[{ value: '', label: t('none_option') }, ...decisions.map((d) => ({ value: d.id, label: d.ref }))]}
            errors={errorsOf('decision')}
          />
          <button type="submit">{t('record_decision')}</button>
        </Form>
      </section>
    </>
  )
}

export function DocumentPage(props: {
  lang: Language
  csrf: string
  room: Room
  data: Awaited<ReturnType<typeof roomDocument>>
  values?: Record<string, string>
  errors?: Errors
}) {
  const t = translator(roomsText, props.lang)
  const { doc, versions, accesses } = props.data
  const base = `/rooms/${props.room.key}`
  return (
    <>
      <p>
        <a href={base}>{t('back_to_room')}</a>
      </p>
      <h1>{doc.title}</h1>
      <section aria-labelledby="versions">
        <h2 id="versions">{t('versions')}</h2>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('col_version')}</th>
              <th scope="col">{t('col_file')}</th>
              <th scope="col">{t('col_size')}</th>
              <th scope="col">{t('col_uploaded')}</th>
              <th scope="col">{t('col_note')}</th>
              <th scope="col">{t('col_hash')}</th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <tr>
                <td>{String(v.version)}</td>
                <td>
                  <a href={`${base}/documents/${doc.id}/versions/${v.version}`}>{`${t('download')}: ${v.filename}`}</a>
                </td>
                <td>{size(v.size_bytes, props.lang)}</td>
                <td>{`${formatDateTime(v.uploaded_at, props.lang)} · ${v.uploaded_by}`}</td>
                <td>{v.note}</td>
                <td>
                  <code>{v.sha256.slice(0, 16)}…</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="new-version">
        <h2 id="new-version">{t('new_version')}</h2>
        <UploadForm action={`${base}/documents/${doc.id}`} csrf={props.csrf} errors={props.errors}>
          <FileField label={t('field_file')} errors={props.errors} />
          <Field name="note" label={t('field_note')} value={props.values?.note} errors={props.errors} maxlength={500} />
          <button type="submit">{t('upload')}</button>
        </UploadForm>
      </section>
      <section aria-labelledby="access">
        <h2 id="access">{t('access_log')}</h2>
        {accesses.length === 0 ? (
          <p>{t('no_access')}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('col_who')}</th>
                <th scope="col">{t('col_version')}</th>
                <th scope="col">{t('col_when')}</th>
              </tr>
            </thead>
            <tbody>
              {accesses.map((a) => (
                <tr>
                  <td>{a.actor}</td>
                  <td>{String(a.version)}</td>
                  <td>{formatDateTime(a.at, props.lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  )
}
