import { type EventKind, eventKinds } from '../db/schema-events.ts'
import { Consent } from '../members/member-forms.tsx'
import { type Language, translator } from '../platform/i18n.ts'
import { type Errors, Field, Form, Select } from '../web/components.tsx'
import { formatEventTime } from './event-time.ts'
import {
  availabilityText,
  eventsText,
  grossText,
  kindLabel,
  priceText,
  registrationConsentText,
  vatText,
} from './events.messages.ts'
import { type EventView, eventText, type RegistrationView } from './events.model.ts'
import { type Availability, availability, priceFor } from './events.rules.ts'

/** The public event pages: the list, one event with its registration form, the registrant's own page. */

function Facts(props: { lang: Language; event: EventView; now: Date; showOnline?: boolean }) {
  const t = translator(eventsText, props.lang)
  const { event, lang } = props
  return (
    <dl class="facts">
      <dt>{t('when')}</dt>
      <dd>{formatEventTime(event.startsAt, event.endsAt, lang)}</dd>
      <dt>{t('where')}</dt>
      <dd>
        {event.location && <span>{event.location}</span>}
        {event.location && event.onlineUrl && <br />}
        {event.onlineUrl &&
          (props.showOnline ? (
            <a href={event.onlineUrl} rel="noopener">
              {event.onlineUrl}
            </a>
          ) : (
            <span>{t('online')}</span>
          ))}
      </dd>
      <dt>{t('seats')}</dt>
      <dd data-availability={availability(event, props.now).kind}>
        {availabilityText(availability(event, props.now), lang)}
      </dd>
      <dt>{t('price')}</dt>
      <dd>
        {priceText(event, lang)}
        {(event.memberPriceCents > 0 || event.nonMemberPriceCents > 0) && (
          <span class="hint"> {vatText(event.vatPercent, lang)}</span>
        )}
      </dd>
    </dl>
  )
}

export function EventsPage(props: { lang: Language; events: EventView[]; kind: EventKind | null; now: Date }) {
  const t = translator(eventsText, props.lang)
  const { lang } = props
  return (
    <section>
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      <form method="get" action="/events" class="actions filter">
        <div class="field">
          <label for="f-kind">{t('filter_kind')}</label>
          <select id="f-kind" name="kind">
            <option value="">{t('filter_all')}</option>
            {eventKinds.map((k) => (
              <option value={k} selected={k === props.kind}>
                {kindLabel(k, lang)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="secondary">
          {t('filter_button')}
        </button>
      </form>
      {props.events.length === 0 ? (
        <p>{t('none_upcoming')}</p>
      ) : (
        <ul class="event-list">
          {props.events.map((event) => (
            <li class={event.status === 'cancelled' ? 'event cancelled' : 'event'}>
              <h2>
                <a href={`/events/${event.ref}`}>{eventText(event, lang).title}</a>
              </h2>
              <p class="hint">
                {kindLabel(event.kind, lang)}
                {event.status === 'cancelled' && <strong> · {t('cancelled')}</strong>}
              </p>
              <Facts lang={lang} event={event} now={props.now} />
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

/** What a signed-in person may come as: each of their organisations and themselves, with the price that applies. */
export interface PriceOptions {
  organisations: Array<{ id: string; name: string; isMember: boolean }>
  selfIsMember: boolean
}

export function RegistrationForm(props: {
  lang: Language
  csrf: string
  event: EventView
  cooperative: string
  values: Record<string, string>
  errors?: Errors
  options: PriceOptions | null
  waitlist: boolean
}) {
  const t = translator(eventsText, props.lang)
  const { lang, event, values: v, errors: e } = props
  const member = grossText(priceFor(event, true).grossCents, lang)
  const nonMember = grossText(priceFor(event, false).grossCents, lang)
  const labels = {
    name: t('name'),
    email: t('email'),
    organisation: t('organisation'),
    organisationId: t('organisation_for'),
    consent: t('consent_label'),
  }
  const samePrice = member === nonMember
  return (
    <Form action={`/events/${event.ref}/register`} csrf={props.csrf} lang={lang} errors={e} labels={labels}>
      <Field name="name" label={labels.name} value={v.name} required autocomplete="name" maxlength={200} errors={e} />
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
      {props.options ? (
        <>
          <Select
            name="organisationId"
            label={labels.organisationId}
            value={v.organisationId ?? ''}
            options={[
              ...props.options.organisations.map((o) => ({
                value: o.id,
                label: t(o.isMember ? 'organisation_member' : 'organisation_non_member', {
                  name: o.name,
                  price: o.isMember ? member : nonMember,
                }),
              })),
              {
                value: '',
                label: t(props.options.selfIsMember ? 'self_member' : 'self_non_member', {
                  price: props.options.selfIsMember ? member : nonMember,
                }),
              },
            ]}
            errors={e}
          />
          {!samePrice && <p class="hint">{t('price_choose')}</p>}
        </>
      ) : (
        <>
          <Field name="organisation" label={labels.organisation} value={v.organisation} maxlength={200} errors={e} />
          {!samePrice && (
            <p class="hint">
              {t('price_anonymous', { member, nonMember })}{' '}
              <a href={`/login?next=/events/${event.ref}`}>{t('sign_in_for_member_price')}</a>
            </p>
          )}
        </>
      )}
      <Consent
        name="consent"
        label={registrationConsentText(lang, {
          cooperative: props.cooperative,
          title: eventText(event, lang).title,
          ref: event.ref,
        })}
        checked={v.consent === 'on'}
        errors={e}
      />
      <div class="actions">
        <button type="submit">{props.waitlist ? t('waitlist_button') : t('register_button')}</button>
      </div>
    </Form>
  )
}

export function EventPage(props: {
  lang: Language
  csrf: string
  event: EventView
  now: Date
  cooperative: string
  values: Record<string, string>
  errors?: Errors
  options: PriceOptions | null
  refusal?: 'event_full' | 'registration_closed' | null
}) {
  const t = translator(eventsText, props.lang)
  const { lang, event } = props
  const text = eventText(event, lang)
  const state: Availability = availability(event, props.now)
  return (
    <section>
      <p>
        <a href="/events">{t('back_to_events')}</a>
      </p>
      <h1>{text.title}</h1>
      <p class="hint">
        {kindLabel(event.kind, lang)} · {event.ref}
      </p>
      {event.status === 'cancelled' && (
        <p class="notice" role="status">
          {t('cancelled_reason', { reason: event.cancelReason ?? '' })}
        </p>
      )}
      <Facts lang={lang} event={event} now={props.now} />
      {text.description && (
        <div class="event-description">
          {text.description.split(/\n{2,}/).map((paragraph) => (
            <p>{paragraph}</p>
          ))}
        </div>
      )}
      {props.refusal && (
        <div class="error-summary" role="alert" tabindex={-1}>
          <p>{t(props.refusal === 'event_full' ? 'event_full_message' : 'registration_closed_message')}</p>
        </div>
      )}
      {(state.kind === 'seats' || state.kind === 'waitlist') && (
        <>
          <h2>{state.kind === 'waitlist' ? t('register_waitlist_title') : t('register_title')}</h2>
          {state.kind === 'waitlist' && <p class="notice">{t('waitlist_note')}</p>}
          <RegistrationForm
            lang={lang}
            csrf={props.csrf}
            event={event}
            cooperative={props.cooperative}
            values={props.values}
            errors={props.errors}
            options={props.options}
            waitlist={state.kind === 'waitlist'}
          />
        </>
      )}
      {state.kind === 'full' && <p class="notice">{t('full_note')}</p>}
      {state.kind === 'closed' && <p class="notice">{t('closed_note')}</p>}
    </section>
  )
}

/** The registrant's page behind the manage link: status, price, the online link once confirmed, the cancel button. */
export function RegistrationPage(props: {
  lang: Language
  csrf: string
  token: string
  event: EventView
  registration: RegistrationView
  now: Date
}) {
  const t = translator(eventsText, props.lang)
  const { lang, event, registration: r } = props
  const status =
    r.status === 'waitlisted' && r.waitingRank
      ? t('status_waitlisted_rank', { rank: r.waitingRank })
      : t(`status_${r.status}`)
  const canCancel = r.status !== 'cancelled' && props.now.getTime() < event.startsAt.getTime()
  return (
    <section>
      <h1>{t('registration_title')}</h1>
      <h2>
        <a href={`/events/${event.ref}`}>{eventText(event, lang).title}</a>
      </h2>
      <dl class="facts">
        <dt>{t('registration_status')}</dt>
        <dd data-status={r.status}>
          <strong>{status}</strong>
        </dd>
        <dt>{t('name')}</dt>
        <dd>{r.name}</dd>
        <dt>{t('email')}</dt>
        <dd>{r.email}</dd>
        {r.organisationName && (
          <>
            <dt>{t('organisation_for')}</dt>
            <dd>{r.organisationName}</dd>
          </>
        )}
        <dt>{t('your_price')}</dt>
        <dd>{grossText(r.grossCents, lang)}</dd>
      </dl>
      <Facts lang={lang} event={event} now={props.now} showOnline={r.status === 'confirmed'} />
      {canCancel && (
        <form method="post" action={`/events/registrations/${props.token}/cancel`} class="stack">
          <input type="hidden" name="_csrf" value={props.csrf} />
          <h2>{t('cancel_registration')}</h2>
          <p>{t('cancel_question')}</p>
          <div class="actions">
            <button type="submit" class="danger">
              {t('cancel_button')}
            </button>
          </div>
        </form>
      )}
      {r.status !== 'cancelled' && !canCancel && <p class="notice">{t('too_late_to_cancel')}</p>}
    </section>
  )
}

export function LinkInvalidPage(props: { lang: Language }) {
  const t = translator(eventsText, props.lang)
  return (
    <section>
      <h1>{t('link_invalid_title')}</h1>
      <p>{t('link_invalid')}</p>
      <p>
        <a href="/events">{t('back_to_events')}</a>
      </p>
    </section>
  )
}
