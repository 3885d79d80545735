import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { Secret, TOTP } from 'otpauth'
import { createTestApp, linkIn, type TestApp } from '../../test/support/app.ts'
import { TestClient } from '../../test/support/client.ts'
import { type Cooperative, password, seedCooperative } from '../../test/support/factories.ts'
import { fixedClock } from '../platform/clock.ts'

const clock = fixedClock(new Date('2026-11-22T10:00:00Z'))
let t: TestApp
let coop: Cooperative
before(async () => {
  t = await createTestApp({ clock })
  coop = await seedCooperative(t.deps)
})
after(() => t.close())

async function count(table: 'session' | 'audit_entry' | 'mail_outbox' | 'account') {
  const row = await t.deps.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

test('sign in sets a secure, http-only, same-site session cookie and shows the overview', async () => {
  const c = new TestClient(t)
  const res = await c.signIn(coop.board.email, password)
  assert.equal(res.status, 303)
  assert.equal(res.headers.get('location'), '/')
  const cookie = res.headers.getSetCookie().find((h) => h.startsWith('allmende_session='))!
  assert.match(cookie, /HttpOnly/)
  assert.match(cookie, /SameSite=Lax/)
  assert.match(cookie, /Secure/)
  const home = await c.get('/')
  assert.equal(home.status, 200)
  assert.match(c.lastBody, /Willkommen, board Test/)
})

test('a wrong password gets a clear message and no session', async () => {
  const c = new TestClient(t)
  const before = await count('session')
  const res = await c.signIn(coop.staff.email, 'wrong password here')
  assert.equal(res.status, 401)
  assert.match(c.lastBody, /E-Mail-Adresse oder Passwort ist falsch/)
  assert.equal(await count('session'), before)
  // The failure counter was kept although the request failed.
  const account = await t.deps.db
    .selectFrom('account')
    .select('failed_logins')
    .where('email', '=', coop.staff.email)
    .executeTakeFirstOrThrow()
  assert.equal(account.failed_logins, 1)
})

test('forms without the CSRF token, or from another origin, are refused', async () => {
  const c = new TestClient(t)
  await c.get('/login')
  const missing = await c.post('/login', { email: coop.board.email, password }, { csrf: null })
  assert.equal(missing.status, 403)
  assert.match(c.lastBody, /Formular ist abgelaufen/)
  const forged = await c.post('/login', { email: coop.board.email, password }, { csrf: 'x'.repeat(32) })
  assert.equal(forged.status, 403)
  const foreign = await c.post(
    '/login',
    { email: coop.board.email, password },
    { headers: { origin: 'https://evil.example' } },
  )
  assert.equal(foreign.status, 403)
})

test('five wrong passwords lock the account for 15 minutes and mail the owner', async () => {
  const c = new TestClient(t)
  for (let i = 0; i < 4; i++) assert.equal((await c.signIn(coop.auditor.email, `wrong-${i}-password`)).status, 401)
  const fifth = await c.signIn(coop.auditor.email, 'wrong-5-password')
  assert.equal(fifth.status, 423)
  assert.match(c.lastBody, /gesperrt/)
  // Even the right password is refused while locked.
  assert.equal((await c.signIn(coop.auditor.email, password)).status, 423)
  const mails = await t.flushMail()
  assert.ok(mails.some((m) => m.to === coop.auditor.email && /gesperrt/.test(m.subject)))
  const journal = await t.deps.db
    .selectFrom('audit_entry')
    .select('action')
    .where('action', '=', 'account.locked')
    .execute()
  assert.equal(journal.length, 1)
  clock.advance(15 * 60_000 + 1000)
  assert.equal((await c.signIn(coop.auditor.email, password)).status, 303)
})

test('password reset by mail: one-time link, new password works, old sessions end', async () => {
  const old = new TestClient(t)
  await old.signIn(coop.orgA.user.email, password)
  assert.equal((await old.get('/profile')).status, 200)

  const c = new TestClient(t)
  await c.get('/password/forgot')
  await c.post('/password/forgot', { email: coop.orgA.user.email })
  assert.match(c.lastBody, /Wenn es ein Konto mit dieser Adresse gibt/)
  // Unknown addresses get the same answer and no mail.
  await c.post('/password/forgot', { email: 'nobody@nowhere.test' })
  assert.match(c.lastBody, /Wenn es ein Konto mit dieser Adresse gibt/)
  const mails = await t.flushMail()
  assert.equal(mails.length, 1)
  const link = new URL(linkIn(mails[0]))
  assert.equal(link.pathname, '/password/reset')
  await c.get(link.pathname + link.search)
  const weak = await c.post('/password/reset', {
    token: link.searchParams.get('token')!,
    password: 'short',
    passwordConfirm: 'short',
  })
  assert.equal(weak.status, 422)
  assert.match(c.lastBody, /mindestens 10 Zeichen/)
  const ok = await c.post('/password/reset', {
    token: link.searchParams.get('token')!,
    password: 'a brand new passphrase',
    passwordConfirm: 'a brand new passphrase',
  })
  assert.equal(ok.status, 303)
  const reuse = await c.post('/password/reset', {
    token: link.searchParams.get('token')!,
    password: 'another new passphrase',
    passwordConfirm: 'another new passphrase',
  })
  assert.equal(reuse.status, 400)
  assert.match(c.lastBody, /ungültig, abgelaufen oder wurde schon benutzt/)
  assert.equal((await old.get('/profile')).status, 303, 'the old session was ended')
  assert.equal((await new TestClient(t).signIn(coop.orgA.user.email, 'a brand new passphrase')).status, 303)
})

test('two-factor sign-in with TOTP: setup, code required, replayed code refused', async () => {
  const c = new TestClient(t)
  await c.signIn(coop.orgB.user.email, password)
  await c.get('/profile')
  await c.post('/profile/two-factor/setup', {})
  const secret = /data-testid="totp-secret">([A-Z2-7]+)</.exec(c.lastBody)?.[1]
  assert.ok(secret, 'the secret is shown')
  assert.match(c.lastBody, /<svg/, 'a QR code is shown')
  const totp = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' })
  const wrong = await c.post('/profile/two-factor/enable', {
    code: '000000' === totp.generate({ timestamp: clock.now().getTime() }) ? '111111' : '000000',
  })
  assert.equal(wrong.status, 422)
  const enabled = await c.post('/profile/two-factor/enable', {
    code: totp.generate({ timestamp: clock.now().getTime() }),
  })
  assert.equal(enabled.status, 303)
  await c.post('/logout', {})

  const again = new TestClient(t)
  const first = await again.signIn(coop.orgB.user.email, password)
  assert.match(first.headers.get('location') ?? '', /^\/login\/second-factor/)
  assert.equal((await again.get('/profile')).status, 303, 'no access before the second factor')
  await again.get('/login/second-factor')
  // The code used to enable the factor is spent: same time step is refused.
  const replay = await again.post('/login/second-factor', { code: totp.generate({ timestamp: clock.now().getTime() }) })
  assert.equal(replay.status, 401)
  clock.advance(30_000)
  const ok = await again.post('/login/second-factor', { code: totp.generate({ timestamp: clock.now().getTime() }) })
  assert.equal(ok.status, 303)
  assert.equal((await again.get('/')).status, 200)

  // A deep link survives the second factor.
  const deep = new TestClient(t)
  await deep.get('/login')
  await deep.post('/login', { email: coop.orgB.user.email, password, next: '/profile' })
  await deep.get('/login/second-factor?next=%2Fprofile')
  assert.match(deep.lastBody, /action="\/login\/second-factor\?next=%2Fprofile"/)
  clock.advance(30_000)
  const landed = await deep.post('/login/second-factor?next=%2Fprofile', {
    code: totp.generate({ timestamp: clock.now().getTime() }),
  })
  assert.equal(landed.headers.get('location'), '/profile')

  // Guessing is cut off: after five wrong codes in 15 minutes the half-open sign-in is gone.
  clock.advance(16 * 60_000)
  const guesser = new TestClient(t)
  await guesser.signIn(coop.orgB.user.email, password)
  await guesser.get('/login/second-factor')
  const current = totp.generate({ timestamp: clock.now().getTime() })
  const wrongCode = current === '123456' ? '654321' : '123456'
  for (let i = 0; i < 4; i++)
    assert.equal((await guesser.post('/login/second-factor', { code: wrongCode })).status, 401)
  const fifth = await guesser.post('/login/second-factor', { code: wrongCode })
  assert.equal(fifth.status, 303)
  assert.equal(fifth.headers.get('location'), '/login')
  clock.advance(30_000)
  const late = await guesser.post('/login/second-factor', { code: totp.generate({ timestamp: clock.now().getTime() }) })
  assert.equal(late.headers.get('location'), '/login', 'the pending session was ended')
})

test('email verification link confirms the address', async () => {
  const c = new TestClient(t)
  await c.signIn(coop.outsider.email, password)
  await t.deps.db
    .updateTable('account')
    .set({ email_verified_at: null })
    .where('email', '=', coop.outsider.email)
    .execute()
  await c.get('/profile')
  assert.match(c.lastBody, /nicht bestätigt/)
  await c.post('/verify-email/resend', {})
  const [mail] = await t.flushMail()
  const link = new URL(linkIn(mail))
  await c.get(link.pathname + link.search)
  const res = await c.post('/verify-email', { token: link.searchParams.get('token')! })
  assert.equal(res.status, 303)
  const account = await t.deps.db
    .selectFrom('account')
    .select('email_verified_at')
    .where('email', '=', coop.outsider.email)
    .executeTakeFirstOrThrow()
  assert.ok(account.email_verified_at)
})

test('language: German by default, English by switch or browser, lang attribute set', async () => {
  const c = new TestClient(t)
  await c.get('/login')
  assert.match(c.lastBody, /<html lang="de">/)
  assert.match(c.lastBody, /<h1>Anmelden<\/h1>/)
  const switched = await c.get('/lang/en?next=/login')
  assert.equal(switched.headers.get('location'), '/login')
  await c.get('/login')
  assert.match(c.lastBody, /<html lang="en">/)
  assert.match(c.lastBody, /<h1>Sign in<\/h1>/)
  const browser = new TestClient(t)
  await browser.get('/login', { 'accept-language': 'en-GB,en;q=0.9' })
  assert.match(browser.lastBody, /<html lang="en">/)
  // An open redirect through the switch is not possible.
  assert.equal((await c.get('/lang/de?next=//evil.example')).headers.get('location'), '/')
})

test('sign out ends the session on the server', async () => {
  const c = new TestClient(t)
  await c.signIn(coop.supervisor.email, password)
  const token = c.cookies.get('allmende_session')!
  await c.post('/logout', {})
  const replayed = new TestClient(t)
  replayed.cookies.set('allmende_session', token)
  assert.equal((await replayed.get('/profile')).status, 303)
  assert.doesNotMatch((await replayed.get('/')).status === 200 ? replayed.lastBody : '', /Willkommen, supervisor/)
})
