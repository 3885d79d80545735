import { Consent } from '../members/member-forms.tsx'
import { type Language, translator } from '../platform/i18n.ts'
import { type Errors, Field, Form } from '../web/components.tsx'
import { DataTable } from '../web/data-table.tsx'
import { interestConsentText, interestText } from './interest.messages.ts'
import { confirmWindowDays } from './interest.rules.ts'

/** The public sign-up, the confirm and unsubscribe pages (one button each), and the staff overview. */

export function InterestPage(props: {
  lang: Language
  csrf: string
  cooperative: string
  values: Record<string, string>
  errors?: Errors
}) {
  const t = translator(interestText, props.lang)
  const { lang, values: v, errors: e } = props
  const labels = { email: t('email'), name: t('name'), organisation: t('organisation'), consent: t('consent_label') }
  return (
    <section>
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      <Form action="/interest" csrf={props.csrf} lang={lang} errors={e} labels={labels}>
        <Field
          name="email"
          label={labels.email}
          type="email"
          value={v.email}
          required
          autocomplete="email"
          maxlength={254}
          errors={e}
        />
        <Field name="name" label={labels.name} value={v.name} autocomplete="name" maxlength={200} errors={e} />
        <Field
          name="organisation"
          label={labels.organisation}
          value={v.organisation}
          autocomplete="organization"
          maxlength={200}
          errors={e}
        />
        <Consent
          name="consent"
          label={interestConsentText(lang, props.cooperative)}
          checked={v.consent === 'on'}
          errors={e}
        />
        <div class="actions">
          <button type="submit">{t('submit')}</button>
        </div>
      </Form>
      <h2>{t('privacy_title')}</h2>
      <p>{t('privacy_what')}</p>
      <p>{t('privacy_why')}</p>
      <p>{t('privacy_double', { days: confirmWindowDays })}</p>
      <p>{t('privacy_withdraw')}</p>
    </section>
  )
}

/** A page of one sentence or two, optionally with one button that posts to `action`. */
export function OneButtonPage(props: { csrf: string; title: string; text: string; action?: string; button?: string }) {
  return (
    <section>
      <h1>{props.title}</h1>
      <p>{props.text}</p>
      {props.action && (
        <form method="post" action={props.action} class="stack">
          <input type="hidden" name="_csrf" value={props.csrf} />
          <div class="actions">
            <button type="submit">{props.button}</button>
          </div>
        </form>
      )}
    </section>
  )
}

function MonthChart(props: { lang: Language; months: Array<{ month: string; count: number }> }) {
  const t = translator(interestText, props.lang)
  const max = Math.max(1, ...props.months.map((m) => m.count))
  const width = 100 / props.months.length
  const figures = props.months.map((m) => `${m.month}: ${m.count}`).join(', ')
  return (
    <svg
      class="interest-chart"
      viewBox="0 0 100 40"
      preserveAspectRatio="none"
      role="img"
      aria-label={t('chart_label', { figures })}
    >
      <title>{t('chart_label', { figures })}</title>
      {props.months.map((m, i) => {
        const height = (m.count / max) * 38
        return (
          <rect
            class="bar-paid"
            x={(i * width + width * 0.15).toFixed(2)}
            y={(40 - height).toFixed(2)}
            width={(width * 0.7).toFixed(2)}
            height={height.toFixed(2)}
          />
        )
      })}
    </svg>
  )
}

export function InterestManagePage(props: {
  lang: Language
  counts: { pending: number; confirmed: number; unsubscribed: number }
  months: Array<{ month: string; count: number }>
}) {
  const t = translator(interestText, props.lang)
  const { counts } = props
  return (
    <section>
      <h1>{t('manage_title')}</h1>
      <p>{t('manage_intro')}</p>
      <dl class="facts">
        <dt>{t('count_confirmed')}</dt>
        <dd class="big" data-count="confirmed">
          {counts.confirmed}
        </dd>
        <dt>{t('count_pending')}</dt>
        <dd data-count="pending">{counts.pending}</dd>
        <dt>{t('count_unsubscribed')}</dt>
        <dd data-count="unsubscribed">{counts.unsubscribed}</dd>
      </dl>
      <div class="actions">
        <a class="button" href="/interest/export.csv">
          {t('export')}
        </a>
      </div>
      <p class="hint">{t('export_hint')}</p>
      <h2>{t('chart_title')}</h2>
      <MonthChart lang={props.lang} months={props.months} />
      <DataTable
        items={props.months}
        empty="—"
        columns={[t('month'), { label: t('signups'), num: true }]}
        row={(m) => (
          <tr>
            <td>{m.month}</td>
            <td class="num">{m.count}</td>
          </tr>
        )}
      />
    </section>
  )
}
