import type { Db } from '../db/db.ts'
import type { Actor } from '../platform/actor.ts'
import type { ActionEnv } from '../platform/context.ts'
import { DomainError } from '../platform/errors.ts'
import {
  CastRace,
  type CastResult,
  castBallot,
  type PreparedCast,
  prepareCasts,
  writeCasts,
} from './ballots.actions.ts'
import type { CastInput } from './polls.schema.ts'

interface Pending {
  actor: Actor
  pollId: string
  input: CastInput
  resolve: (r: CastResult) => void
  reject: (e: unknown) => void
}

export interface CastQueueOptions {
  /** Most casts in one transaction. */
  maxBatch: number
  /** How long the first cast of a batch waits for company. */
  maxWaitMs: number
  /** Told after each commit which assemblies got votes (the live counters). */
  onCommitted?: (assemblyIds: Set<string>) => void
}

/**
 * Group commit for casting: casts wait in-process for up to `maxWaitMs` (or until `maxBatch` are there) and are
 * written in one transaction, one batch after the other; each caller's promise settles only after its batch
 * committed, so an acknowledged vote is on disk. Each cast is checked as on its own (a refused one gets its own
 * message and leaves the batch); two casts of the batch for the same member: the later one is refused. If the
 * batch's transaction fails (a vote that raced in from outside, a database error), every cast of it is retried
 * in a transaction of its own, so one bad cast never fails the others. Secret ballots of a batch are written in
 * random order in one statement (see writeCasts): inside a batch, neither row order nor transaction id tells whose
 * ballot is whose.
 *
 * In-process only: several server processes would each have their own queue, which is still correct (the
 * vote_cast key and the poll lock decide), only the batches get smaller.
 */
export class CastQueue {
  private pending: Pending[] = []
  private timer: NodeJS.Timeout | null = null
  private running = false

  constructor(
    private readonly db: Db,
    private readonly env: ActionEnv,
    private readonly options: CastQueueOptions = { maxBatch: 200, maxWaitMs: 20 },
  ) {}

  submit(actor: Actor, pollId: string, input: CastInput): Promise<CastResult> {
    return new Promise((resolve, reject) => {
      this.pending.push({ actor, pollId, input, resolve, reject })
      this.schedule()
    })
  }

  private schedule(): void {
    if (this.running) return
    if (this.pending.length >= this.options.maxBatch) {
      if (this.timer) clearTimeout(this.timer)
      this.timer = null
      void this.run()
    } else if (!this.timer && this.pending.length > 0) {
      this.timer = setTimeout(() => {
        this.timer = null
        void this.run()
      }, this.options.maxWaitMs)
    }
  }

  private async run(): Promise<void> {
    if (this.running) return
    this.running = true
    try {
      while (this.pending.length > 0) {
        const batch = this.pending.splice(0, this.options.maxBatch)
        // what arrived while the previous batch committed has waited already: it goes next, without a timer
        await this.writeBatch(batch)
      }
    } finally {
      this.running = false
      this.schedule()
    }
  }

  private async writeBatch(batch: Pending[]): Promise<void> {
    const outcomes = new Map<Pending, CastResult | DomainError>()
    try {
      await this.db.transaction().execute(async (trx) => {
        outcomes.clear()
        const accepted: Array<{ item: Pending; prepared: PreparedCast }> = []
        const claimed = new Set<string>()
        const checked = await prepareCasts(trx, batch)
        for (const [i, item] of batch.entries()) {
          const prepared = checked[i]!
          if (prepared instanceof DomainError) {
            outcomes.set(item, prepared)
            continue
          }
          const keys = prepared.members.map((m) => `${prepared.poll.id}/${m.memberId}`)
          const twice = prepared.members.filter((_, k) => claimed.has(keys[k]!))
          if (twice.length > 0) {
            outcomes.set(item, new DomainError('already_voted', twice.map((m) => m.number).join(', ')))
            continue
          }
          for (const k of keys) claimed.add(k)
          accepted.push({ item, prepared })
        }
        if (accepted.length === 0) return
        const results = await writeCasts(
          trx,
          accepted.map((a) => a.prepared),
          this.env,
        )
        for (const [i, a] of accepted.entries()) outcomes.set(a.item, results[i]!)
      })
    } catch (error) {
      if (!(error instanceof CastRace) && batch.length === 1) {
        batch[0]!.reject(error)
        return
      }
      await this.writeOneByOne(batch)
      return
    }
    const assemblies = new Set<string>()
    for (const item of batch) {
      const outcome = outcomes.get(item)!
      if (outcome instanceof DomainError) item.reject(outcome)
      else {
        assemblies.add(outcome.assemblyId)
        item.resolve(outcome)
      }
    }
    if (assemblies.size > 0) this.options.onCommitted?.(assemblies)
  }

  private async writeOneByOne(batch: Pending[]): Promise<void> {
    for (const item of batch) {
      try {
        const result = await this.db
          .transaction()
          .execute((trx) => castBallot(trx, item.actor, item.pollId, item.input, this.env))
        item.resolve(result)
        this.options.onCommitted?.(new Set([result.assemblyId]))
      } catch (error) {
        item.reject(error)
      }
    }
  }

  /** Waits until everything submitted so far is written (for shutdown and tests). */
  async drain(): Promise<void> {
    while (this.pending.length > 0 || this.running) await new Promise((r) => setTimeout(r, 5))
  }
}

const queues = new WeakMap<object, CastQueue>()

/** The app's one queue (keyed by its deps), created on first use. */
export function castQueueFor(
  deps: { db: Db } & ActionEnv,
  onCommitted?: (assemblyIds: Set<string>) => void,
): CastQueue {
  let q = queues.get(deps)
  if (!q) {
    q = new CastQueue(deps.db, deps, { maxBatch: 200, maxWaitMs: 20, onCommitted })
    queues.set(deps, q)
  }
  return q
}
