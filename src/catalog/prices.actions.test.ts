import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { sql } from 'kysely'
import { createTestApp, type TestApp } from '../../test/support/app.ts'
import { seedCooperative } from '../../test/support/factories.ts'
import { examplePrices, seedExamplePrices } from '../demo/seed-demo-catalog.ts'
import { systemActor } from '../platform/actor.ts'
import { fixedClock } from '../platform/clock.ts'
import { DomainError } from '../platform/errors.ts'
import { catalogOn, quoteCatalogOf } from './catalog.actions.ts'
import { addPriceVersion, listPriceVersions } from './prices.actions.ts'
import type { PriceVersionInput } from './prices.schema.ts'
import { priceTimeline } from './pricing.rules.ts'
import { setCatalogStatus } from './status.actions.ts'

const clock = fixedClock(new Date('2026-12-01T09:00:00Z'))
const staff = systemActor('test')
let t: TestApp
let orgA: string
before(async () => {
  t = await createTestApp({ clock })
  orgA = (await seedCooperative(t.deps)).orgA.id
  await t.deps.db.transaction().execute((trx) => seedExamplePrices(trx, staff, t.deps, '2026-12-01'))
})
after(() => t.close())

const adopt = (input: Partial<PriceVersionInput>) =>
  t.deps.db
    .transaction()
    .execute((trx) =>
      addPriceVersion(
        trx,
        staff,
        { validFrom: '2027-01-01', validUntil: null, vatPercent: 19, setupCents: 0, note: '', ...input },
        t.deps,
      ),
    )

/** Every row of the price tables and the journal's length: what a refused adoption must leave as it was. */
async function snapshot() {
  const versions = await t.deps.db.selectFrom('price_version').selectAll().orderBy('id').execute()
  const notices = await t.deps.db.selectFrom('price_change_notice').selectAll().execute()
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_entry`.execute(t.deps.db)
  const mails = await t.deps.db.selectFrom('mail_outbox').select('id').execute()
  return JSON.stringify({ versions, notices, journal: rows[0]?.n, mails: mails.length })
}

async function refused(input: Partial<PriceVersionInput>, path: string, message: string) {
  const before = await snapshot()
  await assert.rejects(adopt(input), (error: unknown) => {
    assert.ok(error instanceof DomainError, String(error))
    assert.equal(error.code, 'validation')
    assert.deepEqual(
      error.fields.map((f) => [f.path, f.message]),
      [[path, message]],
    )
    return true
  })
  assert.equal(await snapshot(), before, 'nothing changed')
}

test('the example prices hold from today and open the catalog', async () => {
  const snap = await catalogOn(t.deps.db, '2026-12-01')
  const di = snap.areas.find((a) => a.key === 'digital_infrastructure')!
  assert.equal(di.status, 'orderable')
  assert.equal(
    di.flatRate?.tiers[1]?.monthlyCents,
    examplePrices.flatRates.digital_infrastructure.tiers[1]?.monthlyCents,
  )
  assert.equal(di.services.find((s) => s.key === 'mail')?.price?.monthlyCents, 300)
  assert.equal(snap.areas.find((a) => a.key === 'consulting')?.services[0]?.price?.hourlyMemberCents, 7_500)
  // nothing held yesterday
  assert.equal((await catalogOn(t.deps.db, '2026-11-30')).areas[0]?.flatRate, null)
  const q = quoteCatalogOf(snap)
  assert.equal(q.hourlyRates.consulting?.hourlyNonMemberCents, 9_500)
  assert.ok(q.replacements.some((r) => r.serviceKey === 'safe' && r.replaces.includes('1password')))
})

test('a new version holds from its start; refused ones change nothing', async () => {
  const cheaper = examplePrices.flatRates.it_helpdesk.tiers.map((x) => ({ ...x, monthlyCents: x.monthlyCents - 100 }))
  const { version } = await adopt({ areaKey: 'it_helpdesk', validFrom: '2027-03-01', tiers: cheaper })
  const history = (await listPriceVersions(t.deps.db)).filter((v) => v.areaId === version.areaId)
  assert.deepEqual(
    priceTimeline(history).map((s) => [s.from, s.until]),
    [
      ['2026-12-01', '2027-02-28'],
      ['2027-03-01', null],
    ],
  )
  const tiers = examplePrices.flatRates.it_helpdesk.tiers.map((x) => ({ ...x }))
  // backwards
  await refused({ areaKey: 'it_helpdesk', validFrom: '2026-12-01', tiers }, 'validFrom', 'price_from_past')
  // a version on the same start day
  await refused({ areaKey: 'it_helpdesk', validFrom: '2027-03-01', tiers }, 'validFrom', 'price_overlap')
  // a temporary price across the start of the scheduled one
  await refused(
    { areaKey: 'it_helpdesk', validFrom: '2027-02-01', validUntil: '2027-03-15', tiers },
    'validUntil',
    'price_overlap',
  )
  // a temporary price in front of it fits; nothing may start inside it afterwards
  await adopt({ areaKey: 'it_helpdesk', validFrom: '2027-02-01', validUntil: '2027-02-28', tiers: cheaper })
  await refused({ areaKey: 'it_helpdesk', validFrom: '2027-02-10', tiers }, 'validFrom', 'price_overlap')
  // tiers that do not read as a ladder, and amounts that do not belong to a flat rate
  await refused(
    { areaKey: 'it_helpdesk', validFrom: '2027-06-01', tiers: [{ ...tiers[0]!, fromEmployees: 3 }] },
    'tiers.0.fromEmployees',
    'price_first_tier_from_zero',
  )
  await refused(
    { areaKey: 'it_helpdesk', validFrom: '2027-06-01', tiers, monthlyCents: 5 },
    'monthlyCents',
    'price_kind_mismatch',
  )
  await refused({ serviceKey: 'cloud', validFrom: '2027-06-01', monthlyCents: 5 }, 'serviceKey', 'price_kind_mismatch')
  await refused({ serviceKey: 'mail', validFrom: '2027-06-01' }, 'monthlyCents', 'required')
  await refused({ serviceKey: 'nothing_here', validFrom: '2027-06-01' }, 'serviceKey', 'service_unknown')
})

test('the database refuses overlapping, edited and deleted versions by itself', async () => {
  const area = await t.deps.db
    .selectFrom('service_area')
    .select('id')
    .where('key', '=', 'managed_workplace')
    .executeTakeFirstOrThrow()
  const insert = (from: string, until: string | null = null) =>
    sql`INSERT INTO price_version (area_id, kind, valid_from, valid_until, vat_percent, tiers, created_at, created_by)
        VALUES (${area.id}, 'flat_rate', ${from}, ${until}, 19, '[]', now(), 'raw')`.execute(t.deps.db)
  // the same start as the example price, a bounded one across a later start, a start inside a bounded one
  await assert.rejects(insert('2026-12-01'), /may not overlap/)
  await insert('2027-05-01')
  await assert.rejects(insert('2027-04-01', '2027-05-01'), /may not overlap/)
  await insert('2027-06-01', '2027-06-30')
  await assert.rejects(insert('2027-06-15'), /may not overlap/)
  const [first] = await t.deps.db.selectFrom('price_version').select('id').where('area_id', '=', area.id).execute()
  await assert.rejects(
    sql`UPDATE price_version SET setup_cents = 1 WHERE id = ${first!.id}`.execute(t.deps.db),
    /append-only/,
  )
  await assert.rejects(
    sql`UPDATE price_version SET valid_until = '2030-01-01' WHERE id = ${first!.id}`.execute(t.deps.db),
    /append-only/,
  )
  await assert.rejects(sql`DELETE FROM price_version WHERE id = ${first!.id}`.execute(t.deps.db), /append-only/)
  await assert.rejects(sql`TRUNCATE price_version CASCADE`.execute(t.deps.db), /append-only/)
})

test('a rise reaches running bookings only after their notice; their organisations are told', async () => {
  const area = await t.deps.db
    .selectFrom('service_area')
    .select(['id'])
    .where('key', '=', 'digital_infrastructure')
    .executeTakeFirstOrThrow()
  await sql`INSERT INTO booking (ref, organisation_id, area_id, kind, status, requested_at, requested_by, starts_on, monthly_cents, tier_key)
            VALUES ('BU-2026-99999', ${orgA}, ${area.id}, 'flat_rate', 'confirmed', now(), 'test', '2026-12-01', 4900, 'small')`.execute(
    t.deps.db,
  )
  const dearer = examplePrices.flatRates.digital_infrastructure.tiers.map((x) => ({
    ...x,
    monthlyCents: x.monthlyCents + 500,
  }))
  // 30 days' notice from 1 December: 1 January is the first day a rise may apply
  await refused(
    { areaKey: 'digital_infrastructure', validFrom: '2026-12-31', tiers: dearer },
    'validFrom',
    'price_rise_notice',
  )
  await t.flushMail()
  const { notified, version } = await adopt({
    areaKey: 'digital_infrastructure',
    validFrom: '2027-01-01',
    tiers: dearer,
  })
  assert.equal(notified, 1)
  const notices = await t.deps.db
    .selectFrom('price_change_notice')
    .selectAll()
    .where('price_version_id', '=', version.id)
    .execute()
  assert.deepEqual(notices[0]?.recipients, ['admin@a.test'])
  const mails = await t.flushMail()
  assert.equal(mails.length, 1)
  assert.equal(mails[0]?.to, 'admin@a.test')
  assert.match(mails[0]!.subject, /Preisänderung ab 01\.01\.2027/)
  assert.match(mails[0]!.body, /Bisher: 49,00\s€/)
  assert.match(mails[0]!.body, /Ab 01\.01\.2027: 54,00\s€/)
})

test('orderable needs a price holding today', async () => {
  const before = await snapshot()
  await t.deps.db
    .transaction()
    .execute((trx) => setCatalogStatus(trx, staff, { areaKey: 'consulting', status: 'planned' }, t.deps))
  await assert.rejects(
    t.deps.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('service_area')
        .values({
          key: 'new_area',
          provider_id: (await trx.selectFrom('provider').select('id').executeTakeFirstOrThrow()).id,
          kind: 'primary',
          name_de: 'Neu',
          name_en: 'New',
          config_fields: '[]',
        })
        .execute()
      await setCatalogStatus(trx, staff, { areaKey: 'new_area', status: 'orderable' }, t.deps)
    }),
    (error: unknown) => error instanceof DomainError && error.fields[0]?.message === 'orderable_needs_price',
  )
  assert.notEqual(await snapshot(), before, 'the status change of consulting was journaled')
  assert.equal(
    await t.deps.db.selectFrom('service_area').select('id').where('key', '=', 'new_area').executeTakeFirst(),
    undefined,
  )
})
