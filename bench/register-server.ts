/**
 * The app under load: the child process that serves it over the seeded database, the parent's side of it (fork,
 * memory reports) and signing in through the login form.
 */
import { type ChildProcess, fork } from 'node:child_process'
import path from 'node:path'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { serve } from '@hono/node-server'
import { createApp } from '../src/app.tsx'
import { createDb } from '../src/db/db.ts'
import { systemClock } from '../src/platform/clock.ts'
import { loadConfig } from '../src/platform/config.ts'
import type { Deps } from '../src/platform/context.ts'
import { createMailer } from '../src/platform/mail.ts'
import { type Answer, mib, procStatus, request } from './register-load.ts'

export const password = 'Bench-Register-2026!'

// ------------------------------------------------------------------------------------------------ the server

/** The child process: the real app over the seeded database, on a random port of 127.0.0.1. */
export async function serveMode(target: { databaseUrl?: string; dataDir?: string }) {
  const handle = await createDb(target)
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    ALLMENDE_DEMO: '0',
    BASE_URL: 'http://127.0.0.1:3000',
  })
  const mailer = createMailer({ from: config.mailFrom, log: () => {} })
  const deps: Deps = { handle, db: handle.db, config, mailer, clock: systemClock }
  const app = createApp(deps)
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
    process.send?.({ port: info.port }),
  )
  const delay = monitorEventLoopDelay({ resolution: 5 })
  delay.enable()
  process.on('message', async (message) => {
    if (message === 'memory') {
      const eld = { p99: delay.percentile(99) / 1e6, max: delay.max / 1e6 }
      delay.reset()
      process.send?.({ memory: process.memoryUsage(), eld })
      return
    }
    if (message !== 'stop') return
    server.close()
    await handle.close()
    process.exit(0)
  })
}

/** The server in its own process, so the load driver does not share its event loop; `port` resolves once it listens. */
export function forkServer(target: { databaseUrl?: string; dataDir?: string }, profile: string | undefined) {
  const child = fork(path.join(import.meta.dirname, 'register.ts'), ['--serve', JSON.stringify(target)], {
    cwd: path.resolve(import.meta.dirname, '..'),
    execArgv: ['--import', 'tsx', ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profile)}`] : [])],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const port = new Promise<number>((resolve, reject) => {
    child.once('message', (m) => resolve((m as { port: number }).port))
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)))
  })
  return { child, port }
}

function cookiesOf(answer: Answer, jar: Map<string, string>) {
  for (const line of answer.headers['set-cookie'] ?? []) {
    const [pair = ''] = line.split(';')
    const eq = pair.indexOf('=')
    jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim())
  }
}
const cookieHeader = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join('; ')

/** Signs in through the login form, as a browser does; returns the cookie header of the session. */
export async function signIn(port: number, email: string): Promise<string> {
  const jar = new Map<string, string>()
  const page = await request(port, 'GET', '/login')
  cookiesOf(page, jar)
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body.toString())?.[1]
  if (!csrf) throw new Error('no CSRF token on /login')
  const form = new URLSearchParams({ _csrf: csrf, email, password, next: '/' }).toString()
  const answer = await request(
    port,
    'POST',
    '/login',
    { 'content-type': 'application/x-www-form-urlencoded', cookie: cookieHeader(jar) },
    form,
  )
  cookiesOf(answer, jar)
  if (answer.status !== 303 || !jar.has('allmende_session')) throw new Error(`sign-in of ${email}: ${answer.status}`)
  return cookieHeader(jar)
}

/** The server's own view of its memory: V8 heap and external buffers (RSS also holds freed pages not returned). */
export function serverMemory(child: ChildProcess): Promise<NodeJS.MemoryUsage & { eld: { p99: number; max: number } }> {
  return new Promise((resolve) => {
    const listen = (m: unknown) => {
      if (typeof m === 'object' && m && 'memory' in m) {
        child.off('message', listen)
        const { memory, eld } = m as { memory: NodeJS.MemoryUsage; eld: { p99: number; max: number } }
        resolve({ ...memory, eld })
      }
    }
    child.on('message', listen)
    child.send('memory')
  })
}
export const memoryLine = (pid: number, m: NodeJS.MemoryUsage) =>
  `RSS ${mib(procStatus(pid).rss)} (heap used ${mib(m.heapUsed)} of ${mib(m.heapTotal)}, external ${mib(m.external)})`
