import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import * as client from 'openid-client'
import { driveOidcLogin, startOidcProvider, type TestOidcProvider } from './oidc-provider.ts'

const redirectUri = 'http://127.0.0.1:9/auth/oidc/callback'
let op: TestOidcProvider

before(async () => {
  op = await startOidcProvider({
    redirectUris: [redirectUri],
    accounts: [
      { sub: 'ada', email: 'ada@example.org', emailVerified: true, name: 'Ada Lovelace', password: 'analytical' },
      { sub: 'bob', email: 'bob@example.org', emailVerified: false },
    ],
  })
})

after(async () => {
  await op.close()
})

/** Starts an authorization request the way the app will: PKCE S256 + state + nonce. */
async function beginLogin(config: client.Configuration) {
  const codeVerifier = client.randomPKCECodeVerifier()
  const state = client.randomState()
  const nonce = client.randomNonce()
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: 'openid email profile',
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  })
  return { url, codeVerifier, state, nonce }
}

function discover(auth?: client.ClientAuth) {
  return client.discovery(new URL(op.issuer), op.clientId, op.clientSecret, auth, {
    execute: [client.allowInsecureRequests],
  })
}

for (const [method, auth] of [
  ['client_secret_basic', client.ClientSecretBasic],
  ['client_secret_post', client.ClientSecretPost],
] as const) {
  test(`full code flow with PKCE, state and nonce (${method})`, async () => {
    const config = await discover(auth(op.clientSecret))
    assert.equal(config.serverMetadata().issuer, op.issuer)
    const { url, codeVerifier, state, nonce } = await beginLogin(config)

    const callback = await driveOidcLogin(url.href, 'ada', 'analytical')
    assert.equal(`${callback.origin}${callback.pathname}`, redirectUri)
    assert.equal(callback.searchParams.get('state'), state)
    assert.ok(callback.searchParams.get('code'))

    const tokens = await client.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: codeVerifier,
      expectedState: state,
      expectedNonce: nonce,
    })
    const claims = tokens.claims()
    assert.ok(claims)
    assert.equal(claims.iss, op.issuer)
    assert.equal(claims.sub, 'ada')
    assert.equal(claims.email, 'ada@example.org')
    assert.equal(claims.email_verified, true)
    assert.equal(claims.name, 'Ada Lovelace')

    const userinfo = await client.fetchUserInfo(config, tokens.access_token, 'ada')
    assert.equal(userinfo.email, 'ada@example.org')
  })
}

test('account without password logs in; email_verified false is passed through', async () => {
  const config = await discover()
  const { url, codeVerifier, state, nonce } = await beginLogin(config)
  const callback = await driveOidcLogin(url.href, 'bob')
  const tokens = await client.authorizationCodeGrant(config, callback, {
    pkceCodeVerifier: codeVerifier,
    expectedState: state,
    expectedNonce: nonce,
  })
  assert.equal(tokens.claims()?.sub, 'bob')
  assert.equal(tokens.claims()?.email_verified, false)
  assert.equal(tokens.claims()?.name, undefined)
})

test('wrong password and unknown login are refused', async () => {
  const config = await discover()
  const { url } = await beginLogin(config)
  await assert.rejects(driveOidcLogin(url.href, 'ada', 'wrong'), /refused: Invalid login or password/)
  await assert.rejects(driveOidcLogin(url.href, 'mallory', 'analytical'), /refused/)
})

test('accounts added after start can log in', async () => {
  op.accounts.set('cleo', { sub: 'cleo', email: 'cleo@example.org', emailVerified: true })
  const config = await discover()
  const { url, codeVerifier, state, nonce } = await beginLogin(config)
  const callback = await driveOidcLogin(url.href, 'cleo')
  const tokens = await client.authorizationCodeGrant(config, callback, {
    pkceCodeVerifier: codeVerifier,
    expectedState: state,
    expectedNonce: nonce,
  })
  assert.equal(tokens.claims()?.email, 'cleo@example.org')
})
