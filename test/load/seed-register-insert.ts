/**
 * Bulk insertion: `INSERT … SELECT … FROM unnest(arrays)`, one statement and one parameter per column and batch;
 * the columns of every table the seed writes, with the types the text arrays are cast to.
 */
import { type Kysely, sql } from 'kysely'
import type { Database } from '../../src/db/schema.ts'
import type { Row } from './seed-register-context.ts'

type Column = readonly [name: string, type: string]

const columns: Record<string, Column[]> = {
  organisation: [
    ['id', 'uuid'],
    ['ref', 'text'],
    ['name', 'text'],
    ['legal_form', 'text'],
    ['street', 'text'],
    ['postal_code', 'text'],
    ['city', 'text'],
    ['country', 'text'],
    ['email', 'text'],
    ['phone', 'text'],
    ['website', 'text'],
    ['employees', 'int4'],
    ['volunteers', 'int4'],
    ['annual_budget_cents', 'int8'],
    ['created_at', 'timestamptz'],
    ['updated_at', 'timestamptz'],
  ],
  person: [
    ['id', 'uuid'],
    ['given_name', 'text'],
    ['family_name', 'text'],
    ['email', 'text'],
    ['phone', 'text'],
    ['street', 'text'],
    ['postal_code', 'text'],
    ['city', 'text'],
    ['country', 'text'],
    ['created_at', 'timestamptz'],
  ],
  affiliation: [
    ['organisation_id', 'uuid'],
    ['person_id', 'uuid'],
    ['function', 'text'],
    ['created_at', 'timestamptz'],
  ],
  membership_application: [
    ['id', 'uuid'],
    ['ref', 'text'],
    ['kind', 'text'],
    ['member_type', 'text'],
    ['status', 'text'],
    ['applicant', 'jsonb'],
    ['questionnaire', 'jsonb'],
    ['primary_areas', 'text[]'],
    ['mandatory_shares', 'int4'],
    ['voluntary_shares', 'int4'],
    ['statutes_version_id', 'uuid'],
    ['tracking_token_hash', 'text'],
    ['language', 'text'],
    ['submitted_at', 'timestamptz'],
    ['decided_at', 'timestamptz'],
    ['decided_by', 'text'],
    ['rejection_reason', 'text'],
  ],
  membership_declaration: [
    ['id', 'uuid'],
    ['application_id', 'uuid'],
    ['text', 'text'],
    ['statutes_version_id', 'uuid'],
    ['signer_name', 'text'],
    ['signer_email', 'text'],
    ['signed_at', 'timestamptz'],
    ['ip_address', 'text'],
    ['user_agent', 'text'],
    ['content_hash', 'text'],
    ['purged_at', 'timestamptz'],
  ],
  member: [
    ['id', 'uuid'],
    ['number', 'text'],
    ['member_type', 'text'],
    ['organisation_id', 'uuid'],
    ['person_id', 'uuid'],
    ['joined_on', 'date'],
    ['application_id', 'uuid'],
    ['notice_given_on', 'date'],
    ['exit_on', 'date'],
    ['exit_reason', 'text'],
    ['exit_note', 'text'],
    ['exit_recorded_at', 'timestamptz'],
    ['purged_at', 'timestamptz'],
    ['created_at', 'timestamptz'],
  ],
  share_transaction: [
    ['id', 'uuid'],
    ['member_id', 'uuid'],
    ['kind', 'text'],
    ['shares', 'int4'],
    ['value_cents', 'int8'],
    ['effective_on', 'date'],
    ['reverses_id', 'uuid'],
    ['counterpart_id', 'uuid'],
    ['application_id', 'uuid'],
    ['note', 'text'],
    ['booked_at', 'timestamptz'],
    ['booked_by', 'text'],
  ],
  capital_transaction: [
    ['id', 'uuid'],
    ['member_id', 'uuid'],
    ['kind', 'text'],
    ['amount_cents', 'int8'],
    ['effective_on', 'date'],
    ['reverses_id', 'uuid'],
    ['reversed_kind', 'text'],
    ['counterpart_id', 'uuid'],
    ['reference', 'text'],
    ['note', 'text'],
    ['booked_at', 'timestamptz'],
    ['booked_by', 'text'],
  ],
  annual_accounts: [
    ['fiscal_year_end', 'date'],
    ['approved_on', 'date'],
    ['loss_percent', 'numeric'],
    ['note', 'text'],
    ['recorded_at', 'timestamptz'],
    ['recorded_by', 'text'],
  ],
  payout: [
    ['id', 'uuid'],
    ['member_id', 'uuid'],
    ['cause', 'text'],
    ['share_transaction_id', 'uuid'],
    ['ended_on', 'date'],
    ['due_by', 'date'],
    ['status', 'text'],
    ['loss_cents', 'int8'],
    ['amount_cents', 'int8'],
    ['paid_on', 'date'],
    ['capital_transaction_id', 'uuid'],
    ['created_at', 'timestamptz'],
  ],
}

/** Postgres array literal of text, for columns that are arrays themselves (unnest would flatten them). */
function textArrayLiteral(xs: string[]): string {
  return `{${xs.map((x) => `"${x.replace(/["\\]/g, '\\$&')}"`).join(',')}}`
}

/** INSERT … SELECT … FROM unnest($1::t1[], $2::t2[], …): one statement and one parameter per column and batch. */
export async function bulkInsert(db: Kysely<Database>, table: string, rows: Row[], batch = 20_000): Promise<void> {
  const cols = columns[table]
  if (!cols) throw new Error(`no columns for ${table}`)
  for (let start = 0; start < rows.length; start += batch) {
    const slice = rows.slice(start, start + batch)
    const arrays = cols.map(([name, type]) => {
      const values = slice.map((r) => r[name] ?? null)
      if (type === 'text[]') return values.map((v) => textArrayLiteral(v as string[]))
      // array elements travel as text; the casts below turn them into the column's type
      return values.map((v) => (v === null ? null : typeof v === 'string' ? v : String(v)))
    })
    const params = sql.join(arrays.map((a) => sql`${a}::text[]`))
    const aliases = cols.map((_, i) => `c${i}`)
    const selects = sql.join(cols.map(([, type], i) => sql.raw(`c${i}::${type}`)))
    await sql`INSERT INTO ${sql.table(table)} (${sql.join(cols.map(([name]) => sql.ref(name)))})
      SELECT ${selects} FROM unnest(${params}) AS u(${sql.raw(aliases.join(', '))})`.execute(db)
  }
}
