import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Readable } from 'node:stream'
import { after, before, test } from 'node:test'
import pg from 'pg'
import { admitMember } from '../../test/support/members.ts'
import { createDb, type DbHandle } from '../db/db.ts'
import { fixedClock } from '../platform/clock.ts'
import { loadConfig } from '../platform/config.ts'
import { createMailer } from '../platform/mail.ts'
import type { CliIo } from './command.ts'
import { runCli } from './run.ts'

const root = path.resolve(import.meta.dirname, '../..')
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'allmende-register-cli-'))

interface Outcome {
  code: number
  stdout: string
  stderr: string
}

/** The database the commands read: a migrated PGlite data directory, or a PostgreSQL test database. */
let env: NodeJS.ProcessEnv
let cleanup: () => Promise<void>
let number: string

async function open(): Promise<DbHandle> {
  return env.DATABASE_URL
    ? createDb({ databaseUrl: env.DATABASE_URL, poolSize: 2 })
    : createDb({ dataDir: env.DATA_DIR! })
}

before(async () => {
  const template = process.env.ALLMENDE_TEST_PG_TEMPLATE
  const pgUrl = process.env.ALLMENDE_TEST_PG_URL
  if (template && pgUrl) {
    const name = `${template.replace(/_tpl$/, '')}_register_cli_${process.pid}`
    const admin = new pg.Client({ connectionString: pgUrl })
    await admin.connect()
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`)
    const url = new URL(pgUrl)
    url.pathname = `/${name}`
    env = { DATABASE_URL: url.toString() }
    cleanup = async () => {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
      await admin.end()
    }
  } else {
    const dataDir = path.join(tmp, 'data')
    const handle = await createDb({
      dataDir,
      loadDataDir: new Blob([fs.readFileSync(process.env.ALLMENDE_TEST_TEMPLATE!)]),
    })
    await handle.close()
    env = { DATA_DIR: dataDir }
    cleanup = async () => {}
  }
  // an organisation admitted on 10 March 2026, through the actions as the board would
  const handle = await open()
  try {
    const deps = {
      handle,
      db: handle.db,
      config: loadConfig({ LOG_LEVEL: 'silent' }),
      mailer: createMailer({ from: 'test@localhost', log: () => {} }),
      clock: fixedClock(new Date('2026-03-10T10:00:00Z')),
    }
    number = (await admitMember(deps, { organisationName: 'Klimabündnis Nord e.V.' })).member.number
  } finally {
    await handle.close()
  }
})
after(async () => {
  await cleanup()
  fs.rmSync(tmp, { recursive: true, force: true })
})

async function inProcess(args: string[]): Promise<Outcome> {
  const out: Outcome = { code: -1, stdout: '', stderr: '' }
  const io: CliIo = {
    env: { ALLMENDE_FAST_HASH: '1', ...env },
    stdin: Readable.from(['']),
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

/** The real launcher, from a directory outside the project. */
function launcher(args: string[]): Promise<Outcome> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ALLMENDE_FAST_HASH: '1', ...env }
  if (!env.DATABASE_URL) delete childEnv.DATABASE_URL
  const child = spawn(process.execPath, [path.join(root, 'bin', 'allmende.js'), ...args], {
    cwd: tmp,
    env: childEnv,
    stdio: 'pipe',
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d) => (stdout += d))
  child.stderr.on('data', (d) => (stderr += d))
  child.stdin.end()
  return new Promise((resolve) => child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr })))
}

test('register export as of a date lists the admitted member with its shares (CSV on stdout)', async () => {
  const result = await launcher(['register', 'export', '--at', '2026-12-31'])
  assert.equal(result.code, 0, result.stderr)
  assert.match(result.stderr, /Register as of 2026-12-31: 1 member\(s\)/)
  const lines = result.stdout
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n')
  assert.equal(lines.length, 2)
  assert.match(lines[0]!, /^Stand am;Mitgliedsnummer;/)
  const cells = lines[1]!.split(';')
  // 4 employees and 180,000 € budget: small tier 1 share, 1 primary area, 1 voluntary
  assert.deepEqual(
    [cells[0], cells[1], cells[2], cells[5], cells[6]],
    ['2026-12-31', number, 'Klimabündnis Nord e.V.', '2026-03-10', '3'],
  )
  // the day before joining, the register is empty
  const before = await inProcess(['register', 'export', '--at', '2026-03-09', '--lang', 'en'])
  assert.equal(before.code, 0, before.stderr)
  assert.equal(
    before.stdout
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n').length,
    1,
  )
  assert.match(before.stdout, /As of;/)
})

test('register export as JSON into a file, which it does not overwrite unasked', async () => {
  const file = path.join(tmp, 'register.json')
  const result = await inProcess(['register', 'export', '--at', '2026-12-31', '--format', 'json', '--output', file])
  assert.equal(result.code, 0, result.stderr)
  assert.equal(result.stdout, '')
  assert.match(result.stderr, /1 member\(s\), written to .*register\.json/)
  const written = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    asOf: string
    items: Array<{ number: string; shares: number; memberType: string }>
  }
  assert.equal(written.asOf, '2026-12-31')
  assert.deepEqual(
    written.items.map((r) => [r.number, r.shares, r.memberType]),
    [[number, 3, 'organisation']],
  )
  const again = await inProcess(['register', 'export', '--format', 'json', '--output', file])
  assert.equal(again.code, 1)
  assert.match(again.stderr, /exists.*--force/)
  assert.equal((await inProcess(['register', 'export', '--format', 'json', '--output', file, '--force'])).code, 0)
})

test('a bad date, format or language is a usage error that touches no database', async () => {
  const cases: Array<[string[], RegExp]> = [
    [['--at', '2026-02-30'], /--at '2026-02-30' is not a calendar date; give YYYY-MM-DD/],
    [['--at', '31.12.2026'], /--at '31\.12\.2026' is not a calendar date/],
    [['--format', 'xlsx'], /--format 'xlsx' is not one of csv, json/],
    [['--lang', 'fr'], /--lang 'fr' is not one of de, en/],
    [['--at'], /--at/],
  ]
  for (const [args, message] of cases) {
    const result = await runCli(['register', 'export', ...args], {
      env: { DATA_DIR: path.join(tmp, 'never') },
      stdin: Readable.from(['']),
      out: () => {},
      err: (text) => assert.match(text, message, args.join(' ')),
      interactive: false,
    })
    assert.equal(result, 2, args.join(' '))
  }
  assert.equal(fs.existsSync(path.join(tmp, 'never')), false)
  const missing = await runCli(['register', 'export', '--at', '2026-12-31'], {
    env: { DATA_DIR: path.join(tmp, 'never') },
    stdin: Readable.from(['']),
    out: () => {},
    err: (text) => assert.match(text, /There is no database/),
    interactive: false,
  })
  assert.equal(missing, 1)
})

test('register purge: a dry run first; nothing is due yet for a member who has not left', async () => {
  const dry = await inProcess(['register', 'purge', '--dry-run'])
  assert.equal(dry.code, 0, dry.stderr)
  assert.equal(dry.stdout, 'Would purge the records of 0 member(s).\n')
  assert.match(dry.stderr, /nothing was changed/)
  const purge = await inProcess(['register', 'purge'])
  assert.equal(purge.code, 0, purge.stderr)
  assert.equal(purge.stdout, 'Purged the records of 0 member(s).\n')
  const help = await inProcess(['register', '--help'])
  assert.match(help.stdout, /register export[\s\S]*register purge/)
})
