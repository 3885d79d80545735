/** The poll pages in the browser's way: the chair creates, opens and closes; a voter sees whom they vote for. */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { createTestApp, type TestApp } from '../../test/support/app.ts'
import { TestClient } from '../../test/support/client.ts'
import { grantProxy, seedAssembly, seedSessions, seedVoters, type Voter } from '../../test/support/governance-voting.ts'

let t: TestApp

before(async () => {
  t = await createTestApp()
})
after(() => t?.close())

async function clientFor(voter: Voter): Promise<TestClient> {
  const [token] = await seedSessions(t.deps.db, [voter.accountId])
  const client = new TestClient(t)
  client.cookies.set('allmende_session', token!)
  return client
}

test('chair creates and opens a named poll, a proxy holder votes for two, the result shows who voted what', async () => {
  const assembly = await seedAssembly(t.deps.db)
  const [chair, anna, ben, cora] = (await seedVoters(t.deps.db, assembly.id, 4)) as [Voter, Voter, Voter, Voter]
  await t.deps.db
    .insertInto('account_role')
    .values({ account_id: chair.accountId, role: 'board' } as never)
    .execute()
  await grantProxy(t.deps.db, assembly.id, ben.memberId, anna.personId)
  const board = await clientFor(chair)
  await board.get(`/assemblies/${assembly.ref}/polls`)
  const bad = await board.post(`/assemblies/${assembly.ref}/polls`, {
    title: '',
    method: 'yes_no',
    exclusions: `${cora.number}: befangen`,
  })
  assert.equal(bad.status, 422)
  const created = await board.post(`/assemblies/${assembly.ref}/polls`, {
    title: 'Entlastung des Vorstands',
    method: 'yes_no',
    majority: 'simple',
    exclusions: `${cora.number}: Mitglied des Vorstands`,
  })
  assert.equal(created.status, 303)
  const pollPath = created.headers.get('location')!
  await board.get(pollPath)
  assert.equal((await board.post(`${pollPath}/open`, {})).status, 303)

  const voter = await clientFor(anna)
  const page = await voter.get(pollPath)
  const html = await page.text()
  assert.match(html, /Sie stimmen für:/)
  assert.ok(html.includes(anna.number) && html.includes(ben.number))
  assert.match(html, /0 von 3 Stimmberechtigten/)
  const cast = await voter.post(`${pollPath}/ballot`, { choice: 'yes', memberIds: [anna.memberId, ben.memberId] })
  assert.equal(cast.status, 303)
  const again = await voter.post(`${pollPath}/ballot`, { choice: 'no', memberIds: [anna.memberId] })
  assert.equal(again.status, 409)
  assert.match(voter.lastBody, /schon abgestimmt/)
  const excluded = await clientFor(cora)
  await excluded.get(pollPath)
  assert.equal((await excluded.post(`${pollPath}/ballot`, { choice: 'no' })).status, 422)
  assert.match(excluded.lastBody, /ausgeschlossen/)

  await board.get(pollPath)
  assert.equal((await board.post(`${pollPath}/close`, { declaration: 'Der Vorstand ist entlastet.' })).status, 303)
  const result = await (await voter.get(pollPath)).text()
  assert.match(result, /Der Vorstand ist entlastet\./)
  assert.match(result, /Wer wie gestimmt hat/)
  assert.ok(result.includes(ben.number))
  // the decision is in the register of resolutions, for the members
  const entry = await t.deps.db
    .selectFrom('resolution')
    .selectAll()
    .where('source', '=', 'poll')
    .executeTakeFirstOrThrow()
  assert.equal(entry.outcome, 'adopted')
  assert.match(entry.text, /Der Vorstand ist entlastet\./)
  await voter.get('/resolutions')
  assert.match(voter.lastBody, new RegExp(entry.ref))
  assert.equal((await voter.post(`${pollPath}/ballot`, { choice: 'no' })).status, 409)
})

test('secret poll: the answer shows the receipts once; after close the list has them and checks a code', async () => {
  const assembly = await seedAssembly(t.deps.db)
  const [chair, anna] = (await seedVoters(t.deps.db, assembly.id, 2)) as [Voter, Voter]
  await t.deps.db
    .insertInto('account_role')
    .values({ account_id: chair.accountId, role: 'board' } as never)
    .execute()
  const board = await clientFor(chair)
  await board.get(`/assemblies/${assembly.ref}/polls`)
  const created = await board.post(`/assemblies/${assembly.ref}/polls`, {
    title: 'Wahl in den Aufsichtsrat',
    method: 'candidates',
    secret: 'on',
    options: 'Ada Lovelace\nGrace Hopper',
  })
  const pollPath = created.headers.get('location')!
  await board.get(pollPath)
  await board.post(`${pollPath}/open`, {})
  const voter = await clientFor(anna)
  const html = await (await voter.get(pollPath)).text()
  const ids = [...html.matchAll(/name="option\.([0-9a-f-]{36})"/g)].map((m) => m[1]!)
  const [ada, grace] = [...new Set(ids)] as [string, string]
  const missing = await voter.post(`${pollPath}/ballot`, { [`option.${ada}`]: 'yes' })
  assert.equal(missing.status, 422)
  const res = await voter.post(`${pollPath}/ballot`, { [`option.${ada}`]: 'yes', [`option.${grace}`]: 'abstain' })
  assert.equal(res.status, 200)
  const receipt = /<code>([A-Z2-9]{5}-[A-Z2-9]{5})<\/code>/.exec(voter.lastBody)![1]!
  await board.get(pollPath)
  await board.post(`${pollPath}/close`, { declaration: 'Ada Lovelace ist gewählt.' })
  const list = await (await voter.get(`${pollPath}/receipts?code=${receipt.toLowerCase()}`)).text()
  assert.ok(list.includes(`Die Quittung ${receipt} ist gezählt.`))
  const page = await (await voter.get(pollPath)).text()
  assert.match(page, /gewählt/)
  assert.doesNotMatch(page, /Wer wie gestimmt hat/)
})
