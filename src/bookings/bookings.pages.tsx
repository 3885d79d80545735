import { Refusal } from '../capital/capital.pages.tsx'
import { pick } from '../catalog/catalog.model.ts'
import type { PlainDate } from '../platform/dates.ts'
import { formatDate, formatDateTime, formatEuro, type Language, translator } from '../platform/i18n.ts'
import type { Errors } from '../web/components.tsx'
import { DataTable } from '../web/data-table.tsx'
import { BookingForms } from './booking-forms.pages.tsx'
import { type BookingsKey, bookingsText } from './bookings.messages.ts'
import type { Booking } from './bookings.model.ts'
import type { BookingState } from './bookings.rules.ts'
import type { CancellationPreview } from './lifecycle.actions.ts'
import { type BookingDetail, type BookingListItem, type StateFilter, stateFilters } from './read.actions.ts'

export function stateLabel(state: BookingState, lang: Language): string {
  return translator(bookingsText, lang)(`state_${state}`)
}

/** The agreed price in one cell: monthly for flat rates and add-ons, per hour for hourly work. */
export function priceCell(booking: Booking, lang: Language): string {
  const t = translator(bookingsText, lang)
  if (booking.price.monthlyCents !== null)
    return t('per_month', { amount: formatEuro(booking.price.monthlyCents, lang) })
  if (booking.price.hourlyCents !== null) return t('per_hour', { amount: formatEuro(booking.price.hourlyCents, lang) })
  return '—'
}

function BookingTable(props: { lang: Language; items: BookingListItem[]; empty: string; queue?: boolean }) {
  const t = translator(bookingsText, props.lang)
  return (
    <DataTable
      items={props.items}
      empty={props.empty}
      columns={[
        t('col_ref'),
        t('col_item'),
        t('col_organisation'),
        t('col_state'),
        props.queue ? t('col_requested') : t('col_starts'),
        props.queue ? false : t('col_ends'),
        { label: t('col_price'), num: true },
      ]}
      row={(b) => (
        <tr>
          <td class="mono">
            <a href={`/bookings/${b.id}`}>{b.ref}</a>
          </td>
          <td>
            {pick(b.itemName, props.lang)}
            {b.quantity > 1 && ` × ${b.quantity}`}
          </td>
          <td>{b.organisationName ?? '—'}</td>
          <td>
            {stateLabel(b.state, props.lang)}
            {props.queue && b.replacesId && <> · {t('queue_is_change')}</>}
            {props.queue && !b.organisationId && <> · {t('queue_request')}</>}
          </td>
          <td>{props.queue ? formatDateTime(b.requestedAt, props.lang) : formatDate(b.startsOn, props.lang)}</td>
          {!props.queue && <td>{b.endsOn ? formatDate(b.endsOn, props.lang) : '—'}</td>}
          <td class="num">{priceCell(b, props.lang)}</td>
        </tr>
      )}
    />
  )
}

export function BookingListPage(props: {
  lang: Language
  items: BookingListItem[]
  state: StateFilter | undefined
  organisationId: string | undefined
  mayOrder: boolean
}) {
  const t = translator(bookingsText, props.lang)
  const label = (f: StateFilter) => (f === 'open' ? t('filter_open') : t(`state_${f}` as BookingsKey))
  return (
    <section>
      <h1>{t('bookings_title')}</h1>
      <div class="actions">
        <form method="get" action="/bookings" class="actions">
          {props.organisationId && <input type="hidden" name="organisation" value={props.organisationId} />}
          <label for="f-state">{t('filter_state')}</label>
          <select id="f-state" name="state">
            <option value="" selected={!props.state}>
              {t('filter_all')}
            </option>
            {stateFilters.map((f) => (
              <option value={f} selected={f === props.state}>
                {label(f)}
              </option>
            ))}
          </select>
          <button type="submit" class="secondary">
            {t('filter_button')}
          </button>
        </form>
        {props.mayOrder && (
          <a class="button" href="/orders/new">
            {t('order_new')}
          </a>
        )}
      </div>
      <BookingTable lang={props.lang} items={props.items} empty={t('bookings_none')} />
    </section>
  )
}

export function QueuePage(props: { lang: Language; items: BookingListItem[]; mayRecord: boolean }) {
  const t = translator(bookingsText, props.lang)
  // the oldest first: who waits longest is decided first
  const items = [...props.items].sort((a, b) =>
    a.requestedAt < b.requestedAt ? -1 : a.requestedAt > b.requestedAt ? 1 : 0,
  )
  return (
    <section>
      <h1>{t('queue_title')}</h1>
      <p>{t('queue_intro')}</p>
      {props.mayRecord && (
        <p>
          <a class="button secondary" href="/orders/record">
            {t('queue_record')}
          </a>
        </p>
      )}
      <BookingTable lang={props.lang} items={items} empty={t('queue_none')} queue />
    </section>
  )
}

function stateLine(detail: BookingDetail, lang: Language): string {
  const t = translator(bookingsText, lang)
  const b = detail.booking
  const date = (d: string | null) => formatDate(d, lang)
  switch (detail.state) {
    case 'requested':
      return t('state_line_requested', { date: date(b.requestedAt.slice(0, 10)), starts: date(b.startsOn) })
    case 'confirmed':
      return t('state_line_confirmed', { starts: date(b.startsOn) })
    case 'active':
      return b.endsOn
        ? t('state_line_active_until', { starts: date(b.startsOn), ends: date(b.endsOn) })
        : t('state_line_active', { starts: date(b.startsOn) })
    case 'cancelled':
      return t('state_line_cancelled', { ends: date(b.endsOn) })
    case 'ended':
      return t('state_line_ended', { ends: date(b.endsOn) })
    case 'rejected':
      return t('state_line_rejected', { reason: b.rejectionReason ?? '' })
    default:
      return t('state_line_withdrawn')
  }
}

function historyLabel(action: string, lang: Language): string {
  const key = `history_${action.replace('.', '_')}`
  return key in bookingsText.de ? translator(bookingsText, lang)(key as BookingsKey) : action
}

/** What the page's forms need beyond the detail: today, the cancellation dates, organisations to link a request to. */
export interface BookingFormsData {
  today: PlainDate
  cancellation: CancellationPreview | null
  changeStarts: { increase: PlainDate; decrease: PlainDate } | null
  organisations: Array<{ id: string; name: string }>
  state?: { form: string; values: Record<string, string>; errors?: Errors; refusal?: string }
}

export function BookingPage(props: { lang: Language; csrf: string; detail: BookingDetail; forms: BookingFormsData }) {
  const t = translator(bookingsText, props.lang)
  const { detail } = props
  const b = detail.booking
  const euro = (cents: number | null) => formatEuro(cents ?? 0, props.lang)
  const configLabels = new Map(
    detail.item.area.configFields.map((f) => [f.key, props.lang === 'de' ? f.labelDe : f.labelEn]),
  )
  return (
    <section>
      <h1>{t('booking_title', { ref: b.ref })}</h1>
      <Refusal title={t('refused')} text={props.forms.state?.refusal} />
      <p data-testid="booking-state">
        <strong>{stateLabel(detail.state, props.lang)}</strong> – {stateLine(detail, props.lang)}
      </p>
      <dl class="facts">
        <dt>{t('facts_item')}</dt>
        <dd>{pick(detail.itemName, props.lang)}</dd>
        <dt>{t('facts_organisation')}</dt>
        <dd>{detail.organisationName ?? '—'}</dd>
        {b.requester && !b.organisationId && (
          <>
            <dt>{t('facts_requester')}</dt>
            <dd>
              {`${b.requester.givenName} ${b.requester.familyName} <${b.requester.email}>`}
              {b.requester.phone && `, ${b.requester.phone}`}
            </dd>
          </>
        )}
        {b.kind !== 'flat_rate' && (
          <>
            <dt>{t('facts_quantity')}</dt>
            <dd>{b.quantity}</dd>
          </>
        )}
        {Object.keys(b.config).length > 0 && (
          <>
            <dt>{t('facts_config')}</dt>
            <dd>
              {Object.entries(b.config)
                .map(([key, value]) => `${configLabels.get(key) ?? key}: ${value}`)
                .join('; ')}
            </dd>
          </>
        )}
        {b.note && (
          <>
            <dt>{t('description')}</dt>
            <dd>{b.note}</dd>
          </>
        )}
        {detail.replaces && (
          <>
            <dt>{t('facts_replaces')}</dt>
            <dd>
              <a href={`/bookings/${detail.replaces.id}`}>{detail.replaces.ref}</a>
            </dd>
          </>
        )}
        {detail.pendingChanges.map((c) => (
          <>
            <dt>{t('facts_changes')}</dt>
            <dd>
              <a href={`/bookings/${c.id}`}>{c.ref}</a> ({formatDate(c.startsOn, props.lang)})
            </dd>
          </>
        ))}
      </dl>
      <section aria-labelledby="agreed-heading">
        <h2 id="agreed-heading">{t('agreed_heading')}</h2>
        <dl class="facts" data-testid="agreed-price">
          {b.price.monthlyCents !== null && (
            <>
              <dt>{t('price_monthly')}</dt>
              <dd>
                {euro(b.price.monthlyCents)} {t('price_net')},{' '}
                {t('price_vat', { percent: String(b.price.vatPercent ?? 0) })}
                {b.price.tierKey && <> · {t('price_tier', { tier: b.price.tierKey })}</>}
              </dd>
            </>
          )}
          {b.price.hourlyCents !== null && (
            <>
              <dt>{t('price_hourly')}</dt>
              <dd>
                {euro(b.price.hourlyCents)} {t('price_net')},{' '}
                {t('price_vat', { percent: String(b.price.vatPercent ?? 0) })}
              </dd>
            </>
          )}
          {(b.price.setupCents ?? 0) > 0 && (
            <>
              <dt>{t('price_setup')}</dt>
              <dd>{euro(b.price.setupCents)}</dd>
            </>
          )}
          {b.terms.noticeDays !== null && (
            <>
              <dt>{t('terms_notice')}</dt>
              <dd>
                {t('terms_notice_days', { days: b.terms.noticeDays })}, {t('terms_end')}{' '}
                {t(`terms_end_${b.terms.termEnd ?? 'month'}`)}
              </dd>
            </>
          )}
        </dl>
        {b.terms.text && <pre class="terms-text">{b.terms.text}</pre>}
        <p class="hint">
          {b.terms.acceptedAt
            ? t('agreed_terms_accepted', {
                date: formatDateTime(b.terms.acceptedAt, props.lang),
                who: b.terms.acceptedBy ?? '',
                hash: (b.terms.hash ?? '').slice(0, 12),
              })
            : t('agreed_terms_recorded')}
        </p>
        {detail.shareApplication && (
          <p data-testid="share-application">
            {t('shares_application', {
              ref: detail.shareApplication.ref,
              shares: detail.shareApplication.shares,
              status: t(`application_${detail.shareApplication.status as 'submitted'}`),
            })}{' '}
            <a href={`/applications/${detail.shareApplication.id}`}>{t('application_link')}</a>
          </p>
        )}
      </section>
      <section aria-labelledby="prices-heading">
        <h2 id="prices-heading">{t('prices_heading')}</h2>
        {detail.upcomingPrices.length === 0 ? (
          <p>{t('prices_none')}</p>
        ) : (
          <ul data-testid="upcoming-prices">
            {detail.upcomingPrices.map((v) => {
              const notice = detail.notices.find((n) => n.priceVersionId === v.id)
              return (
                <li>
                  {t('prices_from', { date: formatDate(v.validFrom, props.lang) })}
                  {v.note && ` (${v.note})`}:{' '}
                  {notice
                    ? t('prices_notified', {
                        date: formatDateTime(notice.notifiedAt, props.lang),
                        recipients: notice.recipients.join(', '),
                      })
                    : t('prices_not_notified')}
                </li>
              )
            })}
          </ul>
        )}
      </section>
      <BookingForms lang={props.lang} csrf={props.csrf} detail={detail} forms={props.forms} />
      <section aria-labelledby="history-heading">
        <h2 id="history-heading">{t('history_heading')}</h2>
        {detail.history.length === 0 ? (
          <p>{t('history_none')}</p>
        ) : (
          <ol class="history">
            {detail.history.map((h) => (
              <li>
                {formatDateTime(h.at, props.lang)} – {historyLabel(h.action, props.lang)} ({h.actor})
                {h.reason && `: ${h.reason}`}
              </li>
            ))}
          </ol>
        )}
      </section>
    </section>
  )
}
