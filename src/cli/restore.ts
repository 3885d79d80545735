import fs from 'node:fs'
import path from 'node:path'
import { verifyJournal } from './audit-verify.ts'
import { tableProgress } from './backup.ts'
import { CliError, type Command } from './command.ts'
import { withDatabase } from './database.ts'

export const restoreCommand: Command = {
  name: 'restore',
  args: ['<file>'],
  summary: 'restore a backup into an empty database (or replace one)',
  description:
    'Restores a backup made by `allmende backup` into the database of DATABASE_URL or DATA_DIR, whichever\n' +
    'engine made it. The file is checked completely first; then the schema, every row and the number\n' +
    'sequences are written in ONE transaction, so a failed restore changes nothing. A database that already\n' +
    'has data is refused unless --replace is given, which drops everything in its public schema first.\n' +
    'Afterwards the audit journal is verified.',
  options: {
    replace: { type: 'boolean', description: 'drop all data of the target database and replace it with the backup' },
  },
  examples: [
    'DATA_DIR=./data npx allmende restore allmende.jsonl.gz',
    'DATABASE_URL=postgres://allmende@db/allmende npx allmende restore allmende.jsonl.gz   # embedded -> PostgreSQL',
  ],
  async run({ values, positionals }, io) {
    const file = path.resolve(positionals[0]!)
    if (!fs.existsSync(file)) throw new CliError(`There is no file ${file}.`)
    return withDatabase(io, 'restore', { create: true }, async ({ handle }) => {
      const { restoreBackup } = await import('../db/backup.ts')
      const started = performance.now()
      io.err(`Checking ${file} …\n`)
      const summary = await restoreBackup(handle, file, {
        replace: Boolean(values.replace),
        onProgress: tableProgress(io, 'writing'),
      })
      io.out(
        `Restored ${summary.tables.length} tables, ${summary.rows} rows from a ${summary.header.source} backup of ` +
          `${summary.header.createdAt} in ${Math.round(performance.now() - started)} ms.\n`,
      )
      if (summary.pendingMigrations.length)
        io.out(
          `The backup predates ${summary.pendingMigrations.length} migration(s) of this version: run \`npx allmende migrate\` (or start the portal).\n`,
        )
      return verifyJournal(handle, io)
    })
  },
}
