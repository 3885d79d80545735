import { Hono } from 'hono'
import type { AppContext, AppEnv } from '../platform/context.ts'
import { addDays, todayIn } from '../platform/dates.ts'
import { DomainError } from '../platform/errors.ts'
import { fieldIssues, localiseIssues } from '../platform/fields.ts'
import { formatDate, translator } from '../platform/i18n.ts'
import { can } from '../platform/policy.ts'
import { type Errors, errorsByField } from '../web/components.tsx'
import { idParam } from '../web/params.ts'
import { redirectWithFlash, render } from '../web/render.tsx'
import { inTransaction } from '../web/transaction.ts'
import { adoptStatutes, listStatutes } from './statutes.actions.ts'
import { statutesText } from './statutes.messages.ts'
import { StatutesFormPage, StatutesPage, StatutesVersionPage } from './statutes.pages.tsx'
import { versionInForce } from './statutes.rules.ts'
import { parseStatutesForm, type StatutesForm, statutesFormValues, tierRowCount } from './statutes.schema.ts'

export const statutesRoutes = new Hono<AppEnv>()

function today(c: AppContext) {
  return todayIn(c.get('deps').clock.now())
}

async function versions(c: AppContext) {
  const all = await listStatutes(c.get('deps').db)
  const current = versionInForce(all, today(c))
  return { all, current }
}

function requireManager(c: AppContext) {
  const actor = c.get('actor')
  if (actor.kind !== 'account') throw new DomainError('unauthenticated')
  if (!can(actor, 'statutes.manage')) throw new DomainError('forbidden')
}

/** Every field of the posted form as text (the form sends single values only). */
function readForm(c: AppContext): StatutesForm {
  const out: StatutesForm = {}
  for (const [name, value] of Object.entries(c.get('form'))) {
    if (name === '_csrf') continue
    out[name] = Array.isArray(value) ? (value[0] ?? '') : value
  }
  return out
}

async function formPage(c: AppContext, values: StatutesForm, errors?: Errors, status: 200 | 422 = 200) {
  const { current } = await versions(c)
  if (!current) throw new DomainError('not_found')
  const lang = c.get('lang')
  return render(
    c,
    translator(statutesText, lang)('new_title'),
    <StatutesFormPage
      lang={lang}
      csrf={c.get('csrf')}
      values={values}
      rows={tierRowCount(current.settings, values)}
      errors={errors}
    />,
    status,
  )
}

statutesRoutes.get('/statutes', async (c) => {
  const { all, current } = await versions(c)
  if (!current) throw new DomainError('not_found')
  const lang = c.get('lang')
  return render(
    c,
    translator(statutesText, lang)('title'),
    <StatutesPage
      lang={lang}
      current={current}
      versions={all}
      today={today(c)}
      canManage={can(c.get('actor'), 'statutes.manage')}
    />,
  )
})

statutesRoutes.get('/statutes/new', async (c) => {
  requireManager(c)
  const { current } = await versions(c)
  if (!current) throw new DomainError('not_found')
  const values = {
    ...statutesFormValues(current.settings, tierRowCount(current.settings)),
    validFrom: addDays(today(c), 1),
    note: '',
  }
  return formPage(c, values)
})

statutesRoutes.get('/statutes/:id', async (c) => {
  const id = idParam(c.req.param('id'))
  const { all, current } = await versions(c)
  const version = all.find((v) => v.id === id)
  if (!version) throw new DomainError('not_found')
  const lang = c.get('lang')
  return render(
    c,
    translator(statutesText, lang)('version_title', { date: formatDate(version.validFrom, lang) }),
    <StatutesVersionPage lang={lang} version={version} current={current} today={today(c)} />,
  )
})

statutesRoutes.post('/statutes', async (c) => {
  requireManager(c)
  const lang = c.get('lang')
  const raw = readForm(c)
  const parsed = parseStatutesForm(raw)
  if (!parsed.success) return formPage(c, raw, errorsByField(fieldIssues(parsed.error, lang)), 422)
  const deps = c.get('deps')
  const actor = c.get('actor')
  try {
    const version = await inTransaction(c, (trx) => adoptStatutes(trx, actor, parsed.data, deps))
    return redirectWithFlash(
      c,
      `/statutes/${version.id}`,
      translator(statutesText, lang)('adopted_flash', { date: formatDate(version.validFrom, lang) }),
    )
  } catch (error) {
    if (error instanceof DomainError && error.code === 'validation')
      return formPage(c, raw, errorsByField(localiseIssues(error.fields, lang)), 422)
    throw error
  }
})
