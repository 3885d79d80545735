import type { Executor } from '../db/db.ts'
import type { FollowUpStatus } from '../db/schema-catalog.ts'
import type { Actor } from '../platform/actor.ts'
import type { PlainDate } from '../platform/dates.ts'
import { authorize } from '../platform/policy.ts'
import { type QuoteBasis, quoteBasisOn } from './needs.catalog.ts'
import type { QuestionnaireStage } from './needs.model.ts'
import { type OverviewRow, overviewRows } from './needs.repo.ts'
import {
  type Aggregate,
  aggregateProjections,
  compareForList,
  type Projection,
  projectQuestionnaire,
} from './needs.rules.ts'
import type { OverviewFilter, OverviewQuery } from './needs.schema.ts'

/**
 * The founders' view (the business plan's input, collected "in February"): every questionnaire the filter lets
 * through, recomputed with the day's catalog prices and statutes, summed by stage, size tier and area.
 */

export interface OverviewItem {
  id: string
  ref: string
  /** Empty once the contact erased the questionnaire. */
  organisationName: string
  legalForm: string
  city: string
  employees: number
  volunteers: number
  annualBudgetCents: number
  devices: number
  toolsToday: string[]
  wantedAreas: string[]
  consultingHours: number
  trainingHours: number
  stage: QuestionnaireStage
  submittedAt: string
  followUpStatus: FollowUpStatus
  followUpOn: PlainDate | null
  assignedAccountId: string | null
  assignedLabel: string | null
  erased: boolean
  applied: boolean
  projection: Projection
}

export interface Overview {
  /** The day the projections were computed for, and what they were computed with. */
  day: PlainDate
  statutes: { id: string; validFrom: PlainDate; shareValueCents: number }
  capitalMonths: number
  /** Primary areas without a price on the day (their revenue is missing from the projections). */
  unpricedAreas: string[]
  basis: QuoteBasis
  items: OverviewItem[]
  aggregate: Aggregate
}

function toItem(row: OverviewRow, basis: QuoteBasis): OverviewItem {
  const figures = {
    employees: row.employees,
    volunteers: row.volunteers,
    annualBudgetCents: Number(row.annual_budget_cents),
    devices: row.devices,
    toolsToday: row.tools_today,
    wantedAreas: row.wanted_areas,
    consultingHours: row.consulting_hours,
    trainingHours: row.training_hours,
  }
  return {
    id: row.id,
    ref: row.ref,
    organisationName: row.organisation_name,
    legalForm: row.legal_form,
    city: row.city,
    ...figures,
    stage: row.stage,
    submittedAt: new Date(row.submitted_at).toISOString(),
    followUpStatus: row.follow_up_status,
    followUpOn: row.follow_up_on,
    assignedAccountId: row.assigned_account_id,
    assignedLabel: row.assigned_email,
    erased: row.erased_at !== null,
    applied: row.application_id !== null,
    projection: projectQuestionnaire(
      { ...figures, stage: row.stage },
      basis.catalog,
      basis.statutes.settings,
      basis.capitalMonths,
    ),
  }
}

/**
 * Reads and projects the questionnaires the filter selects, sorted as asked. Erased questionnaires count with
 * their figures (their personal fields are empty). Everything is recomputed for `day` in memory: one read of the
 * catalog and statutes, one of the questionnaires.
 */
export async function needsOverview(
  db: Executor,
  actor: Actor,
  query: OverviewQuery,
  day: PlainDate,
): Promise<Overview> {
  authorize(actor, 'needs.read_all')
  const filter: OverviewFilter = { stage: query.stage, status: query.status, from: query.from, to: query.to }
  const [basis, rows] = await Promise.all([quoteBasisOn(db, day), overviewRows(db, filter)])
  const items = rows.map((row) => toItem(row, basis))
  items.sort((a, b) =>
    compareForList(
      { ...a, monthlyNetCents: a.projection.monthlyNetCents },
      { ...b, monthlyNetCents: b.projection.monthlyNetCents },
      query.sort,
      query.dir === 'desc',
    ),
  )
  const aggregate = aggregateProjections(
    items.map((i) => i.projection),
    basis.statutes.settings.sizeTiers.map((t) => t.key),
    basis.choices.map((c) => c.key),
  )
  return {
    day,
    statutes: {
      id: basis.statutes.id,
      validFrom: basis.statutes.validFrom,
      shareValueCents: basis.statutes.settings.shareValueCents,
    },
    capitalMonths: basis.capitalMonths,
    unpricedAreas: basis.areas.filter((a) => a.kind === 'primary' && !a.flatRate).map((a) => a.key),
    basis,
    items,
    aggregate,
  }
}
