import type { DbHandle } from '../db/db.ts'
import { type CliIo, type Command, progressLine } from './command.ts'
import { requireSchema, withDatabase } from './database.ts'

/** Checks the journal's hash chain with progress; prints the outcome and returns the exit code. */
export async function verifyJournal(handle: DbHandle, io: CliIo): Promise<number> {
  const { verifyAuditChain } = await import('../platform/audit.ts')
  const progress = progressLine(io)
  const result = await verifyAuditChain(handle.db, (checked) =>
    progress.update(`Checking the audit journal: ${checked} entries`),
  )
  progress.done(`Checked ${result.checked} audit journal entries.`)
  if (result.ok) {
    io.out(`OK: ${result.checked} entries, chain intact\n`)
    return 0
  }
  const broken = result.firstBroken
  io.out(`BROKEN: entry ${broken?.seq}: ${broken?.problem} (${result.checked} entries before it are intact)\n`)
  return 1
}

export const auditVerifyCommand: Command = {
  name: 'audit verify',
  summary: 'check the hash chain of the audit journal',
  description:
    'Recomputes the hash of every audit journal entry in order and checks that each links to the one before.\n' +
    'Exit code 0 when the chain is intact; 1 naming the first entry that was changed, removed or reordered.',
  options: {},
  examples: ['npx allmende audit verify'],
  async run(_input, io) {
    return withDatabase(io, 'audit verify', { create: false }, async ({ handle }) => {
      await requireSchema(handle)
      return verifyJournal(handle, io)
    })
  },
}
