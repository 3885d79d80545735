import type { z } from '@hono/zod-openapi'
import type { Executor } from '../db/db.ts'
import type { ProviderRow } from '../db/schema-catalog.ts'
import { DomainError, fieldError } from '../platform/errors.ts'

/** What the area and service actions share: finding the provider an entry names, and merging a patch. */

/** The provider a key names (the cooperative itself when none is given); archived providers take no new entries. */
export async function providerForEntry(
  db: Executor,
  key: string | undefined,
  fallbackId: string | null,
): Promise<ProviderRow> {
  let query = db.selectFrom('provider').selectAll()
  if (key) query = query.where('key', '=', key)
  else if (fallbackId) query = query.where('id', '=', fallbackId)
  else query = query.where('is_home', '=', true)
  const row = await query.executeTakeFirst()
  if (!row) throw fieldError('providerKey', 'provider_unknown')
  if (row.archived_at !== null) throw fieldError('providerKey', 'provider_archived')
  return row
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** A patch laid over the current values: objects merge key by key, anything else (lists too) replaces. */
export function mergePatch<T>(current: T, patch: Record<string, unknown>): T {
  if (!isPlainObject(current)) return patch as T
  const out: Record<string, unknown> = { ...current }
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue
    out[key] = isPlainObject(value) && isPlainObject(out[key]) ? mergePatch(out[key], value) : value
  }
  return out as T
}

/** Parses a merged entry with the full schema; its issues are the patch's (same paths). */
export function parseMerged<S extends z.ZodType>(schema: S, merged: unknown): z.infer<S> {
  const parsed = schema.safeParse(merged)
  if (parsed.success) return parsed.data
  throw new DomainError(
    'validation',
    'catalog entry',
    parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message })),
  )
}

/** A key in use is refused at the field rather than by the unique index (which would be a bare conflict). */
export async function keyTaken(db: Executor, table: 'service_area' | 'service' | 'provider', key: string) {
  const row = await db.selectFrom(table).select('id').where('key', '=', key).executeTakeFirst()
  return row !== undefined
}
