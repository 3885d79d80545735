import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import type { Executor, Trx } from '../db/db.ts'
import type { Assembly, InvitationKind } from '../db/schema-governance.ts'
import type { Actor } from '../platform/actor.ts'
import { audit } from '../platform/audit.ts'
import type { ActionEnv } from '../platform/context.ts'
import { DomainError, fieldError } from '../platform/errors.ts'
import { enqueueMail } from '../platform/mail.ts'
import { authorize } from '../platform/policy.ts'
import { type AgendaItemView, type AssemblyView, toAgendaItemView, toAssemblyView } from './assemblies.model.ts'
import { agendaRows, lockAssembly, updateAssemblyRow } from './assemblies.repo.ts'
import { deadlinesApply, type GovernanceSettings, invitationInTime } from './assembly.rules.ts'
import { assemblyIcs, assemblyMail, type Recipient } from './invitations.mails.ts'
import { computeRoll, settingsToday } from './voters.actions.ts'

/**
 * The invitation (§46 (1) GenG): the board sends it to every member on the roll (an organisation's legal
 * representatives, a personal member themself) with agenda, form and access details, and each mail is recorded
 * in assembly_invitation (who, when, which mail). Later notices (an agenda addition, a change, the cancellation)
 * go to the same people and are recorded the same way.
 */

/** Who gets the assembly's mails: per member on the roll, its legal representatives or the person. */
export async function recipientsOf(db: Executor, assemblyId: string): Promise<Recipient[]> {
  const rows = await db
    .selectFrom('assembly_voter as v')
    .innerJoin('member as m', 'm.id', 'v.member_id')
    .leftJoin('organisation as o', 'o.id', 'm.organisation_id')
    .innerJoin('person as p', (join) =>
      join.on((eb) =>
        eb.or([
          eb('p.id', '=', eb.ref('m.person_id')),
          eb(
            'p.id',
            'in',
            eb
              .selectFrom('affiliation as a')
              .select('a.person_id')
              .whereRef('a.organisation_id', '=', 'm.organisation_id')
              .where('a.function', '=', 'legal_representative'),
          ),
        ]),
      ),
    )
    .leftJoin('account as acc', 'acc.person_id', 'p.id')
    .select([
      'm.id as member_id',
      'p.id as person_id',
      'p.given_name',
      'p.family_name',
      sql<string | null>`coalesce(p.email, acc.email)`.as('email'),
      'acc.language',
      'o.name as organisation_name',
    ])
    .where('v.assembly_id', '=', assemblyId)
    .orderBy('m.number')
    .orderBy('p.family_name')
    .execute()
  return rows
    .filter((r) => r.email)
    .map((r) => ({
      memberId: r.member_id,
      personId: r.person_id,
      name: `${r.given_name} ${r.family_name}`,
      email: r.email!,
      language: r.language ?? 'de',
      memberName: r.organisation_name,
    }))
}

async function agendaOf(db: Executor, view: AssemblyView, settings: GovernanceSettings): Promise<AgendaItemView[]> {
  return (await agendaRows(db, view.id)).map((row) => toAgendaItemView(row, view, settings))
}

/** Mails one kind of notice to everyone invited and records each; returns how many went out. */
export async function notifyInvitees(
  trx: Trx,
  actor: Actor,
  row: Assembly,
  kind: InvitationKind,
  env: ActionEnv,
  options: { settings: GovernanceSettings; reason?: string; items?: AgendaItemView[] },
): Promise<number> {
  const now = env.clock.now()
  const view = toAssemblyView(row, { showAccess: true })
  const agenda = options.items ?? (await agendaOf(trx, view, options.settings))
  const recipients = await recipientsOf(trx, row.id)
  // the calendar's SEQUENCE: one more with every change or cancellation sent before
  const previous = await trx
    .selectFrom('assembly_invitation')
    .select(sql<number>`count(DISTINCT sent_at)::int`.as('n'))
    .where('assembly_id', '=', row.id)
    .where('kind', 'in', ['change', 'cancellation'])
    .executeTakeFirstOrThrow()
  const sequence = Number(previous.n) + (kind === 'change' || kind === 'cancellation' ? 1 : 0)
  const link = `${env.config.baseUrl}/assemblies/${row.ref}`
  for (const recipient of recipients) {
    const mailId = randomUUID()
    const withCalendar = kind === 'invitation' || kind === 'change' || kind === 'cancellation'
    const attachment = withCalendar
      ? assemblyIcs(view, recipient, {
          method: kind === 'cancellation' ? 'CANCEL' : 'REQUEST',
          sequence,
          now,
          config: env.config,
          link,
        })
      : undefined
    await enqueueMail(
      trx,
      assemblyMail(kind, view, agenda, recipient, { link, reason: options.reason, attachment, mailId }),
    )
    await trx
      .insertInto('assembly_invitation')
      .values({
        assembly_id: row.id,
        kind,
        member_id: recipient.memberId,
        person_id: recipient.personId,
        email: recipient.email,
        mail_id: mailId,
        sent_at: now,
        sent_by: actor.label,
      })
      .execute()
  }
  return recipients.length
}

/**
 * The board sends the invitation: the roll is computed from the register as of the register date, every member
 * on it is mailed, and the assembly is invited. For a general assembly the invitation must go out at least
 * `invitationDays` (two weeks) before it (§46 (1) GenG); later is refused.
 */
export async function sendInvitations(
  trx: Trx,
  actor: Actor,
  ref: string,
  env: ActionEnv,
): Promise<{ assembly: AssemblyView; invited: number; members: number }> {
  authorize(actor, 'assembly.manage')
  const now = env.clock.now()
  const row = await lockAssembly(trx, ref)
  if (!row) throw new DomainError('not_found')
  if (row.status !== 'draft') throw new DomainError('conflict', 'the invitation was already sent')
  const settings = await settingsToday(trx, now)
  if (deadlinesApply(row.body) && !invitationInTime(now, new Date(row.starts_at), settings))
    throw fieldError('invitation', 'invitation_too_late')
  const members = await computeRoll(trx, row.id, row.register_date, settings)
  if (members === 0) throw fieldError('invitation', 'invitation_no_voters')
  const invitedRow = await updateAssemblyRow(trx, row.id, {
    status: 'invited',
    invited_at: now,
    invited_by: actor.label,
    updated_at: now,
    updated_by: actor.label,
  })
  const invited = await notifyInvitees(trx, actor, invitedRow, 'invitation', env, { settings })
  await audit(
    trx,
    actor,
    {
      action: 'assembly.invited',
      subjectType: 'assembly',
      subjectId: row.id,
      after: { ref: row.ref, members, mails: invited, registerDate: row.register_date },
    },
    env.clock,
  )
  return { assembly: toAssemblyView(invitedRow, { showAccess: true }), invited, members }
}

/** The invitations and notices sent for an assembly, newest first (board). */
export async function invitationLog(db: Executor, actor: Actor, assemblyId: string) {
  authorize(actor, 'governance.read_all')
  return db
    .selectFrom('assembly_invitation')
    .select(['kind', 'email', 'mail_id', 'sent_at', 'sent_by', 'member_id', 'person_id'])
    .where('assembly_id', '=', assemblyId)
    .orderBy('sent_at', 'desc')
    .orderBy('email')
    .limit(1000)
    .execute()
}
