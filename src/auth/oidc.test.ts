import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { sql } from 'kysely'
import { createTestApp, type TestApp } from '../../test/support/app.ts'
import { TestClient } from '../../test/support/client.ts'
import { type Cooperative, seedCooperative } from '../../test/support/factories.ts'
import { driveOidcLogin, startOidcProvider, type TestOidcProvider } from '../../test/support/oidc-provider.ts'
import { createAccount } from '../people/accounts.actions.ts'
import { systemActor } from '../platform/actor.ts'
import { fixedClock } from '../platform/clock.ts'
import type { Config } from '../platform/config.ts'

const baseUrl = 'http://localhost:3000'
const clock = fixedClock(new Date())
let op: TestOidcProvider
let t: TestApp
let coop: Cooperative

function oidcSettings(issuer = op.issuer): NonNullable<Config['oidc']> {
  return { issuer, clientId: op.clientId, clientSecret: op.clientSecret, label: 'Test-IdP' }
}

before(async () => {
  op = await startOidcProvider({ redirectUris: [`${baseUrl}/auth/oidc/callback`], accounts: [] })
  t = await createTestApp({ clock, config: { oidc: oidcSettings() } })
  coop = await seedCooperative(t.deps)
})

after(async () => {
  await t.close()
  await op.close()
})

function idpUser(sub: string, email: string, emailVerified = true): void {
  op.accounts.set(sub, { sub, email, emailVerified, password: 'idp secret' })
}

/** GET /auth/oidc/start in the browser; returns the provider's authorization URL. */
async function start(browser: TestClient, next = '/'): Promise<URL> {
  const res = await browser.get(`/auth/oidc/start?next=${encodeURIComponent(next)}`)
  assert.equal(res.status, 302)
  const location = new URL(res.headers.get('location')!)
  assert.equal(location.origin, op.issuer)
  return location
}

/** The whole round trip: start here, sign in at the provider, come back to the callback. */
async function signInAtProvider(browser: TestClient, sub: string, next = '/'): Promise<Response> {
  const authorization = await start(browser, next)
  const callback = await driveOidcLogin(authorization.href, sub, 'idp secret')
  assert.equal(`${callback.origin}${callback.pathname}`, `${baseUrl}/auth/oidc/callback`)
  return browser.get(callback.pathname + callback.search)
}

async function count(table: 'session' | 'oidc_identity' | 'audit_entry'): Promise<number> {
  const row = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(t.deps.db)
  return row.rows[0]!.n
}

async function snapshot() {
  return {
    sessions: await count('session'),
    identities: await count('oidc_identity'),
    journal: await count('audit_entry'),
  }
}

async function lastEntries(n: number) {
  return t.deps.db.selectFrom('audit_entry').selectAll().orderBy('seq', 'desc').limit(n).execute()
}

async function assertSignedInAs(browser: TestClient, name: string): Promise<void> {
  const home = await browser.get('/')
  assert.equal(home.status, 200)
  assert.match(browser.lastBody, new RegExp(`Willkommen, ${name}`))
}

/** Follows the authorization URL like a browser, but presses "Cancel" at the provider's login page. */
async function cancelAtProvider(authorization: URL): Promise<URL> {
  const cookies = new Map<string, string>()
  let url = authorization
  for (let step = 0; step < 10; step++) {
    const cookie = [...cookies].map(([k, v]) => `${k}=${v}`).join('; ')
    const res = await fetch(url, { redirect: 'manual', headers: cookie ? { cookie } : {} })
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';')
      const eq = pair.indexOf('=')
      if (eq > 0 && eq < pair.length - 1) cookies.set(pair.slice(0, eq), pair.slice(eq + 1))
    }
    await res.body?.cancel()
    const location = res.headers.get('location')
    if (!location) throw new Error(`no redirect from ${url.pathname} (${res.status})`)
    const next = new URL(location, url)
    if (next.origin === baseUrl) return next
    url = /^\/interaction\/[^/]+$/.test(next.pathname) ? new URL(`${next.pathname}/abort`, next) : next
  }
  throw new Error('cancel: too many redirects')
}

test('start redirects to the provider with PKCE S256, state and nonce in a sealed, short-lived cookie', async () => {
  const browser = new TestClient(t)
  const res = await browser.get('/auth/oidc/start?next=%2Fprofile')
  assert.equal(res.status, 302)
  const location = new URL(res.headers.get('location')!)
  assert.equal(location.searchParams.get('client_id'), op.clientId)
  assert.equal(location.searchParams.get('redirect_uri'), `${baseUrl}/auth/oidc/callback`)
  assert.equal(location.searchParams.get('response_type'), 'code')
  assert.equal(location.searchParams.get('code_challenge_method'), 'S256')
  assert.ok(location.searchParams.get('code_challenge'))
  assert.ok(location.searchParams.get('state'))
  assert.ok(location.searchParams.get('nonce'))
  const cookie = res.headers.getSetCookie().find((line) => line.startsWith('allmende_oidc='))
  assert.ok(cookie)
  assert.match(cookie, /HttpOnly/i)
  assert.match(cookie, /SameSite=Lax/i)
  assert.match(cookie, /Max-Age=600/i)
  assert.match(cookie, /Path=\/auth\/oidc/i)
  // Sealed: neither the verifier's challenge input nor the state can be read from it.
  assert.ok(!cookie.includes(location.searchParams.get('state')!))
  assert.ok(!cookie.includes('profile'))
  const secret = await t.deps.db
    .selectFrom('instance_setting')
    .select('value')
    .where('key', '=', 'cookie_secret')
    .executeTakeFirst()
  assert.ok(secret && secret.value.length >= 40)
})

test('first sign-in links to the local account with the same verified email, then goes to `next`', async () => {
  idpUser('idp-board', 'Board@Coop.TEST')
  const browser = new TestClient(t)
  const res = await signInAtProvider(browser, 'idp-board', '/profile')
  assert.equal(res.status, 303)
  assert.equal(res.headers.get('location'), '/profile')
  assert.ok(browser.cookies.get('allmende_session'))
  assert.ok(!browser.cookies.has('allmende_oidc'), 'the pending cookie is used once')

  const profile = await browser.get('/profile')
  assert.equal(profile.status, 200)
  assert.match(browser.lastBody, /mit Test-IdP verknüpft/)
  await assertSignedInAs(browser, 'board Test')

  const identity = await t.deps.db.selectFrom('oidc_identity').selectAll().executeTakeFirstOrThrow()
  assert.deepEqual(
    { issuer: identity.issuer, subject: identity.subject, account: identity.account_id, email: identity.email },
    { issuer: op.issuer, subject: 'idp-board', account: coop.board.accountId, email: 'Board@Coop.TEST' },
  )
  const [signedIn, linked] = await lastEntries(2)
  assert.equal(linked?.action, 'account.oidc_linked')
  assert.equal(linked?.subject_id, coop.board.accountId)
  assert.deepEqual(linked?.after, { issuer: op.issuer, subject: 'idp-board', email: 'Board@Coop.TEST' })
  assert.equal(signedIn?.action, 'account.signed_in')
  assert.deepEqual(signedIn?.after, { via: 'oidc', issuer: op.issuer })
  assert.equal(signedIn?.actor_account_id, coop.board.accountId)

  const session = await t.deps.db
    .selectFrom('session')
    .selectAll()
    .where('account_id', '=', coop.board.accountId)
    .executeTakeFirstOrThrow()
  assert.equal(session.via, 'oidc')
  assert.equal(session.second_factor_pending, false)
  const account = await t.deps.db
    .selectFrom('account')
    .select('last_login_at')
    .where('id', '=', coop.board.accountId)
    .executeTakeFirstOrThrow()
  assert.equal(account.last_login_at?.getTime(), clock.now().getTime())
})

test('a later sign-in uses the link even when the provider reports another, unverified address', async () => {
  idpUser('idp-board', 'renamed@elsewhere.test', false)
  const before = await snapshot()
  const browser = new TestClient(t)
  // An absolute `next` would leave the site: it falls back to the home page.
  const res = await signInAtProvider(browser, 'idp-board', 'https://evil.example/')
  assert.equal(res.status, 303)
  assert.equal(res.headers.get('location'), '/')
  await assertSignedInAs(browser, 'board Test')
  const after = await snapshot()
  assert.deepEqual(after, { ...before, sessions: before.sessions + 1, journal: before.journal + 1 })
  const [entry] = await lastEntries(1)
  assert.equal(entry?.action, 'account.signed_in')
})

test('the provider is trusted with the second factor: no TOTP prompt for an account that has one', async () => {
  await t.deps.db
    .updateTable('account')
    .set({ totp_secret: 'JBSWY3DPEHPK3PXP', totp_enabled_at: clock.now() })
    .where('id', '=', coop.supervisor.accountId)
    .execute()
  idpUser('idp-supervisor', coop.supervisor.email)
  const browser = new TestClient(t)
  const res = await signInAtProvider(browser, 'idp-supervisor')
  assert.equal(res.headers.get('location'), '/')
  await assertSignedInAs(browser, 'supervisor Test')
})

/** Runs a refused sign-in and checks that it wrote nothing and left the browser signed out. */
async function assertRefused(sub: string, status: number, message: RegExp): Promise<void> {
  const before = await snapshot()
  const browser = new TestClient(t)
  const res = await signInAtProvider(browser, sub)
  assert.equal(res.status, status)
  assert.match(browser.lastBody, message)
  assert.ok(!browser.cookies.has('allmende_session'))
  assert.deepEqual(await snapshot(), before)
  // still signed out: a page for signed-in people sends to the login page
  const profile = await browser.get('/profile')
  assert.equal(profile.status, 303)
}

const noAccount = /noch kein Konto mit bestätigter E-Mail-Adresse/

test('an address the provider has not verified is not linked', async () => {
  idpUser('idp-staff-unverified', coop.staff.email, false)
  await assertRefused('idp-staff-unverified', 403, noAccount)
})

test('an address no local account has is refused', async () => {
  idpUser('idp-stranger', 'stranger@elsewhere.test')
  await assertRefused('idp-stranger', 403, noAccount)
})

test('a local account whose own address is not confirmed is not linked', async () => {
  await t.deps.db
    .transaction()
    .execute((trx) =>
      createAccount(
        trx,
        systemActor('test'),
        { email: 'fresh@coop.test', givenName: 'Fresh', familyName: 'Test', password: 'a long enough passphrase' },
        t.deps,
      ),
    )
  idpUser('idp-fresh', 'fresh@coop.test')
  await assertRefused('idp-fresh', 403, noAccount)
})

test('a disabled account cannot sign in', async () => {
  await t.deps.db
    .updateTable('account')
    .set({ disabled_at: clock.now() })
    .where('id', '=', coop.auditor.accountId)
    .execute()
  idpUser('idp-auditor', coop.auditor.email)
  await assertRefused('idp-auditor', 403, /Konto ist gesperrt/)
})

const failed = /Die Anmeldung über Test-IdP ist fehlgeschlagen/

test('a changed state in the callback is refused and writes nothing', async () => {
  idpUser('idp-admin-a', coop.orgA.admin.email)
  const before = await snapshot()
  const browser = new TestClient(t)
  const callback = await driveOidcLogin((await start(browser)).href, 'idp-admin-a', 'idp secret')
  callback.searchParams.set('state', 'forged-state')
  const res = await browser.get(callback.pathname + callback.search)
  assert.equal(res.status, 400)
  assert.match(browser.lastBody, failed)
  assert.ok(!browser.cookies.has('allmende_session'))
  assert.deepEqual(await snapshot(), before)
})

test('a missing, altered or foreign state cookie is refused', async () => {
  const before = await snapshot()
  const browser = new TestClient(t)
  const callback = await driveOidcLogin((await start(browser)).href, 'idp-admin-a', 'idp secret')
  const path = callback.pathname + callback.search
  const sealed = browser.cookies.get('allmende_oidc')!

  const stranger = new TestClient(t)
  assert.equal((await stranger.get(path)).status, 400)
  assert.match(stranger.lastBody, failed)

  const flipped = sealed.slice(0, -2) + (sealed.endsWith('AA') ? 'BB' : 'AA')
  browser.cookies.set('allmende_oidc', flipped)
  assert.equal((await browser.get(path)).status, 400)

  // A genuine cookie of another sign-in attempt carries another state and verifier.
  const other = new TestClient(t)
  await start(other)
  browser.cookies.set('allmende_oidc', other.cookies.get('allmende_oidc')!)
  assert.equal((await browser.get(path)).status, 400)
  assert.deepEqual(await snapshot(), before)
})

test('a state cookie older than ten minutes is refused', async () => {
  const before = await snapshot()
  const browser = new TestClient(t)
  const authorization = await start(browser)
  const callback = await driveOidcLogin(authorization.href, 'idp-admin-a', 'idp secret')
  clock.advance(11 * 60 * 1000)
  try {
    const res = await browser.get(callback.pathname + callback.search)
    assert.equal(res.status, 400)
    assert.match(browser.lastBody, failed)
  } finally {
    clock.advance(-11 * 60 * 1000)
  }
  assert.deepEqual(await snapshot(), before)
})

test('cancelling at the provider (error=access_denied) shows the failure page', async () => {
  const before = await snapshot()
  const browser = new TestClient(t)
  const callback = await cancelAtProvider(await start(browser))
  assert.equal(callback.searchParams.get('error'), 'access_denied')
  const res = await browser.get(callback.pathname + callback.search)
  assert.equal(res.status, 400)
  assert.match(browser.lastBody, failed)
  assert.deepEqual(await snapshot(), before)
})

test('an unreachable provider shows the failure page (503), and a later request tries again', async () => {
  const settings = oidcSettings('http://127.0.0.1:9')
  const other = await createTestApp({ config: { oidc: settings } })
  try {
    const browser = new TestClient(other)
    const res = await browser.get('/auth/oidc/start')
    assert.equal(res.status, 503)
    assert.match(browser.lastBody, failed)
    settings.issuer = op.issuer
    const retry = await browser.get('/auth/oidc/start')
    assert.equal(retry.status, 302)
    assert.equal(new URL(retry.headers.get('location')!).origin, op.issuer)
  } finally {
    await other.close()
  }
})

test('without OIDC settings the routes do not exist', async () => {
  const plain = await createTestApp()
  try {
    const browser = new TestClient(plain)
    assert.equal((await browser.get('/auth/oidc/start')).status, 404)
    assert.equal((await browser.get('/auth/oidc/callback?code=x&state=y')).status, 404)
  } finally {
    await plain.close()
  }
})
