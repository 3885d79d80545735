import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { sql } from 'kysely'
import { createTestDb } from '../../test/support/db.ts'
import type { DbHandle } from '../db/db.ts'
import { systemActor } from './actor.ts'
import { audit, canonicalJson, verifyAuditChain } from './audit.ts'

let handle: DbHandle
before(async () => {
  handle = await createTestDb()
})
after(() => handle.close())

const actor = systemActor('test')

test('canonical JSON sorts keys, drops undefined and redacts secrets', () => {
  assert.equal(
    canonicalJson({ b: 1, a: { d: undefined, c: [2, { z: 1, y: 2 }] } }),
    '{"a":{"c":[2,{"y":2,"z":1}]},"b":1}',
  )
  assert.equal(
    canonicalJson({ passwordHash: 'x', totp_secret: 'y', name: 'n' }),
    '{"name":"n","passwordHash":"[redacted]","totp_secret":"[redacted]"}',
  )
})

test('entries chain, verify, and survive jsonb round trips', async () => {
  await handle.db.transaction().execute(async (trx) => {
    await audit(trx, actor, {
      action: 'x.created',
      subjectType: 'x',
      subjectId: '1',
      after: { name: 'Ä <script>', n: 1.5, list: [1, 2], nested: { b: true, a: null } },
    })
    await audit(trx, actor, {
      action: 'x.updated',
      subjectType: 'x',
      subjectId: '1',
      before: { name: 'a' },
      after: { name: 'b' },
      reason: 'because',
    })
  })
  const result = await verifyAuditChain(handle.db)
  assert.deepEqual(result, { ok: true, checked: 2 })
})

test('the database refuses UPDATE, DELETE and TRUNCATE on the journal', async () => {
  await assert.rejects(sql`UPDATE audit_entry SET reason = 'forged' WHERE seq = 1`.execute(handle.db), /append-only/)
  await assert.rejects(sql`DELETE FROM audit_entry WHERE seq = 2`.execute(handle.db), /append-only/)
  await assert.rejects(sql`TRUNCATE audit_entry`.execute(handle.db), /append-only/)
})

test('a rolled back transaction leaves no entry and no gap', async () => {
  await assert.rejects(
    handle.db.transaction().execute(async (trx) => {
      await audit(trx, actor, { action: 'x.doomed', subjectType: 'x', subjectId: '2' })
      throw new Error('boom')
    }),
  )
  const result = await verifyAuditChain(handle.db)
  assert.equal(result.ok, true)
  assert.equal(result.checked, 2)
})

test('verify names the first tampered entry (trigger bypassed as a superuser could)', async () => {
  await handle.db.transaction().execute(async (trx) => {
    await audit(trx, actor, { action: 'x.third', subjectType: 'x', subjectId: '3', after: { v: 1 } })
  })
  await sql`ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_no_update`.execute(handle.db)
  await sql`UPDATE audit_entry SET after = '{"v":2}' WHERE seq = 2`.execute(handle.db)
  await sql`ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_no_update`.execute(handle.db)
  const result = await verifyAuditChain(handle.db)
  assert.equal(result.ok, false)
  assert.equal(result.firstBroken?.seq, 2)
  assert.match(result.firstBroken!.problem, /hash/)
})
