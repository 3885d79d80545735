import { Hono } from 'hono'
import { cooperativeInfo } from '../members/cooperative.ts'
import type { AppContext, AppEnv } from '../platform/context.ts'
import { todayIn } from '../platform/dates.ts'
import { DomainError } from '../platform/errors.ts'
import { fieldIssues, localiseIssues } from '../platform/fields.ts'
import { translator } from '../platform/i18n.ts'
import { clientIp } from '../web/client.ts'
import { type Errors, errorsByField } from '../web/components.tsx'
import { contentDisposition } from '../web/downloads.ts'
import { render } from '../web/render.tsx'
import { inTransaction } from '../web/transaction.ts'
import {
  confirmSubscription,
  exportSubscribers,
  interestStats,
  pendingByConfirmToken,
  signUp,
  subscriptionByUnsubscribeToken,
  unsubscribe,
} from './interest.actions.ts'
import { interestText } from './interest.messages.ts'
import { InterestManagePage, InterestPage, OneButtonPage } from './interest.pages.tsx'
import { confirmWindowDays, listmonkCsv, signupsPerMonth } from './interest.rules.ts'
import { interestInput } from './interest.schema.ts'

/**
 * The interest list: the public sign-up with double opt-in, the confirm and unsubscribe links (each a page with
 * one button; the unsubscribe POST also comes from mail clients without cookie or CSRF token, RFC 8058), and
 * the staff overview with the export.
 */
export const interestRoutes = new Hono<AppEnv>()

const fields = ['email', 'name', 'organisation', 'consent'] as const

function readForm(c: AppContext): Record<string, string> {
  const form = c.get('form')
  const out: Record<string, string> = {}
  for (const name of fields) {
    const value = form[name]
    if (value !== undefined) out[name] = Array.isArray(value) ? (value[0] ?? '') : value
  }
  return out
}

async function formPage(c: AppContext, values: Record<string, string>, errors?: Errors, status: 200 | 422 | 429 = 200) {
  const lang = c.get('lang')
  return render(
    c,
    translator(interestText, lang)('title'),
    <InterestPage
      lang={lang}
      csrf={c.get('csrf')}
      cooperative={(await cooperativeInfo(c.get('deps').db)).name}
      values={values}
      errors={errors}
    />,
    status,
  )
}

/** Links from mails are keys: kept out of caches and search engines. */
function private_(c: AppContext) {
  c.header('cache-control', 'private, no-store')
  c.header('x-robots-tag', 'noindex')
}

function tokenParam(value: string | undefined): string | null {
  return value && /^[A-Za-z0-9_-]{20,100}$/.test(value) ? value : null
}

function page(c: AppContext, options: Parameters<typeof OneButtonPage>[0], status: 200 | 400 | 404 = 200) {
  return render(c, options.title, <OneButtonPage {...options} />, status)
}

interestRoutes.get('/interest', (c) => formPage(c, {}))

interestRoutes.post('/interest', async (c) => {
  const lang = c.get('lang')
  const raw = readForm(c)
  const parsed = interestInput.safeParse(raw)
  if (!parsed.success) return formPage(c, raw, errorsByField(fieldIssues(parsed.error, lang)), 422)
  const deps = c.get('deps')
  try {
    await inTransaction(c, (trx) =>
      signUp(trx, parsed.data, { ip: clientIp(c), userAgent: c.req.header('user-agent') ?? null, lang }, deps),
    )
  } catch (error) {
    if (error instanceof DomainError && (error.code === 'validation' || error.code === 'rate_limited'))
      return formPage(
        c,
        raw,
        errorsByField(localiseIssues(error.fields, lang)),
        error.code === 'rate_limited' ? 429 : 422,
      )
    throw error
  }
  return c.redirect('/interest/sent', 303)
})

interestRoutes.get('/interest/sent', (c) => {
  const t = translator(interestText, c.get('lang'))
  return page(c, { csrf: c.get('csrf'), title: t('sent_title'), text: t('sent_text', { days: confirmWindowDays }) })
})

function confirmInvalid(c: AppContext) {
  const t = translator(interestText, c.get('lang'))
  return page(c, { csrf: c.get('csrf'), title: t('confirm_invalid_title'), text: t('confirm_invalid') }, 404)
}

/** Following the link only shows the button: a mail scanner that opens links confirms nothing. */
interestRoutes.get('/interest/confirm/:token', async (c) => {
  private_(c)
  const token = tokenParam(c.req.param('token'))
  const deps = c.get('deps')
  const pending = token ? await pendingByConfirmToken(deps.db, token, deps.clock.now()) : null
  if (!token || !pending) return confirmInvalid(c)
  const t = translator(interestText, c.get('lang'))
  return page(c, {
    csrf: c.get('csrf'),
    title: t('confirm_title'),
    text: t('confirm_text', { email: pending.email }),
    action: `/interest/confirm/${token}`,
    button: t('confirm_button'),
  })
})

interestRoutes.post('/interest/confirm/:token', async (c) => {
  private_(c)
  const token = tokenParam(c.req.param('token'))
  if (!token) return confirmInvalid(c)
  const deps = c.get('deps')
  try {
    await inTransaction(c, (trx) => confirmSubscription(trx, token, { ip: clientIp(c) }, deps))
  } catch (error) {
    if (error instanceof DomainError && error.code === 'token_invalid') return confirmInvalid(c)
    throw error
  }
  const t = translator(interestText, c.get('lang'))
  return page(c, { csrf: c.get('csrf'), title: t('confirmed_title'), text: t('confirmed_text') })
})

function unsubscribeInvalid(c: AppContext) {
  const t = translator(interestText, c.get('lang'))
  return page(c, { csrf: c.get('csrf'), title: t('unsubscribe_title'), text: t('unsubscribe_invalid') }, 404)
}

interestRoutes.get('/interest/unsubscribe/:token', async (c) => {
  private_(c)
  const token = tokenParam(c.req.param('token'))
  const found = token ? await subscriptionByUnsubscribeToken(c.get('deps').db, token) : null
  if (!token || !found) return unsubscribeInvalid(c)
  const t = translator(interestText, c.get('lang'))
  if (found.status === 'unsubscribed')
    return page(c, { csrf: c.get('csrf'), title: t('unsubscribed_title'), text: t('unsubscribed_text') })
  return page(c, {
    csrf: c.get('csrf'),
    title: t('unsubscribe_title'),
    text: t('unsubscribe_text', { email: found.email }),
    action: `/interest/unsubscribe/${token}`,
    button: t('unsubscribe_button'),
  })
})

/**
 * One click: from the page (with CSRF) or straight from a mail client (RFC 8058: `List-Unsubscribe=One-Click`,
 * no cookie, no CSRF token – the middleware exempts exactly this path; the secret token authorises it).
 */
interestRoutes.post('/interest/unsubscribe/:token', async (c) => {
  private_(c)
  const token = tokenParam(c.req.param('token'))
  if (!token) return unsubscribeInvalid(c)
  const deps = c.get('deps')
  try {
    await inTransaction(c, (trx) => unsubscribe(trx, token, deps))
  } catch (error) {
    if (error instanceof DomainError && error.code === 'not_found') return unsubscribeInvalid(c)
    throw error
  }
  const t = translator(interestText, c.get('lang'))
  return page(c, { csrf: c.get('csrf'), title: t('unsubscribed_title'), text: t('unsubscribed_text') })
})

interestRoutes.get('/interest/manage', async (c) => {
  const deps = c.get('deps')
  const lang = c.get('lang')
  const now = deps.clock.now()
  const stats = await interestStats(deps.db, c.get('actor'), now)
  return render(
    c,
    translator(interestText, lang)('manage_title'),
    <InterestManagePage lang={lang} counts={stats} months={signupsPerMonth(stats.confirmedMonths, todayIn(now))} />,
  )
})

/** The confirmed subscribers for listmonk's import; the export is journaled in the same transaction. */
interestRoutes.get('/interest/export.csv', async (c) => {
  const deps = c.get('deps')
  const actor = c.get('actor')
  const lang = c.get('lang')
  const { items } = await inTransaction(c, (trx) =>
    exportSubscribers(trx, actor, { page: 1, pageSize: 1_000_000, form: 'csv' }, deps),
  )
  const filename = `${translator(interestText, lang)('file_export', { date: todayIn(deps.clock.now()) })}.csv`
  return c.body(listmonkCsv(items), 200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': contentDisposition(filename, 'attachment'),
    'cache-control': 'private, no-store',
  })
})
