import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { createTestApp, type TestApp } from '../../test/support/app.ts'
import { api } from '../../test/support/client.ts'
import { type Cooperative, seedCooperative, tokenFor } from '../../test/support/factories.ts'
import { fixedClock } from '../platform/clock.ts'
import { defaultStatutes } from '../statutes/statutes.rules.ts'
import { expectJson, expectProblem } from './api.testing.ts'
import { fieldPaths, unchanged } from './membership.testing.ts'

const clock = fixedClock(new Date('2026-03-10T10:00:00Z'))
let t: TestApp
let coop: Cooperative
let board: string
before(async () => {
  t = await createTestApp({ clock })
  coop = await seedCooperative(t.deps)
  board = await tokenFor(t.deps, coop.board.accountId)
})
after(() => t.close())

interface Version {
  id: string
  validFrom: string
  settings: typeof defaultStatutes
  note: string
  createdBy: string
}

test('the statutes are public to read; the board adopts a version that applies from its date on', async () => {
  const list = await expectJson<{ items: Version[] }>(await api(t, null, '/statutes'), 200)
  assert.deepEqual(
    list.items.map((v) => v.validFrom),
    ['2000-01-01'],
  )
  assert.equal(list.items[0]?.settings.shareValueCents, 100_00)
  // the model statutes were stored before the governance settings existed: they read with the defaults
  assert.equal(list.items[0]?.settings.invitationDays, 14)
  assert.equal(list.items[0]?.settings.agendaDays, 7)
  assert.equal(list.items[0]?.settings.pluralVotesMax, 1)
  assert.equal(list.items[0]?.settings.demandPercent, 10)
  assert.equal(list.items[0]?.settings.writtenVotes, false)
  const adopted = await expectJson<Version>(
    await api(t, board, '/statutes', {
      method: 'POST',
      json: {
        validFrom: '2027-01-01',
        settings: { ...defaultStatutes, shareValueCents: 250_00, pluralVotesMax: 2, writtenVotes: true },
        note: 'GV 2026',
      },
    }),
    201,
  )
  assert.equal(adopted.createdBy, 'board@coop.test')
  assert.equal(adopted.settings.shareValueCents, 250_00)
  assert.equal(adopted.settings.pluralVotesMax, 2)
  assert.equal(adopted.settings.writtenVotes, true)
  const current = await expectJson<Version>(await api(t, null, '/statutes/in-force'), 200)
  assert.equal(current.validFrom, '2000-01-01')
  const next = await expectJson<Version>(await api(t, null, '/statutes/in-force?on=2027-06-30'), 200)
  assert.equal(next.id, adopted.id)
  // the day before still has the old version
  assert.equal(
    (await expectJson<Version>(await api(t, board, '/statutes/in-force?on=2026-12-31'), 200)).validFrom,
    '2000-01-01',
  )
  assert.deepEqual(await fieldPaths(await api(t, null, '/statutes/in-force?on=2026-13-01')), ['on'])
  assert.deepEqual(await fieldPaths(await api(t, null, '/statutes/in-force?on=31.12.2026')), ['on'])
})

test('a version in the past, on a taken date or with settings out of range changes nothing', async () => {
  const post = (json: Record<string, unknown>) => () => api(t, board, '/statutes', { method: 'POST', json })
  assert.deepEqual(await fieldPaths(await unchanged(t, post({ validFrom: '2026-03-09', settings: defaultStatutes }))), [
    'validFrom',
  ])
  assert.deepEqual(await fieldPaths(await unchanged(t, post({ validFrom: '2027-01-01', settings: defaultStatutes }))), [
    'validFrom',
  ])
  assert.deepEqual(
    (
      await fieldPaths(
        await unchanged(
          t,
          post({
            validFrom: '2028-01-01',
            settings: { ...defaultStatutes, noticeMonths: 2, minimumPaymentPercent: 5, extra: 1 },
          }),
        ),
      )
    ).sort(),
    ['settings.extra', 'settings.minimumPaymentPercent', 'settings.noticeMonths'],
  )
  assert.deepEqual(
    (
      await fieldPaths(
        await unchanged(
          t,
          post({
            validFrom: '2028-01-01',
            settings: { ...defaultStatutes, pluralVotesMax: 4, invitationDays: 10, demandPercent: 20 },
          }),
        ),
      )
    ).sort(),
    ['settings.demandPercent', 'settings.invitationDays', 'settings.pluralVotesMax'],
  )
  assert.deepEqual(await fieldPaths(await unchanged(t, post({ validFrom: '2028-01-01' }))), ['settings'])
})

test('only the board adopts, and only with the members:write scope', async () => {
  const json = { validFrom: '2029-01-01', settings: defaultStatutes }
  await expectProblem(await unchanged(t, () => api(t, null, '/statutes', { method: 'POST', json })), 401)
  for (const token of [
    await tokenFor(t.deps, coop.board.accountId, ['members:read']),
    await tokenFor(t.deps, coop.staff.accountId),
    await tokenFor(t.deps, coop.supervisor.accountId),
    await tokenFor(t.deps, coop.orgA.admin.accountId),
  ])
    await expectProblem(
      await unchanged(t, () => api(t, token, '/statutes', { method: 'POST', json })),
      403,
      'forbidden',
    )
})
