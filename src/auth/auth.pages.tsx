import type { Language } from '../platform/i18n.ts'
import { translator } from '../platform/i18n.ts'
import { type Errors, Field, Form } from '../web/components.tsx'
import { authText } from './auth.messages.ts'

interface Base {
  lang: Language
  csrf: string
  errors?: Errors
}

export function LoginPage(props: Base & { email?: string; message?: string; next?: string; oidcLabel?: string }) {
  const t = translator(authText, props.lang)
  return (
    <section>
      <h1>{t('sign_in_title')}</h1>
      {props.message && (
        <p class="error-summary" role="alert">
          {props.message}
        </p>
      )}
      <Form
        action="/login"
        csrf={props.csrf}
        lang={props.lang}
        errors={props.errors}
        labels={{ email: t('email'), password: t('password') }}
      >
        <input type="hidden" name="next" value={props.next ?? '/'} />
        <Field
          name="email"
          label={t('email')}
          type="email"
          autocomplete="username"
          value={props.email}
          required
          errors={props.errors}
        />
        <Field
          name="password"
          label={t('password')}
          type="password"
          autocomplete="current-password"
          required
          errors={props.errors}
        />
        <div class="actions">
          <button type="submit">{t('sign_in_button')}</button>
          <a href="/password/forgot">{t('forgot_link')}</a>
        </div>
      </Form>
      {props.oidcLabel && (
        <>
          <p>{t('or')}</p>
          <p>
            <a class="button secondary" href={`/auth/oidc/start?next=${encodeURIComponent(props.next ?? '/')}`}>
              {t('sign_in_with', { provider: props.oidcLabel })}
            </a>
          </p>
        </>
      )}
    </section>
  )
}

export function SecondFactorPage(props: Base & { message?: string; next?: string }) {
  const t = translator(authText, props.lang)
  return (
    <section>
      <h1>{t('second_factor_title')}</h1>
      <p>{t('second_factor_text')}</p>
      <Form
        action={`/login/second-factor?next=${encodeURIComponent(props.next ?? '/')}`}
        csrf={props.csrf}
        lang={props.lang}
        errors={props.errors}
        labels={{ code: t('code') }}
      >
        <Field
          name="code"
          label={t('code')}
          inputmode="numeric"
          autocomplete="one-time-code"
          required
          errors={props.errors}
          maxlength={8}
        />
        <div class="actions">
          <button type="submit">{t('confirm')}</button>
        </div>
      </Form>
    </section>
  )
}

export function ForgotPage(props: Base & { sent?: boolean; email?: string }) {
  const t = translator(authText, props.lang)
  return (
    <section>
      <h1>{t('forgot_title')}</h1>
      {props.sent ? (
        <p class="flash" role="status">
          {t('forgot_sent')}
        </p>
      ) : (
        <>
          <p>{t('forgot_text')}</p>
          <Form
            action="/password/forgot"
            csrf={props.csrf}
            lang={props.lang}
            errors={props.errors}
            labels={{ email: t('email') }}
          >
            <Field
              name="email"
              label={t('email')}
              type="email"
              autocomplete="email"
              value={props.email}
              required
              errors={props.errors}
            />
            <div class="actions">
              <button type="submit">{t('send_link')}</button>
            </div>
          </Form>
        </>
      )}
    </section>
  )
}

/** Shared by the reset link and the invitation: a token and a new password, twice. */
export function SetPasswordPage(
  props: Base & { action: string; token: string; title: string; intro?: string; invalid?: boolean },
) {
  const t = translator(authText, props.lang)
  return (
    <section>
      <h1>{props.title}</h1>
      {props.invalid ? (
        <p class="error-summary" role="alert">
          {t('token_invalid')} <a href="/password/forgot">{t('forgot_link')}</a>
        </p>
      ) : (
        <>
          {props.intro && <p>{props.intro}</p>}
          <Form
            action={props.action}
            csrf={props.csrf}
            lang={props.lang}
            errors={props.errors}
            labels={{ password: t('new_password'), passwordConfirm: t('password_confirm') }}
          >
            <input type="hidden" name="token" value={props.token} />
            <Field
              name="password"
              label={t('new_password')}
              type="password"
              autocomplete="new-password"
              hint={t('password_hint')}
              required
              errors={props.errors}
            />
            <Field
              name="passwordConfirm"
              label={t('password_confirm')}
              type="password"
              autocomplete="new-password"
              required
              errors={props.errors}
            />
            <div class="actions">
              <button type="submit">{t('save')}</button>
            </div>
          </Form>
        </>
      )}
    </section>
  )
}
