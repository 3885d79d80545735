import type {
  AgendaItem,
  AgendaKind,
  Assembly,
  AssemblyBody,
  AssemblyForm,
  AssemblyKind,
  AssemblyStatus,
} from '../db/schema-governance.ts'
import type { PlainDate } from '../platform/dates.ts'
import { decidable, type GovernanceSettings } from './assembly.rules.ts'

/** An assembly as the pages and the API see it; `onlineUrl` is null for those who may not have it. */
export interface AssemblyView {
  id: string
  ref: string
  body: AssemblyBody
  kind: AssemblyKind
  form: AssemblyForm
  title: string
  startsAt: Date
  endsAt: Date
  timeZone: string
  location: string
  onlineUrl: string | null
  hasOnlineAccess: boolean
  accessNote: string
  votingStartsAt: Date | null
  votingEndsAt: Date | null
  registerDate: PlainDate
  status: AssemblyStatus
  chairPersonId: string | null
  invitedAt: Date | null
  openedAt: Date | null
  closedAt: Date | null
  cancelReason: string | null
  createdAt: Date
  createdBy: string
  updatedAt: Date
  updatedBy: string
}

export interface AgendaItemView {
  id: string
  position: number
  title: string
  description: string
  kind: AgendaKind
  demanded: boolean
  addedAt: Date
  addedBy: string
  withdrawnAt: Date | null
  /** §46 (2) GenG: announced in time and for decision. */
  decidable: boolean
}

const date = (v: Date | string) => new Date(v)
const maybeDate = (v: Date | string | null) => (v === null ? null : new Date(v))

export function toAssemblyView(row: Assembly, options: { showAccess: boolean }): AssemblyView {
  return {
    id: row.id,
    ref: row.ref,
    body: row.body,
    kind: row.kind,
    form: row.form,
    title: row.title,
    startsAt: date(row.starts_at),
    endsAt: date(row.ends_at),
    timeZone: row.time_zone,
    location: row.location,
    onlineUrl: options.showAccess ? row.online_url : null,
    hasOnlineAccess: row.online_url !== null,
    accessNote: options.showAccess ? row.access_note : '',
    votingStartsAt: maybeDate(row.voting_starts_at),
    votingEndsAt: maybeDate(row.voting_ends_at),
    registerDate: row.register_date,
    status: row.status,
    chairPersonId: row.chair_person_id,
    invitedAt: maybeDate(row.invited_at),
    openedAt: maybeDate(row.opened_at),
    closedAt: maybeDate(row.closed_at),
    cancelReason: row.cancel_reason,
    createdAt: date(row.created_at),
    createdBy: row.created_by,
    updatedAt: date(row.updated_at),
    updatedBy: row.updated_by,
  }
}

export function toAgendaItemView(
  row: AgendaItem,
  assembly: Pick<AssemblyView, 'body' | 'startsAt' | 'invitedAt'>,
  settings: Pick<GovernanceSettings, 'agendaDays'>,
): AgendaItemView {
  const addedAt = date(row.added_at)
  const withdrawnAt = maybeDate(row.withdrawn_at)
  return {
    id: row.id,
    position: row.position,
    title: row.title,
    description: row.description,
    kind: row.kind,
    demanded: row.demanded,
    addedAt,
    addedBy: row.added_by,
    withdrawnAt,
    decidable: decidable({ kind: row.kind, addedAt, withdrawnAt }, assembly, settings),
  }
}
