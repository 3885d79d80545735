import { sql } from 'kysely'
import type { Localised, StoredPriceVersion } from '../catalog/catalog.model.ts'
import type { Executor } from '../db/db.ts'
import type { Actor } from '../platform/actor.ts'
import type { ActionEnv } from '../platform/context.ts'
import { compareDates, type PlainDate, todayIn } from '../platform/dates.ts'
import { DomainError } from '../platform/errors.ts'
import { can, organisationScope } from '../platform/policy.ts'
import { type Booking, toBooking } from './bookings.model.ts'
import { mayDecide, mayRead } from './bookings.policy.ts'
import { bookingJournal, findBooking, pendingChangesOf, priceNoticesOf, shareApplicationRow } from './bookings.repo.ts'
import { allowedTransitions, type BookingState, bookingState } from './bookings.rules.ts'
import { itemOfBooking, type OrderItem } from './catalog-items.ts'
import { offerAfterCancellation } from './lifecycle.actions.ts'
import { itemName } from './notify.ts'
import type { SharesOffer } from './shares.ts'

/** A booking as lists show it: with its item's and organisation's names and its state today. */
export interface BookingListItem extends Booking {
  state: BookingState
  itemName: Localised
  areaKey: string
  organisationName: string | null
  /** The organisation of the item's provider when it is a partner (its admins decide its orders). */
  providerOrganisationId: string | null
}

/** The partner providers' organisations the actor administers (catalog.manage_own checked against them). */
export async function providerOrganisationsOf(db: Executor, actor: Actor): Promise<string[]> {
  const admin = [...actor.orgs.keys()].filter((id) => can(actor, 'catalog.manage_own', id))
  if (admin.length === 0) return []
  const rows = await db.selectFrom('provider').select('organisation_id').where('organisation_id', 'in', admin).execute()
  return rows.flatMap((r) => (r.organisation_id ? [r.organisation_id] : []))
}

export const stateFilters = [
  'open',
  'requested',
  'confirmed',
  'active',
  'cancelled',
  'ended',
  'rejected',
  'withdrawn',
] as const
export type StateFilter = (typeof stateFilters)[number]

function matches(state: BookingState, filter: StateFilter | undefined): boolean {
  if (!filter) return true
  if (filter === 'open')
    return state === 'requested' || state === 'confirmed' || state === 'active' || state === 'cancelled'
  return state === filter
}

/**
 * The bookings the actor may see: every one for readers of all bookings (booking.read_all), otherwise those of
 * the organisations it reads bookings of (booking.read), and orders of a partner provider's own items for its
 * admins. Filtered by organisation and state (computed for today).
 */
export async function listBookings(
  db: Executor,
  actor: Actor,
  options: { organisationId?: string; state?: StateFilter; today: PlainDate; queue?: boolean },
): Promise<BookingListItem[]> {
  if (actor.kind === 'anonymous') throw new DomainError('unauthenticated')
  const all = can(actor, 'booking.read_all')
  const scope = all ? 'all' : organisationScope(actor, 'booking.read')
  let query = db
    .selectFrom('booking as b')
    .innerJoin('service_area as a', 'a.id', 'b.area_id')
    .leftJoin('service as s', 's.id', 'b.service_id')
    .innerJoin('provider as p', (join) => join.on(sql<boolean>`p.id = coalesce(s.provider_id, a.provider_id)`))
    .leftJoin('organisation as o', 'o.id', 'b.organisation_id')
    .selectAll('b')
    .select([
      'a.key as area_key',
      'a.name_de as area_de',
      'a.name_en as area_en',
      's.name_de as service_de',
      's.name_en as service_en',
      'o.name as organisation_name',
      'p.organisation_id as provider_organisation_id',
    ])
  if (options.organisationId) query = query.where('b.organisation_id', '=', options.organisationId)
  if (options.queue) query = query.where('b.status', '=', 'requested')
  if (scope !== 'all') {
    // an organisation's own bookings, or (for a partner provider's admins) orders of the provider's own items
    const providerOrgs = [...actor.orgs.keys()].filter((id) => can(actor, 'catalog.manage_own', id))
    if (scope.length === 0 && providerOrgs.length === 0) return []
    query = query.where((eb) =>
      eb.or([
        ...(scope.length > 0 ? [eb('b.organisation_id', 'in', scope)] : []),
        ...(providerOrgs.length > 0 ? [eb('p.organisation_id', 'in', providerOrgs)] : []),
      ]),
    )
  }
  const rows = await query.orderBy('b.requested_at', 'desc').orderBy('b.ref', 'desc').limit(1000).execute()
  return rows
    .filter((r) => mayRead(actor, r, { organisation_id: r.provider_organisation_id }))
    .map((r) => {
      const booking = toBooking(r)
      const area = { de: r.area_de, en: r.area_en }
      return {
        ...booking,
        state: bookingState(booking, options.today),
        itemName:
          r.service_de !== null ? { de: `${r.service_de} (${area.de})`, en: `${r.service_en} (${area.en})` } : area,
        areaKey: r.area_key,
        organisationName: r.organisation_name ?? booking.requester?.organisationName ?? null,
        providerOrganisationId: r.provider_organisation_id,
      }
    })
    .filter((b) => matches(b.state, options.state))
}

/** Everything the booking's page shows: the agreed price and terms, the state and its history, what may be done. */
export interface BookingDetail {
  booking: Booking
  state: BookingState
  item: OrderItem
  itemName: Localised
  organisationName: string | null
  history: Array<{ at: string; actor: string; action: string; reason: string | null }>
  /** Price versions of the item that start after today, and the notices of them this booking got. */
  upcomingPrices: StoredPriceVersion[]
  notices: Array<{ priceVersionId: string; validFrom: PlainDate; recipients: string[]; notifiedAt: string }>
  shareApplication: { id: string; ref: string; status: string; shares: number } | null
  replaces: { id: string; ref: string } | null
  pendingChanges: Array<{ id: string; ref: string; startsOn: PlainDate }>
  may: { withdraw: boolean; cancel: boolean; change: boolean; decide: boolean }
  /** After a primary area's cancellation: the §67b offer, for those who may give notice for the member. */
  sharesOffer: SharesOffer | null
}

export async function bookingDetail(db: Executor, actor: Actor, id: string, env: ActionEnv): Promise<BookingDetail> {
  const row = await findBooking(db, id)
  if (!row) throw new DomainError('not_found')
  const item = await itemOfBooking(db, row)
  if (actor.kind === 'anonymous') throw new DomainError('unauthenticated')
  if (!mayRead({ ...actor, scopes: null }, row, item.provider)) throw new DomainError('not_found')
  if (!mayRead(actor, row, item.provider)) throw new DomainError('forbidden', 'booking.read')
  const today = todayIn(env.clock.now())
  const booking = toBooking(row)
  const state = bookingState(booking, today)
  const [journal, notices, application, organisation, replaced, pending] = await Promise.all([
    bookingJournal(db, id),
    priceNoticesOf(db, id),
    row.share_application_id ? shareApplicationRow(db, row.share_application_id) : Promise.resolve(undefined),
    row.organisation_id
      ? db.selectFrom('organisation').select('name').where('id', '=', row.organisation_id).executeTakeFirst()
      : Promise.resolve(undefined),
    row.replaces_id ? findBooking(db, row.replaces_id) : Promise.resolve(undefined),
    pendingChangesOf(db, id),
  ])
  const transitions = allowedTransitions(state)
  const orders = row.organisation_id !== null && can(actor, 'booking.order', row.organisation_id)
  const offer =
    row.organisation_id !== null && can(actor, 'member.give_notice', row.organisation_id)
      ? await offerAfterCancellation(db, booking, item, today)
      : null
  return {
    booking,
    state,
    item,
    itemName: { de: itemName(item, 'de'), en: itemName(item, 'en') },
    organisationName: organisation?.name ?? booking.requester?.organisationName ?? null,
    history: journal.map((e) => ({
      at: new Date(e.at).toISOString(),
      actor: e.actor_label,
      action: e.action,
      reason: e.reason,
    })),
    upcomingPrices: item.versions.filter((v) => compareDates(v.validFrom, today) > 0),
    notices: notices.map((n) => ({
      priceVersionId: n.price_version_id,
      validFrom: n.valid_from,
      recipients: n.recipients,
      notifiedAt: new Date(n.notified_at).toISOString(),
    })),
    shareApplication: application
      ? {
          id: application.id,
          ref: application.ref,
          status: application.status,
          shares: application.mandatory_shares + application.voluntary_shares,
        }
      : null,
    replaces: replaced ? { id: replaced.id, ref: replaced.ref } : null,
    pendingChanges: pending.map((p) => ({ id: p.id, ref: p.ref, startsOn: p.starts_on })),
    may: {
      withdraw: orders && transitions.includes('withdraw'),
      cancel: orders && transitions.includes('cancel') && row.ends_on === null && pending.length === 0,
      change:
        orders &&
        transitions.includes('change') &&
        row.ends_on === null &&
        row.kind !== 'hourly' &&
        pending.length === 0,
      decide: transitions.includes('confirm') && mayDecide(actor, item.provider),
    },
    sharesOffer: offer,
  }
}
