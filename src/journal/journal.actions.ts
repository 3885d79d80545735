import type { Executor } from '../db/db.ts'
import type { Actor } from '../platform/actor.ts'
import { DomainError } from '../platform/errors.ts'
import { can, organisationScope } from '../platform/policy.ts'

export interface JournalEntry {
  seq: number
  at: string
  actor: string
  action: string
  subjectType: string
  subjectId: string
  organisationId: string | null
  before: unknown
  after: unknown
  reason: string | null
  hash: string
}

export interface JournalFilter {
  subjectType?: string
  subjectId?: string
  organisationId?: string
  action?: string
  page: number
  pageSize: number
}

/**
 * The journal as the actor may read it: the cooperative's readers see everything, an organisation's admins
 * and legal representatives see the entries about their organisation; everyone else sees nothing.
 */
export async function readJournal(
  db: Executor,
  actor: Actor,
  filter: JournalFilter,
): Promise<{ items: JournalEntry[]; total: number; page: number; pageSize: number }> {
  if (actor.kind === 'anonymous') throw new DomainError('unauthenticated')
  const scope = can(actor, 'journal.read_all') ? 'all' : organisationScope(actor, 'journal.read_organisation')
  if (scope !== 'all' && scope.length === 0) throw new DomainError('forbidden')
  if (filter.organisationId && scope !== 'all' && !scope.includes(filter.organisationId))
    throw new DomainError('forbidden')
  let query = db.selectFrom('audit_entry')
  if (scope !== 'all') query = query.where('organisation_id', 'in', scope)
  if (filter.subjectType) query = query.where('subject_type', '=', filter.subjectType)
  if (filter.subjectId) query = query.where('subject_id', '=', filter.subjectId)
  if (filter.organisationId) query = query.where('organisation_id', '=', filter.organisationId)
  if (filter.action) query = query.where('action', '=', filter.action)
  const [rows, total] = await Promise.all([
    query
      .selectAll()
      .orderBy('seq', 'desc')
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ])
  return {
    items: rows.map((r) => ({
      seq: r.seq,
      at: new Date(r.at).toISOString(),
      actor: r.actor_label,
      action: r.action,
      subjectType: r.subject_type,
      subjectId: r.subject_id,
      organisationId: r.organisation_id,
      before: r.before,
      after: r.after,
      reason: r.reason,
      hash: r.hash,
    })),
    total: Number(total.n),
    page: filter.page,
    pageSize: filter.pageSize,
  }
}
