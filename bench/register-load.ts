/**
 * Measuring for the register benchmark: percentiles and formatting, the HTTP client, the processes' CPU and
 * memory from /proc, and the open-loop load driver.
 */
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import type pg from 'pg'

export const log = (line: string) => process.stdout.write(`${line}\n`)

// ------------------------------------------------------------------------------------------------ measuring

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN
export const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN
export const ms = (x: number) => `${x.toFixed(x < 10 ? 1 : 0)} ms`
export const s = (x: number) => `${(x / 1000).toFixed(2)} s`
export const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`
export const load = () => os.loadavg()[0]!.toFixed(1)

export async function timed<T>(f: () => Promise<T> | T): Promise<[T, number]> {
  const started = performance.now()
  const value = await f()
  return [value, performance.now() - started]
}

// Free sockets are dropped after 3 s, before the server's keep-alive timeout of 5 s can race a request on them.
export const agent = new http.Agent({ keepAlive: true, maxSockets: 256, timeout: 3000 })

export interface Answer {
  status: number
  body: Buffer
  headers: http.IncomingHttpHeaders
}

export function request(
  port: number,
  method: string,
  pathname: string,
  headers: http.OutgoingHttpHeaders = {},
  body?: string,
) {
  return new Promise<Answer>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: pathname, headers, agent }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), headers: res.headers }))
      res.on('error', reject)
    })
    req.on('error', reject)
    if (body) req.end(body)
    else req.end()
  })
}

export function procStatus(pid: number): { rss: number; hwm: number } {
  const text = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
  const kib = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(text)?.[1] ?? 0) * 1024
  return { rss: kib('VmRSS'), hwm: kib('VmHWM') }
}

/** CPU seconds used so far by the PostgreSQL backends serving one database, per backend pid. */
export async function backendCpu(admin: pg.Client | undefined, database: string): Promise<Map<number, number>> {
  const out = new Map<number, number>()
  if (!admin) return out
  const { rows } = await admin.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1', [database])
  for (const { pid } of rows)
    try {
      out.set(pid, cpuSeconds(pid))
    } catch {} // gone meanwhile
  return out
}
export const cpuBetween = (before: Map<number, number>, after: Map<number, number>) =>
  [...after].reduce((sum, [pid, cpu]) => sum + cpu - (before.get(pid) ?? 0), 0)

/** CPU seconds (user + system) a process has used so far. */
function cpuSeconds(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
  return (Number(fields[11]) + Number(fields[12])) / 100
}

export interface LoadResult {
  sent: number
  ok: number
  errors: number
  statuses: Record<string, number>
  latencies: number[]
  /** how late the driver sent compared with the timetable, worst case */
  maxSendLag: number
  rssMax: number
  rssEnd: number
  hwm: number
  serverCpu: number
  seconds: number
  firstError: string | undefined
}

/**
 * Open loop: request i leaves at start + i / rate whatever happened to the earlier ones; its latency counts from
 * that scheduled instant to the last byte of the answer (so a stalled server cannot hide its queue).
 */
export async function openLoop(
  port: number,
  pid: number,
  rate: number,
  seconds: number,
  next: (i: number) => { path: string; cookie: string; expect: string },
): Promise<LoadResult> {
  const total = Math.round(rate * seconds)
  const latencies: number[] = []
  const statuses: Record<string, number> = {}
  let errors = 0
  let firstError: string | undefined
  let maxSendLag = 0
  let rssMax = 0
  const sampler = setInterval(() => {
    rssMax = Math.max(rssMax, procStatus(pid).rss)
  }, 250)
  const cpuBefore = cpuSeconds(pid)
  const start = performance.now() + 20
  const inFlight: Array<Promise<void>> = []
  for (let i = 0; i < total; i++) {
    const at = start + (i * 1000) / rate
    const wait = at - performance.now()
    if (wait > 0) await new Promise((r) => setTimeout(r, wait))
    maxSendLag = Math.max(maxSendLag, performance.now() - at)
    const { path: pathname, cookie, expect } = next(i)
    inFlight.push(
      request(port, 'GET', pathname, { cookie })
        .then((answer) => {
          const key = String(answer.status)
          statuses[key] = (statuses[key] ?? 0) + 1
          if (answer.status !== 200 || !answer.body.includes(expect)) {
            errors++
            if (!firstError)
              firstError = `${answer.status} ${answer.body.toString().replace(/\s+/g, ' ').slice(0, 300)}`
          } else latencies.push(performance.now() - at)
        })
        .catch((error: Error) => {
          firstError ??= error.message
          statuses[error.message] = (statuses[error.message] ?? 0) + 1
          errors++
        }),
    )
  }
  await Promise.all(inFlight)
  const elapsed = (performance.now() - start) / 1000
  clearInterval(sampler)
  const end = procStatus(pid)
  return {
    sent: total,
    ok: latencies.length,
    errors,
    statuses,
    latencies: latencies.sort((a, b) => a - b),
    maxSendLag,
    rssMax: Math.max(rssMax, end.rss),
    rssEnd: end.rss,
    hwm: end.hwm,
    serverCpu: (cpuSeconds(pid) - cpuBefore) / elapsed,
    seconds: elapsed,
    firstError,
  }
}
