import { shareBalance } from '../capital/capital.rules.ts'
import { ledgerSummary, mandatorySharesOfMember, mandatorySharesOn } from '../capital/ledger.actions.ts'
import type { Executor } from '../db/db.ts'
import { toMember, toShareTx } from '../members/members.model.ts'
import { findMember } from '../members/members.repo.ts'
import { shareCancellationEffectiveDate } from '../members/membership.rules.ts'
import type { PlainDate } from '../platform/dates.ts'
import { statutesOn } from '../statutes/statutes.actions.ts'
import { bookedPrimaryAreas, declaredSharesWaiting } from './bookings.repo.ts'
import { missingShares, sharesHeldFor, sharesNoLongerMandatory } from './bookings.rules.ts'

/** What a primary area means for a member's shares on a day (Satzung: mandatory shares per booked area). */
export interface SharesForArea {
  /** Mandatory shares on the day with the areas booked then and this one. */
  mandatoryWithArea: number
  held: number
  declared: number
  missing: number
  shareValueCents: number
}

/**
 * The shares a member organisation needs for a primary area from `day`: the statutes in force that day, the
 * areas booked that day plus this one, against the shares it holds then (pending §67b cancellations counted)
 * and those it has declared and the board has not yet admitted (§15b GenG).
 */
export async function sharesForArea(
  db: Executor,
  memberId: string,
  organisationId: string,
  areaKey: string,
  day: PlainDate,
  options: { countDeclared?: boolean } = {},
): Promise<SharesForArea> {
  const [row, statutes, booked, summary, declared] = await Promise.all([
    findMember(db, memberId, day),
    statutesOn(db, day),
    bookedPrimaryAreas(db, organisationId, day),
    ledgerSummary(db, memberId, day),
    options.countDeclared === false ? Promise.resolve(0) : declaredSharesWaiting(db, memberId),
  ])
  if (!row) throw new Error(`member ${memberId} is missing`)
  const member = toMember(row, day)
  const areas = [...new Set([...booked, areaKey])]
  const mandatoryWithArea = mandatorySharesOfMember(statutes.settings, { ...member, primaryAreas: areas })
  const held = sharesHeldFor(shareBalance(summary.shareRows.map(toShareTx), day), summary.sharesTotal)
  return {
    mandatoryWithArea,
    held,
    declared,
    missing: missingShares({ mandatoryWithArea, held, declared }),
    shareValueCents: statutes.settings.shareValueCents,
  }
}

/** The §67b offer: how many shares a notice given today may terminate, and when it would take effect. */
export interface SharesOffer {
  memberId: string
  /** Shares that were mandatory for the cancelled area and are not on the day the notice would take effect. */
  shares: number
  effectiveOn: PlainDate
  mandatoryThen: number
  held: number
}

/**
 * After a primary area's cancellation: the shares that were mandatory with the area (today's bookings and this
 * area) and are no longer mandatory on the day a §67b notice given today would take effect — by the same rule
 * `cancelVoluntaryShares` applies, so the offer and the action agree. While the area still runs on that day its
 * shares stay mandatory and nothing is offered.
 */
export async function sharesOffer(
  db: Executor,
  member: { id: string; organisationId: string },
  areaKey: string,
  today: PlainDate,
): Promise<SharesOffer> {
  const statutes = await statutesOn(db, today)
  const effectiveOn = shareCancellationEffectiveDate(today, statutes.settings)
  const [mandatoryThen, withArea, summary] = await Promise.all([
    mandatorySharesOn(db, member.id, effectiveOn),
    sharesForArea(db, member.id, member.organisationId, areaKey, today, { countDeclared: false }),
    ledgerSummary(db, member.id, today),
  ])
  const mandatoryBefore = Math.min(summary.sharesTotal, withArea.mandatoryWithArea)
  return {
    memberId: member.id,
    shares: sharesNoLongerMandatory(mandatoryBefore, mandatoryThen),
    effectiveOn,
    mandatoryThen,
    held: summary.sharesTotal,
  }
}
