import { Hono } from 'hono'
import type { AppContext, AppEnv } from '../platform/context.ts'
import { DomainError } from '../platform/errors.ts'
import { fieldIssues, localiseIssues } from '../platform/fields.ts'
import { authorize, can } from '../platform/policy.ts'
import { type Errors, errorsByField } from '../web/components.tsx'
import { idParam } from '../web/params.ts'
import { formValue, redirectWithFlash, render } from '../web/render.tsx'
import { inTransaction } from '../web/transaction.ts'
import {
  type AssemblyDetail,
  cancelAssembly,
  closeAssembly,
  createAssembly,
  getAssembly,
  isAssemblyRef,
  listAssemblies,
  openAssembly,
  updateAssembly,
} from './assemblies.actions.ts'
import { addAgendaItem, moveAgendaItem, withdrawAgendaItem } from './assemblies.agenda.ts'
import {
  AssembliesPage,
  type AssemblyForm,
  AssemblyFormPage,
  AssemblyPage,
  assemblyFormFields,
  assemblyFormValues,
} from './assemblies.pages.tsx'
import { agendaItemInput, assemblyInput, cancelAssemblyInput, reorderInput } from './assemblies.schema.ts'
import { quorum } from './assembly.rules.ts'
import { isPresent, presence } from './attendance.actions.ts'
import { g } from './governance.messages.ts'
import { sendInvitations } from './invitations.actions.ts'
import { rollCounts, settingsToday } from './voters.actions.ts'

/** Pages of assemblies: the list, calling and changing one, its agenda, the invitation, opening and closing. */
export const assemblyRoutes = new Hono<AppEnv>()

const now = (c: AppContext) => c.get('deps').clock.now()

function readForm(c: AppContext, fields: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const name of fields) out[name] = formValue(c, name)
  return out
}

export async function detailOf(c: AppContext): Promise<AssemblyDetail> {
  const ref = c.req.param('ref')
  if (!isAssemblyRef(ref)) throw new DomainError('not_found')
  return getAssembly(c.get('deps').db, c.get('actor'), ref, now(c))
}

/** Presence and quorum for the pages: once the roll exists. */
export async function presenceOf(c: AppContext, detail: AssemblyDetail) {
  if (detail.assembly.status === 'draft' || detail.assembly.status === 'cancelled')
    return { presence: null, quorum: null }
  const db = c.get('deps').db
  const [p, counts, settings] = await Promise.all([
    presence(db, detail.assembly.id),
    rollCounts(db, detail.assembly.id),
    settingsToday(db, now(c)),
  ])
  return { presence: p, quorum: quorum(counts.members, p.members, settings) }
}

async function assemblyPage(
  c: AppContext,
  detail: AssemblyDetail,
  extra: { itemValues?: Record<string, string>; itemErrors?: Errors; inviteErrors?: Errors } = {},
  status: 200 | 409 | 422 = 200,
) {
  const lang = c.get('lang')
  const db = c.get('deps').db
  const { presence: p, quorum: q } = await presenceOf(c, detail)
  c.header('cache-control', 'private, no-store')
  return render(
    c,
    detail.assembly.title,
    <AssemblyPage
      lang={lang}
      csrf={c.get('csrf')}
      detail={detail}
      settings={await settingsToday(db, now(c))}
      presence={p}
      quorum={q}
      present={await isPresent(db, detail.assembly.id, c.get('actor').personId)}
      {...extra}
    />,
    status,
  )
}

function formPage(
  c: AppContext,
  detail: AssemblyDetail | null,
  values: AssemblyForm,
  errors?: { form?: Errors; cancel?: Errors },
  status: 200 | 409 | 422 = 200,
) {
  const lang = c.get('lang')
  const t = g(lang)
  return render(
    c,
    detail ? t('edit_title', { ref: detail.assembly.ref }) : t('new_title'),
    <AssemblyFormPage
      lang={lang}
      csrf={c.get('csrf')}
      assembly={detail?.assembly ?? null}
      values={values}
      errors={errors?.form}
      cancelErrors={errors?.cancel}
    />,
    status,
  )
}

assemblyRoutes.get('/assemblies', async (c) => {
  const actor = c.get('actor')
  const assemblies = await listAssemblies(c.get('deps').db, actor)
  const lang = c.get('lang')
  return render(
    c,
    g(lang)('list_title'),
    <AssembliesPage lang={lang} assemblies={assemblies} canManage={can(actor, 'assembly.manage')} />,
  )
})

assemblyRoutes.get('/assemblies/new', (c) => {
  authorize(c.get('actor'), 'assembly.manage')
  return formPage(c, null, { body: 'general_assembly', kind: 'ordinary', form: 'in_person' })
})

async function saveAssembly(c: AppContext, detail: AssemblyDetail | null) {
  authorize(c.get('actor'), 'assembly.manage')
  const lang = c.get('lang')
  const raw = readForm(c, assemblyFormFields)
  if (detail) raw.body = detail.assembly.body
  const parsed = assemblyInput.safeParse(raw)
  if (!parsed.success) return formPage(c, detail, raw, { form: errorsByField(fieldIssues(parsed.error, lang)) }, 422)
  const deps = c.get('deps')
  const actor = c.get('actor')
  const t = g(lang)
  try {
    if (!detail) {
      const created = await inTransaction(c, (trx) => createAssembly(trx, actor, parsed.data, deps))
      return redirectWithFlash(c, `/assemblies/${created.ref}`, t('created_flash', { ref: created.ref }))
    }
    const { assembly, notified } = await inTransaction(c, (trx) =>
      updateAssembly(trx, actor, detail.assembly.ref, parsed.data, deps),
    )
    return redirectWithFlash(
      c,
      `/assemblies/${assembly.ref}`,
      notified
        ? t('saved_notified_flash', { ref: assembly.ref, count: notified })
        : t('saved_flash', { ref: assembly.ref }),
    )
  } catch (error) {
    if (error instanceof DomainError && error.code === 'validation')
      return formPage(c, detail, raw, { form: errorsByField(localiseIssues(error.fields, lang)) }, 422)
    throw error
  }
}

assemblyRoutes.post('/assemblies', (c) => saveAssembly(c, null))

assemblyRoutes.get('/assemblies/:ref', async (c) => assemblyPage(c, await detailOf(c)))

assemblyRoutes.get('/assemblies/:ref/edit', async (c) => {
  authorize(c.get('actor'), 'assembly.manage')
  const detail = await detailOf(c)
  return formPage(c, detail, assemblyFormValues(detail.assembly))
})

assemblyRoutes.post('/assemblies/:ref', async (c) => {
  authorize(c.get('actor'), 'assembly.manage')
  return saveAssembly(c, await detailOf(c))
})

assemblyRoutes.post('/assemblies/:ref/cancel', async (c) => {
  authorize(c.get('actor'), 'assembly.manage')
  const detail = await detailOf(c)
  const lang = c.get('lang')
  const parsed = cancelAssemblyInput.safeParse({ reason: formValue(c, 'reason') })
  if (!parsed.success)
    return formPage(
      c,
      detail,
      assemblyFormValues(detail.assembly),
      { cancel: errorsByField(fieldIssues(parsed.error, lang)) },
      422,
    )
  const deps = c.get('deps')
  const actor = c.get('actor')
  const { notified } = await inTransaction(c, (trx) =>
    cancelAssembly(trx, actor, detail.assembly.ref, parsed.data, deps),
  )
  return redirectWithFlash(
    c,
    `/assemblies/${detail.assembly.ref}`,
    g(lang)('cancelled_flash', { ref: detail.assembly.ref, count: notified }),
  )
})

assemblyRoutes.post('/assemblies/:ref/agenda', async (c) => {
  authorize(c.get('actor'), 'assembly.manage')
  const detail = await detailOf(c)
  const lang = c.get('lang')
  const raw = readForm(c, ['title', 'kind', 'description'])
  const parsed = agendaItemInput.safeParse(raw)
  if (!parsed.success)
    return assemblyPage(c, detail, { itemValues: raw, itemErrors: errorsByField(fieldIssues(parsed.error, lang)) }, 422)
  const deps = c.get('deps')
  const actor = c.get('actor')
  try {
    const { notified } = await inTransaction(c, (trx) =>
      addAgendaItem(trx, actor, detail.assembly.ref, parsed.data, deps),
    )
    const t = g(lang)
    return redirectWithFlash(
      c,
      `/assemblies/${detail.assembly.ref}`,
      notified ? t('item_added_notified_flash', { count: notified }) : t('item_added_flash'),
    )
  } catch (error) {
    if (error instanceof DomainError && error.code === 'validation')
      return assemblyPage(
        c,
        detail,
        { itemValues: raw, itemErrors: errorsByField(localiseIssues(error.fields, lang)) },
        422,
      )
    throw error
  }
})

assemblyRoutes.post('/assemblies/:ref/agenda/:id/move', async (c) => {
  authorize(c.get('actor'), 'assembly.manage')
  const detail = await detailOf(c)
  const id = idParam(c.req.param('id'))
  const parsed = reorderInput.safeParse({ direction: formValue(c, 'direction') })
  if (!parsed.success)
    throw new DomainError('validation', 'direction', [{ path: 'direction', message: 'invalid_choice' }])
  const deps = c.get('deps')
  const actor = c.get('actor')
  await inTransaction(c, (trx) => moveAgendaItem(trx, actor, detail.assembly.ref, id, parsed.data.direction, deps))
  return c.redirect(`/assemblies/${detail.assembly.ref}`, 303)
})

assemblyRoutes.post('/assemblies/:ref/agenda/:id/withdraw', async (c) => {
  authorize(c.get('actor'), 'assembly.manage')
  const detail = await detailOf(c)
  const id = idParam(c.req.param('id'))
  const deps = c.get('deps')
  const actor = c.get('actor')
  await inTransaction(c, (trx) => withdrawAgendaItem(trx, actor, detail.assembly.ref, id, deps))
  return c.redirect(`/assemblies/${detail.assembly.ref}`, 303)
})

assemblyRoutes.post('/assemblies/:ref/invite', async (c) => {
  authorize(c.get('actor'), 'assembly.manage')
  const detail = await detailOf(c)
  const lang = c.get('lang')
  const deps = c.get('deps')
  const actor = c.get('actor')
  try {
    const { invited, members } = await inTransaction(c, (trx) => sendInvitations(trx, actor, detail.assembly.ref, deps))
    return redirectWithFlash(
      c,
      `/assemblies/${detail.assembly.ref}`,
      g(lang)('invited_flash', { count: invited, members }),
    )
  } catch (error) {
    if (error instanceof DomainError && error.code === 'validation')
      return assemblyPage(c, detail, { inviteErrors: errorsByField(localiseIssues(error.fields, lang)) }, 422)
    throw error
  }
})

assemblyRoutes.post('/assemblies/:ref/open', async (c) => {
  authorize(c.get('actor'), 'assembly.manage')
  const detail = await detailOf(c)
  const deps = c.get('deps')
  const actor = c.get('actor')
  await inTransaction(c, (trx) => openAssembly(trx, actor, detail.assembly.ref, {}, deps))
  return redirectWithFlash(c, `/assemblies/${detail.assembly.ref}`, g(c.get('lang'))('opened_flash'))
})

assemblyRoutes.post('/assemblies/:ref/close', async (c) => {
  authorize(c.get('actor'), 'assembly.manage')
  const detail = await detailOf(c)
  const deps = c.get('deps')
  const actor = c.get('actor')
  await inTransaction(c, (trx) => closeAssembly(trx, actor, detail.assembly.ref, deps))
  return redirectWithFlash(c, `/assemblies/${detail.assembly.ref}`, g(c.get('lang'))('closed_flash'))
})
