import { sql } from 'kysely'
import { submitQuestionnaire } from '../../src/needs/needs.actions.ts'
import { questionnaireInput } from '../../src/needs/needs.schema.ts'
import { type Actor, anonymous } from '../../src/platform/actor.ts'
import type { Deps } from '../../src/platform/context.ts'

/** A complete questionnaire as the public form sends it; override what a test is about. */
export function questionnaireForm(
  overrides: Record<string, string | string[]> = {},
): Record<string, string | string[]> {
  return {
    organisationName: 'Nachbarschaftshilfe Süd e.V.',
    legalForm: 'ev',
    city: 'Leipzig',
    contactName: 'Mira Sommer',
    contactEmail: 'mira@nachbarschaft-sued.test',
    contactPhone: '+49 341 123456',
    employees: '9',
    volunteers: '20',
    annualBudgetCents: '120.000',
    devices: '14',
    toolsToday: ['dropbox', 'zoom', 'trello'],
    painPoints: 'Dateien liegen überall verstreut',
    wantedAreas: ['digital_infrastructure', 'managed_workplace', 'consulting'],
    consultingHours: '10',
    trainingHours: '4',
    stage: 'discussing',
    consentContact: 'on',
    ...overrides,
  }
}

/** The same as JSON (cents for the budget, booleans for the consent). */
export function questionnaireJson(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    organisationName: 'Nachbarschaftshilfe Süd e.V.',
    legalForm: 'ev',
    city: 'Leipzig',
    contactName: 'Mira Sommer',
    contactEmail: 'mira@nachbarschaft-sued.test',
    employees: 9,
    volunteers: 20,
    annualBudgetCents: 12_000_000,
    devices: 14,
    toolsToday: ['dropbox', 'zoom', 'trello'],
    wantedAreas: ['digital_infrastructure', 'managed_workplace', 'consulting'],
    consultingHours: 10,
    trainingHours: 4,
    stage: 'discussing',
    consentContact: true,
    ...overrides,
  }
}

/** Submits a questionnaire through the action, as the public form would (or as `actor`). */
export async function submitted(deps: Deps, overrides: Record<string, unknown> = {}, actor: Actor = anonymous) {
  return deps.db.transaction().execute((trx) =>
    submitQuestionnaire(trx, actor, questionnaireInput.parse(questionnaireJson(overrides)), deps, {
      ip: null,
      lang: 'de',
    }),
  )
}

/** Every row the questionnaire's actions write, the journal's length and the outbox: what a refusal must leave. */
export async function needsSnapshot(deps: Deps): Promise<string> {
  const db = deps.db
  const questionnaires = await db.selectFrom('needs_questionnaire').selectAll().orderBy('ref').execute()
  const followUps = await db.selectFrom('questionnaire_follow_up').selectAll().orderBy('id').execute()
  const applications = await db.selectFrom('membership_application').select(['id', 'status']).orderBy('id').execute()
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_entry`.execute(db)
  const mails = await db.selectFrom('mail_outbox').select('id').execute()
  return JSON.stringify({ questionnaires, followUps, applications, journal: rows[0]?.n, mails: mails.length })
}

/** The message shown at a field of a rendered form, or null. */
export function errorAt(body: string, field: string): string | null {
  const match = new RegExp(`id="f-${field}-error"[^>]*>([^<]*)<`).exec(body)
  return match ? match[1]! : null
}

/** A complete joining form as a browser sends it (as in src/members/join.pages.test.ts). */
export function joinForm(overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    memberType: 'organisation',
    organisationName: 'Klimabündnis Nord e.V.',
    legalForm: 'ev',
    organisationEmail: '',
    vatId: '',
    iban: '',
    employees: '4',
    volunteers: '30',
    annualBudgetCents: '180.000',
    givenName: 'Jana',
    familyName: 'Berg',
    email: 'jana@klima-nord.test',
    phone: '',
    street: 'Hafenstraße 3',
    postalCode: '20457',
    city: 'Hamburg',
    country: 'DE',
    primaryAreas: ['digital_infrastructure'],
    devices: '12',
    toolsToday: ['google_workspace', 'zoom'],
    painPoints: 'Zu viele Passwörter',
    stage: 'committed',
    voluntaryShares: '1',
    consentStatutes: 'on',
    consentPrivacy: 'on',
    acknowledgeDuties: 'on',
    ...overrides,
  }
}
