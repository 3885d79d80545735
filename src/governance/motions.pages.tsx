import type { Assembly } from '../db/schema-governance.ts'
import { formatDateTime, type Language, translator } from '../platform/i18n.ts'
import { type Errors, Field, Form, Select, TextArea } from '../web/components.tsx'
import { DataTable } from '../web/data-table.tsx'
import type { AmendmentView, MotionView } from './motions.actions.ts'
import { motionsText } from './motions.messages.ts'
import type { RollEntry } from './motions.repo.ts'
import type { DiffPart } from './motions.rules.ts'

/** Where a motion's pages live: /assemblies/<ref>/motions/<A1>, amendments under it (Ä is percent-encoded). */
export function motionsPath(assembly: string, motion?: string, rest = ''): string {
  const base = `/assemblies/${assembly}/motions`
  return motion ? `${base}/${motion}${rest}` : base
}

export function amendmentPath(assembly: string, motion: string, amendment: string, rest = ''): string {
  return motionsPath(assembly, motion, `/amendments/${encodeURIComponent(amendment)}${rest}`)
}

function PostButton(props: { action: string; csrf: string; label: string; memberId?: string | null }) {
  return (
    <form method="post" action={props.action} class="inline">
      <input type="hidden" name="_csrf" value={props.csrf} />
      {props.memberId && <input type="hidden" name="memberId" value={props.memberId} />}
      <button type="submit">{props.label}</button>
    </form>
  )
}

function MemberChoice(props: { lang: Language; members: RollEntry[]; value?: string; errors?: Errors }) {
  const t = translator(motionsText, props.lang)
  if (props.members.length <= 1) return null
  return (
    <Select
      name="memberId"
      label={t('member')}
      value={props.value}
      options={props.members.map((m) => ({ value: m.memberId, label: `${m.name} (${m.number})` }))}
      errors={props.errors}
      required
    />
  )
}

/** The motions of an assembly as a table, with a link to submit one where the actor may. */
export function MotionsPage(props: {
  lang: Language
  assembly: Assembly
  motions: MotionView[]
  canSubmit: boolean
  open: boolean
}) {
  const { lang, assembly } = props
  const t = translator(motionsText, lang)
  return (
    <section>
      <p>
        <a href={`/assemblies/${assembly.ref}`}>{t('back_assembly')}</a>
      </p>
      <h1>{`${t('title')} · ${assembly.title}`}</h1>
      <p>{t('intro', { assembly: assembly.ref })}</p>
      {!props.open && <p class="notice">{t('closed_notice')}</p>}
      {props.canSubmit && props.open && (
        <div class="actions">
          <a class="button" href={motionsPath(assembly.ref, 'new')}>
            {t('new_button')}
          </a>
        </div>
      )}
      <DataTable
        items={props.motions}
        empty={t('none')}
        columns={[t('ref'), t('motion_title'), t('status'), t('majority'), t('supporters'), t('amendments')]}
        row={(m) => (
          <tr>
            <td>
              <a href={motionsPath(assembly.ref, m.ref)}>{m.ref}</a>
            </td>
            <td>
              {m.title}
              {m.late && <span class="badge">{` ${t('late_short')}`}</span>}
            </td>
            <td>{t(`status_${m.status}`)}</td>
            <td>{t(`majority_${m.majority}`)}</td>
            <td>{m.supporters}</td>
            <td>{m.amendments}</td>
          </tr>
        )}
      />
    </section>
  )
}

export function motionLabels(lang: Language): Record<string, string> {
  const t = translator(motionsText, lang)
  return {
    title: t('motion_title'),
    body: t('body'),
    reasons: t('reasons'),
    statuteChange: t('statute_change'),
    majority: t('majority'),
    memberId: t('member'),
  }
}

/** The form of a new motion. */
export function MotionFormPage(props: {
  lang: Language
  csrf: string
  assembly: Assembly
  members: RollEntry[]
  values: Record<string, string>
  errors?: Errors
}) {
  const { lang, values: v, errors: e } = props
  const t = translator(motionsText, lang)
  const labels = motionLabels(lang)
  return (
    <section>
      <p>
        <a href={motionsPath(props.assembly.ref)}>{t('back_list')}</a>
      </p>
      <h1>{t('new_title')}</h1>
      <p>{t('new_intro')}</p>
      <Form action={motionsPath(props.assembly.ref)} csrf={props.csrf} lang={lang} errors={e} labels={labels}>
        <MemberChoice lang={lang} members={props.members} value={v.memberId} errors={e} />
        <Field name="title" label={labels.title!} value={v.title} maxlength={300} required errors={e} />
        <TextArea name="body" label={labels.body!} value={v.body} maxlength={100_000} required errors={e} />
        <TextArea name="reasons" label={labels.reasons!} value={v.reasons} maxlength={20_000} errors={e} />
        <Select
          name="majority"
          label={labels.majority!}
          value={v.majority || 'simple'}
          options={(['simple', 'two_thirds', 'three_quarters'] as const).map((m) => ({
            value: m,
            label: t(`majority_${m}`),
          }))}
          errors={e}
        />
        <label class="check" for="f-statuteChange">
          <input
            type="checkbox"
            id="f-statuteChange"
            name="statuteChange"
            value="on"
            checked={v.statuteChange === 'on'}
          />{' '}
          {labels.statuteChange}
        </label>
        <div class="actions">
          <button type="submit">{t('submit')}</button>
          <a href={motionsPath(props.assembly.ref)}>{t('cancel')}</a>
        </div>
      </Form>
    </section>
  )
}

/** The change an amendment makes: removed words struck through, inserted ones marked, each also said in words. */
export function WordDiff(props: { lang: Language; parts: DiffPart[] }) {
  const t = translator(motionsText, props.lang)
  return (
    <div class="diff">
      <p class="visually-hidden">{t('diff_caption')}</p>
      <p class="motion-text">
        {props.parts.map((part) =>
          part.kind === 'same' ? (
            part.text
          ) : part.kind === 'removed' ? (
            <del title={t('diff_removed')}>{part.text}</del>
          ) : (
            <ins title={t('diff_added')}>{part.text}</ins>
          ),
        )}
      </p>
    </div>
  )
}

function submittedLine(lang: Language, name: string | null, at: Date): string {
  const t = translator(motionsText, lang)
  const date = formatDateTime(at, lang)
  return name ? t('submitted_by', { name, date }) : t('submitted_by_board', { date })
}

/** One motion: its text, reasons, supporters and amendments, with the steps the actor may take. */
export function MotionPage(props: {
  lang: Language
  csrf: string
  assembly: Assembly
  motion: MotionView
  supporters: Array<{ memberId: string; number: string; name: string }>
  amendments: AmendmentView[]
  agendaDays: number
  open: boolean
  manage: boolean
  actsFor: RollEntry[]
  personId: string | null
}) {
  const { lang, assembly, motion: m, csrf } = props
  const t = translator(motionsText, lang)
  const supported = new Set(props.supporters.map((s) => s.memberId))
  const mayStillSupport = props.actsFor.filter((e) => !supported.has(e.memberId))
  const live = m.status === 'submitted' || m.status === 'admitted'
  const mine = props.personId !== null && m.submittedByPersonId === props.personId
  return (
    <section>
      <p>
        <a href={motionsPath(assembly.ref)}>{t('back_list')}</a>
      </p>
      <h1>{`${m.ref}: ${m.title}`}</h1>
      <p>
        <strong>{`${t('status')}: ${t(`status_${m.status}`)}`}</strong>
        {` · ${t('majority')}: ${t(`majority_${m.majority}`)}`}
      </p>
      <p class="hint">{submittedLine(lang, m.submittedBy, m.submittedAt)}</p>
      {m.late && <p class="notice">{t('late', { days: props.agendaDays })}</p>}
      <h2>{t('body')}</h2>
      <p class="motion-text">{m.body}</p>
      {m.reasons && (
        <>
          <h2>{t('reasons')}</h2>
          <p class="motion-text">{m.reasons}</p>
        </>
      )}
      {props.open && live && (
        <div class="actions">
          {mayStillSupport.map((e) => (
            <PostButton
              action={motionsPath(assembly.ref, m.ref, '/support')}
              csrf={csrf}
              memberId={e.memberId}
              label={props.actsFor.length > 1 ? `${t('support')} (${e.name})` : t('support')}
            />
          ))}
          {props.manage && m.status === 'submitted' && (
            <PostButton action={motionsPath(assembly.ref, m.ref, '/admit')} csrf={csrf} label={t('admit')} />
          )}
          {mine && (
            <PostButton action={motionsPath(assembly.ref, m.ref, '/withdraw')} csrf={csrf} label={t('withdraw')} />
          )}
          {(props.manage || props.actsFor.length > 0) && (
            <a class="button" href={motionsPath(assembly.ref, m.ref, '/amendments/new')}>
              {t('amend_button')}
            </a>
          )}
        </div>
      )}
      <h2>{t('supporters_heading')}</h2>
      {props.supporters.length === 0 ? (
        <p>{t('no_supporters')}</p>
      ) : (
        <ul>
          {props.supporters.map((s) => (
            <li>{`${s.name} (${s.number})`}</li>
          ))}
        </ul>
      )}
      <h2>{t('amendments')}</h2>
      {props.amendments.length === 0 && <p>{t('no_amendments')}</p>}
      {props.amendments.map((a) => (
        <article class="amendment" id={`amendment-${a.ref}`}>
          <h3>{`${a.ref} · ${t(`status_${a.status}`)}`}</h3>
          <p class="hint">{submittedLine(lang, a.submittedBy, a.submittedAt)}</p>
          <WordDiff lang={lang} parts={a.diff} />
          {a.reasons && <p>{`${t('reasons')}: ${a.reasons}`}</p>}
          {props.open && (a.status === 'submitted' || a.status === 'admitted') && (
            <div class="actions">
              {props.manage && a.status === 'submitted' && (
                <PostButton
                  action={amendmentPath(assembly.ref, m.ref, a.ref, '/admit')}
                  csrf={csrf}
                  label={t('admit')}
                />
              )}
              {props.personId !== null && a.submittedByPersonId === props.personId && (
                <PostButton
                  action={amendmentPath(assembly.ref, m.ref, a.ref, '/withdraw')}
                  csrf={csrf}
                  label={t('withdraw')}
                />
              )}
            </div>
          )}
        </article>
      ))}
    </section>
  )
}

/** The form of an amendment: the motion's text to edit as a whole. */
export function AmendmentFormPage(props: {
  lang: Language
  csrf: string
  assembly: Assembly
  motion: MotionView
  members: RollEntry[]
  values: Record<string, string>
  errors?: Errors
}) {
  const { lang, values: v, errors: e } = props
  const t = translator(motionsText, lang)
  const labels = { body: t('amend_body'), reasons: t('reasons'), memberId: t('member') }
  const back = motionsPath(props.assembly.ref, props.motion.ref)
  return (
    <section>
      <p>
        <a href={back}>{`${props.motion.ref}: ${props.motion.title}`}</a>
      </p>
      <h1>{t('amend_title', { ref: props.motion.ref })}</h1>
      <p>{t('amend_intro')}</p>
      <Form
        action={motionsPath(props.assembly.ref, props.motion.ref, '/amendments')}
        csrf={props.csrf}
        lang={lang}
        errors={e}
        labels={labels}
      >
        <MemberChoice lang={lang} members={props.members} value={v.memberId} errors={e} />
        <TextArea name="body" label={labels.body} value={v.body} maxlength={100_000} required errors={e} />
        <TextArea name="reasons" label={labels.reasons} value={v.reasons} maxlength={20_000} errors={e} />
        <div class="actions">
          <button type="submit">{t('amend_submit')}</button>
          <a href={back}>{t('cancel')}</a>
        </div>
      </Form>
    </section>
  )
}
