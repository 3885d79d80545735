import { sql } from 'kysely'
import type { Executor, Trx } from '../db/db.ts'
import type { MemberType } from '../db/schema.ts'
import type { Actor } from '../platform/actor.ts'
import { audit } from '../platform/audit.ts'
import type { ActionEnv } from '../platform/context.ts'
import { type PlainDate, todayIn } from '../platform/dates.ts'
import { DomainError } from '../platform/errors.ts'
import { authorize } from '../platform/policy.ts'
import { statutesOn } from '../statutes/statutes.actions.ts'
import { lockAssembly } from './assemblies.repo.ts'
import { type GovernanceSettings, governanceSettings, votesOf } from './assembly.rules.ts'

/**
 * The voter roll (assembly_voter): who is a member on the register date (§43 GenG: one member, one vote),
 * with their votes (supporting members 0 unless the statutes give them a vote, §8 (2) GenG) and the person who
 * acts for them (a person member themself; an organisation through its legal representative).
 */

export interface VoterView {
  memberId: string
  number: string
  name: string
  memberType: MemberType
  votes: number
  representativePersonId: string | null
  representativeName: string | null
}

export interface RollCounts {
  members: number
  voting: number
  votes: number
  withoutRepresentative: number
}

/** The governance settings of the statutes in force today. */
export async function settingsToday(db: Executor, now: Date): Promise<GovernanceSettings> {
  return governanceSettings((await statutesOn(db, todayIn(now))).settings)
}

/**
 * Members on a date, as the register counts them (membershipStatus in src/members: joined by then, exit date not
 * before it), with their type and the person acting for them: the oldest legal representative of an
 * organisation, the person itself otherwise.
 */
export async function membersOn(db: Executor, date: PlainDate) {
  return db
    .selectFrom('member as m')
    .select([
      'm.id',
      'm.member_type',
      'm.organisation_id',
      sql<string | null>`coalesce(m.person_id, (
        SELECT a.person_id FROM affiliation a
        WHERE a.organisation_id = m.organisation_id AND a.function = 'legal_representative'
        ORDER BY a.created_at, a.person_id LIMIT 1))`.as('representative_person_id'),
    ])
    .where('m.joined_on', '<=', date)
    .where((eb) => eb.or([eb('m.exit_on', 'is', null), eb('m.exit_on', '>=', date)]))
    .orderBy('m.number')
    .execute()
}

/** Writes the roll of an assembly afresh from the register as of its register date. Returns how many are on it. */
export async function computeRoll(
  trx: Trx,
  assemblyId: string,
  registerDate: PlainDate,
  settings: GovernanceSettings,
): Promise<number> {
  const members = await membersOn(trx, registerDate)
  await trx.deleteFrom('assembly_voter').where('assembly_id', '=', assemblyId).execute()
  if (members.length === 0) return 0
  await trx
    .insertInto('assembly_voter')
    .values(
      members.map((m) => ({
        assembly_id: assemblyId,
        member_id: m.id,
        votes: votesOf(m.member_type, settings),
        representative_person_id: m.representative_person_id,
      })),
    )
    .execute()
  return members.length
}

/**
 * The board computes the roll again (a late admission, a new legal representative) until the assembly opens;
 * from then on it is what the presence and the votes count against.
 */
export async function recomputeRoll(trx: Trx, actor: Actor, ref: string, env: ActionEnv): Promise<RollCounts> {
  authorize(actor, 'assembly.manage')
  const assembly = await lockAssembly(trx, ref)
  if (!assembly) throw new DomainError('not_found')
  if (assembly.status !== 'invited')
    throw new DomainError('conflict', 'the roll is computed from the invitation until the assembly opens')
  const settings = await settingsToday(trx, env.clock.now())
  await computeRoll(trx, assembly.id, assembly.register_date, settings)
  const counts = await rollCounts(trx, assembly.id)
  await audit(
    trx,
    actor,
    {
      action: 'assembly.roll_computed',
      subjectType: 'assembly',
      subjectId: assembly.id,
      after: { registerDate: assembly.register_date, ...counts },
    },
    env.clock,
  )
  return counts
}

export async function rollCounts(db: Executor, assemblyId: string): Promise<RollCounts> {
  const row = await db
    .selectFrom('assembly_voter')
    .select([
      sql<number>`count(*)::int`.as('members'),
      sql<number>`count(*) FILTER (WHERE votes > 0)::int`.as('voting'),
      sql<number>`coalesce(sum(votes), 0)::int`.as('votes'),
      sql<number>`count(*) FILTER (WHERE representative_person_id IS NULL)::int`.as('without'),
    ])
    .where('assembly_id', '=', assemblyId)
    .executeTakeFirstOrThrow()
  return {
    members: Number(row.members),
    voting: Number(row.voting),
    votes: Number(row.votes),
    withoutRepresentative: Number(row.without),
  }
}

/** The roll with names, for the board (and the supervisory board, auditors: governance.read_all). */
export async function voterRoll(
  db: Executor,
  actor: Actor,
  assemblyId: string,
): Promise<{ voters: VoterView[]; counts: RollCounts }> {
  authorize(actor, 'governance.read_all')
  const rows = await db
    .selectFrom('assembly_voter as v')
    .innerJoin('member as m', 'm.id', 'v.member_id')
    .leftJoin('organisation as o', 'o.id', 'm.organisation_id')
    .leftJoin('person as mp', 'mp.id', 'm.person_id')
    .leftJoin('person as rp', 'rp.id', 'v.representative_person_id')
    .select([
      'v.member_id',
      'v.votes',
      'v.representative_person_id',
      'm.number',
      'm.member_type',
      'o.name as organisation_name',
      'mp.given_name as member_given',
      'mp.family_name as member_family',
      'rp.given_name as rep_given',
      'rp.family_name as rep_family',
    ])
    .where('v.assembly_id', '=', assemblyId)
    .orderBy('m.number')
    .execute()
  const voters = rows.map((r) => ({
    memberId: r.member_id,
    number: r.number,
    name: r.organisation_name ?? `${r.member_given ?? ''} ${r.member_family ?? ''}`.trim(),
    memberType: r.member_type,
    votes: r.votes,
    representativePersonId: r.representative_person_id,
    representativeName: r.rep_given ? `${r.rep_given} ${r.rep_family}` : null,
  }))
  return { voters, counts: await rollCounts(db, assemblyId) }
}

/**
 * The members a person may vote for in an assembly: those they represent on the roll (a person member themself,
 * an organisation's legal representative) and those whose active proxy they hold (§43 (5) GenG), with the votes
 * of each. Members without a vote (0) are left out. The polls use exactly this.
 */
export async function representedMembers(
  db: Executor,
  assemblyId: string,
  personId: string,
): Promise<Array<{ memberId: string; votes: number; proxyId: string | null }>> {
  const own = await db
    .selectFrom('assembly_voter')
    .select(['member_id', 'votes'])
    .where('assembly_id', '=', assemblyId)
    .where('representative_person_id', '=', personId)
    .where('votes', '>', 0)
    // a member that gave a proxy to someone else votes through that holder
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('assembly_proxy as p')
            .select('p.id')
            .whereRef('p.grantor_member_id', '=', 'assembly_voter.member_id')
            .where('p.assembly_id', '=', assemblyId)
            .where('p.revoked_at', 'is', null),
        ),
      ),
    )
    .orderBy('member_id')
    .execute()
  const proxies = await db
    .selectFrom('assembly_proxy as p')
    .innerJoin('assembly_voter as v', (join) =>
      join.onRef('v.member_id', '=', 'p.grantor_member_id').onRef('v.assembly_id', '=', 'p.assembly_id'),
    )
    .select(['p.id', 'p.grantor_member_id', 'v.votes'])
    .where('p.assembly_id', '=', assemblyId)
    .where('p.holder_person_id', '=', personId)
    .where('p.revoked_at', 'is', null)
    .where('v.votes', '>', 0)
    .orderBy('p.granted_at')
    .execute()
  return [
    ...own.map((r) => ({ memberId: r.member_id, votes: r.votes, proxyId: null })),
    ...proxies.map((r) => ({ memberId: r.grantor_member_id, votes: r.votes, proxyId: r.id })),
  ]
}
