import { generateKeyPair, randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { promisify } from 'node:util'
// @ts-expect-error -- oidc-provider ships no type declarations; the small surface used here is typed below
import Provider from 'oidc-provider'

export { driveOidcLogin } from './oidc-login-driver.ts'

/** An end-user known to the test provider. `sub` doubles as the login name; without `password` any password is accepted. */
export interface TestOidcAccount {
  sub: string
  email: string
  emailVerified: boolean
  name?: string
  password?: string
}

/** A running test provider. `accounts` is live: entries added or changed after start are seen by later logins. */
export interface TestOidcProvider {
  issuer: string
  clientId: string
  clientSecret: string
  close(): Promise<void>
  accounts: Map<string, TestOidcAccount>
}

interface InteractionDetails {
  uid: string
  prompt: { name: string; details: Record<string, unknown> }
  params: Record<string, unknown>
  session?: { accountId?: string }
  grantId?: string
}
interface Grant {
  addOIDCScope(scope: string): void
  addOIDCClaims(claims: string[]): void
  addResourceScope(indicator: string, scope: string): void
  save(): Promise<string>
}
interface OidcProvider {
  callback(): (req: IncomingMessage, res: ServerResponse) => void
  interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<InteractionDetails>
  interactionFinished(
    req: IncomingMessage,
    res: ServerResponse,
    result: Record<string, unknown>,
    opts?: { mergeWithLastSubmission?: boolean },
  ): Promise<void>
  Grant: {
    new (init: { accountId: string; clientId: string }): Grant
    find(id: string): Promise<Grant | undefined>
  }
}
const OidcProviderClass = Provider as new (issuer: string, configuration: object) => OidcProvider

type Payload = Record<string, unknown> & { consumed?: number; uid?: string; grantId?: string; userCode?: string }

/** Per-provider in-memory adapter: keeps instances isolated and avoids the built-in MemoryAdapter's console warning. */
function memoryAdapterFactory() {
  const store = new Map<string, Payload>()
  const index = new Map<string, string>()
  return (model: string) => ({
    upsert: async (id: string, payload: Payload) => {
      store.set(`${model}:${id}`, payload)
      if (model === 'Session' && payload.uid) index.set(`sessionUid:${payload.uid}`, id)
      if (payload.userCode) index.set(`userCode:${payload.userCode}`, id)
      if (payload.grantId) index.set(`grant:${payload.grantId}:${model}:${id}`, `${model}:${id}`)
    },
    find: async (id: string) => store.get(`${model}:${id}`),
    findByUid: async (uid: string) => store.get(`${model}:${index.get(`sessionUid:${uid}`)}`),
    findByUserCode: async (code: string) => store.get(`${model}:${index.get(`userCode:${code}`)}`),
    consume: async (id: string) => {
      const payload = store.get(`${model}:${id}`)
      if (payload) payload.consumed = Math.floor(Date.now() / 1000)
    },
    destroy: async (id: string) => {
      store.delete(`${model}:${id}`)
    },
    revokeByGrantId: async (grantId: string) => {
      for (const [key, target] of index) {
        if (key.startsWith(`grant:${grantId}:`)) store.delete(target)
      }
    },
  })
}

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

function page(title: string, body: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`
}

function loginPage(uid: string, error?: string): string {
  const alert = error ? `<p role="alert" class="error">${escapeHtml(error)}</p>` : ''
  return page(
    'Sign in',
    `${alert}<form method="post" action="/interaction/${uid}/login">` +
      '<label>Login <input name="login" autocomplete="username" required autofocus></label>' +
      '<label>Password <input name="password" type="password" autocomplete="current-password"></label>' +
      `<button type="submit">Sign in</button></form><a href="/interaction/${uid}/abort">Cancel</a>`,
  )
}

function consentPage(uid: string, clientId: string, scope: string): string {
  return page(
    'Authorize',
    `<p>${escapeHtml(clientId)} asks for: ${escapeHtml(scope)}</p>` +
      `<form method="post" action="/interaction/${uid}/confirm"><input type="hidden" name="prompt" value="consent">` +
      `<button type="submit">Continue</button></form><a href="/interaction/${uid}/abort">Cancel</a>`,
  )
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'))
}

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' })
  res.end(html)
}

/** Minimal login/consent pages (instead of devInteractions) so passwords and unknown logins can be refused. */
async function handleInteraction(
  provider: OidcProvider,
  accounts: Map<string, TestOidcAccount>,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const [, , uid = '', action = ''] = new URL(req.url ?? '/', 'http://x').pathname.split('/')
  const details = await provider.interactionDetails(req, res)
  if (details.uid !== uid) throw new Error('interaction uid does not match the interaction cookie')
  const { prompt, params } = details
  if (req.method === 'GET' && action === '') {
    if (prompt.name === 'login') return sendHtml(res, 200, loginPage(uid))
    return sendHtml(res, 200, consentPage(uid, String(params.client_id), String(params.scope)))
  }
  if (req.method === 'GET' && action === 'abort') {
    const result = { error: 'access_denied', error_description: 'End-User aborted interaction' }
    return provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false })
  }
  if (req.method === 'POST' && action === 'login' && prompt.name === 'login') {
    const form = await readForm(req)
    const account = accounts.get(form.get('login') ?? '')
    if (!account || (account.password !== undefined && account.password !== form.get('password'))) {
      return sendHtml(res, 200, loginPage(uid, 'Invalid login or password'))
    }
    const result = { login: { accountId: account.sub } }
    return provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false })
  }
  if (req.method === 'POST' && action === 'confirm' && prompt.name === 'consent') {
    await readForm(req)
    const missing = prompt.details as {
      missingOIDCScope?: string[]
      missingOIDCClaims?: string[]
      missingResourceScopes?: Record<string, string[]>
    }
    const grant = details.grantId
      ? await provider.Grant.find(details.grantId)
      : new provider.Grant({ accountId: details.session?.accountId ?? '', clientId: String(params.client_id) })
    if (!grant) throw new Error('grant not found')
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '))
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims)
    for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) {
      grant.addResourceScope(indicator, scopes.join(' '))
    }
    const result = { consent: { grantId: await grant.save() } }
    return provider.interactionFinished(req, res, result, { mergeWithLastSubmission: true })
  }
  sendHtml(res, 400, page('Error', `<p>Unexpected ${escapeHtml(req.method ?? '')} for prompt ${prompt.name}</p>`))
}

/**
 * Starts a real oidc-provider on `http://127.0.0.1:<random port>` with one confidential client
 * (authorization code + PKCE S256, client_secret_basic or client_secret_post; scopes openid email profile)
 * and the given accounts, so auth code can be tested against a genuine OpenID Provider instead of mocks.
 * Because the issuer is plain http, openid-client v6 callers must opt in:
 * `discovery(new URL(op.issuer), op.clientId, op.clientSecret, undefined, { execute: [allowInsecureRequests] })`.
 * PKCE is mandatory (oidc-provider default). email/email_verified/name are put into the ID token too.
 */
export async function startOidcProvider(opts: {
  redirectUris: string[]
  accounts: TestOidcAccount[]
  clientId?: string
  clientSecret?: string
}): Promise<TestOidcProvider> {
  const clientId = opts.clientId ?? 'allmende-test'
  const clientSecret = opts.clientSecret ?? randomBytes(24).toString('base64url')
  const accounts = new Map(opts.accounts.map((account) => [account.sub, account]))
  const { privateKey } = await promisify(generateKeyPair)('rsa', { modulusLength: 2048 })

  let handle: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => sendHtml(res, 503, 'starting')
  const server = createServer((req, res) => handle(req, res))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  const close = () =>
    new Promise<void>((resolve, reject) => {
      server.close((err) => (err ? reject(err) : resolve()))
      server.closeAllConnections()
    })

  const ttl = { AccessToken: 3600, IdToken: 3600, Interaction: 600, Session: 3600, Grant: 3600, RefreshToken: 3600 }
  let provider: OidcProvider
  try {
    provider = new OidcProviderClass(issuer, {
      adapter: memoryAdapterFactory(),
      clients: [
        {
          client_id: clientId,
          client_secret: clientSecret,
          redirect_uris: opts.redirectUris,
          grant_types: ['authorization_code'],
          response_types: ['code'],
          // oidc-provider accepts client_secret_post as well for a client_secret_basic client
          token_endpoint_auth_method: 'client_secret_basic',
        },
      ],
      scopes: ['openid', 'email', 'profile'],
      claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
      conformIdTokenClaims: false,
      findAccount: async (_ctx: unknown, sub: string) => {
        const account = accounts.get(sub)
        if (!account) return undefined
        return {
          accountId: sub,
          claims: async () => ({
            sub,
            email: account.email,
            email_verified: account.emailVerified,
            ...(account.name === undefined ? {} : { name: account.name }),
          }),
        }
      },
      jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), use: 'sig', alg: 'RS256' }] },
      cookies: { keys: [randomBytes(32).toString('hex')] },
      features: {
        devInteractions: { enabled: false },
        rpInitiatedLogout: {
          logoutSource: async (ctx: { body: string }, form: string) => {
            ctx.body = page(
              'Sign out',
              `${form}<button type="submit" form="op.logoutForm" name="logout" value="yes">Sign out</button>`,
            )
          },
          postLogoutSuccessSource: async (ctx: { body: string }) => {
            ctx.body = page('Signed out', '<p>You are signed out.</p>')
          },
        },
      },
      interactions: { url: async (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
      clientBasedCORS: () => true,
      renderError: async (ctx: { type: string; body: string }, out: Record<string, string | undefined>) => {
        ctx.type = 'html'
        ctx.body = page('Error', `<p role="alert">${escapeHtml(`${out.error}: ${out.error_description ?? ''}`)}</p>`)
      },
      ttl,
    })
  } catch (err) {
    await close()
    throw err
  }

  const providerCallback = provider.callback()
  handle = (req, res) => {
    if (!req.url?.startsWith('/interaction/')) return providerCallback(req, res)
    handleInteraction(provider, accounts, req, res).catch((err: unknown) => {
      const message = err instanceof Error ? err.message : String(err)
      if (!res.headersSent) sendHtml(res, 400, page('Error', `<p role="alert">${escapeHtml(message)}</p>`))
      else res.end()
    })
  }

  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    close,
  }
}
