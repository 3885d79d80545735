import { recordPayment } from '../../src/capital/ledger.actions.ts'
import { submitApplication } from '../../src/members/applications.actions.ts'
import { giveNotice } from '../../src/members/exit.actions.ts'
import { systemActor } from '../../src/platform/actor.ts'
import type { TestApp } from './app.ts'
import type { Cooperative } from './factories.ts'
import { admitMember, declaration } from './members.ts'

/**
 * Organisation A as a member with voluntary shares and a payment, a second member to transfer to, a third
 * that gave notice (a payout on the worklist) and an open application: what the membership routes act on.
 */
export interface Fixtures {
  memberId: string
  otherNumber: string
  paymentId: string
  applicationId: string
  trackingToken: string
  statutesId: string
  payoutId: string
}

const fixtureCache = new WeakMap<TestApp, Fixtures>()

export async function fixtures(t: TestApp, coop: Cooperative): Promise<Fixtures> {
  const cached = fixtureCache.get(t)
  if (cached) return cached
  const system = systemActor('test')
  const { member } = await admitMember(t.deps, { voluntaryShares: 2 }, { organisationId: coop.orgA.id })
  const { member: other } = await admitMember(t.deps, { organisationName: 'Zweite e.V.', email: 'z@zwei.test' })
  const { member: leaving } = await admitMember(t.deps, { organisationName: 'Dritte e.V.', email: 'd@drei.test' })
  const fx = await t.deps.db.transaction().execute(async (trx) => {
    const paid = await recordPayment(
      trx,
      system,
      member.id,
      { amountCents: 40_000, receivedOn: member.joinedOn, reference: 'SEPA' },
      t.deps,
    )
    await giveNotice(trx, system, leaving.id, {}, t.deps)
    const { application, trackingToken } = await submitApplication(
      trx,
      declaration({ organisationName: 'Vierte e.V.', email: 'v@vier.test' }),
      { ip: null, userAgent: null, lang: 'de' },
      t.deps,
    )
    const statutes = await trx.selectFrom('statutes_version').select('id').executeTakeFirstOrThrow()
    const payout = await trx.selectFrom('payout').select('id').executeTakeFirstOrThrow()
    return {
      memberId: member.id,
      otherNumber: other.number,
      paymentId: paid.transactionId,
      applicationId: application.id,
      trackingToken,
      statutesId: statutes.id,
      payoutId: payout.id,
    }
  })
  fixtureCache.set(t, fx)
  return fx
}
