import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { seedExamplePrices } from '../../src/demo/seed-demo-catalog.ts'
import { toQuestionnaire } from '../../src/needs/needs.model.ts'
import { overviewQuery } from '../../src/needs/needs.schema.ts'
import { needsOverview } from '../../src/needs/overview.actions.ts'
import { systemActor } from '../../src/platform/actor.ts'
import { fixedClock } from '../../src/platform/clock.ts'
import { createTestApp, type TestApp } from '../support/app.ts'
import { seedNeeds } from './seed-needs.ts'

// The founders' bench seed, small: 20 questionnaires through the actions; what they store agrees with what the
// founders' view recomputes, and erased ones keep no personal data (not timed).
let t: TestApp
before(async () => {
  t = await createTestApp({ clock: fixedClock(new Date('2026-02-01T07:00:00Z')) })
  await t.deps.db.transaction().execute((trx) => seedExamplePrices(trx, systemActor('test'), t.deps, '2026-02-01'))
})
after(() => t.close())

test('the bench seed goes through the actions and reads like their data', async () => {
  const seeded = await seedNeeds(t.deps, {
    count: 20,
    firstDay: '2026-02-01',
    lastDay: '2026-02-10',
    seed: 7,
    batch: 8,
  })
  assert.equal(seeded.ids.length, 20)
  assert.equal(new Set(seeded.tokens).size, 20)
  // every third gets a follow-up, every thirtieth is erased: 0, 3, …, 18 → 7; none erased below 30
  assert.equal(seeded.followUps, 7)
  const rows = await t.deps.db.selectFrom('needs_questionnaire').selectAll().orderBy('ref').execute()
  assert.equal(rows.length, 20)
  assert.deepEqual(
    rows.map((r) => r.ref),
    Array.from({ length: 20 }, (_, i) => `BF-2026-${String(i + 1).padStart(5, '0')}`),
  )
  const days = new Set(rows.map((r) => new Date(r.submitted_at).toISOString().slice(0, 10)))
  assert.ok(days.size >= 5, 'spread over the days')
  const journal = await t.deps.db
    .selectFrom('audit_entry')
    .select(['action'])
    .where('subject_type', '=', 'questionnaire')
    .execute()
  assert.equal(journal.filter((j) => j.action === 'questionnaire.submitted').length, 20)
  assert.equal(journal.filter((j) => j.action === 'questionnaire.followed_up').length, 7)
  const history = await t.deps.db.selectFrom('questionnaire_follow_up').select('id').execute()
  assert.equal(history.length, 7)
  const mails = await t.deps.db.selectFrom('mail_outbox').select('recipient').execute()
  assert.equal(mails.length, 20)

  // the prices have not changed since: each stored quote equals the view's projection for it
  const overview = await needsOverview(t.deps.db, systemActor('test'), overviewQuery.parse({}), '2026-02-10')
  assert.equal(overview.aggregate.total.organisations, 20)
  for (const row of rows) {
    const stored = toQuestionnaire(row).storedQuote
    const item = overview.items.find((i) => i.id === row.id)!
    assert.equal(item.projection.monthlyNetCents, stored.quote.monthlyNetCents, row.ref)
    assert.equal(item.projection.mandatoryShares, stored.quote.shares.mandatory, row.ref)
    assert.equal(item.projection.suggestedShares, stored.quote.shares.suggested, row.ref)
  }
  assert.equal(
    overview.aggregate.total.monthlyNetCents,
    rows.reduce((n, r) => n + toQuestionnaire(r).storedQuote.quote.monthlyNetCents, 0),
  )
  const stages = overview.aggregate.byStage.reduce((n, s) => n + s.organisations, 0)
  assert.equal(stages, 20)
})

test('at bench size the erased ones keep their figures and lose their personal data', async () => {
  const seeded = await seedNeeds(t.deps, { count: 60, firstDay: '2026-02-01', lastDay: '2026-02-10', seed: 8 })
  assert.equal(seeded.erased, 2)
  const erased = await t.deps.db
    .selectFrom('needs_questionnaire')
    .selectAll()
    .where('erased_at', 'is not', null)
    .execute()
  assert.equal(erased.length, 2)
  for (const row of erased) {
    assert.deepEqual([row.organisation_name, row.contact_name, row.contact_email, row.pain_points], ['', '', '', ''])
    assert.ok(row.wanted_areas.length > 0)
  }
})
