import type { Insertable } from 'kysely'
import type { Executor } from '../db/db.ts'
import type { PriceVersionTable } from '../db/schema-catalog.ts'

export async function providerRows(db: Executor) {
  return db.selectFrom('provider').selectAll().orderBy('is_home', 'desc').orderBy('name').execute()
}

export async function findProvider(db: Executor, id: string) {
  return db.selectFrom('provider').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function areaRows(db: Executor) {
  return db.selectFrom('service_area').selectAll().orderBy('position').orderBy('key').execute()
}

export async function findAreaByKey(db: Executor, key: string) {
  return db.selectFrom('service_area').selectAll().where('key', '=', key).executeTakeFirst()
}

export async function findArea(db: Executor, id: string) {
  return db.selectFrom('service_area').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function lockArea(db: Executor, id: string) {
  return db.selectFrom('service_area').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
}

export async function serviceRows(db: Executor, areaId?: string) {
  let query = db.selectFrom('service').selectAll()
  if (areaId) query = query.where('area_id', '=', areaId)
  return query.orderBy('position').orderBy('key').execute()
}

export async function findServiceByKey(db: Executor, key: string) {
  return db.selectFrom('service').selectAll().where('key', '=', key).executeTakeFirst()
}

export async function findService(db: Executor, id: string) {
  return db.selectFrom('service').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function lockService(db: Executor, id: string) {
  return db.selectFrom('service').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
}

/** Every price version of one item (an area's flat rate or a service), oldest first. */
export async function priceVersionRows(db: Executor, item: { areaId: string } | { serviceId: string }) {
  let query = db.selectFrom('price_version').selectAll()
  query = 'areaId' in item ? query.where('area_id', '=', item.areaId) : query.where('service_id', '=', item.serviceId)
  return query.orderBy('valid_from').execute()
}

export async function allPriceVersionRows(db: Executor) {
  return db.selectFrom('price_version').selectAll().orderBy('valid_from').execute()
}

export async function findPriceVersion(db: Executor, id: string) {
  return db.selectFrom('price_version').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function insertPriceVersion(db: Executor, values: Insertable<PriceVersionTable>) {
  return db.insertInto('price_version').values(values).returningAll().executeTakeFirstOrThrow()
}

/**
 * Running bookings of an item on or after a day: what a new price version applies to, so its organisation is
 * told. Requested orders are included (they are priced when confirmed; the orderer should know).
 */
export async function bookingsRunningFrom(
  db: Executor,
  item: { areaId: string; serviceId: null } | { areaId: string; serviceId: string },
  day: string,
) {
  let query = db
    .selectFrom('booking')
    .selectAll()
    .where('area_id', '=', item.areaId)
    .where('organisation_id', 'is not', null)
    .where('status', 'in', ['requested', 'confirmed', 'cancelled'])
    .where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>=', day)]))
  query = item.serviceId
    ? query.where('service_id', '=', item.serviceId)
    : query.where('service_id', 'is', null).where('kind', '=', 'flat_rate')
  return query.orderBy('ref').execute()
}
