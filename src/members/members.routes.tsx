import { z } from '@hono/zod-openapi'
import { Hono } from 'hono'
import { cancelVoluntaryShares } from '../capital/ledger.actions.ts'
import type { AppEnv } from '../platform/context.ts'
import { todayIn } from '../platform/dates.ts'
import { count, dateInput, text } from '../platform/fields.ts'
import { formatDate, translator } from '../platform/i18n.ts'
import { authorize } from '../platform/policy.ts'
import { clientIp } from '../web/client.ts'
import { sendPdf } from '../web/downloads.ts'
import { idParam, pageParam } from '../web/params.ts'
import { ErrorPage, render } from '../web/render.tsx'
import { extraSharesInput } from './applications.schema.ts'
import {
  admissionDeclaration,
  authorizedMember,
  capitalStatement,
  registerExtract,
  shareCertificate,
} from './documents.actions.ts'
import { exitReasonText, giveNotice, recordExit } from './exit.actions.ts'
import { memberFormAction, postedOn, renderMemberPage } from './member-page.routes.tsx'
import { memberText } from './members.messages.ts'
import { MembershipList } from './members.pages.tsx'
import { myMemberships, searchMembers } from './register.actions.ts'
import { MemberList, type MemberStatusFilter } from './register.pages.tsx'
import { declareExtraShares } from './share-declarations.actions.ts'

export const memberRoutes = new Hono<AppEnv>()

// --- the member's own pages -------------------------------------------------------------------------------------

memberRoutes.get('/membership', async (c) => {
  const actor = c.get('actor')
  const deps = c.get('deps')
  const memberships = await myMemberships(deps.db, actor, todayIn(deps.clock.now()))
  if (memberships.length === 1 && memberships[0]) return renderMemberPage(c, memberships[0].id)
  const t = translator(memberText, c.get('lang'))
  return render(c, t('my_memberships'), <MembershipList lang={c.get('lang')} members={memberships} />)
})

const statusFilters = ['active', 'leaving', 'exited'] as const

memberRoutes.get('/members', async (c) => {
  const actor = c.get('actor')
  const deps = c.get('deps')
  const q = (c.req.query('q') ?? '').trim().slice(0, 100)
  const statusParam = c.req.query('status') ?? ''
  const status: MemberStatusFilter = (statusFilters as readonly string[]).includes(statusParam)
    ? (statusParam as MemberStatusFilter)
    : undefined
  const page = pageParam(c.req.query('page'))
  const result = await searchMembers(deps.db, actor, {
    q: q || undefined,
    status,
    page,
    pageSize: 50,
    today: todayIn(deps.clock.now()),
  })
  return render(
    c,
    translator(memberText, c.get('lang'))('list_title'),
    <MemberList
      lang={c.get('lang')}
      items={result.items}
      total={result.total}
      page={page}
      pageSize={50}
      q={q}
      status={status}
    />,
  )
})

memberRoutes.get('/members/:id', (c) => renderMemberPage(c, idParam(c.req.param('id'))))

// --- documents --------------------------------------------------------------------------------------------------

memberRoutes.get('/members/:id/certificate.pdf', async (c) =>
  sendPdf(
    c,
    await shareCertificate(c.get('deps').db, c.get('actor'), idParam(c.req.param('id')), c.get('deps'), c.get('lang')),
  ),
)

memberRoutes.get('/members/:id/statement.pdf', async (c) => {
  const deps = c.get('deps')
  const id = idParam(c.req.param('id'))
  const raw = c.req.query('year') ?? todayIn(deps.clock.now()).slice(0, 4)
  if (!/^\d{4}$/.test(raw)) {
    const t = translator(memberText, c.get('lang'))
    return render(c, t('doc_statement'), <ErrorPage c={c} kind="bad_request" detail={t('year_invalid')} />, 400)
  }
  return sendPdf(c, await capitalStatement(deps.db, c.get('actor'), id, Number(raw), deps, c.get('lang')))
})

memberRoutes.get('/members/:id/register-extract.pdf', async (c) =>
  sendPdf(
    c,
    await registerExtract(c.get('deps').db, c.get('actor'), idParam(c.req.param('id')), c.get('deps'), c.get('lang')),
  ),
)

memberRoutes.get('/members/:id/declaration.pdf', async (c) =>
  sendPdf(
    c,
    await admissionDeclaration(
      c.get('deps').db,
      c.get('actor'),
      idParam(c.req.param('id')),
      c.get('deps'),
      c.get('lang'),
    ),
  ),
)

// --- the member's declarations: notice, further shares, cancelling voluntary shares ------------------------------

const noticeForm = z.object({ exitOn: z.union([z.literal(''), dateInput()]) })

memberRoutes.post('/members/:id/notice', async (c) => {
  const { actor, deps, lang, id } = postedOn(c)
  await authorizedMember(deps.db, actor, id, 'member.give_notice', todayIn(deps.clock.now()))
  return memberFormAction(c, id, {
    form: 'notice',
    fields: ['exitOn'],
    schema: noticeForm,
    run: (trx, data) => giveNotice(trx, actor, id, { exitOn: data.exitOn || undefined }, deps),
    done: (result) => ({
      to: `/members/${id}`,
      flash: translator(memberText, lang)('notice_done', {
        exit: formatDate(result.exitOn, lang),
        payout: formatDate(result.payoutDueBy, lang),
      }),
    }),
  })
})

memberRoutes.post('/members/:id/shares/declare', async (c) => {
  const { actor, deps, lang, id } = postedOn(c)
  await authorizedMember(deps.db, actor, id, 'member.request_shares', todayIn(deps.clock.now()))
  const context = { ip: clientIp(c), userAgent: c.req.header('user-agent') ?? null, lang }
  return memberFormAction(c, id, {
    form: 'declare',
    fields: ['shares', 'consent'],
    schema: extraSharesInput,
    run: (trx, data) => declareExtraShares(trx, actor, id, data.shares, context, deps),
    done: ({ application }, data) => ({
      to: `/members/${id}`,
      flash: translator(memberText, lang)('extra_done', { ref: application.ref, shares: data.shares }),
    }),
  })
})

const cancelForm = z.object({ cancelShares: count(10_000).pipe(z.number().min(1, { error: 'too_small' })) })

memberRoutes.post('/members/:id/shares/cancel', async (c) => {
  const { actor, deps, lang, id } = postedOn(c)
  await authorizedMember(deps.db, actor, id, 'member.give_notice', todayIn(deps.clock.now()))
  return memberFormAction(c, id, {
    form: 'cancel',
    fields: ['cancelShares'],
    schema: cancelForm,
    rename: { shares: 'cancelShares' },
    run: (trx, data) => cancelVoluntaryShares(trx, actor, id, { shares: data.cancelShares }, deps),
    done: (result, data) => ({
      to: `/members/${id}`,
      flash: translator(memberText, lang)('cancel_done', {
        shares: data.cancelShares,
        date: formatDate(result.effectiveOn, lang),
      }),
    }),
  })
})

// --- the board records an exit ------------------------------------------------------------------------------------

const exitForm = z
  .object({
    exitReason: z.enum(['exclusion', 'death', 'dissolution'], { error: 'invalid_choice' }),
    exitEventOn: dateInput(),
    exitNote: text(2000),
  })
  .refine((v) => v.exitReason !== 'exclusion' || v.exitNote.length > 0, {
    error: 'note_required',
    path: ['exitNote'],
    when: () => true,
  })

memberRoutes.post('/members/:id/exit', async (c) => {
  const { actor, deps, lang, id } = postedOn(c)
  authorize(actor, 'member.manage')
  return memberFormAction(c, id, {
    form: 'exit',
    fields: ['exitReason', 'exitEventOn', 'exitNote'],
    schema: exitForm,
    rename: { reason: 'exitReason', eventOn: 'exitEventOn' },
    run: (trx, { exitReason: reason, exitEventOn: eventOn, exitNote: note }) =>
      recordExit(trx, actor, id, { reason, eventOn, note }, deps),
    done: (result, data) => ({
      to: `/members/${id}`,
      flash: translator(memberText, lang)('exit_done', {
        reason: exitReasonText(data.exitReason, lang),
        exit: formatDate(result.exitOn, lang),
      }),
    }),
  })
})
