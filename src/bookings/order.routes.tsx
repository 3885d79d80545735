import { Hono } from 'hono'
import { catalogOn } from '../catalog/catalog.actions.ts'
import type { Executor } from '../db/db.ts'
import type { Actor } from '../platform/actor.ts'
import type { AppContext, AppEnv } from '../platform/context.ts'
import { todayIn } from '../platform/dates.ts'
import { DomainError } from '../platform/errors.ts'
import { fieldIssues, localiseIssues } from '../platform/fields.ts'
import { translator } from '../platform/i18n.ts'
import { can, organisationScope } from '../platform/policy.ts'
import { clientIp } from '../web/client.ts'
import { errorsByField } from '../web/components.tsx'
import { formValue, redirectWithFlash, render } from '../web/render.tsx'
import { inTransaction } from '../web/transaction.ts'
import { bookingErrorText, bookingsText } from './bookings.messages.ts'
import { QueuePage } from './bookings.pages.tsx'
import { mayDecide } from './bookings.policy.ts'
import { orderInput, recordInput } from './bookings.schema.ts'
import { assessOrder, type OrderAssessment, placeOrder, recordBooking } from './order.actions.ts'
import { OrderPage } from './order.pages.tsx'
import { listBookings, providerOrganisationsOf } from './read.actions.ts'

/** Ordering (/orders/new), staff recording a running contract (/orders/record) and the staff queue (/orders). */
export const orderRoutes = new Hono<AppEnv>()

const orderFields = [
  'organisationId',
  'areaKey',
  'serviceKey',
  'quantity',
  'startsOn',
  'description',
  'acceptTerms',
  'declareShares',
  'note',
]

function today(c: AppContext) {
  return todayIn(c.get('deps').clock.now())
}

/** The organisations the actor may order for: every one for staff and the board, else those it speaks for. */
async function orderingFor(db: Executor, actor: Actor): Promise<Array<{ id: string; name: string }>> {
  const scope = organisationScope(actor, 'booking.order')
  if (scope !== 'all' && scope.length === 0) return []
  let query = db.selectFrom('organisation').select(['id', 'name']).where('archived_at', 'is', null)
  if (scope !== 'all') query = query.where('id', 'in', scope)
  return query.orderBy('name').limit(2000).execute()
}

/** The posted (or linked) values, configuration fields gathered into `config`. */
function orderValues(c: AppContext, source: 'form' | 'query'): Record<string, string> {
  const values: Record<string, string> = {}
  if (source === 'query') {
    for (const [key, value] of Object.entries(c.req.query()))
      if (key === 'area' || key === 'service' || key === 'organisation' || key.startsWith('config.'))
        values[key] = value
    return {
      ...values,
      areaKey: values.area ?? '',
      serviceKey: values.service ?? '',
      organisationId: values.organisation ?? '',
    }
  }
  for (const name of orderFields) values[name] = formValue(c, name)
  for (const [name, value] of Object.entries(c.get('form')))
    if (name.startsWith('config.')) values[name] = Array.isArray(value) ? (value[0] ?? '') : value
  return values
}

function inputOf(values: Record<string, string>) {
  const config: Record<string, string> = {}
  for (const [key, value] of Object.entries(values)) if (key.startsWith('config.')) config[key.slice(7)] = value
  return {
    organisationId: values.organisationId,
    areaKey: values.areaKey,
    serviceKey: values.serviceKey,
    quantity: values.quantity || '1',
    startsOn: values.startsOn,
    description: values.description ?? '',
    config,
    acceptTerms: values.acceptTerms,
    declareShares: values.declareShares,
  }
}

async function orderPage(
  c: AppContext,
  mode: 'order' | 'record',
  values: Record<string, string>,
  options: {
    errors?: Record<string, string>
    refusal?: string
    status?: 200 | 409 | 422 | 429
    /** A preview: what the order would be refused for is told at the fields (consents are asked at the end). */
    preview?: 'first' | 'again'
  } = {},
) {
  const deps = c.get('deps')
  const actor = c.get('actor')
  const lang = c.get('lang')
  const day = today(c)
  const [organisations, catalog] = await Promise.all([orderingFor(deps.db, actor), catalogOn(deps.db, day)])
  const areas = catalog.areas.filter((a) => a.status === 'orderable')
  const area = areas.find((a) => a.key === values.areaKey) ?? null
  const services = area ? area.services.filter((s) => s.pricing !== 'included' && s.status === 'orderable') : []
  const filled = {
    ...values,
    organisationId: values.organisationId || organisations[0]?.id || '',
    startsOn: values.startsOn || day,
    serviceKey: values.serviceKey ?? (area?.kind === 'secondary' ? (services[0]?.key ?? '') : ''),
  }
  if (area?.kind === 'secondary' && !filled.serviceKey) filled.serviceKey = services[0]?.key ?? ''
  let assessment: OrderAssessment | null = null
  const parsed = orderInput.safeParse({ ...inputOf(filled), acceptTerms: 'on' })
  if (area && filled.organisationId && parsed.success) {
    try {
      assessment = await assessOrder(deps.db, parsed.data, day, lang, { record: mode === 'record' })
      const asked = ['acceptTerms', 'declareShares']
      const shown = assessment.issues.filter(
        (i) => !asked.includes(i.path) && (options.preview === 'again' || !i.path.startsWith('config.')),
      )
      if (options.preview && !options.errors && shown.length > 0)
        options.errors = errorsByField(localiseIssues(shown, lang))
    } catch (error) {
      // an unknown organisation or item: the form says so at its field
      if (!(error instanceof DomainError && error.code === 'validation')) throw error
      options.errors ??= errorsByField(localiseIssues(error.fields, lang))
    }
  }
  const t = translator(bookingsText, lang)
  return render(
    c,
    mode === 'record' ? t('record_title') : t('order_title'),
    <OrderPage
      lang={lang}
      csrf={c.get('csrf')}
      today={day}
      mode={mode}
      organisations={organisations}
      areas={areas}
      area={area}
      services={services}
      values={filled}
      assessment={assessment}
      errors={options.errors}
      refusal={options.refusal}
    />,
    options.status ?? 200,
  )
}

function requireOrdering(c: AppContext) {
  const actor = c.get('actor')
  if (actor.kind === 'anonymous') throw new DomainError('unauthenticated')
}

function requireRecording(c: AppContext) {
  const actor = c.get('actor')
  if (actor.kind === 'anonymous') throw new DomainError('unauthenticated')
  if (!can(actor, 'booking.decide') || !can(actor, 'booking.order')) throw new DomainError('forbidden')
}

/** A refused order back on the form: the fields' messages, or the refusal in words. */
async function failed(c: AppContext, mode: 'order' | 'record', values: Record<string, string>, error: unknown) {
  const lang = c.get('lang')
  if (
    error instanceof DomainError &&
    (error.code === 'validation' || error.code === 'rate_limited') &&
    error.fields.length > 0
  )
    return orderPage(c, mode, values, { errors: errorsByField(localiseIssues(error.fields, lang)), status: 422 })
  const refusal = error instanceof DomainError ? bookingErrorText(error.code, lang) : null
  if (!refusal) throw error
  return orderPage(c, mode, values, { refusal, status: 409 })
}

orderRoutes.get('/orders/new', async (c) => {
  requireOrdering(c)
  return orderPage(c, 'order', orderValues(c, 'query'), { preview: 'first' })
})

orderRoutes.post('/orders', async (c) => {
  requireOrdering(c)
  const lang = c.get('lang')
  const values = orderValues(c, 'form')
  if (formValue(c, '_action') === 'preview') return orderPage(c, 'order', values, { preview: 'again' })
  const parsed = orderInput.safeParse(inputOf(values))
  if (!parsed.success)
    return orderPage(c, 'order', values, { errors: errorsByField(fieldIssues(parsed.error, lang)), status: 422 })
  const actor = c.get('actor')
  const deps = c.get('deps')
  const context = { ip: clientIp(c), userAgent: c.req.header('user-agent') ?? null, lang }
  try {
    const { booking, shareApplication } = await inTransaction(c, (trx) =>
      placeOrder(trx, actor, parsed.data, context, deps),
    )
    const t = translator(bookingsText, lang)
    return redirectWithFlash(
      c,
      `/bookings/${booking.id}`,
      shareApplication
        ? t('ordered_flash_shares', { ref: booking.ref, application: shareApplication.ref })
        : t('ordered_flash', { ref: booking.ref }),
    )
  } catch (error) {
    return failed(c, 'order', values, error)
  }
})

orderRoutes.get('/orders/record', async (c) => {
  requireRecording(c)
  return orderPage(c, 'record', orderValues(c, 'query'), { preview: 'first' })
})

orderRoutes.post('/orders/record', async (c) => {
  requireRecording(c)
  const lang = c.get('lang')
  const values = orderValues(c, 'form')
  if (formValue(c, '_action') === 'preview') return orderPage(c, 'record', values, { preview: 'again' })
  const { acceptTerms: _a, declareShares: _d, description: _s, ...rest } = inputOf(values)
  const parsed = recordInput.safeParse({ ...rest, note: values.note ?? '' })
  if (!parsed.success)
    return orderPage(c, 'record', values, { errors: errorsByField(fieldIssues(parsed.error, lang)), status: 422 })
  const actor = c.get('actor')
  const deps = c.get('deps')
  try {
    const booking = await inTransaction(c, (trx) => recordBooking(trx, actor, parsed.data, deps))
    return redirectWithFlash(
      c,
      `/bookings/${booking.id}`,
      translator(bookingsText, lang)('record_flash', { ref: booking.ref }),
    )
  } catch (error) {
    return failed(c, 'record', values, error)
  }
})

/** The staff queue: orders and changes waiting for a decision (a partner's admins see their provider's). */
orderRoutes.get('/orders', async (c) => {
  const actor = c.get('actor')
  if (actor.kind === 'anonymous') throw new DomainError('unauthenticated')
  const deps = c.get('deps')
  if (!can(actor, 'booking.decide') && (await providerOrganisationsOf(deps.db, actor)).length === 0)
    throw new DomainError('forbidden')
  const lang = c.get('lang')
  const items = (await listBookings(deps.db, actor, { today: today(c), queue: true })).filter((b) =>
    mayDecide(actor, { organisation_id: b.providerOrganisationId }),
  )
  return render(
    c,
    translator(bookingsText, lang)('queue_title'),
    <QueuePage lang={lang} items={items} mayRecord={can(actor, 'booking.decide')} />,
  )
})
