import type { CoopRole, OrgFunction } from '../db/schema.ts'

export const apiScopes = [
  'organisations:read',
  'organisations:write',
  'people:read',
  'people:write',
  'journal:read',
  'members:read',
  'members:write',
  'catalog:write',
  'orders:read',
  'orders:write',
  'governance:read',
  'governance:write',
] as const
export type ApiScope = (typeof apiScopes)[number]

/** Who is acting: resolved once per request from the session or API token, then passed to every action. */
export interface Actor {
  kind: 'account' | 'system' | 'anonymous'
  accountId: string | null
  personId: string | null
  /** Shown in the journal: the account's email, or `system:<what>` for the CLI and jobs. */
  label: string
  roles: ReadonlySet<CoopRole>
  /** Organisation id -> the functions this person holds there. */
  orgs: ReadonlyMap<string, ReadonlySet<OrgFunction>>
  /** Scopes of the API token in use; `null` for a browser session, which is not narrowed. */
  scopes: ReadonlySet<ApiScope> | null
  language: 'de' | 'en'
}

export const anonymous: Actor = {
  kind: 'anonymous',
  accountId: null,
  personId: null,
  label: 'anonymous',
  roles: new Set(),
  orgs: new Map(),
  scopes: null,
  language: 'de',
}

/** The actor for the command line and background jobs: full rights, journaled under its own name. */
export function systemActor(what: string): Actor {
  return {
    kind: 'system',
    accountId: null,
    personId: null,
    label: `system:${what}`,
    roles: new Set(['board', 'staff']),
    orgs: new Map(),
    scopes: null,
    language: 'de',
  }
}
