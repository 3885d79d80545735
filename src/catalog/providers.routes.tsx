import { Hono } from 'hono'
import type { AppContext, AppEnv } from '../platform/context.ts'
import { DomainError } from '../platform/errors.ts'
import { fieldIssues, localiseIssues } from '../platform/fields.ts'
import { authorize } from '../platform/policy.ts'
import { type Errors, errorsByField } from '../web/components.tsx'
import { redirectWithFlash, render } from '../web/render.tsx'
import { inTransaction } from '../web/transaction.ts'
import { providerInput } from './catalog.schema.ts'
import type { FormValues } from './catalog-forms.ts'
import { pricesT } from './prices.messages.ts'
import { archiveProvider, createProvider, listProviders, organisationsWithoutProvider } from './providers.actions.ts'
import { ProvidersPage } from './providers.pages.tsx'

/** Staff's management of providers: partner cooperatives linked to an organisation of the portal. */
export const providersRoutes = new Hono<AppEnv>()

async function page(
  c: AppContext,
  values: FormValues = {},
  errors?: Errors,
  problem?: { key: string; message: string },
) {
  const actor = c.get('actor')
  if (actor.kind !== 'account') throw new DomainError('unauthenticated')
  const db = c.get('deps').db
  const lang = c.get('lang')
  const [providers, organisations] = await Promise.all([
    listProviders(db, actor),
    organisationsWithoutProvider(db, actor),
  ])
  return render(
    c,
    pricesT(lang)('providers_title'),
    <ProvidersPage
      lang={lang}
      csrf={c.get('csrf')}
      providers={providers}
      organisations={organisations}
      values={values}
      errors={errors}
      problem={problem}
    />,
    errors || problem ? 422 : 200,
  )
}

providersRoutes.get('/catalog/providers', (c) => page(c))

providersRoutes.post('/catalog/providers', async (c) => {
  const actor = c.get('actor')
  if (actor.kind !== 'account') throw new DomainError('unauthenticated')
  authorize(actor, 'catalog.manage')
  const lang = c.get('lang')
  const form: FormValues = {}
  for (const [name, value] of Object.entries(c.get('form'))) if (name !== '_csrf') form[name] = value
  const one = (name: string) => {
    const v = form[name]
    return Array.isArray(v) ? (v[0] ?? '') : (v ?? '')
  }
  const parsed = providerInput.safeParse({
    key: one('key').trim(),
    name: one('name'),
    organisationId: one('organisationId'),
    website: one('website'),
    description: { de: one('description.de'), en: one('description.en') },
  })
  if (!parsed.success) return page(c, form, errorsByField(fieldIssues(parsed.error, lang)))
  try {
    const provider = await inTransaction(c, (trx) => createProvider(trx, actor, parsed.data, c.get('deps')))
    return redirectWithFlash(c, '/catalog/providers', pricesT(lang)('provider_created', { name: provider.name }))
  } catch (error) {
    if (error instanceof DomainError && error.code === 'validation')
      return page(c, form, errorsByField(localiseIssues(error.fields, lang)))
    throw error
  }
})

providersRoutes.post('/catalog/providers/:key/archive', async (c) => {
  const actor = c.get('actor')
  if (actor.kind !== 'account') throw new DomainError('unauthenticated')
  const key = c.req.param('key')
  const lang = c.get('lang')
  const t = pricesT(lang)
  const row = await c.get('deps').db.selectFrom('provider').select('name').where('key', '=', key).executeTakeFirst()
  authorize(actor, 'catalog.manage')
  if (!row) throw new DomainError('not_found')
  try {
    await inTransaction(c, (trx) => archiveProvider(trx, actor, key, c.get('deps')))
  } catch (error) {
    if (error instanceof DomainError && error.code === 'validation') {
      const message = localiseIssues(error.fields, lang)
        .map((i) => i.message)
        .join(' ')
      return page(c, {}, undefined, { key, message: t('archive_refused', { name: row.name, message }) })
    }
    throw error
  }
  return redirectWithFlash(c, '/catalog/providers', t('archived_flash', { name: row.name }))
})
