import { Hono } from 'hono'
import QRCode from 'qrcode'
import { beginTotpSetup, changePassword, disableTotp, enableTotp } from '../auth/auth.actions.ts'
import { authText } from '../auth/auth.messages.ts'
import { findAccount } from '../auth/auth.repo.ts'
import { getPerson, updatePerson } from '../people/people.actions.ts'
import { personInput } from '../people/people.schema.ts'
import type { AppContext, AppEnv } from '../platform/context.ts'
import { DomainError } from '../platform/errors.ts'
import { fieldIssues, localiseIssues } from '../platform/fields.ts'
import { translator } from '../platform/i18n.ts'
import { createApiToken, listApiTokens, revokeApiToken } from '../tokens/tokens.actions.ts'
import { tokenForm } from '../tokens/tokens.schema.ts'
import { errorsByField } from '../web/components.tsx'
import { idParam } from '../web/params.ts'
import { formValue, formValues, redirectWithFlash, render } from '../web/render.tsx'
import { inTransaction } from '../web/transaction.ts'
import { profileText } from './profile.messages.ts'
import { ProfilePage, type ProfileState } from './profile.pages.tsx'

export const profileRoutes = new Hono<AppEnv>()

function requireAccount(c: AppContext) {
  const actor = c.get('actor')
  if (actor.kind !== 'account' || !actor.personId) throw new DomainError('unauthenticated')
  return actor
}

async function profilePage(c: AppContext, state: ProfileState = {}, status: 200 | 422 = 200) {
  const actor = requireAccount(c)
  const { db } = c.get('deps')
  const [person, account, tokens] = await Promise.all([
    getPerson(db, actor, actor.personId!),
    findAccount(db, actor.accountId!),
    listApiTokens(db, actor),
  ])
  if (!account) throw new DomainError('unauthenticated')
  const qr = state.setup ? await QRCode.toString(state.setup.uri, { type: 'svg', margin: 1 }) : null
  return render(
    c,
    translator(authText, c.get('lang'))('profile_title'),
    <ProfilePage
      lang={c.get('lang')}
      csrf={c.get('csrf')}
      person={person}
      account={account}
      tokens={tokens}
      qr={qr}
      state={state}
    />,
    status,
  )
}

profileRoutes.get('/profile', (c) => profilePage(c))

profileRoutes.post('/profile', async (c) => {
  const actor = requireAccount(c)
  const lang = c.get('lang')
  const raw = Object.fromEntries(
    ['givenName', 'familyName', 'email', 'phone', 'street', 'postalCode', 'city', 'country'].map((f) => [
      f,
      formValue(c, f),
    ]),
  )
  const parsed = personInput.safeParse(raw)
  if (!parsed.success)
    return profilePage(c, { personValues: raw, personErrors: errorsByField(fieldIssues(parsed.error, lang)) }, 422)
  const deps = c.get('deps')
  await inTransaction(c, (trx) => updatePerson(trx, actor, actor.personId!, parsed.data, deps))
  return redirectWithFlash(c, '/profile', translator(authText, lang)('profile_saved'))
})

profileRoutes.post('/profile/password', async (c) => {
  const actor = requireAccount(c)
  const lang = c.get('lang')
  const deps = c.get('deps')
  try {
    await inTransaction(c, (trx) =>
      changePassword(
        trx,
        actor,
        {
          current: formValue(c, 'current'),
          password: formValue(c, 'password'),
          passwordConfirm: formValue(c, 'passwordConfirm'),
        },
        c.get('session')?.tokenHash ?? null,
        deps,
      ),
    )
  } catch (error) {
    if (error instanceof DomainError && error.code === 'validation')
      return profilePage(c, { passwordErrors: errorsByField(localiseIssues(error.fields, lang)) }, 422)
    throw error
  }
  return redirectWithFlash(c, '/profile', translator(authText, lang)('password_changed'))
})

profileRoutes.post('/profile/two-factor/setup', async (c) => {
  const actor = requireAccount(c)
  const setup = await inTransaction(c, (trx) => beginTotpSetup(trx, actor))
  return profilePage(c, { setup })
})

profileRoutes.post('/profile/two-factor/enable', async (c) => {
  const actor = requireAccount(c)
  const lang = c.get('lang')
  const deps = c.get('deps')
  try {
    await inTransaction(c, (trx) => enableTotp(trx, actor, formValue(c, 'code'), deps))
  } catch (error) {
    if (error instanceof DomainError && error.code === 'totp_invalid') {
      const setup = await inTransaction(c, (trx) => beginTotpSetup(trx, actor))
      return profilePage(
        c,
        { setup, totpErrors: errorsByField(localiseIssues([{ path: 'code', message: 'totp_invalid' }], lang)) },
        422,
      )
    }
    throw error
  }
  return redirectWithFlash(c, '/profile#two-factor', translator(authText, lang)('two_factor_enabled'))
})

profileRoutes.post('/profile/two-factor/disable', async (c) => {
  const actor = requireAccount(c)
  const lang = c.get('lang')
  const deps = c.get('deps')
  try {
    await inTransaction(c, (trx) => disableTotp(trx, actor, formValue(c, 'password'), deps))
  } catch (error) {
    if (error instanceof DomainError && error.code === 'validation')
      return profilePage(c, { totpErrors: errorsByField(localiseIssues(error.fields, lang)) }, 422)
    throw error
  }
  return redirectWithFlash(c, '/profile#two-factor', translator(authText, lang)('two_factor_disabled'))
})

profileRoutes.post('/profile/tokens', async (c) => {
  const actor = requireAccount(c)
  const lang = c.get('lang')
  const parsed = tokenForm.safeParse({
    name: formValue(c, 'name'),
    scopes: formValues(c, 'scopes'),
    expiresInDays: formValue(c, 'expiresInDays'),
  })
  if (!parsed.success) return profilePage(c, { tokenErrors: errorsByField(fieldIssues(parsed.error, lang)) }, 422)
  const deps = c.get('deps')
  const created = await inTransaction(c, (trx) => createApiToken(trx, actor, parsed.data, deps))
  return profilePage(c, { newToken: created.token })
})

profileRoutes.post('/profile/tokens/:id/revoke', async (c) => {
  const actor = requireAccount(c)
  const id = idParam(c.req.param('id'))
  const deps = c.get('deps')
  await inTransaction(c, (trx) => revokeApiToken(trx, actor, id, deps))
  return redirectWithFlash(c, '/profile#tokens', translator(profileText, c.get('lang'))('token_revoked'))
})
