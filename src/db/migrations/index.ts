import { script as foundation } from './0001-foundation.ts'
import { script as membership } from './0002-membership.ts'
import { script as catalog } from './0003-catalog.ts'
import { script as events } from './0004-events.ts'
import { script as bookings } from './0005-bookings.ts'
import { script as needs } from './0006-needs.ts'
import { script as governance } from './0007-governance.ts'
import { script as assemblyDemands } from './0008-assembly-demands.ts'
import { script as rooms } from './0009-rooms.ts'
import { script as proposals } from './0010-proposals.ts'
import { script as resolutions } from './0011-resolutions.ts'

/**
 * Forward-only migrations in order: plain SQL scripts that run unchanged on PGlite and PostgreSQL.
 * A static list, so the runtime and the tests find them without scanning the file system.
 */
export const migrations: ReadonlyArray<{ name: string; script: string }> = [
  { name: '0001-foundation', script: foundation },
  { name: '0002-membership', script: membership },
  { name: '0003-catalog', script: catalog },
  { name: '0004-events', script: events },
  { name: '0005-bookings', script: bookings },
  { name: '0006-needs', script: needs },
  { name: '0007-governance', script: governance },
  { name: '0008-assembly-demands', script: assemblyDemands },
  { name: '0009-rooms', script: rooms },
  { name: '0010-proposals', script: proposals },
  { name: '0011-resolutions', script: resolutions },
]
