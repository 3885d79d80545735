import assert from 'node:assert/strict'
import { test } from 'node:test'
import { availabilityText, priceText } from './events.messages.ts'
import {
  availability,
  checkSeats,
  decideRegistration,
  eventFieldIssues,
  eventRef,
  priceFor,
  promotions,
  registrationOpen,
  waitingRank,
} from './events.rules.ts'

const startsAt = new Date('2026-06-10T16:00:00Z')
const endsAt = new Date('2026-06-10T18:00:00Z')
const before = new Date('2026-06-01T10:00:00Z')
const base = {
  status: 'scheduled' as const,
  startsAt,
  endsAt,
  registrationClosesAt: startsAt,
  seats: 3,
  waitlistLimit: 2 as number | null,
  confirmed: 0,
  waitlisted: 0,
}

test('registration is open while scheduled, before it closes and before the end', () => {
  const cases: Array<[Partial<typeof base>, Date, boolean]> = [
    [{}, before, true],
    [{}, new Date(startsAt.getTime() - 1), true],
    [{}, startsAt, false], // closes at the start
    [{ registrationClosesAt: endsAt }, new Date('2026-06-10T17:00:00Z'), true], // may close later, while it runs
    [{ registrationClosesAt: endsAt }, endsAt, false],
    [{ status: 'cancelled' as never }, before, false],
  ]
  for (const [change, now, open] of cases)
    assert.equal(registrationOpen({ ...base, ...change }, now), open, JSON.stringify({ change, now }))
})

test('a free seat confirms; the last seat too; then the waiting list up to its limit; then event_full', () => {
  const table: Array<[Partial<typeof base>, number, ReturnType<typeof decideRegistration>]> = [
    [{ confirmed: 0 }, 0, { outcome: 'confirmed' }],
    [{ confirmed: 2 }, 0, { outcome: 'confirmed' }],
    [{ confirmed: 3 }, 0, { outcome: 'waitlisted', position: 1 }],
    [{ confirmed: 3, waitlisted: 1 }, 1, { outcome: 'waitlisted', position: 2 }],
    // positions keep counting from the highest ever given, even after someone left the list
    [{ confirmed: 3, waitlisted: 1 }, 4, { outcome: 'waitlisted', position: 5 }],
    [{ confirmed: 3, waitlisted: 2 }, 2, { outcome: 'refused', code: 'event_full' }],
    [{ confirmed: 3, waitlistLimit: 0 }, 0, { outcome: 'refused', code: 'event_full' }],
    [{ confirmed: 3, waitlisted: 500, waitlistLimit: null }, 500, { outcome: 'waitlisted', position: 501 }],
    [{ confirmed: 0, status: 'cancelled' as never }, 0, { outcome: 'refused', code: 'registration_closed' }],
  ]
  for (const [change, last, expected] of table)
    assert.deepEqual(decideRegistration({ ...base, ...change }, last, before), expected, JSON.stringify(change))
  assert.deepEqual(decideRegistration(base, 0, startsAt), { outcome: 'refused', code: 'registration_closed' })
})

test('freed seats go to the first on the waiting list by position, never after the start or when cancelled', () => {
  const waiting = [{ position: 4 }, { position: 2 }, { position: 7 }]
  assert.deepEqual(promotions({ ...base, confirmed: 2 }, waiting, before), [{ position: 2 }])
  assert.deepEqual(promotions({ ...base, seats: 5, confirmed: 2 }, waiting, before), [
    { position: 2 },
    { position: 4 },
    { position: 7 },
  ])
  assert.deepEqual(promotions({ ...base, confirmed: 3 }, waiting, before), [])
  assert.deepEqual(promotions({ ...base, confirmed: 0 }, waiting, startsAt), [])
  assert.deepEqual(promotions({ ...base, status: 'cancelled', confirmed: 0 }, waiting, before), [])
})

test('the rank on the waiting list counts those still waiting ahead', () => {
  assert.equal(waitingRank(5, [2, 5, 7]), 2)
  assert.equal(waitingRank(2, [2, 5, 7]), 1)
})

test('seats may not drop below the confirmed registrations', () => {
  assert.equal(checkSeats(3, 3), null)
  assert.equal(checkSeats(10, 3), null)
  assert.equal(checkSeats(2, 3), 'seats_below_confirmed')
})

test('members pay the member price, everyone else the other; VAT half-up on the net price', () => {
  const prices = { memberPriceCents: 0, nonMemberPriceCents: 4_999, vatPercent: 19 }
  assert.deepEqual(priceFor(prices, true), { netCents: 0, vatCents: 0, grossCents: 0 })
  // 4999 × 19 % = 949.81 → 950
  assert.deepEqual(priceFor(prices, false), { netCents: 4_999, vatCents: 950, grossCents: 5_949 })
  assert.deepEqual(priceFor({ memberPriceCents: 2_500, nonMemberPriceCents: 5_000, vatPercent: 7 }, true), {
    netCents: 2_500,
    vatCents: 175,
    grossCents: 2_675,
  })
})

test('how full an event is, in words', () => {
  const say = (change: Partial<typeof base>, now = before) =>
    availabilityText(availability({ ...base, ...change }, now), 'de')
  assert.equal(say({ confirmed: 0 }), 'noch 3 Plätze')
  assert.equal(say({ confirmed: 2 }), 'noch 1 Platz')
  assert.equal(say({ confirmed: 3 }), 'ausgebucht – Warteliste')
  assert.equal(say({ confirmed: 3, waitlisted: 2 }), 'ausgebucht')
  assert.equal(say({ confirmed: 3, waitlistLimit: 0 }), 'ausgebucht')
  assert.equal(say({}, startsAt), 'Anmeldung geschlossen')
  assert.equal(say({ status: 'cancelled' as never }), 'abgesagt')
  assert.equal(availabilityText(availability({ ...base, confirmed: 1 }, before), 'en'), '2 seats left')
})

test('prices in words: free, or member and non-member gross', () => {
  assert.equal(priceText({ memberPriceCents: 0, nonMemberPriceCents: 0, vatPercent: 19 }, 'de'), 'kostenlos')
  assert.equal(
    priceText({ memberPriceCents: 0, nonMemberPriceCents: 5_000, vatPercent: 19 }, 'de'),
    'Mitglieder: kostenlos · Nichtmitglieder: 59,50\u00a0€',
  )
  assert.equal(
    priceText({ memberPriceCents: 2_000, nonMemberPriceCents: 5_000, vatPercent: 19 }, 'en'),
    'Members: €23.80 · Non-members: €59.50',
  )
})

test('field checks across an event: all problems at once', () => {
  const fields = {
    startsAt,
    endsAt,
    registrationClosesAt: startsAt,
    location: 'Oranienstraße 45, Berlin',
    onlineUrl: null,
    memberPriceCents: 0,
    nonMemberPriceCents: 1000,
  }
  assert.deepEqual(eventFieldIssues(fields, { now: before, startChanged: true }), [])
  assert.deepEqual(
    eventFieldIssues(
      { ...fields, endsAt: startsAt, location: ' ', memberPriceCents: 2000 },
      { now: new Date('2026-07-01T00:00:00Z'), startChanged: true },
    ).map((i) => `${i.path}:${i.message}`),
    [
      'startsAt:starts_in_past',
      'endsAt:ends_before_start',
      'location:place_required',
      'memberPriceCents:member_price_above',
    ],
  )
  assert.deepEqual(
    eventFieldIssues(
      { ...fields, registrationClosesAt: new Date(endsAt.getTime() + 1), location: '', onlineUrl: 'https://x.test' },
      { now: new Date('2026-07-01T00:00:00Z'), startChanged: false },
    ).map((i) => `${i.path}:${i.message}`),
    ['registrationClosesAt:closes_after_end'],
  )
})

test('references: VA-year-number with three digits at least', () => {
  assert.equal(eventRef(2026, 1), 'VA-2026-001')
  assert.equal(eventRef(2026, 1234), 'VA-2026-1234')
})
