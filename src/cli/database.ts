import fs from 'node:fs'
import path from 'node:path'
import { acquireDataDirLock } from '../db/data-dir-lock.ts'
import type { DbHandle } from '../db/db.ts'
import { type Config, loadConfig } from '../platform/config.ts'
import { CliError, type CliIo } from './command.ts'

export interface OpenDatabase {
  handle: DbHandle
  config: Config
}

/**
 * Opens the database of the configuration for one command and closes it afterwards. The embedded database
 * belongs to one process: its data directory is locked first, so a running portal makes the command stop
 * with a clear message (DataDirBusyError) before any file is opened.
 */
export async function withDatabase<T>(
  io: CliIo,
  command: string,
  options: { create: boolean },
  fn: (open: OpenDatabase) => Promise<T>,
): Promise<T> {
  const config = loadConfig(io.env)
  // Loaded here rather than on top, so `--help` answers without loading the database drivers.
  const { createDb } = await import('../db/db.ts')
  if (config.databaseUrl) {
    const handle = await createDb({ databaseUrl: config.databaseUrl, poolSize: 2 })
    try {
      return await fn({ handle, config })
    } finally {
      await handle.close()
    }
  }
  if (!options.create && !fs.existsSync(path.join(config.dataDir, 'PG_VERSION')))
    throw new CliError(
      `There is no database in ${config.dataDir}. Set DATA_DIR to the portal's data directory, or DATABASE_URL for PostgreSQL.`,
    )
  const lock = acquireDataDirLock(config.dataDir, `allmende ${command}`)
  try {
    const handle = await createDb({ dataDir: config.dataDir })
    try {
      return await fn({ handle, config })
    } finally {
      await handle.close()
    }
  } finally {
    lock.release()
  }
}

/** Applies pending migrations before a command writes data, as the portal does when it starts. */
export async function migrateFirst(handle: DbHandle, io: CliIo): Promise<void> {
  const { migrate } = await import('../db/migrate.ts')
  await migrate(handle, (name) => io.err(`Applying migration ${name}\n`))
}

/** Read-only commands need a database with a schema and leave it as it is (a backup before migrating is fine). */
export async function requireSchema(handle: DbHandle): Promise<void> {
  const { appliedMigrations } = await import('../db/migrate.ts')
  if (!(await appliedMigrations(handle)).length)
    throw new CliError('The database has no schema yet. Run `npx allmende migrate` first.')
}
