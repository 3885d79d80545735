import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { OrgFunction } from '../db/schema.ts'
import type { Actor } from '../platform/actor.ts'
import { mayDecide, mayRead } from './bookings.policy.ts'

const actor = (
  roles: Array<'board' | 'staff' | 'auditor'>,
  orgs: Record<string, OrgFunction[]> = {},
  scopes?: string[],
): Actor => ({
  kind: 'account',
  accountId: 'a',
  personId: 'p',
  label: 'x@y.test',
  roles: new Set(roles),
  orgs: new Map(Object.entries(orgs).map(([id, f]) => [id, new Set(f)])),
  scopes: scopes ? (new Set(scopes) as Actor['scopes']) : null,
  language: 'de',
})

const home = { organisation_id: null }
const partner = { organisation_id: 'partner-org' }

test("who decides an order: staff and the board; a partner provider's admins only for its own items", () => {
  assert.equal(mayDecide(actor(['staff']), home), true)
  assert.equal(mayDecide(actor(['board']), partner), true)
  assert.equal(mayDecide(actor(['auditor']), home), false)
  assert.equal(mayDecide(actor([], { 'partner-org': ['admin'] }), partner), true)
  assert.equal(mayDecide(actor([], { 'partner-org': ['admin'] }), home), false)
  assert.equal(mayDecide(actor([], { 'partner-org': ['member_user'] }), partner), false)
  assert.equal(mayDecide(actor([], { 'other-org': ['admin'] }), partner), false)
  // a token narrows: without orders:write no decision
  assert.equal(mayDecide(actor([], { 'partner-org': ['admin'] }, ['orders:read', 'catalog:write']), partner), false)
  assert.equal(mayDecide(actor(['staff'], {}, ['orders:read']), home), false)
})

test("who reads a booking: the organisation's contacts, the cooperative's readers, the partner deciding it", () => {
  const booking = { organisation_id: 'org-a' }
  assert.equal(mayRead(actor(['auditor']), booking, home), true)
  assert.equal(mayRead(actor([], { 'org-a': ['technical_contact'] }), booking, home), true)
  assert.equal(mayRead(actor([], { 'org-a': ['member_user'] }), booking, home), false)
  assert.equal(mayRead(actor([], { 'org-b': ['admin'] }), booking, home), false)
  assert.equal(mayRead(actor([], { 'partner-org': ['admin'] }), booking, partner), true)
})
