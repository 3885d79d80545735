/**
 * Runs the test suite: migrates one template database, then runs every test file in parallel with node's
 * test runner; each file clones the template (PGlite: a dumped data directory; PostgreSQL: CREATE DATABASE
 * … TEMPLATE). `--e2e` runs the browser tests instead. Usage: npm test [-- files…]
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import { createDb } from '../src/db/db.ts'
import { migrate } from '../src/db/migrate.ts'

const root = path.resolve(import.meta.dirname, '..')
const args = process.argv.slice(2)
const e2e = args.includes('--e2e')
const explicit = args.filter((a) => !a.startsWith('--'))

function collect(dir: string, out: string[] = []): string[] {
  if (!fs.existsSync(dir)) return out
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) collect(full, out)
    else if (entry.name.endsWith('.test.ts') || entry.name.endsWith('.test.tsx')) out.push(path.relative(root, full))
  }
  return out
}

const files = explicit.length
  ? explicit
  : e2e
    ? collect(path.join(root, 'test', 'e2e'))
    : [...collect(path.join(root, 'src')), ...collect(path.join(root, 'test'))].filter(
        (f) => !f.startsWith(`test${path.sep}e2e`),
      )
files.sort()

const env: NodeJS.ProcessEnv = { ...process.env, ALLMENDE_FAST_HASH: '1', LOG_LEVEL: 'silent', NODE_ENV: 'test' }
const tmp = path.join(root, '.tmp')
fs.mkdirSync(tmp, { recursive: true })
const databaseUrl = process.env.DATABASE_URL
let cleanup = async () => {}

const started = performance.now()
if (databaseUrl) {
  const url = new URL(databaseUrl)
  const base = url.pathname.slice(1) || 'postgres'
  const template = `${base}_tpl`
  const admin = new pg.Client({ connectionString: databaseUrl })
  await admin.connect()
  const existing = await admin.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [
    `${base}\\_%`,
  ])
  for (const row of existing.rows) await admin.query(`DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`)
  await admin.query(`CREATE DATABASE "${template}"`)
  url.pathname = `/${template}`
  const handle = await createDb({ databaseUrl: url.toString(), poolSize: 1 })
  await migrate(handle)
  await handle.close()
  env.ALLMENDE_TEST_PG_TEMPLATE = template
  env.ALLMENDE_TEST_PG_URL = databaseUrl
  cleanup = async () => {
    const left = await admin.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [
      `${base}\\_%`,
    ])
    for (const row of left.rows) await admin.query(`DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`)
    await admin.end()
  }
  process.stdout.write(
    `Template database ${template} migrated on PostgreSQL in ${Math.round(performance.now() - started)} ms\n`,
  )
} else {
  const handle = await createDb({})
  await migrate(handle)
  const dump = await handle.pglite!.dumpDataDir('none')
  const file = path.join(tmp, `template-${process.pid}.tar`)
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()))
  await handle.close()
  env.ALLMENDE_TEST_TEMPLATE = file
  cleanup = async () => fs.rmSync(file, { force: true })
  process.stdout.write(`Template database migrated on PGlite in ${Math.round(performance.now() - started)} ms\n`)
}

const child = spawn(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', '--test-timeout=600000', ...files],
  { cwd: root, env, stdio: 'inherit' },
)
const code: number = await new Promise((resolve) => child.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0))))
await cleanup()
process.exit(code)
