import type { ColumnType, Generated, Selectable } from 'kysely'

/** Tables of assemblies, voter rolls, proxies, presence, motions, polls and ballots (migration 0007-governance). */

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
/** date columns as 'YYYY-MM-DD' text (the pg and PGlite type parsers are set so), like the register's dates. */
type PlainDateColumn = ColumnType<string, string, string>
type Json<T> = ColumnType<T, string, string>

export const assemblyBodies = ['general_assembly', 'board', 'supervisory_board', 'committee'] as const
export type AssemblyBody = (typeof assemblyBodies)[number]
export const assemblyKinds = ['ordinary', 'extraordinary', 'meeting'] as const
export type AssemblyKind = (typeof assemblyKinds)[number]
export const assemblyForms = ['in_person', 'virtual', 'hybrid', 'stretched'] as const
export type AssemblyForm = (typeof assemblyForms)[number]
export const assemblyStatuses = ['draft', 'invited', 'open', 'closed', 'cancelled'] as const
export type AssemblyStatus = (typeof assemblyStatuses)[number]
export const agendaKinds = ['information', 'motion', 'election', 'statute_change', 'other'] as const
export type AgendaKind = (typeof agendaKinds)[number]
export const invitationKinds = ['invitation', 'agenda_addition', 'documents', 'change', 'cancellation'] as const
export type InvitationKind = (typeof invitationKinds)[number]
export const motionStatuses = ['submitted', 'admitted', 'withdrawn', 'voted', 'adopted', 'rejected'] as const
export type MotionStatus = (typeof motionStatuses)[number]
export const majorities = ['simple', 'two_thirds', 'three_quarters'] as const
export type Majority = (typeof majorities)[number]
export const pollMethods = ['yes_no', 'candidates', 'pick'] as const
export type PollMethod = (typeof pollMethods)[number]
export const pollStatuses = ['draft', 'open', 'closed'] as const
export type PollStatus = (typeof pollStatuses)[number]
export type Answer = 'yes' | 'no' | 'abstain'
/** What one ballot chose, by poll method. */
export type BallotChoices = { choice: Answer } | { options: Record<string, Answer> } | { picks: string[] }

export interface AssemblyTable {
  id: Generated<string>
  ref: string
  body: AssemblyBody
  kind: AssemblyKind
  form: AssemblyForm
  title: string
  starts_at: Timestamp
  ends_at: Timestamp
  time_zone: Generated<string>
  location: Generated<string>
  online_url: string | null
  access_note: Generated<string>
  voting_starts_at: NullableTimestamp
  voting_ends_at: NullableTimestamp
  register_date: PlainDateColumn
  status: Generated<AssemblyStatus>
  chair_person_id: string | null
  invited_at: NullableTimestamp
  invited_by: string | null
  opened_at: NullableTimestamp
  closed_at: NullableTimestamp
  cancel_reason: string | null
  created_at: Timestamp
  created_by: string
  updated_at: Timestamp
  updated_by: string
}

export interface AgendaItemTable {
  id: Generated<string>
  assembly_id: string
  position: number
  title: string
  description: Generated<string>
  kind: AgendaKind
  demanded: Generated<boolean>
  added_at: Timestamp
  added_by: string
  withdrawn_at: NullableTimestamp
}

export interface AssemblyInvitationTable {
  id: Generated<string>
  assembly_id: string
  kind: InvitationKind
  member_id: string | null
  person_id: string | null
  email: string
  mail_id: string | null
  sent_at: Timestamp
  sent_by: string
}

export interface AssemblyVoterTable {
  assembly_id: string
  member_id: string
  votes: number
  representative_person_id: string | null
}

export interface AssemblyProxyTable {
  id: Generated<string>
  assembly_id: string
  grantor_member_id: string
  holder_person_id: string
  form: 'online' | 'written'
  document_name: string | null
  document_sha256: string | null
  granted_at: Timestamp
  granted_by: string
  revoked_at: NullableTimestamp
  revoked_by: string | null
}

export interface AssemblyAttendanceTable {
  id: Generated<string>
  assembly_id: string
  person_id: string
  mode: 'in_person' | 'online'
  checked_in_at: Timestamp
  checked_in_by: string
  checked_out_at: NullableTimestamp
}

export interface MotionTable {
  id: Generated<string>
  assembly_id: string
  agenda_item_id: string | null
  ref: string
  title: string
  body: string
  reasons: Generated<string>
  status: Generated<MotionStatus>
  statute_change: Generated<boolean>
  majority: Generated<Majority>
  submitted_by_person_id: string | null
  submitted_at: Timestamp
  decided_at: NullableTimestamp
}

export interface MotionSupporterTable {
  motion_id: string
  member_id: string
  person_id: string
  supported_at: Timestamp
}

export interface MotionAmendmentTable {
  id: Generated<string>
  motion_id: string
  ref: string
  body: string
  reasons: Generated<string>
  status: Generated<MotionStatus>
  submitted_by_person_id: string | null
  submitted_at: Timestamp
}

export interface PollTable {
  id: Generated<string>
  assembly_id: string
  agenda_item_id: string | null
  motion_id: string | null
  amendment_id: string | null
  title: string
  method: PollMethod
  seats: Generated<number>
  secret: boolean
  majority: Generated<Majority>
  status: Generated<PollStatus>
  opened_at: NullableTimestamp
  opened_by: string | null
  closed_at: NullableTimestamp
  closed_by: string | null
  result: Json<unknown> | null
  declaration: string | null
  created_at: Timestamp
  created_by: string
}

export interface PollOptionTable {
  id: Generated<string>
  poll_id: string
  position: number
  label: string
  person_id: string | null
}

export interface PollExclusionTable {
  poll_id: string
  member_id: string
  reason: string
}

export interface VoteCastTable {
  poll_id: string
  member_id: string
  cast_by_person_id: string
  proxy_id: string | null
}

export interface BallotTable {
  id: Generated<string>
  poll_id: string
  member_id: string | null
  receipt: string | null
  choices: Json<BallotChoices>
  weight: number
}

export interface GovernanceDatabase {
  assembly: AssemblyTable
  agenda_item: AgendaItemTable
  assembly_invitation: AssemblyInvitationTable
  assembly_voter: AssemblyVoterTable
  assembly_proxy: AssemblyProxyTable
  assembly_attendance: AssemblyAttendanceTable
  motion: MotionTable
  motion_supporter: MotionSupporterTable
  motion_amendment: MotionAmendmentTable
  poll: PollTable
  poll_option: PollOptionTable
  poll_exclusion: PollExclusionTable
  vote_cast: VoteCastTable
  ballot: BallotTable
}

export type Assembly = Selectable<AssemblyTable>
export type AgendaItem = Selectable<AgendaItemTable>
export type AssemblyProxy = Selectable<AssemblyProxyTable>
export type Motion = Selectable<MotionTable>
export type MotionAmendment = Selectable<MotionAmendmentTable>
export type Poll = Selectable<PollTable>
export type PollOption = Selectable<PollOptionTable>
export type Ballot = Selectable<BallotTable>
