import { Hono } from 'hono'
import type { AppContext, AppEnv } from '../platform/context.ts'
import { DomainError } from '../platform/errors.ts'
import { localiseIssues } from '../platform/fields.ts'
import { authorize } from '../platform/policy.ts'
import { type Errors, errorsByField } from '../web/components.tsx'
import { formValue, redirectWithFlash, render } from '../web/render.tsx'
import { inTransaction } from '../web/transaction.ts'
import type { AssemblyDetail } from './assemblies.actions.ts'
import { detailOf, presenceOf } from './assemblies.routes.tsx'
import { attendeeCandidates, checkIn, checkOut, joinOnline, presenceChanged } from './attendance.actions.ts'
import { CheckInPage } from './attendance.pages.tsx'
import { g } from './governance.messages.ts'

/** The door (staff): search, check in, check out; and a member's own online joining and leaving. */
export const attendanceRoutes = new Hono<AppEnv>()

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

async function doorPage(c: AppContext, detail: AssemblyDetail, q: string, errors?: Errors, status: 200 | 422 = 200) {
  const actor = c.get('actor')
  authorize(actor, 'assembly.check_in')
  const lang = c.get('lang')
  const { presence, quorum } = await presenceOf(c, detail)
  const candidates = await attendeeCandidates(c.get('deps').db, actor, detail.assembly.id, q)
  c.header('cache-control', 'private, no-store')
  return render(
    c,
    g(lang)('door_title', { ref: detail.assembly.ref }),
    <CheckInPage
      lang={lang}
      csrf={c.get('csrf')}
      assembly={detail.assembly}
      q={q}
      candidates={candidates}
      presence={presence ?? { persons: 0, members: 0, votes: 0 }}
      quorum={quorum ?? { required: false }}
      errors={errors}
    />,
    status,
  )
}

attendanceRoutes.get('/assemblies/:ref/check-in', async (c) => {
  authorize(c.get('actor'), 'assembly.check_in')
  return doorPage(c, await detailOf(c), (c.req.query('q') ?? '').slice(0, 100))
})

function personIdOf(c: AppContext): string {
  const id = formValue(c, 'personId')
  if (!uuid.test(id))
    throw new DomainError('validation', 'personId', [{ path: 'personId', message: 'check_in_unknown' }])
  return id.toLowerCase()
}

attendanceRoutes.post('/assemblies/:ref/check-in', async (c) => {
  authorize(c.get('actor'), 'assembly.check_in')
  const detail = await detailOf(c)
  const q = formValue(c, 'q').slice(0, 100)
  const lang = c.get('lang')
  const deps = c.get('deps')
  const actor = c.get('actor')
  try {
    const personId = personIdOf(c)
    await inTransaction(c, (trx) => checkIn(trx, actor, detail.assembly.ref, { personId }, deps))
    presenceChanged(detail.assembly.id)
    const person = await deps.db
      .selectFrom('person')
      .select(['given_name', 'family_name'])
      .where('id', '=', personId)
      .executeTakeFirstOrThrow()
    return redirectWithFlash(
      c,
      `/assemblies/${detail.assembly.ref}/check-in${q ? `?q=${encodeURIComponent(q)}` : ''}`,
      g(lang)('checked_in_flash', { name: `${person.given_name} ${person.family_name}` }),
    )
  } catch (error) {
    if (error instanceof DomainError && error.code === 'validation')
      return doorPage(c, detail, q, errorsByField(localiseIssues(error.fields, lang)), 422)
    throw error
  }
})

attendanceRoutes.post('/assemblies/:ref/check-out', async (c) => {
  authorize(c.get('actor'), 'assembly.check_in')
  const detail = await detailOf(c)
  const q = formValue(c, 'q').slice(0, 100)
  const deps = c.get('deps')
  const actor = c.get('actor')
  const lang = c.get('lang')
  try {
    const personId = personIdOf(c)
    await inTransaction(c, (trx) => checkOut(trx, actor, detail.assembly.ref, personId, deps))
    presenceChanged(detail.assembly.id)
  } catch (error) {
    if (error instanceof DomainError && error.code === 'validation')
      return doorPage(c, detail, q, errorsByField(localiseIssues(error.fields, lang)), 422)
    throw error
  }
  return redirectWithFlash(
    c,
    `/assemblies/${detail.assembly.ref}/check-in${q ? `?q=${encodeURIComponent(q)}` : ''}`,
    g(lang)('checked_out_flash'),
  )
})

attendanceRoutes.post('/assemblies/:ref/join', async (c) => {
  const detail = await detailOf(c)
  if (!detail.access.invited) throw new DomainError('not_found')
  const deps = c.get('deps')
  const actor = c.get('actor')
  await inTransaction(c, (trx) => joinOnline(trx, actor, detail.assembly.ref, deps))
  presenceChanged(detail.assembly.id)
  return redirectWithFlash(c, `/assemblies/${detail.assembly.ref}`, g(c.get('lang'))('joined_flash'))
})

attendanceRoutes.post('/assemblies/:ref/leave', async (c) => {
  const detail = await detailOf(c)
  const actor = c.get('actor')
  if (!actor.personId) throw new DomainError('not_found')
  const personId = actor.personId
  const deps = c.get('deps')
  await inTransaction(c, (trx) => checkOut(trx, actor, detail.assembly.ref, personId, deps))
  presenceChanged(detail.assembly.id)
  return redirectWithFlash(c, `/assemblies/${detail.assembly.ref}`, g(c.get('lang'))('left_flash'))
})
