import type { ColumnType, Generated, Selectable } from 'kysely'

/** Tables of the committee rooms (migration 0009-rooms). */

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
type PlainDateColumn = ColumnType<string, string, string>

export const roomKinds = ['board', 'supervisory_board', 'working_group', 'committee'] as const
export type RoomKind = (typeof roomKinds)[number]
export type RoomRole = 'chair' | 'member'

export interface RoomTable {
  id: Generated<string>
  key: string
  name: string
  kind: RoomKind
  description: Generated<string>
  created_at: Timestamp
  created_by: string
}

export interface RoomMemberTable {
  id: Generated<string>
  room_id: string
  person_id: string
  role: RoomRole
  added_at: Timestamp
  added_by: string
  removed_at: NullableTimestamp
  removed_by: string | null
}

export interface RoomDocumentTable {
  id: Generated<string>
  room_id: string
  title: string
  created_at: Timestamp
  created_by: string
}

export interface RoomDocumentVersionTable {
  id: Generated<string>
  document_id: string
  version: number
  filename: string
  content_type: string
  size_bytes: number
  sha256: string
  content: ColumnType<Uint8Array, Uint8Array, never>
  note: Generated<string>
  uploaded_at: Timestamp
  uploaded_by: string
}

export interface RoomAccessTable {
  id: Generated<string>
  room_id: string
  version_id: string
  person_id: string | null
  actor: string
  at: Timestamp
}

export interface RoomMeetingTable {
  id: Generated<string>
  room_id: string
  title: string
  starts_at: Timestamp
  location: Generated<string>
  agenda: Generated<string>
  created_at: Timestamp
  created_by: string
}

export interface RoomDecisionTable {
  id: Generated<string>
  room_id: string
  ref: string
  meeting_id: string | null
  text: string
  decided_on: PlainDateColumn
  votes_yes: number
  votes_no: number
  votes_abstain: number
  outcome: 'adopted' | 'rejected'
  replaces_id: string | null
  recorded_at: Timestamp
  recorded_by: string
}

export const proposalKinds = ['consent', 'poll', 'ranked', 'score'] as const
export type ProposalKind = (typeof proposalKinds)[number]
export type ConsentPosition = 'agree' | 'abstain' | 'disagree' | 'block'
export type ProposalVoteValue =
  | { position: ConsentPosition }
  | { option: number }
  | { ranking: number[] }
  | { scores: number[] }

export interface RoomProposalTable {
  id: Generated<string>
  room_id: string
  kind: ProposalKind
  title: string
  body: Generated<string>
  options: ColumnType<string[], string | undefined, string>
  closes_at: Timestamp
  closed_at: NullableTimestamp
  closed_by: string | null
  outcome: string | null
  reminded_at: NullableTimestamp
  created_at: Timestamp
  created_by: string
  created_by_person_id: string
}

export interface RoomProposalVoteTable {
  proposal_id: string
  person_id: string
  value: ColumnType<ProposalVoteValue, string, string>
  reason: Generated<string>
  voted_at: Timestamp
}

export interface ResolutionTable {
  id: Generated<string>
  ref: string
  source: 'poll' | 'room_decision'
  poll_id: string | null
  room_decision_id: string | null
  assembly_id: string | null
  room_id: string | null
  body: string
  title: string
  text: string
  decided_on: PlainDateColumn
  votes: ColumnType<Record<string, unknown>, string, string>
  outcome: 'adopted' | 'rejected' | 'elected' | 'no_result'
  link: string
  audit_seq: ColumnType<string | number, number, never>
  recorded_at: Timestamp
}

export interface RoomsDatabase {
  resolution: ResolutionTable
  room_proposal: RoomProposalTable
  room_proposal_vote: RoomProposalVoteTable
  room: RoomTable
  room_member: RoomMemberTable
  room_document: RoomDocumentTable
  room_document_version: RoomDocumentVersionTable
  room_access: RoomAccessTable
  room_meeting: RoomMeetingTable
  room_decision: RoomDecisionTable
}

export type Room = Selectable<RoomTable>
export type RoomMember = Selectable<RoomMemberTable>
export type RoomDecision = Selectable<RoomDecisionTable>
export type RoomProposal = Selectable<RoomProposalTable>
export type Resolution = Selectable<ResolutionTable>
