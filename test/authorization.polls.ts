import { sql } from 'kysely'
import { createPoll, openPoll } from '../src/governance/polls.actions.ts'
import { pollInput } from '../src/governance/polls.schema.ts'
import { systemActor } from '../src/platform/actor.ts'
import { type Expectation, operators, readers } from './authorization.roles.ts'
import type { TestApp } from './support/app.ts'
import type { Cooperative } from './support/factories.ts'
import { seedAssembly } from './support/governance-voting.ts'

/**
 * Polls in the route × role walk: an open assembly with organisation A on its roll (its admin represents it).
 * Readers, those who manage and anyone acting for A read; board and staff open and close; only A's admin votes.
 */
interface PollFixtures {
  ref: string
  draftId: string
  openId: string
}

const cache = new WeakMap<TestApp, PollFixtures>()

async function pollFixtures(t: TestApp, coop: Cooperative): Promise<PollFixtures> {
  const cached = cache.get(t)
  if (cached) return cached
  const db = t.deps.db
  const assembly = await seedAssembly(db)
  await sql`
    INSERT INTO member (number, member_type, organisation_id, joined_on, created_at)
    SELECT 'W-AUTH-' || ${assembly.id}::text, 'organisation', ${coop.orgA.id}, '2025-01-01', now()
    WHERE NOT EXISTS (SELECT 1 FROM member WHERE organisation_id = ${coop.orgA.id} AND exit_on IS NULL)`.execute(db)
  await sql`
    INSERT INTO assembly_voter (assembly_id, member_id, votes, representative_person_id)
    SELECT ${assembly.id}, id, 1, ${coop.orgA.admin.personId} FROM member WHERE organisation_id = ${coop.orgA.id} AND exit_on IS NULL`.execute(
    db,
  )
  const board = systemActor('test')
  const make = (title: string) =>
    db
      .transaction()
      .execute((trx) =>
        createPoll(trx, board, assembly.id, pollInput.parse({ title, method: 'yes_no', secret: true }), t.deps),
      )
  const draft = await make('Entwurf')
  const open = await make('Offen')
  await db.transaction().execute((trx) => openPoll(trx, board, open.id, t.deps))
  const fx = { ref: assembly.ref, draftId: draft.id, openId: open.id }
  cache.set(t, fx)
  return fx
}

const ref = async (t: TestApp, coop: Cooperative) => ({ ':ref': (await pollFixtures(t, coop)).ref })
const draft = async (t: TestApp, coop: Cooperative) => {
  const fx = await pollFixtures(t, coop)
  return { ':ref': fx.ref, ':id': fx.draftId }
}
const open = async (t: TestApp, coop: Cooperative) => {
  const fx = await pollFixtures(t, coop)
  return { ':ref': fx.ref, ':id': fx.openId }
}
const pollReaders = [...readers, 'orgAdmin', 'memberUser'] as Expectation['allow']

export const pollExpectations: Record<string, Expectation> = {
  'GET /assemblies/:ref/live': { allow: pollReaders, params: ref },
  'GET /assemblies/:ref/polls': { allow: pollReaders, params: ref },
  'POST /assemblies/:ref/polls': { allow: operators, body: { title: 'Walk', method: 'yes_no' }, params: ref },
  'GET /assemblies/:ref/polls/:id': { allow: pollReaders, params: open },
  'GET /assemblies/:ref/polls/:id/receipts': { allow: pollReaders, params: open },
  'POST /assemblies/:ref/polls/:id/open': { allow: operators, params: draft, fresh: true },
  'POST /assemblies/:ref/polls/:id/close': {
    allow: operators,
    body: { declaration: 'Walk' },
    params: open,
    fresh: true,
  },
  'POST /assemblies/:ref/polls/:id/ballot': { allow: ['orgAdmin'], body: { choice: 'yes' }, params: open, fresh: true },
  'GET /api/v1/polls/:id': { allow: pollReaders, params: open },
  'GET /api/v1/polls/:id/receipts': { allow: pollReaders, params: open },
  'POST /api/v1/polls/:id/open': { allow: operators, params: draft, fresh: true },
  'POST /api/v1/polls/:id/close': { allow: operators, body: { declaration: 'Walk' }, params: open, fresh: true },
  'POST /api/v1/polls/:id/ballots': {
    allow: ['orgAdmin'],
    body: { choices: { choice: 'yes' } },
    params: open,
    fresh: true,
  },
}
