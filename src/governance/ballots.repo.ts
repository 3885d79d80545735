import { sql } from 'kysely'
import type { Executor, Trx } from '../db/db.ts'
import type { BallotChoices } from '../db/schema-governance.ts'

/** The Kysely code of casting: who a person votes for, that a member voted, and the ballots. */

export interface Represented {
  memberId: string
  votes: number
  /** The proxy the person holds for the member; null when they represent it themselves. */
  proxyId: string | null
}

/**
 * STAND-IN with the signature of `representedMembers` in src/governance/proxies.repo.ts (the assemblies helper's
 * file): the members a person votes for in an assembly, from the roll (the person itself, or an organisation's
 * representative) and the active proxies they hold (§43 (5) GenG). A member reached both ways counts once, as
 * represented directly. This is the rule itself, so it may stay once theirs is merged.
 */
export async function representedMembers(db: Executor, assemblyId: string, personId: string): Promise<Represented[]> {
  const { rows } = await sql<{ member_id: string; votes: number; proxy_id: string | null }>`
    SELECT v.member_id, v.votes, NULL::uuid AS proxy_id
    FROM assembly_voter v
    WHERE v.assembly_id = ${assemblyId} AND v.representative_person_id = ${personId}
    UNION ALL
    SELECT p.grantor_member_id, v.votes, p.id
    FROM assembly_proxy p
    JOIN assembly_voter v ON v.assembly_id = p.assembly_id AND v.member_id = p.grantor_member_id
    WHERE p.assembly_id = ${assemblyId} AND p.holder_person_id = ${personId} AND p.revoked_at IS NULL`.execute(db)
  const out = new Map<string, Represented>()
  for (const r of rows) {
    const seen = out.get(r.member_id)
    if (!seen || (seen.proxyId !== null && r.proxy_id === null))
      out.set(r.member_id, { memberId: r.member_id, votes: r.votes, proxyId: r.proxy_id })
  }
  return [...out.values()]
}

/** representedMembers for several persons at once (the group commit): one query, rows tagged with the person. */
export async function representedByPersons(
  db: Executor,
  assemblyId: string,
  personIds: string[],
): Promise<Array<Represented & { personId: string }>> {
  if (personIds.length === 0) return []
  const { rows } = await sql<{ person_id: string; member_id: string; votes: number; proxy_id: string | null }>`
    SELECT v.representative_person_id AS person_id, v.member_id, v.votes, NULL::uuid AS proxy_id
    FROM assembly_voter v
    WHERE v.assembly_id = ${assemblyId} AND v.representative_person_id IN (${sql.join(personIds)})
    UNION ALL
    SELECT p.holder_person_id, p.grantor_member_id, v.votes, p.id
    FROM assembly_proxy p
    JOIN assembly_voter v ON v.assembly_id = p.assembly_id AND v.member_id = p.grantor_member_id
    WHERE p.assembly_id = ${assemblyId} AND p.holder_person_id IN (${sql.join(personIds)}) AND p.revoked_at IS NULL`.execute(
    db,
  )
  return rows.map((r) => ({ personId: r.person_id, memberId: r.member_id, votes: r.votes, proxyId: r.proxy_id }))
}

export interface MemberStanding {
  memberId: string
  number: string
  name: string
  memberType: string
  excluded: boolean
  voted: boolean
}

/** For members of a poll's assembly: their number and name, whether excluded from the poll and whether they voted. */
export async function standingIn(db: Executor, pollId: string, memberIds: string[]): Promise<MemberStanding[]> {
  if (memberIds.length === 0) return []
  const { rows } = await sql<{
    id: string
    number: string
    name: string
    member_type: string
    excluded: boolean
    voted: boolean
  }>`
    SELECT m.id, m.number, m.member_type,
      coalesce(o.name, p.given_name || ' ' || p.family_name, m.number) AS name,
      EXISTS (SELECT 1 FROM poll_exclusion e WHERE e.poll_id = ${pollId} AND e.member_id = m.id) AS excluded,
      EXISTS (SELECT 1 FROM vote_cast c WHERE c.poll_id = ${pollId} AND c.member_id = m.id) AS voted
    FROM member m
    LEFT JOIN organisation o ON o.id = m.organisation_id
    LEFT JOIN person p ON p.id = m.person_id
    WHERE m.id IN (${sql.join(memberIds)})
    ORDER BY m.number`.execute(db)
  return rows.map((r) => ({
    memberId: r.id,
    number: r.number,
    name: r.name,
    memberType: r.member_type,
    excluded: r.excluded,
    voted: r.voted,
  }))
}

/** Marks members as having voted; returns the members whose row went in (another vote already there: left out). */
export async function insertVoteCasts(
  trx: Trx,
  rows: Array<{ pollId: string; memberId: string; personId: string; proxyId: string | null }>,
): Promise<Set<string>> {
  const inserted = await trx
    .insertInto('vote_cast')
    .values(
      rows.map((r) => ({
        poll_id: r.pollId,
        member_id: r.memberId,
        cast_by_person_id: r.personId,
        proxy_id: r.proxyId,
      })),
    )
    .onConflict((oc) => oc.columns(['poll_id', 'member_id']).doNothing())
    .returning(['poll_id', 'member_id'])
    .execute()
  return new Set(inserted.map((r) => `${r.poll_id}/${r.member_id}`))
}

/** Writes ballots in the order given (the caller shuffles secret ones); one statement. */
export async function insertBallots(
  trx: Trx,
  rows: Array<{
    pollId: string
    memberId: string | null
    receipt: string | null
    choices: BallotChoices
    weight: number
  }>,
): Promise<void> {
  if (rows.length === 0) return
  await trx
    .insertInto('ballot')
    .values(
      rows.map((r) => ({
        poll_id: r.pollId,
        member_id: r.memberId,
        receipt: r.receipt,
        choices: JSON.stringify(r.choices),
        weight: r.weight,
      })),
    )
    .execute()
}
