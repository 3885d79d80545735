import type { Executor } from '../db/db.ts'

export async function statutesRows(db: Executor) {
  return db.selectFrom('statutes_version').selectAll().orderBy('valid_from').execute()
}

export async function insertStatutesVersion(
  db: Executor,
  values: { valid_from: string; settings: string; note: string; created_at: Date; created_by: string },
) {
  return db.insertInto('statutes_version').values(values).returningAll().executeTakeFirstOrThrow()
}

/** Serialises statute changes: two board members adding versions at once see each other's. */
export async function lockStatutes(db: Executor): Promise<void> {
  await db.selectFrom('statutes_version').select('id').forUpdate().execute()
}
