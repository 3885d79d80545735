/**
 * Two people acting on one questionnaire at the same moment, on PostgreSQL (PGlite has one connection, its
 * transactions never overlap): two declarations made from one quote link it once; two follow-ups both land in
 * the history, one after the other, and the questionnaire shows the one written last.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { createTestApp, type TestApp } from '../../test/support/app.ts'
import { onPostgres } from '../../test/support/db.ts'
import { type Cooperative, seedCooperative } from '../../test/support/factories.ts'
import { declaration } from '../../test/support/members.ts'
import { submitted } from '../../test/support/needs.ts'
import { race } from '../../test/support/race.ts'
import { loadActor } from '../auth/actor.repo.ts'
import type { Trx } from '../db/db.ts'
import { submitApplication } from '../members/applications.actions.ts'
import type { Actor } from '../platform/actor.ts'
import { fixedClock } from '../platform/clock.ts'
import { recordFollowUp } from './follow-up.actions.ts'

const skip = !onPostgres() && 'needs PostgreSQL (DATABASE_URL): PGlite has one connection, transactions never overlap'
let t: TestApp
let coop: Cooperative
before(async () => {
  if (skip) return
  t = await createTestApp({ clock: fixedClock(new Date('2026-02-10T10:00:00Z')) })
  coop = await seedCooperative(t.deps)
})
after(() => t?.close())

test('two declarations from one quote at once: the questionnaire is linked to exactly one', { skip }, async () => {
  const { questionnaire, token } = await submitted(t.deps, { contactEmail: 'race@needs.test' })
  const declare = (n: number) => (trx: Trx) =>
    submitApplication(
      trx,
      declaration({ organisationName: `Gleichzeitig ${n} e.V.`, email: `race${n}@needs.test` }),
      { ip: `192.0.2.${n}`, userAgent: null, lang: 'de' },
      t.deps,
      { questionnaireToken: token },
    )
  const { results, maxBlocked } = await race(t.deps.db, [declare(1), declare(2)])
  assert.deepEqual(
    results.map((r) => r.status),
    ['fulfilled', 'fulfilled'],
  )
  assert.ok(maxBlocked >= 1, 'the second waited for the first')
  const linked = await t.deps.db
    .selectFrom('needs_questionnaire')
    .select(['id', 'application_id'])
    .where('application_id', 'is not', null)
    .execute()
  // the quote's questionnaire once, and one made for the declaration that came second
  assert.equal(linked.length, 2)
  assert.equal(linked.filter((l) => l.id === questionnaire.id).length, 1)
  const history = await t.deps.db
    .selectFrom('questionnaire_follow_up')
    .select('status')
    .where('questionnaire_id', '=', questionnaire.id)
    .execute()
  assert.deepEqual(history, [{ status: 'applied' }])
})

test('two follow-ups at once: both in the history, the questionnaire shows the later one', { skip }, async () => {
  const { questionnaire } = await submitted(t.deps, { contactEmail: 'race-follow@needs.test' })
  const board = (await loadActor(t.deps.db, coop.board.accountId)) as Actor
  const staff = (await loadActor(t.deps.db, coop.staff.accountId)) as Actor
  const follow = (actor: Actor, status: 'contacted' | 'in_talks') => (trx: Trx) =>
    recordFollowUp(
      trx,
      actor,
      questionnaire.id,
      { status, note: actor.label, nextOn: null, assignedAccountId: null },
      t.deps,
    )
  const { results, maxBlocked } = await race(t.deps.db, [follow(board, 'contacted'), follow(staff, 'in_talks')])
  assert.deepEqual(
    results.map((r) => r.status),
    ['fulfilled', 'fulfilled'],
  )
  assert.ok(maxBlocked >= 1)
  const history = await t.deps.db
    .selectFrom('questionnaire_follow_up')
    .select(['status', 'created_by'])
    .where('questionnaire_id', '=', questionnaire.id)
    .orderBy('created_at')
    .orderBy('id')
    .execute()
  assert.equal(history.length, 2)
  const row = await t.deps.db
    .selectFrom('needs_questionnaire')
    .select('follow_up_status')
    .where('id', '=', questionnaire.id)
    .executeTakeFirstOrThrow()
  // the one that wrote last (the last journal entry) set the questionnaire's status
  const last = await t.deps.db
    .selectFrom('audit_entry')
    .select(['actor_label', 'after'])
    .where('subject_id', '=', questionnaire.id)
    .where('action', '=', 'questionnaire.followed_up')
    .orderBy('seq', 'desc')
    .executeTakeFirstOrThrow()
  assert.equal(row.follow_up_status, (last.after as { status: string }).status)
  assert.deepEqual(history.map((h) => h.status).sort(), ['contacted', 'in_talks'])
})
