import fs from 'node:fs'
import pg from 'pg'
import { createDb, type DbHandle } from '../../src/db/db.ts'

let counter = 0

/**
 * A fresh, migrated database for one test file: a clone of the template that scripts/run-tests.ts
 * prepared (PGlite data directory, or PostgreSQL template database when DATABASE_URL is set).
 */
export async function createTestDb(): Promise<DbHandle> {
  const pgTemplate = process.env.ALLMENDE_TEST_PG_TEMPLATE
  const pgUrl = process.env.ALLMENDE_TEST_PG_URL
  if (pgTemplate && pgUrl) {
    const name = `${pgTemplate.replace(/_tpl$/, '')}_f${process.pid}_${++counter}`
    const admin = new pg.Client({ connectionString: pgUrl })
    await admin.connect()
    try {
      await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${pgTemplate}"`)
    } finally {
      await admin.end()
    }
    const url = new URL(pgUrl)
    url.pathname = `/${name}`
    const handle = await createDb({ databaseUrl: url.toString(), poolSize: 10 })
    const close = handle.close
    handle.close = async () => {
      await close()
      const dropper = new pg.Client({ connectionString: pgUrl })
      await dropper.connect()
      // No FORCE: a connection still open here is a leak to see, not to kill; run-tests drops leftovers at the end.
      await dropper.query(`DROP DATABASE IF EXISTS "${name}"`).catch(() => {})
      await dropper.end()
    }
    return handle
  }
  const template = process.env.ALLMENDE_TEST_TEMPLATE
  if (!template || !fs.existsSync(template))
    throw new Error('Run tests with `npm test` (it prepares the template database).')
  return createDb({ loadDataDir: new Blob([fs.readFileSync(template)]) })
}

/** The connection string of a fresh test database on PostgreSQL, or undefined when the suite runs on PGlite. */
export function onPostgres(): boolean {
  return Boolean(process.env.ALLMENDE_TEST_PG_TEMPLATE)
}
