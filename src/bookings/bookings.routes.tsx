import { z } from '@hono/zod-openapi'
import { Hono } from 'hono'
import type { Trx } from '../db/db.ts'
import type { AppContext, AppEnv } from '../platform/context.ts'
import { todayIn } from '../platform/dates.ts'
import { DomainError, fromDatabaseError } from '../platform/errors.ts'
import { fieldIssues, localiseIssues } from '../platform/fields.ts'
import { formatDate, translator } from '../platform/i18n.ts'
import { can } from '../platform/policy.ts'
import { errorsByField } from '../web/components.tsx'
import { idParam } from '../web/params.ts'
import { formValue, redirectWithFlash, render } from '../web/render.tsx'
import { inTransaction } from '../web/transaction.ts'
import { bookingErrorText, bookingsText } from './bookings.messages.ts'
import { type BookingFormsData, BookingListPage, BookingPage } from './bookings.pages.tsx'
import { cancelInput, changeInput, confirmInput, confirmRequestInput, rejectInput } from './bookings.schema.ts'
import { confirmBooking, rejectBooking } from './decide.actions.ts'
import {
  cancelBooking,
  cancellationPreview,
  changeStarts,
  requestChange,
  withdrawBooking,
} from './lifecycle.actions.ts'
import { orderRoutes } from './order.routes.tsx'
import { bookingDetail, listBookings, type StateFilter, stateFilters } from './read.actions.ts'
import { confirmRequest } from './request.actions.ts'
import { requestRoutes } from './request.routes.tsx'

/** The pages of orders and bookings: what an organisation books, the staff queue, the public request. */
export const bookingRoutes = new Hono<AppEnv>()
bookingRoutes.route('/', orderRoutes)
bookingRoutes.route('/', requestRoutes)

function today(c: AppContext) {
  return todayIn(c.get('deps').clock.now())
}

bookingRoutes.get('/bookings', async (c) => {
  const actor = c.get('actor')
  if (actor.kind === 'anonymous') throw new DomainError('unauthenticated')
  const deps = c.get('deps')
  const lang = c.get('lang')
  const stateParam = c.req.query('state') ?? ''
  const state = (stateFilters as readonly string[]).includes(stateParam) ? (stateParam as StateFilter) : undefined
  const organisation = c.req.query('organisation') ?? ''
  const organisationId = /^[0-9a-f-]{36}$/i.test(organisation) ? organisation.toLowerCase() : undefined
  const items = await listBookings(deps.db, actor, { today: today(c), state, organisationId })
  return render(
    c,
    translator(bookingsText, lang)('bookings_title'),
    <BookingListPage
      lang={lang}
      items={items}
      state={state}
      organisationId={organisationId}
      mayOrder={can(actor, 'booking.order') || [...actor.orgs.keys()].some((id) => can(actor, 'booking.order', id))}
    />,
  )
})

/** The booking's page, with a form that failed coming back in `state`. */
async function bookingPage(
  c: AppContext,
  id: string,
  state?: BookingFormsData['state'],
  status: 200 | 409 | 422 = 200,
) {
  const deps = c.get('deps')
  const actor = c.get('actor')
  const lang = c.get('lang')
  const detail = await bookingDetail(deps.db, actor, id, deps)
  const day = today(c)
  const organisations =
    detail.may.decide && !detail.booking.organisationId
      ? await deps.db
          .selectFrom('organisation')
          .select(['id', 'name'])
          .where('archived_at', 'is', null)
          .orderBy('name')
          .limit(2000)
          .execute()
      : []
  const forms: BookingFormsData = {
    today: day,
    cancellation: detail.may.cancel ? await cancellationPreview(deps.db, actor, id, deps) : null,
    changeStarts: detail.may.change ? changeStarts(detail.booking, detail.item, day) : null,
    organisations,
    state,
  }
  return render(
    c,
    translator(bookingsText, lang)('booking_title', { ref: detail.booking.ref }),
    <BookingPage lang={lang} csrf={c.get('csrf')} detail={detail} forms={forms} />,
    status,
  )
}

bookingRoutes.get('/bookings/:id', (c) => bookingPage(c, idParam(c.req.param('id'))))

/**
 * One form of the booking's page: parse, run the action in one transaction, redirect with a flash; errors at the
 * fields (422) or the refusal in words (409) show the page again; anything else goes to the error handler.
 */
async function bookingForm<S extends z.ZodType, R>(
  c: AppContext,
  spec: {
    form: string
    fields: readonly string[]
    schema: S
    run: (trx: Trx, data: z.output<S>, id: string) => Promise<R>
    flash: (result: R) => string
  },
) {
  const id = idParam(c.req.param('id'))
  const lang = c.get('lang')
  const values: Record<string, string> = Object.fromEntries(spec.fields.map((name) => [name, formValue(c, name)]))
  const config: Record<string, string> = {}
  for (const [name, value] of Object.entries(c.get('form')))
    if (name.startsWith('config.')) {
      values[name] = Array.isArray(value) ? (value[0] ?? '') : value
      config[name.slice(7)] = values[name]!
    }
  const fieldValues = Object.fromEntries(spec.fields.map((name) => [name, values[name]]))
  const parsed = spec.schema.safeParse(spec.form === 'change' ? { ...fieldValues, config } : fieldValues)
  if (!parsed.success)
    return bookingPage(c, id, { form: spec.form, values, errors: errorsByField(fieldIssues(parsed.error, lang)) }, 422)
  try {
    const result = await inTransaction(c, (trx) => spec.run(trx, parsed.data, id))
    return redirectWithFlash(c, `/bookings/${id}`, spec.flash(result))
  } catch (error) {
    const domain = error instanceof DomainError ? error : fromDatabaseError(error)
    if (domain?.code === 'validation' && domain.fields.length > 0)
      return bookingPage(
        c,
        id,
        { form: spec.form, values, errors: errorsByField(localiseIssues(domain.fields, lang)) },
        422,
      )
    const refusal = domain ? bookingErrorText(domain.code, lang) : null
    if (!refusal) throw error
    return bookingPage(c, id, { form: spec.form, values, refusal }, 409)
  }
}

const text = (c: AppContext) => translator(bookingsText, c.get('lang'))

bookingRoutes.post('/bookings/:id/confirm', async (c) => {
  const actor = c.get('actor')
  const deps = c.get('deps')
  const requestForm = c.get('form').organisationId !== undefined
  if (requestForm)
    return bookingForm(c, {
      form: 'confirm',
      fields: ['startsOn', 'organisationId'],
      schema: confirmRequestInput,
      run: (trx, data, id) => confirmRequest(trx, actor, id, data, deps),
      flash: (b) => text(c)('confirmed_flash', { ref: b.ref, date: formatDate(b.startsOn, c.get('lang')) }),
    })
  return bookingForm(c, {
    form: 'confirm',
    fields: ['startsOn'],
    schema: confirmInput,
    run: (trx, data, id) => confirmBooking(trx, actor, id, data, deps),
    flash: (b) => text(c)('confirmed_flash', { ref: b.ref, date: formatDate(b.startsOn, c.get('lang')) }),
  })
})

bookingRoutes.post('/bookings/:id/reject', (c) =>
  bookingForm(c, {
    form: 'reject',
    fields: ['reason'],
    schema: rejectInput,
    run: (trx, data, id) => rejectBooking(trx, c.get('actor'), id, data, c.get('deps')),
    flash: (b) => text(c)('rejected_flash', { ref: b.ref }),
  }),
)

bookingRoutes.post('/bookings/:id/withdraw', (c) =>
  bookingForm(c, {
    form: 'withdraw',
    fields: [],
    schema: z.object({}),
    run: (trx, _data, id) => withdrawBooking(trx, c.get('actor'), id, c.get('deps')),
    flash: (b) => text(c)('withdrawn_flash', { ref: b.ref }),
  }),
)

bookingRoutes.post('/bookings/:id/cancel', (c) =>
  bookingForm(c, {
    form: 'cancel',
    fields: ['endsOn', 'reason'],
    schema: cancelInput,
    run: (trx, data, id) => cancelBooking(trx, c.get('actor'), id, data, c.get('deps')),
    flash: ({ booking }) =>
      text(c)('cancelled_flash', { ref: booking.ref, date: formatDate(booking.endsOn, c.get('lang')) }),
  }),
)

bookingRoutes.post('/bookings/:id/changes', (c) =>
  bookingForm(c, {
    form: 'change',
    fields: ['startsOn', 'quantity', 'acceptTerms'],
    schema: changeInput,
    run: (trx, data, id) => requestChange(trx, c.get('actor'), id, data, c.get('deps')),
    flash: (b) => text(c)('changed_flash', { ref: b.ref }),
  }),
)
