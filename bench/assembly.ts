/**
 * The assembly benchmark (issue 5): 10,000 voters on PostgreSQL, each with a live page (an SSE connection) open,
 * all cast a secret ballot within 60 s. Measures cast → acknowledgement (p50/p99), cast → the count including it
 * visible at every connected client (p99), the server's RSS, and checks the database: exactly one vote_cast and one
 * ballot per voter.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:assembly -- [voters=10000] [seconds=40]
 *
 * A scratch database `<db>_bench_assembly` is created and dropped. The server runs in its own process (forked).
 */
import { fork } from 'node:child_process'
import http from 'node:http'
import os from 'node:os'
import { serve } from '@hono/node-server'
import pg from 'pg'
import { createApp } from '../src/app.tsx'
import { createDb } from '../src/db/db.ts'
import { migrate } from '../src/db/migrate.ts'
import { createPoll, openPoll } from '../src/governance/polls.actions.ts'
import { pollInput } from '../src/governance/polls.schema.ts'
import { systemActor } from '../src/platform/actor.ts'
import { systemClock } from '../src/platform/clock.ts'
import { loadConfig } from '../src/platform/config.ts'
import { randomToken, sha256 } from '../src/platform/crypto.ts'
import { createMailer } from '../src/platform/mail.ts'
import { seedAssembly, seedSessions, seedVoters } from '../test/support/governance-voting.ts'

const log = (line: string) => process.stdout.write(`${line}\n`)
const q = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN

if (process.argv[2] === '--serve') {
  const handle = await createDb({ databaseUrl: process.argv[3]!, poolSize: 20 })
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    ALLMENDE_DEMO: '0',
    BASE_URL: 'http://127.0.0.1:3000',
  })
  const deps = {
    handle,
    db: handle.db,
    config,
    mailer: createMailer({ from: config.mailFrom, log: () => {} }),
    clock: systemClock,
  }
  const app = createApp(deps)
  let peak = 0
  setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss)
  }, 200).unref()
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
    process.send?.({ port: info.port }),
  )
  server.setMaxListeners?.(0)
  process.on('message', (m) => {
    if (m === 'memory') process.send?.({ rss: process.memoryUsage().rss, peak })
    if (m === 'stop') process.exit(0)
  })
} else await main()

async function main() {
  const base = process.env.DATABASE_URL
  if (!base) throw new Error('DATABASE_URL (PostgreSQL) is required')
  const voters = Number(process.argv[2] ?? 10_000)
  const seconds = Number(process.argv[3] ?? 40)
  const name = `${new URL(base).pathname.slice(1) || 'postgres'}_bench_assembly`
  const url = new URL(base)
  url.pathname = `/${name}`
  const admin = new pg.Client({ connectionString: base })
  await admin.connect()
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
  await admin.query(`CREATE DATABASE "${name}"`)
  log(
    `# ${voters} voters, casting spread over ${seconds} s; ${os.cpus().length} × ${os.cpus()[0]?.model}, Node ${process.version}`,
  )

  const handle = await createDb({ databaseUrl: url.toString() })
  await migrate(handle)
  const env = { clock: systemClock, config: loadConfig({ PORT: '0', LOG_LEVEL: 'silent' }) }
  let t0 = performance.now()
  const assembly = await seedAssembly(handle.db)
  const roll = await seedVoters(handle.db, assembly.id, voters)
  const sessions = await seedSessions(
    handle.db,
    roll.map((v) => v.accountId),
  )
  const tokens = roll.map(() => `alm_${randomToken(24)}`)
  for (let i = 0; i < roll.length; i += 2000)
    await handle.db
      .insertInto('api_token')
      .values(
        roll.slice(i, i + 2000).map((v, j) => ({
          account_id: v.accountId,
          name: 'bench',
          prefix: tokens[i + j]!.slice(0, 8),
          token_hash: sha256(tokens[i + j]!),
          scopes: ['governance:read', 'governance:write'],
        })),
      )
      .execute()
  const board = systemActor('bench')
  const created = await handle.db
    .transaction()
    .execute((trx) =>
      createPoll(
        trx,
        board,
        assembly.id,
        pollInput.parse({ title: 'Jahresabschluss', method: 'yes_no', secret: true }),
        env,
      ),
    )
  const poll = await handle.db.transaction().execute((trx) => openPoll(trx, board, created.id, env))
  log(`seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`)

  const child = fork(import.meta.filename, ['--serve', url.toString()], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const port = await new Promise<number>((resolve) =>
    child.once('message', (m) => resolve((m as { port: number }).port)),
  )
  const memory = () =>
    new Promise<{ rss: number; peak: number }>((resolve) => {
      child.once('message', (m) => resolve(m as { rss: number; peak: number }))
      child.send('memory')
    })
  const idle = await memory()

  // 1. every voter opens the live page
  const agent = new http.Agent({ keepAlive: false, maxSockets: Number.POSITIVE_INFINITY })
  const seen: Array<Array<[number, number]>> = roll.map(() => [])
  const sockets: http.ClientRequest[] = []
  let connected = 0
  t0 = performance.now()
  const connect = (i: number) =>
    new Promise<void>((resolve, reject) => {
      const req = http.get(
        {
          host: '127.0.0.1',
          port,
          path: `/assemblies/${assembly.ref}/live`,
          agent,
          headers: { accept: 'text/event-stream', cookie: `allmende_session=${sessions[i]}` },
        },
        (res) => {
          if (res.statusCode !== 200) return reject(new Error(`live: ${res.statusCode}`))
          let buffer = ''
          res.setEncoding('utf8')
          res.on('data', (chunk: string) => {
            buffer += chunk
            let end = buffer.indexOf('\n\n')
            while (end >= 0) {
              const block = buffer.slice(0, end)
              buffer = buffer.slice(end + 2)
              if (block.startsWith('event: counts')) {
                const data = JSON.parse(block.slice(block.indexOf('data: ') + 6)) as { polls: Array<{ cast: number }> }
                seen[i]!.push([performance.now(), data.polls[0]?.cast ?? 0])
                if (seen[i]!.length === 1) resolve()
              }
              end = buffer.indexOf('\n\n')
            }
          })
        },
      )
      req.on('error', reject)
      sockets.push(req)
    })
  for (let i = 0; i < roll.length; i += 500) {
    await Promise.all(roll.slice(i, i + 500).map((_, j) => connect(i + j)))
    connected = i + 500
  }
  log(`${Math.min(connected, voters)} SSE clients connected in ${((performance.now() - t0) / 1000).toFixed(1)} s`)
  const withClients = await memory()

  // 2. casts, open loop: voter i sends at i × (seconds / voters)
  const castAgent = new http.Agent({ keepAlive: true, maxSockets: 512 })
  const sent: number[] = new Array(voters)
  const acked: number[] = new Array(voters)
  const ackOrder: number[] = new Array(voters)
  let acks = 0
  let failures = 0
  const body = JSON.stringify({ choices: { choice: 'yes' } })
  const cast = (i: number) =>
    new Promise<void>((resolve) => {
      sent[i] = performance.now()
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: `/api/v1/polls/${poll.id}/ballots`,
          agent: castAgent,
          headers: {
            authorization: `Bearer ${tokens[i]}`,
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
          },
        },
        (res) => {
          res.resume()
          res.on('end', () => {
            if (res.statusCode === 201) {
              acked[i] = performance.now()
              ackOrder[i] = ++acks
            } else failures++
            resolve()
          })
        },
      )
      req.on('error', () => {
        failures++
        resolve()
      })
      req.end(body)
    })
  t0 = performance.now()
  const pending: Array<Promise<void>> = []
  const interval = (seconds * 1000) / voters
  for (let i = 0; i < voters; i++) {
    const due = t0 + i * interval
    const wait = due - performance.now()
    if (wait > 1) await new Promise((r) => setTimeout(r, wait))
    pending.push(cast(i))
  }
  await Promise.all(pending)
  const castSeconds = (performance.now() - t0) / 1000
  const during = await memory()

  // 3. wait until every client has seen the final count
  const until = performance.now() + 30_000
  const last = (i: number) => seen[i]!.at(-1)?.[1] ?? 0
  while (performance.now() < until && roll.some((_, i) => last(i) < acks)) await new Promise((r) => setTimeout(r, 100))
  const allFinal = roll.filter((_, i) => last(i) >= acks).length

  // F[c]: when the last client saw a count of at least c
  const F = new Float64Array(voters + 1)
  for (const messages of seen) {
    let prev = 0
    for (const [time, count] of messages) {
      for (let c = prev + 1; c <= Math.min(count, voters); c++) if (time > F[c]!) F[c] = time
      prev = Math.max(prev, count)
    }
    for (let c = prev + 1; c <= voters; c++) F[c] = Number.POSITIVE_INFINITY
  }
  const ackLatency = roll.flatMap((_, i) => (acked[i] ? [acked[i]! - sent[i]!] : [])).sort((a, b) => a - b)
  const visible = roll.flatMap((_, i) => (acked[i] ? [F[ackOrder[i]!]! - sent[i]!] : [])).sort((a, b) => a - b)
  const messages = seen.reduce((n, m) => n + m.length, 0) / voters

  const db = handle.db
  const castRows = Number(
    (
      await db
        .selectFrom('vote_cast')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )
  const ballotRows = Number(
    (
      await db
        .selectFrom('ballot')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )
  const distinct = Number(
    (
      await db
        .selectFrom('vote_cast')
        .select((eb) => eb.fn.count<string>('member_id').distinct().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )

  log(`casts sent over ${castSeconds.toFixed(1)} s: ${acks} acknowledged, ${failures} failed`)
  log(
    `cast → ack: p50 ${q(ackLatency, 0.5).toFixed(0)} ms, p99 ${q(ackLatency, 0.99).toFixed(0)} ms, max ${ackLatency.at(-1)?.toFixed(0)} ms`,
  )
  log(
    `cast → count visible at all ${voters} clients: p50 ${q(visible, 0.5).toFixed(0)} ms, p99 ${q(visible, 0.99).toFixed(0)} ms`,
  )
  log(
    `clients that saw the final count ${acks}: ${allFinal} of ${voters}; counts messages per client: ${messages.toFixed(0)}`,
  )
  log(
    `server RSS: idle ${(idle.rss / 2 ** 20).toFixed(0)} MiB, with clients ${(withClients.rss / 2 ** 20).toFixed(0)} MiB, peak ${(during.peak / 2 ** 20).toFixed(0)} MiB`,
  )
  log(
    `database: ${castRows} vote_cast rows (${distinct} members), ${ballotRows} ballots — ${castRows === acks && ballotRows === acks && distinct === acks ? 'every acknowledged vote exactly once' : 'MISMATCH'}`,
  )
  log(`command: DATABASE_URL=… npm run bench:assembly -- ${voters} ${seconds}`)

  for (const s of sockets) s.destroy()
  child.send('stop')
  await handle.close()
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
  await admin.end()
  process.exit(castRows === acks && ballotRows === acks && failures === 0 && allFinal === voters ? 0 : 1)
}
