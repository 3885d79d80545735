import { type ParseArgsConfig, parseArgs } from 'node:util'

/** Where a command reads and writes: the real process, or a capture in tests. */
export interface CliIo {
  env: NodeJS.ProcessEnv
  stdin: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown }
  /** The result (an id, a secret, a summary): what a script would capture. */
  out(text: string): void
  /** Messages, warnings and progress for the person at the terminal. */
  err(text: string): void
  /** Whether stderr is a terminal, so progress may redraw one line. */
  interactive: boolean
}

export interface OptionSpec {
  type: 'string' | 'boolean'
  short?: string
  multiple?: boolean
  /** Shown in the help: `--email <address>`. */
  value?: string
  description: string
  required?: boolean
}

export type OptionValues = Record<string, string | boolean | string[] | boolean[] | undefined>

export interface Command {
  /** `migrate`, `user create`, … */
  name: string
  /** Positional arguments, shown in the usage line: `<file>`. */
  args?: string[]
  summary: string
  description: string
  options: Record<string, OptionSpec>
  examples: string[]
  run(input: { values: OptionValues; positionals: string[] }, io: CliIo): Promise<number>
}

/** Wrong use of the command line: the message and a pointer to `--help`, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError'
  constructor(
    message: string,
    readonly command?: string,
  ) {
    super(message)
  }
}

/** A failure the person can act on; printed without a stack trace, exit code 1. */
export class CliError extends Error {
  override name = 'CliError'
}

export const exitCodes = { ok: 0, failure: 1, usage: 2 } as const

const environmentHelp = [
  'Environment:',
  '  DATABASE_URL    PostgreSQL connection string; without it the embedded database is used',
  '  DATA_DIR        directory of the embedded database (default: ./data)',
]

export function commandHelp(command: Command): string {
  const required = Object.entries(command.options)
    .filter(([, o]) => o.required)
    .map(([name, o]) => `--${name} <${o.value ?? 'value'}>`)
  const usage = ['allmende', command.name, ...(command.args ?? []), ...required, '[options]'].join(' ')
  const rows: Array<[string, string]> = Object.entries(command.options).map(([name, o]) => [
    `${o.short ? `-${o.short}, ` : '    '}--${name}${o.type === 'string' ? ` <${o.value ?? 'value'}>` : ''}`,
    o.description + (o.required ? ' (required)' : '') + (o.multiple ? ' (repeatable)' : ''),
  ])
  rows.push(['-h, --help', 'show this help'])
  const width = Math.max(...rows.map(([left]) => left.length)) + 2
  return [
    `Usage: ${usage}`,
    '',
    command.description,
    '',
    'Options:',
    ...rows.map(([left, right]) => `  ${left.padEnd(width)}${right}`),
    '',
    command.examples.length > 1 ? 'Examples:' : 'Example:',
    ...command.examples.map((e) => `  ${e}`),
    '',
    ...environmentHelp,
    '',
  ].join('\n')
}

export function globalHelp(commands: readonly Command[]): string {
  const rows = commands.map((c) => [[c.name, ...(c.args ?? [])].join(' '), c.summary] as const)
  const width = Math.max(...rows.map(([left]) => left.length)) + 2
  return [
    'Allmende admin command line',
    '',
    'Usage: npx allmende <command> [options]',
    '',
    'Commands:',
    ...rows.map(([left, right]) => `  ${left.padEnd(width)}${right}`),
    '',
    'Run `npx allmende <command> --help` for the options of a command.',
    '',
    ...environmentHelp,
    '',
    'Exit codes: 0 success, 1 failure, 2 wrong usage.',
    '',
  ].join('\n')
}

/** Parses a command's arguments strictly: unknown options and missing values are usage errors. */
export function parseCommandArgs(
  command: Command,
  argv: string[],
): { help: boolean; values: OptionValues; positionals: string[] } {
  const options: NonNullable<ParseArgsConfig['options']> = { help: { type: 'boolean', short: 'h' } }
  for (const [name, o] of Object.entries(command.options))
    options[name] = { type: o.type, multiple: Boolean(o.multiple), ...(o.short ? { short: o.short } : {}) }
  let parsed: ReturnType<typeof parseArgs>
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true })
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/\. To specify a positional.*$/s, '.'), command.name)
  }
  const values = parsed.values as OptionValues
  if (values.help) return { help: true, values, positionals: parsed.positionals }
  const expected = command.args?.length ?? 0
  if (parsed.positionals.length !== expected) {
    const extra = parsed.positionals[expected]
    throw new UsageError(
      extra !== undefined
        ? `Unexpected argument '${extra}'.`
        : `Missing argument ${command.args?.[parsed.positionals.length] ?? ''}.`,
      command.name,
    )
  }
  for (const [name, o] of Object.entries(command.options))
    if (o.required && values[name] === undefined) throw new UsageError(`Missing option --${name}.`, command.name)
  return { help: false, values, positionals: parsed.positionals }
}

/**
 * Progress on stderr: on a terminal one line redrawn at most ten times a second; otherwise only the
 * finished lines, so logs stay readable.
 */
export function progressLine(io: CliIo): { update(text: string): void; done(text: string): void } {
  let last = 0
  let drawn = false
  return {
    update(text) {
      if (!io.interactive) return
      const now = performance.now()
      if (now - last < 100) return
      last = now
      drawn = true
      io.err(`\r\x1b[K${text}`)
    },
    done(text) {
      io.err(`${drawn ? '\r\x1b[K' : ''}${text}\n`)
      drawn = false
      last = 0
    },
  }
}
