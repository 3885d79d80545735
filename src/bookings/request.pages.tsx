import { Refusal } from '../capital/capital.pages.tsx'
import { Consent } from '../members/member-forms.tsx'
import { formatDate, formatEuro, type Language, translator } from '../platform/i18n.ts'
import { type Errors, Field, Form, Select, TextArea } from '../web/components.tsx'
import { bookingsText } from './bookings.messages.ts'
import { stateLabel } from './bookings.pages.tsx'
import type { RequestStatus } from './request.actions.ts'

/** One hourly service a non-member may ask for, with its non-member rate today. */
export interface RequestableService {
  key: string
  areaKey: string
  name: string
  rateCents: number
}

/** The public request of a non-member: who asks, for what, how many hours; no account needed. */
export function RequestPage(props: {
  lang: Language
  csrf: string
  services: RequestableService[]
  values: Record<string, string>
  errors?: Errors
}) {
  const t = translator(bookingsText, props.lang)
  const v = props.values
  const e = props.errors
  const labels = {
    organisationName: t('request_organisation'),
    givenName: t('request_given_name'),
    familyName: t('request_family_name'),
    email: t('request_email'),
    phone: t('request_phone'),
    serviceKey: t('request_service'),
    quantity: t('request_hours'),
    message: t('request_message'),
    consent: t('request_consent'),
  }
  return (
    <section>
      <h1>{t('request_title')}</h1>
      <p>{t('request_intro')}</p>
      {props.services.length === 0 ? (
        <p>{t('request_none')}</p>
      ) : (
        <Form action="/orders/request" csrf={props.csrf} lang={props.lang} errors={e} labels={labels}>
          <Field
            name="organisationName"
            label={labels.organisationName}
            value={v.organisationName}
            errors={e}
            required
            autocomplete="organization"
            maxlength={200}
          />
          <Field
            name="givenName"
            label={labels.givenName}
            value={v.givenName}
            errors={e}
            required
            autocomplete="given-name"
            maxlength={100}
          />
          <Field
            name="familyName"
            label={labels.familyName}
            value={v.familyName}
            errors={e}
            required
            autocomplete="family-name"
            maxlength={100}
          />
          <Field
            name="email"
            label={labels.email}
            type="email"
            value={v.email}
            errors={e}
            required
            autocomplete="email"
          />
          <Field name="phone" label={labels.phone} type="tel" value={v.phone} errors={e} autocomplete="tel" />
          <Select
            name="serviceKey"
            label={labels.serviceKey}
            value={v.serviceKey}
            options={props.services.map((s) => ({
              value: s.key,
              label: `${s.name} – ${t('request_rate', { rate: formatEuro(s.rateCents, props.lang) })}`,
            }))}
            errors={e}
            required
          />
          <Field
            name="quantity"
            label={labels.quantity}
            inputmode="numeric"
            value={v.quantity ?? '4'}
            errors={e}
            required
          />
          <TextArea name="message" label={labels.message} value={v.message} errors={e} required maxlength={4000} />
          <Consent name="consent" label={labels.consent} checked={v.consent === 'on'} errors={e} />
          <div class="actions">
            <button type="submit">{t('request_submit')}</button>
          </div>
        </Form>
      )}
    </section>
  )
}

/** The requester's page behind the secret link: the state, and withdrawing while staff have not decided. */
export function RequestStatusPage(props: {
  lang: Language
  csrf: string
  token: string
  status: RequestStatus
  refusal?: string
}) {
  const t = translator(bookingsText, props.lang)
  const s = props.status
  return (
    <section>
      <h1>{t('status_title', { ref: s.ref })}</h1>
      <p class="hint">{t('status_intro')}</p>
      <Refusal title={t('refused')} text={props.refusal} />
      <p data-testid="request-state">
        <strong>{t('status_state', { state: stateLabel(s.status, props.lang) })}</strong>
      </p>
      <dl class="facts">
        <dt>{t('request_organisation')}</dt>
        <dd>{s.organisationName}</dd>
        <dt>{t('request_service')}</dt>
        <dd>{s.itemName[props.lang]}</dd>
        <dt>{t('request_hours')}</dt>
        <dd>{s.hours}</dd>
        {s.hourlyCents !== null && (
          <>
            <dt>{t('price_hourly')}</dt>
            <dd>{t('request_rate', { rate: formatEuro(s.hourlyCents, props.lang) })}</dd>
          </>
        )}
        <dt>{t('col_requested')}</dt>
        <dd>{formatDate(s.requestedAt.slice(0, 10), props.lang)}</dd>
        {s.rejectionReason && (
          <>
            <dt>{t('state_rejected')}</dt>
            <dd>{s.rejectionReason}</dd>
          </>
        )}
      </dl>
      {s.status === 'requested' && (
        <Form action={`/orders/status/${props.token}/withdraw`} csrf={props.csrf} lang={props.lang}>
          <div class="actions">
            <button type="submit" class="danger">
              {t('status_withdraw')}
            </button>
          </div>
        </Form>
      )}
    </section>
  )
}
