import { capitalText } from '../capital/capital.messages.ts'
import { capitalBalances } from '../capital/capital.rules.ts'
import { ledgerSummary, mandatorySharesOfMember } from '../capital/ledger.actions.ts'
import type { Executor } from '../db/db.ts'
import type { CapitalTransactionRow } from '../db/schema.ts'
import {
  capitalStatementPdf,
  declarationPdf,
  type MemberHeader,
  registerExtractPdf,
  registerListPdf,
  shareCertificatePdf,
} from '../documents/member-documents.ts'
import type { Actor } from '../platform/actor.ts'
import type { ActionEnv } from '../platform/context.ts'
import { addDays, compareDates, fiscalYearEnd, fiscalYearStart, type PlainDate, todayIn } from '../platform/dates.ts'
import { DomainError } from '../platform/errors.ts'
import { type Language, translator } from '../platform/i18n.ts'
import type { Permission } from '../platform/policy.ts'
import { statutesOn } from '../statutes/statutes.actions.ts'
import { cooperativeInfo } from './cooperative.ts'
import { exitReasonText } from './exit.actions.ts'
import { memberText } from './members.messages.ts'
import { authorizeMember, type Member, toCapitalTx, toMember } from './members.model.ts'
import { findMember } from './members.repo.ts'
import { type RegisterEntry, type RegisterRow, registerAsOf, registerEntries } from './register.actions.ts'

/**
 * The data behind the member documents (src/documents/member-documents.ts), gathered under the same rules as the
 * member's page: a member's own documents for its representatives (§31 GenG) and the register readers.
 */

export interface Download {
  filename: string
  pdf: Buffer
}

/** One membership, if the actor holds the permission over it (not found for those who may not see it). */
export async function authorizedMember(
  db: Executor,
  actor: Actor,
  memberId: string,
  permission: Permission,
  today: PlainDate,
): Promise<Member & { applicationId: string | null }> {
  const row = await findMember(db, memberId, today)
  if (!row) throw new DomainError('not_found')
  authorizeMember(actor, permission, row)
  return { ...toMember(row, today), applicationId: row.application_id }
}

/** Whether the actor holds a permission over a membership, for showing or hiding a form. */
export function mayOnMember(
  actor: Actor,
  permission: Permission,
  member: { organisationId: string | null; personId: string | null },
): boolean {
  try {
    authorizeMember(actor, permission, member)
    return true
  } catch {
    return false
  }
}

function header(member: Member, lang: Language): MemberHeader {
  return {
    number: member.number,
    name: member.name,
    address: member.address,
    memberType: member.memberType,
    joinedOn: member.joinedOn,
    exitOn: member.exitOn,
    exitReason: member.exitReason ? exitReasonText(member.exitReason, lang) : null,
  }
}

/** The text of a capital ledger entry in the reader's language; a reversal names what it reverses. */
export function capitalKindText(row: Pick<CapitalTransactionRow, 'kind' | 'reversed_kind'>, lang: Language): string {
  const t = translator(capitalText, lang)
  if (row.kind === 'reversal')
    return row.reversed_kind ? t('reversal_of', { kind: t(`capital_${row.reversed_kind}`) }) : t('capital_reversal')
  return t(`capital_${row.kind}`)
}

export function registerEventText(entry: Pick<RegisterEntry, 'event' | 'note'>, lang: Language): string {
  const t = translator(memberText, lang)
  if (entry.event === 'exit')
    return t('event_exit', { reason: exitReasonText(entry.note as Parameters<typeof exitReasonText>[0], lang) })
  return t(`event_${entry.event}`)
}

/**
 * The fiscal years a statement can cover, newest first, each named by the calendar year it ends in: from the year
 * of joining to the current one (a payout comes after the exit, so former members get the later years too).
 */
export function statementYears(member: { joinedOn: PlainDate }, today: PlainDate, fiscalYearStartMonth = 1): number[] {
  const first = Number(fiscalYearEnd(member.joinedOn, fiscalYearStartMonth).slice(0, 4))
  const years: number[] = []
  for (let y = Number(fiscalYearEnd(today, fiscalYearStartMonth).slice(0, 4)); y >= first; y--) years.push(y)
  return years
}

/** What both capital documents start from: the member (if the actor may read their capital), ledger, statutes, us. */
async function capitalBasis(db: Executor, actor: Actor, memberId: string, env: ActionEnv) {
  const now = env.clock.now()
  const today = todayIn(now)
  const member = await authorizedMember(db, actor, memberId, 'capital.read', today)
  const [ledger, statutes, cooperative] = await Promise.all([
    ledgerSummary(db, memberId, today),
    statutesOn(db, today),
    cooperativeInfo(db),
  ])
  return { now, today, member, ledger, statutes, cooperative }
}

/** Anteilsbescheinigung: the shares held today, the mandatory ones among them, the capital paid in. */
export async function shareCertificate(
  db: Executor,
  actor: Actor,
  memberId: string,
  env: ActionEnv,
  lang: Language,
): Promise<Download> {
  const { now, today, member, ledger, statutes, cooperative } = await capitalBasis(db, actor, memberId, env)
  const pdf = await shareCertificatePdf(
    {
      cooperative,
      member: header(member, lang),
      asOf: today,
      shares: ledger.sharesNow,
      mandatoryShares: Math.min(mandatorySharesOfMember(statutes.settings, member), ledger.sharesNow),
      shareValueCents: statutes.settings.shareValueCents,
      paidInCents: ledger.capital.paidInCents,
      issuedAt: now,
    },
    lang,
  )
  return { filename: translator(memberText, lang)('file_certificate', { number: member.number }), pdf }
}

/**
 * Kontoauszug: the capital entries of the fiscal year ending in `year` (up to today for the running one) with the capital
 * balance after each; calls for payment are listed but do not move the balance.
 */
export async function capitalStatement(
  db: Executor,
  actor: Actor,
  memberId: string,
  year: number,
  env: ActionEnv,
  lang: Language,
): Promise<Download> {
  const { now, today, member, ledger, statutes, cooperative } = await capitalBasis(db, actor, memberId, env)
  const startMonth = statutes.settings.fiscalYearStartMonth
  if (!statementYears(member, today, startMonth).includes(year))
    throw new DomainError('not_found', `no statement for ${year}`)
  // the fiscal year that ends in `year` is the one that contains 1 January of it
  const from = fiscalYearStart(`${year}-01-01`, startMonth)
  const yearEnd = fiscalYearEnd(from, startMonth)
  const to = compareDates(yearEnd, today) > 0 ? today : yearEnd
  const ordered = [...ledger.capitalRows].sort(
    (a, b) => compareDates(a.effective_on, b.effective_on) || Number(a.seq) - Number(b.seq),
  )
  const all = ordered.map(toCapitalTx)
  const opening = capitalBalances(all, addDays(from, -1))
  const rows = ordered.flatMap((row, i) => {
    if (compareDates(row.effective_on, from) < 0 || compareDates(row.effective_on, to) > 0) return []
    return [
      {
        effectiveOn: row.effective_on,
        kind: capitalKindText(row, lang),
        reference: row.reference,
        amountCents: Number(row.amount_cents),
        balanceAfterCents: capitalBalances(all.slice(0, i + 1)).balanceCents,
      },
    ]
  })
  const closing = capitalBalances(all, to)
  const pdf = await capitalStatementPdf(
    {
      cooperative,
      member: header(member, lang),
      from,
      to,
      openingBalanceCents: opening.balanceCents,
      rows,
      closingBalanceCents: closing.balanceCents,
      dueCents: closing.dueCents,
      paidInCents: closing.paidInCents,
      outstandingCents: closing.outstandingCents,
      issuedAt: now,
    },
    lang,
  )
  return { filename: translator(memberText, lang)('file_statement', { number: member.number, year }), pdf }
}

/** §31 GenG: the member's own entries in the register. */
export async function registerExtract(
  db: Executor,
  actor: Actor,
  memberId: string,
  env: ActionEnv,
  lang: Language,
): Promise<Download> {
  const now = env.clock.now()
  const { member, entries } = await registerEntries(db, actor, memberId, todayIn(now))
  const pdf = await registerExtractPdf(
    {
      cooperative: await cooperativeInfo(db),
      member: header(member, lang),
      entries: entries.map((e) => ({
        effectiveOn: e.effectiveOn,
        event: registerEventText(e, lang),
        sharesChange: e.sharesChange,
        sharesAfter: e.sharesAfter,
      })),
      issuedAt: now,
    },
    lang,
  )
  return { filename: translator(memberText, lang)('file_extract', { number: member.number }), pdf }
}

/** The admission declaration as signed; gone (not found) once the retention period purged its text. */
export async function admissionDeclaration(
  db: Executor,
  actor: Actor,
  memberId: string,
  env: ActionEnv,
  lang: Language,
): Promise<Download> {
  const member = await authorizedMember(db, actor, memberId, 'member.read', todayIn(env.clock.now()))
  if (!member.applicationId) throw new DomainError('not_found', 'no declaration')
  const declaration = await db
    .selectFrom('membership_declaration as d')
    .innerJoin('membership_application as a', 'a.id', 'd.application_id')
    .innerJoin('statutes_version as s', 's.id', 'd.statutes_version_id')
    .select([
      'a.ref',
      'd.text',
      'd.signer_name',
      'd.signer_email',
      'd.signed_at',
      'd.ip_address',
      'd.content_hash',
      'd.purged_at',
      's.valid_from',
    ])
    .where('d.application_id', '=', member.applicationId)
    .executeTakeFirst()
  if (!declaration || declaration.purged_at) throw new DomainError('not_found', 'declaration purged')
  const pdf = await declarationPdf(
    {
      cooperative: await cooperativeInfo(db),
      reference: declaration.ref,
      signedAt: new Date(declaration.signed_at),
      signerName: declaration.signer_name,
      signerEmail: declaration.signer_email,
      ipAddress: declaration.ip_address,
      statutesValidFrom: declaration.valid_from,
      text: declaration.text,
      contentHash: declaration.content_hash,
    },
    lang,
  )
  return { filename: translator(memberText, lang)('file_declaration', { number: member.number }), pdf }
}

/** A register row's member kind and exit reason in the reader's language (PDF and CSV). */
export function registerRowTexts(row: RegisterRow, lang: Language) {
  const t = translator(memberText, lang)
  return {
    memberType: t(`type_${row.memberType}`),
    exitReason: row.exitReason ? exitReasonText(row.exitReason, lang) : null,
  }
}

/** §30 GenG: the whole register as of a date, for the board, the supervisory board and the auditors. */
export async function registerList(
  db: Executor,
  actor: Actor,
  asOf: PlainDate,
  env: ActionEnv,
  lang: Language,
): Promise<Download> {
  const rows = await registerAsOf(db, actor, asOf)
  const pdf = await registerListPdf(
    {
      cooperative: await cooperativeInfo(db),
      asOf,
      rows: rows.map((row) => ({ ...row, ...registerRowTexts(row, lang) })),
      issuedAt: env.clock.now(),
    },
    lang,
  )
  return { filename: `${translator(memberText, lang)('file_register', { date: asOf })}.pdf`, pdf }
}
