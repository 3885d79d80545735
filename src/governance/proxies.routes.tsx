import { Hono } from 'hono'
import type { AppContext, AppEnv } from '../platform/context.ts'
import { DomainError } from '../platform/errors.ts'
import { fieldIssues, localiseIssues } from '../platform/fields.ts'
import { can } from '../platform/policy.ts'
import { type Errors, errorsByField } from '../web/components.tsx'
import { idParam } from '../web/params.ts'
import { formValue, redirectWithFlash, render } from '../web/render.tsx'
import { inTransaction } from '../web/transaction.ts'
import type { AssemblyDetail } from './assemblies.actions.ts'
import { detailOf } from './assemblies.routes.tsx'
import { proxyInput } from './assemblies.schema.ts'
import { g } from './governance.messages.ts'
import { grantProxy, membersActorSpeaksFor, proxiesOf, recordWrittenProxy, revokeProxy } from './proxies.actions.ts'
import { ProxiesPage } from './proxies.pages.tsx'
import { settingsToday, voterRoll } from './voters.actions.ts'

/**
 * Proxies of an assembly: the list (readers see all, members their own), giving one online, recording a written
 * one with the uploaded PDF (a multipart form, the one route the body guard lets through with up to 10 MB), and
 * revoking.
 */
export const proxyRoutes = new Hono<AppEnv>()

async function page(
  c: AppContext,
  detail: AssemblyDetail,
  forms: {
    values?: Record<string, string>
    errors?: Errors
    writtenValues?: Record<string, string>
    writtenErrors?: Errors
  } = {},
  status: 200 | 422 = 200,
) {
  const actor = c.get('actor')
  const db = c.get('deps').db
  const lang = c.get('lang')
  if (!detail.access.invited && !detail.access.readAll) throw new DomainError('not_found')
  const canRecord = can(actor, 'assembly.check_in')
  const [proxies, ownMembers, settings] = await Promise.all([
    proxiesOf(db, actor, detail.assembly.id),
    membersActorSpeaksFor(db, actor, detail.assembly.id),
    settingsToday(db, c.get('deps').clock.now()),
  ])
  const rollMembers = canRecord ? (await voterRoll(db, actor, detail.assembly.id)).voters : []
  c.header('cache-control', 'private, no-store')
  return render(
    c,
    g(lang)('proxies_title', { ref: detail.assembly.ref }),
    <ProxiesPage
      lang={lang}
      csrf={c.get('csrf')}
      assembly={detail.assembly}
      proxies={proxies}
      ownMembers={ownMembers}
      rollMembers={rollMembers}
      canRecord={canRecord}
      proxyLimit={settings.proxyLimit}
      {...forms}
    />,
    status,
  )
}

proxyRoutes.get('/assemblies/:ref/proxies', async (c) => page(c, await detailOf(c)))

proxyRoutes.post('/assemblies/:ref/proxies', async (c) => {
  const detail = await detailOf(c)
  const lang = c.get('lang')
  const raw = { memberId: formValue(c, 'memberId'), holderEmail: formValue(c, 'holderEmail') }
  const parsed = proxyInput.safeParse(raw)
  if (!parsed.success)
    return page(c, detail, { values: raw, errors: errorsByField(fieldIssues(parsed.error, lang)) }, 422)
  const deps = c.get('deps')
  const actor = c.get('actor')
  try {
    const granted = await inTransaction(c, (trx) => grantProxy(trx, actor, detail.assembly.ref, parsed.data, deps))
    return redirectWithFlash(
      c,
      `/assemblies/${detail.assembly.ref}/proxies`,
      g(lang)('proxy_given_flash', { name: granted.holderName }),
    )
  } catch (error) {
    if (error instanceof DomainError && error.code === 'validation')
      return page(c, detail, { values: raw, errors: errorsByField(localiseIssues(error.fields, lang)) }, 422)
    throw error
  }
})

proxyRoutes.post('/assemblies/:ref/proxies/written', async (c) => {
  const detail = await detailOf(c)
  const lang = c.get('lang')
  const raw = { memberId: formValue(c, 'memberId'), holderEmail: formValue(c, 'holderEmail') }
  const upload = (c.req.header('content-type') ?? '').startsWith('multipart/form-data') ? await uploadedFile(c) : null
  const parsed = proxyInput.safeParse(raw)
  if (!parsed.success)
    return page(c, detail, { writtenValues: raw, writtenErrors: errorsByField(fieldIssues(parsed.error, lang)) }, 422)
  const deps = c.get('deps')
  const actor = c.get('actor')
  try {
    const granted = await inTransaction(c, (trx) =>
      recordWrittenProxy(trx, actor, detail.assembly.ref, { ...parsed.data, document: upload }, deps),
    )
    return redirectWithFlash(
      c,
      `/assemblies/${detail.assembly.ref}/proxies`,
      g(lang)('proxy_given_flash', { name: granted.holderName }),
    )
  } catch (error) {
    if (error instanceof DomainError && error.code === 'validation')
      return page(
        c,
        detail,
        { writtenValues: raw, writtenErrors: errorsByField(localiseIssues(error.fields, lang)) },
        422,
      )
    throw error
  }
})

/** The uploaded document of a multipart form the body guard parsed. */
async function uploadedFile(c: AppContext): Promise<{ name: string; bytes: Uint8Array } | null> {
  const data = await c.req.formData()
  const file = data.get('document')
  if (!file || typeof file === 'string') return null
  return { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }
}

proxyRoutes.post('/assemblies/:ref/proxies/:id/revoke', async (c) => {
  const detail = await detailOf(c)
  const id = idParam(c.req.param('id'))
  const deps = c.get('deps')
  const actor = c.get('actor')
  await inTransaction(c, (trx) => revokeProxy(trx, actor, detail.assembly.ref, id, deps))
  return redirectWithFlash(c, `/assemblies/${detail.assembly.ref}/proxies`, g(c.get('lang'))('proxy_revoked_flash'))
})
