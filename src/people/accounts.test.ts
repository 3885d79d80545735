import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { createTestApp, linkIn, type TestApp } from '../../test/support/app.ts'
import { TestClient } from '../../test/support/client.ts'
import { systemActor } from '../platform/actor.ts'
import { fixedClock } from '../platform/clock.ts'
import { createAccount } from './accounts.actions.ts'

const clock = fixedClock(new Date('2026-11-22T10:00:00Z'))
let t: TestApp
before(async () => {
  t = await createTestApp({ clock })
})
after(() => t.close())

test('an account created without a password gets a welcome link that waits 14 days', async () => {
  await t.deps.db
    .transaction()
    .execute((trx) =>
      createAccount(
        trx,
        systemActor('cli'),
        { email: 'clara@example.org', givenName: 'Clara', familyName: 'Neumann', roles: ['board'] },
        t.deps,
      ),
    )
  const [mail] = await t.flushMail()
  assert.equal(mail?.to, 'clara@example.org')
  assert.match(mail!.subject, /Dein Zugang/)
  assert.match(mail!.body, /14 Tage/)
  clock.advance(13 * 24 * 3600_000)
  const link = new URL(linkIn(mail))
  const c = new TestClient(t)
  await c.get(link.pathname + link.search)
  const res = await c.post('/password/reset', {
    token: link.searchParams.get('token')!,
    password: 'the board chooses well',
    passwordConfirm: 'the board chooses well',
  })
  assert.equal(res.status, 303)
  assert.equal((await new TestClient(t).signIn('clara@example.org', 'the board chooses well')).status, 303)
})

test('an account created with a password but unverified address gets a verification link', async () => {
  await t.deps.db
    .transaction()
    .execute((trx) =>
      createAccount(
        trx,
        systemActor('cli'),
        { email: 'sami@example.org', givenName: 'Sami', familyName: 'Haddad', password: 'a long and quiet passphrase' },
        t.deps,
      ),
    )
  const [mail] = await t.flushMail()
  assert.match(mail!.subject, /E-Mail-Adresse bestätigen/)
  assert.match(linkIn(mail), /\/verify-email\?token=/)
})
