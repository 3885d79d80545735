import { type ConsentPosition, proposalKinds } from '../db/schema-rooms.ts'
import { formatDateTime, type Language, translator } from '../platform/i18n.ts'
import { type Errors, Field, Form, Select, TextArea } from '../web/components.tsx'
import type { ProposalView, roomProposals } from './proposals.actions.ts'
import { consentPositions, maxScore } from './proposals.rules.ts'
import { roomsText } from './rooms.messages.ts'

type T = ReturnType<typeof translator<keyof typeof roomsText.de>>

const positionKey = (p: ConsentPosition) => `pos_${p}` as 'pos_agree'

/** The room's section of proposals: the list and the form to start one. */
export function ProposalsSection(props: {
  lang: Language
  csrf: string
  roomKey: string
  proposals: Awaited<ReturnType<typeof roomProposals>>
  now: Date
  values?: Record<string, string>
  errors?: Errors
}) {
  const t = translator(roomsText, props.lang)
  const v = props.values ?? {}
  return (
    <section aria-labelledby="proposals">
      <h2 id="proposals">{t('proposals')}</h2>
      <p>{t('proposals_intro')}</p>
      {props.proposals.length === 0 ? (
        <p>{t('no_proposals')}</p>
      ) : (
        <ul>
          {props.proposals.map((p) => (
            <li>
              <a href={`/rooms/${props.roomKey}/proposals/${p.id}`}>{p.title}</a> · {t(`kind_${p.kind}` as 'kind_poll')}{' '}
              ·{' '}
              {p.closed_at || p.closes_at <= props.now
                ? t('state_closed')
                : t('state_open', { when: formatDateTime(p.closes_at, props.lang) })}{' '}
              · {t('votes_count', { n: String(p.votes) })}
            </li>
          ))}
        </ul>
      )}
      <h3>{t('new_proposal')}</h3>
      <Form action={`/rooms/${props.roomKey}/proposals`} csrf={props.csrf} lang={props.lang} errors={props.errors}>
        <Field name="title" label={t('field_title')} value={v.title} errors={props.errors} required maxlength={200} />
        <Select
          name="kind"
          label={t('field_kind_proposal')}
          value={v.kind ?? 'consent'}
          options={proposalKinds.map((k) => ({ value: k, label: t(`kind_${k}` as 'kind_poll') }))}
          errors={props.errors}
        />
        <TextArea name="body" label={t('field_body')} value={v.body} errors={props.errors} maxlength={20000} />
        <TextArea name="options" label={t('field_options')} value={v.options} errors={props.errors} maxlength={4200} />
        <Field name="closesAt" label={t('field_closes')} value={v.closesAt} errors={props.errors} required />
        <button type="submit">{t('open_proposal')}</button>
      </Form>
    </section>
  )
}

function VoteForm(props: { t: T; lang: Language; csrf: string; action: string; view: ProposalView; errors?: Errors }) {
  const { t, view } = props
  const { proposal } = view
  const mine = (view.mine ?? {}) as { position?: string; option?: number; ranking?: number[]; scores?: number[] }
  const error = props.errors?.vote
  return (
    <Form action={props.action} csrf={props.csrf} lang={props.lang} errors={props.errors}>
      <fieldset
        id="f-vote"
        class={error ? 'field invalid' : 'field'}
        aria-describedby={error ? 'f-vote-error' : undefined}
      >
        <legend>{t('your_vote')}</legend>
        {proposal.kind === 'consent' &&
          consentPositions.map((p) => (
            <label class="check">
              <input type="radio" name="position" value={p} checked={mine.position === p} /> {t(positionKey(p))}
            </label>
          ))}
        {proposal.kind === 'poll' &&
          proposal.options.map((o, i) => (
            <label class="check">
              <input type="radio" name="option" value={String(i)} checked={mine.option === i} /> {o}
            </label>
          ))}
        {proposal.kind === 'ranked' &&
          proposal.options.map((o, i) => (
            <Select
              name={`rank.${i}`}
              label={t('rank_of', { option: o })}
              value={mine.ranking ? String(mine.ranking.indexOf(i) + 1) : ''}
              options={[
                { value: '', label: '–' },
                ...proposal.options.map((_, r) => ({ value: String(r + 1), label: String(r + 1) })),
              ]}
            />
          ))}
        {proposal.kind === 'score' &&
          proposal.options.map((o, i) => (
            <Field
              name={`score.${i}`}
              label={t('score_of', { option: o })}
              inputmode="numeric"
              value={mine.scores ? String(mine.scores[i]) : ''}
            />
          ))}
        {error && (
          <p class="error" id="f-vote-error">
            {error}
          </p>
        )}
      </fieldset>
      <TextArea name="reason" label={t('field_reason')} maxlength={2000} />
      <button type="submit">{t('vote')}</button>
    </Form>
  )
}

function describe(t: T, proposal: ProposalView['proposal'], value: unknown): string {
  const v = value as { position?: ConsentPosition; option?: number; ranking?: number[]; scores?: number[] }
  if (v.position) return t(positionKey(v.position))
  if (v.option !== undefined) return proposal.options[v.option] ?? ''
  if (v.ranking) return v.ranking.map((i, place) => `${place + 1}. ${proposal.options[i]}`).join(', ')
  if (v.scores) return v.scores.map((s, i) => `${proposal.options[i]}: ${s}`).join(', ')
  return ''
}

export function ProposalPage(props: {
  lang: Language
  csrf: string
  view: ProposalView & { roomKey: string; roomName: string; role: 'chair' | 'member' }
  canLead: boolean
  errors?: Errors
}) {
  const t = translator(roomsText, props.lang)
  const { view } = props
  const { proposal, tally } = view
  const base = `/rooms/${view.roomKey}/proposals/${proposal.id}`
  return (
    <>
      <p>
        <a href={`/rooms/${view.roomKey}`}>{t('back_to_room')}</a>
      </p>
      <h1>{proposal.title}</h1>
      <p>
        <strong class="badge">{t('non_binding')}</strong> · {t(`kind_${proposal.kind}` as 'kind_poll')} ·{' '}
        {view.open ? t('state_open', { when: formatDateTime(proposal.closes_at, props.lang) }) : t('state_closed')}
      </p>
      {proposal.body && <p class="prewrap">{proposal.body}</p>}
      {proposal.outcome && <p role="status">{t('outcome', { text: proposal.outcome })}</p>}
      {!view.open && props.errors?.vote && (
        <p class="error" role="alert">
          {props.errors.vote}
        </p>
      )}
      {view.open && (
        <VoteForm t={t} lang={props.lang} csrf={props.csrf} action={`${base}/vote`} view={view} errors={props.errors} />
      )}
      <section aria-labelledby="results">
        <h2 id="results">{t('results')}</h2>
        <p>{t('votes_count', { n: String(tally.voters) })}</p>
        {tally.kind === 'consent' ? (
          <>
            <p>
              <strong>{tally.consent ? t('consent_reached') : t('consent_not_reached')}</strong>
            </p>
            <table>
              <tbody>
                {consentPositions.map((p) => (
                  <tr>
                    <th scope="row">{t(positionKey(p))}</th>
                    <td>{String(tally.counts[p])}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        ) : (
          <>
            {tally.leaders.length > 0 && (
              <p>
                <strong>{t('leaders', { options: tally.leaders.map((i) => proposal.options[i]).join(', ') })}</strong>
              </p>
            )}
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('col_option')}</th>
                  <th scope="col">{t('col_total')}</th>
                </tr>
              </thead>
              <tbody>
                {proposal.options.map((o, i) => (
                  <tr>
                    <th scope="row">{o}</th>
                    <td>{String(tally.totals[i])}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
        <h3>{t('who_voted')}</h3>
        <ul>
          {view.votes.map((v) => (
            <li>
              {v.name}: {describe(t, proposal, v.value)}
              {v.reason ? ` – „${v.reason}“` : ''}
            </li>
          ))}
        </ul>
        {view.missing.length > 0 && <p>{t('not_voted', { names: view.missing.map((m) => m.name).join(', ') })}</p>}
      </section>
      {props.canLead && view.open && (
        <section aria-label={t('close')}>
          <Form action={`${base}/remind`} csrf={props.csrf} lang={props.lang} class="inline">
            <button type="submit" class="secondary">
              {t('remind')}
            </button>
          </Form>
          {props.errors?.remind && (
            <p class="error" role="alert">
              {props.errors.remind}
            </p>
          )}
          <Form
            action={`${base}/close`}
            csrf={props.csrf}
            lang={props.lang}
            errors={props.errors?.outcome ? { outcome: props.errors.outcome } : undefined}
          >
            <TextArea name="outcome" label={t('field_outcome')} errors={props.errors} required maxlength={5000} />
            <button type="submit">{t('close')}</button>
          </Form>
        </section>
      )}
    </>
  )
}
