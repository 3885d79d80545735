import { Hono } from 'hono'
import { orgFunctions } from '../db/schema.ts'
import {
  invitePerson,
  listOrganisationPeople,
  removeFromOrganisation,
  setFunctions,
} from '../people/affiliations.actions.ts'
import { OrganisationPeople, peopleText } from '../people/people.pages.tsx'
import { invitationInput } from '../people/people.schema.ts'
import type { AppContext, AppEnv } from '../platform/context.ts'
import { DomainError } from '../platform/errors.ts'
import { fieldIssues } from '../platform/fields.ts'
import { translator } from '../platform/i18n.ts'
import { can } from '../platform/policy.ts'
import { errorsByField } from '../web/components.tsx'
import { idParam, pageParam } from '../web/params.ts'
import { formValue, formValues, redirectWithFlash, render } from '../web/render.tsx'
import { inTransaction } from '../web/transaction.ts'
import {
  archiveOrganisation,
  createOrganisation,
  getOrganisation,
  searchOrganisations,
  updateOrganisation,
} from './organisations.actions.ts'
import { orgText } from './organisations.messages.ts'
import {
  OrganisationFacts,
  OrganisationForm,
  type OrganisationFormValues,
  OrganisationList,
} from './organisations.pages.tsx'
import { organisationInput } from './organisations.schema.ts'

export const organisationRoutes = new Hono<AppEnv>()

const formFields = [
  'name',
  'legalForm',
  'street',
  'postalCode',
  'city',
  'country',
  'email',
  'phone',
  'website',
  'vatId',
  'leitwegId',
  'iban',
  'employees',
  'volunteers',
  'annualBudgetCents',
] as const

function readForm(c: AppContext): Record<string, string> {
  return Object.fromEntries(formFields.map((f) => [f, formValue(c, f)]))
}

organisationRoutes.get('/organisations', async (c) => {
  const actor = c.get('actor')
  const q = (c.req.query('q') ?? '').slice(0, 100)
  const page = pageParam(c.req.query('page'))
  const result = await searchOrganisations(c.get('deps').db, actor, { q: q || undefined, page, pageSize: 25 })
  return render(
    c,
    translator(orgText, c.get('lang'))('list_title'),
    <OrganisationList
      lang={c.get('lang')}
      items={result.items}
      total={result.total}
      page={page}
      pageSize={25}
      q={q}
      canCreate={can(actor, 'organisation.create')}
    />,
  )
})

organisationRoutes.get('/organisations/new', (c) => {
  const actor = c.get('actor')
  if (actor.kind !== 'account') throw new DomainError('unauthenticated')
  if (!can(actor, 'organisation.create')) throw new DomainError('forbidden')
  const t = translator(orgText, c.get('lang'))
  return render(
    c,
    t('new_title'),
    <OrganisationForm
      lang={c.get('lang')}
      csrf={c.get('csrf')}
      action="/organisations"
      title={t('new_title')}
      values={{ legalForm: 'ev', country: 'DE' }}
      cancelHref="/organisations"
    />,
  )
})

organisationRoutes.post('/organisations', async (c) => {
  const actor = c.get('actor')
  if (actor.kind !== 'account') throw new DomainError('unauthenticated')
  if (!can(actor, 'organisation.create')) throw new DomainError('forbidden')
  const lang = c.get('lang')
  const t = translator(orgText, lang)
  const raw = readForm(c)
  const parsed = organisationInput.safeParse(raw)
  if (!parsed.success) {
    return render(
      c,
      t('new_title'),
      <OrganisationForm
        lang={lang}
        csrf={c.get('csrf')}
        action="/organisations"
        title={t('new_title')}
        values={raw as OrganisationFormValues}
        errors={errorsByField(fieldIssues(parsed.error, lang))}
        cancelHref="/organisations"
      />,
      422,
    )
  }
  const deps = c.get('deps')
  const org = await inTransaction(c, (trx) => createOrganisation(trx, actor, parsed.data, deps))
  return redirectWithFlash(c, `/organisations/${org.id}`, t('created', { name: org.name }))
})

organisationRoutes.get('/organisations/:id', async (c) => {
  const actor = c.get('actor')
  const id = idParam(c.req.param('id'))
  const deps = c.get('deps')
  const lang = c.get('lang')
  const org = await getOrganisation(deps.db, actor, id)
  const people = await listOrganisationPeople(deps.db, actor, id, deps)
  const t = translator(orgText, lang)
  return render(
    c,
    org.name,
    <section>
      <h1>{org.name}</h1>
      <div class="actions">
        {can(actor, 'organisation.update', id) && (
          <a class="button secondary" href={`/organisations/${id}/edit`}>
            {t('edit_button')}
          </a>
        )}
        {(can(actor, 'journal.read_all') || can(actor, 'journal.read_organisation', id)) && (
          <a href={`/journal?organisationId=${id}`}>{t('journal')}</a>
        )}
      </div>
      <OrganisationFacts lang={lang} o={org} />
      <OrganisationPeople
        lang={lang}
        csrf={c.get('csrf')}
        organisationId={id}
        people={people}
        canManage={can(actor, 'affiliation.manage', id)}
        selfPersonId={actor.personId}
      />
      {can(actor, 'organisation.archive', id) && (
        <form method="post" action={`/organisations/${id}/archive`} class="stack" data-confirm={t('archive_confirm')}>
          <h2>{t('archive_button')}</h2>
          <input type="hidden" name="_csrf" value={c.get('csrf')} />
          <div class="field">
            <label for="archive-reason">{t('archive_reason')}</label>
            <input id="archive-reason" name="reason" required maxlength={500} />
          </div>
          <div class="actions">
            <button type="submit" class="danger">
              {t('archive_button')}
            </button>
          </div>
        </form>
      )}
    </section>,
  )
})

organisationRoutes.get('/organisations/:id/edit', async (c) => {
  const actor = c.get('actor')
  const id = idParam(c.req.param('id'))
  const org = await getOrganisation(c.get('deps').db, actor, id)
  if (!can(actor, 'organisation.update', id)) throw new DomainError('forbidden')
  const t = translator(orgText, c.get('lang'))
  const values: OrganisationFormValues = {
    ...org,
    annualBudget: (org.annualBudgetCents / 100).toFixed(2).replace('.', ','),
  }
  return render(
    c,
    t('edit_title'),
    <OrganisationForm
      lang={c.get('lang')}
      csrf={c.get('csrf')}
      action={`/organisations/${id}`}
      title={t('edit_title')}
      values={values}
      cancelHref={`/organisations/${id}`}
    />,
  )
})

organisationRoutes.post('/organisations/:id', async (c) => {
  const actor = c.get('actor')
  const id = idParam(c.req.param('id'))
  if (actor.kind !== 'account') throw new DomainError('unauthenticated')
  if (!can(actor, 'organisation.update', id))
    throw new DomainError(can(actor, 'organisation.read', id) ? 'forbidden' : 'not_found')
  const lang = c.get('lang')
  const t = translator(orgText, lang)
  const raw = readForm(c)
  const parsed = organisationInput.safeParse(raw)
  if (!parsed.success) {
    return render(
      c,
      t('edit_title'),
      <OrganisationForm
        lang={lang}
        csrf={c.get('csrf')}
        action={`/organisations/${id}`}
        title={t('edit_title')}
        values={raw as OrganisationFormValues}
        errors={errorsByField(fieldIssues(parsed.error, lang))}
        cancelHref={`/organisations/${id}`}
      />,
      422,
    )
  }
  const deps = c.get('deps')
  await inTransaction(c, (trx) => updateOrganisation(trx, actor, id, parsed.data, deps))
  return redirectWithFlash(c, `/organisations/${id}`, t('updated'))
})

organisationRoutes.post('/organisations/:id/archive', async (c) => {
  const actor = c.get('actor')
  const id = idParam(c.req.param('id'))
  const reason = formValue(c, 'reason').trim().slice(0, 500)
  const deps = c.get('deps')
  await inTransaction(c, (trx) => archiveOrganisation(trx, actor, id, reason, deps))
  return redirectWithFlash(c, '/organisations', translator(orgText, c.get('lang'))('archived'))
})

organisationRoutes.post('/organisations/:id/invitations', async (c) => {
  const actor = c.get('actor')
  const id = idParam(c.req.param('id'))
  const lang = c.get('lang')
  const deps = c.get('deps')
  const pt = translator(peopleText, lang)
  const raw = {
    email: formValue(c, 'email'),
    givenName: formValue(c, 'givenName'),
    familyName: formValue(c, 'familyName'),
    functions: formValues(c, 'functions'),
  }
  const parsed = invitationInput.safeParse(raw)
  if (!parsed.success) {
    const org = await getOrganisation(deps.db, actor, id)
    const people = await listOrganisationPeople(deps.db, actor, id, deps)
    return render(
      c,
      org.name,
      <section>
        <h1>{org.name}</h1>
        <OrganisationPeople
          lang={lang}
          csrf={c.get('csrf')}
          organisationId={id}
          people={people}
          canManage={can(actor, 'affiliation.manage', id)}
          selfPersonId={actor.personId}
          invite={{ values: raw, errors: errorsByField(fieldIssues(parsed.error, lang)) }}
        />
      </section>,
      422,
    )
  }
  const result = await inTransaction(c, (trx) => invitePerson(trx, actor, id, parsed.data, deps))
  return redirectWithFlash(
    c,
    `/organisations/${id}#people`,
    result.newAccount ? pt('invited', { email: parsed.data.email }) : pt('added', { email: parsed.data.email }),
  )
})

organisationRoutes.post('/organisations/:id/people/:personId', async (c) => {
  const actor = c.get('actor')
  const id = idParam(c.req.param('id'))
  const personId = idParam(c.req.param('personId'))
  const functions = formValues(c, 'functions').filter((f): f is (typeof orgFunctions)[number] =>
    (orgFunctions as readonly string[]).includes(f),
  )
  const deps = c.get('deps')
  const pt = translator(peopleText, c.get('lang'))
  try {
    await inTransaction(c, (trx) =>
      functions.length === 0
        ? removeFromOrganisation(trx, actor, id, personId, deps)
        : setFunctions(trx, actor, id, personId, functions, deps),
    )
  } catch (error) {
    if (error instanceof DomainError && error.code === 'last_admin')
      return redirectWithFlash(c, `/organisations/${id}#people`, pt('last_admin'))
    throw error
  }
  return redirectWithFlash(c, `/organisations/${id}#people`, pt('functions_saved'))
})

organisationRoutes.post('/organisations/:id/people/:personId/remove', async (c) => {
  const actor = c.get('actor')
  const id = idParam(c.req.param('id'))
  const personId = idParam(c.req.param('personId'))
  const deps = c.get('deps')
  const pt = translator(peopleText, c.get('lang'))
  try {
    await inTransaction(c, (trx) => removeFromOrganisation(trx, actor, id, personId, deps))
  } catch (error) {
    if (error instanceof DomainError && error.code === 'last_admin')
      return redirectWithFlash(c, `/organisations/${id}#people`, pt('last_admin'))
    throw error
  }
  return redirectWithFlash(c, `/organisations/${id}#people`, pt('removed'))
})
