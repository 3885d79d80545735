import type { Actor } from '../src/platform/actor.ts'
import { systemActor } from '../src/platform/actor.ts'
import { createProposal } from '../src/rooms/proposals.actions.ts'
import { addRoomMember, createRoom, uploadDocument } from '../src/rooms/rooms.actions.ts'
import { type Expectation, signedIn } from './authorization.roles.ts'
import type { TestApp } from './support/app.ts'
import type { Cooperative } from './support/factories.ts'

/**
 * Committee rooms in the route × role walk: a room "walk" with the board member as chair and the admin of
 * organisation A as member. Everyone else, the other readers included, gets "not found" for its pages.
 */
interface RoomFixtures {
  memberRowId: string
  documentId: string
  proposalId: string
}

const cache = new WeakMap<TestApp, RoomFixtures>()

async function roomFixtures(t: TestApp, coop: Cooperative): Promise<RoomFixtures> {
  const cached = cache.get(t)
  if (cached) return cached
  const fx = await t.deps.db.transaction().execute(async (trx) => {
    await createRoom(
      trx,
      systemActor('test'),
      { key: 'walk', name: 'Walk', kind: 'working_group', description: '', chairEmail: coop.board.email },
      t.deps,
    )
    const chair: Actor = {
      ...systemActor('test'),
      kind: 'account',
      personId: coop.board.personId,
      label: coop.board.email,
    }
    await addRoomMember(trx, chair, 'walk', { email: coop.orgA.admin.email, role: 'member' }, t.deps)
    const row = await trx
      .selectFrom('room_member')
      .select('id')
      .where('person_id', '=', coop.orgA.admin.personId)
      .executeTakeFirstOrThrow()
    const file = { name: 'walk.txt', type: 'text/plain', bytes: new TextEncoder().encode('Walk') }
    const { documentId } = await uploadDocument(
      trx,
      chair,
      'walk',
      { documentId: null, title: 'Walk', note: '', file },
      t.deps,
    )
    const proposal = await createProposal(
      trx,
      chair,
      'walk',
      { kind: 'consent', title: 'Walk', body: '', options: [], closesAt: new Date(Date.now() + 30 * 86_400_000) },
      t.deps,
    )
    return { memberRowId: row.id, documentId, proposalId: proposal.id }
  })
  cache.set(t, fx)
  return fx
}

const members: Expectation['allow'] = ['board', 'orgAdmin']
const key = async () => ({ ':key': 'walk' })
const doc = async (t: TestApp, coop: Cooperative) => ({
  ':key': 'walk',
  ':id': (await roomFixtures(t, coop)).documentId,
})
/** Every room route needs the room; the fixtures are made by the first route's params. */
const withRoom = (params: (t: TestApp, coop: Cooperative) => Promise<Record<string, string>>) => {
  return async (t: TestApp, coop: Cooperative) => {
    await roomFixtures(t, coop)
    return params(t, coop)
  }
}

const proposal = async (t: TestApp, coop: Cooperative) => ({
  ':key': 'walk',
  ':id': (await roomFixtures(t, coop)).proposalId,
})

export const roomExpectations: Record<string, Expectation> = {
  'GET /resolutions': { allow: signedIn },
  'GET /resolutions.csv': { allow: signedIn },
  'POST /rooms/:key/proposals': {
    allow: members,
    body: { title: 'Walk', kind: 'consent', closesAt: '10.06.2099 18:00' },
    params: withRoom(key),
  },
  'GET /rooms/:key/proposals/:id': { allow: members, params: proposal },
  'POST /rooms/:key/proposals/:id/vote': { allow: members, body: { position: 'agree' }, params: proposal },
  'POST /rooms/:key/proposals/:id/remind': { allow: ['board'], params: proposal, fresh: true },
  'POST /rooms/:key/proposals/:id/close': {
    allow: ['board'],
    body: { outcome: 'Walk' },
    params: proposal,
    fresh: true,
  },
  'GET /rooms': { allow: signedIn },
  'POST /rooms': {
    allow: ['board'],
    bodyWith: async (_t, coop) => ({ key: 'walk-new', name: 'Neu', kind: 'committee', chairEmail: coop.board.email }),
  },
  'GET /rooms/:key': { allow: members, params: withRoom(key) },
  'POST /rooms/:key/members': {
    allow: ['board'],
    bodyWith: async (_t, coop) => ({ email: coop.orgB.user.email, role: 'member' }),
    params: withRoom(key),
  },
  'POST /rooms/:key/members/:id/remove': {
    allow: ['board'],
    params: async (t, coop) => ({ ':key': 'walk', ':id': (await roomFixtures(t, coop)).memberRowId }),
    fresh: true,
  },
  'POST /rooms/:key/documents': { allow: members, body: { title: 'Ohne Datei' }, params: withRoom(key) },
  'GET /rooms/:key/documents/:id': { allow: members, params: doc },
  'POST /rooms/:key/documents/:id': { allow: members, body: { note: 'ohne Datei' }, params: doc },
  'GET /rooms/:key/documents/:id/versions/:version': {
    allow: members,
    params: async (t, coop) => ({ ...(await doc(t, coop)), ':version': '1' }),
  },
  'POST /rooms/:key/meetings': {
    allow: members,
    body: { title: 'Sitzung', startsAt: '10.06.2027 18:00' },
    params: withRoom(key),
  },
  'POST /rooms/:key/decisions': {
    allow: members,
    body: { text: 'Beschluss', decidedOn: '01.12.2026', yes: '3', no: '0', abstain: '1' },
    params: withRoom(key),
  },
}
