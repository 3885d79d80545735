import { Hono } from 'hono'
import { catalogOn } from '../catalog/catalog.actions.ts'
import { pick } from '../catalog/catalog.model.ts'
import type { AppContext, AppEnv } from '../platform/context.ts'
import { todayIn } from '../platform/dates.ts'
import { DomainError } from '../platform/errors.ts'
import { fieldIssues, localiseIssues } from '../platform/fields.ts'
import { translator } from '../platform/i18n.ts'
import { clientIp } from '../web/client.ts'
import { errorsByField } from '../web/components.tsx'
import { formValue, redirectWithFlash, render } from '../web/render.tsx'
import { inTransaction } from '../web/transaction.ts'
import { bookingErrorText, bookingsText } from './bookings.messages.ts'
import { requestInput } from './bookings.schema.ts'
import { requestByToken, submitRequest, withdrawRequest } from './request.actions.ts'
import { type RequestableService, RequestPage, RequestStatusPage } from './request.pages.tsx'

/** The public request of a non-member for hourly work, and the requester's status page behind its secret link. */
export const requestRoutes = new Hono<AppEnv>()

const fields = [
  'organisationName',
  'givenName',
  'familyName',
  'email',
  'phone',
  'serviceKey',
  'quantity',
  'message',
  'consent',
]

/** Hourly services of secondary areas that are orderable with a price today, at the non-member rate. */
async function requestable(c: AppContext): Promise<RequestableService[]> {
  const catalog = await catalogOn(c.get('deps').db, todayIn(c.get('deps').clock.now()))
  const lang = c.get('lang')
  return catalog.areas
    .filter((a) => a.kind === 'secondary' && a.status === 'orderable')
    .flatMap((a) =>
      a.services
        .filter((s) => s.pricing === 'hourly' && s.status === 'orderable' && s.price?.hourlyNonMemberCents != null)
        .map((s) => ({
          key: s.key,
          areaKey: a.key,
          name: pick(s.name, lang),
          rateCents: s.price?.hourlyNonMemberCents ?? 0,
        })),
    )
}

async function requestPage(
  c: AppContext,
  values: Record<string, string>,
  errors?: Record<string, string>,
  status: 200 | 422 | 429 = 200,
) {
  const lang = c.get('lang')
  const services = await requestable(c)
  const area = c.req.query('area')
  const preset = values.serviceKey ?? services.find((s) => s.areaKey === area)?.key ?? ''
  return render(
    c,
    translator(bookingsText, lang)('request_title'),
    <RequestPage
      lang={lang}
      csrf={c.get('csrf')}
      services={services}
      values={{ ...values, serviceKey: preset }}
      errors={errors}
    />,
    status,
  )
}

requestRoutes.get('/orders/request', (c) => requestPage(c, {}))

requestRoutes.post('/orders/request', async (c) => {
  const lang = c.get('lang')
  const values = Object.fromEntries(fields.map((name) => [name, formValue(c, name)]))
  const parsed = requestInput.safeParse(values)
  if (!parsed.success) return requestPage(c, values, errorsByField(fieldIssues(parsed.error, lang)), 422)
  const context = { ip: clientIp(c), userAgent: c.req.header('user-agent') ?? null, lang }
  try {
    const { booking, trackingToken } = await inTransaction(c, (trx) =>
      submitRequest(trx, parsed.data, context, c.get('deps')),
    )
    return redirectWithFlash(
      c,
      `/orders/status/${trackingToken}`,
      translator(bookingsText, lang)('requested_flash', { ref: booking.ref }),
    )
  } catch (error) {
    if (error instanceof DomainError && (error.code === 'validation' || error.code === 'rate_limited'))
      return requestPage(
        c,
        values,
        errorsByField(localiseIssues(error.fields, lang)),
        error.code === 'rate_limited' ? 429 : 422,
      )
    throw error
  }
})

/** Tracking tokens are random base64url; anything else is not found without a database lookup. */
function tokenParam(value: string | undefined): string {
  if (!value || !/^[A-Za-z0-9_-]{20,100}$/.test(value)) throw new DomainError('not_found')
  return value
}

async function statusPage(c: AppContext, token: string, refusal?: string) {
  const lang = c.get('lang')
  const status = await requestByToken(c.get('deps').db, token)
  // the link is the requester's only key: keep it out of caches and search engines
  c.header('cache-control', 'private, no-store')
  c.header('x-robots-tag', 'noindex')
  return render(
    c,
    translator(bookingsText, lang)('status_title', { ref: status.ref }),
    <RequestStatusPage lang={lang} csrf={c.get('csrf')} token={token} status={status} refusal={refusal} />,
    refusal ? 409 : 200,
  )
}

requestRoutes.get('/orders/status/:token', (c) => statusPage(c, tokenParam(c.req.param('token'))))

requestRoutes.post('/orders/status/:token/withdraw', async (c) => {
  const token = tokenParam(c.req.param('token'))
  const lang = c.get('lang')
  try {
    await inTransaction(c, (trx) => withdrawRequest(trx, token, c.get('deps')))
  } catch (error) {
    if (error instanceof DomainError && error.code === 'booking_state')
      return statusPage(c, token, bookingErrorText('booking_state', lang) ?? undefined)
    throw error
  }
  return redirectWithFlash(c, `/orders/status/${token}`, translator(bookingsText, lang)('status_withdrawn_flash'))
})
