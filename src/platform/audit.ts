import type { Executor, Trx } from '../db/db.ts'
import type { Actor } from './actor.ts'
import { type Clock, systemClock } from './clock.ts'
import { sha256 } from './crypto.ts'

export interface AuditInput {
  action: string
  subjectType: string
  subjectId: string
  /** The organisation the entry concerns, so that organisation can read it. */
  organisationId?: string | null
  before?: unknown
  after?: unknown
  reason?: string | null
}

const secretKeys = /password|secret|token_hash|totp/i

/** JSON with sorted keys and secrets removed: the same value always hashes the same, before and after jsonb. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(normalise(value))
}

function normalise(value: unknown): unknown {
  if (value === undefined) return null
  if (value === null || typeof value !== 'object') return value
  if (value instanceof Date) return value.toISOString()
  if (Array.isArray(value)) return value.map(normalise)
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[key]
    if (v === undefined) continue
    out[key] = secretKeys.test(key) ? '[redacted]' : normalise(v)
  }
  return out
}

export interface HashedFields {
  seq: number
  at: Date
  actor_account_id: string | null
  actor_label: string
  action: string
  subject_type: string
  subject_id: string
  organisation_id: string | null
  before: unknown
  after: unknown
  reason: string | null
  prev_hash: string
}

/** The entry's hash covers every field and the previous hash, so changing or removing any entry breaks the chain. */
export function entryHash(e: HashedFields): string {
  return sha256(
    canonicalJson([
      e.seq,
      e.at.toISOString(),
      e.actor_account_id,
      e.actor_label,
      e.action,
      e.subject_type,
      e.subject_id,
      e.organisation_id,
      e.before ?? null,
      e.after ?? null,
      e.reason,
      e.prev_hash,
    ]),
  )
}

/**
 * Appends one journal entry inside the caller's transaction. The single `audit_head` row is locked by
 * the update, so concurrent transactions append one after the other and the chain stays linear.
 */
export async function audit(trx: Trx, actor: Actor, input: AuditInput, clock: Clock = systemClock): Promise<number> {
  const head = await trx
    .updateTable('audit_head')
    .set((eb) => ({ seq: eb('seq', '+', 1) }))
    .where('id', '=', 1)
    .returning(['seq', 'hash'])
    .executeTakeFirstOrThrow()
  const before = input.before === undefined ? null : JSON.parse(canonicalJson(input.before))
  const after = input.after === undefined ? null : JSON.parse(canonicalJson(input.after))
  const fields: HashedFields = {
    seq: head.seq,
    at: new Date(Math.floor(clock.now().getTime())),
    actor_account_id: actor.accountId,
    actor_label: actor.label,
    action: input.action,
    subject_type: input.subjectType,
    subject_id: input.subjectId,
    organisation_id: input.organisationId ?? null,
    before,
    after,
    reason: input.reason ?? null,
    prev_hash: head.hash,
  }
  const hash = entryHash(fields)
  await trx
    .insertInto('audit_entry')
    .values({
      ...fields,
      before: before === null ? null : JSON.stringify(before),
      after: after === null ? null : JSON.stringify(after),
      hash,
    })
    .execute()
  await trx.updateTable('audit_head').set({ hash }).where('id', '=', 1).execute()
  return head.seq
}

export interface VerifyResult {
  ok: boolean
  checked: number
  firstBroken?: { seq: number; problem: string }
}

/** Recomputes the whole chain in order; names the first entry whose hash, link or number does not fit. */
export async function verifyAuditChain(
  db: Executor,
  onProgress: (checked: number) => void = () => {},
): Promise<VerifyResult> {
  let prevHash = '0'.repeat(64)
  let expectedSeq = 1
  let checked = 0
  const pageSize = 1000
  for (;;) {
    const rows = await db
      .selectFrom('audit_entry')
      .selectAll()
      .where('seq', '>=', expectedSeq)
      .orderBy('seq')
      .limit(pageSize)
      .execute()
    for (const row of rows) {
      if (row.seq !== expectedSeq) {
        return { ok: false, checked, firstBroken: { seq: expectedSeq, problem: `entry ${expectedSeq} is missing` } }
      }
      if (row.prev_hash !== prevHash) {
        return { ok: false, checked, firstBroken: { seq: row.seq, problem: 'does not link to the previous entry' } }
      }
      const recomputed = entryHash({ ...row, at: new Date(row.at), before: row.before, after: row.after })
      if (recomputed !== row.hash) {
        return { ok: false, checked, firstBroken: { seq: row.seq, problem: 'content does not match its hash' } }
      }
      prevHash = row.hash
      expectedSeq++
      checked++
    }
    onProgress(checked)
    if (rows.length < pageSize) break
  }
  const head = await db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirst()
  if (head && (head.seq !== checked || head.hash !== prevHash)) {
    return { ok: false, checked, firstBroken: { seq: checked + 1, problem: `entries after ${checked} are missing` } }
  }
  return { ok: true, checked }
}

/**
 * Appends several entries in one go (the group commit of votes): the head is locked and moved once, the entries
 * are chained in memory and written in one statement. The same chain as one `audit` call after another.
 */
export async function auditMany(
  trx: Trx,
  entries: Array<{ actor: Actor; input: AuditInput }>,
  clock: Clock = systemClock,
): Promise<void> {
  if (entries.length === 0) return
  const head = await trx
    .updateTable('audit_head')
    .set((eb) => ({ seq: eb('seq', '+', entries.length) }))
    .where('id', '=', 1)
    .returning(['seq', 'hash'])
    .executeTakeFirstOrThrow()
  let prev = head.hash
  const at = new Date(Math.floor(clock.now().getTime()))
  const rows = entries.map(({ actor, input }, i) => {
    const before = input.before === undefined ? null : JSON.parse(canonicalJson(input.before))
    const after = input.after === undefined ? null : JSON.parse(canonicalJson(input.after))
    const fields: HashedFields = {
      seq: head.seq - entries.length + 1 + i,
      at,
      actor_account_id: actor.accountId,
      actor_label: actor.label,
      action: input.action,
      subject_type: input.subjectType,
      subject_id: input.subjectId,
      organisation_id: input.organisationId ?? null,
      before,
      after,
      reason: input.reason ?? null,
      prev_hash: prev,
    }
    const hash = entryHash(fields)
    prev = hash
    return {
      ...fields,
      before: before === null ? null : JSON.stringify(before),
      after: after === null ? null : JSON.stringify(after),
      hash,
    }
  })
  await trx.insertInto('audit_entry').values(rows).execute()
  await trx.updateTable('audit_head').set({ hash: prev }).where('id', '=', 1).execute()
}
