import type { Executor } from '../db/db.ts'
import type { Actor } from '../platform/actor.ts'
import { DomainError } from '../platform/errors.ts'
import { can } from '../platform/policy.ts'

export interface Overview {
  name: string
  organisations: Array<{ id: string; name: string; ref: string }>
  /** Figures of the whole cooperative, only for those who may read all of it. */
  counts: { organisations: number; people: number; journal: number } | null
}

/** What the start page shows the actor: their name, their organisations, and for the back office the totals. */
export async function overview(db: Executor, actor: Actor): Promise<Overview> {
  if (actor.kind !== 'account' || !actor.personId) throw new DomainError('unauthenticated')
  const person = await db
    .selectFrom('person')
    .select(['given_name', 'family_name'])
    .where('id', '=', actor.personId)
    .executeTakeFirst()
  const ids = [...actor.orgs.keys()]
  const organisations = ids.length
    ? await db.selectFrom('organisation').select(['id', 'name', 'ref']).where('id', 'in', ids).orderBy('name').execute()
    : []
  let counts: Overview['counts'] = null
  if (can(actor, 'organisation.list_all')) {
    const [o, p, j] = await Promise.all([
      db
        .selectFrom('organisation')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('archived_at', 'is', null)
        .executeTakeFirstOrThrow(),
      db
        .selectFrom('person')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
      db.selectFrom('audit_head').select('seq').executeTakeFirstOrThrow(),
    ])
    counts = { organisations: Number(o.n), people: Number(p.n), journal: Number(j.seq) }
  }
  return { name: person ? `${person.given_name} ${person.family_name}` : actor.label, organisations, counts }
}
