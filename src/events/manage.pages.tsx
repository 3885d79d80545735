import { eventKinds } from '../db/schema-events.ts'
import { formatDateTime, type Language, translator } from '../platform/i18n.ts'
import { type Errors, Field, Form, Select, TextArea } from '../web/components.tsx'
import { DataTable } from '../web/data-table.tsx'
import { common } from '../web/messages.ts'
import { formatEventTime, wallTimeInputValue } from './event-time.ts'
import { grossText, kindLabel } from './events.messages.ts'
import { type EventView, eventText, type RegistrationView } from './events.model.ts'
import { manageText } from './manage.messages.ts'

/** The staff pages of events: the list, the form (new and edit, with cancelling), the attendee list. */

function stateOf(event: EventView, now: Date): 'upcoming' | 'past' | 'cancelled' {
  if (event.status === 'cancelled') return 'cancelled'
  return now.getTime() >= event.endsAt.getTime() ? 'past' : 'upcoming'
}

export function ManageEventsPage(props: { lang: Language; events: EventView[]; now: Date }) {
  const t = translator(manageText, props.lang)
  const { lang } = props
  return (
    <section>
      <h1>{t('manage_title')}</h1>
      <div class="actions">
        <a class="button" href="/events/new">
          {t('new_button')}
        </a>
      </div>
      <DataTable
        items={props.events}
        empty={t('none')}
        columns={[
          t('col_ref'),
          t('col_title'),
          t('col_when'),
          { label: t('col_confirmed'), num: true },
          { label: t('col_waiting'), num: true },
          t('col_state'),
          t('col_actions'),
        ]}
        row={(event) => (
          <tr>
            <td>{event.ref}</td>
            <td>
              <a href={`/events/${event.ref}`}>{eventText(event, lang).title}</a>
              <br />
              <span class="hint">{kindLabel(event.kind, lang)}</span>
            </td>
            <td>{formatEventTime(event.startsAt, event.endsAt, lang)}</td>
            <td class="num">{`${event.confirmed} / ${event.seats}`}</td>
            <td class="num">{event.waitlisted}</td>
            <td>{t(`state_${stateOf(event, props.now)}`)}</td>
            <td>
              <a href={`/events/${event.ref}/attendees`}>{t('attendees')}</a>
              {event.status === 'scheduled' && (
                <>
                  {' · '}
                  <a href={`/events/${event.ref}/edit`}>{t('edit')}</a>
                </>
              )}
            </td>
          </tr>
        )}
      />
    </section>
  )
}

export type EventForm = Record<string, string>

function euros(cents: number): string {
  return (cents / 100).toFixed(2).replace('.', ',')
}

/** The form's values for an existing event: times as Berlin wall times, prices in euros. */
export function eventFormValues(event: EventView): EventForm {
  return {
    kind: event.kind,
    titleDe: event.titleDe,
    titleEn: event.titleEn,
    descriptionDe: event.descriptionDe,
    descriptionEn: event.descriptionEn,
    startsAt: wallTimeInputValue(event.startsAt),
    endsAt: wallTimeInputValue(event.endsAt),
    registrationClosesAt:
      event.registrationClosesAt.getTime() === event.startsAt.getTime()
        ? ''
        : wallTimeInputValue(event.registrationClosesAt),
    location: event.location,
    onlineUrl: event.onlineUrl ?? '',
    seats: String(event.seats),
    waitlistLimit: event.waitlistLimit === null ? '' : String(event.waitlistLimit),
    memberPriceCents: euros(event.memberPriceCents),
    nonMemberPriceCents: euros(event.nonMemberPriceCents),
    vatPercent: String(event.vatPercent).replace('.', ','),
  }
}

/** The fields the event form posts. */
export const eventFormFields = [
  'kind',
  'titleDe',
  'titleEn',
  'descriptionDe',
  'descriptionEn',
  'startsAt',
  'endsAt',
  'registrationClosesAt',
  'location',
  'onlineUrl',
  'seats',
  'waitlistLimit',
  'memberPriceCents',
  'nonMemberPriceCents',
  'vatPercent',
] as const

export function eventLabels(lang: Language): Record<string, string> {
  const t = translator(manageText, lang)
  return {
    kind: t('kind'),
    titleDe: t('title_de'),
    titleEn: t('title_en'),
    descriptionDe: t('description_de'),
    descriptionEn: t('description_en'),
    startsAt: t('starts_at'),
    endsAt: t('ends_at'),
    registrationClosesAt: t('closes_at'),
    location: t('location'),
    onlineUrl: t('online_url'),
    seats: t('seats'),
    waitlistLimit: t('waitlist_limit'),
    memberPriceCents: t('member_price'),
    nonMemberPriceCents: t('non_member_price'),
    vatPercent: t('vat_percent'),
    reason: t('cancel_reason'),
  }
}

export function EventFormPage(props: {
  lang: Language
  csrf: string
  event: EventView | null
  values: EventForm
  errors?: Errors
  cancelErrors?: Errors
}) {
  const t = translator(manageText, props.lang)
  const { lang, values: v, errors: e, event } = props
  const labels = eventLabels(lang)
  const time = (name: string, required: boolean) => (
    <Field
      name={name}
      label={labels[name]!}
      type="datetime-local"
      value={v[name]}
      required={required}
      hint={t('time_hint')}
      errors={e}
    />
  )
  return (
    <section>
      <h1>{event ? t('edit_title', { ref: event.ref }) : t('new_title')}</h1>
      <Form
        action={event ? `/events/${event.ref}` : '/events'}
        csrf={props.csrf}
        lang={lang}
        errors={e}
        labels={labels}
        class="stack wide"
      >
        <fieldset class="field">
          <legend>{t('section_what')}</legend>
          <Select
            name="kind"
            label={labels.kind!}
            value={v.kind}
            options={eventKinds.map((k) => ({ value: k, label: kindLabel(k, lang) }))}
            errors={e}
            required
          />
          <Field name="titleDe" label={labels.titleDe!} value={v.titleDe} required maxlength={200} errors={e} />
          <Field name="titleEn" label={labels.titleEn!} value={v.titleEn} maxlength={200} errors={e} />
          <TextArea
            name="descriptionDe"
            label={labels.descriptionDe!}
            value={v.descriptionDe}
            maxlength={5000}
            errors={e}
          />
          <TextArea
            name="descriptionEn"
            label={labels.descriptionEn!}
            value={v.descriptionEn}
            maxlength={5000}
            errors={e}
          />
        </fieldset>
        <fieldset class="field">
          <legend>{t('section_when')}</legend>
          <div class="grid2">
            {time('startsAt', true)}
            {time('endsAt', true)}
          </div>
          {time('registrationClosesAt', false)}
          <Field name="location" label={labels.location!} value={v.location} maxlength={300} errors={e} />
          <Field
            name="onlineUrl"
            label={labels.onlineUrl!}
            type="url"
            inputmode="url"
            value={v.onlineUrl}
            maxlength={300}
            errors={e}
          />
        </fieldset>
        <fieldset class="field">
          <legend>{t('section_seats')}</legend>
          <div class="grid2">
            <Field name="seats" label={labels.seats!} inputmode="numeric" value={v.seats} required errors={e} />
            <Field
              name="waitlistLimit"
              label={labels.waitlistLimit!}
              inputmode="numeric"
              value={v.waitlistLimit}
              errors={e}
            />
            <Field
              name="memberPriceCents"
              label={labels.memberPriceCents!}
              inputmode="decimal"
              value={v.memberPriceCents}
              errors={e}
            />
            <Field
              name="nonMemberPriceCents"
              label={labels.nonMemberPriceCents!}
              inputmode="decimal"
              value={v.nonMemberPriceCents}
              errors={e}
            />
            <Field name="vatPercent" label={labels.vatPercent!} inputmode="decimal" value={v.vatPercent} errors={e} />
          </div>
        </fieldset>
        <div class="actions">
          <button type="submit">{translator(common, lang)('save')}</button>
        </div>
      </Form>
      {event && event.status === 'scheduled' && (
        <Form
          action={`/events/${event.ref}/cancel`}
          csrf={props.csrf}
          lang={lang}
          errors={props.cancelErrors}
          labels={labels}
          id="cancel"
        >
          <h2>{t('cancel_title')}</h2>
          <p>{t('cancel_intro')}</p>
          <Field name="reason" label={labels.reason!} required maxlength={1000} errors={props.cancelErrors} />
          <div class="actions">
            <button type="submit" class="danger">
              {t('cancel_button')}
            </button>
          </div>
        </Form>
      )}
    </section>
  )
}

function RegistrationRows(props: {
  lang: Language
  csrf: string
  event: EventView
  items: RegistrationView[]
  kind: 'confirmed' | 'waitlisted' | 'cancelled'
  empty: string
  now: Date
}) {
  const t = translator(manageText, props.lang)
  const { lang } = props
  const cancellable = props.kind !== 'cancelled' && props.now.getTime() < props.event.startsAt.getTime()
  return (
    <DataTable
      items={props.items}
      empty={props.empty}
      columns={[
        props.kind === 'waitlisted' && { label: t('col_rank'), num: true },
        t('col_name'),
        t('col_email'),
        t('col_organisation'),
        t('col_member'),
        { label: t('col_price'), num: true },
        t('col_registered'),
        props.kind === 'confirmed' && t('col_promoted'),
        props.kind === 'cancelled' && t('col_cancelled'),
        cancellable && t('col_actions'),
      ]}
      row={(r) => (
        <tr>
          {props.kind === 'waitlisted' && <td class="num">{r.waitingRank}</td>}
          <td>{r.name}</td>
          <td>{r.email}</td>
          <td>{r.organisationName ?? '—'}</td>
          <td>{r.isMember ? t('yes') : t('no')}</td>
          <td class="num">{grossText(r.grossCents, lang)}</td>
          <td>{formatDateTime(r.registeredAt, lang)}</td>
          {props.kind === 'confirmed' && <td>{r.promotedAt ? formatDateTime(r.promotedAt, lang) : '—'}</td>}
          {props.kind === 'cancelled' && <td>{formatDateTime(r.cancelledAt, lang)}</td>}
          {cancellable && (
            <td>
              <form method="post" action={`/events/${props.event.ref}/attendees/${r.id}/cancel`} class="inline">
                <input type="hidden" name="_csrf" value={props.csrf} />
                <button type="submit" class="link">
                  {t('cancel_registration')}
                  <span class="visually-hidden">{`: ${r.name}`}</span>
                </button>
              </form>
            </td>
          )}
        </tr>
      )}
    />
  )
}

export function AttendeesPage(props: {
  lang: Language
  csrf: string
  event: EventView
  confirmed: RegistrationView[]
  waitlisted: RegistrationView[]
  cancelled: RegistrationView[]
  now: Date
}) {
  const t = translator(manageText, props.lang)
  const { lang, event } = props
  const common = { lang, csrf: props.csrf, event, now: props.now }
  return (
    <section>
      <p>
        <a href="/events/manage">{t('manage_title')}</a>
      </p>
      <h1>{t('attendees_title', { title: eventText(event, lang).title })}</h1>
      <p class="hint">
        {event.ref} · {formatEventTime(event.startsAt, event.endsAt, lang)}
      </p>
      <div class="actions">
        <a class="button secondary" href={`/events/${event.ref}/attendees.csv`}>
          {t('csv_download')}
        </a>
      </div>
      <h2>{t('confirmed_heading', { count: props.confirmed.length, seats: event.seats })}</h2>
      <RegistrationRows {...common} items={props.confirmed} kind="confirmed" empty={t('none_confirmed')} />
      <h2>{t('waiting_heading', { count: props.waitlisted.length })}</h2>
      <RegistrationRows {...common} items={props.waitlisted} kind="waitlisted" empty={t('none_waiting')} />
      {props.cancelled.length > 0 && (
        <>
          <h2>{t('cancelled_heading', { count: props.cancelled.length })}</h2>
          <RegistrationRows {...common} items={props.cancelled} kind="cancelled" empty="—" />
        </>
      )}
    </section>
  )
}
