import { formatDateTime, type Language } from '../platform/i18n.ts'
import { type Errors, Field, Form, Select, TextArea } from '../web/components.tsx'
import type { DemandView } from './assemblies.demands.ts'
import { g } from './governance.messages.ts'

/** The members' demands (§45 GenG): the list with progress, starting one, one demand with signing. */

type Member = { memberId: string; number: string; name: string }

function Progress(props: { lang: Language; demand: DemandView }) {
  const t = g(props.lang)
  const d = props.demand
  const text = t('demand_progress', { signatures: d.signatures, threshold: d.threshold, members: d.members })
  return (
    <p>
      <progress max={d.threshold} value={Math.min(d.signatures, d.threshold)} aria-label={text} /> {text}
      {d.reachedAt && ` ${t('demand_reached', { date: formatDateTime(d.reachedAt, props.lang) })}`}
    </p>
  )
}

export function DemandsPage(props: {
  lang: Language
  csrf: string
  demands: DemandView[]
  members: Member[]
  values?: Record<string, string>
  errors?: Errors
}) {
  const t = g(props.lang)
  const { lang } = props
  const labels = {
    memberId: t('demand_member'),
    kind: t('demand_kind'),
    assemblyRef: t('demand_assembly_ref'),
    title: t('demand_title'),
    reasons: t('demand_reasons'),
  }
  return (
    <section>
      <h1>{t('demands_title')}</h1>
      <p>{t('demands_intro')}</p>
      {props.demands.length === 0 ? (
        <p>{t('demands_none')}</p>
      ) : (
        <ul>
          {props.demands.map((d) => (
            <li>
              <a href={`/demands/${d.id}`}>{d.title}</a>
              {` · ${t(d.kind === 'assembly' ? 'demand_kind_assembly' : 'demand_kind_agenda_items')}${d.assemblyRef ? ` ${d.assemblyRef}` : ''}`}
              <Progress lang={lang} demand={d} />
            </li>
          ))}
        </ul>
      )}
      {props.members.length > 0 && (
        <section aria-labelledby="start-heading">
          <h2 id="start-heading">{t('demand_start')}</h2>
          <Form action="/demands" csrf={props.csrf} lang={lang} errors={props.errors} labels={labels}>
            <Select
              name="memberId"
              label={labels.memberId}
              value={props.values?.memberId}
              errors={props.errors}
              required
              options={props.members.map((m) => ({ value: m.memberId, label: `${m.number} ${m.name}` }))}
            />
            <Select
              name="kind"
              label={labels.kind}
              value={props.values?.kind}
              errors={props.errors}
              options={[
                { value: 'assembly', label: t('demand_kind_assembly') },
                { value: 'agenda_items', label: t('demand_kind_agenda_items') },
              ]}
            />
            <Field
              name="assemblyRef"
              label={labels.assemblyRef}
              value={props.values?.assemblyRef}
              errors={props.errors}
            />
            <Field
              name="title"
              label={labels.title}
              value={props.values?.title}
              errors={props.errors}
              required
              maxlength={300}
            />
            <TextArea
              name="reasons"
              label={labels.reasons}
              value={props.values?.reasons}
              errors={props.errors}
              required
              maxlength={10000}
            />
            <button type="submit">{t('demand_start_button')}</button>
          </Form>
        </section>
      )}
    </section>
  )
}

export function DemandPage(props: {
  lang: Language
  csrf: string
  demand: DemandView
  members: Member[]
  signed: Set<string>
  errors?: Errors
}) {
  const t = g(props.lang)
  const { lang, demand: d } = props
  return (
    <section>
      <h1>{d.title}</h1>
      <p>{`${t(d.kind === 'assembly' ? 'demand_kind_assembly' : 'demand_kind_agenda_items')}${d.assemblyRef ? ` ${d.assemblyRef}` : ''}`}</p>
      <Progress lang={lang} demand={d} />
      <h2>{t('demand_reasons')}</h2>
      <p>{d.reasons}</p>
      {props.errors?.memberId && (
        <p class="error" role="alert" id="f-memberId">
          {props.errors.memberId}
        </p>
      )}
      {props.members.map((m) =>
        props.signed.has(m.memberId) ? (
          <p>{t('demand_signed', { name: `${m.number} ${m.name}` })}</p>
        ) : (
          <form method="post" action={`/demands/${d.id}/sign`} class="inline">
            <input type="hidden" name="_csrf" value={props.csrf} />
            <input type="hidden" name="memberId" value={m.memberId} />
            <button type="submit">{`${t('demand_sign')}: ${m.number} ${m.name}`}</button>
          </form>
        ),
      )}
    </section>
  )
}
