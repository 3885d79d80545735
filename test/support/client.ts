import type { TestApp } from './app.ts'

/**
 * A browser-like client for in-process requests: keeps cookies, reads the CSRF token from the last page,
 * posts forms the way a browser does.
 */
export class TestClient {
  cookies = new Map<string, string>()
  csrf = ''
  lastBody = ''
  /** Sent as X-Forwarded-For (with TRUST_PROXY on), so many sign-ins do not share one rate limit. */
  ip: string | null = null

  constructor(private readonly t: TestApp) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
  }

  private store(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attrs] = line.split(';')
      const eq = pair.indexOf('=')
      const name = pair.slice(0, eq).trim()
      const value = pair.slice(eq + 1).trim()
      const expired = attrs.some((a) => /max-age=0/i.test(a.trim()) || /expires=thu, 01 jan 1970/i.test(a.trim()))
      if (expired || value === '') this.cookies.delete(name)
      else this.cookies.set(name, value)
    }
  }

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers)
    if (this.cookies.size) headers.set('cookie', this.cookieHeader())
    if (this.ip) headers.set('x-forwarded-for', this.ip)
    const res = await this.t.app.request(path, { ...init, headers, redirect: 'manual' })
    this.store(res)
    return res
  }

  /** GET a page, remember its CSRF token and body. */
  async get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    const res = await this.request(path, { headers })
    const body = await res.clone().text()
    this.lastBody = body
    const match = /name="_csrf" value="([^"]+)"/.exec(body)
    if (match) this.csrf = match[1]!
    else if (!this.csrf && this.cookies.has('allmende_csrf')) this.csrf = this.cookies.get('allmende_csrf')!
    return res
  }

  /** POST a form with the CSRF token (fetched first from `from` if none is known yet). */
  async post(
    path: string,
    fields: Record<string, string | string[]>,
    options: { csrf?: string | null; headers?: Record<string, string> } = {},
  ): Promise<Response> {
    if (!this.csrf && options.csrf === undefined) await this.get('/login')
    const body = new URLSearchParams()
    const csrf = options.csrf === undefined ? this.csrf : options.csrf
    if (csrf !== null) body.append('_csrf', csrf)
    for (const [k, v] of Object.entries(fields)) for (const item of Array.isArray(v) ? v : [v]) body.append(k, item)
    const res = await this.request(path, {
      method: 'POST',
      body: body.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...options.headers },
    })
    this.lastBody = await res.clone().text()
    return res
  }

  async signIn(email: string, password: string): Promise<Response> {
    await this.get('/login')
    return this.post('/login', { email, password, next: '/' })
  }
}

export function api(
  t: TestApp,
  token: string | null,
  path: string,
  init: RequestInit & { json?: unknown } = {},
): Promise<Response> {
  const headers = new Headers(init.headers)
  if (token) headers.set('authorization', `Bearer ${token}`)
  let body = init.body
  if (init.json !== undefined) {
    headers.set('content-type', 'application/json')
    body = JSON.stringify(init.json)
  }
  return Promise.resolve(t.app.request(`/api/v1${path}`, { ...init, headers, body }))
}

/** A client signed in with the test password; fails the test if the sign-in does not go through. */
export async function signedInClient(t: TestApp, email: string, password: string): Promise<TestClient> {
  const c = new TestClient(t)
  const res = await c.signIn(email, password)
  if (res.status !== 303) throw new Error(`sign-in of ${email} failed with ${res.status}`)
  return c
}
