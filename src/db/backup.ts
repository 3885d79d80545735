import fs from 'node:fs'
import path from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { createGzip } from 'node:zlib'
import { CompiledQuery } from 'kysely'
import {
  BackupFileError,
  type BackupHeader,
  type BackupProgress,
  type BackupSummary,
  backupFormat,
  inspectBackup,
  RestoreRefusedError,
  readBackup,
  type TableLine,
} from './backup-file.ts'
import type { DbHandle } from './db.ts'
import { migrations } from './migrations/index.ts'

export type { BackupHeader, BackupProgress, BackupSummary }
export { BackupFileError, backupFormat, inspectBackup, RestoreRefusedError }

/**
 * A portable, consistent dump of the whole database: gzip'd JSON lines. The first line is a header, then per
 * table (parents before children) a table line and one line per row as PostgreSQL's own `row_to_json` writes it
 * (timestamps ISO 8601 in UTC, bigint as numbers, jsonb as objects, arrays as arrays), then an end line with
 * the totals. It moves a cooperative between the embedded database and PostgreSQL in both directions.
 */
interface RawTx {
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<R[]>
  /** Runs a script of several statements (no parameters). */
  exec(script: string): Promise<void>
}

/** One transaction on either engine, with raw SQL: PGlite runs scripts through `exec`, pg through the simple protocol. */
async function transaction<T>(handle: DbHandle, fn: (tx: RawTx) => Promise<T>): Promise<T> {
  const { pglite } = handle
  if (pglite) {
    return pglite.transaction((tx) =>
      fn({
        query: async <R>(text: string, params?: unknown[]) => (await tx.query<R>(text, params)).rows,
        exec: async (script) => void (await tx.exec(script)),
      }),
    )
  }
  return handle.db.transaction().execute((trx) =>
    fn({
      query: async <R>(text: string, params: unknown[] = []) =>
        (await trx.executeQuery(CompiledQuery.raw(text, params))).rows as R[],
      exec: async (script) => void (await trx.executeQuery(CompiledQuery.raw(script))),
    }),
  )
}

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`

interface Catalog {
  /** Tables in foreign-key order (parents first), without `schema_migration`. */
  tables: Array<{ name: string; columns: string[]; primaryKey: string[] }>
  sequences: Array<{ name: string; table: string | null; column: string | null }>
}

async function readCatalog(tx: RawTx): Promise<Catalog> {
  const inPublic = `JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'`
  const tables = await tx.query<{ name: string }>(
    `SELECT c.relname::text AS name FROM pg_class c ${inPublic}
     WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relname <> 'schema_migration' ORDER BY c.oid`,
  )
  // Columns in table order; `key` is the position in the primary key, if the column is part of it.
  const columns = await tx.query<{ table: string; column: string; key: number | null }>(
    `SELECT c.relname::text AS table, a.attname::text AS column, array_position(i.indkey::int2[], a.attnum) AS key
     FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid ${inPublic}
     LEFT JOIN pg_index i ON i.indrelid = c.oid AND i.indisprimary
     WHERE a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated <> 's' ORDER BY c.relname, a.attnum`,
  )
  const foreignKeys = await tx.query<{ child: string; parent: string }>(
    `SELECT DISTINCT c.relname::text AS child, p.relname::text AS parent FROM pg_constraint f
     JOIN pg_class c ON c.oid = f.conrelid ${inPublic} JOIN pg_class p ON p.oid = f.confrelid
     WHERE f.contype = 'f' AND f.conrelid <> f.confrelid`,
  )
  const sequences = await tx.query<{ name: string; table: string | null; column: string | null }>(
    `SELECT c.relname::text AS name, t.relname::text AS table, a.attname::text AS column FROM pg_class c ${inPublic}
     LEFT JOIN pg_depend d ON d.objid = c.oid AND d.classid = 'pg_class'::regclass
       AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
     LEFT JOIN pg_class t ON t.oid = d.refobjid
     LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
     WHERE c.relkind = 'S' ORDER BY c.relname`,
  )
  const remaining = tables.map((t) => t.name)
  const order: string[] = []
  while (remaining.length) {
    const index = remaining.findIndex(
      (t) => !foreignKeys.some((fk) => fk.child === t && fk.parent !== t && remaining.includes(fk.parent)),
    )
    if (index < 0) throw new Error(`Circular foreign keys between ${remaining.join(', ')}`)
    order.push(...remaining.splice(index, 1))
  }
  return {
    tables: order.map((name) => {
      const own = columns.filter((c) => c.table === name)
      const key = own.filter((c) => c.key !== null).sort((a, b) => Number(a.key) - Number(b.key))
      return { name, columns: own.map((c) => c.column), primaryKey: key.map((c) => c.column) }
    }),
    sequences,
  }
}

async function appliedMigrationsIn(tx: RawTx): Promise<string[]> {
  const [exists] = await tx.query<{ t: string | null }>(`SELECT to_regclass('public.schema_migration')::text AS t`)
  if (!exists?.t) return []
  return (await tx.query<{ name: string }>('SELECT name FROM schema_migration ORDER BY name')).map((r) => r.name)
}

const pageSize = 1000

/**
 * Writes a backup of the whole database to `file` (atomically: a temporary file, renamed when complete). Reads
 * everything in one read-only REPEATABLE READ transaction, so the dump is one consistent snapshot while the
 * portal keeps running on PostgreSQL.
 */
export async function writeBackup(
  handle: DbHandle,
  file: string,
  onProgress: (progress: BackupProgress) => void = () => {},
): Promise<BackupSummary> {
  const target = path.resolve(file)
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`)
  try {
    const summary = await transaction(handle, async (tx) => {
      await tx.exec(`SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY; SET LOCAL TimeZone = 'UTC'`)
      const applied = await appliedMigrationsIn(tx)
      if (!applied.length) throw new Error('The database has no schema yet (no migration applied): nothing to back up.')
      const catalog = await readCatalog(tx)
      const sequences: BackupHeader['sequences'] = {}
      for (const s of catalog.sequences) {
        const [row] = await tx.query<{ last_value: number; is_called: boolean }>(
          `SELECT last_value, is_called FROM public.${ident(s.name)}`,
        )
        if (row) sequences[s.name] = { lastValue: Number(row.last_value), isCalled: row.is_called }
      }
      const header: BackupHeader = {
        format: backupFormat,
        version: 1,
        createdAt: new Date().toISOString(),
        source: handle.kind,
        migrations: applied,
        sequences,
      }
      const tables: BackupSummary['tables'] = []
      async function* lines(): AsyncGenerator<string> {
        yield `${JSON.stringify(header)}\n`
        for (const table of catalog.tables) {
          const [count] = await tx.query<{ n: number }>(`SELECT count(*)::int8 AS n FROM ${ident(table.name)}`)
          const total = Number(count?.n ?? 0)
          const line: TableLine = { table: table.name, columns: table.columns, rows: total }
          yield `${JSON.stringify(line)}\n`
          onProgress({ table: table.name, done: 0, total })
          // ledgers are written back in booking order: their triggers check each row against the ones before it
          const order = table.columns.includes('seq')
            ? ' ORDER BY seq'
            : table.primaryKey.length
              ? ` ORDER BY ${table.primaryKey.map(ident).join(', ')}`
              : ''
          await tx.query(
            `DECLARE allmende_backup NO SCROLL CURSOR FOR SELECT row_to_json(t)::text AS j FROM ${ident(table.name)} t${order}`,
          )
          let done = 0
          for (;;) {
            const page = await tx.query<{ j: string }>(`FETCH FORWARD ${pageSize} FROM allmende_backup`)
            if (!page.length) break
            done += page.length
            yield `${page.map((r) => r.j).join('\n')}\n`
            onProgress({ table: table.name, done, total })
            if (page.length < pageSize) break
          }
          await tx.query('CLOSE allmende_backup')
          // Counted and read in the same snapshot, so they agree; a mismatch would make the file unrestorable.
          if (done !== total) throw new Error(`${table.name}: counted ${total} rows but read ${done}`)
          tables.push({ name: table.name, rows: done })
        }
        const rows = tables.reduce((sum, t) => sum + t.rows, 0)
        yield `${JSON.stringify({ end: true, tables: tables.length, rows })}\n`
      }
      await pipeline(Readable.from(lines()), createGzip(), fs.createWriteStream(temporary, { mode: 0o600 }))
      return { header, tables, rows: tables.reduce((sum, t) => sum + t.rows, 0) }
    })
    const fd = fs.openSync(temporary, 'r+')
    fs.fsyncSync(fd)
    fs.closeSync(fd)
    fs.renameSync(temporary, target)
    return summary
  } catch (error) {
    fs.rmSync(temporary, { force: true })
    throw error
  }
}

export interface RestoreOptions {
  /** Drop and recreate the public schema of a database that already has data. */
  replace?: boolean
  onProgress?: (progress: BackupProgress) => void
}

export interface RestoreSummary extends BackupSummary {
  /** Migrations this version knows that the backup did not have yet: `allmende migrate` applies them. */
  pendingMigrations: string[]
}

const dataTables = ['account', 'organisation', 'person', 'audit_entry']
const batchRows = 500
const batchChars = 4_000_000
/** Sequences that are not owned by a column but number rows: the restored data gives their floor. */
const sequenceFloors: Record<string, string> = {
  organisation_ref_seq: `SELECT max(substring(ref from '^O-([0-9]+)$')::int8) AS m FROM organisation`,
}

/**
 * Restores a backup into `handle`. Everything happens in ONE transaction (schema drop with `replace`,
 * migrations up to the backup's, every row, the sequences), so a failed restore leaves the database as it was.
 */
export async function restoreBackup(
  handle: DbHandle,
  file: string,
  options: RestoreOptions = {},
): Promise<RestoreSummary> {
  const onProgress = options.onProgress ?? (() => {})
  const plan = await inspectBackup(file)
  const known = migrations.map((m) => m.name)
  const wanted = plan.header.migrations
  const unknown = wanted.find((name, i) => known[i] !== name)
  if (unknown)
    throw new RestoreRefusedError(
      `The backup needs migration ${unknown}, which this version of Allmende does not have (in this order). ` +
        'Restore it with the version that made it, or a newer one.',
    )
  await transaction(handle, async (tx) => {
    if (handle.kind === 'postgres') await tx.query('SELECT pg_advisory_xact_lock(424242)')
    let applied = await appliedMigrationsIn(tx)
    if (options.replace) {
      await tx.exec('DROP SCHEMA public CASCADE; CREATE SCHEMA public; GRANT USAGE ON SCHEMA public TO PUBLIC')
      applied = []
    } else {
      for (const table of dataTables) {
        const [row] = await tx.query<{ t: string | null }>('SELECT to_regclass($1)::text AS t', [`public.${table}`])
        if (!row?.t) continue
        const [found] = await tx.query(`SELECT 1 FROM ${ident(table)} LIMIT 1`)
        if (found)
          throw new RestoreRefusedError(
            `The target database already has data (table ${table} is not empty). Nothing was changed. ` +
              'Restore with --replace to drop everything in it and replace it with the backup.',
          )
      }
      if (applied.some((name, i) => wanted[i] !== name))
        throw new RestoreRefusedError(
          `The target database has a newer or different schema (${applied.at(-1)}) than the backup ` +
            `(${wanted.at(-1) ?? 'none'}). Nothing was changed. Restore with --replace to recreate it at the backup's schema.`,
        )
    }
    await tx.exec(
      'CREATE TABLE IF NOT EXISTS schema_migration (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    )
    for (const migration of migrations.slice(applied.length, wanted.length)) {
      await tx.exec(migration.script)
      await tx.query('INSERT INTO schema_migration (name) VALUES ($1)', [migration.name])
    }
    const catalog = await readCatalog(tx)
    const missing = plan.tables.find((table) => !catalog.tables.some((t) => t.name === table.name))
    if (missing) throw new BackupFileError(`The backup has a table ${missing.name} that the schema does not have.`)
    // Rows the migrations themselves created (the journal head, the model statutes) make way for the backup's;
    // the append-only guards are set aside for this one delete, inside the restore's transaction.
    for (const table of [...plan.tables].reverse()) {
      const name = ident(table.name)
      await tx.exec(
        `ALTER TABLE ${name} DISABLE TRIGGER USER; DELETE FROM ${name}; ALTER TABLE ${name} ENABLE TRIGGER USER`,
      )
    }

    let table: TableLine | null = null
    let batch: string[] = []
    let chars = 0
    let done = 0
    const flush = async () => {
      if (!table || !batch.length) return
      const columns = table.columns.map(ident).join(', ')
      await tx.query(
        `INSERT INTO ${ident(table.table)} (${columns}) OVERRIDING SYSTEM VALUE
         SELECT ${columns} FROM json_populate_recordset(NULL::${ident(table.table)}, $1::json)`,
        [`[${batch.join(',')}]`],
      )
      done += batch.length
      batch = []
      chars = 0
      onProgress({ table: table.table, done, total: table.rows })
    }
    await readBackup(file, {
      async onTable(next) {
        await flush()
        table = next
        const known = catalog.tables.find((t) => t.name === next.table)?.columns ?? []
        const extra = next.columns.find((c) => typeof c !== 'string' || !known.includes(c))
        if (extra) throw new BackupFileError(`The backup has a column ${next.table}.${extra} the schema does not have.`)
        done = 0
        onProgress({ table: next.table, done, total: next.rows })
      },
      async onRow(json) {
        batch.push(json)
        chars += json.length
        if (batch.length >= batchRows || chars >= batchChars) await flush()
      },
    })
    await flush()
    await resetSequences(tx, catalog, plan.header)
  })
  return { ...plan, pendingMigrations: known.slice(wanted.length) }
}

/** Continues every sequence after the larger of the backup's value and the restored rows' highest number. */
async function resetSequences(tx: RawTx, catalog: Catalog, header: BackupHeader): Promise<void> {
  for (const sequence of catalog.sequences) {
    const saved = header.sequences[sequence.name]
    let last = saved ? (saved.isCalled ? saved.lastValue : saved.lastValue - 1) : 0
    const floorQuery =
      sequence.table && sequence.column
        ? `SELECT max(${ident(sequence.column)})::int8 AS m FROM ${ident(sequence.table)}`
        : sequenceFloors[sequence.name]
    if (floorQuery) {
      const [row] = await tx.query<{ m: number | null }>(floorQuery)
      last = Math.max(last, Number(row?.m ?? 0))
    }
    const name = `public.${ident(sequence.name)}`
    await tx.query('SELECT setval($1::regclass, $2, $3)', [name, Math.max(last, 1), last >= 1])
  }
}
