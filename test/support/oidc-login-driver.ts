/**
 * A browser-less user agent for the test OpenID Provider in ./oidc-provider.ts: it follows redirects by hand,
 * keeps cookies like a browser and submits the login and consent forms, so tests exercise the real OP pages.
 */

interface StoredCookie {
  name: string
  origin: string
  value: string
  path: string
  expires: number
}

/** Just enough of a browser cookie jar: scoped by origin, honours Path, Max-Age and Expires (oidc-provider scopes its interaction cookies by path). */
class CookieJar {
  readonly #cookies = new Map<string, StoredCookie>()

  store(url: URL, setCookies: string[]): void {
    for (const line of setCookies) {
      const [pair = '', ...attrs] = line.split(';')
      const eq = pair.indexOf('=')
      if (eq < 1) continue
      const name = pair.slice(0, eq).trim()
      const cookie: StoredCookie = {
        name,
        origin: url.origin,
        value: pair.slice(eq + 1).trim(),
        path: '',
        expires: Infinity,
      }
      let maxAge: number | undefined
      for (const attr of attrs) {
        const [key = '', val = ''] = attr.split('=').map((s) => s.trim())
        const lower = key.toLowerCase()
        if (lower === 'path' && val.startsWith('/')) cookie.path = val
        if (lower === 'expires' && !Number.isNaN(Date.parse(val))) cookie.expires = Date.parse(val)
        if (lower === 'max-age' && /^-?\d+$/.test(val)) maxAge = Number(val)
      }
      // Max-Age wins over Expires (RFC 6265 5.3)
      if (maxAge !== undefined) cookie.expires = Date.now() + maxAge * 1000
      cookie.path ||= url.pathname.slice(0, url.pathname.lastIndexOf('/')) || '/'
      const key = `${cookie.origin} ${cookie.path} ${name}`
      if (cookie.expires <= Date.now()) this.#cookies.delete(key)
      else this.#cookies.set(key, cookie)
    }
  }

  header(url: URL): string {
    const matches = (path: string) =>
      url.pathname === path || url.pathname.startsWith(path.endsWith('/') ? path : `${path}/`)
    return [...this.#cookies.values()]
      .filter((c) => c.origin === url.origin && c.expires > Date.now() && matches(c.path))
      .sort((a, b) => b.path.length - a.path.length)
      .map((c) => `${c.name}=${c.value}`)
      .join('; ')
  }
}

const decodeHtml = (value: string) =>
  value.replace(/&(#\d+|#x[\da-f]+|amp|lt|gt|quot|apos);/gi, (entity, code: string) => {
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }
    if (code.startsWith('#'))
      return String.fromCodePoint(Number(code[1]?.toLowerCase() === 'x' ? `0${code.slice(1)}` : code.slice(1)))
    return named[code.toLowerCase()] ?? entity
  })

function attributes(tag: string): Map<string, string> {
  const attrs = new Map<string, string>()
  for (const m of tag.matchAll(/([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/g)) {
    attrs.set(m[1]!.toLowerCase(), decodeHtml(m[2] ?? m[3] ?? m[4] ?? ''))
  }
  return attrs
}

/** First form of an HTML page with its successful controls, as a browser would submit it. */
function parseForm(
  html: string,
): { action: string; method: string; fields: URLSearchParams; isLogin: boolean } | undefined {
  const form = /<form\b([^>]*)>([\s\S]*?)<\/form>/i.exec(html)
  if (!form) return undefined
  const attrs = attributes(form[1] ?? '')
  const fields = new URLSearchParams()
  let isLogin = false
  for (const input of (form[2] ?? '').matchAll(/<input\b([^>]*)>/gi)) {
    const a = attributes(input[1] ?? '')
    const name = a.get('name')
    if (a.get('type') === 'password') isLogin = true
    if (!name || ['submit', 'button', 'reset', 'image'].includes(a.get('type') ?? '')) continue
    fields.append(name, a.get('value') ?? '')
  }
  return { action: attrs.get('action') ?? '', method: (attrs.get('method') ?? 'get').toUpperCase(), fields, isLogin }
}

const pageText = (html: string) =>
  decodeHtml(html.replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, '').replace(/<[^>]+>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim()

/**
 * Follows an authorization URL through the provider's own login and consent pages over HTTP (cookie jar, form posts),
 * logging in as `login` (the account's sub), and returns the final redirect URL that points at the relying party's
 * redirect_uri (with code & state) WITHOUT requesting it. Each call starts with an empty cookie jar, i.e. without an
 * SSO session. A refused login (unknown login, wrong password) rejects; an OP error sent back to the redirect_uri
 * (e.g. `error=access_denied`) is returned like a success so the caller's callback handling can be tested.
 */
export async function driveOidcLogin(authorizationUrl: string, login: string, password?: string): Promise<URL> {
  const start = new URL(authorizationUrl)
  const redirectUri = start.searchParams.get('redirect_uri')
  const target = redirectUri ? new URL(redirectUri) : undefined
  const isRedirectTarget = (url: URL) =>
    target ? url.origin === target.origin && url.pathname === target.pathname : url.origin !== start.origin
  const jar = new CookieJar()
  let request: { url: URL; method: string; body?: URLSearchParams } = { url: start, method: 'GET' }
  let loginSubmitted = false

  for (let step = 0; step < 20; step++) {
    const { url, method, body } = request
    const cookie = jar.header(url)
    const res = await fetch(url, {
      method,
      body,
      redirect: 'manual',
      headers: { accept: 'text/html', ...(cookie ? { cookie } : {}) },
    })
    jar.store(url, res.headers.getSetCookie())
    const location = res.headers.get('location')
    if (res.status >= 300 && res.status < 400 && location) {
      await res.body?.cancel()
      const next = new URL(location, url)
      if (isRedirectTarget(next)) return next
      request = { url: next, method: 'GET' }
      continue
    }
    const html = await res.text()
    if (!res.ok) {
      throw new Error(`OIDC login: ${method} ${url.pathname} answered ${res.status}: ${pageText(html).slice(0, 300)}`)
    }
    const form = parseForm(html)
    if (!form) throw new Error(`OIDC login: no form on ${url.pathname}: ${pageText(html).slice(0, 300)}`)
    if (form.isLogin) {
      if (loginSubmitted) {
        const alert = /<[^>]*role="alert"[^>]*>([\s\S]*?)<\//i.exec(html)?.[1]
        throw new Error(`OIDC login as "${login}" was refused: ${pageText(alert ?? html).slice(0, 200)}`)
      }
      loginSubmitted = true
      form.fields.set('login', login)
      form.fields.set('password', password ?? '')
    }
    const action = new URL(form.action || url.href, url)
    if (form.method === 'GET') {
      action.search = form.fields.toString()
      request = { url: action, method: 'GET' }
    } else request = { url: action, method: 'POST', body: form.fields }
  }
  throw new Error(`OIDC login: gave up after 20 requests starting at ${start.pathname}`)
}
