import assert from 'node:assert/strict'
import { type ChildProcess, spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Readable } from 'node:stream'
import { after, test } from 'node:test'
import { sql } from 'kysely'
import pg from 'pg'
import { createDb, type DbHandle } from '../db/db.ts'
import { migrations } from '../db/migrations/index.ts'
import { type CliIo, commandHelp } from './command.ts'
import { commands, runCli } from './run.ts'

const root = path.resolve(import.meta.dirname, '../..')
const bin = path.join(root, 'bin', 'allmende.js')
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'allmende-cli-'))
after(() => fs.rmSync(tmp, { recursive: true, force: true }))

interface Outcome {
  code: number
  stdout: string
  stderr: string
}

/** Runs the real command line as a person would: `node bin/allmende.js …` from another directory. */
function cli(args: string[], options: { dataDir?: string; input?: string } = {}): Promise<Outcome> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ALLMENDE_FAST_HASH: '1',
    DATA_DIR: options.dataDir ?? path.join(tmp, 'none'),
  }
  delete env.DATABASE_URL
  const child = spawn(process.execPath, [bin, ...args], { cwd: tmp, env, stdio: 'pipe' })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d) => (stdout += d))
  child.stderr.on('data', (d) => (stderr += d))
  child.stdin.end(options.input ?? '')
  return new Promise((resolve) => child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr })))
}

/** Runs the command line in this process, with output captured. */
async function inProcess(args: string[], env: NodeJS.ProcessEnv, input = ''): Promise<Outcome> {
  const out: Outcome = { code: -1, stdout: '', stderr: '' }
  const io: CliIo = {
    env: { ALLMENDE_FAST_HASH: '1', ...env },
    stdin: Readable.from([input]),
    out: (text) => {
      out.stdout += text
    },
    err: (text) => {
      out.stderr += text
    },
    interactive: false,
  }
  out.code = await runCli(args, io)
  return out
}

test('--help lists the commands, every command explains its options with an example', async () => {
  const global = await inProcess(['--help'], {})
  assert.equal(global.code, 0)
  for (const command of commands) {
    assert.ok(global.stdout.includes(command.name), command.name)
    const help = await inProcess([...command.name.split(' '), '--help'], {})
    assert.equal(help.code, 0, command.name)
    assert.equal(help.stdout, commandHelp(command))
    assert.match(help.stdout, new RegExp(`^Usage: allmende ${command.name}`))
    assert.match(help.stdout, /Options:[\s\S]*-h, --help[\s\S]*Example/)
    assert.match(help.stdout, /DATABASE_URL/)
    assert.equal((await inProcess([...command.name.split(' '), '-h'], {})).stdout, help.stdout)
  }
  // The real launcher, from a directory outside the project.
  const real = await cli(['backup', '--help'])
  assert.equal(real.code, 0, real.stderr)
  assert.match(real.stdout, /^Usage: allmende backup <file>/)
})

test('wrong usage is exit code 2 with a clear message', async () => {
  const cases: Array<[string[], RegExp]> = [
    [['frobnicate'], /Unknown command 'frobnicate'/],
    [['user', 'delete'], /Unknown command 'user delete'[\s\S]*user create/],
    [['migrate', '--force'], /Unknown option '--force'[\s\S]*allmende migrate --help/],
    [['user', 'create', '--email', 'a@b.test'], /Missing option --given-name/],
    [
      ['user', 'create', '--email', 'a@b.test', '--given-name', 'A', '--family-name', 'B', '--role', 'king'],
      /--role 'king'/,
    ],
    [
      ['user', 'create', '--email', 'a@b.test', '--given-name', 'A', '--family-name', 'B', '--password', 'x'],
      /Unknown option '--password'/,
    ],
    [['token', 'create', '--email', 'a@b.test', '--name', 'n', '--expires-days', 'soon'], /--expires-days/],
    [['backup'], /Missing argument <file>/],
    [['restore', 'a', 'b'], /Unexpected argument 'b'/],
  ]
  for (const [args, message] of cases) {
    const result = await inProcess(args, { DATA_DIR: path.join(tmp, 'never') })
    assert.equal(result.code, 2, args.join(' '))
    assert.match(result.stderr, message)
  }
  assert.equal((await inProcess([], {})).code, 2)
  assert.equal(fs.existsSync(path.join(tmp, 'never')), false, 'wrong usage touches no database')
})

/** A migrated database for in-process runs: a PostgreSQL test database or a PGlite data directory. */
async function migratedDatabase(): Promise<{ env: NodeJS.ProcessEnv; cleanup(): Promise<void> }> {
  const template = process.env.ALLMENDE_TEST_PG_TEMPLATE
  const pgUrl = process.env.ALLMENDE_TEST_PG_URL
  if (template && pgUrl) {
    const name = `${template.replace(/_tpl$/, '')}_cli_${process.pid}`
    const admin = new pg.Client({ connectionString: pgUrl })
    await admin.connect()
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`)
    const url = new URL(pgUrl)
    url.pathname = `/${name}`
    return {
      env: { DATABASE_URL: url.toString() },
      async cleanup() {
        await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
        await admin.end()
      },
    }
  }
  const dataDir = path.join(tmp, 'in-process')
  const handle = await createDb({
    dataDir,
    loadDataDir: new Blob([fs.readFileSync(process.env.ALLMENDE_TEST_TEMPLATE!)]),
  })
  await handle.close()
  return { env: { DATA_DIR: dataDir }, cleanup: async () => fs.rmSync(dataDir, { recursive: true, force: true }) }
}

test('seed-demo, user create with an organisation, token create and audit verify (in process)', async () => {
  const database = await migratedDatabase()
  try {
    const { env } = database
    const seeded = await inProcess(['seed-demo'], env)
    assert.equal(seeded.code, 0, seeded.stderr)
    assert.match(seeded.stdout, /vorstand@beispiel-eg\.example\s+Vorstand/)
    const again = await inProcess(['seed-demo'], env)
    assert.equal(again.code, 1)
    assert.match(again.stderr, /already has \d+ account/)

    const args = [
      'user',
      'create',
      '--email',
      'neu@solarwerk.example',
      '--given-name',
      'Neu',
      '--family-name',
      'Person',
    ]
    const user = await inProcess(
      [...args, '--org', 'O-00004', '--function', 'admin', '--password-stdin'],
      env,
      'ein langes Passwort 42\n',
    )
    assert.equal(user.code, 0, user.stderr)
    assert.match(user.stdout, /^[0-9a-f-]{36}\n$/)
    assert.match(user.stderr, /To: neu@solarwerk\.example[\s\S]*verify-email\?token=/)
    const taken = await inProcess(args, env)
    assert.equal(taken.code, 1)
    assert.match(taken.stderr, /email_taken/)
    assert.match(
      (
        await inProcess(
          [...args.slice(0, 3), 'x@y.test', ...args.slice(4), '--org', 'O-09999', '--function', 'admin'],
          env,
        )
      ).stderr,
      /no organisation O-09999/,
    )

    const token = await inProcess(
      [
        'token',
        'create',
        '--email',
        'VORSTAND@beispiel-eg.example',
        '--name',
        'export',
        '--scope',
        'journal:read',
        '--expires-days',
        '7',
      ],
      env,
    )
    assert.equal(token.code, 0, token.stderr)
    assert.match(token.stdout, /^alm_[\w-]{40}\n$/)
    assert.match(token.stderr, /scopes: journal:read; expires/)
    assert.equal((await inProcess(['token', 'create', '--email', 'nobody@x.test', '--name', 'n'], env)).code, 1)

    const verified = await inProcess(['audit', 'verify'], env)
    assert.equal(verified.code, 0, verified.stderr)
    assert.match(verified.stdout, /^OK: \d+ entries, chain intact/)
  } finally {
    await database.cleanup()
  }
})

/** Every row of every table, to compare two databases. */
async function contents(handle: DbHandle): Promise<string> {
  const { rows } = await sql<{ t: string }>`
    SELECT string_agg(table_name, ',' ORDER BY table_name) AS t FROM information_schema.tables
    WHERE table_schema = 'public' AND table_name <> 'schema_migration'`.execute(handle.db)
  const parts: string[] = []
  for (const table of rows[0]!.t.split(',')) {
    const r = await sql<{ j: string }>`SELECT row_to_json(x)::text AS j FROM ${sql.table(table)} x ORDER BY 1`.execute(
      handle.db,
    )
    parts.push(table, ...r.rows.map((row) => row.j))
  }
  return parts.join('\n')
}

// The real command line on one embedded database, step by step as an operator would go.
const dataDir = path.join(tmp, 'portal-data')
const restoredDir = path.join(tmp, 'restored-data')

test('migrate on a fresh data directory, user create with roles, audit verify', async () => {
  const migrated = await cli(['migrate'], { dataDir })
  assert.equal(migrated.code, 0, migrated.stderr)
  assert.ok(migrated.stdout.startsWith(`Applied ${migrations.length} migration(s) in`), migrated.stdout)
  for (const migration of migrations) assert.ok(migrated.stdout.includes(migration.name), migration.name)

  const created = await cli(
    [
      'user',
      'create',
      '--email',
      'clara@example.org',
      '--given-name',
      'Clara',
      '--family-name',
      'Neumann',
      '--role',
      'board',
      '--role',
      'staff',
      '--password-stdin',
    ],
    { dataDir, input: 'correct horse battery staple\n' },
  )
  assert.equal(created.code, 0, created.stderr)
  assert.match(created.stdout, /^[0-9a-f-]{36}\n$/)
  assert.match(created.stderr, /role\(s\) board, staff/)

  const verified = await cli(['audit', 'verify'], { dataDir })
  assert.equal(verified.code, 0, verified.stderr)
  assert.equal(verified.stdout, 'OK: 1 entries, chain intact\n')
})

test('backup and restore into a new data directory through the command line', async () => {
  const file = path.join(tmp, 'backup.jsonl.gz')
  const backup = await cli(['backup', file], { dataDir })
  assert.equal(backup.code, 0, backup.stderr)
  assert.match(backup.stderr, /account: 1 row/)
  const written = /Backup written to .*backup\.jsonl\.gz: (\d+) tables/.exec(backup.stdout)
  assert.ok(written, backup.stdout)
  const handle = await createDb({ dataDir })
  const { rows } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM information_schema.tables
    WHERE table_schema = 'public' AND table_name <> 'schema_migration'`.execute(handle.db)
  await handle.close()
  assert.equal(Number(written[1]), rows[0]?.n, 'every table of the schema')
  const restore = await cli(['restore', file], { dataDir: restoredDir })
  assert.equal(restore.code, 0, restore.stderr)
  assert.match(restore.stdout, new RegExp(`Restored ${written[1]} tables[\\s\\S]*OK: \\d+ entries, chain intact`))
  assert.match(restore.stderr, /audit_entry: 1 row/)
})

test('audit verify names the entry that was tampered with', async () => {
  const restored = await createDb({ dataDir: restoredDir })
  const copy = await contents(restored)
  await restored.close()
  const handle = await createDb({ dataDir })
  try {
    assert.equal(copy, await contents(handle), 'the restored copy equals the original')
    // Tampering as a superuser could: the trigger is switched off for one forged update.
    await sql`ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_no_update`.execute(handle.db)
    await sql`UPDATE audit_entry SET actor_label = 'someone else' WHERE seq = 1`.execute(handle.db)
    await sql`ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_no_update`.execute(handle.db)
  } finally {
    await handle.close()
  }
  const broken = await cli(['audit', 'verify'], { dataDir })
  assert.equal(broken.code, 1)
  assert.match(broken.stdout, /^BROKEN: entry 1: content does not match its hash/)
})

test('a command on the data directory of a running portal says so and touches nothing', async () => {
  const holder = await holdLock(dataDir)
  try {
    const lockFile = path.join(dataDir, 'allmende.lock')
    const lockBefore = fs.readFileSync(lockFile, 'utf8')
    const busy = await cli(['audit', 'verify'], { dataDir })
    assert.equal(busy.code, 1)
    assert.match(busy.stderr, new RegExp(`in use by process ${holder.pid} \\(portal`))
    assert.match(busy.stderr, /Nothing was changed/)
    assert.equal(busy.stdout, '')
    assert.equal(fs.readFileSync(lockFile, 'utf8'), lockBefore)
  } finally {
    holder.kill('SIGTERM')
    await new Promise((resolve) => holder.once('exit', resolve))
  }
  assert.equal(fs.existsSync(path.join(dataDir, 'allmende.lock')), false, 'the holder released its lock')
})

/** A child process that locks the data directory like a running portal, until it is terminated. */
async function holdLock(dataDir: string): Promise<ChildProcess> {
  const lockModule = new URL('../db/data-dir-lock.ts', import.meta.url).href
  const script = `
    const { acquireDataDirLock } = await import(${JSON.stringify(lockModule)})
    acquireDataDirLock(${JSON.stringify(dataDir)}, 'portal')
    process.on('SIGTERM', () => process.exit(0))
    console.log('locked')
    setInterval(() => {}, 1000)`
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d) => String(d).includes('locked') && resolve())
    child.once('exit', (code) => reject(new Error(`lock holder exited with ${code}`)))
  })
  return child
}
