import { sql } from 'kysely'
import type { DbHandle } from './db.ts'
import { migrations } from './migrations/index.ts'

/** Applies the pending forward-only migrations; returns the names applied. Safe against concurrent migrators on PostgreSQL. */
export async function migrate(handle: DbHandle, onProgress: (name: string) => void = () => {}): Promise<string[]> {
  await handle.runScript(
    'CREATE TABLE IF NOT EXISTS schema_migration (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
  )
  const applied: string[] = []
  for (const migration of migrations) {
    const done = await handle.db
      .selectFrom('schema_migration')
      .select('name')
      .where('name', '=', migration.name)
      .executeTakeFirst()
    if (done) continue
    onProgress(migration.name)
    // The advisory lock plus ON CONFLICT make a second portal starting at the same moment wait, then skip.
    const lock = handle.kind === 'postgres' ? 'SELECT pg_advisory_xact_lock(424242);\n' : ''
    const guarded = `${lock}DO $guard$ BEGIN IF EXISTS (SELECT 1 FROM schema_migration WHERE name = '${migration.name}') THEN RAISE EXCEPTION 'allmende:migration_already_applied'; END IF; END $guard$;\n${migration.script}`
    try {
      await handle.runScript(guarded, [
        { sql: 'INSERT INTO schema_migration (name) VALUES ($1)', params: [migration.name] },
      ])
      applied.push(migration.name)
    } catch (error) {
      if (String((error as Error).message).includes('allmende:migration_already_applied')) continue
      throw error
    }
  }
  return applied
}

/** Names of the migrations applied so far (empty on a fresh database). */
export async function appliedMigrations(handle: DbHandle): Promise<string[]> {
  const exists = await sql<{ t: string | null }>`SELECT to_regclass('schema_migration')::text AS t`.execute(handle.db)
  if (!exists.rows[0]?.t) return []
  const rows = await handle.db.selectFrom('schema_migration').select('name').orderBy('name').execute()
  return rows.map((r) => r.name)
}
