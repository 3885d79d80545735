/**
 * Orders and contracts through the actions, as the pages and the API run them: an order carrying its §15b
 * declaration, the board admitting it, staff confirming, the agreed price staying, cancellation with the §67b
 * offer, changes, and a non-member's public request.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { createTestApp, type TestApp } from '../../test/support/app.ts'
import { bookArea, openCatalog } from '../../test/support/bookings.ts'
import { type Cooperative, seedCooperative } from '../../test/support/factories.ts'
import { admitMember } from '../../test/support/members.ts'
import { loadActor } from '../auth/actor.repo.ts'
import { cancelVoluntaryShares, ledgerSummary, mandatorySharesOn } from '../capital/ledger.actions.ts'
import { addPriceVersion } from '../catalog/prices.actions.ts'
import { examplePrices } from '../demo/seed-demo-catalog.ts'
import { approveApplication } from '../members/admission.actions.ts'
import { giveNotice } from '../members/exit.actions.ts'
import type { Member } from '../members/members.model.ts'
import { type Actor, systemActor } from '../platform/actor.ts'
import { fixedClock } from '../platform/clock.ts'
import type { DomainError } from '../platform/errors.ts'
import { orderInput, requestInput } from './bookings.schema.ts'
import { confirmBooking, rejectBooking } from './decide.actions.ts'
import { cancelBooking, cancellationPreview, requestChange, withdrawBooking } from './lifecycle.actions.ts'
import { placeOrder } from './order.actions.ts'
import { bookingDetail, listBookings } from './read.actions.ts'
import { confirmRequest, requestByToken, submitRequest, withdrawRequest } from './request.actions.ts'

const clock = fixedClock(new Date('2026-03-10T10:00:00Z'))
const system = systemActor('test')
const context = { ip: '192.0.2.7', userAgent: 'test', lang: 'de' as const }
let t: TestApp
let coop: Cooperative
let adminA: Actor
let adminB: Actor
let staff: Actor
/** Org A: one share only (size tier), nothing voluntary, no area wanted. */
let memberA: Member
/** Org B: 2 shares (size tier and the area it wanted), its area booked from 10 March. */
let memberB: Member
let areaB: Awaited<ReturnType<typeof bookArea>>

before(async () => {
  t = await createTestApp({ clock })
  coop = await seedCooperative(t.deps)
  await openCatalog(t.deps)
  memberA = (
    await admitMember(
      t.deps,
      { organisationName: 'Org A e.V.', primaryAreas: [], voluntaryShares: 0 },
      { organisationId: coop.orgA.id },
    )
  ).member
  adminA = (await loadActor(t.deps.db, coop.orgA.admin.accountId))!
  adminB = (await loadActor(t.deps.db, coop.orgB.admin.accountId))!
  staff = (await loadActor(t.deps.db, coop.staff.accountId))!
  await t.flushMail()
})
after(() => t.close())

const order = (overrides: Record<string, unknown>) =>
  orderInput.parse({
    organisationId: coop.orgA.id,
    areaKey: 'digital_infrastructure',
    startsOn: '2026-04-01',
    config: { accounts: '12' },
    acceptTerms: true,
    ...overrides,
  })

test('an order carries the §15b declaration of the missing shares; the board admits, staff confirm, it runs', async () => {
  // small tier 1 share + 1 per primary area: with the area Org A needs 2 and holds 1
  const refused = await t.deps.db
    .transaction()
    .execute((trx) => placeOrder(trx, adminA, order({}), context, t.deps))
    .catch((e: DomainError) => e)
  assert.deepEqual(
    (refused as DomainError).fields.map((f) => [f.path, f.message]),
    [['declareShares', 'shares_consent_required']],
  )
  const { booking, shareApplication } = await t.deps.db
    .transaction()
    .execute((trx) => placeOrder(trx, adminA, order({ declareShares: true }), context, t.deps))
  assert.match(booking.ref, /^BU-2026-\d{5}$/)
  assert.equal(booking.status, 'requested')
  assert.equal(booking.price.tierKey, 'small')
  assert.equal(booking.price.monthlyCents, examplePrices.flatRates.digital_infrastructure.tiers[0]!.monthlyCents)
  assert.equal(booking.price.setupCents, 25_000)
  assert.equal(booking.price.vatPercent, 19)
  assert.deepEqual(booking.config, { accounts: 12 })
  assert.match(booking.terms.text, /Kündigungsfrist: 30 Tage zum Monatsende/)
  assert.match(booking.terms.hash ?? '', /^[0-9a-f]{64}$/)
  assert.equal(booking.terms.acceptedBy, coop.orgA.admin.email)
  assert.ok(shareApplication)
  const application = await t.deps.db
    .selectFrom('membership_application')
    .selectAll()
    .where('id', '=', shareApplication.id)
    .executeTakeFirstOrThrow()
  assert.deepEqual(
    [application.kind, application.mandatory_shares, application.voluntary_shares],
    ['extra_shares', 1, 0],
  )
  assert.equal(booking.shareApplicationId, shareApplication.id)
  const mails = await t.flushMail()
  assert.ok(mails.some((m) => m.to === coop.orgA.admin.email && /Bestellung eingegangen/.test(m.subject)))

  // staff cannot confirm before the board admitted the shares
  await assert.rejects(
    t.deps.db
      .transaction()
      .execute((trx) => confirmBooking(trx, staff, booking.id, { startsOn: '2026-04-01' }, t.deps)),
    (e: DomainError) => e.code === 'shares_missing',
  )
  await t.deps.db.transaction().execute((trx) => approveApplication(trx, system, shareApplication.id, t.deps))
  assert.equal((await ledgerSummary(t.deps.db, memberA.id, '2026-03-10')).sharesNow, 2)
  const confirmed = await t.deps.db
    .transaction()
    .execute((trx) => confirmBooking(trx, staff, booking.id, { startsOn: '2026-04-01' }, t.deps))
  assert.equal(confirmed.status, 'confirmed')
  assert.equal(confirmed.memberId, memberA.id)
  // the mandatory shares follow the bookings: the area counts from its first day
  assert.equal(await mandatorySharesOn(t.deps.db, memberA.id, '2026-03-31'), 1)
  assert.equal(await mandatorySharesOn(t.deps.db, memberA.id, '2026-04-01'), 2)
  const detail = await bookingDetail(t.deps.db, adminA, booking.id, t.deps)
  assert.equal(detail.state, 'confirmed')
  assert.deepEqual(
    detail.history.map((h) => h.action),
    ['booking.ordered', 'booking.confirmed'],
  )
  assert.equal(detail.shareApplication?.status, 'admitted')
  clock.set(new Date('2026-04-01T08:00:00Z'))
  assert.equal((await bookingDetail(t.deps.db, adminA, booking.id, t.deps)).state, 'active')
  const listed = await listBookings(t.deps.db, adminA, { today: '2026-04-01', state: 'active' })
  assert.deepEqual(
    listed.map((b) => b.ref),
    [booking.ref],
  )
  assert.deepEqual(await listBookings(t.deps.db, adminB, { today: '2026-04-01' }), [])
  await assert.rejects(bookingDetail(t.deps.db, adminB, booking.id, t.deps), (e: DomainError) => e.code === 'not_found')
  clock.set(new Date('2026-03-10T10:00:00Z'))
})

test('the agreed price stays when a new price version is adopted later; the organisation is told', async () => {
  const [booking] = await listBookings(t.deps.db, adminA, { today: '2026-03-10', state: 'confirmed' })
  assert.ok(booking)
  const tiers = examplePrices.flatRates.digital_infrastructure.tiers.map((tier) => ({
    ...tier,
    monthlyCents: tier.monthlyCents + 1_000,
  }))
  await t.deps.db.transaction().execute((trx) =>
    addPriceVersion(
      trx,
      system,
      {
        areaKey: 'digital_infrastructure',
        validFrom: '2026-07-01',
        validUntil: null,
        vatPercent: 19,
        tiers,
        setupCents: 0,
        note: 'Erhöhung',
      },
      t.deps,
    ),
  )
  const detail = await bookingDetail(t.deps.db, adminA, booking.id, t.deps)
  assert.equal(detail.booking.price.monthlyCents, 4_900)
  assert.deepEqual(
    detail.upcomingPrices.map((v) => v.validFrom),
    ['2026-07-01'],
  )
  assert.deepEqual(
    detail.notices.map((n) => n.validFrom),
    ['2026-07-01'],
  )
  assert.ok(detail.notices[0]?.recipients.includes(coop.orgA.admin.email))
  assert.ok((await t.flushMail()).some((m) => /Preisänderung ab 01\.07\.2026/.test(m.subject)))
})

test('a change of the configuration replaces the booking from tomorrow once staff confirm it', async () => {
  const [booking] = await listBookings(t.deps.db, adminA, { today: '2026-03-10', state: 'confirmed' })
  assert.ok(booking)
  const change = await t.deps.db
    .transaction()
    .execute((trx) =>
      requestChange(
        trx,
        adminA,
        booking.id,
        { startsOn: '2026-04-15', config: { accounts: '20' }, acceptTerms: true },
        t.deps,
      ),
    )
  assert.equal(change.replacesId, booking.id)
  assert.deepEqual(change.config, { accounts: 20 })
  // the change is of the same area: the old one cannot be cancelled while it waits
  await assert.rejects(
    t.deps.db
      .transaction()
      .execute((trx) => cancelBooking(trx, adminA, booking.id, { endsOn: '2026-04-30', reason: '' }, t.deps)),
    (e: DomainError) => e.code === 'booking_state',
  )
  await t.deps.db
    .transaction()
    .execute((trx) => confirmBooking(trx, staff, change.id, { startsOn: '2026-04-15' }, t.deps))
  const old = await bookingDetail(t.deps.db, adminA, booking.id, t.deps)
  assert.equal(old.booking.endsOn, '2026-04-14')
  assert.equal(old.may.cancel, false)
  assert.equal(await mandatorySharesOn(t.deps.db, memberA.id, '2026-04-14'), 2)
  assert.equal(await mandatorySharesOn(t.deps.db, memberA.id, '2026-04-15'), 2)
})

test('a cancellation follows the terms and offers the §67b termination of exactly the freed shares', async () => {
  const current = (await listBookings(t.deps.db, adminA, { today: '2026-03-10', state: 'confirmed' })).find(
    (b) => b.endsOn === null,
  )
  assert.ok(current)
  const preview = await cancellationPreview(t.deps.db, adminA, current.id, t.deps)
  // not started yet (15 April) and the notice allows: it may end before it starts
  assert.equal(preview.beforeStart, true)
  assert.deepEqual(preview.endDates, ['2026-04-14'])
  await assert.rejects(
    t.deps.db
      .transaction()
      .execute((trx) => cancelBooking(trx, adminA, current.id, { endsOn: '2026-05-31', reason: '' }, t.deps)),
    (e: DomainError) => e.fields[0]?.message === 'cancel_date_not_allowed',
  )
  const { booking, sharesOffer } = await t.deps.db
    .transaction()
    .execute((trx) =>
      cancelBooking(trx, adminA, current.id, { endsOn: '2026-04-14', reason: 'zu früh bestellt' }, t.deps),
    )
  assert.equal(booking.status, 'cancelled')
  assert.equal(sharesOffer?.shares, 1)
  assert.equal(sharesOffer?.effectiveOn, '2026-12-31')
  // never automatically: the shares are still held
  assert.equal((await ledgerSummary(t.deps.db, memberA.id, '2027-01-01')).sharesTotal, 2)
  const cancelled = await t.deps.db
    .transaction()
    .execute((trx) => cancelVoluntaryShares(trx, adminA, memberA.id, { shares: sharesOffer!.shares }, t.deps))
  assert.equal(cancelled.effectiveOn, '2026-12-31')
  assert.ok((await t.flushMail()).some((m) => /Kündigung eingegangen/.test(m.subject)))
})

test('an add-on needs its area; the quantity goes up from tomorrow', async () => {
  memberB = (
    await admitMember(
      t.deps,
      { organisationName: 'Org B gGmbH', email: 'kim@org-b.test', givenName: 'Kim', voluntaryShares: 0 },
      { organisationId: coop.orgB.id },
    )
  ).member
  const addon = (quantity: number) =>
    orderInput.parse({
      organisationId: coop.orgB.id,
      areaKey: 'digital_infrastructure',
      serviceKey: 'mail',
      quantity,
      startsOn: '2026-03-10',
      acceptTerms: true,
    })
  const refused = await t.deps.db
    .transaction()
    .execute((trx) => placeOrder(trx, adminB, addon(5), context, t.deps))
    .catch((e: DomainError) => e)
  assert.deepEqual(
    (refused as DomainError).fields.map((f) => [f.path, f.message]),
    [['serviceKey', 'addon_needs_area']],
  )
  areaB = await bookArea(t.deps, coop.orgB.id)
  const { booking } = await t.deps.db.transaction().execute((trx) => placeOrder(trx, adminB, addon(5), context, t.deps))
  assert.equal(booking.kind, 'addon')
  assert.equal(booking.price.monthlyCents, 5 * examplePrices.addons.mail.monthlyCents)
  const confirmed = await t.deps.db
    .transaction()
    .execute((trx) => confirmBooking(trx, staff, booking.id, { startsOn: '2026-03-10' }, t.deps))
  const more = await t.deps.db
    .transaction()
    .execute((trx) =>
      requestChange(
        trx,
        adminB,
        confirmed.id,
        { startsOn: '2026-03-11', quantity: 8, config: {}, acceptTerms: true },
        t.deps,
      ),
    )
  assert.equal(more.price.monthlyCents, 8 * examplePrices.addons.mail.monthlyCents)
  await t.deps.db.transaction().execute((trx) => withdrawBooking(trx, adminB, more.id, t.deps))
  // fewer mailboxes only with the notice: the day after a possible end date
  await assert.rejects(
    t.deps.db
      .transaction()
      .execute((trx) =>
        requestChange(
          trx,
          adminB,
          confirmed.id,
          { startsOn: '2026-03-11', quantity: 2, config: {}, acceptTerms: true },
          t.deps,
        ),
      ),
    (e: DomainError) => e.fields[0]?.message === 'change_too_early',
  )
  const fewer = await t.deps.db
    .transaction()
    .execute((trx) =>
      requestChange(
        trx,
        adminB,
        confirmed.id,
        { startsOn: '2026-05-01', quantity: 2, config: {}, acceptTerms: true },
        t.deps,
      ),
    )
  await t.deps.db
    .transaction()
    .execute((trx) => rejectBooking(trx, staff, fewer.id, { reason: 'Bitte telefonisch klären' }, t.deps))
  assert.equal((await bookingDetail(t.deps.db, adminB, fewer.id, t.deps)).state, 'rejected')
})

test('§67b is refused while the area still runs on the day it would take effect', async () => {
  clock.set(new Date('2026-09-15T10:00:00Z'))
  try {
    const booking = areaB
    const preview = await cancellationPreview(t.deps.db, adminB, booking.id, t.deps)
    assert.deepEqual(preview.endDates.slice(0, 4), ['2026-10-31', '2026-11-30', '2026-12-31', '2027-01-31'])
    const { sharesOffer } = await t.deps.db
      .transaction()
      .execute((trx) => cancelBooking(trx, adminB, booking.id, { endsOn: '2027-01-31', reason: '' }, t.deps))
    assert.equal(sharesOffer?.shares, 0)
    assert.equal(sharesOffer?.mandatoryThen, 2)
    await assert.rejects(
      t.deps.db.transaction().execute((trx) => cancelVoluntaryShares(trx, adminB, memberB.id, { shares: 1 }, t.deps)),
      (e: DomainError) => e.code === 'shares_below_mandatory',
    )
  } finally {
    clock.set(new Date('2026-03-10T10:00:00Z'))
  }
})

test('a non-member asks publicly for hourly work, withdraws or is confirmed for a new organisation', async () => {
  const input = requestInput.parse({
    organisationName: 'Kulturverein Nordlicht',
    givenName: 'Mara',
    familyName: 'Nord',
    email: 'mara@nordlicht.test',
    phone: '040 123456',
    serviceKey: 'data_protection',
    quantity: '6',
    message: 'Wir brauchen ein Verzeichnis der Verarbeitungstätigkeiten.',
    consent: 'on',
  })
  const first = await t.deps.db.transaction().execute((trx) => submitRequest(trx, input, context, t.deps))
  assert.equal(first.booking.organisationId, null)
  assert.equal(first.booking.price.hourlyCents, examplePrices.hourly.data_protection.nonMember)
  const status = await requestByToken(t.deps.db, first.trackingToken)
  assert.equal(status.status, 'requested')
  const withdrawn = await t.deps.db.transaction().execute((trx) => withdrawRequest(trx, first.trackingToken, t.deps))
  assert.equal(withdrawn.status, 'withdrawn')
  const second = await t.deps.db.transaction().execute((trx) => submitRequest(trx, input, context, t.deps))
  assert.ok((await t.flushMail()).some((m) => m.to === 'mara@nordlicht.test' && /\/orders\/status\//.test(m.body)))
  const confirmed = await t.deps.db
    .transaction()
    .execute((trx) =>
      confirmRequest(trx, staff, second.booking.id, { startsOn: '2026-03-20', organisationId: null }, t.deps),
    )
  assert.ok(confirmed.organisationId)
  assert.equal(confirmed.status, 'confirmed')
  assert.equal(confirmed.price.hourlyCents, examplePrices.hourly.data_protection.nonMember)
  const organisation = await t.deps.db
    .selectFrom('organisation')
    .select('name')
    .where('id', '=', confirmed.organisationId)
    .executeTakeFirstOrThrow()
  assert.equal(organisation.name, 'Kulturverein Nordlicht')
  const admin = await t.deps.db
    .selectFrom('affiliation')
    .innerJoin('person', 'person.id', 'affiliation.person_id')
    .select(['person.email', 'affiliation.function'])
    .where('affiliation.organisation_id', '=', confirmed.organisationId)
    .execute()
  assert.deepEqual(admin, [{ email: 'mara@nordlicht.test', function: 'admin' }])
  // a third within the hour from the same address is one too many
  await t.deps.db.transaction().execute((trx) => submitRequest(trx, input, context, t.deps))
  await assert.rejects(
    t.deps.db.transaction().execute((trx) => submitRequest(trx, input, context, t.deps)),
    (e: DomainError) => e.code === 'rate_limited',
  )
})

test('primary areas end with the membership; hourly work runs on', async () => {
  const hourly = await t.deps.db.transaction().execute((trx) =>
    placeOrder(
      trx,
      adminB,
      orderInput.parse({
        organisationId: coop.orgB.id,
        areaKey: 'consulting',
        serviceKey: 'it_projects',
        quantity: 10,
        startsOn: '2026-04-01',
        description: 'Umzug der Dateien',
        acceptTerms: true,
      }),
      context,
      t.deps,
    ),
  )
  await t.deps.db
    .transaction()
    .execute((trx) => confirmBooking(trx, staff, hourly.booking.id, { startsOn: '2026-04-01' }, t.deps))
  const notice = await t.deps.db.transaction().execute((trx) => giveNotice(trx, adminB, memberB.id, {}, t.deps))
  assert.equal(notice.exitOn, '2026-12-31')
  const rows = await t.deps.db
    .selectFrom('booking as b')
    .innerJoin('service_area as a', 'a.id', 'b.area_id')
    .select(['a.kind', 'b.kind as bookingKind', 'b.status', 'b.ends_on'])
    .where('b.organisation_id', '=', coop.orgB.id)
    .where('b.status', 'in', ['confirmed', 'cancelled'])
    .execute()
  for (const row of rows)
    if (row.kind === 'primary')
      assert.deepEqual([row.status, row.ends_on], ['cancelled', '2026-12-31'], row.bookingKind)
    else assert.deepEqual([row.status, row.ends_on], ['confirmed', null])
  assert.ok(rows.some((r) => r.kind === 'secondary'))
  assert.equal(await mandatorySharesOn(t.deps.db, memberB.id, '2026-12-31'), 2)
})
