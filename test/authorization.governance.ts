import { openAssembly } from '../src/governance/assemblies.actions.ts'
import { checkIn } from '../src/governance/attendance.actions.ts'
import { recordWrittenProxy } from '../src/governance/proxies.actions.ts'
import { systemActor } from '../src/platform/actor.ts'
import { type Expectation, operators, readers, signedIn } from './authorization.roles.ts'
import type { TestApp } from './support/app.ts'
import type { Cooperative } from './support/factories.ts'
import { addTestItem, assemblyJson, createTestAssembly, invitedAssembly } from './support/governance.ts'
import { fixtures } from './support/membership-fixtures.ts'

/**
 * Assemblies in the route × role walk. Calling, preparing, inviting, opening and closing are the board's and
 * staff's (assembly.manage), the door is theirs (assembly.check_in); the boards, staff and auditors read every
 * assembly and the roll (governance.read_all); a member organisation's people see the assemblies they are invited
 * to (organisation A is a member in the walk's fixtures). Acting for a member (a proxy, joining online) needs its
 * legal representative, whom the walk has no account for: nobody in the walk passes those.
 */
interface GovernanceFixtures {
  ref: string
  id: string
  itemId: string
  representativeId: string
}

const cache = new WeakMap<TestApp, GovernanceFixtures>()
const system = systemActor('test')

async function governanceFixtures(t: TestApp, coop: Cooperative): Promise<GovernanceFixtures> {
  const cached = cache.get(t)
  if (cached) return cached
  const fx = await fixtures(t, coop)
  const assembly = await invitedAssembly(t.deps, { form: 'hybrid', onlineUrl: 'https://video.example.org/walk' })
  const item = await t.deps.db
    .selectFrom('agenda_item')
    .select('id')
    .where('assembly_id', '=', assembly.id)
    .orderBy('position')
    .executeTakeFirstOrThrow()
  const voter = await t.deps.db
    .selectFrom('assembly_voter')
    .select('representative_person_id')
    .where('assembly_id', '=', assembly.id)
    .where('member_id', '=', fx.memberId)
    .executeTakeFirstOrThrow()
  const out = { ref: assembly.ref, id: assembly.id, itemId: item.id, representativeId: voter.representative_person_id! }
  cache.set(t, out)
  return out
}

const shared = async (t: TestApp, coop: Cooperative) => ({ ':ref': (await governanceFixtures(t, coop)).ref })
/** A new draft for a request that changes its state. */
const draft = async (t: TestApp) => ({ ':ref': (await createTestAssembly(t.deps)).ref })
const invited = async (t: TestApp, coop: Cooperative) => {
  await fixtures(t, coop)
  return { ':ref': (await invitedAssembly(t.deps)).ref }
}
const opened = async (t: TestApp, coop: Cooperative) => {
  const { ':ref': ref } = await invited(t, coop)
  await t.deps.db.transaction().execute((trx) => openAssembly(trx, system, ref, {}, t.deps))
  return { ':ref': ref }
}
const withItem = async (t: TestApp) => {
  const assembly = await createTestAssembly(t.deps)
  const { item } = await addTestItem(t.deps, assembly.ref)
  return { ':ref': assembly.ref, ':id': item.id }
}
const withProxy = async (t: TestApp, coop: Cooperative) => {
  const fx = await fixtures(t, coop)
  const { ':ref': ref } = await invited(t, coop)
  const pdf = new TextEncoder().encode('%PDF-1.4\n%%EOF\n')
  const proxy = await t.deps.db
    .transaction()
    .execute((trx) =>
      recordWrittenProxy(
        trx,
        system,
        ref,
        { memberId: fx.memberId, holderEmail: coop.outsider.email, document: { name: 'v.pdf', bytes: pdf } },
        t.deps,
      ),
    )
  return { ':ref': ref, ':id': proxy.id }
}

/** check-out needs someone present: the body's request checks the representative in first, its params name the assembly. */
let checkedIn: { ref: string; personId: string } | null = null
const presentBody = async (t: TestApp, coop: Cooperative) => {
  const { ':ref': ref } = await invited(t, coop)
  const rep = (await governanceFixtures(t, coop)).representativeId
  await t.deps.db.transaction().execute((trx) => checkIn(trx, system, ref, { personId: rep }, t.deps))
  checkedIn = { ref, personId: rep }
  return { personId: rep, q: '' }
}

const demandCache = new WeakMap<TestApp, string>()
/** A demand of organisation A's member, written as a row (the walk has no account of its legal representative). */
async function demandId(t: TestApp, coop: Cooperative): Promise<string> {
  const cached = demandCache.get(t)
  if (cached) return cached
  const rep = (await governanceFixtures(t, coop)).representativeId
  const row = await t.deps.db
    .insertInto('assembly_demand')
    .values({ kind: 'assembly', title: 'Walk', reasons: 'Walk', created_at: new Date(), created_by_person_id: rep })
    .returning('id')
    .executeTakeFirstOrThrow()
  demandCache.set(t, row.id)
  return row.id
}
const demandBody = async (t: TestApp, coop: Cooperative) => ({
  memberId: (await fixtures(t, coop)).memberId,
  kind: 'assembly',
  assemblyRef: '',
  title: 'Walk',
  reasons: 'Walk',
})

const invitees = [...readers, 'orgAdmin' as const, 'memberUser' as const]
const proxyBody = async (t: TestApp, coop: Cooperative) => ({
  memberId: (await fixtures(t, coop)).memberId,
  holderEmail: coop.outsider.email,
})
const checkInBody = async (t: TestApp, coop: Cooperative) => ({
  personId: (await governanceFixtures(t, coop)).representativeId,
})

export const governanceExpectations: Record<string, Expectation> = {
  'GET /assemblies': { allow: signedIn },
  'GET /assemblies/new': { allow: operators },
  'POST /assemblies': { allow: operators, bodyFor: () => assemblyJson() },
  'GET /assemblies/:ref': { allow: invitees, params: shared },
  'GET /assemblies/:ref/edit': { allow: operators, params: shared },
  'POST /assemblies/:ref': {
    allow: operators,
    bodyFor: () => assemblyJson({ form: 'hybrid', onlineUrl: 'https://video.example.org/walk' }),
    params: shared,
  },
  'POST /assemblies/:ref/cancel': { allow: operators, body: { reason: 'Walk' }, params: draft },
  'POST /assemblies/:ref/agenda': {
    allow: operators,
    body: { title: 'Walk', kind: 'information', description: '' },
    params: shared,
  },
  'POST /assemblies/:ref/agenda/:id/move': {
    allow: operators,
    body: { direction: 'down' },
    params: async (t, coop) => {
      const fx = await governanceFixtures(t, coop)
      return { ':ref': fx.ref, ':id': fx.itemId }
    },
  },
  'POST /assemblies/:ref/agenda/:id/withdraw': { allow: operators, params: withItem },
  'POST /assemblies/:ref/invite': { allow: operators, params: draft },
  'POST /assemblies/:ref/open': { allow: operators, params: invited },
  'POST /assemblies/:ref/close': { allow: operators, params: opened },
  'GET /assemblies/:ref/voters': { allow: readers, params: shared },
  'POST /assemblies/:ref/voters/recompute': { allow: operators, params: shared },
  'GET /assemblies/:ref/proxies': { allow: invitees, params: shared },
  'POST /assemblies/:ref/proxies': { allow: [], bodyWith: proxyBody, params: shared },
  'POST /assemblies/:ref/proxies/written': { allow: operators, bodyWith: proxyBody, params: shared },
  'POST /assemblies/:ref/proxies/:id/revoke': { allow: operators, params: withProxy },
  'GET /assemblies/:ref/check-in': { allow: operators, params: shared },
  'POST /assemblies/:ref/check-in': { allow: operators, bodyWith: checkInBody, params: shared },
  'POST /assemblies/:ref/check-out': {
    allow: operators,
    bodyWith: presentBody,
    params: async () => ({ ':ref': checkedIn!.ref }),
  },
  'POST /assemblies/:ref/join': { allow: [], params: opened },
  'POST /assemblies/:ref/leave': { allow: [], params: shared },
  'GET /demands': { allow: readers },
  'POST /demands': { allow: [], bodyWith: demandBody },
  'GET /demands/:id': { allow: readers, params: async (t, coop) => ({ ':id': await demandId(t, coop) }) },
  'POST /demands/:id/sign': {
    allow: [],
    bodyWith: async (t, coop) => ({ memberId: (await fixtures(t, coop)).memberId }),
    params: async (t, coop) => ({ ':id': await demandId(t, coop) }),
  },
  'GET /api/v1/assemblies': { allow: signedIn },
  'GET /api/v1/assemblies/:ref': { allow: invitees, params: shared },
  'POST /api/v1/assemblies': { allow: operators, bodyFor: () => assemblyJson() },
  'POST /api/v1/assemblies/:ref/agenda': {
    allow: operators,
    body: { title: 'Walk', kind: 'information' },
    params: shared,
  },
  'POST /api/v1/assemblies/:ref/invite': { allow: operators, params: draft },
  'GET /api/v1/assemblies/:ref/voters': { allow: readers, params: shared },
  'GET /api/v1/assemblies/:ref/proxies': { allow: invitees, params: shared },
  'POST /api/v1/assemblies/:ref/proxies': { allow: [], bodyWith: proxyBody, params: shared },
  'POST /api/v1/assemblies/:ref/check-in': { allow: operators, bodyWith: checkInBody, params: shared },
  'GET /api/v1/assemblies/:ref/presence': { allow: invitees, params: shared },
}
