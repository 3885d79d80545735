import fs from 'node:fs'
import path from 'node:path'
import type { BackupProgress } from '../db/backup.ts'
import { CliError, type CliIo, type Command, progressLine } from './command.ts'
import { requireSchema, withDatabase } from './database.ts'

/** Progress per table on stderr: a redrawn count on a terminal, one line per finished table. */
export function tableProgress(io: CliIo, verb: string): (p: BackupProgress) => void {
  const line = progressLine(io)
  return (p) => {
    if (p.done >= p.total) line.done(`  ${p.table}: ${p.total} row(s)`)
    else line.update(`  ${verb} ${p.table}: ${p.done}/${p.total}`)
  }
}

export const backupCommand: Command = {
  name: 'backup',
  args: ['<file>'],
  summary: 'write a consistent, portable backup of the whole database',
  description:
    "Writes every table of the database to <file> as gzip'd JSON lines, read in one consistent snapshot\n" +
    '(on PostgreSQL while the portal keeps running). The file is written to a temporary name and renamed\n' +
    'when complete. `allmende restore` reads it into the embedded database or PostgreSQL, so a backup also\n' +
    'moves a cooperative from one to the other. The file holds personal data and password hashes: keep it safe.',
  options: {
    force: { type: 'boolean', description: 'overwrite <file> if it exists' },
  },
  examples: [
    'npx allmende backup backups/allmende-$(date +%F).jsonl.gz',
    'DATABASE_URL=postgres://allmende@db/allmende npx allmende backup allmende.jsonl.gz',
  ],
  async run({ values, positionals }, io) {
    const file = path.resolve(positionals[0]!)
    if (fs.existsSync(file) && !values.force)
      throw new CliError(`${file} exists. Choose another name, or give --force to overwrite it.`)
    if (!fs.existsSync(path.dirname(file))) throw new CliError(`The directory ${path.dirname(file)} does not exist.`)
    return withDatabase(io, 'backup', { create: false }, async ({ handle }) => {
      const { writeBackup } = await import('../db/backup.ts')
      await requireSchema(handle)
      const started = performance.now()
      io.err(`Writing the backup of the ${handle.kind === 'pglite' ? 'embedded database' : 'PostgreSQL database'} …\n`)
      const summary = await writeBackup(handle, file, tableProgress(io, 'reading'))
      const size = fs.statSync(file).size
      io.out(
        `Backup written to ${file}: ${summary.tables.length} tables, ${summary.rows} rows, ` +
          `${(size / 1024).toFixed(1)} KiB, ${Math.round(performance.now() - started)} ms.\n`,
      )
      return 0
    })
  },
}
