import type { Executor, Trx } from '../db/db.ts'
import type { Actor } from '../platform/actor.ts'
import { audit } from '../platform/audit.ts'
import type { ActionEnv } from '../platform/context.ts'
import { compareDates, type PlainDate, todayIn } from '../platform/dates.ts'
import { DomainError, fieldError } from '../platform/errors.ts'
import { authorize } from '../platform/policy.ts'
import { insertStatutesVersion, lockStatutes, statutesRows } from './statutes.repo.ts'
import {
  readStatutes,
  type StatutesSettings,
  type StatutesVersion,
  statutesSettingsSchema,
  versionInForce,
} from './statutes.rules.ts'

export interface StatutesVersionView extends StatutesVersion {
  note: string
  createdAt: string
  createdBy: string
}

/** Every version of the statutes, oldest first. Public: applicants read them before they agree. */
export async function listStatutes(db: Executor): Promise<StatutesVersionView[]> {
  const rows = await statutesRows(db)
  return rows.map((r) => ({
    id: r.id,
    validFrom: r.valid_from,
    settings: readStatutes(r.settings),
    note: r.note,
    createdAt: new Date(r.created_at).toISOString(),
    createdBy: r.created_by,
  }))
}

/** The statutes in force on a date; every computation asks for the version of its own date. */
export async function statutesOn(db: Executor, date: PlainDate): Promise<StatutesVersionView> {
  const version = versionInForce(await listStatutes(db), date)
  if (!version) throw new DomainError('not_found', `no statutes in force on ${date}`)
  return version
}

/** A lookup for many dates at once (register exports, benchmarks) without one query per date. */
export async function statutesLookup(db: Executor): Promise<(date: PlainDate) => StatutesSettings> {
  const versions = await listStatutes(db)
  return (date) => {
    const version = versionInForce(versions, date)
    if (!version) throw new DomainError('not_found', `no statutes in force on ${date}`)
    return version.settings
  }
}

/**
 * The board adopts a new version of the statutes from a date. Versions are never edited; a version may not
 * start in the past (what was computed under the old one stays true) nor on the date of an existing one.
 */
export async function adoptStatutes(
  trx: Trx,
  actor: Actor,
  input: { validFrom: PlainDate; settings: StatutesSettings; note: string },
  env: ActionEnv,
): Promise<StatutesVersionView> {
  authorize(actor, 'statutes.manage')
  const today = todayIn(env.clock.now())
  if (compareDates(input.validFrom, today) < 0) throw fieldError('validFrom', 'date_in_past')
  // stored settings that fail the schema would make every later read of the statutes throw
  const checked = statutesSettingsSchema.safeParse(input.settings)
  if (!checked.success)
    throw new DomainError(
      'validation',
      'settings',
      checked.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    )
  await lockStatutes(trx)
  const existing = await statutesRows(trx)
  if (existing.some((r) => r.valid_from === input.validFrom)) throw fieldError('validFrom', 'statutes_date_taken')
  const row = await insertStatutesVersion(trx, {
    valid_from: input.validFrom,
    settings: JSON.stringify(input.settings),
    note: input.note,
    created_at: env.clock.now(),
    created_by: actor.label,
  })
  const view: StatutesVersionView = {
    id: row.id,
    validFrom: row.valid_from,
    settings: readStatutes(row.settings),
    note: row.note,
    createdAt: new Date(row.created_at).toISOString(),
    createdBy: row.created_by,
  }
  const before = versionInForce(
    existing.map((r) => ({ validFrom: r.valid_from, settings: r.settings })),
    input.validFrom,
  )
  await audit(
    trx,
    actor,
    {
      action: 'statutes.adopted',
      subjectType: 'statutes',
      subjectId: row.id,
      organisationId: null,
      before: before ? { validFrom: before.validFrom, settings: before.settings } : null,
      after: { validFrom: view.validFrom, settings: view.settings, note: view.note },
    },
    env.clock,
  )
  return view
}
