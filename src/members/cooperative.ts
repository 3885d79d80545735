import type { Executor } from '../db/db.ts'

export interface CooperativeInfo {
  name: string
  address: string
}

/** The cooperative's own name and address, as the documents and mails show them (instance settings). */
export async function cooperativeInfo(db: Executor): Promise<CooperativeInfo> {
  const rows = await db
    .selectFrom('instance_setting')
    .select(['key', 'value'])
    .where('key', 'in', ['cooperative_name', 'cooperative_address'])
    .execute()
  const get = (key: string) => rows.find((r) => r.key === key)?.value
  return { name: get('cooperative_name') ?? 'Genossenschaft', address: get('cooperative_address') ?? '' }
}
