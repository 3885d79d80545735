import { Hono } from 'hono'
import QRCode from 'qrcode'
import { beginTotpSetup, changePassword, disableTotp, enableTotp } from '../auth/auth.actions.ts'
import { authText } from '../auth/auth.messages.ts'
import { findAccount } from '../auth/auth.repo.ts'
import { getPerson, updatePerson } from '../people/people.actions.ts'
import { PersonFields, type PersonFormValues, personLabels } from '../people/people.pages.tsx'
import { personInput } from '../people/people.schema.ts'
import { apiScopes } from '../platform/actor.ts'
import type { AppContext, AppEnv } from '../platform/context.ts'
import { DomainError } from '../platform/errors.ts'
import { fieldIssues, localiseIssues } from '../platform/fields.ts'
import { formatDateTime, translator } from '../platform/i18n.ts'
import { createApiToken, listApiTokens, revokeApiToken } from '../tokens/tokens.actions.ts'
import { tokenForm } from '../tokens/tokens.schema.ts'
import { type Errors, errorsByField, Field, Form } from '../web/components.tsx'
import { idParam } from '../web/params.ts'
import { formValue, formValues, redirectWithFlash, render } from '../web/render.tsx'
import { inTransaction } from '../web/transaction.ts'
import { profileText } from './profile.messages.ts'

export const profileRoutes = new Hono<AppEnv>()

function requireAccount(c: AppContext) {
  const actor = c.get('actor')
  if (actor.kind !== 'account' || !actor.personId) throw new DomainError('unauthenticated')
  return actor
}

async function profilePage(
  c: AppContext,
  state: {
    personValues?: PersonFormValues
    personErrors?: Errors
    passwordErrors?: Errors
    totpErrors?: Errors
    tokenErrors?: Errors
    newToken?: string
    setup?: { secret: string; uri: string }
  } = {},
  status: 200 | 422 = 200,
) {
  const actor = requireAccount(c)
  const lang = c.get('lang')
  const t = translator(authText, lang)
  const p = translator(profileText, lang)
  const { db } = c.get('deps')
  const [person, account, tokens] = await Promise.all([
    getPerson(db, actor, actor.personId!),
    findAccount(db, actor.accountId!),
    listApiTokens(db, actor),
  ])
  if (!account) throw new DomainError('unauthenticated')
  const qr = state.setup ? await QRCode.toString(state.setup.uri, { type: 'svg', margin: 1 }) : null
  const csrf = c.get('csrf')
  return render(
    c,
    t('profile_title'),
    <section>
      <h1>{t('profile_title')}</h1>
      <dl class="facts">
        <dt>{t('email')}</dt>
        <dd>
          {account.email} ({account.email_verified_at ? t('email_verified') : t('email_unverified')})
        </dd>
      </dl>
      {!account.email_verified_at && (
        <form method="post" action="/verify-email/resend" class="notice">
          <input type="hidden" name="_csrf" value={csrf} />
          {p('unverified_notice')}{' '}
          <button type="submit" class="link">
            {p('resend')}
          </button>
        </form>
      )}
      <h2>{p('personal_data')}</h2>
      <Form action="/profile" csrf={csrf} lang={lang} errors={state.personErrors} labels={personLabels(lang)}>
        <PersonFields lang={lang} values={state.personValues ?? person} errors={state.personErrors} />
        <div class="actions">
          <button type="submit">{t('save')}</button>
        </div>
      </Form>

      <h2>{t('security_title')}</h2>
      <h3>{t('change_password')}</h3>
      <Form
        action="/profile/password"
        csrf={csrf}
        lang={lang}
        errors={state.passwordErrors}
        labels={{ current: t('current_password'), password: t('new_password'), passwordConfirm: t('password_confirm') }}
      >
        <Field
          name="current"
          label={t('current_password')}
          type="password"
          autocomplete="current-password"
          required
          errors={state.passwordErrors}
        />
        <Field
          name="password"
          label={t('new_password')}
          type="password"
          autocomplete="new-password"
          hint={t('password_hint')}
          required
          errors={state.passwordErrors}
        />
        <Field
          name="passwordConfirm"
          label={t('password_confirm')}
          type="password"
          autocomplete="new-password"
          required
          errors={state.passwordErrors}
        />
        <div class="actions">
          <button type="submit">{t('change_password')}</button>
        </div>
      </Form>

      <h3 id="two-factor">{t('two_factor_title')}</h3>
      {account.totp_enabled_at ? (
        <>
          <p>{t('two_factor_on')}</p>
          <Form
            action="/profile/two-factor/disable"
            csrf={csrf}
            lang={lang}
            errors={state.totpErrors}
            labels={{ password: t('password') }}
          >
            <Field
              name="password"
              label={t('password')}
              type="password"
              autocomplete="current-password"
              required
              errors={state.totpErrors}
            />
            <div class="actions">
              <button type="submit" class="danger">
                {t('two_factor_disable')}
              </button>
            </div>
          </Form>
        </>
      ) : state.setup ? (
        <>
          <p>{t('two_factor_scan')}</p>
          {/* The QR code is an SVG made on the server from the otpauth URI: no external service sees the secret. */}
          <div class="qr" role="img" aria-label="QR code" dangerouslySetInnerHTML={{ __html: qr ?? '' }} />
          <p>
            {t('two_factor_secret')}: <code data-testid="totp-secret">{state.setup.secret}</code>
          </p>
          <Form
            action="/profile/two-factor/enable"
            csrf={csrf}
            lang={lang}
            errors={state.totpErrors}
            labels={{ code: t('code') }}
          >
            <Field
              name="code"
              label={t('code')}
              inputmode="numeric"
              autocomplete="one-time-code"
              required
              errors={state.totpErrors}
              maxlength={8}
            />
            <div class="actions">
              <button type="submit">{t('two_factor_enable')}</button>
            </div>
          </Form>
        </>
      ) : (
        <>
          <p>{t('two_factor_off')}</p>
          <form method="post" action="/profile/two-factor/setup">
            <input type="hidden" name="_csrf" value={csrf} />
            <button type="submit">{t('two_factor_setup')}</button>
          </form>
        </>
      )}

      <h2 id="tokens">{t('tokens_title')}</h2>
      <p>{p('tokens_text')}</p>
      {state.newToken && (
        <div class="flash" role="status">
          <p>{p('token_created')}</p>
          <p>
            <code data-testid="new-token">{state.newToken}</code>
          </p>
        </div>
      )}
      {tokens.length > 0 && (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{p('token_name')}</th>
                <th scope="col">{p('token_scopes')}</th>
                <th scope="col">{p('token_created_at')}</th>
                <th scope="col">{p('token_last_used')}</th>
                <th scope="col">{p('token_status')}</th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((tok) => (
                <tr>
                  <td>
                    {tok.name} <span class="mono">{tok.prefix}…</span>
                  </td>
                  <td>{tok.scopes.join(', ')}</td>
                  <td>{formatDateTime(tok.createdAt, lang)}</td>
                  <td>{formatDateTime(tok.lastUsedAt, lang)}</td>
                  <td>
                    {tok.revokedAt ? (
                      p('token_revoked')
                    ) : (
                      <form method="post" action={`/profile/tokens/${tok.id}/revoke`}>
                        <input type="hidden" name="_csrf" value={csrf} />
                        <button type="submit" class="link">
                          {`${p('token_revoke')}: ${tok.name}`}
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
      <Form
        action="/profile/tokens"
        csrf={csrf}
        lang={lang}
        errors={state.tokenErrors}
        labels={{ name: p('token_name'), scopes: p('token_scopes') }}
      >
        <Field name="name" label={p('token_name')} required errors={state.tokenErrors} maxlength={100} />
        <fieldset class="field">
          <legend>{p('token_scopes')}</legend>
          {apiScopes.map((s) => (
            <label class="check">
              <input type="checkbox" name="scopes" value={s} checked={s.endsWith(':read')} /> <code>{s}</code>
            </label>
          ))}
        </fieldset>
        <Field
          name="expiresInDays"
          label={p('token_expires')}
          inputmode="numeric"
          value="90"
          errors={state.tokenErrors}
        />
        <div class="actions">
          <button type="submit">{p('token_create')}</button>
        </div>
      </Form>
    </section>,
    status,
  )
}

profileRoutes.get('/profile', (c) => profilePage(c))

profileRoutes.post('/profile', async (c) => {
  const actor = requireAccount(c)
  const lang = c.get('lang')
  const raw = Object.fromEntries(
    ['givenName', 'familyName', 'email', 'phone', 'street', 'postalCode', 'city', 'country'].map((f) => [
      f,
      formValue(c, f),
    ]),
  )
  const parsed = personInput.safeParse(raw)
  if (!parsed.success)
    return profilePage(c, { personValues: raw, personErrors: errorsByField(fieldIssues(parsed.error, lang)) }, 422)
  const deps = c.get('deps')
  await inTransaction(c, (trx) => updatePerson(trx, actor, actor.personId!, parsed.data, deps))
  return redirectWithFlash(c, '/profile', translator(authText, lang)('profile_saved'))
})

profileRoutes.post('/profile/password', async (c) => {
  const actor = requireAccount(c)
  const lang = c.get('lang')
  const deps = c.get('deps')
  try {
    await inTransaction(c, (trx) =>
      changePassword(
        trx,
        actor,
        {
          current: formValue(c, 'current'),
          password: formValue(c, 'password'),
          passwordConfirm: formValue(c, 'passwordConfirm'),
        },
        c.get('session')?.tokenHash ?? null,
        deps,
      ),
    )
  } catch (error) {
    if (error instanceof DomainError && error.code === 'validation')
      return profilePage(c, { passwordErrors: errorsByField(localiseIssues(error.fields, lang)) }, 422)
    throw error
  }
  return redirectWithFlash(c, '/profile', translator(authText, lang)('password_changed'))
})

profileRoutes.post('/profile/two-factor/setup', async (c) => {
  const actor = requireAccount(c)
  const setup = await inTransaction(c, (trx) => beginTotpSetup(trx, actor))
  return profilePage(c, { setup })
})

profileRoutes.post('/profile/two-factor/enable', async (c) => {
  const actor = requireAccount(c)
  const lang = c.get('lang')
  const deps = c.get('deps')
  try {
    await inTransaction(c, (trx) => enableTotp(trx, actor, formValue(c, 'code'), deps))
  } catch (error) {
    if (error instanceof DomainError && error.code === 'totp_invalid') {
      const setup = await inTransaction(c, (trx) => beginTotpSetup(trx, actor))
      return profilePage(
        c,
        { setup, totpErrors: errorsByField(localiseIssues([{ path: 'code', message: 'totp_invalid' }], lang)) },
        422,
      )
    }
    throw error
  }
  return redirectWithFlash(c, '/profile#two-factor', translator(authText, lang)('two_factor_enabled'))
})

profileRoutes.post('/profile/two-factor/disable', async (c) => {
  const actor = requireAccount(c)
  const lang = c.get('lang')
  const deps = c.get('deps')
  try {
    await inTransaction(c, (trx) => disableTotp(trx, actor, formValue(c, 'password'), deps))
  } catch (error) {
    if (error instanceof DomainError && error.code === 'validation')
      return profilePage(c, { totpErrors: errorsByField(localiseIssues(error.fields, lang)) }, 422)
    throw error
  }
  return redirectWithFlash(c, '/profile#two-factor', translator(authText, lang)('two_factor_disabled'))
})

profileRoutes.post('/profile/tokens', async (c) => {
  const actor = requireAccount(c)
  const lang = c.get('lang')
  const parsed = tokenForm.safeParse({
    name: formValue(c, 'name'),
    scopes: formValues(c, 'scopes'),
    expiresInDays: formValue(c, 'expiresInDays'),
  })
  if (!parsed.success) return profilePage(c, { tokenErrors: errorsByField(fieldIssues(parsed.error, lang)) }, 422)
  const deps = c.get('deps')
  const created = await inTransaction(c, (trx) => createApiToken(trx, actor, parsed.data, deps))
  return profilePage(c, { newToken: created.token })
})

profileRoutes.post('/profile/tokens/:id/revoke', async (c) => {
  const actor = requireAccount(c)
  const id = idParam(c.req.param('id'))
  const deps = c.get('deps')
  await inTransaction(c, (trx) => revokeApiToken(trx, actor, id, deps))
  return redirectWithFlash(c, '/profile#tokens', translator(profileText, c.get('lang'))('token_revoked'))
})
