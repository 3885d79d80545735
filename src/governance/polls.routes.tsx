import { Hono } from 'hono'
import type { Db } from '../db/db.ts'
import type { Assembly } from '../db/schema-governance.ts'
import type { AppContext, AppEnv } from '../platform/context.ts'
import { DomainError } from '../platform/errors.ts'
import { fieldIssues, localiseIssues } from '../platform/fields.ts'
import { translator } from '../platform/i18n.ts'
import { can } from '../platform/policy.ts'
import { type Errors, errorsByField } from '../web/components.tsx'
import { formValue, formValues, redirectWithFlash, render } from '../web/render.tsx'
import { inTransaction } from '../web/transaction.ts'
import { ballotFor, type CastResult } from './ballots.actions.ts'
import { castQueueFor } from './ballots.queue.ts'
import { countersChanged, pollChanged } from './live.hub.ts'
import { liveRoutes } from './live.routes.ts'
import {
  closePoll,
  createPoll,
  getPoll,
  listPolls,
  namedVotes,
  openPoll,
  type PollView,
  publishedReceipts,
} from './polls.actions.ts'
import { pollsText } from './polls.messages.ts'
import { PollPage, PollsPage, ReceiptsPage } from './polls.pages.tsx'
import { assemblyByRef, castCount, entitledCount, pollById } from './polls.repo.ts'
import { closeInput, pollInput } from './polls.schema.ts'

/** Polls of an assembly: the list, a poll with its ballot and result, opening, closing, casting and receipts. */
export const pollRoutes = new Hono<AppEnv>()
pollRoutes.route('/', liveRoutes)

const refPattern = /^(GV|SI)-\d{4}-\d{3,}$/
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

async function assemblyOf(c: AppContext): Promise<Assembly> {
  if (c.get('actor').kind === 'anonymous') throw new DomainError('unauthenticated')
  const ref = c.req.param('ref') ?? ''
  const assembly = refPattern.test(ref) ? await assemblyByRef(c.get('deps').db, ref) : undefined
  if (!assembly) throw new DomainError('not_found')
  return assembly
}

async function pollOf(c: AppContext, assembly: Assembly): Promise<PollView> {
  const id = c.req.param('id') ?? ''
  if (!uuidPattern.test(id)) throw new DomainError('not_found')
  const poll = await getPoll(c.get('deps').db, c.get('actor'), id)
  if (poll.assemblyId !== assembly.id) throw new DomainError('not_found')
  return poll
}

export function onVotesCommitted(ids: Set<string>): void {
  for (const id of ids) countersChanged(id)
}

async function pollsPage(c: AppContext, assembly: Assembly, errors?: Errors, values?: Record<string, string>) {
  const { db } = c.get('deps')
  const actor = c.get('actor')
  const lang = c.get('lang')
  const polls = await Promise.all(
    (await listPolls(db, actor, assembly.id)).map(async (poll) => ({
      poll,
      cast: await castCount(db, poll.id),
      entitled: await entitledCount(db, { id: poll.id, assembly_id: assembly.id }),
    })),
  )
  return render(
    c,
    translator(pollsText, lang)('polls_of', { assembly: assembly.title }),
    <PollsPage
      lang={lang}
      csrf={c.get('csrf')}
      assembly={assembly}
      polls={polls}
      canManage={can(actor, 'assembly.manage')}
      errors={errors}
      values={values}
    />,
    errors ? 422 : 200,
  )
}

async function pollPage(
  c: AppContext,
  assembly: Assembly,
  poll: PollView,
  extra: { errors?: Errors; refusal?: string; receipts?: string[] | null } = {},
  status: 200 | 409 | 422 | 403 = 200,
) {
  const { db } = c.get('deps')
  const actor = c.get('actor')
  const lang = c.get('lang')
  const row = (await pollById(db, poll.id))!
  const ballot = actor.personId ? await ballotFor(db, actor.personId, row) : []
  const named = (await namedVotes(db, actor, poll.id)).map((n) => ({
    number: n.number,
    name: n.organisationName ?? `${n.given_name ?? ''} ${n.family_name ?? ''}`.trim(),
    choices: n.choices,
    weight: n.weight,
  }))
  return render(
    c,
    poll.title,
    <PollPage
      lang={lang}
      csrf={c.get('csrf')}
      assembly={assembly}
      poll={poll}
      cast={await castCount(db, poll.id)}
      entitled={await entitledCount(db, row)}
      ballot={ballot}
      canManage={can(actor, 'assembly.manage')}
      errors={extra.errors}
      refusal={extra.refusal}
      receipts={extra.receipts}
      named={named}
    />,
    status,
  )
}

pollRoutes.get('/assemblies/:ref/polls', async (c) => pollsPage(c, await assemblyOf(c)))

const pollFields = ['title', 'method', 'seats', 'majority', 'secret', 'options', 'exclusions'] as const

/** Exclusion lines "M-00042: reason" to member ids of the roll. */
async function exclusionsFrom(db: Db, assemblyId: string, text: string) {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
  const out: Array<{ memberId: string; reason: string }> = []
  for (const line of lines) {
    const [number, ...rest] = line.split(':')
    const member = await db
      .selectFrom('member')
      .innerJoin('assembly_voter', 'assembly_voter.member_id', 'member.id')
      .select('member.id')
      .where('member.number', '=', number!.trim())
      .where('assembly_voter.assembly_id', '=', assemblyId)
      .executeTakeFirst()
    if (!member) throw new DomainError('validation', line, [{ path: 'exclusions', message: 'poll_member_not_on_roll' }])
    out.push({ memberId: member.id, reason: rest.join(':').trim() })
  }
  return out
}

pollRoutes.post('/assemblies/:ref/polls', async (c) => {
  const assembly = await assemblyOf(c)
  const lang = c.get('lang')
  const values: Record<string, string> = {}
  for (const f of pollFields) values[f] = formValue(c, f)
  try {
    const exclusions = await exclusionsFrom(c.get('deps').db, assembly.id, values.exclusions ?? '')
    const parsed = pollInput.safeParse({
      title: values.title,
      method: values.method,
      seats: values.seats || 1,
      majority: values.majority || 'simple',
      secret: values.secret === 'on',
      options: (values.options ?? '')
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean)
        .map((label) => ({ label })),
      exclusions,
    })
    if (!parsed.success) return pollsPage(c, assembly, errorsByField(fieldIssues(parsed.error, lang)), values)
    const poll = await inTransaction(c, (trx) =>
      createPoll(trx, c.get('actor'), assembly.id, parsed.data, c.get('deps')),
    )
    return c.redirect(`/assemblies/${assembly.ref}/polls/${poll.id}`, 303)
  } catch (error) {
    if (error instanceof DomainError && error.code === 'validation')
      return pollsPage(c, assembly, errorsByField(localiseIssues(error.fields, lang)), values)
    throw error
  }
})

pollRoutes.get('/assemblies/:ref/polls/:id', async (c) => {
  const assembly = await assemblyOf(c)
  return pollPage(c, assembly, await pollOf(c, assembly))
})

pollRoutes.post('/assemblies/:ref/polls/:id/open', async (c) => {
  const assembly = await assemblyOf(c)
  const poll = await pollOf(c, assembly)
  const t = translator(pollsText, c.get('lang'))
  try {
    await inTransaction(c, (trx) => openPoll(trx, c.get('actor'), poll.id, c.get('deps')))
  } catch (error) {
    if (error instanceof DomainError && error.code === 'poll_not_open')
      return pollPage(c, assembly, poll, { refusal: t('refused_not_open') }, 409)
    throw error
  }
  pollChanged(assembly.id, { id: poll.id, status: 'open' })
  return redirectWithFlash(c, `/assemblies/${assembly.ref}/polls/${poll.id}`, t('opened_flash'))
})

pollRoutes.post('/assemblies/:ref/polls/:id/close', async (c) => {
  const assembly = await assemblyOf(c)
  const poll = await pollOf(c, assembly)
  const lang = c.get('lang')
  const t = translator(pollsText, lang)
  const parsed = closeInput.safeParse({ declaration: formValue(c, 'declaration') })
  if (!parsed.success)
    return pollPage(c, assembly, poll, { errors: errorsByField(fieldIssues(parsed.error, lang)) }, 422)
  try {
    await inTransaction(c, (trx) => closePoll(trx, c.get('actor'), poll.id, parsed.data, c.get('deps')))
  } catch (error) {
    if (error instanceof DomainError && error.code === 'poll_not_open')
      return pollPage(c, assembly, poll, { refusal: t('refused_not_open') }, 409)
    throw error
  }
  pollChanged(assembly.id, { id: poll.id, status: 'closed' })
  return redirectWithFlash(c, `/assemblies/${assembly.ref}/polls/${poll.id}`, t('closed_flash'))
})

/** The ballot form's fields to the choices of the poll's method. */
function choicesFrom(c: AppContext, poll: PollView): unknown {
  if (poll.method === 'yes_no') return { choice: formValue(c, 'choice') }
  if (poll.method === 'pick') return { picks: formValues(c, 'picks') }
  const options: Record<string, string> = {}
  for (const o of poll.options) {
    const v = formValue(c, `option.${o.id}`)
    if (v) options[o.id] = v
  }
  return { options }
}

/** Casting goes through the group commit; the page answers once the batch with this vote committed. */
pollRoutes.post('/assemblies/:ref/polls/:id/ballot', async (c) => {
  const assembly = await assemblyOf(c)
  const poll = await pollOf(c, assembly)
  const lang = c.get('lang')
  const t = translator(pollsText, lang)
  const memberIds = formValues(c, 'memberIds')
  let result: CastResult
  try {
    result = await castQueueFor(c.get('deps'), onVotesCommitted).submit(c.get('actor'), poll.id, {
      choices: choicesFrom(c, poll),
      memberIds: memberIds.length > 0 ? memberIds : undefined,
    })
  } catch (error) {
    if (!(error instanceof DomainError)) throw error
    if (error.code === 'validation')
      return pollPage(c, assembly, poll, { errors: errorsByField(localiseIssues(error.fields, lang)) }, 422)
    if (error.code === 'poll_not_open') return pollPage(c, assembly, poll, { refusal: t('refused_not_open') }, 409)
    if (error.code === 'already_voted')
      return pollPage(c, assembly, poll, { refusal: t('refused_already', { members: error.detail ?? '' }) }, 409)
    if (error.code === 'not_entitled') return pollPage(c, assembly, poll, { refusal: t('refused_not_entitled') }, 403)
    throw error
  }
  // a secret vote's receipts are shown once, on this answer, and never stored with the member
  if (result.receipts) return pollPage(c, assembly, poll, { receipts: result.receipts })
  return redirectWithFlash(c, `/assemblies/${assembly.ref}/polls/${poll.id}`, t('voted_flash'))
})

pollRoutes.get('/assemblies/:ref/polls/:id/receipts', async (c) => {
  const assembly = await assemblyOf(c)
  const poll = await pollOf(c, assembly)
  const lang = c.get('lang')
  const receipts = await publishedReceipts(c.get('deps').db, c.get('actor'), poll.id)
  return render(
    c,
    translator(pollsText, lang)('published_receipts'),
    <ReceiptsPage lang={lang} assembly={assembly} poll={poll} receipts={receipts} code={c.req.query('code') ?? null} />,
  )
})
