import { Hono } from 'hono'
import { streamSSE } from 'hono/streaming'
import type { AppEnv } from '../platform/context.ts'
import { DomainError } from '../platform/errors.ts'
import { countsOf, entitledCacheOf, type LiveEvent, presenceOf, subscribe } from './live.hub.ts'
import { authorizeRead } from './polls.actions.ts'
import { assemblyByRef } from './polls.repo.ts'

/**
 * `GET /assemblies/:ref/live`: Server-Sent Events for the assembly's pages. On connect a snapshot (counters of the
 * open polls, presence), then what the hub publishes: `counts` (coalesced), `presence`, `poll` (opened / closed).
 * A comment line every 25 s keeps proxies from closing an idle stream.
 */
export const liveRoutes = new Hono<AppEnv>()

liveRoutes.get('/assemblies/:ref/live', async (c) => {
  if (c.get('actor').kind === 'anonymous') throw new DomainError('unauthenticated')
  const ref = c.req.param('ref')
  const assembly = /^(GV|SI)-\d{4}-\d{3,}$/.test(ref) ? await assemblyByRef(c.get('deps').db, ref) : undefined
  if (!assembly) throw new DomainError('not_found')
  const { db } = c.get('deps')
  await authorizeRead(db, c.get('actor'), assembly.id)
  c.header('cache-control', 'no-store')
  // without `Accept: text/event-stream` (a plain request, a client that polls): the snapshot as JSON, then done
  if (!(c.req.header('accept') ?? '').includes('text/event-stream'))
    return c.json({ ...(await countsOf(db, assembly.id)), ...(await presenceOf(db, assembly.id)) })
  c.header('x-accel-buffering', 'no')
  return streamSSE(c, async (stream) => {
    const queue: LiveEvent[] = []
    let wake: (() => void) | null = null
    const unsubscribe = subscribe(db, assembly.id, (e) => {
      queue.push(e)
      wake?.()
    })
    let closed = false
    stream.onAbort(() => {
      closed = true
      unsubscribe()
      wake?.()
    })
    await stream.writeSSE({
      event: 'counts',
      data: JSON.stringify(await countsOf(db, assembly.id, entitledCacheOf(assembly.id))),
    })
    await stream.writeSSE({ event: 'presence', data: JSON.stringify(await presenceOf(db, assembly.id)) })
    while (!closed) {
      while (queue.length > 0 && !closed) {
        const e = queue.shift()!
        await stream.writeSSE({ event: e.event, data: JSON.stringify(e.data) })
      }
      if (closed) break
      await new Promise<void>((resolve) => {
        wake = resolve
        setTimeout(resolve, 25_000)
      })
      wake = null
      if (queue.length === 0 && !closed) await stream.write(': keep-alive\n\n')
    }
    unsubscribe()
  })
})
