/**
 * Domain errors carry a stable code; the HTTP status and the user-facing messages (German and English)
 * are looked up from the code, so the internal detail never leaks into a page.
 */
export type ErrorCode =
  | 'not_found'
  | 'forbidden'
  | 'unauthenticated'
  | 'validation'
  | 'conflict'
  | 'invalid_credentials'
  | 'account_locked'
  | 'rate_limited'
  | 'token_invalid'
  | 'totp_invalid'
  | 'email_taken'
  | 'last_admin'
  | 'database_busy'
  | 'payload_too_large'
  | 'invalid_encoding'
  | 'csrf_failed'
  | 'already_decided'
  | 'already_approved'
  | 'membership_overlap'
  | 'member_not_active'
  | 'shares_below_mandatory'
  | 'ledger_rule'
  | 'accounts_not_approved'
  | 'not_orderable'
  | 'members_only'
  | 'already_booked'
  | 'booking_state'
  | 'shares_missing'
  | 'event_full'
  | 'registration_closed'
  | 'poll_not_open'
  | 'already_voted'
  | 'not_entitled'

export interface FieldIssue {
  path: string
  message: string
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly detail?: string,
    readonly fields: FieldIssue[] = [],
  ) {
    super(detail ? `${code}: ${detail}` : code)
    this.name = 'DomainError'
  }
}

export const errorStatus: Record<ErrorCode, number> = {
  not_found: 404,
  forbidden: 403,
  unauthenticated: 401,
  validation: 422,
  conflict: 409,
  invalid_credentials: 401,
  account_locked: 423,
  rate_limited: 429,
  token_invalid: 400,
  totp_invalid: 401,
  email_taken: 409,
  last_admin: 409,
  database_busy: 503,
  payload_too_large: 413,
  invalid_encoding: 400,
  csrf_failed: 403,
  already_decided: 409,
  already_approved: 409,
  membership_overlap: 409,
  member_not_active: 409,
  shares_below_mandatory: 409,
  ledger_rule: 409,
  accounts_not_approved: 409,
  not_orderable: 409,
  members_only: 403,
  already_booked: 409,
  booking_state: 409,
  shares_missing: 409,
  event_full: 409,
  registration_closed: 409,
  poll_not_open: 409,
  already_voted: 409,
  not_entitled: 403,
}

export function fieldError(path: string, message: string): DomainError {
  return new DomainError('validation', `${path}: ${message}`, [{ path, message }])
}

/** Postgres errors that are the client's fault, not ours: a malformed id is "not found", a duplicate a conflict. */
export function fromDatabaseError(error: unknown): DomainError | null {
  const code = (error as { code?: string }).code
  if (code === '22P02') return new DomainError('not_found', 'malformed identifier')
  if (code === '23505') return new DomainError('conflict', 'duplicate')
  if (code === '40001' || code === '40P01') return new DomainError('database_busy')
  // the ledgers' own guards (negative balance, reversal rules) and the register's no-overlap rule
  if (code === '23514') return new DomainError('ledger_rule', (error as Error).message)
  if (code === '23P01') {
    // the database's no-overlap guards; the actions check first, these catch what raced past them
    const message = (error as Error).message
    if (message.includes('already books')) return new DomainError('already_booked', message)
    if (message.includes('price versions')) return new DomainError('conflict', message)
    return new DomainError('membership_overlap')
  }
  return null
}
