import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { createTestApp, type TestApp } from '../../test/support/app.ts'
import { api } from '../../test/support/client.ts'
import { type Cooperative, seedCooperative, tokenFor } from '../../test/support/factories.ts'
import type { JournalEntry } from '../journal/journal.actions.ts'
import type { MemberOfOrganisation } from '../people/people.schema.ts'
import { expectJson, expectProblem, unchangedBy } from './api.testing.ts'

let t: TestApp
let coop: Cooperative
let adminA: string
let userA: string
let staff: string
before(async () => {
  t = await createTestApp()
  coop = await seedCooperative(t.deps)
  adminA = await tokenFor(t.deps, coop.orgA.admin.accountId)
  userA = await tokenFor(t.deps, coop.orgA.user.accountId)
  staff = await tokenFor(t.deps, coop.staff.accountId)
})
after(() => t.close())

const people = async (token: string, organisationId: string) =>
  (
    await expectJson<{ items: MemberOfOrganisation[] }>(
      await api(t, token, `/organisations/${organisationId}/people`),
      200,
    )
  ).items

test('GET people of an organisation: its members see each other with their functions', async () => {
  const items = await people(userA, coop.orgA.id)
  assert.deepEqual(items.map((p) => [p.email, p.functions, p.hasAccount]).sort(), [
    ['admin@a.test', ['admin'], true],
    ['user@a.test', ['member_user'], true],
  ])
})

test('a member user cannot invite; the admin can, and the invitation is journaled and mailed', async () => {
  const invitation = { email: 'neu@a.test', givenName: 'Nora', familyName: 'Neu', functions: ['billing_contact'] }
  const denied = await unchangedBy(t, () =>
    api(t, userA, `/organisations/${coop.orgA.id}/invitations`, { method: 'POST', json: invitation }),
  )
  await expectProblem(denied, 403, 'forbidden')

  const result = await expectJson<{ personId: string; newAccount: boolean }>(
    await api(t, adminA, `/organisations/${coop.orgA.id}/invitations`, { method: 'POST', json: invitation }),
    201,
  )
  assert.equal(result.newAccount, true)
  const invited = (await people(adminA, coop.orgA.id)).find((p) => p.personId === result.personId)
  assert.deepEqual(invited && [invited.functions, invited.hasAccount, invited.invitationPending], [
    ['billing_contact'],
    false,
    true,
  ])
  const mails = await t.flushMail()
  assert.ok(mails.some((m) => m.to === 'neu@a.test' && /\/invite\?token=/.test(m.body)))
  const journal = await expectJson<{ items: JournalEntry[] }>(
    await api(t, adminA, `/journal?subjectId=${result.personId}`),
    200,
  )
  assert.equal(journal.items[0]?.action, 'affiliation.invited')

  // Inviting an existing account adds it at once.
  const existing = await expectJson<{ personId: string; newAccount: boolean }>(
    await api(t, adminA, `/organisations/${coop.orgA.id}/invitations`, {
      method: 'POST',
      json: { email: 'OUTSIDER@nowhere.test', givenName: 'O', familyName: 'S' },
    }),
    201,
  )
  assert.deepEqual(existing, { personId: coop.outsider.personId, newAccount: false })
})

test('invitation input is checked field by field', async () => {
  const res = await unchangedBy(t, () =>
    api(t, adminA, `/organisations/${coop.orgA.id}/invitations`, {
      method: 'POST',
      json: { email: 'not-an-email', givenName: '', functions: ['emperor'] },
    }),
  )
  const problem = await expectProblem(res, 422, 'validation')
  assert.deepEqual(problem.errors?.map((e) => e.path).sort(), ['email', 'familyName', 'functions.0', 'givenName'])
})

test('PUT sets functions and returns the person; DELETE removes; both journaled', async () => {
  const url = `/organisations/${coop.orgA.id}/people/${coop.orgA.user.personId}`
  const updated = await expectJson<MemberOfOrganisation>(
    await api(t, adminA, url, { method: 'PUT', json: { functions: ['technical_contact', 'member_user'] } }),
    200,
  )
  assert.deepEqual(updated.functions, ['member_user', 'technical_contact'])
  await expectProblem(
    await unchangedBy(t, () => api(t, adminA, url, { method: 'PUT', json: { functions: [] } })),
    422,
    'validation',
  )
  // The member user cannot change functions, not even their own.
  await expectProblem(
    await unchangedBy(t, () => api(t, userA, url, { method: 'PUT', json: { functions: ['admin'] } })),
    403,
  )
  // Someone who is not in the organisation is not found there.
  await expectProblem(
    await unchangedBy(t, () =>
      api(t, adminA, `/organisations/${coop.orgA.id}/people/${coop.orgB.user.personId}`, {
        method: 'PUT',
        json: { functions: ['admin'] },
      }),
    ),
    404,
  )
  const removed = await api(t, adminA, url, { method: 'DELETE' })
  assert.equal(removed.status, 204)
  assert.ok(!(await people(adminA, coop.orgA.id)).some((p) => p.personId === coop.orgA.user.personId))
  await expectProblem(await unchangedBy(t, () => api(t, adminA, url, { method: 'DELETE' })), 404)
  const journal = await expectJson<{ items: JournalEntry[] }>(
    await api(t, adminA, `/journal?subjectId=${coop.orgA.user.personId}&organisationId=${coop.orgA.id}`),
    200,
  )
  const functions = (v: unknown) => (v as { functions?: string[] } | null)?.functions?.toSorted() ?? null
  assert.deepEqual(
    journal.items.slice(0, 2).map((e) => [e.action, functions(e.before), functions(e.after)]),
    [
      ['affiliation.removed', ['member_user', 'technical_contact'], null],
      ['affiliation.changed', ['member_user'], ['member_user', 'technical_contact']],
    ],
  )
})

test('the last admin cannot leave or be demoted: 409 problem, nothing changed; staff may', async () => {
  const self = `/organisations/${coop.orgA.id}/people/${coop.orgA.admin.personId}`
  const demote = await unchangedBy(t, () =>
    api(t, adminA, self, { method: 'PUT', json: { functions: ['member_user'] } }),
  )
  const problem = await expectProblem(demote, 409, 'last_admin')
  assert.equal(problem.title, 'The organisation needs at least one org admin')
  await expectProblem(await unchangedBy(t, () => api(t, adminA, self, { method: 'DELETE' })), 409, 'last_admin')
  const german = await api(t, adminA, self, { method: 'DELETE', headers: { 'accept-language': 'de' } })
  assert.equal((await expectProblem(german, 409)).title, 'Die Organisation braucht mindestens einen Org-Admin')

  // The cooperative's staff may leave an organisation without admin while handing over.
  const byStaff = `/organisations/${coop.orgB.id}/people/${coop.orgB.admin.personId}`
  const res = await api(t, staff, byStaff, { method: 'PUT', json: { functions: ['legal_representative'] } })
  assert.deepEqual((await expectJson<MemberOfOrganisation>(res, 200)).functions, ['legal_representative'])
})
