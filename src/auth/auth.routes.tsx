import { z } from '@hono/zod-openapi'
import { Hono } from 'hono'
import { deleteCookie, setCookie } from 'hono/cookie'
import type { AppContext, AppEnv } from '../platform/context.ts'
import { sha256 } from '../platform/crypto.ts'
import { DomainError } from '../platform/errors.ts'
import { email, fieldIssues, localiseIssues } from '../platform/fields.ts'
import { formatDateTime, isLanguage, translator } from '../platform/i18n.ts'
import { clientIp } from '../web/client.ts'
import { errorsByField } from '../web/components.tsx'
import { langCookie, sessionCookie } from '../web/middleware.ts'
import { formValue, redirectWithFlash, render, safeNext } from '../web/render.tsx'
import { inTransaction } from '../web/transaction.ts'
import {
  completeSecondFactor,
  type NewSession,
  requestPasswordReset,
  resetPassword,
  sendEmailVerification,
  setLanguage,
  signIn,
  verifyEmail,
} from './auth.actions.ts'
import { authText } from './auth.messages.ts'
import { ForgotPage, LoginPage, SecondFactorPage, SetPasswordPage } from './auth.pages.tsx'
import { deleteSession, sessionIdleMs } from './session.repo.ts'

/** Sets the session cookie: http-only, same-site Lax, secure when served over https (or on localhost). */
export function setSessionCookie(c: AppContext, session: NewSession): void {
  setCookie(c, sessionCookie, session.token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: c.get('deps').config.cookieSecure,
    path: '/',
    maxAge: session.secondFactorPending ? 600 : Math.floor(sessionIdleMs / 1000) * 28,
  })
}

export const authRoutes = new Hono<AppEnv>()

authRoutes.get('/login', (c) => {
  if (c.get('actor').kind === 'account') return c.redirect(safeNext(c.req.query('next')), 303)
  const t = translator(authText, c.get('lang'))
  return render(
    c,
    t('sign_in_title'),
    <LoginPage
      lang={c.get('lang')}
      csrf={c.get('csrf')}
      next={safeNext(c.req.query('next'))}
      oidcLabel={c.get('deps').config.oidc?.label}
    />,
  )
})

authRoutes.post('/login', async (c) => {
  const lang = c.get('lang')
  const t = translator(authText, lang)
  const next = safeNext(formValue(c, 'next'))
  const input = { email: formValue(c, 'email').trim(), password: formValue(c, 'password') }
  const oidcLabel = c.get('deps').config.oidc?.label
  const parsed = z
    .object({ email: email(), password: z.string().min(1, { error: 'required' }).max(1000, { error: 'too_long' }) })
    .safeParse(input)
  if (!parsed.success) {
    const errors = errorsByField(fieldIssues(parsed.error, lang))
    return render(
      c,
      t('sign_in_title'),
      <LoginPage
        lang={lang}
        csrf={c.get('csrf')}
        email={input.email}
        errors={errors}
        next={next}
        oidcLabel={oidcLabel}
      />,
      422,
    )
  }
  const deps = c.get('deps')
  const result = await inTransaction(c, (trx) =>
    signIn(trx, { ...parsed.data, ip: clientIp(c), userAgent: c.req.header('user-agent') ?? null }, deps),
  )
  if (!result.ok) {
    const message =
      result.error === 'account_locked'
        ? t('account_locked', { until: formatDateTime(result.lockedUntil, lang) })
        : t(result.error)
    const status = result.error === 'rate_limited' ? 429 : result.error === 'account_locked' ? 423 : 401
    return render(
      c,
      t('sign_in_title'),
      <LoginPage
        lang={lang}
        csrf={c.get('csrf')}
        email={input.email}
        message={message}
        next={next}
        oidcLabel={oidcLabel}
      />,
      status,
    )
  }
  setSessionCookie(c, result.session)
  if (result.session.secondFactorPending)
    return c.redirect(`/login/second-factor?next=${encodeURIComponent(next)}`, 303)
  return c.redirect(next, 303)
})

authRoutes.get('/login/second-factor', (c) => {
  const session = c.get('session')
  if (!session?.secondFactorPending) return c.redirect('/login', 303)
  const t = translator(authText, c.get('lang'))
  return render(
    c,
    t('second_factor_title'),
    <SecondFactorPage lang={c.get('lang')} csrf={c.get('csrf')} next={safeNext(c.req.query('next'))} />,
  )
})

authRoutes.post('/login/second-factor', async (c) => {
  const session = c.get('session')
  if (!session?.secondFactorPending) return c.redirect('/login', 303)
  const lang = c.get('lang')
  const t = translator(authText, lang)
  const deps = c.get('deps')
  const full = await inTransaction(c, (trx) =>
    completeSecondFactor(
      trx,
      session,
      formValue(c, 'code'),
      { ip: clientIp(c), userAgent: c.req.header('user-agent') ?? null },
      deps,
    ),
  )
  if (full === 'too_many') return redirectWithFlash(c, '/login', t('second_factor_too_many'))
  if (full === 'retry') {
    return render(
      c,
      t('second_factor_title'),
      <SecondFactorPage
        lang={lang}
        csrf={c.get('csrf')}
        next={safeNext(c.req.query('next'))}
        errors={errorsByField(localiseIssues([{ path: 'code', message: 'totp_invalid' }], lang))}
      />,
      401,
    )
  }
  setSessionCookie(c, full)
  return c.redirect(safeNext(c.req.query('next')), 303)
})

authRoutes.post('/logout', async (c) => {
  const session = c.get('session')
  if (session) await deleteSession(c.get('deps').db, session.tokenHash)
  deleteCookie(c, sessionCookie, { path: '/' })
  return redirectWithFlash(c, '/login', translator(authText, c.get('lang'))('signed_out'))
})

authRoutes.get('/password/forgot', (c) => {
  const t = translator(authText, c.get('lang'))
  return render(c, t('forgot_title'), <ForgotPage lang={c.get('lang')} csrf={c.get('csrf')} />)
})

authRoutes.post('/password/forgot', async (c) => {
  const lang = c.get('lang')
  const t = translator(authText, lang)
  const parsed = z.object({ email: email() }).safeParse({ email: formValue(c, 'email') })
  if (!parsed.success) {
    return render(
      c,
      t('forgot_title'),
      <ForgotPage
        lang={lang}
        csrf={c.get('csrf')}
        email={formValue(c, 'email')}
        errors={errorsByField(fieldIssues(parsed.error, lang))}
      />,
      422,
    )
  }
  const deps = c.get('deps')
  await inTransaction(c, (trx) => requestPasswordReset(trx, parsed.data.email, lang, deps))
  return render(c, t('forgot_title'), <ForgotPage lang={lang} csrf={c.get('csrf')} sent />)
})

authRoutes.get('/password/reset', (c) => {
  const t = translator(authText, c.get('lang'))
  const token = c.req.query('token') ?? ''
  return render(
    c,
    t('reset_title'),
    <SetPasswordPage
      lang={c.get('lang')}
      csrf={c.get('csrf')}
      action="/password/reset"
      token={token}
      title={t('reset_title')}
      invalid={!token}
    />,
  )
})

authRoutes.post('/password/reset', async (c) => {
  const lang = c.get('lang')
  const t = translator(authText, lang)
  const token = formValue(c, 'token')
  const deps = c.get('deps')
  try {
    await inTransaction(c, (trx) =>
      resetPassword(
        trx,
        { token, password: formValue(c, 'password'), passwordConfirm: formValue(c, 'passwordConfirm') },
        lang,
        deps,
      ),
    )
  } catch (error) {
    if (error instanceof DomainError && error.code === 'validation') {
      return render(
        c,
        t('reset_title'),
        <SetPasswordPage
          lang={lang}
          csrf={c.get('csrf')}
          action="/password/reset"
          token={token}
          title={t('reset_title')}
          errors={errorsByField(error.fields)}
        />,
        422,
      )
    }
    if (error instanceof DomainError && error.code === 'token_invalid') {
      return render(
        c,
        t('reset_title'),
        <SetPasswordPage
          lang={lang}
          csrf={c.get('csrf')}
          action="/password/reset"
          token=""
          title={t('reset_title')}
          invalid
        />,
        400,
      )
    }
    throw error
  }
  return redirectWithFlash(c, '/login', t('reset_done'))
})

authRoutes.get('/verify-email', (c) => {
  const t = translator(authText, c.get('lang'))
  const token = c.req.query('token') ?? ''
  // A button, not an automatic GET: mail scanners that open links must not use up the token.
  return render(
    c,
    t('verify_done'),
    <section>
      <h1>{t('email')}</h1>
      <form method="post" action="/verify-email" class="stack">
        <input type="hidden" name="_csrf" value={c.get('csrf')} />
        <input type="hidden" name="token" value={token} />
        <button type="submit">{t('confirm')}</button>
      </form>
    </section>,
  )
})

authRoutes.post('/verify-email', async (c) => {
  const t = translator(authText, c.get('lang'))
  const deps = c.get('deps')
  try {
    await inTransaction(c, (trx) => verifyEmail(trx, formValue(c, 'token'), deps))
  } catch (error) {
    if (error instanceof DomainError && error.code === 'token_invalid')
      return redirectWithFlash(c, '/', t('token_invalid'))
    throw error
  }
  return redirectWithFlash(c, '/', t('verify_done'))
})

authRoutes.post('/verify-email/resend', async (c) => {
  const actor = c.get('actor')
  if (actor.kind !== 'account') throw new DomainError('unauthenticated')
  const deps = c.get('deps')
  await inTransaction(c, (trx) => sendEmailVerification(trx, actor, deps))
  return redirectWithFlash(c, '/profile', translator(authText, c.get('lang'))('verify_sent'))
})

/** Language switch: remembered in a cookie, and in the account for mails when signed in. */
authRoutes.get('/lang/:lang', async (c) => {
  const lang = c.req.param('lang')
  if (!isLanguage(lang)) throw new DomainError('not_found')
  setCookie(c, langCookie, lang, { path: '/', sameSite: 'Lax', maxAge: 365 * 24 * 3600, httpOnly: true })
  const actor = c.get('actor')
  if (actor.kind === 'account' && actor.language !== lang) {
    const deps = c.get('deps')
    await inTransaction(c, (trx) => setLanguage(trx, actor, lang, deps))
  }
  return c.redirect(safeNext(c.req.query('next')), 303)
})

export { sha256 }
