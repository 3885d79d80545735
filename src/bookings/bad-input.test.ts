/**
 * Bad orders at the level of the actions: each is refused with its field and message key (or its code) and leaves
 * the bookings, the applications and declarations, the journal and the outbox exactly as they were.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { sql } from 'kysely'
import { createTestApp, type TestApp } from '../../test/support/app.ts'
import { bookArea, openCatalog } from '../../test/support/bookings.ts'
import { type Cooperative, seedCooperative } from '../../test/support/factories.ts'
import { admitMember } from '../../test/support/members.ts'
import { loadActor } from '../auth/actor.repo.ts'
import { addPriceVersion } from '../catalog/prices.actions.ts'
import { setCatalogStatus } from '../catalog/status.actions.ts'
import type { Trx } from '../db/db.ts'
import { type Actor, systemActor } from '../platform/actor.ts'
import { fixedClock } from '../platform/clock.ts'
import { DomainError } from '../platform/errors.ts'
import { orderInput } from './bookings.schema.ts'
import { confirmBooking } from './decide.actions.ts'
import { cancelBooking, withdrawBooking } from './lifecycle.actions.ts'
import { placeOrder } from './order.actions.ts'

const today = '2026-03-10'
const clock = fixedClock(new Date(`${today}T10:00:00Z`))
const system = systemActor('test')
const context = { ip: '192.0.2.9', userAgent: 'test', lang: 'de' as const }
let t: TestApp
let coop: Cooperative
let adminA: Actor
let adminB: Actor
let staff: Actor
let runningId: string

before(async () => {
  t = await createTestApp({ clock })
  coop = await seedCooperative(t.deps)
  await openCatalog(t.deps)
  // a trial add-on whose price holds only until the end of June, and a training taken off the catalog for now
  await t.deps.db.transaction().execute(async (trx) => {
    const area = await trx
      .selectFrom('service_area')
      .select(['id', 'provider_id'])
      .where('key', '=', 'digital_infrastructure')
      .executeTakeFirstOrThrow()
    await trx
      .insertInto('service')
      .values({
        key: 'trial_storage',
        area_id: area.id,
        provider_id: area.provider_id,
        pricing: 'addon',
        name_de: 'Zusätzlicher Speicher (Probe)',
        name_en: 'Extra storage (trial)',
        created_at: new Date(),
        updated_at: new Date(),
      })
      .execute()
    await addPriceVersion(
      trx,
      system,
      {
        serviceKey: 'trial_storage',
        validFrom: today,
        validUntil: '2026-06-30',
        vatPercent: 19,
        monthlyCents: 500,
        setupCents: 0,
        note: '',
      },
      t.deps,
    )
    await setCatalogStatus(trx, system, { serviceKey: 'trial_storage', status: 'orderable' }, t.deps)
    await setCatalogStatus(trx, system, { serviceKey: 'inhouse_training', status: 'planned' }, t.deps)
  })
  // Org A: a member holding the shares of the area it wanted and booking it; Org B: not a member
  await admitMember(t.deps, { organisationName: 'Org A e.V.', voluntaryShares: 0 }, { organisationId: coop.orgA.id })
  runningId = (await bookArea(t.deps, coop.orgA.id)).id
  adminA = (await loadActor(t.deps.db, coop.orgA.admin.accountId))!
  adminB = (await loadActor(t.deps.db, coop.orgB.admin.accountId))!
  staff = (await loadActor(t.deps.db, coop.staff.accountId))!
})
after(() => t.close())

async function snapshot() {
  const counts: Record<string, number> = {}
  for (const table of ['booking', 'membership_application', 'membership_declaration', 'audit_entry', 'mail_outbox']) {
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(t.deps.db)
    counts[table] = rows[0]!.n
  }
  const bookings = await t.deps.db.selectFrom('booking').selectAll().orderBy('ref').execute()
  const sequence = await sql<{ n: string }>`SELECT last_value::text AS n FROM booking_ref_seq`.execute(t.deps.db)
  return JSON.stringify({ counts, bookings, sequence: sequence.rows[0]?.n })
}

/** The action fails with the field issues given (or the code) and changes nothing. */
async function refused(
  action: (trx: Trx) => Promise<unknown>,
  expected: Array<[string, string]> | DomainError['code'],
) {
  const before = await snapshot()
  await assert.rejects(t.deps.db.transaction().execute(action), (e: unknown) => {
    assert.ok(e instanceof DomainError, String(e))
    if (typeof expected === 'string') assert.equal(e.code, expected)
    else
      assert.deepEqual(
        e.fields.map((f) => [f.path, f.message]),
        expected,
      )
    return true
  })
  assert.equal(await snapshot(), before, 'a refused order must leave everything as it was')
}

const order = (actor: Actor, overrides: Record<string, unknown>) => (trx: Trx) =>
  placeOrder(
    trx,
    actor,
    orderInput.parse({
      organisationId: coop.orgA.id,
      areaKey: 'digital_infrastructure',
      startsOn: '2026-04-01',
      config: { accounts: '3' },
      acceptTerms: true,
      declareShares: true,
      ...overrides,
    }),
    context,
    t.deps,
  )

test('an area the organisation already books', async () => {
  await refused(order(adminA, {}), [['areaKey', 'area_already_booked']])
})

test('a non-member ordering a primary area or its add-on', async () => {
  await refused(order(adminB, { organisationId: coop.orgB.id }), [['areaKey', 'primary_members_only']])
  await refused(order(adminB, { organisationId: coop.orgB.id, serviceKey: 'mail', quantity: '2' }), [
    ['serviceKey', 'primary_members_only'],
  ])
})

test('no price on the start date', async () => {
  await refused(order(adminA, { serviceKey: 'trial_storage', quantity: '1', startsOn: '2026-07-01' }), [
    ['serviceKey', 'no_price_yet'],
  ])
})

test('a planned item', async () => {
  await refused(
    order(adminB, {
      organisationId: coop.orgB.id,
      areaKey: 'education',
      serviceKey: 'inhouse_training',
      quantity: '4',
      description: 'Schulung',
    }),
    [['serviceKey', 'not_orderable']],
  )
})

test('a start in the past, the terms not accepted, a required configuration missing', async () => {
  await refused(
    order(adminA, {
      areaKey: 'consulting',
      serviceKey: 'it_projects',
      quantity: '2',
      description: 'Umzug',
      startsOn: '2026-03-09',
      acceptTerms: false,
    }),
    [
      ['startsOn', 'date_in_past'],
      ['acceptTerms', 'terms_consent_required'],
    ],
  )
  await refused(order(adminA, { areaKey: 'managed_workplace', config: {} }), [['config.devices', 'required']])
})

test('shares missing and no consent to their declaration', async () => {
  await refused(order(adminA, { areaKey: 'it_helpdesk', declareShares: false }), [
    ['declareShares', 'shares_consent_required'],
  ])
})

test('ordering for an organisation one does not speak for', async () => {
  await refused(order(adminB, {}), 'not_found')
  const user = (await loadActor(t.deps.db, coop.orgA.user.accountId))!
  await refused(order(user, {}), 'forbidden')
})

test('a state that does not allow it: confirming, withdrawing or cancelling twice', async () => {
  await refused((trx) => confirmBooking(trx, staff, runningId, { startsOn: today }, t.deps), 'booking_state')
  await refused((trx) => withdrawBooking(trx, adminA, runningId, t.deps), 'booking_state')
  await refused(
    (trx) => cancelBooking(trx, adminA, runningId, { endsOn: '2026-04-15', reason: '' }, t.deps),
    [['endsOn', 'cancel_date_not_allowed']],
  )
  await refused(
    (trx) => cancelBooking(trx, adminB, runningId, { endsOn: '2026-04-30', reason: '' }, t.deps),
    'not_found',
  )
})
