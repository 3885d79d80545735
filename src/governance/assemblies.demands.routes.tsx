import { Hono } from 'hono'
import type { AppContext, AppEnv } from '../platform/context.ts'
import { DomainError } from '../platform/errors.ts'
import { fieldIssues, localiseIssues } from '../platform/fields.ts'
import { type Errors, errorsByField } from '../web/components.tsx'
import { idParam } from '../web/params.ts'
import { formValue, redirectWithFlash, render } from '../web/render.tsx'
import { inTransaction } from '../web/transaction.ts'
import { DemandPage, DemandsPage } from './assemblies.demands.pages.tsx'
import { getDemand, listDemands, signableMembers, signDemand, signedBy, startDemand } from './assemblies.demands.ts'
import { demandInput } from './assemblies.schema.ts'
import { g } from './governance.messages.ts'

/** The members' demands (§45 GenG): the list and starting one, one demand and co-signing. */
export const demandRoutes = new Hono<AppEnv>()

const now = (c: AppContext) => c.get('deps').clock.now()

async function listPage(c: AppContext, values?: Record<string, string>, errors?: Errors, status: 200 | 422 = 200) {
  const db = c.get('deps').db
  const actor = c.get('actor')
  const lang = c.get('lang')
  const [demands, members] = await Promise.all([listDemands(db, actor, now(c)), signableMembers(db, actor, now(c))])
  return render(
    c,
    g(lang)('demands_title'),
    <DemandsPage
      lang={lang}
      csrf={c.get('csrf')}
      demands={demands}
      members={members}
      values={values}
      errors={errors}
    />,
    status,
  )
}

async function demandPage(c: AppContext, id: string, errors?: Errors, status: 200 | 422 = 200) {
  const db = c.get('deps').db
  const actor = c.get('actor')
  const lang = c.get('lang')
  const demand = await getDemand(db, actor, id, now(c))
  const members = await signableMembers(db, actor, now(c))
  const signed = await signedBy(
    db,
    id,
    members.map((m) => m.memberId),
  )
  return render(
    c,
    demand.title,
    <DemandPage lang={lang} csrf={c.get('csrf')} demand={demand} members={members} signed={signed} errors={errors} />,
    status,
  )
}

demandRoutes.get('/demands', (c) => listPage(c))

demandRoutes.post('/demands', async (c) => {
  const lang = c.get('lang')
  const raw = Object.fromEntries(
    ['memberId', 'kind', 'assemblyRef', 'title', 'reasons'].map((k) => [k, formValue(c, k)]),
  )
  // who may sign for no member is refused before the form is read
  await listDemands(c.get('deps').db, c.get('actor'), now(c))
  const parsed = demandInput.safeParse(raw)
  if (!parsed.success) return listPage(c, raw, errorsByField(fieldIssues(parsed.error, lang)), 422)
  const deps = c.get('deps')
  const actor = c.get('actor')
  try {
    const demand = await inTransaction(c, (trx) => startDemand(trx, actor, parsed.data, deps))
    return redirectWithFlash(c, `/demands/${demand.id}`, g(lang)('demand_started_flash'))
  } catch (error) {
    if (error instanceof DomainError && error.code === 'validation')
      return listPage(c, raw, errorsByField(localiseIssues(error.fields, lang)), 422)
    throw error
  }
})

demandRoutes.get('/demands/:id', (c) => demandPage(c, idParam(c.req.param('id'))))

demandRoutes.post('/demands/:id/sign', async (c) => {
  const id = idParam(c.req.param('id'))
  const lang = c.get('lang')
  const memberId = formValue(c, 'memberId')
  await getDemand(c.get('deps').db, c.get('actor'), id, now(c))
  if (!/^[0-9a-f-]{36}$/i.test(memberId)) throw new DomainError('forbidden')
  const deps = c.get('deps')
  const actor = c.get('actor')
  try {
    await inTransaction(c, (trx) => signDemand(trx, actor, id, memberId.toLowerCase(), deps))
    return redirectWithFlash(c, `/demands/${id}`, g(lang)('demand_signed_flash'))
  } catch (error) {
    if (error instanceof DomainError && error.code === 'validation')
      return demandPage(c, id, errorsByField(localiseIssues(error.fields, lang)), 422)
    throw error
  }
})
