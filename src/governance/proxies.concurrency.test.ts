/**
 * Proxies racing on PostgreSQL (§43 (5) GenG): two members give their proxy to the same holder at once when the
 * holder has one slot left; the count is taken under the holder's row lock, so exactly one goes through and the
 * other is refused at the field. The race is forced as in test/support/race.ts. PGlite has one connection, so
 * this runs on PostgreSQL only.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { createTestApp, type TestApp } from '../../test/support/app.ts'
import { onPostgres } from '../../test/support/db.ts'
import { type Cooperative, seedCooperative } from '../../test/support/factories.ts'
import { type GovernanceMembers, governanceMembers, invitedAssembly } from '../../test/support/governance.ts'
import { fulfilled, race, refusals } from '../../test/support/race.ts'
import { systemActor } from '../platform/actor.ts'
import { grantProxy, recordWrittenProxy } from './proxies.actions.ts'

const skip = !onPostgres() && 'needs PostgreSQL (DATABASE_URL): PGlite has one connection, transactions never overlap'
let t: TestApp
let coop: Cooperative
let members: GovernanceMembers

before(async () => {
  if (skip) return
  t = await createTestApp()
  coop = await seedCooperative(t.deps)
  members = await governanceMembers(t.deps, coop)
})
after(() => t?.close())

test('two proxies for the same holder at once with one slot left: one succeeds, one is refused', { skip }, async () => {
  for (let round = 0; round < 3; round++) {
    const assembly = await invitedAssembly(t.deps)
    const pdf = new TextEncoder().encode('%PDF-1.4\n%%EOF\n')
    // the holder already holds the supporting member's proxy: one slot left
    await t.deps.db.transaction().execute((trx) =>
      recordWrittenProxy(
        trx,
        systemActor('test'),
        assembly.ref,
        {
          memberId: members.supporting.id,
          holderEmail: coop.outsider.email,
          document: { name: 'v.pdf', bytes: pdf },
        },
        t.deps,
      ),
    )
    const { results, maxBlocked } = await race(t.deps.db, [
      (trx) =>
        grantProxy(
          trx,
          members.repA,
          assembly.ref,
          { memberId: members.memberA.id, holderEmail: coop.outsider.email },
          t.deps,
        ),
      (trx) =>
        grantProxy(
          trx,
          members.repB,
          assembly.ref,
          { memberId: members.memberB.id, holderEmail: coop.outsider.email },
          t.deps,
        ),
    ])
    assert.equal(fulfilled(results).length, 1, `round ${round}: one proxy goes through`)
    assert.deepEqual(refusals(results), ['proxy_limit_reached'])
    assert.ok(maxBlocked >= 1, 'the second waited on the holder’s lock')
    const held = await t.deps.db
      .selectFrom('assembly_proxy')
      .select('id')
      .where('assembly_id', '=', assembly.id)
      .where('holder_person_id', '=', coop.outsider.personId)
      .where('revoked_at', 'is', null)
      .execute()
    assert.equal(held.length, 2)
  }
})
