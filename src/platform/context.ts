import type { Context } from 'hono'
import type { Db, DbHandle } from '../db/db.ts'
import type { Actor } from './actor.ts'
import type { Clock } from './clock.ts'
import type { Config } from './config.ts'
import type { Language } from './i18n.ts'
import type { Mailer } from './mail.ts'

/** What the app needs from the outside world; built once in main.ts or per test. */
export interface Deps {
  handle: DbHandle
  db: Db
  config: Config
  mailer: Mailer
  clock: Clock
}

export interface SessionInfo {
  tokenHash: string
  accountId: string
  secondFactorPending: boolean
}

export interface AppEnv {
  Variables: {
    deps: Deps
    actor: Actor
    session: SessionInfo | null
    lang: Language
    csrf: string
    /** The parsed form body of a POST, read once by the body guard. */
    form: Record<string, string | string[]>
    /** Files of a multipart upload, on the upload paths only (see `uploadPaths`). */
    files: Record<string, import('../web/middleware.ts').Upload>
    /** Set when the request came with a bearer token. */
    apiTokenId: string | null
  }
}

export type AppContext = Context<AppEnv>

/** The part of the outside world an action may use: the clock and the settings (for links in mails). */
export type ActionEnv = Pick<Deps, 'clock' | 'config'>
