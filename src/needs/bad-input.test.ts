/**
 * Bad input to the questionnaire: each is refused with its message at the field (422, or 429 for the hourly
 * limit) and leaves the questionnaires, the follow-ups, the journal and the outbox exactly as they were.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { createTestApp, type TestApp } from '../../test/support/app.ts'
import { TestClient } from '../../test/support/client.ts'
import { seedCooperative } from '../../test/support/factories.ts'
import { errorAt, needsSnapshot, questionnaireForm, questionnaireJson } from '../../test/support/needs.ts'
import { setCatalogStatus } from '../catalog/status.actions.ts'
import { seedExamplePrices } from '../demo/seed-demo-catalog.ts'
import { anonymous, systemActor } from '../platform/actor.ts'
import { fixedClock } from '../platform/clock.ts'
import { DomainError } from '../platform/errors.ts'
import { publicQuestionnaireLimit, submitQuestionnaire } from './needs.actions.ts'
import { questionnaireInput } from './needs.schema.ts'

const clock = fixedClock(new Date('2026-02-10T10:00:00Z'))
let t: TestApp
before(async () => {
  t = await createTestApp({ clock, config: { trustProxy: true } })
  await seedCooperative(t.deps)
  await t.deps.db.transaction().execute((trx) => seedExamplePrices(trx, systemActor('test'), t.deps, '2026-02-10'))
})
after(() => t.close())

let addresses = 0
function client(ip = `203.0.113.${++addresses}`) {
  const c = new TestClient(t)
  c.ip = ip
  return c
}

/** Posts the form and expects it back with `status` and the message at `field`; nothing may change. */
async function refused(
  overrides: Record<string, string | string[]>,
  field: string,
  message: RegExp,
  options: { status?: number; c?: TestClient } = {},
) {
  const c = options.c ?? client()
  await c.get('/needs')
  const before = await needsSnapshot(t.deps)
  const res = await c.post('/needs', questionnaireForm(overrides))
  assert.equal(res.status, options.status ?? 422, `${field}: ${c.lastBody.slice(0, 300)}`)
  const error = errorAt(c.lastBody, field)
  assert.ok(error, `a message at ${field}`)
  assert.match(error, message)
  assert.match(c.lastBody, /class="error-summary"/)
  assert.equal(await needsSnapshot(t.deps), before, 'nothing changed')
  return c
}

test('negative sizes, a bad email, no consent, no stage: the message at the field, the entries kept', async () => {
  await refused({ employees: '-3' }, 'employees', /mindestens 0/)
  await refused({ volunteers: '-1' }, 'volunteers', /mindestens 0/)
  await refused({ devices: 'viele' }, 'devices', /ganze Zahl/)
  await refused({ annualBudgetCents: '-500' }, 'annualBudgetCents', /./)
  await refused({ consultingHours: '-2' }, 'consultingHours', /mindestens 0/)
  await refused({ contactEmail: 'mira(at)example' }, 'contactEmail', /gültige E-Mail-Adresse/)
  await refused({ contactName: '' }, 'contactName', /ausfüllen/)
  await refused({ stage: '' }, 'stage', /vorgegebenen Werte/)
  const c = await refused({ consentContact: [] }, 'consentContact', /kontaktieren dürfen/)
  // what was entered stays in the form
  assert.match(c.lastBody, /value="Nachbarschaftshilfe Süd e\.V\."/)
  assert.match(c.lastBody, /value="dropbox" checked/)
  assert.match(c.lastBody, /Dateien liegen überall verstreut/)
})

test('an area the catalog does not have, or a tool not on the list, is refused at its field', async () => {
  await refused({ wantedAreas: ['digital_infrastructure', 'cloud_gaming'] }, 'wantedAreas', /gibt es nicht/)
  await refused({ wantedAreas: ['Cloud Gaming!'] }, 'wantedAreas', /gibt es nicht/)
  await refused({ toolsToday: ['myspace'] }, 'toolsToday', /vorgegebenen Werte/)
})

test('the public limit: more than the allowed questionnaires from one address within an hour get 429', async () => {
  const c = client('192.0.2.77')
  for (let i = 0; i < publicQuestionnaireLimit.perAddress; i++) {
    await c.get('/needs')
    const res = await c.post('/needs', questionnaireForm({ contactEmail: `limit${i}@address.test` }))
    assert.equal(res.status, 303)
  }
  await refused({ contactEmail: 'one-more@address.test' }, 'contactEmail', /in der letzten Stunde/, {
    status: 429,
    c,
  })
  // an hour later the address may send again
  clock.set(new Date('2026-02-10T11:00:01Z'))
  await c.get('/needs')
  assert.equal((await c.post('/needs', questionnaireForm({ contactEmail: 'later@address.test' }))).status, 303)
  clock.set(new Date('2026-02-10T10:00:00Z'))
})

test('the public limit per email address holds across client addresses', async () => {
  for (let i = 0; i < publicQuestionnaireLimit.perEmail; i++) {
    const c = client()
    await c.get('/needs')
    assert.equal((await c.post('/needs', questionnaireForm({ contactEmail: 'Same@Person.test' }))).status, 303)
  }
  await refused({ contactEmail: 'same@person.test' }, 'contactEmail', /in der letzten Stunde/, { status: 429 })
})

test('a discontinued area is refused by the action itself; nothing is stored', async () => {
  await t.deps.db
    .transaction()
    .execute((trx) =>
      setCatalogStatus(trx, systemActor('test'), { areaKey: 'managed_workplace', status: 'discontinued' }, t.deps),
    )
  const c = client()
  await c.get('/needs')
  assert.doesNotMatch(c.lastBody, /value="managed_workplace"/)
  await refused({ wantedAreas: ['managed_workplace'] }, 'wantedAreas', /gibt es nicht/)
  const before = await needsSnapshot(t.deps)
  await assert.rejects(
    t.deps.db
      .transaction()
      .execute((trx) =>
        submitQuestionnaire(
          trx,
          anonymous,
          questionnaireInput.parse(questionnaireJson({ wantedAreas: ['managed_workplace'] })),
          t.deps,
          { ip: null, lang: 'de' },
        ),
      ),
    (error: unknown) =>
      error instanceof DomainError &&
      error.fields[0]?.path === 'wantedAreas' &&
      error.fields[0]?.message === 'area_unknown',
  )
  assert.equal(await needsSnapshot(t.deps), before)
})
