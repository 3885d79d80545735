import type { TestApp } from './support/app.ts'
import type { Cooperative } from './support/factories.ts'
import type { Fixtures } from './support/membership-fixtures.ts'

/**
 * The actors of the authorization walk and the groups of them that expectations name. Each domain keeps its
 * expectations in its own file (authorization.<domain>.ts); authorization.expectations.ts joins them.
 */
export type Who =
  | 'anonymous'
  | 'board'
  | 'supervisor'
  | 'staff'
  | 'auditor'
  | 'orgAdmin'
  | 'otherAdmin'
  | 'memberUser'
  | 'outsider'
export const everyone: Who[] = [
  'anonymous',
  'board',
  'supervisor',
  'staff',
  'auditor',
  'orgAdmin',
  'otherAdmin',
  'memberUser',
  'outsider',
]
export const signedIn: Who[] = everyone.filter((w) => w !== 'anonymous')
export const readers: Who[] = ['board', 'supervisor', 'staff', 'auditor']
export const operators: Who[] = ['board', 'staff']
/** Who reads the member register and every member's ledgers (§§30, 31 GenG): not staff. */
export const registerReaders: Who[] = ['board', 'supervisor', 'auditor']
/** A membership's own people: its organisation's admin, plus the register readers. */
export const memberReaders: Who[] = [...registerReaders, 'orgAdmin']
/** Who declares for the member (notice, further shares): its admin, or the board recording it. */
export const memberDeclarers: Who[] = ['board', 'orgAdmin']

export interface Expectation {
  /** 'public': anyone, only checked for not failing (< 500). */
  allow: Who[] | 'public'
  /** Form fields or JSON body that pass validation for an allowed actor. */
  body?: Record<string, unknown>
  /** A body that needs the ids of the membership fixtures. */
  bodyFor?: (fx: Fixtures) => Record<string, unknown>
  /** A body that needs the cooperative's ids or the domain's own fixtures. */
  bodyWith?: (t: TestApp, coop: Cooperative) => Promise<Record<string, unknown>>
  /** An allowed request removes what later requests need: each allowed role gets a fresh database. */
  fresh?: boolean
  /** The request ends other sessions: start the next route on a fresh database. */
  reseed?: boolean
  /**
   * Values for the route's path parameters (`{ ':id': '…' }`), built from the domain's own fixtures; they are
   * filled in before the walk's generic replacements. Cache the fixtures per TestApp, as membership-fixtures does.
   */
  params?: (t: TestApp, coop: Cooperative) => Promise<Record<string, string>>
}
