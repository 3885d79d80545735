import { systemActor } from '../platform/actor.ts'
import { systemClock } from '../platform/clock.ts'
import type { Command } from './command.ts'
import { migrateFirst, withDatabase } from './database.ts'

/** Thrown inside the transaction of a dry run, so everything the purge did is rolled back. */
class DryRun extends Error {
  constructor(readonly purged: string[]) {
    super('dry run')
  }
}

export const registerPurgeCommand: Command = {
  name: 'register purge',
  summary: 'remove supporting records past the retention period (§30 (3) GenG)',
  description:
    'Three years after the end of the year a member left, its supporting records go: the text, address and\n' +
    'browser of its declarations and the details of its applications. The register line and the ledgers stay\n' +
    '(books are kept ten years). Journaled as system:cli; prints the member numbers whose records were purged.\n' +
    'Safe to run again: what was purged once is not touched twice. Run it once a year, after a backup.',
  options: {
    'dry-run': { type: 'boolean', description: 'only list what would be purged; change nothing' },
  },
  examples: ['npx allmende register purge --dry-run', 'npx allmende register purge'],
  async run({ values }, io) {
    const dryRun = Boolean(values['dry-run'])
    return withDatabase(io, 'register purge', { create: false }, async ({ handle, config }) => {
      await migrateFirst(handle, io)
      const { purgeExpiredRecords } = await import('../members/register.actions.ts')
      let purged: string[]
      try {
        purged = await handle.db.transaction().execute(async (trx) => {
          const result = await purgeExpiredRecords(trx, systemActor('cli'), { clock: systemClock, config })
          if (dryRun) throw new DryRun(result.purged)
          return result.purged
        })
      } catch (error) {
        if (!(error instanceof DryRun)) throw error
        purged = error.purged
      }
      const verb = dryRun ? 'Would purge' : 'Purged'
      io.out(`${verb} the records of ${purged.length} member(s)${purged.length ? `: ${purged.join(', ')}` : ''}.\n`)
      if (dryRun) io.err('Dry run: nothing was changed.\n')
      return 0
    })
  },
}
