import { type ApiScope, apiScopes } from '../platform/actor.ts'
import { systemClock } from '../platform/clock.ts'
import { CliError, type Command, UsageError } from './command.ts'
import { migrateFirst, withDatabase } from './database.ts'

export const tokenCreateCommand: Command = {
  name: 'token create',
  summary: 'create an API token for an account (the secret is shown once)',
  description:
    "Creates a personal API token for an account. It carries at most the account's rights, narrowed by its\n" +
    'scopes. The secret is printed once on stdout; only its hash is stored. Journaled as system:cli.',
  options: {
    email: {
      type: 'string',
      value: 'address',
      description: 'email of the account the token belongs to',
      required: true,
    },
    name: {
      type: 'string',
      value: 'name',
      description: 'what the token is for, e.g. "accounting export"',
      required: true,
    },
    scope: {
      type: 'string',
      multiple: true,
      value: 'scope',
      description: `${apiScopes.join(', ')} (default: all)`,
    },
    'expires-days': { type: 'string', value: 'days', description: 'the token expires after this many days' },
  },
  examples: [
    'npx allmende token create --email clara@example.org --name "accounting export" --scope organisations:read --expires-days 90',
  ],
  async run({ values }, io) {
    const scopes = ((values.scope as string[] | undefined) ?? [...apiScopes]) as ApiScope[]
    const wrong = scopes.find((s) => !apiScopes.includes(s))
    if (wrong) throw new UsageError(`--scope '${wrong}' is not one of ${apiScopes.join(', ')}.`, 'token create')
    const days = values['expires-days'] === undefined ? null : Number(values['expires-days'])
    if (days !== null && !(Number.isInteger(days) && days > 0 && days <= 3650))
      throw new UsageError('--expires-days must be a whole number of days between 1 and 3650.', 'token create')
    const name = String(values.name).trim()
    if (!name || name.length > 100) throw new UsageError('--name must have 1 to 100 characters.', 'token create')

    return withDatabase(io, 'token create', { create: false }, async ({ handle, config }) => {
      const { loadActor } = await import('../auth/actor.repo.ts')
      const { findAccountByEmail } = await import('../auth/auth.repo.ts')
      const { createApiToken } = await import('../tokens/tokens.actions.ts')
      await migrateFirst(handle, io)
      const email = String(values.email).trim()
      const result = await handle.db.transaction().execute(async (trx) => {
        const account = await findAccountByEmail(trx, email)
        const actor = account && (await loadActor(trx, account.id))
        if (!actor) throw new CliError(`There is no active account with the email ${email}.`)
        // The token belongs to the account; the journal shows that the command line made it.
        const cliActor = { ...actor, label: `system:cli for ${actor.label}` }
        return createApiToken(trx, cliActor, { name, scopes, expiresInDays: days }, { clock: systemClock, config })
      })
      const expires = result.info.expiresAt ? `expires ${result.info.expiresAt}` : 'does not expire'
      io.err(`API token "${name}" for ${email} (scopes: ${result.info.scopes.join(', ')}; ${expires}).\n`)
      io.err('Store the secret now: it is shown only this once.\n')
      io.out(`${result.token}\n`)
      return 0
    })
  },
}
