import { systemClock } from '../platform/clock.ts'
import { CliError, type Command } from './command.ts'
import { migrateFirst, withDatabase } from './database.ts'

export const seedDemoCommand: Command = {
  name: 'seed-demo',
  summary: 'create the demo cooperative in an empty database',
  description:
    'Creates the demo cooperative "Beispiel-Genossenschaft eG" with organisations, people and logins, through\n' +
    'the same actions the portal uses. Only for an empty database: it refuses when accounts exist.\n' +
    'Demo data only: never start a real cooperative with it (every login has the same password).',
  options: {},
  examples: ['DATA_DIR=./demo-data npx allmende seed-demo'],
  async run(_input, io) {
    return withDatabase(io, 'seed-demo', { create: true }, async ({ handle, config }) => {
      const { demoPassword, seedDemo } = await import('../demo/seed-demo.ts')
      await migrateFirst(handle, io)
      const accounts = await handle.db
        .selectFrom('account')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
      if (Number(accounts.n) > 0)
        throw new CliError(
          `The database already has ${accounts.n} account(s); the demo is only seeded into an empty database. Nothing was changed.`,
        )
      io.err('Creating the demo cooperative "Beispiel-Genossenschaft eG" …\n')
      const logins = await seedDemo(handle.db, { clock: systemClock, config })
      io.out(`Demo logins (password for all: ${demoPassword}):\n`)
      for (const login of logins) io.out(`  ${login.email.padEnd(46)} ${login.role}\n`)
      return 0
    })
  },
}
