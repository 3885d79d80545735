import { authText } from '../auth/auth.messages.ts'
import type { AccountRow } from '../db/schema.ts'
import { PersonFields, type PersonFormValues, personLabels } from '../people/people.pages.tsx'
import type { Person } from '../people/people.schema.ts'
import { type ApiScope, apiScopes } from '../platform/actor.ts'
import { formatDateTime, type Language, translator } from '../platform/i18n.ts'
import type { ApiTokenInfo } from '../tokens/tokens.actions.ts'
import { type Errors, Field, Form } from '../web/components.tsx'
import { profileText } from './profile.messages.ts'

export interface ProfileState {
  personValues?: PersonFormValues
  personErrors?: Errors
  passwordErrors?: Errors
  totpErrors?: Errors
  tokenErrors?: Errors
  newToken?: string
  setup?: { secret: string; uri: string }
}

/** My profile: personal data, password, two-factor sign-in and API tokens, each its own form. */
export function ProfilePage(props: {
  lang: Language
  csrf: string
  person: Person
  account: Pick<AccountRow, 'email' | 'email_verified_at' | 'totp_enabled_at'>
  tokens: ApiTokenInfo[]
  /** The TOTP QR code as SVG, made on the server. */
  qr: string | null
  state: ProfileState
}) {
  const { lang, csrf, person, account, tokens, qr, state } = props
  const t = translator(authText, lang)
  const p = translator(profileText, lang)
  const scopes: readonly ApiScope[] = apiScopes
  return (
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
          {scopes.map((s) => (
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
    </section>
  )
}
