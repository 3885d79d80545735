import { DomainError } from '../platform/errors.ts'

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Path ids are UUIDs; anything else is simply "not found" (never a database error). */
export function idParam(value: string | undefined): string {
  if (!value || !uuid.test(value)) throw new DomainError('not_found')
  return value.toLowerCase()
}

export function pageParam(value: string | undefined): number {
  const n = Number(value ?? '1')
  return Number.isInteger(n) && n >= 1 && n <= 100000 ? n : 1
}
