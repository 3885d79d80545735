import { createApp } from '../../src/app.tsx'
import type { DbHandle } from '../../src/db/db.ts'
import type { Clock } from '../../src/platform/clock.ts'
import { systemClock } from '../../src/platform/clock.ts'
import { type Config, loadConfig } from '../../src/platform/config.ts'
import type { Deps } from '../../src/platform/context.ts'
import { createMailer, type Mailer, type OutgoingMail } from '../../src/platform/mail.ts'
import { createTestDb } from './db.ts'

export interface TestApp {
  app: ReturnType<typeof createApp>
  deps: Deps
  handle: DbHandle
  /** Mails that left the outbox, oldest first. */
  mails: OutgoingMail[]
  /** Sends what is pending and returns the mails sent since the previous call. */
  flushMail(): Promise<OutgoingMail[]>
  close(): Promise<void>
}

/** The real app over a fresh test database; mail goes through the real outbox into `mails`. */
export async function createTestApp(
  options: { clock?: Clock; config?: Partial<Config>; mailer?: Mailer } = {},
): Promise<TestApp> {
  const handle = await createTestDb()
  const mails: OutgoingMail[] = []
  const mailer =
    options.mailer ??
    createMailer({
      from: 'test@localhost',
      log: (text) => {
        const match = /To: (.*)\nSubject: (.*)\n\n([\s\S]*)\n---$/.exec(text)
        if (match) mails.push({ to: match[1]!, subject: match[2]!, body: match[3]! })
      },
    })
  const config: Config = { ...loadConfig({ PORT: '3000', LOG_LEVEL: 'silent' }), ...options.config }
  const deps: Deps = { handle, db: handle.db, config, mailer, clock: options.clock ?? systemClock }
  const app = createApp(deps)
  let cursor = 0
  return {
    app,
    deps,
    handle,
    mails,
    async flushMail() {
      await mailer.flush(handle.db)
      const out = mails.slice(cursor)
      cursor = mails.length
      return out
    },
    async close() {
      await mailer.flush(handle.db).catch(() => {})
      await handle.close()
    },
  }
}

/** Extracts the link that a mail body carries (the first http URL). */
export function linkIn(mail: OutgoingMail | undefined): string {
  const match = mail && /(https?:\/\/\S+)/.exec(mail.body)
  if (!match) throw new Error(`no link in mail: ${mail?.body}`)
  return match[1]!
}
