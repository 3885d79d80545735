import { type CoopRole, coopRoles, type OrgFunction, orgFunctions } from '../db/schema.ts'
import { systemActor } from '../platform/actor.ts'
import { systemClock } from '../platform/clock.ts'
import { CliError, type Command, UsageError } from './command.ts'
import { migrateFirst, withDatabase } from './database.ts'
import { readPassword } from './password-input.ts'

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

function checkedList<T extends string>(values: unknown, allowed: readonly T[], option: string): T[] {
  const list = (values as string[] | undefined) ?? []
  const wrong = list.find((v) => !allowed.includes(v as T))
  if (wrong !== undefined)
    throw new UsageError(`--${option} '${wrong}' is not one of ${allowed.join(', ')}.`, 'user create')
  return [...new Set(list)] as T[]
}

export const userCreateCommand: Command = {
  name: 'user create',
  summary: 'create a person with an account (and cooperative roles)',
  description:
    'Creates a person with a login account, journaled as system:cli. The first board account of a new\n' +
    'cooperative is made this way. Without --password-stdin the person gets a link by mail to set a password\n' +
    '(through SMTP_URL, or printed here when it is not set). Prints the new account id on stdout.',
  options: {
    email: { type: 'string', value: 'address', description: 'email address, the login', required: true },
    'given-name': { type: 'string', value: 'name', description: 'given name', required: true },
    'family-name': { type: 'string', value: 'name', description: 'family name', required: true },
    role: { type: 'string', multiple: true, value: 'role', description: `cooperative role: ${coopRoles.join(', ')}` },
    'password-stdin': { type: 'boolean', description: 'read the password from stdin (never give it as an argument)' },
    org: { type: 'string', value: 'id|O-00001', description: 'affiliate the person with this organisation' },
    function: {
      type: 'string',
      multiple: true,
      value: 'function',
      description: `function in --org: ${orgFunctions.join(', ')}`,
    },
    language: { type: 'string', value: 'de|en', description: 'language of mails and pages (default: de)' },
    'email-verified': { type: 'boolean', description: 'the address is known to be right: send no verification mail' },
  },
  examples: [
    'npx allmende user create --email clara@example.org --given-name Clara --family-name Neumann --role board',
    'printf \'%s\' "$PASSWORD" | npx allmende user create --email it@example.org --given-name Sami --family-name Haddad --role staff --password-stdin',
  ],
  async run({ values }, io) {
    const roles: CoopRole[] = checkedList(values.role, coopRoles, 'role')
    const functions: OrgFunction[] = checkedList(values.function, orgFunctions, 'function')
    const orgRef = values.org as string | undefined
    if (functions.length && !orgRef) throw new UsageError('--function needs --org.', 'user create')
    if (orgRef && !functions.length) throw new UsageError('--org needs at least one --function.', 'user create')
    const language = (values.language as string | undefined) ?? 'de'
    if (language !== 'de' && language !== 'en') throw new UsageError('--language must be de or en.', 'user create')
    const password = values['password-stdin'] ? await readPassword(io) : undefined
    const email = String(values.email).trim()

    return withDatabase(io, 'user create', { create: true }, async ({ handle, config }) => {
      const { createAccount } = await import('../people/accounts.actions.ts')
      const { createMailer } = await import('../platform/mail.ts')
      await migrateFirst(handle, io)
      let organisations: Array<{ id: string; functions: OrgFunction[] }> = []
      if (orgRef) {
        const org = await handle.db
          .selectFrom('organisation')
          .select(['id', 'name'])
          .$if(uuid.test(orgRef), (q) => q.where('id', '=', orgRef))
          .$if(!uuid.test(orgRef), (q) => q.where('ref', '=', orgRef))
          .executeTakeFirst()
        if (!org) throw new CliError(`There is no organisation ${orgRef}.`)
        organisations = [{ id: org.id, functions }]
      }
      const env = { clock: systemClock, config }
      const created = await handle.db.transaction().execute((trx) =>
        createAccount(
          trx,
          systemActor('cli'),
          {
            email,
            givenName: String(values['given-name']),
            familyName: String(values['family-name']),
            password,
            roles,
            organisations,
            emailVerified: Boolean(values['email-verified']),
            language,
          },
          env,
        ),
      )
      io.err(`Created the account of ${email}${roles.length ? ` with the role(s) ${roles.join(', ')}` : ''}.\n`)
      const mailer = createMailer({
        smtpUrl: config.smtpUrl,
        from: config.mailFrom,
        log: (line) => io.err(`${line}\n`),
      })
      try {
        const sent = await mailer.flush(handle.db)
        if (!values['email-verified'])
          io.err(
            sent
              ? `A mail with a link to ${password ? 'confirm the address' : 'set the password'} went to ${email}.\n`
              : 'The mail could not be sent now; it stays in the outbox and the portal retries it.\n',
          )
      } finally {
        mailer.close()
      }
      io.out(`${created.accountId}\n`)
      return 0
    })
  },
}
