import { coopRoles, orgFunctions } from '../db/schema.ts'
import { formatDateTime, type Language, translator } from '../platform/i18n.ts'
import { Checkboxes, type Errors, Field, Form, ListHeader, Pager } from '../web/components.tsx'
import { common } from '../web/messages.ts'
import { peopleText } from './people.messages.ts'
import type { MemberOfOrganisation, Person } from './people.schema.ts'

export { peopleText }

export function functionOptions(lang: Language) {
  const c = translator(common, lang)
  return orgFunctions.map((f) => ({ value: f, label: c(`function_${f}`) }))
}

/** The people of one organisation; org admins and staff manage them right here. */
export function OrganisationPeople(props: {
  lang: Language
  csrf: string
  organisationId: string
  people: MemberOfOrganisation[]
  canManage: boolean
  selfPersonId: string | null
  invite?: { values: { email: string; givenName: string; familyName: string; functions: string[] }; errors: Errors }
}) {
  const t = translator(peopleText, props.lang)
  const c = translator(common, props.lang)
  const options = functionOptions(props.lang)
  return (
    <section id="people">
      <h2>{t('people')}</h2>
      {props.people.length === 0 ? (
        <p>{t('none')}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('name')}</th>
                <th scope="col">{t('email')}</th>
                <th scope="col">{t('functions')}</th>
                <th scope="col">{t('account')}</th>
              </tr>
            </thead>
            <tbody>
              {props.people.map((p) => (
                <tr>
                  <td>
                    {`${p.givenName} ${p.familyName}`} {p.personId === props.selfPersonId && t('you')}
                  </td>
                  <td>{p.email ?? '—'}</td>
                  <td>
                    {props.canManage ? (
                      <form
                        method="post"
                        action={`/organisations/${props.organisationId}/people/${p.personId}`}
                        class="stack"
                      >
                        <input type="hidden" name="_csrf" value={props.csrf} />
                        <fieldset class="field">
                          <legend class="visually-hidden">{`${t('functions')}: ${p.givenName} ${p.familyName}`}</legend>
                          {options.map((o) => (
                            <label class="check">
                              <input
                                type="checkbox"
                                name="functions"
                                value={o.value}
                                checked={p.functions.includes(o.value)}
                              />{' '}
                              {o.label}
                            </label>
                          ))}
                        </fieldset>
                        <div class="actions">
                          <button type="submit" class="secondary">
                            {t('save_functions')}
                          </button>
                        </div>
                      </form>
                    ) : (
                      p.functions.map((f) => c(`function_${f}`)).join(', ')
                    )}
                  </td>
                  <td>
                    {p.hasAccount ? t('has_account') : p.invitationPending ? t('invitation_pending') : t('no_account')}
                    {props.canManage && (
                      <form
                        method="post"
                        action={`/organisations/${props.organisationId}/people/${p.personId}/remove`}
                        data-confirm={t('remove_confirm')}
                      >
                        <input type="hidden" name="_csrf" value={props.csrf} />
                        <button type="submit" class="link">
                          {`${t('remove')}: ${p.givenName} ${p.familyName}`}
                        </button>
                      </form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {props.canManage && (
        <>
          <h2 id="invite">{t('invite_title')}</h2>
          <p>{t('invite_text')}</p>
          <Form
            action={`/organisations/${props.organisationId}/invitations`}
            csrf={props.csrf}
            lang={props.lang}
            errors={props.invite?.errors}
            labels={{
              email: t('email'),
              givenName: t('given_name'),
              familyName: t('family_name'),
              functions: t('functions'),
            }}
          >
            <div class="grid2">
              <Field
                name="givenName"
                label={t('given_name')}
                value={props.invite?.values.givenName}
                required
                errors={props.invite?.errors}
                autocomplete="off"
              />
              <Field
                name="familyName"
                label={t('family_name')}
                value={props.invite?.values.familyName}
                required
                errors={props.invite?.errors}
                autocomplete="off"
              />
            </div>
            <Field
              name="email"
              label={t('email')}
              type="email"
              value={props.invite?.values.email}
              required
              errors={props.invite?.errors}
              autocomplete="off"
            />
            <Checkboxes
              name="functions"
              legend={t('functions')}
              options={options}
              checked={props.invite?.values.functions ?? ['member_user']}
              errors={props.invite?.errors}
            />
            <div class="actions">
              <button type="submit">{t('invite_button')}</button>
            </div>
          </Form>
        </>
      )}
    </section>
  )
}

export function PeopleList(props: {
  lang: Language
  items: Person[]
  total: number
  page: number
  pageSize: number
  q: string
  canCreate: boolean
}) {
  const t = translator(peopleText, props.lang)
  const c = translator(common, props.lang)
  const pages = Math.max(1, Math.ceil(props.total / props.pageSize))
  return (
    <section>
      <ListHeader
        title={t('list_title')}
        action="/people"
        q={props.q}
        searchLabel={t('search_label')}
        searchButton={t('search')}
        newHref={props.canCreate ? '/people/new' : null}
        newLabel={t('new_button')}
        count={t('count', { total: props.total })}
      />
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('name')}</th>
              <th scope="col">{t('email')}</th>
              <th scope="col">{t('organisations')}</th>
              <th scope="col">{t('roles')}</th>
            </tr>
          </thead>
          <tbody>
            {props.items.map((p) => (
              <tr>
                <td>
                  <a href={`/people/${p.id}`}>{`${p.familyName}, ${p.givenName}`}</a>
                </td>
                <td>{p.email ?? '—'}</td>
                <td>{p.organisations.map((o) => o.name).join(', ') || '—'}</td>
                <td>{p.account?.roles.map((r) => c(`role_${r}`)).join(', ') || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager
        lang={props.lang}
        page={props.page}
        pages={pages}
        href={(p) => `/people?page=${p}${props.q ? `&q=${encodeURIComponent(props.q)}` : ''}`}
      />
    </section>
  )
}

export type PersonFormValues = Partial<
  Record<'givenName' | 'familyName' | 'email' | 'phone' | 'street' | 'postalCode' | 'city' | 'country', string | null>
>

export function personLabels(lang: Language): Record<string, string> {
  const t = translator(peopleText, lang)
  return {
    givenName: t('given_name'),
    familyName: t('family_name'),
    email: t('email'),
    phone: t('phone'),
    street: t('street'),
    postalCode: t('postal_code'),
    city: t('city'),
    country: t('country'),
  }
}

export function PersonFields(props: { lang: Language; values: PersonFormValues; errors?: Errors }) {
  const t = translator(peopleText, props.lang)
  const v = props.values
  const e = props.errors
  return (
    <>
      <div class="grid2">
        <Field
          name="givenName"
          label={t('given_name')}
          value={v.givenName}
          required
          errors={e}
          autocomplete="given-name"
        />
        <Field
          name="familyName"
          label={t('family_name')}
          value={v.familyName}
          required
          errors={e}
          autocomplete="family-name"
        />
      </div>
      <Field name="email" label={t('email')} type="email" value={v.email} errors={e} autocomplete="email" />
      <Field name="phone" label={t('phone')} type="tel" value={v.phone} errors={e} autocomplete="tel" />
      <Field name="street" label={t('street')} value={v.street} errors={e} autocomplete="street-address" />
      <div class="grid2">
        <Field name="postalCode" label={t('postal_code')} value={v.postalCode} errors={e} autocomplete="postal-code" />
        <Field name="city" label={t('city')} value={v.city} errors={e} autocomplete="address-level2" />
      </div>
      <Field name="country" label={t('country')} value={v.country ?? 'DE'} errors={e} maxlength={2} />
    </>
  )
}

export function PersonDetail(props: {
  lang: Language
  csrf: string
  person: Person
  canEdit: boolean
  canManageRoles: boolean
  canResetSecondFactor: boolean
  canReadJournal: boolean
  values?: PersonFormValues
  errors?: Errors
}) {
  const t = translator(peopleText, props.lang)
  const c = translator(common, props.lang)
  const p = props.person
  return (
    <section>
      <h1>{`${p.givenName} ${p.familyName}`}</h1>
      {props.canReadJournal && (
        <p>
          <a href={`/journal?subjectType=person&subjectId=${p.id}`}>{t('journal')}</a>
        </p>
      )}
      <dl class="facts">
        <dt>{t('email')}</dt>
        <dd>{p.email ?? '—'}</dd>
        <dt>{t('organisations')}</dt>
        <dd>
          {p.organisations.length === 0
            ? '—'
            : p.organisations.map((o) => (
                <div>
                  <a href={`/organisations/${o.id}`}>{o.name}</a>:{' '}
                  {o.functions.map((f) => c(`function_${f}`)).join(', ')}
                </div>
              ))}
        </dd>
        <dt>{t('account')}</dt>
        <dd>
          {p.account
            ? `${p.account.email} (${p.account.emailVerified ? t('email_verified') : t('email_unverified')})`
            : t('no_account')}
        </dd>
        {p.account && (
          <>
            <dt>{t('two_factor')}</dt>
            <dd>{p.account.twoFactor ? c('yes') : c('no')}</dd>
            <dt>{t('last_login')}</dt>
            <dd>{formatDateTime(p.account.lastLoginAt, props.lang)}</dd>
          </>
        )}
      </dl>
      {props.canEdit && (
        <>
          <h2>{t('edit_title')}</h2>
          <Form
            action={`/people/${p.id}`}
            csrf={props.csrf}
            lang={props.lang}
            errors={props.errors}
            labels={personLabels(props.lang)}
          >
            <PersonFields lang={props.lang} values={props.values ?? p} errors={props.errors} />
            <div class="actions">
              <button type="submit">{t('save')}</button>
            </div>
          </Form>
        </>
      )}
      {p.account && props.canManageRoles && (
        <>
          <h2>{t('roles')}</h2>
          <Form action={`/people/${p.id}/roles`} csrf={props.csrf} lang={props.lang} errors={props.errors}>
            <Checkboxes
              name="roles"
              legend={t('roles')}
              options={coopRoles.map((r) => ({ value: r, label: c(`role_${r}`) }))}
              checked={p.account.roles}
              errors={props.errors}
            />
            <div class="actions">
              <button type="submit">{t('roles_save')}</button>
            </div>
          </Form>
        </>
      )}
      {p.account?.twoFactor && props.canResetSecondFactor && (
        <>
          <h2>{t('reset_two_factor')}</h2>
          <Form action={`/people/${p.id}/reset-second-factor`} csrf={props.csrf} lang={props.lang}>
            <Field name="reason" label={t('reset_two_factor_reason')} required />
            <div class="actions">
              <button type="submit" class="danger">
                {t('reset_two_factor')}
              </button>
            </div>
          </Form>
        </>
      )}
    </section>
  )
}
