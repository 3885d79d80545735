import type { z } from '@hono/zod-openapi'
import { Hono } from 'hono'
import { type CatalogStatus, catalogStatuses } from '../db/schema-catalog.ts'
import type { Actor } from '../platform/actor.ts'
import type { AppContext, AppEnv } from '../platform/context.ts'
import { todayIn } from '../platform/dates.ts'
import { DomainError, type FieldIssue } from '../platform/errors.ts'
import { fieldIssues, localiseIssues } from '../platform/fields.ts'
import { can } from '../platform/policy.ts'
import { type Errors, errorsByField } from '../web/components.tsx'
import { formValue, redirectWithFlash, render } from '../web/render.tsx'
import { inTransaction } from '../web/transaction.ts'
import { AreaFormPage } from './area-form.pages.tsx'
import { areaFields, areaForEdit, createArea, updateArea } from './areas.actions.ts'
import { catalogOn } from './catalog.actions.ts'
import { catalogT } from './catalog.messages.ts'
import { pick } from './catalog.model.ts'
import { mayManageProvider } from './catalog.policy.ts'
import { areaInput, areaUpdate, serviceInput, serviceUpdate } from './catalog.schema.ts'
import {
  areaFromForm,
  areaToForm,
  configRowCount,
  type FormValues,
  serviceFromForm,
  serviceToForm,
  toFormIssues,
} from './catalog-forms.ts'
import { manageT } from './manage.messages.ts'
import { ManagePage, type RowProblem } from './manage.pages.tsx'
import { managedProviders } from './providers.actions.ts'
import { ServiceFormPage } from './service-form.pages.tsx'
import { createService, serviceFields, serviceForEdit, updateService } from './services.actions.ts'
import { setCatalogStatus } from './status.actions.ts'

/** Staff's management of areas and services, and a partner provider's management of its own entries. */
export const manageRoutes = new Hono<AppEnv>()

function signedIn(c: AppContext): Actor {
  const actor = c.get('actor')
  if (actor.kind !== 'account') throw new DomainError('unauthenticated')
  return actor
}

/** The providers the actor may file entries under; none means the management is not theirs. */
async function providersFor(c: AppContext) {
  const actor = signedIn(c)
  const providers = (await managedProviders(c.get('deps').db, actor)).filter((p) => !p.archived)
  if (providers.length === 0) throw new DomainError('forbidden', 'catalog.manage')
  return providers.map((p) => ({ id: p.id, key: p.key, name: p.name }))
}

function readForm(c: AppContext): FormValues {
  const out: FormValues = {}
  for (const [name, value] of Object.entries(c.get('form'))) if (name !== '_csrf') out[name] = value
  return out
}

function issuesOf(error: z.ZodError, c: AppContext, form: FormValues): Errors {
  return errorsByField(toFormIssues(fieldIssues(error, c.get('lang')), form))
}

function domainIssues(error: unknown, c: AppContext, form: FormValues): Errors | null {
  if (!(error instanceof DomainError) || error.code !== 'validation') return null
  const issues: FieldIssue[] = localiseIssues(error.fields, c.get('lang'))
  return errorsByField(toFormIssues(issues, form))
}

async function managePage(c: AppContext, problem?: RowProblem) {
  const actor = signedIn(c)
  const db = c.get('deps').db
  const providers = await managedProviders(db, actor)
  const staff = can(actor, 'catalog.manage')
  if (!staff && providers.length === 0) throw new DomainError('forbidden', 'catalog.manage')
  const ids = new Set(providers.map((p) => p.id))
  const snapshot = await catalogOn(db, todayIn(c.get('deps').clock.now()))
  const areas = staff
    ? snapshot.areas
    : snapshot.areas
        .filter((a) => ids.has(a.providerId) || a.services.some((s) => ids.has(s.providerId)))
        .map((a) => (ids.has(a.providerId) ? a : { ...a, services: a.services.filter((s) => ids.has(s.providerId)) }))
  const lang = c.get('lang')
  const t = manageT(lang)
  return render(
    c,
    staff ? t('manage_title') : t('own_title'),
    <ManagePage
      lang={lang}
      csrf={c.get('csrf')}
      staff={staff}
      providerNames={providers.map((p) => p.name)}
      areas={areas}
      mayManage={(id) => staff || ids.has(id)}
      problem={problem}
    />,
    problem ? 422 : 200,
  )
}

manageRoutes.get('/catalog/manage', (c) => managePage(c))

/** Status buttons: orderable needs a price; the refusal is shown at the entry's row. */
async function changeStatus(c: AppContext, kind: 'area' | 'service') {
  const actor = signedIn(c)
  const key = c.req.param('key') ?? ''
  const status = formValue(c, 'status') as CatalogStatus
  const lang = c.get('lang')
  const t = manageT(lang)
  const snapshot = await catalogOn(c.get('deps').db, todayIn(c.get('deps').clock.now()))
  const entry =
    kind === 'area'
      ? snapshot.areas.find((a) => a.key === key)
      : snapshot.areas.flatMap((a) => a.services).find((s) => s.key === key)
  if (!entry) throw new DomainError('not_found')
  if (!mayManageProvider(actor, { organisation_id: entry.provider.organisationId }))
    throw new DomainError('forbidden', 'catalog.manage')
  const name = pick(entry.name, lang)
  if (!(catalogStatuses as readonly string[]).includes(status))
    return managePage(c, { subject: `${kind}:${key}`, message: t('status_refused', { name, message: '—' }) })
  try {
    await inTransaction(c, (trx) =>
      setCatalogStatus(
        trx,
        actor,
        kind === 'area' ? { areaKey: key, status } : { serviceKey: key, status },
        c.get('deps'),
      ),
    )
  } catch (error) {
    if (error instanceof DomainError && error.code === 'validation') {
      const message = localiseIssues(error.fields, lang)
        .map((i) => i.message)
        .join(' ')
      return managePage(c, { subject: `${kind}:${key}`, message: t('status_refused', { name, message }) })
    }
    throw error
  }
  return redirectWithFlash(
    c,
    '/catalog/manage',
    t('status_changed', { name, status: catalogT(lang)(`status_${status}`) }),
  )
}

manageRoutes.post('/catalog/areas/:key/status', (c) => changeStatus(c, 'area'))
manageRoutes.post('/catalog/services/:key/status', (c) => changeStatus(c, 'service'))

// ——— areas ———

async function areaForm(
  c: AppContext,
  mode: { kind: 'new' } | { kind: 'edit'; key: string; name: string },
  values: FormValues,
  rows: number,
  errors?: Errors,
) {
  const lang = c.get('lang')
  const t = manageT(lang)
  return render(
    c,
    mode.kind === 'new' ? t('area_new_title') : t('area_edit_title', { name: mode.name }),
    <AreaFormPage
      lang={lang}
      csrf={c.get('csrf')}
      mode={mode}
      values={values}
      providers={await providersFor(c)}
      rows={rows}
      errors={errors}
    />,
    errors ? 422 : 200,
  )
}

manageRoutes.get('/catalog/areas/new', async (c) => {
  const providers = await providersFor(c)
  const values: FormValues = {
    kind: 'primary',
    providerKey: providers[0]!.key,
    position: '0',
    'terms.noticeDays': '30',
    'terms.termEnd': 'month',
    'terms.minimumTermMonths': '0',
    key: '',
  }
  return areaForm(c, { kind: 'new' }, values, configRowCount(0))
})

manageRoutes.post('/catalog/areas', async (c) => {
  const actor = signedIn(c)
  await providersFor(c)
  const form = readForm(c)
  form.key ??= ''
  form.kind ??= ''
  const rows = configRowCount(0, form)
  const parsed = areaInput.safeParse(areaFromForm(form))
  if (!parsed.success) return areaForm(c, { kind: 'new' }, form, rows, issuesOf(parsed.error, c, form))
  try {
    const area = await inTransaction(c, (trx) => createArea(trx, actor, parsed.data, c.get('deps')))
    return redirectWithFlash(
      c,
      '/catalog/manage',
      manageT(c.get('lang'))('area_created', { name: pick(area.name, c.get('lang')) }),
    )
  } catch (error) {
    const errors = domainIssues(error, c, form)
    if (errors) return areaForm(c, { kind: 'new' }, form, rows, errors)
    throw error
  }
})

manageRoutes.get('/catalog/areas/:key/edit', async (c) => {
  const { area, providerKey } = await areaForEdit(c.get('deps').db, signedIn(c), c.req.param('key'))
  const rows = configRowCount(area.configFields.length)
  const values = areaToForm(areaFields(area, providerKey), rows)
  return areaForm(c, { kind: 'edit', key: area.key, name: pick(area.name, c.get('lang')) }, values, rows)
})

manageRoutes.post('/catalog/areas/:key', async (c) => {
  const actor = signedIn(c)
  const { area } = await areaForEdit(c.get('deps').db, actor, c.req.param('key'))
  const form = readForm(c)
  const mode = { kind: 'edit' as const, key: area.key, name: pick(area.name, c.get('lang')) }
  const rows = configRowCount(area.configFields.length, form)
  const parsed = areaUpdate.safeParse(areaFromForm(form))
  if (!parsed.success) return areaForm(c, mode, form, rows, issuesOf(parsed.error, c, form))
  try {
    const saved = await inTransaction(c, (trx) => updateArea(trx, actor, area.key, parsed.data, c.get('deps')))
    return redirectWithFlash(
      c,
      '/catalog/manage',
      manageT(c.get('lang'))('area_saved', { name: pick(saved.name, c.get('lang')) }),
    )
  } catch (error) {
    const errors = domainIssues(error, c, form)
    if (errors) return areaForm(c, mode, form, rows, errors)
    throw error
  }
})

// ——— services ———

async function serviceForm(
  c: AppContext,
  mode: { kind: 'new'; areaKey: string; areaName: string } | { kind: 'edit'; key: string; name: string },
  values: FormValues,
  errors?: Errors,
) {
  const lang = c.get('lang')
  const t = manageT(lang)
  return render(
    c,
    mode.kind === 'new'
      ? t('service_new_title', { area: mode.areaName })
      : t('service_edit_title', { name: mode.name }),
    <ServiceFormPage
      lang={lang}
      csrf={c.get('csrf')}
      mode={mode}
      values={values}
      providers={await providersFor(c)}
      errors={errors}
    />,
    errors ? 422 : 200,
  )
}

/** The area a new service goes into: one the actor may manage. */
async function targetArea(c: AppContext, key: string) {
  const { area, providerKey } = await areaForEdit(c.get('deps').db, signedIn(c), key)
  return { key: area.key, kind: area.kind, name: pick(area.name, c.get('lang')), providerKey }
}

manageRoutes.get('/catalog/services/new', async (c) => {
  await providersFor(c)
  // a new service belongs in an area: without one, choose it in the overview
  if (!c.req.query('area')) return c.redirect('/catalog/manage', 303)
  const area = await targetArea(c, c.req.query('area') ?? '')
  const values: FormValues = {
    key: '',
    pricing: area.kind === 'primary' ? 'included' : 'hourly',
    providerKey: area.providerKey,
    position: '0',
    status: 'planned',
    sso: 'none',
  }
  return serviceForm(c, { kind: 'new', areaKey: area.key, areaName: area.name }, values)
})

manageRoutes.post('/catalog/services', async (c) => {
  const actor = signedIn(c)
  await providersFor(c)
  const form = readForm(c)
  form.key ??= ''
  form.pricing ??= ''
  const area = await targetArea(c, formValue(c, 'areaKey'))
  const mode = { kind: 'new' as const, areaKey: area.key, areaName: area.name }
  const status = formValue(c, 'status') as CatalogStatus
  const parsed = serviceInput.safeParse({ ...serviceFromForm(form), areaKey: area.key })
  if (!parsed.success) return serviceForm(c, mode, form, issuesOf(parsed.error, c, form))
  try {
    const service = await inTransaction(c, (trx) =>
      createService(
        trx,
        actor,
        { ...parsed.data, status: catalogStatuses.includes(status) ? status : undefined },
        c.get('deps'),
      ),
    )
    return redirectWithFlash(
      c,
      '/catalog/manage',
      manageT(c.get('lang'))('service_created', { name: pick(service.name, c.get('lang')) }),
    )
  } catch (error) {
    const errors = domainIssues(error, c, form)
    if (errors) return serviceForm(c, mode, form, errors)
    throw error
  }
})

manageRoutes.get('/catalog/services/:key/edit', async (c) => {
  const { service, providerKey } = await serviceForEdit(c.get('deps').db, signedIn(c), c.req.param('key'))
  const values = { ...serviceToForm(serviceFields(service, providerKey)), status: service.status }
  return serviceForm(c, { kind: 'edit', key: service.key, name: pick(service.name, c.get('lang')) }, values)
})

manageRoutes.post('/catalog/services/:key', async (c) => {
  const actor = signedIn(c)
  const { service } = await serviceForEdit(c.get('deps').db, actor, c.req.param('key'))
  const form = readForm(c)
  const mode = { kind: 'edit' as const, key: service.key, name: pick(service.name, c.get('lang')) }
  const status = formValue(c, 'status') as CatalogStatus
  const parsed = serviceUpdate.safeParse(serviceFromForm(form))
  if (!parsed.success) return serviceForm(c, mode, form, issuesOf(parsed.error, c, form))
  try {
    const saved = await inTransaction(c, (trx) =>
      updateService(
        trx,
        actor,
        service.key,
        { ...parsed.data, status: catalogStatuses.includes(status) ? status : undefined },
        c.get('deps'),
      ),
    )
    return redirectWithFlash(
      c,
      '/catalog/manage',
      manageT(c.get('lang'))('service_saved', { name: pick(saved.name, c.get('lang')) }),
    )
  } catch (error) {
    const errors = domainIssues(error, c, form)
    if (errors) return serviceForm(c, mode, form, errors)
    throw error
  }
})
