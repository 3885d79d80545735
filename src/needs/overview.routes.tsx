import { Hono } from 'hono'
import type { AppContext, AppEnv } from '../platform/context.ts'
import { todayIn } from '../platform/dates.ts'
import { DomainError } from '../platform/errors.ts'
import { fieldIssues, localiseIssues } from '../platform/fields.ts'
import { translator } from '../platform/i18n.ts'
import { authorize, can } from '../platform/policy.ts'
import { type Errors, errorsByField } from '../web/components.tsx'
import { contentDisposition } from '../web/downloads.ts'
import { idParam, pageParam } from '../web/params.ts'
import { formValue, redirectWithFlash, render } from '../web/render.tsx'
import { inTransaction } from '../web/transaction.ts'
import { getQuestionnaire, listAssignees, recordFollowUp } from './follow-up.actions.ts'
import { QuestionnaireDetail } from './follow-up.pages.tsx'
import { quoteBasisOn } from './needs.catalog.ts'
import { projectQuestionnaire } from './needs.rules.ts'
import { followUpInput, type OverviewQuery, overviewQuery } from './needs.schema.ts'
import { overviewCsv, summaryCsv } from './needs-csv.ts'
import { needsOverview } from './overview.actions.ts'
import { overviewText } from './overview.messages.ts'
import { OverviewPage } from './overview.pages.tsx'

/** The founders' view (needs.read_all), its CSV files and the follow-up of one questionnaire (needs.follow_up). */
export const overviewRoutes = new Hono<AppEnv>()

const pageSize = 50

function today(c: AppContext) {
  return todayIn(c.get('deps').clock.now())
}

function readQuery(c: AppContext): OverviewQuery {
  return overviewQuery.parse({
    stage: c.req.query('stage') || undefined,
    status: c.req.query('status') || undefined,
    from: c.req.query('from') || undefined,
    to: c.req.query('to') || undefined,
    sort: c.req.query('sort') || undefined,
    dir: c.req.query('dir') || undefined,
  })
}

overviewRoutes.get('/needs/overview', async (c) => {
  const lang = c.get('lang')
  const query = readQuery(c)
  const overview = await needsOverview(c.get('deps').db, c.get('actor'), query, today(c))
  const pages = Math.max(1, Math.ceil(overview.items.length / pageSize))
  const page = Math.min(pageParam(c.req.query('page')), pages)
  c.header('cache-control', 'private, no-store')
  return render(
    c,
    translator(overviewText, lang)('title'),
    <OverviewPage
      lang={lang}
      overview={overview}
      query={query}
      items={overview.items.slice((page - 1) * pageSize, page * pageSize)}
      page={page}
      pages={pages}
    />,
  )
})

async function csv(c: AppContext, kind: 'rows' | 'summary') {
  const lang = c.get('lang')
  const overview = await needsOverview(c.get('deps').db, c.get('actor'), readQuery(c), today(c))
  const t = translator(overviewText, lang)
  const filename = `${t(kind === 'rows' ? 'file_rows' : 'file_summary', { date: overview.day })}.csv`
  return c.body(kind === 'rows' ? overviewCsv(overview, lang) : summaryCsv(overview, lang), 200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': contentDisposition(filename, 'attachment'),
    'cache-control': 'private, no-store',
  })
}

overviewRoutes.get('/needs/overview.csv', (c) => csv(c, 'rows'))
overviewRoutes.get('/needs/summary.csv', (c) => csv(c, 'summary'))

async function detailPage(
  c: AppContext,
  id: string,
  form: { values?: Record<string, string>; errors?: Errors } = {},
  status: 200 | 422 = 200,
) {
  const actor = c.get('actor')
  const db = c.get('deps').db
  const lang = c.get('lang')
  const { questionnaire: q, history } = await getQuestionnaire(db, actor, id)
  const [assignees, basis] = await Promise.all([listAssignees(db), quoteBasisOn(db, today(c))])
  c.header('cache-control', 'private, no-store')
  return render(
    c,
    translator(overviewText, lang)('detail_title', { ref: q.ref }),
    <QuestionnaireDetail
      lang={lang}
      csrf={c.get('csrf')}
      q={q}
      history={history}
      today={projectQuestionnaire(q, basis.catalog, basis.statutes.settings, basis.capitalMonths)}
      assignees={assignees}
      canFollowUp={can(actor, 'needs.follow_up')}
      canReadApplication={can(actor, 'application.read_all')}
      values={form.values}
      errors={form.errors}
    />,
    status,
  )
}

overviewRoutes.get('/needs/by-id/:id', (c) => detailPage(c, idParam(c.req.param('id'))))

overviewRoutes.post('/needs/by-id/:id/follow-ups', async (c) => {
  const id = idParam(c.req.param('id'))
  const actor = c.get('actor')
  authorize(actor, 'needs.follow_up')
  const lang = c.get('lang')
  const raw = {
    status: formValue(c, 'status'),
    note: formValue(c, 'note'),
    nextOn: formValue(c, 'nextOn'),
    assignedAccountId: formValue(c, 'assignedAccountId'),
  }
  const parsed = followUpInput.safeParse(raw)
  if (!parsed.success)
    return detailPage(c, id, { values: raw, errors: errorsByField(fieldIssues(parsed.error, lang)) }, 422)
  const deps = c.get('deps')
  try {
    const { questionnaire } = await inTransaction(c, (trx) => recordFollowUp(trx, actor, id, parsed.data, deps))
    return redirectWithFlash(
      c,
      `/needs/by-id/${id}`,
      translator(overviewText, lang)('recorded_flash', { ref: questionnaire.ref }),
    )
  } catch (error) {
    if (error instanceof DomainError && error.code === 'validation')
      return detailPage(c, id, { values: raw, errors: errorsByField(localiseIssues(error.fields, lang)) }, 422)
    throw error
  }
})
