import assert from 'node:assert/strict'
import { sql } from 'kysely'
import type { TestApp } from '../../test/support/app.ts'
import { declarationJson } from '../../test/support/members.ts'
import { snapshot } from './api.testing.ts'

/** Helpers for the membership API tests (not a test file itself). */

const tables = [
  'statutes_version',
  'membership_application',
  'membership_declaration',
  'application_approval',
  'member',
  'share_transaction',
  'capital_transaction',
  'annual_accounts',
  'payout',
] as const

/** Everything a membership request could change: the platform's tables and every membership table, row by row. */
export async function membershipSnapshot(t: TestApp): Promise<unknown> {
  const rows: Record<string, unknown> = {}
  for (const table of tables)
    rows[table] = (
      await sql`SELECT to_jsonb(x)::text AS row FROM ${sql.table(table)} x ORDER BY 1`.execute(t.deps.db)
    ).rows
  return { platform: await snapshot(t), rows }
}

/** Runs `request` and asserts that it changed nothing, membership tables included; returns its response. */
export async function unchanged(t: TestApp, request: () => Promise<Response>): Promise<Response> {
  const before = await membershipSnapshot(t)
  const res = await request()
  await res.clone().text()
  assert.deepEqual(await membershipSnapshot(t), before, 'a refused request must leave the data as it was')
  return res
}

/** The paths of a 422 problem's field errors. */
export async function fieldPaths(res: Response): Promise<string[]> {
  const text = await res.text()
  assert.equal(res.status, 422, `expected 422, got ${res.status}: ${text}`)
  assert.match(res.headers.get('content-type') ?? '', /^application\/problem\+json/)
  const body = JSON.parse(text) as { code: string; errors?: Array<{ path: string; message: string }> }
  assert.equal(body.code, 'validation')
  for (const error of body.errors ?? [])
    assert.doesNotMatch(error.message, /^[a-z_]+$/, 'a readable message, not a key')
  return (body.errors ?? []).map((e) => e.path)
}

/** A complete application as JSON, as an API client sends it (with an IBAN); override what a test is about. */
export function applicationJson(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return declarationJson({ iban: 'DE89 3704 0044 0532 0130 00', ...overrides })
}
