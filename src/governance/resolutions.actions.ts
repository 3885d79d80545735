import { sql } from 'kysely'
import type { Executor, Trx } from '../db/db.ts'
import type { Resolution } from '../db/schema-rooms.ts'
import type { Actor } from '../platform/actor.ts'
import { audit } from '../platform/audit.ts'
import type { ActionEnv } from '../platform/context.ts'
import { can } from '../platform/policy.ts'

/**
 * The register of resolutions. Every binding decision is entered in the transaction that makes it, with a journal
 * entry carrying its whole content (so the hash chain of the journal covers it) and numbered R-<year>-<n> in
 * the order of entry.
 */

export interface ResolutionInput {
  source: 'poll' | 'room_decision'
  pollId?: string
  roomDecisionId?: string
  assemblyId?: string | null
  roomId?: string | null
  body: string
  title: string
  text: string
  decidedOn: string
  votes: Record<string, unknown>
  outcome: 'adopted' | 'rejected' | 'elected' | 'no_result'
  link: string
}

export async function recordResolution(
  trx: Trx,
  actor: Actor,
  input: ResolutionInput,
  env: ActionEnv,
): Promise<Resolution> {
  // the journal's head row serialises the numbering as it serialises the journal
  await trx.selectFrom('audit_head').select('seq').where('id', '=', 1).forUpdate().execute()
  const year = input.decidedOn.slice(0, 4)
  const last = await trx
    .selectFrom('resolution')
    .select((eb) => eb.fn.count<number>('id').as('n'))
    .where('ref', 'like', `R-${year}-%`)
    .executeTakeFirstOrThrow()
  const ref = `R-${year}-${String(Number(last.n) + 1).padStart(3, '0')}`
  const seq = await audit(
    trx,
    actor,
    {
      action: 'resolution.recorded',
      subjectType: input.source === 'poll' ? 'poll' : 'room',
      subjectId: (input.source === 'poll' ? input.pollId : input.roomId) ?? '',
      after: { ref, ...input },
    },
    env.clock,
  )
  return trx
    .insertInto('resolution')
    .values({
      ref,
      source: input.source,
      poll_id: input.pollId ?? null,
      room_decision_id: input.roomDecisionId ?? null,
      assembly_id: input.assemblyId ?? null,
      room_id: input.roomId ?? null,
      body: input.body,
      title: input.title,
      text: input.text,
      decided_on: input.decidedOn,
      votes: JSON.stringify(input.votes),
      outcome: input.outcome,
      link: input.link,
      audit_seq: seq,
      recorded_at: env.clock.now(),
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

/**
 * What the actor may read of the register: the general assembly's resolutions for the readers and for everyone
 * who speaks for or is a member; a room's decisions only for that room's members.
 */
export async function visibleResolutions(db: Executor, actor: Actor): Promise<Resolution[]> {
  if (actor.kind === 'anonymous') return []
  const personId = actor.personId ?? '00000000-0000-0000-0000-000000000000'
  const readsAssemblies =
    can(actor, 'governance.read_all') ||
    actor.orgs.size > 0 ||
    (await db.selectFrom('member').select('id').where('person_id', '=', personId).executeTakeFirst()) !== undefined
  return db
    .selectFrom('resolution as r')
    .selectAll('r')
    .where((eb) =>
      eb.or([
        readsAssemblies ? eb('r.source', '=', 'poll') : sql<boolean>`false`,
        eb.and([
          eb('r.source', '=', 'room_decision'),
          eb.exists(
            eb
              .selectFrom('room_member as m')
              .select('m.id')
              .whereRef('m.room_id', '=', 'r.room_id')
              .where('m.person_id', '=', personId)
              .where('m.removed_at', 'is', null),
          ),
        ]),
      ]),
    )
    .orderBy('r.decided_on', 'desc')
    .orderBy('r.ref', 'desc')
    .limit(2000)
    .execute()
}
