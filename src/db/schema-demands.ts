import type { ColumnType, Generated } from 'kysely'

/** Tables of the members' demand for an assembly or agenda items (§45 GenG; migration 0008-assembly-demands). */

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>

export interface AssemblyDemandTable {
  id: Generated<string>
  kind: 'assembly' | 'agenda_items'
  assembly_id: string | null
  title: string
  reasons: string
  status: Generated<'open' | 'reached' | 'withdrawn'>
  created_at: Timestamp
  created_by_person_id: string
  reached_at: NullableTimestamp
  reached_members: number | null
  reached_threshold: number | null
}

export interface AssemblyDemandSignatureTable {
  demand_id: string
  member_id: string
  person_id: string
  signed_at: Timestamp
}

export interface DemandsDatabase {
  assembly_demand: AssemblyDemandTable
  assembly_demand_signature: AssemblyDemandSignatureTable
}
