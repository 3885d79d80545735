import assert from 'node:assert/strict'
import { sql } from 'kysely'
import type { TestApp } from '../../test/support/app.ts'

/** Helpers for the API tests (not a test file itself). */

export interface Problem {
  type: string
  title: string
  status: number
  code: string
  detail?: string
  errors?: Array<{ path: string; message: string }>
}

/** Asserts the response is an RFC 9457 problem with this status, and returns it. */
export async function expectProblem(res: Response, status: number, code?: string): Promise<Problem> {
  const text = await res.text()
  assert.equal(res.status, status, `expected ${status}, got ${res.status}: ${text}`)
  assert.match(res.headers.get('content-type') ?? '', /^application\/problem\+json/)
  const body = JSON.parse(text) as Problem
  assert.equal(body.status, status)
  assert.match(body.type, /^https:\/\/allmende\.coop\/problems\//)
  if (code) assert.equal(body.code, code)
  return body
}

export async function expectJson<T>(res: Response, status: number): Promise<T> {
  const text = await res.text()
  assert.equal(res.status, status, `expected ${status}, got ${res.status}: ${text}`)
  assert.match(res.headers.get('content-type') ?? '', /^application\/json/)
  return JSON.parse(text) as T
}

/**
 * Everything a request could change, in one comparable value: row counts, the journal's head and the
 * content of the rows the API writes (tokens without last_used_at, which reading a token may touch).
 */
export async function snapshot(t: TestApp): Promise<unknown> {
  const db = t.deps.db
  const count = async (
    table: 'organisation' | 'person' | 'affiliation' | 'account' | 'account_role' | 'one_time_token' | 'mail_outbox',
  ) =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )
  const tables = [
    'organisation',
    'person',
    'affiliation',
    'account',
    'account_role',
    'one_time_token',
    'mail_outbox',
  ] as const
  const counts: Record<string, number> = {}
  for (const table of tables) counts[table] = await count(table)
  return {
    counts,
    head: await db.selectFrom('audit_head').select(['seq', 'hash']).executeTakeFirst(),
    organisations: await db.selectFrom('organisation').selectAll().orderBy('id').execute(),
    people: await db.selectFrom('person').selectAll().orderBy('id').execute(),
    affiliations: await sql`SELECT organisation_id, person_id, function FROM affiliation ORDER BY 1, 2, 3`.execute(db),
    roles: await sql`SELECT account_id, role FROM account_role ORDER BY 1, 2`.execute(db),
    tokens: await db.selectFrom('api_token').select(['id', 'name', 'scopes', 'revoked_at']).orderBy('id').execute(),
  }
}

/** Runs `request` and asserts that it changed nothing; returns its response. */
export async function unchangedBy(t: TestApp, request: () => Promise<Response>): Promise<Response> {
  const before = await snapshot(t)
  const res = await request()
  await res.clone().text()
  assert.deepEqual(await snapshot(t), before, 'a refused request must leave the data as it was')
  return res
}
