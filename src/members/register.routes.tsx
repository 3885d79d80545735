import { Hono } from 'hono'
import type { AppContext, AppEnv } from '../platform/context.ts'
import { type PlainDate, todayIn } from '../platform/dates.ts'
import { parseDateInput } from '../platform/fields.ts'
import { translator } from '../platform/i18n.ts'
import { authorize, can } from '../platform/policy.ts'
import { statutesOn } from '../statutes/statutes.actions.ts'
import { contentDisposition, sendPdf } from '../web/downloads.ts'
import { pageParam } from '../web/params.ts'
import { redirectWithFlash, render } from '../web/render.tsx'
import { inTransaction } from '../web/transaction.ts'
import { registerList } from './documents.actions.ts'
import { memberText } from './members.messages.ts'
import { purgeExpiredRecords, registerAsOf } from './register.actions.ts'
import { RegisterPage, type RegisterTotals } from './register.pages.tsx'
import { registerCsv } from './register-csv.ts'

export const registerRoutes = new Hono<AppEnv>()

const pageSize = 100

/** The `at` parameter: today when left out, the date, or the page again with a 400 and the reason. */
function readDate(c: AppContext): { asOf: PlainDate } | { response: Response | Promise<Response> } {
  const raw = (c.req.query('at') ?? '').trim().slice(0, 40)
  if (raw === '') return { asOf: todayIn(c.get('deps').clock.now()) }
  const asOf = parseDateInput(raw)
  if (asOf) return { asOf }
  const lang = c.get('lang')
  const t = translator(memberText, lang)
  return {
    response: render(
      c,
      t('register_title'),
      <RegisterPage
        lang={lang}
        csrf={c.get('csrf')}
        at={raw}
        asOf={null}
        error={t('register_date_invalid', { value: raw })}
        includeFormer={c.req.query('former') !== '0'}
        rows={[]}
        totals={null}
        page={1}
        pages={1}
        canPurge={can(c.get('actor'), 'register.purge')}
      />,
      400,
    ),
  }
}

async function shareValueOn(c: AppContext, asOf: PlainDate): Promise<number | null> {
  try {
    return (await statutesOn(c.get('deps').db, asOf)).settings.shareValueCents
  } catch {
    return null // before the first statutes
  }
}

registerRoutes.get('/register', async (c) => {
  const actor = c.get('actor')
  authorize(actor, 'member.read_all')
  const date = readDate(c)
  if ('response' in date) return date.response
  const { asOf } = date
  const lang = c.get('lang')
  const includeFormer = c.req.query('former') !== '0'
  const rows = await registerAsOf(c.get('deps').db, actor, asOf, { includeFormer })
  const current = rows.filter((r) => r.exitOn === null)
  const shares = current.reduce((sum, r) => sum + r.shares, 0)
  const shareValueCents = await shareValueOn(c, asOf)
  const totals: RegisterTotals = {
    members: current.length,
    shares,
    capitalCents: shareValueCents === null ? null : shares * shareValueCents,
    shareValueCents,
  }
  const pages = Math.max(1, Math.ceil(rows.length / pageSize))
  const page = Math.min(pageParam(c.req.query('page')), pages)
  return render(
    c,
    translator(memberText, lang)('register_title'),
    <RegisterPage
      lang={lang}
      csrf={c.get('csrf')}
      at={asOf}
      asOf={asOf}
      error={null}
      includeFormer={includeFormer}
      rows={rows.slice((page - 1) * pageSize, page * pageSize)}
      totals={totals}
      page={page}
      pages={pages}
      canPurge={can(actor, 'register.purge')}
    />,
  )
})

registerRoutes.get('/register.csv', async (c) => {
  const actor = c.get('actor')
  authorize(actor, 'member.read_all')
  const date = readDate(c)
  if ('response' in date) return date.response
  const lang = c.get('lang')
  const rows = await registerAsOf(c.get('deps').db, actor, date.asOf, {
    includeFormer: c.req.query('former') !== '0',
  })
  const filename = `${translator(memberText, lang)('file_register', { date: date.asOf })}.csv`
  return c.body(registerCsv(date.asOf, rows, lang), 200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': contentDisposition(filename, 'attachment'),
    'cache-control': 'private, no-store',
  })
})

registerRoutes.get('/register.pdf', async (c) => {
  const actor = c.get('actor')
  authorize(actor, 'member.read_all')
  const date = readDate(c)
  if ('response' in date) return date.response
  const deps = c.get('deps')
  return sendPdf(c, await registerList(deps.db, actor, date.asOf, deps, c.get('lang')))
})

registerRoutes.post('/register/purge', async (c) => {
  const actor = c.get('actor')
  const deps = c.get('deps')
  const t = translator(memberText, c.get('lang'))
  const { purged } = await inTransaction(c, (trx) => purgeExpiredRecords(trx, actor, deps))
  return redirectWithFlash(
    c,
    '/register',
    purged.length > 0 ? t('purged', { numbers: purged.join(', ') }) : t('purged_none'),
  )
})
