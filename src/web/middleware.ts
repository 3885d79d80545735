import type { MiddlewareHandler } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { loadActor } from '../auth/actor.repo.ts'
import { findSession, touchSession } from '../auth/session.repo.ts'
import { anonymous } from '../platform/actor.ts'
import type { AppEnv } from '../platform/context.ts'
import { randomToken, safeEqual, sha256 } from '../platform/crypto.ts'
import { DomainError } from '../platform/errors.ts'
import { isLanguage, negotiateLanguage } from '../platform/i18n.ts'

export const sessionCookie = 'allmende_session'
export const csrfCookie = 'allmende_csrf'
export const langCookie = 'allmende_lang'
export const flashCookie = 'allmende_flash'

/** Largest request body accepted: forms and JSON are small; anything bigger is refused before parsing. */
export const maxBodyBytes = 256 * 1024

/** Largest upload (a document of a committee room), with room for the form's other fields. */
export const maxUploadBytes = 10 * 1024 * 1024 + 64 * 1024

/**
 * The only paths that take multipart uploads; everywhere else a multipart body is read like any other (and
 * fails the CSRF check, its fields are not parsed).
 */
export const uploadPaths: RegExp[] = [
  // a committee room's papers
  /^\/rooms\/[a-z0-9-]{1,60}\/documents(\/[0-9a-f-]{36})?$/,
  // a written proxy's signed PDF (§43 (5) GenG)
  /^\/assemblies\/(GV|SI)-\d{4}-\d{3,9}\/proxies\/written$/,
]

/** An uploaded file as the route sees it: its name as sent, its declared type and its bytes. */
export interface Upload {
  name: string
  type: string
  bytes: Uint8Array
}

const unsafe = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])
const strictDecoder = new TextDecoder('utf-8', { fatal: true })

/**
 * Reads the body once, refuses oversized bodies (413) and invalid UTF-8 (400), and parses forms with a
 * strict percent-decoder (URLSearchParams would silently turn bad bytes into U+FFFD).
 */
export const bodyGuard: MiddlewareHandler<AppEnv> = async (c, next) => {
  c.set('form', {})
  c.set('files', {})
  if (!unsafe.has(c.req.method)) return next()
  const declared = Number(c.req.header('content-length') ?? '0')
  const contentType = c.req.header('content-type') ?? ''
  if (contentType.startsWith('multipart/form-data') && uploadPaths.some((re) => re.test(c.req.path)))
    return readUpload(c, contentType, declared, next)
  if (declared > maxBodyBytes) throw new DomainError('payload_too_large')
  const raw = c.req.raw.body ? await readLimited(c.req.raw.body, maxBodyBytes) : new Uint8Array()
  let text: string
  try {
    text = strictDecoder.decode(raw)
  } catch {
    throw new DomainError('invalid_encoding')
  }
  // Hand the checked text back to Hono so c.req.json() and validators read the same bytes.
  // Hono keeps promises in bodyCache at run time although its type says string.
  c.req.bodyCache.text = Promise.resolve(text) as unknown as string
  if (contentType.startsWith('application/x-www-form-urlencoded')) c.set('form', parseForm(text))
  return next()
}

async function readUpload(
  c: Parameters<MiddlewareHandler<AppEnv>>[0],
  type: string,
  declared: number,
  next: () => Promise<void>,
) {
  if (declared > maxUploadBytes) throw new DomainError('payload_too_large')
  const raw = c.req.raw.body ? await readLimited(c.req.raw.body, maxUploadBytes) : new Uint8Array()
  let data: FormData
  try {
    data = await new Response(new Blob([raw as Uint8Array<ArrayBuffer>]), {
      headers: { 'content-type': type },
    }).formData()
  } catch {
    throw new DomainError('invalid_encoding')
  }
  const form: Record<string, string | string[]> = {}
  const files: Record<string, Upload> = {}
  for (const [key, value] of data as unknown as Iterable<[string, string | File]>) {
    if (typeof value === 'string') {
      // the text fields are held to the same rule as a urlencoded form: a replacement character means bad bytes
      if (value.includes('\uFFFD')) throw new DomainError('invalid_encoding')
      const before = form[key]
      form[key] = before === undefined ? value : Array.isArray(before) ? [...before, value] : [before, value]
    } else if (value.size > 0 || value.name) {
      files[key] = { name: value.name, type: value.type, bytes: new Uint8Array(await value.arrayBuffer()) }
    }
  }
  c.set('form', form)
  c.set('files', files)
  // Hono keeps promises in bodyCache at run time although its type says FormData: c.req.formData() reads this one.
  c.req.bodyCache.formData = Promise.resolve(data) as unknown as FormData
  return next()
}

async function readLimited(stream: ReadableStream<Uint8Array>, limit: number): Promise<Uint8Array> {
  const reader = stream.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > limit) {
      await reader.cancel()
      throw new DomainError('payload_too_large')
    }
    chunks.push(value)
  }
  const out = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    out.set(chunk, offset)
    offset += chunk.byteLength
  }
  return out
}

export function parseForm(text: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {}
  if (!text) return out
  for (const pair of text.split('&')) {
    if (!pair) continue
    const eq = pair.indexOf('=')
    const rawKey = eq === -1 ? pair : pair.slice(0, eq)
    const rawValue = eq === -1 ? '' : pair.slice(eq + 1)
    let key: string
    let value: string
    try {
      key = strictDecoder.decode(percentBytes(rawKey))
      value = strictDecoder.decode(percentBytes(rawValue))
    } catch {
      throw new DomainError('invalid_encoding')
    }
    const existing = out[key]
    if (existing === undefined) out[key] = value
    else out[key] = Array.isArray(existing) ? [...existing, value] : [existing, value]
  }
  return out
}

function percentBytes(s: string): Uint8Array {
  const bytes: number[] = []
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!
    if (ch === '+') bytes.push(0x20)
    else if (ch === '%') {
      const hex = s.slice(i + 1, i + 3)
      if (!/^[0-9a-fA-F]{2}$/.test(hex)) throw new DomainError('invalid_encoding')
      bytes.push(Number.parseInt(hex, 16))
      i += 2
    } else {
      const encoded = Buffer.from(ch, 'utf8')
      for (const b of encoded) bytes.push(b)
    }
  }
  return Uint8Array.from(bytes)
}

/** Resolves the session cookie to an actor; a session waiting for its second factor stays anonymous. */
export const sessionMiddleware: MiddlewareHandler<AppEnv> = async (c, next) => {
  c.set('actor', anonymous)
  c.set('session', null)
  c.set('apiTokenId', null)
  const token = getCookie(c, sessionCookie)
  if (token) {
    const { db, clock } = c.get('deps')
    const session = await findSession(db, sha256(token), clock.now())
    if (!session) deleteCookie(c, sessionCookie, { path: '/' })
    else {
      c.set('session', {
        tokenHash: session.token_hash,
        accountId: session.account_id,
        secondFactorPending: session.second_factor_pending,
      })
      if (!session.second_factor_pending) {
        const actor = await loadActor(db, session.account_id)
        if (actor) {
          c.set('actor', actor)
          await touchSession(db, session, clock.now())
        }
      }
    }
  }
  return next()
}

/** Language: explicit choice (cookie) first, then the account's setting, then the browser's. */
export const languageMiddleware: MiddlewareHandler<AppEnv> = async (c, next) => {
  const chosen = getCookie(c, langCookie)
  const actor = c.get('actor')
  c.set(
    'lang',
    isLanguage(chosen)
      ? chosen
      : actor.kind === 'account'
        ? actor.language
        : negotiateLanguage(c.req.header('accept-language')),
  )
  return next()
}

/**
 * The one path a POST may reach without the CSRF token: the one-click unsubscribe of RFC 8058, which mail
 * clients send without cookies; the secret token in the path is what authorises it.
 */
const oneClickUnsubscribe = /^\/interest\/unsubscribe\/[A-Za-z0-9_-]{20,100}$/

/**
 * CSRF: a random token in an http-only cookie must come back in every form (double submit), and the
 * Origin header, when sent, must be ours. Forms cannot be posted from another site.
 */
export const csrfMiddleware: MiddlewareHandler<AppEnv> = async (c, next) => {
  const { config } = c.get('deps')
  let token = getCookie(c, csrfCookie)
  if (!token || token.length < 20) {
    token = randomToken(24)
    setCookie(c, csrfCookie, token, { httpOnly: true, sameSite: 'Lax', secure: config.cookieSecure, path: '/' })
  }
  c.set('csrf', token)
  if (unsafe.has(c.req.method) && !(c.req.method === 'POST' && oneClickUnsubscribe.test(c.req.path))) {
    const origin = c.req.header('origin')
    const sent = c.get('form')._csrf
    const originOk = !origin || origin === new URL(config.baseUrl).origin || origin === new URL(c.req.url).origin
    if (!originOk || typeof sent !== 'string' || !safeEqual(sent, token)) throw new DomainError('csrf_failed')
  }
  return next()
}
