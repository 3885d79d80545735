import type { Executor } from '../db/db.ts'
import type { AccountRow, OneTimePurpose } from '../db/schema.ts'

export async function findAccountByEmail(db: Executor, email: string): Promise<AccountRow | undefined> {
  return db
    .selectFrom('account')
    .selectAll()
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .executeTakeFirst()
}

export async function findAccount(db: Executor, id: string): Promise<AccountRow | undefined> {
  return db.selectFrom('account').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function lockAccount(db: Executor, id: string): Promise<AccountRow | undefined> {
  return db.selectFrom('account').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
}

export async function updateAccount(
  db: Executor,
  id: string,
  values: Partial<Omit<AccountRow, 'id' | 'person_id' | 'created_at'>>,
): Promise<void> {
  await db.updateTable('account').set(values).where('id', '=', id).execute()
}

export async function recordLoginAttempt(db: Executor, key: string, success: boolean, at: Date): Promise<void> {
  await db.insertInto('login_attempt').values({ key, success, attempted_at: at }).execute()
}

export async function countLoginAttempts(db: Executor, key: string, since: Date): Promise<number> {
  const row = await db
    .selectFrom('login_attempt')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('key', '=', key)
    .where('attempted_at', '>', since)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export async function insertOneTimeToken(
  db: Executor,
  values: {
    tokenHash: string
    purpose: OneTimePurpose
    email: string
    accountId: string | null
    organisationId: string | null
    data: unknown
    now: Date
    expiresAt: Date
  },
): Promise<void> {
  await db
    .insertInto('one_time_token')
    .values({
      token_hash: values.tokenHash,
      purpose: values.purpose,
      email: values.email,
      account_id: values.accountId,
      organisation_id: values.organisationId,
      data: JSON.stringify(values.data ?? {}),
      created_at: values.now,
      expires_at: values.expiresAt,
    })
    .execute()
}

/** Locks an unused, unexpired token of the purpose, so it is consumed exactly once. */
export async function lockUsableToken(db: Executor, tokenHash: string, purpose: OneTimePurpose, now: Date) {
  return db
    .selectFrom('one_time_token')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .forUpdate()
    .executeTakeFirst()
}

export async function markTokenUsed(db: Executor, tokenHash: string, now: Date): Promise<void> {
  await db.updateTable('one_time_token').set({ used_at: now }).where('token_hash', '=', tokenHash).execute()
}

export async function countRecentTokens(
  db: Executor,
  email: string,
  purpose: OneTimePurpose,
  since: Date,
): Promise<number> {
  const row = await db
    .selectFrom('one_time_token')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .where('purpose', '=', purpose)
    .where('created_at', '>', since)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export async function personName(db: Executor, personId: string): Promise<string> {
  const p = await db
    .selectFrom('person')
    .select(['given_name', 'family_name'])
    .where('id', '=', personId)
    .executeTakeFirst()
  return p ? `${p.given_name} ${p.family_name}` : ''
}
