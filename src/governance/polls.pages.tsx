import type { Assembly } from '../db/schema-governance.ts'
import type { Language } from '../platform/i18n.ts'
import { translator } from '../platform/i18n.ts'
import { type Errors, Field, Form, TextArea } from '../web/components.tsx'
import type { PollView } from './polls.actions.ts'
import { pollsText } from './polls.messages.ts'

type T = ReturnType<typeof translator<keyof typeof pollsText.de>>

const base = (a: Assembly) => `/assemblies/${a.ref}/polls`

function Counter(props: { t: T; poll: PollView; cast: number; entitled: number }) {
  return (
    <p class="counter" aria-live="polite">
      <span
        data-poll-count={props.poll.id}
        data-template={props.t('counter', { cast: '{cast}', entitled: '{entitled}' })}
      >
        {props.t('counter', { cast: props.cast, entitled: props.entitled })}
      </span>
    </p>
  )
}

function Facts(props: { t: T; poll: PollView }) {
  const { t, poll } = props
  return (
    <p>
      {poll.method === 'pick'
        ? t('method_pick', { seats: poll.seats, options: poll.options.length })
        : t(`method_${poll.method}`)}
      {' · '}
      {poll.secret ? t('secret') : t('named')}
      {' · '}
      {t(`majority_${poll.majority}`)}
      {' · '}
      <strong data-poll-status={poll.id}>{t(`status_${poll.status}`)}</strong>
    </p>
  )
}

export function PollsPage(props: {
  lang: Language
  csrf: string
  assembly: Assembly
  polls: Array<{ poll: PollView; cast: number; entitled: number }>
  canManage: boolean
  errors?: Errors
  values?: Record<string, string>
}) {
  const t = translator(pollsText, props.lang)
  const v = props.values ?? {}
  return (
    <section data-live={`/assemblies/${props.assembly.ref}/live`}>
      <h1>{t('polls_of', { assembly: props.assembly.title })}</h1>
      {props.polls.length === 0 && <p>{t('none')}</p>}
      <ul class="stack">
        {props.polls.map(({ poll, cast, entitled }) => (
          <li>
            <h2>
              <a href={`${base(props.assembly)}/${poll.id}`}>{poll.title}</a>
            </h2>
            <Facts t={t} poll={poll} />
            {poll.status === 'open' && <Counter t={t} poll={poll} cast={cast} entitled={entitled} />}
          </li>
        ))}
      </ul>
      {props.canManage && (
        <Form action={base(props.assembly)} csrf={props.csrf} lang={props.lang} errors={props.errors}>
          <h2>{t('new_poll')}</h2>
          <Field name="title" label={t('title')} value={v.title} errors={props.errors} required />
          <div class="field">
            <label for="f-method">{t('method')}</label>
            <select id="f-method" name="method">
              {(['yes_no', 'candidates', 'pick'] as const).map((m) => (
                <option value={m} selected={v.method === m}>
                  {m === 'pick' ? t('method_pick', { seats: 'n', options: 'm' }) : t(`method_${m}`)}
                </option>
              ))}
            </select>
          </div>
          <Field name="seats" label={t('seats')} value={v.seats ?? '1'} errors={props.errors} inputmode="numeric" />
          <div class="field">
            <label for="f-majority">{t('majority')}</label>
            <select id="f-majority" name="majority">
              {(['simple', 'two_thirds', 'three_quarters'] as const).map((m) => (
                <option value={m} selected={v.majority === m}>
                  {t(`majority_${m}`)}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label>
              <input type="checkbox" name="secret" value="on" checked={v.secret === 'on'} /> {t('secrecy')}
            </label>
          </div>
          <TextArea name="options" label={t('options')} value={v.options} errors={props.errors} />
          <TextArea name="exclusions" label={t('exclusions')} value={v.exclusions} errors={props.errors} />
          <button type="submit">{t('create')}</button>
        </Form>
      )}
      <script src="/static/live.js" defer />
    </section>
  )
}

export interface BallotLine {
  memberId: string
  number: string
  name: string
  weight: number
  voted: boolean
  excluded: boolean
  votes: number
}

function choiceText(t: T, poll: PollView, choices: unknown): string {
  const c = choices as { choice?: string; options?: Record<string, string>; picks?: string[] }
  const label = (id: string) => poll.options.find((o) => o.id === id)?.label ?? id
  if (c.choice) return t(c.choice as 'yes')
  if (c.options)
    return Object.entries(c.options)
      .map(([id, a]) => `${label(id)}: ${t(a as 'yes')}`)
      .join(', ')
  return (c.picks ?? []).map(label).join(', ')
}

export function PollPage(props: {
  lang: Language
  csrf: string
  assembly: Assembly
  poll: PollView
  cast: number
  entitled: number
  ballot: BallotLine[]
  canManage: boolean
  errors?: Errors
  refusal?: string | null
  receipts?: string[] | null
  named: Array<{ number: string; name: string; choices: unknown; weight: number }>
}) {
  const t = translator(pollsText, props.lang)
  const { poll } = props
  const action = `${base(props.assembly)}/${poll.id}`
  const open = props.ballot.filter((b) => b.votes > 0 && !b.excluded && !b.voted)
  const r = poll.result
  return (
    <section data-live={`/assemblies/${props.assembly.ref}/live`}>
      <p>
        <a href={base(props.assembly)}>{t('polls_title')}</a>
      </p>
      <h1>{poll.title}</h1>
      <Facts t={t} poll={poll} />
      {poll.status === 'open' && <Counter t={t} poll={poll} cast={props.cast} entitled={props.entitled} />}
      {poll.status === 'open' && <p class="hint">{t('live_note')}</p>}
      {props.refusal && (
        <p class="error" role="alert">
          {props.refusal}
        </p>
      )}
      {props.receipts && props.receipts.length > 0 && (
        <div role="status">
          <h2>{t('receipts_title')}</h2>
          <p>{t('receipts_intro')}</p>
          <ul>
            {props.receipts.map((code) => (
              <li>
                <code>{code}</code>
              </li>
            ))}
          </ul>
        </div>
      )}
      {poll.exclusions.length > 0 && (
        <details>
          <summary>{t('excluded_list')}</summary>
          <ul>
            {poll.exclusions.map((e) => (
              <li>{`${e.number}: ${e.reason}`}</li>
            ))}
          </ul>
        </details>
      )}
      {poll.status === 'open' && props.ballot.length === 0 && <p>{t('nobody')}</p>}
      {poll.status === 'open' && props.ballot.length > 0 && open.length === 0 && <p>{t('all_voted')}</p>}
      {poll.status === 'open' && open.length > 0 && (
        <Form action={`${action}/ballot`} csrf={props.csrf} lang={props.lang} errors={props.errors}>
          <p>{t('you_vote_for')}</p>
          <ul>
            {props.ballot.map((b) => (
              <li>
                {`${b.name} (${b.number})`}
                {b.weight > 1 && ` – ${t('weight', { n: b.weight })}`}
                {b.voted && ` – ${t('already_voted')}`}
                {b.excluded && ` – ${t('excluded')}`}
                {b.votes === 0 && ` – ${t('no_vote')}`}
                {b.votes > 0 && !b.excluded && !b.voted && <input type="hidden" name="memberIds" value={b.memberId} />}
              </li>
            ))}
          </ul>
          {poll.method === 'yes_no' && (
            <fieldset id="f-choices">
              <legend>{poll.title}</legend>
              {(['yes', 'no', 'abstain'] as const).map((a) => (
                <label>
                  <input type="radio" name="choice" value={a} required /> {t(a)}
                </label>
              ))}
            </fieldset>
          )}
          {poll.method === 'candidates' &&
            poll.options.map((o) => (
              <fieldset id={`f-choices-${o.id}`}>
                <legend>{o.label}</legend>
                {(['yes', 'no', 'abstain'] as const).map((a) => (
                  <label>
                    <input type="radio" name={`option.${o.id}`} value={a} required /> {t(a)}
                  </label>
                ))}
              </fieldset>
            ))}
          {poll.method === 'pick' && (
            <fieldset id="f-choices">
              <legend>{t('method_pick', { seats: poll.seats, options: poll.options.length })}</legend>
              {poll.options.map((o) => (
                <label>
                  <input type="checkbox" name="picks" value={o.id} /> {o.label}
                </label>
              ))}
            </fieldset>
          )}
          {props.errors?.choices && (
            <p class="error" id="f-choices-error">
              {props.errors.choices}
            </p>
          )}
          <button type="submit">{t('submit_vote')}</button>
        </Form>
      )}
      {props.canManage && poll.status === 'draft' && (
        <Form action={`${action}/open`} csrf={props.csrf} lang={props.lang}>
          <button type="submit">{t('open')}</button>
        </Form>
      )}
      {props.canManage && poll.status === 'open' && (
        <Form action={`${action}/close`} csrf={props.csrf} lang={props.lang} errors={props.errors}>
          <TextArea name="declaration" label={t('declaration')} errors={props.errors} required />
          <button type="submit">{t('close')}</button>
        </Form>
      )}
      {r && (
        <div>
          <h2>{t('result')}</h2>
          <p>{t('voters', { n: r.voters })}</p>
          {r.method === 'yes_no' && (
            <table>
              <tbody>
                <tr>
                  <th scope="row">{t('yes')}</th>
                  <td>{r.yes}</td>
                </tr>
                <tr>
                  <th scope="row">{t('no')}</th>
                  <td>{r.no}</td>
                </tr>
                <tr>
                  <th scope="row">{t('abstain')}</th>
                  <td>{r.abstain}</td>
                </tr>
              </tbody>
              <caption>{t(`outcome_${r.outcome}`)}</caption>
            </table>
          )}
          {r.method === 'candidates' && (
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('member')}</th>
                  <th scope="col">{t('yes')}</th>
                  <th scope="col">{t('no')}</th>
                  <th scope="col">{t('abstain')}</th>
                  <th scope="col">{t('elected')}</th>
                </tr>
              </thead>
              <tbody>
                {r.candidates.map((c) => (
                  <tr>
                    <th scope="row">{c.label}</th>
                    <td>{c.yes}</td>
                    <td>{c.no}</td>
                    <td>{c.abstain}</td>
                    <td>{c.elected ? t('elected') : ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {r.method === 'pick' && (
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('member')}</th>
                  <th scope="col">{t('votes')}</th>
                  <th scope="col">{t('elected')}</th>
                </tr>
              </thead>
              <tbody>
                {r.picks.map((p) => (
                  <tr>
                    <th scope="row">{p.label}</th>
                    <td>{p.votes}</td>
                    <td>{p.elected ? t('elected') : ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {poll.declaration && (
            <>
              <h3>{t('declaration')}</h3>
              <p>{poll.declaration}</p>
            </>
          )}
          {poll.secret && (
            <p>
              <a href={`${action}/receipts`}>{t('published_receipts')}</a>
            </p>
          )}
          {!poll.secret && props.named.length > 0 && (
            <>
              <h3>{t('who_voted_what')}</h3>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('member')}</th>
                    <th scope="col">{t('choice')}</th>
                    <th scope="col">{t('votes')}</th>
                  </tr>
                </thead>
                <tbody>
                  {props.named.map((n) => (
                    <tr>
                      <th scope="row">{`${n.name} (${n.number})`}</th>
                      <td>{choiceText(t, poll, n.choices)}</td>
                      <td>{n.weight}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </div>
      )}
      <script src="/static/live.js" defer />
    </section>
  )
}

export function ReceiptsPage(props: {
  lang: Language
  assembly: Assembly
  poll: PollView
  receipts: string[]
  code: string | null
}) {
  const t = translator(pollsText, props.lang)
  const code = props.code?.trim().toUpperCase() ?? ''
  return (
    <section>
      <p>
        <a href={`${base(props.assembly)}/${props.poll.id}`}>{props.poll.title}</a>
      </p>
      <h1>{t('published_receipts')}</h1>
      <form method="get" class="stack">
        <Field name="code" label={t('receipt_check')} value={code} />
        <button type="submit">{t('receipt_check')}</button>
      </form>
      {code && (
        <p role="status">
          {props.receipts.includes(code) ? t('receipt_found', { code }) : t('receipt_not_found', { code })}
        </p>
      )}
      <ul class="receipts">
        {props.receipts.map((r) => (
          <li>
            <code>{r}</code>
          </li>
        ))}
      </ul>
    </section>
  )
}
