import type { AssemblyStatus } from '../../src/db/schema-governance.ts'
import type { Deps } from '../../src/platform/context.ts'

/**
 * Assemblies for the motions tests, written straight into the tables (the assemblies' own actions belong to
 * another part of the governance work): an ordinary general assembly in person and its voter roll.
 */
let counter = 0

export async function makeAssembly(
  deps: Deps,
  options: { status?: AssemblyStatus; startsAt?: Date; ref?: string } = {},
): Promise<{ id: string; ref: string }> {
  counter += 1
  const ref = options.ref ?? `GV-2026-${String(100 + counter).padStart(3, '0')}`
  const startsAt = options.startsAt ?? new Date('2026-06-20T10:00:00Z')
  const status = options.status ?? 'invited'
  const now = deps.clock.now()
  const row = await deps.db
    .insertInto('assembly')
    .values({
      ref,
      body: 'general_assembly',
      kind: 'ordinary',
      form: 'in_person',
      title: `Ordentliche Generalversammlung ${ref}`,
      starts_at: startsAt,
      ends_at: new Date(startsAt.getTime() + 4 * 3_600_000),
      location: 'Berlin',
      register_date: '2026-05-01',
      status,
      invited_at: status === 'draft' ? null : now,
      cancel_reason: status === 'cancelled' ? 'abgesagt' : null,
      created_at: now,
      created_by: 'test',
      updated_at: now,
      updated_by: 'test',
    })
    .returning(['id', 'ref'])
    .executeTakeFirstOrThrow()
  return row
}

/** Puts a member on the assembly's voter roll, represented by a person (an organisation's representative). */
export async function addVoter(
  deps: Deps,
  assemblyId: string,
  memberId: string,
  representativePersonId: string | null,
  votes = 1,
): Promise<void> {
  await deps.db
    .insertInto('assembly_voter')
    .values({ assembly_id: assemblyId, member_id: memberId, votes, representative_person_id: representativePersonId })
    .execute()
}

/** Sets an assembly's status directly (closing or cancelling it for a test). */
export async function setAssemblyStatus(deps: Deps, assemblyId: string, status: AssemblyStatus): Promise<void> {
  await deps.db
    .updateTable('assembly')
    .set({
      status,
      invited_at: status === 'draft' ? null : deps.clock.now(),
      cancel_reason: status === 'cancelled' ? 'abgesagt' : null,
      closed_at: status === 'closed' ? deps.clock.now() : null,
    })
    .where('id', '=', assemblyId)
    .execute()
}
