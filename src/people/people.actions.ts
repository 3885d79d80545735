import type { Executor, Trx } from '../db/db.ts'
import type { PersonRow } from '../db/schema.ts'
import type { Actor } from '../platform/actor.ts'
import { audit } from '../platform/audit.ts'
import type { ActionEnv } from '../platform/context.ts'
import { DomainError } from '../platform/errors.ts'
import { authorize, can, organisationScope } from '../platform/policy.ts'
import {
  accountOfPerson,
  affiliationsOfPerson,
  findPerson,
  insertPerson,
  lockPerson,
  personInOrganisations,
  searchPeople as searchRows,
  updatePersonRow,
} from './people.repo.ts'
import type { Person, PersonInput, PersonPatch } from './people.schema.ts'

const columns: Record<keyof PersonPatch, keyof PersonRow> = {
  givenName: 'given_name',
  familyName: 'family_name',
  email: 'email',
  phone: 'phone',
  street: 'street',
  postalCode: 'postal_code',
  city: 'city',
  country: 'country',
}

function toColumns(patch: PersonPatch): Partial<PersonRow> {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(patch))
    if (value !== undefined) out[columns[key as keyof PersonPatch]] = value
  return out as Partial<PersonRow>
}

export async function toPerson(db: Executor, row: PersonRow): Promise<Person> {
  const [account, affiliations] = await Promise.all([accountOfPerson(db, row.id), affiliationsOfPerson(db, row.id)])
  const organisations = new Map<string, Person['organisations'][number]>()
  for (const a of affiliations) {
    const entry = organisations.get(a.id) ?? { id: a.id, name: a.name, functions: [] }
    entry.functions.push(a.function)
    organisations.set(a.id, entry)
  }
  return {
    id: row.id,
    givenName: row.given_name,
    familyName: row.family_name,
    email: row.email,
    phone: row.phone,
    street: row.street,
    postalCode: row.postal_code,
    city: row.city,
    country: row.country,
    account: account
      ? {
          id: account.id,
          email: account.email,
          emailVerified: account.email_verified_at !== null,
          twoFactor: account.totp_enabled_at !== null,
          roles: account.roles,
          lastLoginAt: account.last_login_at ? new Date(account.last_login_at).toISOString() : null,
        }
      : null,
    organisations: [...organisations.values()],
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  }
}

/** Journal view of a person: contact data only. */
function snapshot(row: PersonRow) {
  return {
    givenName: row.given_name,
    familyName: row.family_name,
    email: row.email,
    phone: row.phone,
    street: row.street,
    postalCode: row.postal_code,
    city: row.city,
    country: row.country,
  }
}

export async function createPerson(trx: Trx, actor: Actor, input: PersonInput, env: ActionEnv): Promise<Person> {
  authorize(actor, 'person.create')
  const now = env.clock.now()
  const row = await insertPerson(trx, {
    ...(toColumns(input) as Omit<PersonRow, 'id'>),
    created_at: now,
    updated_at: now,
  })
  await audit(
    trx,
    actor,
    { action: 'person.created', subjectType: 'person', subjectId: row.id, after: snapshot(row) },
    env.clock,
  )
  return toPerson(trx, row)
}

/** Staff edit anyone; everyone edits themselves (their profile). */
export async function updatePerson(
  trx: Trx,
  actor: Actor,
  id: string,
  patch: PersonPatch,
  env: ActionEnv,
): Promise<Person> {
  if (actor.personId !== id) authorize(actor, 'person.update_any')
  const current = await lockPerson(trx, id)
  if (!current) throw new DomainError('not_found')
  const row = await updatePersonRow(trx, id, { ...toColumns(patch), updated_at: env.clock.now() })
  const before = snapshot(current)
  const after = snapshot(row)
  const changed = (Object.keys(after) as Array<keyof typeof after>).filter((k) => before[k] !== after[k])
  if (changed.length > 0) {
    await audit(
      trx,
      actor,
      {
        action: 'person.updated',
        subjectType: 'person',
        subjectId: id,
        before: Object.fromEntries(changed.map((k) => [k, before[k]])),
        after: Object.fromEntries(changed.map((k) => [k, after[k]])),
      },
      env.clock,
    )
  }
  return toPerson(trx, row)
}

/** Readable by the cooperative's readers, by the person, and by admins of an organisation the person belongs to. */
export async function getPerson(db: Executor, actor: Actor, id: string): Promise<Person> {
  if (actor.kind === 'anonymous') throw new DomainError('unauthenticated')
  const allowed =
    can(actor, 'person.list_all') ||
    actor.personId === id ||
    (await personInOrganisations(db, id, asList(organisationScope(actor, 'affiliation.manage'))))
  // Someone who may not see the person learns nothing, not even that the id exists.
  if (!allowed) throw new DomainError('not_found')
  const row = await findPerson(db, id)
  if (!row) throw new DomainError('not_found')
  return toPerson(db, row)
}

function asList(scope: 'all' | string[]): string[] {
  return scope === 'all' ? [] : scope
}

export async function searchPeople(
  db: Executor,
  actor: Actor,
  options: { q?: string; page: number; pageSize: number },
) {
  authorize(actor, 'person.list_all')
  const { rows, total } = await searchRows(db, options)
  return {
    items: await Promise.all(rows.map((row) => toPerson(db, row))),
    total,
    page: options.page,
    pageSize: options.pageSize,
  }
}
