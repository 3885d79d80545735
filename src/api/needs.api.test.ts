import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { createTestApp, type TestApp } from '../../test/support/app.ts'
import { api } from '../../test/support/client.ts'
import { type Cooperative, seedCooperative, tokenFor } from '../../test/support/factories.ts'
import { needsSnapshot, questionnaireJson } from '../../test/support/needs.ts'
import { seedExamplePrices } from '../demo/seed-demo-catalog.ts'
import { systemActor } from '../platform/actor.ts'
import { fixedClock } from '../platform/clock.ts'
import { expectJson, expectProblem } from './api.testing.ts'
import { fieldPaths } from './membership.testing.ts'

const clock = fixedClock(new Date('2026-02-10T10:00:00Z'))
let t: TestApp
let coop: Cooperative
let board: string
let staff: string
let staffReadOnly: string
let supervisor: string
let adminA: string
before(async () => {
  t = await createTestApp({ clock, config: { trustProxy: true } })
  coop = await seedCooperative(t.deps)
  await t.deps.db.transaction().execute((trx) => seedExamplePrices(trx, systemActor('test'), t.deps, '2026-02-10'))
  board = await tokenFor(t.deps, coop.board.accountId)
  staff = await tokenFor(t.deps, coop.staff.accountId)
  staffReadOnly = await tokenFor(t.deps, coop.staff.accountId, ['orders:read'])
  supervisor = await tokenFor(t.deps, coop.supervisor.accountId)
  adminA = await tokenFor(t.deps, coop.orgA.admin.accountId)
})
after(() => t.close())

interface Contact {
  ref: string
  contactEmail: string
  erasedAt: string | null
  applied: boolean
  quote: {
    computedOn: string
    quote: {
      monthlyNetCents: number
      unpricedAreas: string[]
      shares: { mandatory: number; suggested: number }
      migration: Array<{ tool: string; services: Array<{ serviceKey: string; inWantedArea: boolean }> }>
    }
  }
}

let seq = 0
async function post(overrides: Record<string, unknown> = {}, token: string | null = null, query = '') {
  seq += 1
  return api(t, token, `/questionnaires${query}`, {
    method: 'POST',
    headers: { 'x-forwarded-for': `192.0.2.${seq}` },
    json: questionnaireJson({ contactEmail: `api${seq}@needs.test`, ...overrides }),
  })
}

test('POST /questionnaires without a token: the reference, the quote and the tracking token', async () => {
  const res = await post({ employees: 10, wantedAreas: ['digital_infrastructure', 'it_helpdesk', 'consulting'] })
  const body = await expectJson<{ ref: string; trackingToken: string; questionnaire: Contact }>(res, 201)
  assert.match(body.ref, /^BF-2026-\d{5}$/)
  assert.match(body.trackingToken, /^[\w-]{43}$/)
  // medium: 129 € + 99 €; 2 + 2 mandatory shares; 3 × 228 € → 7 shares: 3 more
  assert.equal(body.questionnaire.quote.quote.monthlyNetCents, 22_800)
  assert.deepEqual(body.questionnaire.quote.quote.shares, {
    mandatory: 4,
    suggested: 3,
    shareValueCents: 10_000,
    mandatoryCents: 40_000,
    suggestedCents: 30_000,
  })
  assert.deepEqual(body.questionnaire.quote.quote.unpricedAreas, [])
  assert.deepEqual(
    body.questionnaire.quote.quote.migration.map((m) => [m.tool, m.services.map((s) => s.serviceKey)]),
    [
      ['dropbox', ['cloud']],
      ['zoom', ['chat_video']],
      ['trello', ['kanban']],
    ],
  )
  const tracked = await expectJson<Contact>(await api(t, null, `/questionnaires/tracking/${body.trackingToken}`), 200)
  assert.equal(tracked.ref, body.ref)
  assert.equal(tracked.quote.computedOn, '2026-02-10')
  const erased = await expectJson<Contact>(
    await api(t, null, `/questionnaires/tracking/${body.trackingToken}/erase`, { method: 'POST' }),
    200,
  )
  assert.ok(erased.erasedAt)
  assert.equal(erased.contactEmail, '')
  assert.equal(erased.quote.quote.monthlyNetCents, 22_800)
  await expectProblem(await api(t, null, `/questionnaires/tracking/${'z'.repeat(43)}`), 404, 'not_found')
})

test('bad input is a 422 with the field paths and changes nothing', async () => {
  const refused = async (overrides: Record<string, unknown>, paths: string[]) => {
    const before = await needsSnapshot(t.deps)
    assert.deepEqual(await fieldPaths(await post(overrides)), paths)
    assert.equal(await needsSnapshot(t.deps), before)
  }
  await refused({ employees: -1 }, ['employees'])
  await refused({ annualBudgetCents: -100 }, ['annualBudgetCents'])
  await refused({ wantedAreas: ['cloud_gaming'] }, ['wantedAreas'])
  await refused({ consentContact: false }, ['consentContact'])
  await refused({ contactEmail: 'not-an-address' }, ['contactEmail'])
  await refused({ stage: 'maybe' }, ['stage'])
  await refused({ favouriteColour: 'green' }, ['favouriteColour'])
})

test('the public limit per email address: 429 with the reason at contactEmail, nothing stored', async () => {
  for (let i = 0; i < 3; i++) await expectJson(await post({ contactEmail: 'busy@needs.test' }), 201)
  const before = await needsSnapshot(t.deps)
  const problem = await expectProblem(await post({ contactEmail: 'busy@needs.test' }), 429, 'rate_limited')
  assert.deepEqual(
    problem.errors?.map((e) => e.path),
    ['contactEmail'],
  )
  assert.equal(await needsSnapshot(t.deps), before)
})

test('an organisation’s admin links a questionnaire to it; another organisation is refused', async () => {
  const res = await post({ organisationName: 'Org A e.V.' }, adminA, `?organisationId=${coop.orgA.id}`)
  const { ref } = await expectJson<{ ref: string }>(res, 201)
  const row = await t.deps.db
    .selectFrom('needs_questionnaire')
    .select(['organisation_id', 'account_id'])
    .where('ref', '=', ref)
    .executeTakeFirstOrThrow()
  assert.deepEqual(row, { organisation_id: coop.orgA.id, account_id: coop.orgA.admin.accountId })
  await expectProblem(await post({}, adminA, `?organisationId=${coop.orgB.id}`), 404)
})

interface Item {
  id: string
  ref: string
  stage: string
  projection: { monthlyNetCents: number; mandatoryShares: number }
}

test('the founders read the list, one questionnaire and the summary; others are refused', async () => {
  const page = await expectJson<{ items: Item[]; total: number; day: string }>(
    await api(t, supervisor, '/questionnaires?stage=discussing&sort=monthly&pageSize=2'),
    200,
  )
  assert.equal(page.day, '2026-02-10')
  assert.ok(page.total >= 2)
  assert.equal(page.items.length, 2)
  assert.ok(page.items.every((i) => i.stage === 'discussing'))
  assert.ok(page.items[0]!.projection.monthlyNetCents >= page.items[1]!.projection.monthlyNetCents)
  const all = await expectJson<{ items: Item[]; total: number }>(
    await api(t, staff, '/questionnaires?pageSize=500'),
    200,
  )
  const summary = await expectJson<{
    organisations: number
    total: { organisations: number; monthlyNetCents: number; mandatoryShares: number }
    byStage: Array<{ stage: string; organisations: number }>
  }>(await api(t, board, '/questionnaires/summary'), 200)
  assert.equal(summary.organisations, all.total)
  assert.equal(
    summary.total.monthlyNetCents,
    all.items.reduce((n, i) => n + i.projection.monthlyNetCents, 0),
  )
  assert.equal(
    summary.total.mandatoryShares,
    all.items.reduce((n, i) => n + i.projection.mandatoryShares, 0),
  )
  const one = await expectJson<{ ref: string; history: unknown[]; quote: { computedOn: string } }>(
    await api(t, board, `/questionnaires/${all.items[0]!.id}`),
    200,
  )
  assert.equal(one.ref, all.items[0]!.ref)
  await expectProblem(await api(t, adminA, '/questionnaires'), 403, 'forbidden')
  await expectProblem(await api(t, adminA, '/questionnaires/summary'), 403, 'forbidden')
  await expectProblem(await api(t, null, '/questionnaires'), 401)
  await expectProblem(await api(t, board, '/questionnaires?from=gestern'), 422)
})

test('POST follow-ups: staff record one (journaled); the supervisory board and a read-only token are refused', async () => {
  const { ref } = await expectJson<{ ref: string }>(await post({ contactEmail: 'follow@needs.test' }), 201)
  const { id } = await t.deps.db
    .selectFrom('needs_questionnaire')
    .select('id')
    .where('ref', '=', ref)
    .executeTakeFirstOrThrow()
  const body = {
    status: 'in_talks',
    note: 'Workshop vereinbart',
    nextOn: '2026-03-01',
    assignedAccountId: coop.staff.accountId,
  }
  for (const token of [supervisor, staffReadOnly]) {
    const before = await needsSnapshot(t.deps)
    await expectProblem(await api(t, token, `/questionnaires/${id}/follow-ups`, { method: 'POST', json: body }), 403)
    assert.equal(await needsSnapshot(t.deps), before)
  }
  const before = await needsSnapshot(t.deps)
  assert.deepEqual(
    await fieldPaths(
      await api(t, staff, `/questionnaires/${id}/follow-ups`, {
        method: 'POST',
        json: { ...body, nextOn: '2026-02-30' },
      }),
    ),
    ['nextOn'],
  )
  assert.equal(await needsSnapshot(t.deps), before)
  const recorded = await expectJson<{
    entry: { status: string; note: string; createdBy: string }
    questionnaire: { followUp: { status: string; on: string; assignedAccountId: string }; history: unknown[] }
  }>(await api(t, staff, `/questionnaires/${id}/follow-ups`, { method: 'POST', json: body }), 201)
  assert.deepEqual(recorded.entry.status, 'in_talks')
  assert.equal(recorded.entry.createdBy, coop.staff.email)
  assert.deepEqual(recorded.questionnaire.followUp, {
    status: 'in_talks',
    on: '2026-03-01',
    assignedAccountId: coop.staff.accountId,
  })
  assert.equal(recorded.questionnaire.history.length, 1)
  const journal = await t.deps.db
    .selectFrom('audit_entry')
    .select('action')
    .where('subject_id', '=', id)
    .orderBy('seq')
    .execute()
  assert.deepEqual(
    journal.map((j) => j.action),
    ['questionnaire.submitted', 'questionnaire.followed_up'],
  )
})
