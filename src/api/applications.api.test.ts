import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { createTestApp, type TestApp } from '../../test/support/app.ts'
import { api } from '../../test/support/client.ts'
import { type Cooperative, password, seedCooperative, tokenFor } from '../../test/support/factories.ts'
import { createAccount } from '../people/accounts.actions.ts'
import { systemActor } from '../platform/actor.ts'
import { fixedClock } from '../platform/clock.ts'
import { expectJson, expectProblem } from './api.testing.ts'
import { applicationJson, fieldPaths, unchanged } from './membership.testing.ts'

const clock = fixedClock(new Date('2026-03-10T10:00:00Z'))
let t: TestApp
let coop: Cooperative
let board: string
let boardReadOnly: string
let supervisor: string
let adminA: string
before(async () => {
  t = await createTestApp({ clock })
  coop = await seedCooperative(t.deps)
  board = await tokenFor(t.deps, coop.board.accountId)
  boardReadOnly = await tokenFor(t.deps, coop.board.accountId, ['members:read'])
  supervisor = await tokenFor(t.deps, coop.supervisor.accountId)
  adminA = await tokenFor(t.deps, coop.orgA.admin.accountId)
})
after(() => t.close())

interface Status {
  id: string
  ref: string
  status: string
  partyName: string
  mandatoryShares: number
  voluntaryShares: number
  totalShares: number
  rejectionReason: string | null
  declaration: { text: string; statutesValidFrom: string } | null
}
interface Application extends Status {
  applicant: { iban: string | null; email: string }
  memberId: string | null
  approvals: Array<{ label: string }>
}
interface Page<T> {
  items: T[]
  total: number
  page: number
  pageSize: number
}

let seq = 0
/** Submits a distinct application without a token; returns it with its tracking token. */
async function submit(overrides: Record<string, unknown> = {}) {
  seq += 1
  const res = await api(t, null, '/applications', {
    method: 'POST',
    json: applicationJson({ organisationName: `Initiative ${seq} e.V.`, email: `apply${seq}@init.test`, ...overrides }),
  })
  return expectJson<{ application: Status; trackingToken: string }>(res, 201)
}

test('anyone applies without a token, tracks the application and the board admits it', async () => {
  const { application, trackingToken } = await submit()
  assert.equal(application.status, 'submitted')
  assert.match(application.ref, /^B-2026-\d{5}$/)
  // small tier 1 + 1 primary area + 1 voluntary share
  assert.deepEqual([application.mandatoryShares, application.voluntaryShares, application.totalShares], [2, 1, 3])
  assert.match(application.declaration?.text ?? '', /Initiative 1 e\.V\./)
  assert.equal(application.declaration?.statutesValidFrom, '2000-01-01')
  assert.ok(!('applicant' in application), 'the applicant view leaves out the board’s details')
  const mail = (await t.flushMail()).find((m) => m.to === 'apply1@init.test')
  assert.ok(mail?.body.includes(`/join/status/${trackingToken}`))

  const tracked = await expectJson<Status>(await api(t, null, `/applications/tracking/${trackingToken}`), 200)
  assert.equal(tracked.id, application.id)
  await expectProblem(await api(t, null, `/applications/tracking/${'x'.repeat(43)}`), 404, 'not_found')

  const queue = await expectJson<Page<Application>>(await api(t, board, '/applications?status=submitted'), 200)
  assert.deepEqual(
    queue.items.map((a) => a.id),
    [application.id],
  )
  const full = await expectJson<Application>(await api(t, supervisor, `/applications/${application.id}`), 200)
  assert.equal(full.applicant.iban, 'DE89370400440532013000')

  const approved = await expectJson<{ status: string; member: { number: string; joinedOn: string } }>(
    await api(t, board, `/applications/${application.id}/approve`, { method: 'POST', json: {} }),
    200,
  )
  assert.equal(approved.status, 'admitted')
  assert.match(approved.member.number, /^M-\d{5}$/)
  assert.equal(approved.member.joinedOn, '2026-03-10')
  const again = await unchanged(t, () =>
    api(t, board, `/applications/${application.id}/approve`, { method: 'POST', json: {} }),
  )
  await expectProblem(again, 409, 'already_decided')
  const admitted = await expectJson<Page<Application>>(await api(t, board, '/applications?status=admitted'), 200)
  assert.equal(admitted.items[0]?.memberId, (approved.member as unknown as { id: string }).id)
})

test('approval on a later effective date; a bad date is a 422 at effectiveOn', async () => {
  const { application } = await submit()
  const url = `/applications/${application.id}/approve`
  assert.deepEqual(
    await fieldPaths(
      await unchanged(t, () => api(t, board, url, { method: 'POST', json: { effectiveOn: '2026-02-30' } })),
    ),
    ['effectiveOn'],
  )
  const approved = await expectJson<{ member: { joinedOn: string; status: string } }>(
    await api(t, board, url, { method: 'POST', json: { effectiveOn: '2026-04-01' } }),
    200,
  )
  assert.equal(approved.member.joinedOn, '2026-04-01')
})

test('the board rejects with a reason that is mailed; the applicant withdraws an undecided one', async () => {
  const first = await submit()
  const url = `/applications/${first.application.id}/reject`
  assert.deepEqual(
    await fieldPaths(await unchanged(t, () => api(t, board, url, { method: 'POST', json: { reason: '  ' } }))),
    ['reason'],
  )
  await t.flushMail()
  const rejected = await expectJson<Application>(
    await api(t, board, url, { method: 'POST', json: { reason: 'Kein Bezug zum Förderzweck' } }),
    200,
  )
  assert.equal(rejected.status, 'rejected')
  assert.equal(rejected.rejectionReason, 'Kein Bezug zum Förderzweck')
  const mails = await t.flushMail()
  assert.ok(mails.some((m) => m.to === 'apply3@init.test' && m.body.includes('Kein Bezug zum Förderzweck')))
  const tracked = await expectJson<Status>(await api(t, null, `/applications/tracking/${first.trackingToken}`), 200)
  assert.equal(tracked.rejectionReason, 'Kein Bezug zum Förderzweck')
  await expectProblem(
    await unchanged(t, () =>
      api(t, null, `/applications/tracking/${first.trackingToken}/withdraw`, { method: 'POST' }),
    ),
    409,
    'already_decided',
  )

  const second = await submit()
  const withdrawn = await expectJson<Status>(
    await api(t, null, `/applications/tracking/${second.trackingToken}/withdraw`, { method: 'POST' }),
    200,
  )
  assert.equal(withdrawn.status, 'withdrawn')
  await expectProblem(
    await unchanged(t, () =>
      api(t, board, `/applications/${second.application.id}/approve`, { method: 'POST', json: {} }),
    ),
    409,
    'already_decided',
  )
})

test('bad applications change nothing: IBAN checksum, missing consent, unknown fields, areas for a person', async () => {
  const post = (json: Record<string, unknown>) => () => api(t, null, '/applications', { method: 'POST', json })
  assert.deepEqual(
    await fieldPaths(await unchanged(t, post(applicationJson({ iban: 'DE89 3704 0044 0532 0130 01' })))),
    ['iban'],
  )
  const noConsent = applicationJson({ consentStatutes: false })
  delete noConsent.consentPrivacy
  assert.deepEqual((await fieldPaths(await unchanged(t, post(noConsent)))).sort(), [
    'consentPrivacy',
    'consentStatutes',
  ])
  assert.deepEqual(await fieldPaths(await unchanged(t, post(applicationJson({ memberId: 'x' })))), ['memberId'])
  assert.deepEqual(
    await fieldPaths(
      await unchanged(
        t,
        post(applicationJson({ memberType: 'supporting', organisationName: '', primaryAreas: ['it_helpdesk'] })),
      ),
    ),
    ['primaryAreas'],
  )
  assert.deepEqual(await fieldPaths(await unchanged(t, post(applicationJson({ voluntaryShares: 500 })))), [
    'voluntaryShares',
  ])
  // German problems for a German client
  const res = await unchanged(t, () =>
    api(t, null, '/applications', {
      method: 'POST',
      json: applicationJson({ consentStatutes: 'no' }),
      headers: { 'accept-language': 'de' },
    }),
  )
  const problem = await expectProblem(res, 422, 'validation')
  assert.match(problem.errors?.[0]?.message ?? '', /bestätigen/)
})

test('who may see and decide: 401 without a token, 403 without the role or the write scope', async () => {
  const { application } = await submit()
  const url = `/applications/${application.id}`
  await expectProblem(await api(t, null, '/applications'), 401, 'unauthenticated')
  await expectProblem(await api(t, null, url), 401)
  await expectProblem(await unchanged(t, () => api(t, null, `${url}/approve`, { method: 'POST', json: {} })), 401)
  await expectProblem(await api(t, adminA, '/applications'), 403, 'forbidden')
  await expectProblem(await api(t, adminA, url), 403)
  await expectJson(await api(t, boardReadOnly, url), 200)
  for (const token of [boardReadOnly, supervisor, adminA]) {
    await expectProblem(await unchanged(t, () => api(t, token, `${url}/approve`, { method: 'POST', json: {} })), 403)
    await expectProblem(
      await unchanged(t, () => api(t, token, `${url}/reject`, { method: 'POST', json: { reason: 'no' } })),
      403,
    )
  }
  // a token sent to a public route is checked like anywhere else
  await expectProblem(
    await unchanged(t, () => api(t, 'alm_wrong', '/applications', { method: 'POST', json: applicationJson() })),
    401,
  )
  await expectProblem(await api(t, board, '/applications/00000000-0000-4000-8000-000000000000'), 404)
  assert.deepEqual(await fieldPaths(await api(t, board, '/applications?status=pending')), ['status'])
})

test('an organisation the cooperative knows applies through its admin; others may not apply for it', async () => {
  const json = applicationJson({ organisationName: 'Org A e.V.', email: 'admin@a.test' })
  await expectProblem(
    await unchanged(t, () => api(t, null, `/applications?organisationId=${coop.orgA.id}`, { method: 'POST', json })),
    401,
  )
  const adminB = await tokenFor(t.deps, coop.orgB.admin.accountId)
  await expectProblem(
    await unchanged(t, () => api(t, adminB, `/applications?organisationId=${coop.orgA.id}`, { method: 'POST', json })),
    404,
  )
  const { application } = await expectJson<{ application: Status }>(
    await api(t, adminA, `/applications?organisationId=${coop.orgA.id}`, { method: 'POST', json }),
    201,
  )
  const approved = await expectJson<{ member: { organisationId: string } }>(
    await api(t, board, `/applications/${application.id}/approve`, { method: 'POST', json: {} }),
    200,
  )
  assert.equal(approved.member.organisationId, coop.orgA.id)
})

test('statutes asking for two board members: the first approval waits, the second admits', async () => {
  const settings = await expectJson<{ settings: Record<string, unknown> }>(
    await api(t, null, '/statutes/in-force'),
    200,
  )
  await expectJson(
    await api(t, board, '/statutes', {
      method: 'POST',
      json: { validFrom: '2026-03-10', settings: { ...settings.settings, admissionApprovals: 2 }, note: 'two' },
    }),
    201,
  )
  const second = await t.deps.db.transaction().execute((trx) =>
    createAccount(
      trx,
      systemActor('test'),
      {
        email: 'board2@coop.test',
        givenName: 'Zweite',
        familyName: 'Vorständin',
        password,
        roles: ['board'],
        emailVerified: true,
        organisations: [],
      },
      t.deps,
    ),
  )
  const board2 = await tokenFor(t.deps, second.accountId)
  const { application } = await submit()
  const url = `/applications/${application.id}/approve`
  const first = await expectJson<{ status: string; approvals: number; required: number }>(
    await api(t, board, url, { method: 'POST', json: {} }),
    200,
  )
  assert.deepEqual(first, { ...first, status: 'awaiting_approval', approvals: 1, required: 2 })
  await expectProblem(
    await unchanged(t, () => api(t, board, url, { method: 'POST', json: {} })),
    409,
    'already_approved',
  )
  const done = await expectJson<{ status: string; application: Application }>(
    await api(t, board2, url, { method: 'POST', json: {} }),
    200,
  )
  assert.equal(done.status, 'admitted')
  assert.deepEqual(done.application.approvals.map((a) => a.label).sort(), ['board2@coop.test', 'board@coop.test'])
})

test('a fourth public application for one email within the hour is 429 at field email and stores nothing', async () => {
  clock.set(new Date('2026-06-01T08:00:00Z'))
  const post = () =>
    api(t, null, '/applications', {
      method: 'POST',
      json: applicationJson({ organisationName: 'Wiederholt e.V.', email: 'wieder@holt.test' }),
    })
  for (let i = 0; i < 3; i++) await expectJson(await post(), 201)
  const problem = await expectProblem(await unchanged(t, post), 429, 'rate_limited')
  assert.deepEqual(
    (problem as { errors?: Array<{ path: string }> }).errors?.map((e) => e.path),
    ['email'],
  )
})
