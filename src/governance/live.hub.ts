import { sql } from 'kysely'
import type { Executor } from '../db/db.ts'
import { entitledCount, openCounts } from './polls.repo.ts'

/**
 * The in-process hub of an assembly's live page: connected clients subscribe per assembly; casting, opening and
 * closing polls and presence changes publish. Counter pushes are coalesced to at most one per `coalesceMs` per
 * assembly, so ten thousand voters casting within a minute make a few hundred messages per client, not ten
 * thousand. One process only: with several server processes on one PostgreSQL, a change in one would have to reach
 * the others' clients through LISTEN/NOTIFY (publish = NOTIFY assembly_live, '<assembly id>'; each process LISTENs
 * and runs the same coalesced recount). Not built: Allmende runs as one process.
 */

export interface LiveEvent {
  event: 'counts' | 'presence' | 'poll'
  data: unknown
}

export type LiveListener = (e: LiveEvent) => void

interface Channel {
  db: Executor
  listeners: Set<LiveListener>
  timer: NodeJS.Timeout | null
  lastCountsAt: number
  presenceTimer: NodeJS.Timeout | null
  /** poll id -> entitled members (fixed while the poll is open: the roll and the exclusions do not change). */
  entitled: Map<string, number>
  last: string | null
}

export const coalesceMs = 250
const channels = new Map<string, Channel>()

/** Subscribes to an assembly's events; returns the unsubscribe. `db` is where the counts are read. */
export function subscribe(db: Executor, assemblyId: string, listener: LiveListener): () => void {
  let ch = channels.get(assemblyId)
  if (!ch) {
    ch = {
      db,
      listeners: new Set(),
      timer: null,
      lastCountsAt: 0,
      presenceTimer: null,
      entitled: new Map(),
      last: null,
    }
    channels.set(assemblyId, ch)
  }
  ch.listeners.add(listener)
  return () => {
    const c = channels.get(assemblyId)
    if (!c) return
    c.listeners.delete(listener)
    if (c.listeners.size === 0) {
      if (c.timer) clearTimeout(c.timer)
      if (c.presenceTimer) clearTimeout(c.presenceTimer)
      channels.delete(assemblyId)
    }
  }
}

/** The channel's cache of entitled counts (so ten thousand connecting clients do not each count the roll). */
export function entitledCacheOf(assemblyId: string): Map<string, number> | undefined {
  return channels.get(assemblyId)?.entitled
}

export function subscriberCount(assemblyId: string): number {
  return channels.get(assemblyId)?.listeners.size ?? 0
}

/** Sends an event to every client of the assembly now. */
export function publish(assemblyId: string, e: LiveEvent): void {
  const ch = channels.get(assemblyId)
  if (!ch) return
  for (const l of ch.listeners) l(e)
}

/** The counters of an assembly's open polls: ballots cast so far (members who voted) and members entitled. */
export async function countsOf(db: Executor, assemblyId: string, cache?: Map<string, number>) {
  const open = await openCounts(db, assemblyId)
  const polls = []
  for (const p of open) {
    let entitled = cache?.get(p.id)
    if (entitled === undefined) {
      entitled = await entitledCount(db, { id: p.id, assembly_id: assemblyId })
      cache?.set(p.id, entitled)
    }
    polls.push({ id: p.id, cast: p.cast, entitled })
  }
  return { polls }
}

export async function presenceOf(db: Executor, assemblyId: string): Promise<{ present: number }> {
  const { rows } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM assembly_attendance
    WHERE assembly_id = ${assemblyId} AND checked_out_at IS NULL`.execute(db)
  return { present: rows[0]!.n }
}

/** Votes were written: the counters go out within `coalesceMs`, once for however many votes came meanwhile. */
export function countersChanged(assemblyId: string): void {
  const ch = channels.get(assemblyId)
  if (!ch || ch.timer) return
  const wait = Math.max(0, ch.lastCountsAt + coalesceMs - Date.now())
  ch.timer = setTimeout(() => {
    // a vote written from now on schedules the next push (at least coalesceMs after this one)
    ch.timer = null
    ch.lastCountsAt = Date.now()
    countsOf(ch.db, assemblyId, ch.entitled)
      .then((counts) => {
        const text = JSON.stringify(counts)
        if (text === ch.last) return
        ch.last = text
        publish(assemblyId, { event: 'counts', data: counts })
      })
      .catch(() => {})
  }, wait)
}

/** A poll was opened or closed: every client hears it at once, and the counters follow. */
export function pollChanged(assemblyId: string, poll: { id: string; status: string }): void {
  const ch = channels.get(assemblyId)
  if (!ch) return
  ch.entitled.delete(poll.id)
  publish(assemblyId, { event: 'poll', data: poll })
  countersChanged(assemblyId)
}

/**
 * Presence changed (check-in or out): for the assemblies helper's `onPresenceChange` hook. Coalesced like the
 * counters; nobody connected, nothing to do.
 */
export function publishPresence(assemblyId: string): void {
  const ch = channels.get(assemblyId)
  if (!ch || ch.presenceTimer) return
  ch.presenceTimer = setTimeout(() => {
    presenceOf(ch.db, assemblyId)
      .then((p) => {
        ch.presenceTimer = null
        publish(assemblyId, { event: 'presence', data: p })
      })
      .catch(() => {
        ch.presenceTimer = null
      })
  }, coalesceMs)
}
