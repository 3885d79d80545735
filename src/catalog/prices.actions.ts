import type { Executor, Trx } from '../db/db.ts'
import type { PriceKind } from '../db/schema-catalog.ts'
import { cooperativeInfo } from '../members/cooperative.ts'
import { contactsOf } from '../people/people.repo.ts'
import type { Actor } from '../platform/actor.ts'
import { audit } from '../platform/audit.ts'
import type { ActionEnv } from '../platform/context.ts'
import { addDays, compareDates, type PlainDate, todayIn } from '../platform/dates.ts'
import { DomainError, type FieldIssue, fieldError } from '../platform/errors.ts'
import { formatDate, formatEuro, type Language } from '../platform/i18n.ts'
import { enqueueMail } from '../platform/mail.ts'
import { catalogMailText, priceChangeMail } from './catalog.mails.ts'
import {
  type Area,
  pick,
  type Service,
  type StoredPriceVersion,
  toArea,
  toPriceVersion,
  toService,
} from './catalog.model.ts'
import { authorizeProvider } from './catalog.policy.ts'
import {
  allPriceVersionRows,
  bookingsRunningFrom,
  findAreaByKey,
  findProvider,
  findServiceByKey,
  insertPriceVersion,
  lockArea,
  lockService,
  priceVersionRows,
} from './catalog.repo.ts'
import type { PriceVersionInput } from './prices.schema.ts'
import {
  agreedPrice,
  checkNewVersion,
  earliestRiseStart,
  type PriceVersion,
  raisesPrice,
  tierProblems,
  versionOn,
} from './pricing.rules.ts'

/** The item a price belongs to: an area (its flat rate) or a service (add-on or hourly). */
export type PricedItem = { area: Area; service: null } | { area: Area; service: Service }

export function priceKindOf(item: PricedItem): PriceKind | null {
  if (!item.service) return 'flat_rate'
  return item.service.pricing === 'included' ? null : item.service.pricing
}

async function resolveItem(
  db: Executor,
  input: Pick<PriceVersionInput, 'areaKey' | 'serviceKey'>,
): Promise<PricedItem> {
  if (input.serviceKey) {
    const row = await findServiceByKey(db, input.serviceKey)
    if (!row) throw fieldError('serviceKey', 'service_unknown')
    const area = await db.selectFrom('service_area').selectAll().where('id', '=', row.area_id).executeTakeFirstOrThrow()
    return { area: toArea(area), service: toService(row) }
  }
  const row = input.areaKey ? await findAreaByKey(db, input.areaKey) : undefined
  if (!row) throw fieldError('areaKey', 'area_unknown')
  return { area: toArea(row), service: null }
}

/** Amounts the kind needs are present, amounts it does not use are absent, tiers read as a ladder. */
function amountProblems(kind: PriceKind, input: PriceVersionInput): FieldIssue[] {
  const issues: FieldIssue[] = []
  const need = (field: keyof PriceVersionInput) => {
    if (input[field] === undefined) issues.push({ path: field, message: 'required' })
  }
  const refuse = (field: keyof PriceVersionInput) => {
    if (input[field] !== undefined) issues.push({ path: field, message: 'price_kind_mismatch' })
  }
  if (kind === 'flat_rate') {
    need('tiers')
    for (const f of ['monthlyCents', 'hourlyMemberCents', 'hourlyNonMemberCents'] as const) refuse(f)
    for (const p of tierProblems(input.tiers ?? []))
      issues.push({ path: `tiers.${p.path[0]}.${p.path[1]}`, message: p.message })
  } else if (kind === 'addon') {
    need('monthlyCents')
    for (const f of ['tiers', 'hourlyMemberCents', 'hourlyNonMemberCents'] as const) refuse(f)
  } else {
    need('hourlyMemberCents')
    need('hourlyNonMemberCents')
    for (const f of ['tiers', 'monthlyCents'] as const) refuse(f)
    if (input.setupCents > 0) issues.push({ path: 'setupCents', message: 'price_kind_mismatch' })
  }
  return issues
}

function candidateOf(kind: PriceKind, input: PriceVersionInput): PriceVersion {
  return {
    id: 'new',
    kind,
    validFrom: input.validFrom,
    validUntil: input.validUntil,
    vatPercent: input.vatPercent,
    tiers: kind === 'flat_rate' ? (input.tiers ?? []) : [],
    monthlyCents: kind === 'addon' ? (input.monthlyCents ?? null) : null,
    setupCents: input.setupCents,
    hourlyMemberCents: kind === 'hourly' ? (input.hourlyMemberCents ?? null) : null,
    hourlyNonMemberCents: kind === 'hourly' ? (input.hourlyNonMemberCents ?? null) : null,
  }
}

/**
 * Adopts a new price version of an area's flat rate, an add-on or an hourly service. Prices never change
 * backwards and never overlap (pricing.rules: checkNewVersion); versions are never edited, an open one holds
 * until the next one starts. A rise reaches running bookings only after their notice period, so a member told today
 * can cancel first; the organisations of running bookings are told in the same transaction, and who was told
 * is recorded. What a booking agreed before stays its price until the new version starts.
 */
export async function addPriceVersion(
  trx: Trx,
  actor: Actor,
  input: PriceVersionInput,
  env: ActionEnv,
): Promise<{ version: StoredPriceVersion; notified: number }> {
  const item = await resolveItem(trx, input)
  const providerId = item.service?.providerId ?? item.area.providerId
  const provider = await findProvider(trx, providerId)
  if (!provider) throw new DomainError('not_found')
  authorizeProvider(actor, provider)
  const kind = priceKindOf(item)
  if (!kind) throw fieldError('serviceKey', 'price_kind_mismatch')
  const problems = amountProblems(kind, input)
  if (problems.length > 0) throw new DomainError('validation', 'price amounts', problems)
  if (item.service) await lockService(trx, item.service.id)
  else await lockArea(trx, item.area.id)
  const key = item.service ? { serviceId: item.service.id } : { areaId: item.area.id }
  const existing = (await priceVersionRows(trx, key)).map(toPriceVersion)
  const now = env.clock.now()
  const today = todayIn(now)
  const candidate = candidateOf(kind, input)
  const check = checkNewVersion(existing, candidate, today)
  if (!check.ok) throw fieldError(check.path, check.message)
  const running = await bookingsRunningFrom(
    trx,
    item.service ? { areaId: item.area.id, serviceId: item.service.id } : { areaId: item.area.id, serviceId: null },
    input.validFrom,
  )
  const previous = versionOn(existing, addDays(input.validFrom, -1))
  const rise = raisesPrice(previous, candidate)
  const riseFrom = earliestRiseStart(today, item.area.terms.noticeDays)
  if (rise && running.some((b) => b.status !== 'requested') && compareDates(input.validFrom, riseFrom) < 0)
    throw fieldError('validFrom', 'price_rise_notice')
  const row = await insertPriceVersion(trx, {
    area_id: item.service ? null : item.area.id,
    service_id: item.service?.id ?? null,
    kind,
    valid_from: input.validFrom,
    valid_until: input.validUntil,
    vat_percent: input.vatPercent,
    tiers: kind === 'flat_rate' ? JSON.stringify(input.tiers) : null,
    monthly_cents: candidate.monthlyCents,
    setup_cents: input.setupCents,
    hourly_member_cents: candidate.hourlyMemberCents,
    hourly_non_member_cents: candidate.hourlyNonMemberCents,
    note: input.note,
    created_at: now,
    created_by: actor.label,
  })
  const version = toPriceVersion(row)
  await audit(
    trx,
    actor,
    {
      action: 'price.adopted',
      subjectType: item.service ? 'service' : 'service_area',
      subjectId: item.service?.id ?? item.area.id,
      before: previous ? { id: previous.id, validFrom: previous.validFrom, validUntil: previous.validUntil } : null,
      after: version,
      reason: input.note || null,
    },
    env.clock,
  )
  const notified = await notifyRunningBookings(trx, item, version, running, { rise, today, env })
  return { version, notified }
}

function priceLine(lang: Language, kind: PriceKind, monthly: number | null, hourly: number | null): string {
  if (kind === 'hourly') return `${formatEuro(hourly ?? 0, lang)} / h`
  return `${formatEuro(monthly ?? 0, lang)} / ${lang === 'de' ? 'Monat' : 'month'}`
}

async function notifyRunningBookings(
  trx: Trx,
  item: PricedItem,
  version: StoredPriceVersion,
  running: Awaited<ReturnType<typeof bookingsRunningFrom>>,
  context: { rise: boolean; today: PlainDate; env: ActionEnv },
): Promise<number> {
  if (running.length === 0) return 0
  const cooperative = await cooperativeInfo(trx)
  const now = context.env.clock.now()
  let count = 0
  for (const booking of running) {
    const organisationId = booking.organisation_id
    if (!organisationId) continue
    const org = await trx
      .selectFrom('organisation')
      .select(['name', 'employees', 'volunteers', 'annual_budget_cents'])
      .where('id', '=', organisationId)
      .executeTakeFirstOrThrow()
    const next = agreedPrice(version, {
      size: {
        employees: org.employees,
        volunteers: org.volunteers,
        annualBudgetCents: Number(org.annual_budget_cents),
      },
      quantity: booking.quantity,
      isMember: booking.member_id !== null,
    })
    const recipients = await contactsOf(trx, organisationId, ['admin', 'legal_representative', 'billing_contact'])
    for (const contact of recipients) {
      const lang = contact.language
      const before = priceLine(lang, version.kind, booking.monthly_cents, booking.hourly_cents)
      const after = priceLine(lang, version.kind, next.monthlyCents, next.hourlyCents)
      const lines =
        booking.status === 'requested'
          ? `${lang === 'de' ? 'Neuer Preis' : 'New price'}: ${after}`
          : `${lang === 'de' ? 'Bisher' : 'Until now'}: ${before}\n${lang === 'de' ? 'Ab' : 'From'} ${formatDate(version.validFrom, lang)}: ${after}`
      const cancelBy = addDays(version.validFrom, -(item.area.terms.noticeDays + 1))
      await enqueueMail(
        trx,
        priceChangeMail(lang, contact.email, {
          name: contact.name,
          date: formatDate(version.validFrom, lang),
          item: pick(item.service?.name ?? item.area.name, lang),
          ref: booking.ref,
          organisation: org.name,
          lines,
          riseNote:
            context.rise && booking.status !== 'requested' && compareDates(cancelBy, context.today) >= 0
              ? catalogMailText(lang, 'price_change_rise_note', { cancelBy: formatDate(cancelBy, lang) })
              : '',
          cooperative: cooperative.name,
          link: `${context.env.config.baseUrl}/bookings`,
        }),
      )
    }
    await trx
      .insertInto('price_change_notice')
      .values({
        price_version_id: version.id,
        booking_id: booking.id,
        organisation_id: organisationId,
        recipients: recipients.map((r) => r.email),
        notified_at: now,
      })
      .execute()
    count++
  }
  return count
}

/** Every price version, oldest first (the catalog's price history is public, as prices are). */
export async function listPriceVersions(db: Executor): Promise<StoredPriceVersion[]> {
  return (await allPriceVersionRows(db)).map(toPriceVersion)
}
