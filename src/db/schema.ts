import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely'
import type { CatalogDatabase } from './schema-catalog.ts'
import type { DemandsDatabase } from './schema-demands.ts'
import type { EventsDatabase } from './schema-events.ts'
import type { GovernanceDatabase } from './schema-governance.ts'
import type { RoomsDatabase } from './schema-rooms.ts'

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
type Json = ColumnType<unknown, string | undefined | null, string | null>

export const legalForms = ['ev', 'stiftung', 'ggmbh', 'gmbh', 'eg', 'public_body', 'other'] as const
export type LegalForm = (typeof legalForms)[number]

/** Functions a person has for an organisation; `admin` and `member_user` double as the organisation roles. */
export const orgFunctions = [
  'legal_representative',
  'admin',
  'member_user',
  'billing_contact',
  'technical_contact',
] as const
export type OrgFunction = (typeof orgFunctions)[number]

export const coopRoles = ['board', 'supervisory_board', 'staff', 'auditor'] as const
export type CoopRole = (typeof coopRoles)[number]

export interface InstanceSettingTable {
  key: string
  value: string
}

export interface OrganisationTable {
  id: Generated<string>
  ref: string
  name: string
  legal_form: LegalForm
  street: Generated<string>
  postal_code: Generated<string>
  city: Generated<string>
  country: Generated<string>
  email: string | null
  phone: string | null
  website: string | null
  vat_id: string | null
  leitweg_id: string | null
  iban: string | null
  employees: Generated<number>
  volunteers: Generated<number>
  annual_budget_cents: ColumnType<number, number | undefined, number>
  created_at: Timestamp
  updated_at: Timestamp
  archived_at: NullableTimestamp
}

export interface PersonTable {
  id: Generated<string>
  given_name: string
  family_name: string
  email: string | null
  phone: string | null
  street: Generated<string>
  postal_code: Generated<string>
  city: Generated<string>
  country: Generated<string>
  created_at: Timestamp
  updated_at: Timestamp
}

export interface AffiliationTable {
  organisation_id: string
  person_id: string
  function: OrgFunction
  created_at: Timestamp
}

export interface AccountTable {
  id: Generated<string>
  person_id: string
  email: string
  email_verified_at: NullableTimestamp
  password_hash: string | null
  totp_secret: string | null
  totp_enabled_at: NullableTimestamp
  totp_last_step: number | null
  failed_logins: Generated<number>
  locked_until: NullableTimestamp
  language: Generated<'de' | 'en'>
  disabled_at: NullableTimestamp
  last_login_at: NullableTimestamp
  created_at: Timestamp
}

export interface AccountRoleTable {
  account_id: string
  role: CoopRole
  granted_at: Timestamp
}

export interface SessionTable {
  token_hash: string
  account_id: string
  csrf_token: string
  second_factor_pending: Generated<boolean>
  via: Generated<'password' | 'oidc'>
  ip: string | null
  user_agent: string | null
  created_at: Timestamp
  last_seen_at: Timestamp
  expires_at: Date
}

export type OneTimePurpose = 'verify_email' | 'reset_password' | 'invite'

export interface OneTimeTokenTable {
  token_hash: string
  purpose: OneTimePurpose
  account_id: string | null
  email: string
  organisation_id: string | null
  data: Json
  created_at: Timestamp
  expires_at: Date
  used_at: NullableTimestamp
}

export interface ApiTokenTable {
  id: Generated<string>
  account_id: string
  name: string
  prefix: string
  token_hash: string
  scopes: string[]
  created_at: Timestamp
  expires_at: NullableTimestamp
  last_used_at: NullableTimestamp
  revoked_at: NullableTimestamp
}

export interface OidcIdentityTable {
  issuer: string
  subject: string
  account_id: string
  email: string | null
  linked_at: Timestamp
}

export interface LoginAttemptTable {
  id: Generated<number>
  key: string
  attempted_at: Timestamp
  success: boolean
}

export interface MailOutboxTable {
  id: Generated<number>
  recipient: string
  subject: string
  body: string
  created_at: Timestamp
  sent_at: NullableTimestamp
  attempts: Generated<number>
  last_error: string | null
  attachments: ColumnType<unknown, string | undefined, string>
  headers: ColumnType<unknown, string | undefined, string>
}

export interface AuditHeadTable {
  id: number
  seq: number
  hash: string
}

export interface AuditEntryTable {
  seq: number
  at: Date
  actor_account_id: string | null
  actor_label: string
  action: string
  subject_type: string
  subject_id: string
  organisation_id: string | null
  before: Json
  after: Json
  reason: string | null
  prev_hash: string
  hash: string
}

export interface SchemaMigrationTable {
  name: string
  applied_at: Timestamp
}

type PlainDateColumn = ColumnType<string, string, string>
type NullablePlainDate = ColumnType<string | null, string | null | undefined, string | null>

export const memberTypes = ['organisation', 'employee', 'supporting'] as const
export type MemberType = (typeof memberTypes)[number]
export const exitReasons = ['termination', 'exclusion', 'death', 'dissolution', 'transfer'] as const
export type ExitReason = (typeof exitReasons)[number]

export interface StatutesVersionTable {
  id: Generated<string>
  valid_from: PlainDateColumn
  settings: Json
  note: Generated<string>
  created_at: Timestamp
  created_by: string
}

export interface MembershipApplicationTable {
  id: Generated<string>
  ref: string
  kind: 'join' | 'extra_shares'
  member_type: MemberType
  status: Generated<'submitted' | 'admitted' | 'rejected' | 'withdrawn'>
  applicant: Json
  questionnaire: Json
  primary_areas: ColumnType<string[], string[] | undefined, string[]>
  mandatory_shares: number
  voluntary_shares: number
  statutes_version_id: string
  member_id: string | null
  tracking_token_hash: string
  language: Generated<'de' | 'en'>
  submitted_at: Timestamp
  decided_at: NullableTimestamp
  decided_by: string | null
  rejection_reason: string | null
}

export interface MembershipDeclarationTable {
  id: Generated<string>
  application_id: string
  text: string
  statutes_version_id: string
  signer_name: string
  signer_email: string
  signed_at: Timestamp
  ip_address: string | null
  user_agent: string | null
  content_hash: string
  purged_at: NullableTimestamp
}

export interface ApplicationApprovalTable {
  application_id: string
  account_id: string
  approved_at: Timestamp
}

export interface MemberTable {
  id: Generated<string>
  number: string
  member_type: MemberType
  organisation_id: string | null
  person_id: string | null
  joined_on: PlainDateColumn
  application_id: string | null
  notice_given_on: NullablePlainDate
  exit_on: NullablePlainDate
  exit_reason: ExitReason | null
  exit_note: string | null
  exit_recorded_at: NullableTimestamp
  purged_at: NullableTimestamp
  created_at: Timestamp
}

export const shareTxKinds = ['subscription', 'cancellation', 'transfer_out', 'transfer_in', 'reversal'] as const
export type ShareTxKindColumn = (typeof shareTxKinds)[number]
export const capitalTxKinds = [
  'payment_due',
  'payment_received',
  'transfer_out',
  'adoption',
  'loss',
  'payout',
  'reversal',
] as const
export type CapitalTxKindColumn = (typeof capitalTxKinds)[number]

export interface ShareTransactionTable {
  id: Generated<string>
  seq: Generated<number>
  member_id: string
  kind: ShareTxKindColumn
  shares: number
  value_cents: number
  effective_on: PlainDateColumn
  reverses_id: string | null
  counterpart_id: string | null
  application_id: string | null
  note: Generated<string>
  booked_at: Timestamp
  booked_by: string
}

export interface CapitalTransactionTable {
  id: Generated<string>
  seq: Generated<number>
  member_id: string
  kind: CapitalTxKindColumn
  amount_cents: number
  effective_on: PlainDateColumn
  reverses_id: string | null
  reversed_kind: Exclude<CapitalTxKindColumn, 'reversal'> | null
  counterpart_id: string | null
  reference: Generated<string>
  note: Generated<string>
  booked_at: Timestamp
  booked_by: string
}

export interface AnnualAccountsTable {
  fiscal_year_end: PlainDateColumn
  approved_on: PlainDateColumn
  loss_percent: ColumnType<string, string | number, string | number>
  note: Generated<string>
  recorded_at: Timestamp
  recorded_by: string
}

export interface PayoutTable {
  id: Generated<string>
  member_id: string
  cause: 'exit' | 'share_cancellation'
  share_transaction_id: string | null
  ended_on: PlainDateColumn
  due_by: PlainDateColumn
  status: Generated<'awaiting_accounts' | 'paid'>
  loss_cents: number | null
  amount_cents: number | null
  paid_on: NullablePlainDate
  capital_transaction_id: string | null
  created_at: Timestamp
}

export interface Database extends CatalogDatabase, EventsDatabase, GovernanceDatabase, DemandsDatabase, RoomsDatabase {
  instance_setting: InstanceSettingTable
  organisation: OrganisationTable
  person: PersonTable
  affiliation: AffiliationTable
  account: AccountTable
  account_role: AccountRoleTable
  session: SessionTable
  one_time_token: OneTimeTokenTable
  api_token: ApiTokenTable
  oidc_identity: OidcIdentityTable
  login_attempt: LoginAttemptTable
  mail_outbox: MailOutboxTable
  audit_head: AuditHeadTable
  audit_entry: AuditEntryTable
  schema_migration: SchemaMigrationTable
  statutes_version: StatutesVersionTable
  membership_application: MembershipApplicationTable
  membership_declaration: MembershipDeclarationTable
  application_approval: ApplicationApprovalTable
  member: MemberTable
  share_transaction: ShareTransactionTable
  capital_transaction: CapitalTransactionTable
  annual_accounts: AnnualAccountsTable
  payout: PayoutTable
}

export type OrganisationRow = Selectable<OrganisationTable>
export type NewOrganisation = Insertable<OrganisationTable>
export type OrganisationUpdate = Updateable<OrganisationTable>
export type PersonRow = Selectable<PersonTable>
export type AccountRow = Selectable<AccountTable>
export type AuditEntryRow = Selectable<AuditEntryTable>
export type MemberRow = Selectable<MemberTable>
export type ApplicationRow = Selectable<MembershipApplicationTable>
export type ShareTransactionRow = Selectable<ShareTransactionTable>
export type CapitalTransactionRow = Selectable<CapitalTransactionTable>
export type PayoutRow = Selectable<PayoutTable>
