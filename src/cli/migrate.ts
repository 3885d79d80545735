import type { Command } from './command.ts'
import { withDatabase } from './database.ts'

export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'apply pending database migrations',
  description:
    'Applies the pending forward-only migrations to the database, one transaction each, and lists them.\n' +
    'The portal does the same when it starts; run this before starting a new version, after a backup.',
  options: {},
  examples: ['DATA_DIR=/var/lib/allmende npx allmende migrate'],
  async run(_input, io) {
    return withDatabase(io, 'migrate', { create: true }, async ({ handle }) => {
      const { appliedMigrations, migrate } = await import('../db/migrate.ts')
      const started = performance.now()
      const applied = await migrate(handle, (name) => io.err(`Applying migration ${name} …\n`))
      const total = (await appliedMigrations(handle)).length
      const ms = Math.round(performance.now() - started)
      if (applied.length)
        io.out(`Applied ${applied.length} migration(s) in ${ms} ms: ${applied.join(', ')}. ${total} applied in all.\n`)
      else io.out(`The database is up to date (${total} migration(s) applied).\n`)
      return 0
    })
  },
}
