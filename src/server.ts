import type { ServerType } from '@hono/node-server'
import { serve } from '@hono/node-server'
import { createApp } from './app.tsx'
import { acquireDataDirLock, type DataDirLock } from './db/data-dir-lock.ts'
import { createDb, type DbHandle } from './db/db.ts'
import { migrate } from './db/migrate.ts'
import { type DemoLogin, demoPassword, seedDemo } from './demo/seed-demo.ts'
import { systemClock } from './platform/clock.ts'
import type { Config } from './platform/config.ts'
import type { Deps } from './platform/context.ts'
import { createMailer } from './platform/mail.ts'

export interface Portal {
  url: string
  deps: Deps
  demoLogins: DemoLogin[] | null
  close(): Promise<void>
}

/** Opens the database, migrates, seeds the demo on an empty database, and serves the portal. */
export async function startPortal(
  config: Config,
  log: (line: string) => void = (l) => process.stdout.write(`${l}\n`),
): Promise<Portal> {
  const started = performance.now()
  let lock: DataDirLock | null = null
  if (!config.databaseUrl) lock = acquireDataDirLock(config.dataDir, 'portal')
  let handle: DbHandle
  try {
    handle = await createDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
    const applied = await migrate(handle, (name) => log(`  migrating: ${name}`))
    if (applied.length) log(`Database migrated (${applied.length} step${applied.length === 1 ? '' : 's'}).`)
  } catch (error) {
    lock?.release()
    throw error
  }
  const mailer = createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, log })
  const deps: Deps = { handle, db: handle.db, config, mailer, clock: systemClock }

  let demoLogins: DemoLogin[] | null = null
  const accounts = await handle.db
    .selectFrom('account')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  if (Number(accounts.n) === 0 && config.demo) {
    log('Empty database: creating the demo cooperative "Beispiel-Genossenschaft eG" …')
    demoLogins = await seedDemo(handle.db, deps)
  }

  const app = createApp(deps)
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s))
  })
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : config.port
  const url =
    config.baseUrl.includes(`:${config.port}`) && config.port === 0 ? `http://localhost:${port}` : config.baseUrl
  // With PORT=0 the real port is known only now; links in mails must use it.
  if (config.port === 0 && new URL(config.baseUrl).port === '0') deps.config = { ...config, baseUrl: url }
  const flushTimer = setInterval(() => mailer.flush(handle.db).catch(() => {}), 5000)
  flushTimer.unref()
  await mailer.flush(handle.db).catch(() => {})

  log(
    `\nAllmende is ready at ${url}  (${handle.kind === 'pglite' ? `embedded database in ${config.dataDir}` : 'PostgreSQL'}, ${Math.round(performance.now() - started)} ms)`,
  )
  if (demoLogins) {
    log(`\nDemo logins (password for all: ${demoPassword}):`)
    for (const login of demoLogins) log(`  ${login.email.padEnd(46)} ${login.role}`)
  } else if (Number(accounts.n) === 0) {
    log('\nThe database has no accounts yet. Create the first board account with:')
    log('  npx allmende user create --email you@example.org --given-name Vorname --family-name Nachname --role board')
    log('(stop the portal first when using the embedded database, or set DATABASE_URL)')
  }

  return {
    url,
    deps,
    demoLogins,
    async close() {
      clearInterval(flushTimer)
      await new Promise<void>((resolve) => server.close(() => resolve()))
      mailer.close()
      await handle.close()
      lock?.release()
    },
  }
}
