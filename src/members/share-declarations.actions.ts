import { sql } from 'kysely'
import { ledgerSummary } from '../capital/ledger.actions.ts'
import type { Executor, Trx } from '../db/db.ts'
import type { Actor } from '../platform/actor.ts'
import { audit } from '../platform/audit.ts'
import type { ActionEnv } from '../platform/context.ts'
import { randomToken, sha256 } from '../platform/crypto.ts'
import { todayIn } from '../platform/dates.ts'
import { DomainError, fieldError } from '../platform/errors.ts'
import { formatDate, formatEuro, type Language } from '../platform/i18n.ts'
import { enqueueMail } from '../platform/mail.ts'
import { statutesOn } from '../statutes/statutes.actions.ts'
import { mandatoryShares } from '../statutes/statutes.rules.ts'
import { type Applicant, type Application, loadApplication } from './applications.actions.ts'
import { cooperativeInfo } from './cooperative.ts'
import { type RequestContext, storeDeclaration } from './declarations.ts'
import { memberMail } from './members.mails.ts'
import { authorizeMember, toMember } from './members.model.ts'
import { findMember, lockMember, nextApplicationRef } from './members.repo.ts'

/**
 * A member declares further shares (§15b GenG): allowed only once all earlier shares but the last are fully
 * paid, and within the statutes' maximum. The board then admits them like a membership. An order of a primary
 * area that needs more mandatory shares names how many of them are mandatory (`mandatoryShares`); otherwise they
 * count against the mandatory shares of today.
 */
export async function declareExtraShares(
  trx: Trx,
  actor: Actor,
  memberId: string,
  shares: number,
  context: RequestContext,
  env: ActionEnv,
  options: { mandatoryShares?: number } = {},
): Promise<{ application: Application; trackingToken: string }> {
  const now = env.clock.now()
  const today = todayIn(now)
  const memberRow = await findMember(trx, memberId, today)
  if (!memberRow) throw new DomainError('not_found')
  authorizeMember(actor, 'member.request_shares', memberRow)
  await lockMember(trx, memberId)
  const member = toMember(memberRow, today)
  if (member.status !== 'active') throw new DomainError('member_not_active')
  const statutes = await statutesOn(trx, today)
  const summary = await ledgerSummary(trx, memberId, today)
  const pending = await trx
    .selectFrom('membership_application')
    .select(sql<number>`coalesce(sum(mandatory_shares + voluntary_shares), 0)::int8`.as('n'))
    .where('member_id', '=', memberId)
    .where('status', '=', 'submitted')
    .executeTakeFirstOrThrow()
  if (summary.sharesTotal + Number(pending.n) + shares > statutes.settings.maximumShares)
    throw fieldError('shares', 'shares_above_maximum')
  // §15b (2) GenG: every share but the last one subscribed must be fully paid before a further one
  if (summary.unpaidCommitmentCents > statutes.settings.shareValueCents)
    throw fieldError('shares', 'earlier_shares_unpaid')
  const signer = await signerOf(trx, actor)
  const applicant: Applicant = {
    organisationName: member.organisationId ? member.name : null,
    legalForm: null,
    organisationEmail: null,
    vatId: null,
    iban: null,
    employees: member.employees,
    volunteers: 0,
    annualBudgetCents: member.annualBudgetCents,
    givenName: signer.givenName,
    familyName: signer.familyName,
    email: signer.email,
    phone: null,
    street: '',
    postalCode: '',
    city: '',
    country: 'DE',
    memberNumber: member.number,
  }
  const mandatoryNow = mandatoryShares(statutes.settings, {
    memberType: member.memberType,
    employees: member.employees,
    annualBudgetCents: member.annualBudgetCents,
    primaryAreas: member.primaryAreas.length,
  })
  const cooperative = await cooperativeInfo(trx)
  const signerName = `${signer.givenName} ${signer.familyName}`
  const text = extraSharesText(context.lang, {
    cooperative: cooperative.name,
    party: member.name,
    number: member.number,
    shares,
    value: formatEuro(statutes.settings.shareValueCents, context.lang),
    total: formatEuro(shares * statutes.settings.shareValueCents, context.lang),
    statutes: formatDate(statutes.validFrom, context.lang),
    signer: `${signerName} <${signer.email}>`,
  })
  const trackingToken = randomToken()
  const mandatoryPart = Math.max(0, Math.min(shares, options.mandatoryShares ?? mandatoryNow - summary.sharesTotal))
  const row = await trx
    .insertInto('membership_application')
    .values({
      ref: await nextApplicationRef(trx, Number(today.slice(0, 4))),
      kind: 'extra_shares',
      member_type: member.memberType,
      applicant: JSON.stringify(applicant),
      mandatory_shares: mandatoryPart,
      voluntary_shares: shares - mandatoryPart,
      statutes_version_id: statutes.id,
      member_id: memberId,
      tracking_token_hash: sha256(trackingToken),
      language: context.lang,
      submitted_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  await storeDeclaration(
    trx,
    {
      applicationId: row.id,
      text,
      statutesVersionId: statutes.id,
      signerName,
      signerEmail: signer.email,
      signedAt: now,
    },
    context,
  )
  await audit(
    trx,
    actor,
    {
      action: 'application.extra_shares_declared',
      subjectType: 'member',
      subjectId: memberId,
      organisationId: member.organisationId,
      after: { ref: row.ref, shares },
    },
    env.clock,
  )
  await enqueueMail(
    trx,
    memberMail('extra_received', context.lang, signer.email, {
      name: signerName,
      ref: row.ref,
      shares: String(shares),
      number: member.number,
      party: member.name,
      cooperative: cooperative.name,
      link: `${env.config.baseUrl}/join/status/${trackingToken}`,
    }),
  )
  return { application: await loadApplication(trx, row), trackingToken }
}

async function signerOf(db: Executor, actor: Actor) {
  if (!actor.personId) throw new DomainError('forbidden', 'a declaration needs a person')
  const row = await db
    .selectFrom('person as p')
    .leftJoin('account as a', 'a.person_id', 'p.id')
    .select(['p.given_name', 'p.family_name', 'p.email', 'a.email as account_email'])
    .where('p.id', '=', actor.personId)
    .executeTakeFirstOrThrow()
  return {
    givenName: row.given_name,
    familyName: row.family_name,
    email: row.account_email ?? row.email ?? actor.label,
  }
}

function extraSharesText(lang: Language, p: Record<string, string | number>): string {
  return lang === 'de'
    ? `Erklärung über die Beteiligung mit weiteren Geschäftsanteilen (§ 15b GenG) – ${p.cooperative}\n\n` +
        `${p.party} (Mitglied ${p.number}) übernimmt ${p.shares} weitere Geschäftsanteile zu je ${p.value}, zusammen ${p.total}, ` +
        `nach der Satzung in der Fassung vom ${p.statutes}, und verpflichtet sich zu den Einzahlungen darauf (§ 15b, § 7 GenG).\n\n` +
        `Erklärt in Textform von ${p.signer}.`
    : `Declaration of further shares (§15b GenG) – ${p.cooperative}\n\n` +
        `${p.party} (member ${p.number}) subscribes ${p.shares} further shares of ${p.value} each, ${p.total} in total, ` +
        `under the statutes as of ${p.statutes}, and undertakes to make the payments on them (§15b, §7 GenG).\n\n` +
        `Declared in text form by ${p.signer}.`
}
