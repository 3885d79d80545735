import fs from 'node:fs'
import path from 'node:path'
import type { DbHandle } from '../db/db.ts'
import { systemActor } from '../platform/actor.ts'
import { systemClock } from '../platform/clock.ts'
import { isPlainDate, todayIn } from '../platform/dates.ts'
import { CliError, type Command, UsageError } from './command.ts'
import { withDatabase } from './database.ts'

const formats = ['csv', 'json'] as const
const languages = ['de', 'en'] as const

/** Reading commands leave the schema as it is, but the membership tables must be there. */
export async function requireCurrentSchema(handle: DbHandle): Promise<void> {
  const { appliedMigrations } = await import('../db/migrate.ts')
  const { migrations } = await import('../db/migrations/index.ts')
  const applied = new Set(await appliedMigrations(handle))
  const pending = migrations.map((m) => m.name).filter((name) => !applied.has(name))
  if (pending.length > 0)
    throw new CliError(
      `The database is not up to date (pending: ${pending.join(', ')}). Run \`npx allmende migrate\` first.`,
    )
}

/** A calendar date given on the command line, or a usage error that says what is expected. */
export function dateOption(value: string | undefined, option: string, command: string): string | undefined {
  if (value === undefined) return undefined
  if (!isPlainDate(value))
    throw new UsageError(`--${option} '${value}' is not a calendar date; give YYYY-MM-DD, e.g. 2026-12-31.`, command)
  return value
}

function choice<T extends string>(value: unknown, allowed: readonly T[], option: string, fallback: T): T {
  if (value === undefined) return fallback
  if (!allowed.includes(value as T))
    throw new UsageError(`--${option} '${value}' is not one of ${allowed.join(', ')}.`, 'register export')
  return value as T
}

export const registerExportCommand: Command = {
  name: 'register export',
  summary: 'export the member register (§30 GenG) as of a date, as CSV or JSON',
  description:
    'Writes the member register as it stood on a date: every member who had joined by then, with address,\n' +
    'member type, joining date, the shares held on that day and an exit in effect by then (§30 GenG).\n' +
    'CSV is `;`-separated UTF-8 with a byte order mark, as German spreadsheets open it. The output holds\n' +
    'personal data: keep the file safe. Reads only; the embedded database must not be in use by the portal.',
  options: {
    at: { type: 'string', value: 'YYYY-MM-DD', description: 'the day the register is shown as of (default: today)' },
    format: { type: 'string', value: 'csv|json', description: 'output format (default: csv)' },
    output: { type: 'string', short: 'o', value: 'file', description: 'write to this file instead of stdout' },
    force: { type: 'boolean', description: 'overwrite the --output file if it exists' },
    lang: { type: 'string', value: 'de|en', description: 'language of the CSV headings and texts (default: de)' },
    'without-former': { type: 'boolean', description: 'leave out members who had left by that day' },
  },
  examples: [
    'npx allmende register export --at 2026-12-31',
    'npx allmende register export --at 2026-12-31 --format json --output register-2026.json',
  ],
  async run({ values }, io) {
    const at = dateOption(values.at as string | undefined, 'at', 'register export') ?? todayIn(systemClock.now())
    const format = choice(values.format, formats, 'format', 'csv')
    const lang = choice(values.lang, languages, 'lang', 'de')
    const file = values.output === undefined ? null : path.resolve(String(values.output))
    if (file && fs.existsSync(file) && !values.force)
      throw new CliError(`${file} exists. Choose another name, or give --force to overwrite it.`)
    if (file && !fs.existsSync(path.dirname(file)))
      throw new CliError(`The directory ${path.dirname(file)} does not exist.`)

    return withDatabase(io, 'register export', { create: false }, async ({ handle }) => {
      await requireCurrentSchema(handle)
      const { registerAsOf } = await import('../members/register.actions.ts')
      const { registerCsv } = await import('../members/register-csv.ts')
      const rows = await registerAsOf(handle.db, systemActor('cli'), at, { includeFormer: !values['without-former'] })
      const text =
        format === 'csv' ? registerCsv(at, rows, lang) : `${JSON.stringify({ asOf: at, items: rows }, null, 2)}\n`
      const summary = `Register as of ${at}: ${rows.length} member(s)`
      if (!file) {
        io.out(text)
        io.err(`${summary}.\n`)
        return 0
      }
      // written under a temporary name first, so a half-written export never carries the real name
      const partial = `${file}.partial-${process.pid}`
      fs.writeFileSync(partial, text, { mode: 0o600 })
      fs.renameSync(partial, file)
      io.err(`${summary}, written to ${file}.\n`)
      return 0
    })
  },
}
