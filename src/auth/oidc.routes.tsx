import { Hono } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import type { AppContext, AppEnv } from '../platform/context.ts'
import { DomainError } from '../platform/errors.ts'
import { translator } from '../platform/i18n.ts'
import { clientIp } from '../web/client.ts'
import { redirectWithFlash, render, safeNext } from '../web/render.tsx'
import { inTransaction } from '../web/transaction.ts'
import { authText } from './auth.messages.ts'
import { LoginPage } from './auth.pages.tsx'
import { setSessionCookie } from './auth.routes.tsx'
import { cookieSecret, signInWithOidc } from './oidc.actions.ts'
import {
  beginAuthorization,
  finishAuthorization,
  type OidcClaims,
  type OidcSettings,
  oidcConfiguration,
  openPending,
  pendingLifetimeMs,
  sealPending,
} from './oidc.client.ts'

/** Holds the sealed PKCE verifier, state, nonce and `next` between the start and the callback. */
export const pendingCookie = 'allmende_oidc'
const cookiePath = '/auth/oidc'

export const oidcRoutes = new Hono<AppEnv>()

function settingsOf(c: AppContext): OidcSettings {
  const settings = c.get('deps').config.oidc
  if (!settings) throw new DomainError('not_found', 'oidc is not configured')
  return settings
}

/** The login page with a message: the person can try again, or use a password instead. */
function refuse(
  c: AppContext,
  key: 'oidc_failed' | 'oidc_no_account' | 'oidc_account_disabled',
  status: 400 | 403 | 503,
  next = '/',
) {
  const lang = c.get('lang')
  const t = translator(authText, lang)
  const settings = settingsOf(c)
  return render(
    c,
    t('sign_in_title'),
    <LoginPage
      lang={lang}
      csrf={c.get('csrf')}
      next={next}
      message={t(key, { provider: settings.label })}
      oidcLabel={settings.label}
    />,
    status,
  )
}

/** Operators need to see why a provider refused us (wrong secret, clock skew); people see a plain message. */
function logFailure(c: AppContext, what: string, error: unknown): void {
  if (c.get('deps').config.logLevel === 'silent') return
  const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
  console.warn(`[${new Date().toISOString()}] oidc ${what} failed: ${reason}`)
}

oidcRoutes.get('/auth/oidc/start', async (c) => {
  const settings = settingsOf(c)
  const deps = c.get('deps')
  const next = safeNext(c.req.query('next'))
  if (c.get('actor').kind === 'account') return c.redirect(next, 303)
  let configuration: Awaited<ReturnType<typeof oidcConfiguration>>
  try {
    configuration = await oidcConfiguration(settings)
  } catch (error) {
    logFailure(c, 'discovery', error)
    return refuse(c, 'oidc_failed', 503, next)
  }
  const { url, pending } = await beginAuthorization(configuration, deps.config, next)
  setCookie(c, pendingCookie, sealPending(await cookieSecret(deps.db), pending, deps.clock.now()), {
    httpOnly: true,
    // Lax: the cookie comes back with the provider's top-level GET redirect to the callback.
    sameSite: 'Lax',
    secure: deps.config.cookieSecure,
    path: cookiePath,
    maxAge: pendingLifetimeMs / 1000,
  })
  return c.redirect(url.href, 302)
})

oidcRoutes.get('/auth/oidc/callback', async (c) => {
  const settings = settingsOf(c)
  const deps = c.get('deps')
  const sealed = getCookie(c, pendingCookie)
  // One use only: whatever happens next, this sign-in attempt is over.
  deleteCookie(c, pendingCookie, { path: cookiePath, secure: deps.config.cookieSecure })
  const pending = openPending(await cookieSecret(deps.db), sealed, deps.clock.now())
  if (!pending) return refuse(c, 'oidc_failed', 400)
  if (c.req.query('error')) {
    logFailure(c, 'authorization', new Error(`${c.req.query('error')}: ${c.req.query('error_description') ?? ''}`))
    return refuse(c, 'oidc_failed', 400, pending.next)
  }

  let claims: OidcClaims
  try {
    const configuration = await oidcConfiguration(settings)
    // The app may sit behind a proxy: the URL the provider redirected to is ours, not the one the request shows.
    const requested = new URL(c.req.url)
    const currentUrl = new URL(`${deps.config.baseUrl}${requested.pathname}${requested.search}`)
    claims = await finishAuthorization(configuration, currentUrl, pending)
  } catch (error) {
    logFailure(c, 'code exchange', error)
    return refuse(c, 'oidc_failed', 400, pending.next)
  }

  const result = await inTransaction(c, (trx) =>
    signInWithOidc(trx, { claims, ip: clientIp(c), userAgent: c.req.header('user-agent') ?? null }, deps),
  )
  if (!result.ok) {
    const key = result.error === 'account_disabled' ? 'oidc_account_disabled' : 'oidc_no_account'
    return refuse(c, key, 403, pending.next)
  }
  setSessionCookie(c, result.session)
  const next = safeNext(pending.next)
  if (result.linked) {
    return redirectWithFlash(c, next, translator(authText, c.get('lang'))('oidc_linked', { provider: settings.label }))
  }
  return c.redirect(next, 303)
})
