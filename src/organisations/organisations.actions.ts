import type { Executor, Trx } from '../db/db.ts'
import type { OrganisationRow } from '../db/schema.ts'
import type { Actor } from '../platform/actor.ts'
import { audit } from '../platform/audit.ts'
import type { ActionEnv } from '../platform/context.ts'
import { DomainError, fieldError } from '../platform/errors.ts'
import { authorize, authorizeWithin, organisationScope } from '../platform/policy.ts'
import {
  findOrganisation,
  insertOrganisation,
  listOrganisations,
  lockOrganisation,
  nextOrganisationRef,
  updateOrganisation as updateRow,
} from './organisations.repo.ts'
import type { Organisation, OrganisationInput, OrganisationPatch } from './organisations.schema.ts'

export function toOrganisation(row: OrganisationRow): Organisation {
  return {
    id: row.id,
    ref: row.ref,
    name: row.name,
    legalForm: row.legal_form,
    street: row.street,
    postalCode: row.postal_code,
    city: row.city,
    country: row.country,
    email: row.email,
    phone: row.phone,
    website: row.website,
    vatId: row.vat_id,
    leitwegId: row.leitweg_id,
    iban: row.iban,
    employees: row.employees,
    volunteers: row.volunteers,
    annualBudgetCents: Number(row.annual_budget_cents),
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
    archivedAt: row.archived_at ? new Date(row.archived_at).toISOString() : null,
  }
}

function toColumns(input: OrganisationPatch) {
  const map: Record<keyof OrganisationPatch, string> = {
    name: 'name',
    legalForm: 'legal_form',
    street: 'street',
    postalCode: 'postal_code',
    city: 'city',
    country: 'country',
    email: 'email',
    phone: 'phone',
    website: 'website',
    vatId: 'vat_id',
    leitwegId: 'leitweg_id',
    iban: 'iban',
    employees: 'employees',
    volunteers: 'volunteers',
    annualBudgetCents: 'annual_budget_cents',
  }
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(input))
    if (value !== undefined) out[map[key as keyof OrganisationPatch]] = value
  return out
}

/** Registers an organisation (staff or board). */
export async function createOrganisation(
  trx: Trx,
  actor: Actor,
  input: OrganisationInput,
  env: ActionEnv,
): Promise<Organisation> {
  authorize(actor, 'organisation.create')
  const now = env.clock.now()
  const row = await insertOrganisation(trx, {
    ...(toColumns(input) as object),
    name: input.name,
    legal_form: input.legalForm,
    ref: await nextOrganisationRef(trx),
    created_at: now,
    updated_at: now,
  } as Parameters<typeof insertOrganisation>[1])
  const organisation = toOrganisation(row)
  await audit(
    trx,
    actor,
    {
      action: 'organisation.created',
      subjectType: 'organisation',
      subjectId: row.id,
      organisationId: row.id,
      after: organisation,
    },
    env.clock,
  )
  return organisation
}

/** Changes an organisation's data; the journal keeps only the fields that changed, before and after. */
export async function updateOrganisation(
  trx: Trx,
  actor: Actor,
  id: string,
  patch: OrganisationPatch,
  env: ActionEnv,
): Promise<Organisation> {
  authorizeWithin(actor, 'organisation.update', id)
  const current = await lockOrganisation(trx, id)
  if (!current) throw new DomainError('not_found')
  if (current.archived_at) throw new DomainError('conflict', 'organisation archived')
  const before = toOrganisation(current)
  const row = await updateRow(trx, id, { ...toColumns(patch), updated_at: env.clock.now() })
  const after = toOrganisation(row)
  const changedBefore: Record<string, unknown> = {}
  const changedAfter: Record<string, unknown> = {}
  for (const key of Object.keys(patch) as Array<keyof Organisation>) {
    if (before[key] !== after[key]) {
      changedBefore[key] = before[key]
      changedAfter[key] = after[key]
    }
  }
  if (Object.keys(changedAfter).length > 0) {
    await audit(
      trx,
      actor,
      {
        action: 'organisation.updated',
        subjectType: 'organisation',
        subjectId: id,
        organisationId: id,
        before: changedBefore,
        after: changedAfter,
      },
      env.clock,
    )
  }
  return after
}

/** Archives (never deletes) an organisation: its history stays, it disappears from lists. */
export async function archiveOrganisation(
  trx: Trx,
  actor: Actor,
  id: string,
  reason: string,
  env: ActionEnv,
): Promise<Organisation> {
  authorize(actor, 'organisation.archive', id)
  if (!reason.trim()) throw fieldError('reason', 'required')
  const current = await lockOrganisation(trx, id)
  if (!current) throw new DomainError('not_found')
  if (current.archived_at) return toOrganisation(current)
  const row = await updateRow(trx, id, { archived_at: env.clock.now(), updated_at: env.clock.now() })
  await audit(
    trx,
    actor,
    { action: 'organisation.archived', subjectType: 'organisation', subjectId: id, organisationId: id, reason },
    env.clock,
  )
  return toOrganisation(row)
}

export async function getOrganisation(db: Executor, actor: Actor, id: string): Promise<Organisation> {
  authorizeWithin(actor, 'organisation.read', id)
  const row = await findOrganisation(db, id, organisationScope(actor, 'organisation.read'))
  if (!row) throw new DomainError('not_found')
  return toOrganisation(row)
}

export async function searchOrganisations(
  db: Executor,
  actor: Actor,
  options: { q?: string; page: number; pageSize: number },
): Promise<{ items: Organisation[]; total: number; page: number; pageSize: number }> {
  if (actor.kind === 'anonymous') throw new DomainError('unauthenticated')
  const scope = organisationScope(actor, 'organisation.read')
  const { rows, total } = await listOrganisations(db, scope, options)
  return { items: rows.map(toOrganisation), total, page: options.page, pageSize: options.pageSize }
}
