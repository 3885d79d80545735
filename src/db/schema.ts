import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely'

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

export interface Database {
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
}

export type OrganisationRow = Selectable<OrganisationTable>
export type NewOrganisation = Insertable<OrganisationTable>
export type OrganisationUpdate = Updateable<OrganisationTable>
export type PersonRow = Selectable<PersonTable>
export type AccountRow = Selectable<AccountTable>
export type AuditEntryRow = Selectable<AuditEntryTable>
