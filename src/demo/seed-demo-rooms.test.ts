import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { createTestApp, type TestApp } from '../../test/support/app.ts'
import { signedInClient } from '../../test/support/client.ts'
import { demoPassword, seedDemo } from './seed-demo.ts'

let t: TestApp
before(async () => {
  t = await createTestApp()
  await seedDemo(t.deps.db, t.deps)
})
after(() => t.close())

test('the demo rooms: the board sees its room, not the supervisory board’s; a working-group member sees only hers', async () => {
  const board = await signedInClient(t, 'vorstand@beispiel-eg.example', demoPassword)
  await board.get('/rooms/vorstand')
  assert.match(board.lastBody, /Tagesordnung Vorstandssitzung/)
  assert.match(board.lastBody, /B-\d{4}-001/)
  assert.equal((await board.get('/rooms/aufsichtsrat')).status, 404)
  const jana = await signedInClient(t, 'jana.petersen@klimabuendnis-nord.example', demoPassword)
  assert.equal((await jana.get('/rooms/ag-datenschutz')).status, 200)
  assert.equal((await jana.get('/rooms/vorstand')).status, 404)
})
