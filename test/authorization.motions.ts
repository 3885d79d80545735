import { loadActor } from '../src/auth/actor.repo.ts'
import { submitMotion } from '../src/governance/motions.actions.ts'
import { submitAmendment } from '../src/governance/motions.amendments.actions.ts'
import { amendmentInput, motionInput } from '../src/governance/motions.schema.ts'
import { type Expectation, operators, readers } from './authorization.roles.ts'
import type { TestApp } from './support/app.ts'
import type { Cooperative } from './support/factories.ts'
import { addVoter, makeAssembly } from './support/governance-motions.ts'
import { fixtures } from './support/membership-fixtures.ts'

/**
 * Motions in the route × role walk: an assembly with organisation A's member on the roll, represented by A's
 * admin, who submitted motion A1 and amendment Ä1.1. Reading: the readers and A's people; acting for the
 * member: A's admin; admitting: the board and staff (assembly.manage); withdrawing: the submitter.
 */
interface MotionFixtures {
  ref: string
}

const cache = new WeakMap<TestApp, MotionFixtures>()

async function motionFixtures(t: TestApp, coop: Cooperative): Promise<MotionFixtures> {
  const cached = cache.get(t)
  if (cached) return cached
  const { memberId } = await fixtures(t, coop)
  const assembly = await makeAssembly(t.deps, { startsAt: new Date(Date.now() + 30 * 86_400_000) })
  await addVoter(t.deps, assembly.id, memberId, coop.orgA.admin.personId)
  const admin = (await loadActor(t.deps.db, coop.orgA.admin.accountId))!
  await t.deps.db.transaction().execute(async (trx) => {
    const input = motionInput.parse({ title: 'Walk', body: 'Die Versammlung tagt jährlich.' })
    await submitMotion(trx, admin, { ...input, assembly: assembly.ref }, t.deps)
    const amendment = amendmentInput.parse({ body: 'Die Versammlung tagt zweimal.' })
    await submitAmendment(trx, admin, { ...amendment, assembly: assembly.ref, motion: 'A1' }, t.deps)
  })
  const fx = { ref: assembly.ref }
  cache.set(t, fx)
  return fx
}

const params = async (t: TestApp, coop: Cooperative) => ({
  ':ref': (await motionFixtures(t, coop)).ref,
  ':motion': 'A1',
  ':amendment': encodeURIComponent('Ä1.1'),
})

const motionReaders = [...readers, 'orgAdmin', 'memberUser'] as Expectation['allow']
const actors = [...operators, 'orgAdmin'] as Expectation['allow']
const motionBody = { title: 'Walk', body: 'Ein Antrag.' }

export const motionExpectations: Record<string, Expectation> = {
  'GET /assemblies/:ref/motions': { allow: motionReaders, params },
  'GET /assemblies/:ref/motions/new': { allow: actors, params },
  'POST /assemblies/:ref/motions': { allow: actors, body: motionBody, params },
  'GET /assemblies/:ref/motions/:motion': { allow: motionReaders, params },
  // A's member supports its own motion already: allowed, answered with the reason
  'POST /assemblies/:ref/motions/:motion/support': { allow: ['orgAdmin'], params },
  'POST /assemblies/:ref/motions/:motion/admit': { allow: operators, params },
  'POST /assemblies/:ref/motions/:motion/withdraw': { allow: ['orgAdmin'], params, fresh: true },
  'GET /assemblies/:ref/motions/:motion/amendments/new': { allow: actors, params },
  'POST /assemblies/:ref/motions/:motion/amendments': { allow: actors, body: { body: 'Geändert.' }, params },
  'POST /assemblies/:ref/motions/:motion/amendments/:amendment/admit': { allow: operators, params },
  'POST /assemblies/:ref/motions/:motion/amendments/:amendment/withdraw': {
    allow: ['orgAdmin'],
    params,
    fresh: true,
  },
  'GET /api/v1/assemblies/:ref/motions': { allow: motionReaders, params },
  'POST /api/v1/assemblies/:ref/motions': { allow: actors, body: motionBody, params },
  'GET /api/v1/assemblies/:ref/motions/:motion': { allow: motionReaders, params },
  'POST /api/v1/assemblies/:ref/motions/:motion/support': { allow: ['orgAdmin'], body: {}, params },
  'POST /api/v1/assemblies/:ref/motions/:motion/admit': { allow: operators, params },
  'POST /api/v1/assemblies/:ref/motions/:motion/withdraw': { allow: ['orgAdmin'], params, fresh: true },
  'POST /api/v1/assemblies/:ref/motions/:motion/amendments': { allow: actors, body: { body: 'Geändert.' }, params },
  'POST /api/v1/assemblies/:ref/motions/:motion/amendments/:amendment/admit': { allow: operators, params },
  'POST /api/v1/assemblies/:ref/motions/:motion/amendments/:amendment/withdraw': {
    allow: ['orgAdmin'],
    params,
    fresh: true,
  },
}
