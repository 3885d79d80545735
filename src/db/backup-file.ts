import fs from 'node:fs'
import { StringDecoder } from 'node:string_decoder'
import { createGunzip } from 'node:zlib'

/** The backup file format: its header, its errors, and a checking reader. Writing and restoring live in backup.ts. */
export const backupFormat = 'allmende-backup'

export interface BackupHeader {
  format: typeof backupFormat
  version: 1
  createdAt: string
  source: 'pglite' | 'postgres'
  migrations: string[]
  /** Last value handed out per sequence, so numbers (O-00042) never repeat after a restore. */
  sequences: Record<string, { lastValue: number; isCalled: boolean }>
}

export type TableLine = { table: string; columns: string[]; rows: number }
export type BackupProgress = { table: string; done: number; total: number }
export type BackupSummary = { header: BackupHeader; tables: Array<{ name: string; rows: number }>; rows: number }

/** The file is not a complete, readable Allmende backup. */
export class BackupFileError extends Error {
  override name = 'BackupFileError'
}

/** The target database is not one a restore may write into (it has data, or a newer schema). */
export class RestoreRefusedError extends Error {
  override name = 'RestoreRefusedError'
}

async function* readLines(file: string): AsyncGenerator<string> {
  const input = fs.createReadStream(file)
  const gunzip = createGunzip()
  input.on('error', (error) => gunzip.destroy(error))
  input.pipe(gunzip)
  const decoder = new StringDecoder('utf8')
  let rest = ''
  try {
    for await (const chunk of gunzip) {
      const parts = (rest + decoder.write(chunk as Buffer)).split('\n')
      rest = parts.pop() ?? ''
      yield* parts
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR') throw error
    throw new BackupFileError(`The backup file ${file} is damaged or incomplete: ${(error as Error).message}`)
  } finally {
    input.destroy()
  }
  rest += decoder.end()
  if (rest) yield rest
}

export interface Reader {
  /** Parse every row (the check before a restore); the restore itself hands the text to PostgreSQL. */
  parseRows?: boolean
  onTable?(table: TableLine): Promise<void> | void
  onRow?(json: string): Promise<void> | void
}

/** Reads a backup file line by line and checks its structure and counts on the way. */
export async function readBackup(file: string, reader: Reader): Promise<BackupSummary> {
  const broken = (why: string) =>
    new BackupFileError(`The backup file ${file} is not a complete Allmende backup: ${why}`)
  let lineNumber = 0
  const parse = (text: string, what: string) => {
    try {
      const value = JSON.parse(text) as Record<string, unknown>
      if (value && typeof value === 'object' && !Array.isArray(value)) return value
    } catch {}
    throw broken(`line ${lineNumber} (${what}) is not a JSON object`)
  }
  let header: BackupHeader | null = null
  const tables: BackupSummary['tables'] = []
  let current: TableLine | null = null
  let remaining = 0
  let rows = 0
  let ended = false
  for await (const line of readLines(file)) {
    lineNumber++
    if (ended) {
      if (line.trim()) throw broken('data after the end line')
    } else if (!header) {
      const value = parse(line, 'header')
      if (value.format !== backupFormat) throw broken('the first line is not an allmende-backup header')
      if (value.version !== 1) throw broken(`format version ${String(value.version)} is not supported`)
      if (!Array.isArray(value.migrations) || typeof value.sequences !== 'object') throw broken('invalid header')
      header = value as unknown as BackupHeader
    } else if (current && remaining > 0) {
      if (reader.parseRows) parse(line, `row of ${current.table}`)
      remaining--
      rows++
      await reader.onRow?.(line)
    } else {
      const value = parse(line, 'table or end')
      if (value.end === true) {
        if (value.tables !== tables.length || value.rows !== rows) throw broken('the totals do not match the content')
        ended = true
      } else if (typeof value.table === 'string' && Array.isArray(value.columns) && Number.isInteger(value.rows)) {
        current = value as unknown as TableLine
        remaining = current.rows
        tables.push({ name: current.table, rows: current.rows })
        await reader.onTable?.(current)
      } else throw broken(`line ${lineNumber} is neither a table nor the end line`)
    }
  }
  if (!ended || !header) throw broken('it ends early (truncated?)')
  return { header, tables, rows }
}

/** Reads the whole file once, checking gzip integrity, structure, counts and every row, without a database. */
export function inspectBackup(file: string): Promise<BackupSummary> {
  return readBackup(file, { parseRows: true })
}
