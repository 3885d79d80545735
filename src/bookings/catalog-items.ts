import {
  type Area,
  type Service,
  type StoredPriceVersion,
  toArea,
  toPriceVersion,
  toService,
} from '../catalog/catalog.model.ts'
import {
  findArea,
  findAreaByKey,
  findProvider,
  findService,
  findServiceByKey,
  priceVersionRows,
} from '../catalog/catalog.repo.ts'
import { versionOn } from '../catalog/pricing.rules.ts'
import type { Executor } from '../db/db.ts'
import type { PriceKind, ProviderRow } from '../db/schema-catalog.ts'
import type { PlainDate } from '../platform/dates.ts'
import { DomainError, fieldError } from '../platform/errors.ts'

/** Read helpers over the catalog for orders (the catalog's own files stay the catalog helper's). */

/** What an order or a booking is of: an area's flat rate, an add-on or hourly work, with its prices and provider. */
export interface OrderItem {
  area: Area
  service: Service | null
  kind: PriceKind
  provider: ProviderRow
  versions: StoredPriceVersion[]
}

async function itemOf(db: Executor, area: Area, service: Service | null): Promise<OrderItem> {
  const kind: PriceKind = service ? (service.pricing === 'addon' ? 'addon' : 'hourly') : 'flat_rate'
  const provider = await findProvider(db, service?.providerId ?? area.providerId)
  if (!provider) throw new DomainError('not_found', 'provider')
  const versions = (await priceVersionRows(db, service ? { serviceId: service.id } : { areaId: area.id })).map(
    toPriceVersion,
  )
  return { area, service, kind, provider, versions }
}

/**
 * The item an order names by keys: the area's flat rate (primary areas only; a secondary area is booked by its
 * hourly services), or one of the area's add-ons or hourly services (services included in the flat rate are
 * not ordered on their own).
 */
export async function orderItem(db: Executor, areaKey: string, serviceKey: string | null): Promise<OrderItem> {
  const areaRow = await findAreaByKey(db, areaKey)
  if (!areaRow) throw fieldError('areaKey', 'area_unknown')
  const area = toArea(areaRow)
  if (!serviceKey) {
    if (area.kind !== 'primary') throw fieldError('serviceKey', 'required')
    return itemOf(db, area, null)
  }
  const serviceRow = await findServiceByKey(db, serviceKey)
  if (!serviceRow || serviceRow.area_id !== area.id) throw fieldError('serviceKey', 'service_unknown')
  const service = toService(serviceRow)
  if (service.pricing === 'included') throw fieldError('serviceKey', 'service_included')
  return itemOf(db, area, service)
}

/** The item of a stored booking. */
export async function itemOfBooking(
  db: Executor,
  booking: { area_id: string; service_id: string | null } | { areaId: string; serviceId: string | null },
): Promise<OrderItem> {
  const areaId = 'area_id' in booking ? booking.area_id : booking.areaId
  const serviceId = 'service_id' in booking ? booking.service_id : booking.serviceId
  const areaRow = await findArea(db, areaId)
  if (!areaRow) throw new DomainError('not_found', 'area')
  const serviceRow = serviceId ? await findService(db, serviceId) : undefined
  return itemOf(db, toArea(areaRow), serviceRow ? toService(serviceRow) : null)
}

export function priceOn(item: OrderItem, day: PlainDate): StoredPriceVersion | undefined {
  return versionOn(item.versions, day)
}
