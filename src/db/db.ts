import fs from 'node:fs'
import { PGlite } from '@electric-sql/pglite'
import { Kysely, PGliteDialect, PostgresDialect, type Transaction } from 'kysely'
import pg from 'pg'
import type { Database } from './schema.ts'

export type Db = Kysely<Database>
export type Trx = Transaction<Database>
/** Either the database or an open transaction: what repository functions take first. */
export type Executor = Db | Trx

/** A database handle: Kysely for queries, plus a raw script runner for migrations and restores. */
export interface DbHandle {
  kind: 'pglite' | 'postgres'
  db: Db
  /** Runs a multi-statement SQL script inside one transaction, with `afterScript` statements (parameterised) in it too. */
  runScript(script: string, after?: Array<{ sql: string; params: unknown[] }>): Promise<void>
  close(): Promise<void>
  /** The embedded instance, for dumping its data directory (tests). */
  pglite?: PGlite
}

const int8 = 20
/** `date` columns stay calendar dates ('YYYY-MM-DD'): a JS Date would shift them by the server's time zone. */
const date = 1082

export interface CreateDbOptions {
  databaseUrl?: string
  /** Directory of the embedded database; `undefined` keeps it in memory. */
  dataDir?: string
  /** A dumped PGlite data directory (tar) to start from, used to clone a migrated template in tests. */
  loadDataDir?: Blob
  poolSize?: number
}

/** Opens PostgreSQL when a URL is given, the embedded PGlite otherwise. */
export async function createDb(options: CreateDbOptions): Promise<DbHandle> {
  if (options.databaseUrl) return createPostgres(options.databaseUrl, options.poolSize ?? 10)
  if (options.dataDir) fs.mkdirSync(options.dataDir, { recursive: true })
  const pglite = await PGlite.create({
    dataDir: options.dataDir,
    loadDataDir: options.loadDataDir,
    parsers: { [int8]: (v: string) => Number(v), [date]: (v: string) => v },
  })
  const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) })
  return {
    kind: 'pglite',
    db,
    pglite,
    async runScript(script, after = []) {
      await pglite.transaction(async (tx) => {
        await tx.exec(script)
        for (const statement of after) await tx.query(statement.sql, statement.params)
      })
    },
    async close() {
      await db.destroy()
      if (!pglite.closed) await pglite.close()
    },
  }
}

async function createPostgres(url: string, max: number): Promise<DbHandle> {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === int8
          ? (v: string) => Number(v)
          : oid === date
            ? (v: string) => v
            : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
    },
  })
  // An idle connection that the server closes (restart, failover, admin) is replaced on the next query;
  // without this listener pg would raise it as an uncaught exception and take the portal down.
  pool.on('error', () => {})
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  return {
    kind: 'postgres',
    db,
    async runScript(script, after = []) {
      const client = await pool.connect()
      try {
        await client.query('BEGIN')
        await client.query(script)
        for (const statement of after) await client.query(statement.sql, statement.params)
        await client.query('COMMIT')
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {})
        throw error
      } finally {
        client.release()
      }
    },
    async close() {
      await db.destroy()
    },
  }
}
