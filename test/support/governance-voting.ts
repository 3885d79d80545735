import { sql } from 'kysely'
import { loadActor } from '../../src/auth/actor.repo.ts'
import type { Db, Executor } from '../../src/db/db.ts'
import type { Assembly } from '../../src/db/schema-governance.ts'
import type { Actor } from '../../src/platform/actor.ts'
import { randomToken, sha256 } from '../../src/platform/crypto.ts'

/**
 * Fixtures of the voting tests and the assembly benchmark: an assembly, a roll of voters with accounts (and
 * sessions for the HTTP tests), in bulk SQL (the assemblies helper's actions build these in the product; the
 * fixtures only need the rows). Not a test file itself.
 */

let assemblies = 0

export async function seedAssembly(
  db: Executor,
  options: { status?: 'invited' | 'open'; form?: 'in_person' | 'stretched'; votingFrom?: Date; votingTo?: Date } = {},
): Promise<Assembly> {
  const n = ++assemblies + Math.floor(Math.random() * 1e6)
  const now = new Date()
  return db
    .insertInto('assembly')
    .values({
      ref: `GV-2026-${String(n).padStart(7, '0')}`,
      body: 'general_assembly',
      kind: 'ordinary',
      form: options.form ?? 'in_person',
      title: 'Ordentliche Generalversammlung 2026',
      starts_at: new Date(now.getTime() - 3600_000),
      ends_at: new Date(now.getTime() + 3 * 3600_000),
      location: 'Oranienstraße 45, Berlin',
      voting_starts_at: options.votingFrom ?? null,
      voting_ends_at: options.votingTo ?? null,
      register_date: '2026-01-01',
      status: options.status ?? 'open',
      invited_at: new Date(now.getTime() - 20 * 86400_000),
      invited_by: 'test',
      opened_at: options.status === 'invited' ? null : now,
      created_at: now,
      created_by: 'test',
      updated_at: now,
      updated_by: 'test',
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

export interface Voter {
  personId: string
  accountId: string
  memberId: string
  number: string
  email: string
}

let batches = 0

/**
 * `count` natural-person members (employee members) on the roll with `votes` each, every one with an account; in
 * a handful of statements, so ten thousand take a second or two.
 */
export async function seedVoters(
  db: Executor,
  assemblyId: string,
  count: number,
  options: { votes?: number; memberType?: 'employee' | 'supporting' } = {},
): Promise<Voter[]> {
  const tag = `${process.pid}x${++batches}x${Math.floor(Math.random() * 1e6)}`
  const { rows } = await sql<Voter>`
    WITH p AS (
      INSERT INTO person (given_name, family_name, email, created_at, updated_at)
      SELECT 'Wählerin', 'Nr. ' || g, 'v' || g || '.' || ${tag} || '@voters.test', now(), now()
      FROM generate_series(1, ${count}::int) g
      RETURNING id, email
    ), a AS (
      INSERT INTO account (person_id, email, email_verified_at) SELECT id, email, now() FROM p RETURNING id, person_id
    ), m AS (
      INSERT INTO member (number, member_type, person_id, joined_on, created_at)
      SELECT 'W-' || ${tag} || '-' || lpad(row_number() OVER (ORDER BY p.email)::text, 6, '0'), ${options.memberType ?? 'employee'}, p.id, '2025-01-01', now()
      FROM p
      RETURNING id, person_id, number
    ), v AS (
      INSERT INTO assembly_voter (assembly_id, member_id, votes, representative_person_id)
      SELECT ${assemblyId}, m.id, ${options.votes ?? 1}::int, m.person_id FROM m
    )
    SELECT p.id AS "personId", a.id AS "accountId", m.id AS "memberId", m.number, p.email
    FROM p JOIN a ON a.person_id = p.id JOIN m ON m.person_id = p.id
    ORDER BY m.number`.execute(db)
  return rows
}

/** An organisation member with plural votes whose legal representative is `personId`. */
export async function seedOrganisationVoter(
  db: Executor,
  assemblyId: string,
  representativePersonId: string,
  votes: number,
): Promise<{ memberId: string; number: string; organisationId: string }> {
  const tag = `${process.pid}-${++batches}-${Math.floor(Math.random() * 1e6)}`
  const org = await db
    .insertInto('organisation')
    .values({ ref: `O-${tag}`, name: `Verein ${tag} e.V.`, legal_form: 'ev' } as never)
    .returning('id')
    .executeTakeFirstOrThrow()
  const member = await db
    .insertInto('member')
    .values({
      number: `W-${tag}-O`,
      member_type: 'organisation',
      organisation_id: org.id,
      joined_on: '2025-01-01',
      created_at: new Date(),
    })
    .returning(['id', 'number'])
    .executeTakeFirstOrThrow()
  await db
    .insertInto('assembly_voter')
    .values({ assembly_id: assemblyId, member_id: member.id, votes, representative_person_id: representativePersonId })
    .execute()
  return { memberId: member.id, number: member.number, organisationId: org.id }
}

/** An active online proxy: `holderPersonId` votes for `grantorMemberId` (§43 (5) GenG). */
export async function grantProxy(
  db: Executor,
  assemblyId: string,
  grantorMemberId: string,
  holderPersonId: string,
): Promise<string> {
  const row = await db
    .insertInto('assembly_proxy')
    .values({
      assembly_id: assemblyId,
      grantor_member_id: grantorMemberId,
      holder_person_id: holderPersonId,
      form: 'online',
      granted_at: new Date(),
      granted_by: 'test',
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function actorOf(db: Db, voter: { accountId: string }): Promise<Actor> {
  const actor = await loadActor(db, voter.accountId)
  if (!actor) throw new Error('no actor')
  return actor
}

/** Session cookies for voters, written directly (the sign-in itself is tested elsewhere). */
export async function seedSessions(db: Executor, accountIds: string[]): Promise<string[]> {
  const tokens = accountIds.map(() => randomToken())
  const csrf = randomToken(24)
  const chunk = 2000
  for (let i = 0; i < accountIds.length; i += chunk) {
    await db
      .insertInto('session')
      .values(
        accountIds.slice(i, i + chunk).map((id, j) => ({
          token_hash: sha256(tokens[i + j]!),
          account_id: id,
          csrf_token: csrf,
          expires_at: new Date(Date.now() + 6 * 3600_000),
        })),
      )
      .execute()
  }
  return tokens
}
