import { Hono } from 'hono'
import { authText } from '../auth/auth.messages.ts'
import { SetPasswordPage } from '../auth/auth.pages.tsx'
import { setSessionCookie } from '../auth/auth.routes.tsx'
import { coopRoles } from '../db/schema.ts'
import type { AppContext, AppEnv } from '../platform/context.ts'
import { DomainError } from '../platform/errors.ts'
import { fieldIssues, localiseIssues } from '../platform/fields.ts'
import { translator } from '../platform/i18n.ts'
import { can } from '../platform/policy.ts'
import { clientIp } from '../web/client.ts'
import { errorsByField, Form } from '../web/components.tsx'
import { idParam, pageParam } from '../web/params.ts'
import { formValue, formValues, redirectWithFlash, render } from '../web/render.tsx'
import { inTransaction } from '../web/transaction.ts'
import { resetSecondFactor, setCoopRoles } from './accounts.actions.ts'
import { acceptInvitation, invitationDetails } from './affiliations.actions.ts'
import { createPerson, getPerson, searchPeople, updatePerson } from './people.actions.ts'
import { peopleText } from './people.messages.ts'
import { PeopleList, PersonDetail, PersonFields, type PersonFormValues, personLabels } from './people.pages.tsx'
import { personInput } from './people.schema.ts'

export const peopleRoutes = new Hono<AppEnv>()

const personFields = ['givenName', 'familyName', 'email', 'phone', 'street', 'postalCode', 'city', 'country'] as const
function readPerson(c: AppContext): Record<string, string> {
  return Object.fromEntries(personFields.map((f) => [f, formValue(c, f)]))
}

async function detailPage(
  c: AppContext,
  id: string,
  extra?: { values?: PersonFormValues; errors?: Record<string, string> },
  status: 200 | 422 = 200,
) {
  const actor = c.get('actor')
  const person = await getPerson(c.get('deps').db, actor, id)
  return render(
    c,
    `${person.givenName} ${person.familyName}`,
    <PersonDetail
      lang={c.get('lang')}
      csrf={c.get('csrf')}
      person={person}
      canEdit={can(actor, 'person.update_any')}
      canManageRoles={can(actor, 'account.manage_roles')}
      canResetSecondFactor={can(actor, 'account.reset_second_factor')}
      canReadJournal={can(actor, 'journal.read_all')}
      values={extra?.values}
      errors={extra?.errors}
    />,
    status,
  )
}

peopleRoutes.get('/people', async (c) => {
  const actor = c.get('actor')
  const q = (c.req.query('q') ?? '').slice(0, 100)
  const page = pageParam(c.req.query('page'))
  const result = await searchPeople(c.get('deps').db, actor, { q: q || undefined, page, pageSize: 25 })
  return render(
    c,
    translator(peopleText, c.get('lang'))('list_title'),
    <PeopleList
      lang={c.get('lang')}
      items={result.items}
      total={result.total}
      page={page}
      pageSize={25}
      q={q}
      canCreate={can(actor, 'person.create')}
    />,
  )
})

peopleRoutes.get('/people/new', (c) => {
  const actor = c.get('actor')
  if (actor.kind !== 'account') throw new DomainError('unauthenticated')
  if (!can(actor, 'person.create')) throw new DomainError('forbidden')
  const t = translator(peopleText, c.get('lang'))
  return render(
    c,
    t('new_title'),
    <section>
      <h1>{t('new_title')}</h1>
      <Form action="/people" csrf={c.get('csrf')} lang={c.get('lang')}>
        <PersonFields lang={c.get('lang')} values={{ country: 'DE' }} />
        <div class="actions">
          <button type="submit">{t('save')}</button>
          <a href="/people">{t('cancel')}</a>
        </div>
      </Form>
    </section>,
  )
})

peopleRoutes.post('/people', async (c) => {
  const actor = c.get('actor')
  if (actor.kind !== 'account') throw new DomainError('unauthenticated')
  if (!can(actor, 'person.create')) throw new DomainError('forbidden')
  const lang = c.get('lang')
  const t = translator(peopleText, lang)
  const raw = readPerson(c)
  const parsed = personInput.safeParse(raw)
  if (!parsed.success) {
    const errors = errorsByField(fieldIssues(parsed.error, lang))
    return render(
      c,
      t('new_title'),
      <section>
        <h1>{t('new_title')}</h1>
        <Form action="/people" csrf={c.get('csrf')} lang={lang} errors={errors} labels={personLabels(lang)}>
          <PersonFields lang={lang} values={raw} errors={errors} />
          <div class="actions">
            <button type="submit">{t('save')}</button>
          </div>
        </Form>
      </section>,
      422,
    )
  }
  const deps = c.get('deps')
  const person = await inTransaction(c, (trx) => createPerson(trx, actor, parsed.data, deps))
  return redirectWithFlash(
    c,
    `/people/${person.id}`,
    t('created', { name: `${person.givenName} ${person.familyName}` }),
  )
})

peopleRoutes.get('/people/:id', (c) => detailPage(c, idParam(c.req.param('id'))))

peopleRoutes.post('/people/:id', async (c) => {
  const actor = c.get('actor')
  const id = idParam(c.req.param('id'))
  if (!can(actor, 'person.update_any')) {
    await getPerson(c.get('deps').db, actor, id)
    throw new DomainError('forbidden')
  }
  const lang = c.get('lang')
  const raw = readPerson(c)
  const parsed = personInput.safeParse(raw)
  if (!parsed.success)
    return detailPage(c, id, { values: raw, errors: errorsByField(fieldIssues(parsed.error, lang)) }, 422)
  const deps = c.get('deps')
  await inTransaction(c, (trx) => updatePerson(trx, actor, id, parsed.data, deps))
  return redirectWithFlash(c, `/people/${id}`, translator(peopleText, lang)('saved'))
})

peopleRoutes.post('/people/:id/roles', async (c) => {
  const actor = c.get('actor')
  const id = idParam(c.req.param('id'))
  const deps = c.get('deps')
  if (!can(actor, 'account.manage_roles'))
    throw new DomainError(actor.kind === 'anonymous' ? 'unauthenticated' : 'forbidden')
  const person = await getPerson(deps.db, actor, id)
  if (!person.account) throw new DomainError('not_found')
  const roles = formValues(c, 'roles').filter((r): r is (typeof coopRoles)[number] =>
    (coopRoles as readonly string[]).includes(r),
  )
  try {
    await inTransaction(c, (trx) => setCoopRoles(trx, actor, person.account!.id, roles, deps))
  } catch (error) {
    if (error instanceof DomainError && error.code === 'validation')
      return detailPage(c, id, { errors: errorsByField(localiseIssues(error.fields, c.get('lang'))) }, 422)
    throw error
  }
  return redirectWithFlash(c, `/people/${id}`, translator(peopleText, c.get('lang'))('roles_saved'))
})

peopleRoutes.post('/people/:id/reset-second-factor', async (c) => {
  const actor = c.get('actor')
  const id = idParam(c.req.param('id'))
  const deps = c.get('deps')
  if (!can(actor, 'account.reset_second_factor'))
    throw new DomainError(actor.kind === 'anonymous' ? 'unauthenticated' : 'forbidden')
  const person = await getPerson(deps.db, actor, id)
  if (!person.account) throw new DomainError('not_found')
  const reason = formValue(c, 'reason').trim().slice(0, 500)
  await inTransaction(c, (trx) => resetSecondFactor(trx, actor, person.account!.id, reason, deps))
  return redirectWithFlash(c, `/people/${id}`, translator(peopleText, c.get('lang'))('two_factor_reset'))
})

peopleRoutes.get('/invite', async (c) => {
  const lang = c.get('lang')
  const t = translator(authText, lang)
  const token = c.req.query('token') ?? ''
  const details = token ? await invitationDetails(c.get('deps').db, token, c.get('deps').clock.now()) : null
  return render(
    c,
    t('invite_title'),
    <SetPasswordPage
      lang={lang}
      csrf={c.get('csrf')}
      action="/invite"
      token={token}
      title={t('invite_title')}
      intro={details ? t('invite_text', { organisation: details.organisation, email: details.email }) : undefined}
      invalid={!details}
    />,
    details ? 200 : 400,
  )
})

peopleRoutes.post('/invite', async (c) => {
  const lang = c.get('lang')
  const t = translator(authText, lang)
  const token = formValue(c, 'token')
  const deps = c.get('deps')
  try {
    const session = await inTransaction(c, (trx) =>
      acceptInvitation(
        trx,
        { token, password: formValue(c, 'password'), passwordConfirm: formValue(c, 'passwordConfirm') },
        { ip: clientIp(c), userAgent: c.req.header('user-agent') ?? null, lang },
        deps,
      ),
    )
    setSessionCookie(c, session)
  } catch (error) {
    if (error instanceof DomainError && error.code === 'validation') {
      const details = await invitationDetails(deps.db, token, deps.clock.now())
      return render(
        c,
        t('invite_title'),
        <SetPasswordPage
          lang={lang}
          csrf={c.get('csrf')}
          action="/invite"
          token={token}
          title={t('invite_title')}
          intro={details ? t('invite_text', { organisation: details.organisation, email: details.email }) : undefined}
          errors={errorsByField(localiseIssues(error.fields, lang))}
        />,
        422,
      )
    }
    if (error instanceof DomainError && (error.code === 'token_invalid' || error.code === 'email_taken')) {
      return render(
        c,
        t('invite_title'),
        <SetPasswordPage
          lang={lang}
          csrf={c.get('csrf')}
          action="/invite"
          token=""
          title={t('invite_title')}
          invalid
        />,
        400,
      )
    }
    throw error
  }
  return redirectWithFlash(c, '/', t('invite_done'))
})
