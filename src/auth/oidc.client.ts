import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'
import * as client from 'openid-client'
import type { Config } from '../platform/config.ts'

export type OidcSettings = NonNullable<Config['oidc']>

/** What the browser carries from the start of a sign-in to the callback, sealed in a cookie. */
export interface PendingSignIn {
  codeVerifier: string
  state: string
  nonce: string
  next: string
}

/** The claims a sign-in uses; everything else in the ID token is ignored. */
export interface OidcClaims {
  issuer: string
  subject: string
  email: string | null
  emailVerified: boolean
}

/** A pending sign-in is kept for 10 minutes: long enough to type a password and a second factor at the provider. */
export const pendingLifetimeMs = 10 * 60 * 1000

export const scope = 'openid email profile'

export function redirectUri(config: Config): string {
  return `${config.baseUrl}/auth/oidc/callback`
}

const discovered = new WeakMap<OidcSettings, Promise<client.Configuration>>()

/**
 * The provider's configuration, discovered on first use and kept per settings object. A failed discovery
 * is not kept, so the next sign-in tries again (the provider may just have been down).
 */
export function oidcConfiguration(settings: OidcSettings): Promise<client.Configuration> {
  let pending = discovered.get(settings)
  if (!pending) {
    const issuer = new URL(settings.issuer)
    pending = client.discovery(
      issuer,
      settings.clientId,
      settings.clientSecret || undefined,
      // Without a secret the client is public; PKCE protects the code exchange.
      settings.clientSecret ? undefined : client.None(),
      // Plain http only for a provider in tests or on a developer's machine; https everywhere else.
      issuer.protocol === 'http:' ? { execute: [client.allowInsecureRequests] } : undefined,
    )
    discovered.set(settings, pending)
    pending.catch(() => {
      if (discovered.get(settings) === pending) discovered.delete(settings)
    })
  }
  return pending
}

/** Authorization code flow with PKCE (S256), state and nonce: the URL to send the browser to and what to keep. */
export async function beginAuthorization(
  configuration: client.Configuration,
  config: Config,
  next: string,
): Promise<{ url: URL; pending: PendingSignIn }> {
  const codeVerifier = client.randomPKCECodeVerifier()
  const state = client.randomState()
  const nonce = client.randomNonce()
  const url = client.buildAuthorizationUrl(configuration, {
    redirect_uri: redirectUri(config),
    scope,
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  })
  return { url, pending: { codeVerifier, state, nonce, next } }
}

/**
 * Exchanges the code: openid-client checks state, PKCE, the ID token's signature, issuer, audience and nonce,
 * and throws on an error response from the provider. Email claims come from the ID token or, when the
 * provider leaves them out there, from the userinfo endpoint.
 */
export async function finishAuthorization(
  configuration: client.Configuration,
  currentUrl: URL,
  pending: PendingSignIn,
): Promise<OidcClaims> {
  const tokens = await client.authorizationCodeGrant(configuration, currentUrl, {
    pkceCodeVerifier: pending.codeVerifier,
    expectedState: pending.state,
    expectedNonce: pending.nonce,
  })
  const idToken = tokens.claims()
  if (!idToken) throw new Error('the provider sent no ID token')
  let source: Record<string, unknown> = idToken
  if (idToken.email === undefined) {
    source = await client.fetchUserInfo(configuration, tokens.access_token, idToken.sub)
  }
  return {
    issuer: idToken.iss,
    subject: idToken.sub,
    email: typeof source.email === 'string' && source.email !== '' ? source.email : null,
    // Only a real boolean true counts: some providers send "true" strings or leave the claim out.
    emailVerified: source.email_verified === true,
  }
}

const cookieContext = 'allmende oidc pending sign-in v1'

function cookieKey(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, '', cookieContext, 32))
}

/** Encrypts and authenticates (AES-256-GCM) the pending sign-in with its expiry, for a cookie. */
export function sealPending(secret: string, pending: PendingSignIn, now: Date): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', cookieKey(secret), iv)
  cipher.setAAD(Buffer.from(cookieContext))
  const plain = JSON.stringify({ ...pending, expiresAt: now.getTime() + pendingLifetimeMs })
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')
}

/** The pending sign-in from a cookie, or null if it was changed, sealed with another secret, or has expired. */
export function openPending(secret: string, sealed: string | undefined, now: Date): PendingSignIn | null {
  if (!sealed || sealed.length > 4096) return null
  const raw = Buffer.from(sealed, 'base64url')
  if (raw.length < 29) return null
  try {
    const decipher = createDecipheriv('aes-256-gcm', cookieKey(secret), raw.subarray(0, 12))
    decipher.setAAD(Buffer.from(cookieContext))
    decipher.setAuthTag(raw.subarray(12, 28))
    const plain = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8')
    const value = JSON.parse(plain) as Partial<PendingSignIn> & { expiresAt?: unknown }
    if (typeof value.expiresAt !== 'number' || value.expiresAt <= now.getTime()) return null
    const { codeVerifier, state, nonce, next } = value
    if (typeof codeVerifier !== 'string' || typeof state !== 'string' || typeof nonce !== 'string') return null
    if (typeof next !== 'string') return null
    return { codeVerifier, state, nonce, next }
  } catch {
    return null
  }
}
