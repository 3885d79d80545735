import { DataDirBusyError } from '../db/data-dir-lock.ts'
import { DomainError } from '../platform/errors.ts'
import { auditVerifyCommand } from './audit-verify.ts'
import { backupCommand } from './backup.ts'
import {
  CliError,
  type CliIo,
  type Command,
  commandHelp,
  exitCodes,
  globalHelp,
  parseCommandArgs,
  UsageError,
} from './command.ts'
import { migrateCommand } from './migrate.ts'
import { registerExportCommand } from './register-export.ts'
import { registerPurgeCommand } from './register-purge.ts'
import { restoreCommand } from './restore.ts'
import { seedDemoCommand } from './seed-demo.ts'
import { tokenCreateCommand } from './token-create.ts'
import { userCreateCommand } from './user-create.ts'

export const commands: readonly Command[] = [
  migrateCommand,
  seedDemoCommand,
  userCreateCommand,
  tokenCreateCommand,
  auditVerifyCommand,
  backupCommand,
  restoreCommand,
  registerExportCommand,
  registerPurgeCommand,
]

/** Finds the command named by the first one or two words (`user create`). */
function resolve(argv: string[]): { command: Command; rest: string[] } | { group: Command[]; word: string } | null {
  const [first, second] = argv
  const two = commands.find((c) => c.name === `${first} ${second}`)
  if (two) return { command: two, rest: argv.slice(2) }
  const one = commands.find((c) => c.name === first)
  if (one) return { command: one, rest: argv.slice(1) }
  const group = commands.filter((c) => c.name.startsWith(`${first} `))
  return group.length ? { group, word: first! } : null
}

/** Runs one command line and returns the exit code: 0 success, 1 failure, 2 wrong usage. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [first] = argv
  if (first === undefined) {
    io.err(globalHelp(commands))
    return exitCodes.usage
  }
  if (first === '--help' || first === '-h' || first === 'help') {
    const target = first === 'help' && argv.length > 1 ? resolve(argv.slice(1)) : null
    io.out(target && 'command' in target ? commandHelp(target.command) : globalHelp(commands))
    return exitCodes.ok
  }
  const found = resolve(argv)
  try {
    if (!found) throw new UsageError(`Unknown command '${first}'.`)
    if ('group' in found) {
      const asked = argv[1] === '--help' || argv[1] === '-h'
      const list = found.group.map((c) => `  npx allmende ${c.name} …   ${c.summary}`).join('\n')
      if (asked) {
        io.out(`Commands:\n${list}\n`)
        return exitCodes.ok
      }
      const what =
        argv[1] === undefined ? `'${found.word}' needs a subcommand` : `Unknown command '${found.word} ${argv[1]}'`
      throw new UsageError(`${what}. Did you mean:\n${list}`)
    }
    const parsed = parseCommandArgs(found.command, found.rest)
    if (parsed.help) {
      io.out(commandHelp(found.command))
      return exitCodes.ok
    }
    return await found.command.run(parsed, io)
  } catch (error) {
    return report(error, io)
  }
}

function report(error: unknown, io: CliIo): number {
  if (error instanceof UsageError) {
    const help = error.command ? `npx allmende ${error.command} --help` : 'npx allmende --help'
    io.err(`${error.message}\nRun \`${help}\` for the usage.\n`)
    return exitCodes.usage
  }
  if (error instanceof DomainError) {
    const fields = error.fields.map((f) => `${f.path}: ${f.message}`).join('; ')
    io.err(`Refused (${error.code}): ${fields || error.detail || error.code}. Nothing was changed.\n`)
    return exitCodes.failure
  }
  if (error instanceof DataDirBusyError || error instanceof CliError || isKnown(error)) {
    io.err(`${(error as Error).message}\n`)
    return exitCodes.failure
  }
  io.err(`Failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
  return exitCodes.failure
}

/** Errors whose message is written for the person (backup file problems, refused restores). */
function isKnown(error: unknown): boolean {
  return error instanceof Error && ['BackupFileError', 'RestoreRefusedError'].includes(error.name)
}
