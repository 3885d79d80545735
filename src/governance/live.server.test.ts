/**
 * 500 participants on the real server (not timed): bench/assembly.ts with 500 voters starts the portal in its own
 * process on a scratch PostgreSQL database, connects 500 SSE clients to the assembly's live page, sends 500 secret
 * casts over 10 s through the API, and exits 0 only if every cast was acknowledged, the database holds exactly one
 * vote_cast and one ballot per voter, and every client received the final count. PostgreSQL only.
 */
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { test } from 'node:test'

const pgUrl = process.env.ALLMENDE_TEST_PG_URL
const skip = !pgUrl && 'needs PostgreSQL (DATABASE_URL)'

test('500 live clients, 500 secret casts: every ballot exactly once, every client saw the final count', {
  skip,
  timeout: 240_000,
}, () => {
  const root = path.resolve(import.meta.dirname, '../..')
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'bench/assembly.ts', '500', '10'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: pgUrl },
    encoding: 'utf8',
    timeout: 230_000,
  })
  const out = `${run.stdout}\n${run.stderr}`
  assert.equal(run.status, 0, out)
  assert.match(out, /500 acknowledged, 0 failed/)
  assert.match(out, /clients that saw the final count 500: 500 of 500/)
  assert.match(out, /every acknowledged vote exactly once/)
})
