import { createHash } from 'node:crypto'
import { sql } from 'kysely'
import type { Executor, Trx } from '../db/db.ts'
import type { Assembly } from '../db/schema-governance.ts'
import type { Actor } from '../platform/actor.ts'
import { audit } from '../platform/audit.ts'
import type { ActionEnv } from '../platform/context.ts'
import { DomainError, fieldError } from '../platform/errors.ts'
import { authorize, can } from '../platform/policy.ts'
import { isAssemblyRef } from './assemblies.actions.ts'
import { findAssemblyByRef } from './assemblies.repo.ts'
import { proxySlotFree } from './assembly.rules.ts'
import { settingsToday } from './voters.actions.ts'

/**
 * Proxies (§43 (5) GenG): a member's representative gives one online to a person (another member's
 * representative or anyone we know by email), or staff record a written one with the signed PDF (its name and
 * SHA-256 are kept). One holder represents at most `proxyLimit` members (at most two); the count is taken under
 * a row lock on the holder, so two proxies given at once for the last slot cannot both go through. A proxy is
 * revocable until it was used to vote.
 */

export interface ProxyView {
  id: string
  grantorMemberId: string
  grantorNumber: string
  grantorName: string
  holderPersonId: string
  holderName: string
  form: 'online' | 'written'
  documentName: string | null
  documentSha256: string | null
  grantedAt: Date
  grantedBy: string
  revokedAt: Date | null
}

/** Largest written proxy accepted (the upload route refuses bigger bodies first). */
export const maxProxyDocumentBytes = 10 * 1024 * 1024

async function assemblyForProxies(db: Executor, ref: string): Promise<Assembly> {
  const row = isAssemblyRef(ref) ? await findAssemblyByRef(db, ref) : undefined
  if (!row) throw new DomainError('not_found')
  if (row.status !== 'invited' && row.status !== 'open')
    throw new DomainError('conflict', `proxies are given while the assembly is invited or open, not ${row.status}`)
  return row
}

/** The voter row of a member with the organisation it belongs to (for the legal representatives' right). */
async function voterOf(db: Executor, assemblyId: string, memberId: string) {
  return db
    .selectFrom('assembly_voter as v')
    .innerJoin('member as m', 'm.id', 'v.member_id')
    .select(['v.member_id', 'v.representative_person_id', 'v.votes', 'm.organisation_id', 'm.person_id'])
    .where('v.assembly_id', '=', assemblyId)
    .where('v.member_id', '=', memberId)
    .executeTakeFirst()
}

/** Whether the actor speaks for the member: its representative on the roll, or one of its organisation's legal representatives. */
function speaksFor(
  actor: Actor,
  voter: { representative_person_id: string | null; organisation_id: string | null; person_id: string | null },
) {
  if (actor.personId && (voter.representative_person_id === actor.personId || voter.person_id === actor.personId))
    return actor.scopes === null || actor.scopes.has('governance:write')
  return voter.organisation_id !== null && can(actor, 'assembly.act', voter.organisation_id)
}

/** A person by email (their own address or their account's). */
async function personByEmail(db: Executor, email: string) {
  return db
    .selectFrom('person as p')
    .leftJoin('account as a', 'a.person_id', 'p.id')
    .select(['p.id', 'p.given_name', 'p.family_name'])
    .where((eb) =>
      eb.or([eb(sql`lower(p.email)`, '=', email.toLowerCase()), eb(sql`lower(a.email)`, '=', email.toLowerCase())]),
    )
    .orderBy('p.created_at')
    .executeTakeFirst()
}

interface GrantInput {
  memberId: string
  holderEmail: string
  form: 'online' | 'written'
  document?: { name: string; bytes: Uint8Array }
}

async function grant(trx: Trx, actor: Actor, assembly: Assembly, input: GrantInput, env: ActionEnv) {
  const now = env.clock.now()
  const voter = await voterOf(trx, assembly.id, input.memberId)
  if (!voter) throw fieldError('memberId', 'proxy_member_not_on_roll')
  if (input.form === 'online' && !speaksFor(actor, voter)) throw new DomainError('forbidden', 'assembly.act')
  const holder = await personByEmail(trx, input.holderEmail)
  if (!holder) throw fieldError('holderEmail', 'proxy_holder_unknown')
  if (holder.id === voter.representative_person_id) throw fieldError('holderEmail', 'proxy_to_self')
  // §43 (5) GenG: the holder's slots are counted under the holder's lock, so concurrent grants queue here
  await trx.selectFrom('person').select('id').where('id', '=', holder.id).forUpdate().execute()
  const settings = await settingsToday(trx, now)
  const held = await trx
    .selectFrom('assembly_proxy')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('assembly_id', '=', assembly.id)
    .where('holder_person_id', '=', holder.id)
    .where('revoked_at', 'is', null)
    .executeTakeFirstOrThrow()
  if (!proxySlotFree(Number(held.n), settings)) throw fieldError('holderEmail', 'proxy_limit_reached')
  const existing = await trx
    .selectFrom('assembly_proxy')
    .select('id')
    .where('assembly_id', '=', assembly.id)
    .where('grantor_member_id', '=', input.memberId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
  if (existing) throw fieldError('memberId', 'proxy_exists')
  const sha = input.document ? createHash('sha256').update(input.document.bytes).digest('hex') : null
  const row = await trx
    .insertInto('assembly_proxy')
    .values({
      assembly_id: assembly.id,
      grantor_member_id: input.memberId,
      holder_person_id: holder.id,
      form: input.form,
      document_name: input.document?.name ?? null,
      document_sha256: sha,
      granted_at: now,
      granted_by: actor.label,
    })
    .returning(['id'])
    .executeTakeFirstOrThrow()
  await audit(
    trx,
    actor,
    {
      action: 'assembly.proxy_granted',
      subjectType: 'assembly',
      subjectId: assembly.id,
      organisationId: voter.organisation_id,
      after: {
        proxyId: row.id,
        memberId: input.memberId,
        holderPersonId: holder.id,
        form: input.form,
        documentSha256: sha,
      },
    },
    env.clock,
  )
  return { id: row.id, holderPersonId: holder.id, holderName: `${holder.given_name} ${holder.family_name}` }
}

/** A member's representative gives a proxy online. */
export async function grantProxy(
  trx: Trx,
  actor: Actor,
  ref: string,
  input: { memberId: string; holderEmail: string },
  env: ActionEnv,
) {
  if (actor.kind === 'anonymous') throw new DomainError('unauthenticated')
  const assembly = await assemblyForProxies(trx, ref)
  return grant(trx, actor, assembly, { ...input, form: 'online' }, env)
}

/** Staff record a written proxy with the signed PDF (checked by its header; at most 10 MB). */
export async function recordWrittenProxy(
  trx: Trx,
  actor: Actor,
  ref: string,
  input: { memberId: string; holderEmail: string; document: { name: string; bytes: Uint8Array } | null },
  env: ActionEnv,
) {
  authorize(actor, 'assembly.check_in')
  const assembly = await assemblyForProxies(trx, ref)
  if (!input.document || input.document.bytes.byteLength === 0) throw fieldError('document', 'proxy_document_required')
  const head = Buffer.from(input.document.bytes.subarray(0, 5)).toString('latin1')
  if (head !== '%PDF-' || input.document.bytes.byteLength > maxProxyDocumentBytes)
    throw fieldError('document', 'proxy_document_not_pdf')
  const name = input.document.name.replace(/[^\p{L}\p{N}._ -]/gu, '_').slice(0, 200) || 'vollmacht.pdf'
  return grant(
    trx,
    actor,
    assembly,
    { ...input, form: 'written', document: { name, bytes: input.document.bytes } },
    env,
  )
}

/**
 * Revokes a proxy: its grantor's representative or staff, until it was used to vote (a cast vote stays counted)
 * and until the assembly is closed.
 */
export async function revokeProxy(trx: Trx, actor: Actor, ref: string, proxyId: string, env: ActionEnv): Promise<void> {
  if (actor.kind === 'anonymous') throw new DomainError('unauthenticated')
  const now = env.clock.now()
  const assembly = await assemblyForProxies(trx, ref)
  const proxy = await trx
    .selectFrom('assembly_proxy')
    .selectAll()
    .where('id', '=', proxyId)
    .where('assembly_id', '=', assembly.id)
    .forUpdate()
    .executeTakeFirst()
  if (!proxy || proxy.revoked_at) throw new DomainError('not_found')
  const voter = await voterOf(trx, assembly.id, proxy.grantor_member_id)
  if (!can(actor, 'assembly.check_in') && !(voter && speaksFor(actor, voter))) throw new DomainError('not_found')
  const used = await trx.selectFrom('vote_cast').select('poll_id').where('proxy_id', '=', proxy.id).executeTakeFirst()
  if (used) throw new DomainError('conflict', 'the proxy was used to vote')
  await trx
    .updateTable('assembly_proxy')
    .set({ revoked_at: now, revoked_by: actor.label })
    .where('id', '=', proxy.id)
    .execute()
  await audit(
    trx,
    actor,
    {
      action: 'assembly.proxy_revoked',
      subjectType: 'assembly',
      subjectId: assembly.id,
      organisationId: voter?.organisation_id ?? null,
      after: { proxyId: proxy.id, memberId: proxy.grantor_member_id },
    },
    env.clock,
  )
}

/**
 * The proxies of an assembly the actor may see: every one for the readers, otherwise those given by a member the
 * actor speaks for or held by the actor.
 */
export async function proxiesOf(db: Executor, actor: Actor, assemblyId: string): Promise<ProxyView[]> {
  const rows = await db
    .selectFrom('assembly_proxy as p')
    .innerJoin('member as m', 'm.id', 'p.grantor_member_id')
    .innerJoin('assembly_voter as v', (join) =>
      join.onRef('v.member_id', '=', 'p.grantor_member_id').onRef('v.assembly_id', '=', 'p.assembly_id'),
    )
    .leftJoin('organisation as o', 'o.id', 'm.organisation_id')
    .leftJoin('person as mp', 'mp.id', 'm.person_id')
    .innerJoin('person as h', 'h.id', 'p.holder_person_id')
    .select([
      'p.id',
      'p.grantor_member_id',
      'p.holder_person_id',
      'p.form',
      'p.document_name',
      'p.document_sha256',
      'p.granted_at',
      'p.granted_by',
      'p.revoked_at',
      'm.number',
      'm.organisation_id',
      'm.person_id',
      'v.representative_person_id',
      'o.name as organisation_name',
      'mp.given_name as member_given',
      'mp.family_name as member_family',
      'h.given_name as holder_given',
      'h.family_name as holder_family',
    ])
    .where('p.assembly_id', '=', assemblyId)
    .orderBy('p.granted_at', 'desc')
    .execute()
  const readAll = can(actor, 'governance.read_all')
  return rows
    .filter((r) => readAll || r.holder_person_id === actor.personId || speaksFor(actor, r))
    .map((r) => ({
      id: r.id,
      grantorMemberId: r.grantor_member_id,
      grantorNumber: r.number,
      grantorName: r.organisation_name ?? `${r.member_given ?? ''} ${r.member_family ?? ''}`.trim(),
      holderPersonId: r.holder_person_id,
      holderName: `${r.holder_given} ${r.holder_family}`,
      form: r.form,
      documentName: r.document_name,
      documentSha256: r.document_sha256,
      grantedAt: new Date(r.granted_at),
      grantedBy: r.granted_by,
      revokedAt: r.revoked_at ? new Date(r.revoked_at) : null,
    }))
}

/** The members on the roll the actor speaks for (whose proxy they could give). */
export async function membersActorSpeaksFor(db: Executor, actor: Actor, assemblyId: string) {
  const rows = await db
    .selectFrom('assembly_voter as v')
    .innerJoin('member as m', 'm.id', 'v.member_id')
    .leftJoin('organisation as o', 'o.id', 'm.organisation_id')
    .leftJoin('person as mp', 'mp.id', 'm.person_id')
    .select([
      'v.member_id',
      'v.votes',
      'v.representative_person_id',
      'm.organisation_id',
      'm.person_id',
      'm.number',
      'o.name as organisation_name',
      'mp.given_name',
      'mp.family_name',
    ])
    .where('v.assembly_id', '=', assemblyId)
    .where((eb) => {
      const orgs = [...actor.orgs.keys()]
      const ors = [eb('v.representative_person_id', '=', actor.personId ?? '00000000-0000-0000-0000-000000000000')]
      if (orgs.length) ors.push(eb('m.organisation_id', 'in', orgs))
      return eb.or(ors)
    })
    .orderBy('m.number')
    .execute()
  return rows
    .filter((r) => speaksFor(actor, r))
    .map((r) => ({
      memberId: r.member_id,
      number: r.number,
      votes: r.votes,
      name: r.organisation_name ?? `${r.given_name ?? ''} ${r.family_name ?? ''}`.trim(),
    }))
}
