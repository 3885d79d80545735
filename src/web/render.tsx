import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { html } from 'hono/html'
import type { Child } from 'hono/jsx'
import type { AppContext } from '../platform/context.ts'
import { translator } from '../platform/i18n.ts'
import { Layout } from './layout.tsx'
import { common } from './messages.ts'
import { flashCookie } from './middleware.ts'

/** Renders a page in the shell with the request's language, actor, CSRF token and pending flash message. */
export function render(
  c: AppContext,
  title: string,
  body: Child,
  status: 200 | 400 | 401 | 403 | 404 | 409 | 413 | 422 | 423 | 429 | 500 | 503 = 200,
  banner?: Child,
) {
  const flash = getCookie(c, flashCookie)
  if (flash) deleteCookie(c, flashCookie, { path: '/' })
  const url = new URL(c.req.url)
  // The doctype keeps browsers out of quirks mode.
  return c.html(
    html`<!doctype html>${(
      <Layout
        lang={c.get('lang')}
        actor={c.get('actor')}
        csrf={c.get('csrf')}
        title={title}
        path={url.pathname + url.search}
        flash={flash ? decodeURIComponent(flash) : null}
        banner={banner}
      >
        {body}
      </Layout>
    )}`,
    status,
  )
}

/** Post/redirect/get: a message for the next page, then a 303 to it. */
export function redirectWithFlash(c: AppContext, location: string, message: string) {
  setCookie(c, flashCookie, encodeURIComponent(message), { path: '/', httpOnly: true, sameSite: 'Lax', maxAge: 60 })
  return c.redirect(location, 303)
}

/** Only local paths: a `next` parameter must never send people to another site. */
export function safeNext(next: string | undefined | null, fallback = '/'): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback
  return next
}

export function formValue(c: AppContext, name: string): string {
  const v = c.get('form')[name]
  return typeof v === 'string' ? v : Array.isArray(v) ? (v[0] ?? '') : ''
}

export function formValues(c: AppContext, name: string): string[] {
  const v = c.get('form')[name]
  return v === undefined ? [] : Array.isArray(v) ? v : [v]
}

export function ErrorPage(props: {
  c: AppContext
  kind: 'not_found' | 'forbidden' | 'error' | 'bad_request'
  detail?: string
}) {
  const t = translator(common, props.c.get('lang'))
  const title =
    props.kind === 'not_found'
      ? t('not_found_title')
      : props.kind === 'forbidden'
        ? t('forbidden_title')
        : props.kind === 'bad_request'
          ? t('bad_request_title')
          : t('error_title')
  const text =
    props.detail ??
    (props.kind === 'not_found'
      ? t('not_found_text')
      : props.kind === 'forbidden'
        ? t('forbidden_text')
        : t('error_text'))
  return (
    <section>
      <h1>{title}</h1>
      <p>{text}</p>
      <p>
        <a href="/">{t('back_home')}</a>
      </p>
    </section>
  )
}

export function pageTitle(c: AppContext, key: Parameters<ReturnType<typeof translator<keyof typeof common.de>>>[0]) {
  return translator(common, c.get('lang'))(key)
}
