import { z } from '@hono/zod-openapi'
import { Hono } from 'hono'
import { capitalText } from '../capital/capital.messages.ts'
import { cancelVoluntaryShares } from '../capital/ledger.actions.ts'
import type { AppContext, AppEnv } from '../platform/context.ts'
import { isPlainDate, type PlainDate, todayIn } from '../platform/dates.ts'
import { DomainError, type ErrorCode } from '../platform/errors.ts'
import { count, fieldIssues, localiseIssues, text } from '../platform/fields.ts'
import { formatDate, type Language, translate, translator } from '../platform/i18n.ts'
import { authorize, can } from '../platform/policy.ts'
import { statutesOn } from '../statutes/statutes.actions.ts'
import { clientIp } from '../web/client.ts'
import { type Errors, errorsByField } from '../web/components.tsx'
import { idParam, pageParam } from '../web/params.ts'
import { ErrorPage, formValue, redirectWithFlash, render } from '../web/render.tsx'
import { inTransaction } from '../web/transaction.ts'
import { declareExtraShares } from './applications.actions.ts'
import { extraSharesInput } from './applications.schema.ts'
import {
  admissionDeclaration,
  authorizedMember,
  capitalStatement,
  type Download,
  mayOnMember,
  registerExtract,
  shareCertificate,
  statementYears,
} from './documents.actions.ts'
import { memberErrorText } from './errors.messages.ts'
import { exitReasonText, giveNotice, noticePreview, recordExit } from './exit.actions.ts'
import { type MemberKey, memberText } from './members.messages.ts'
import { type FormState, MemberPage, MembershipList } from './members.pages.tsx'
import { memberDashboard, myMemberships, searchMembers } from './register.actions.ts'
import { MemberList, type MemberStatusFilter } from './register.pages.tsx'

export const memberRoutes = new Hono<AppEnv>()

// --- shared by the member, register and capital routes --------------------------------------------------------

/** A date as a date input sends it (2026-12-31) or as people type it (31.12.2026); null if it is neither. */
export function parseDateInput(value: string): PlainDate | null {
  const v = value.trim()
  const german = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(v)
  const iso = german ? `${german[3]}-${german[2]!.padStart(2, '0')}-${german[1]!.padStart(2, '0')}` : v
  return isPlainDate(iso) ? iso : null
}

export const dateField = () =>
  z.string().transform((v, ctx) => {
    const date = parseDateInput(v)
    if (date) return date
    ctx.addIssue({ code: 'custom', message: 'date_invalid' })
    return z.NEVER
  })

const ownKeys = new Set<string>(['note_required', 'member_number_invalid', 'year_invalid'])

/** zod issues -> errors by field; this module's own keys in its own words, renamed to the page's field names. */
export function formErrors(error: z.ZodError, lang: Language, rename: Record<string, string> = {}): Errors {
  const issues = fieldIssues(error, lang).map((issue, i) => {
    const key = error.issues[i]?.message ?? ''
    const message = ownKeys.has(key)
      ? translate(memberText, lang, key as MemberKey)
      : key === 'percent_invalid'
        ? translate(capitalText, lang, key)
        : issue.message
    return { path: rename[issue.path] ?? issue.path, message }
  })
  return errorsByField(issues)
}

const ledgerDetails = new Set(['reversal_of_reversal', 'already_reversed', 'negative_balance'])

/**
 * A failed action as the form shows it: errors at the fields (validation), or the reason it was refused. Null
 * for anything else (not found, forbidden, a fault), which the error handler answers.
 */
export function failedForm(
  error: unknown,
  lang: Language,
  base: Pick<FormState, 'form' | 'values' | 'rowId'>,
  rename: Record<string, string> = {},
): FormState | null {
  const pgCode = (error as { code?: unknown }).code
  const domain =
    error instanceof DomainError
      ? error
      : pgCode === '23514'
        ? new DomainError('ledger_rule', (error as Error).message)
        : pgCode === '23P01'
          ? new DomainError('membership_overlap')
          : null
  if (!domain) return null
  if (domain.code === 'validation' && domain.fields.length > 0) {
    // a refusal code used as a field message (e.g. the receiving member is not active) reads as the refusal
    const issues = localiseIssues(domain.fields, lang).map((f) => ({
      path: rename[f.path] ?? f.path,
      message: /^[a-z_]+$/.test(f.message) ? (memberErrorText(f.message as ErrorCode, lang) ?? f.message) : f.message,
    }))
    return { ...base, errors: errorsByField(issues) }
  }
  if (domain.code === 'not_found' || domain.code === 'forbidden' || domain.code === 'unauthenticated') return null
  if (domain.code === 'ledger_rule' && domain.detail && ledgerDetails.has(domain.detail))
    return { ...base, refusal: translate(capitalText, lang, domain.detail as 'already_reversed') }
  const refusal = memberErrorText(domain.code, lang)
  return refusal ? { ...base, refusal } : null
}

/** The member's page, with the permissions of whoever looks; a failed form comes back in `state`. */
export async function renderMemberPage(
  c: AppContext,
  memberId: string,
  state?: FormState,
  status: 200 | 409 | 422 = 200,
) {
  const actor = c.get('actor')
  const deps = c.get('deps')
  const data = await memberDashboard(deps.db, actor, memberId, deps)
  const { member } = data
  const today = todayIn(deps.clock.now())
  const may = {
    notice: mayOnMember(actor, 'member.give_notice', member),
    requestShares: mayOnMember(actor, 'member.request_shares', member),
    readCapital: mayOnMember(actor, 'capital.read', member),
    book: can(actor, 'capital.book'),
    manage: can(actor, 'member.manage'),
  }
  const preview =
    may.notice && member.status === 'active'
      ? await deps.db.transaction().execute((trx) => noticePreview(trx, actor, memberId, deps))
      : null
  const { settings } = await statutesOn(deps.db, today)
  const cancellable = preview?.exitDates[0]
    ? { effectiveOn: preview.exitDates[0], max: Math.max(0, data.ledger.sharesTotal - data.mandatoryShares) }
    : null
  return render(
    c,
    `${member.name} (${member.number})`,
    <MemberPage
      lang={c.get('lang')}
      csrf={c.get('csrf')}
      today={today}
      data={data}
      preview={preview}
      cancellable={cancellable}
      statementYears={statementYears(member, today, settings.fiscalYearStartMonth)}
      may={may}
      state={state}
    />,
    status,
  )
}

/** Answers a failed member action: the page again with the form's errors or refusal, or the error handler. */
async function failed(
  c: AppContext,
  memberId: string,
  error: unknown,
  base: FormState,
  rename?: Record<string, string>,
) {
  const state = failedForm(error, c.get('lang'), base, rename)
  if (!state) throw error
  return renderMemberPage(c, memberId, state, state.errors ? 422 : 409)
}

const asciiFallback: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', Ä: 'Ae', Ö: 'Oe', Ü: 'Ue', ß: 'ss' }

/** RFC 6266: a plain ASCII name for old clients and the exact UTF-8 name for the rest. */
export function contentDisposition(filename: string, kind: 'inline' | 'attachment' = 'inline'): string {
  const ascii = filename.replace(/[äöüÄÖÜß]/g, (ch) => asciiFallback[ch] ?? '').replace(/[^\x20-\x7e]|["\\]/g, '_')
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`
}

export function sendPdf(c: AppContext, download: Download) {
  return c.body(new Uint8Array(download.pdf), 200, {
    'content-type': 'application/pdf',
    'content-disposition': contentDisposition(download.filename),
    'cache-control': 'private, no-store',
  })
}

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

const noticeForm = z.object({ exitOn: z.union([z.literal(''), dateField()]) })

memberRoutes.post('/members/:id/notice', async (c) => {
  const actor = c.get('actor')
  const deps = c.get('deps')
  const lang = c.get('lang')
  const id = idParam(c.req.param('id'))
  await authorizedMember(deps.db, actor, id, 'member.give_notice', todayIn(deps.clock.now()))
  const values = { exitOn: formValue(c, 'exitOn') }
  const parsed = noticeForm.safeParse(values)
  if (!parsed.success)
    return renderMemberPage(c, id, { form: 'notice', values, errors: formErrors(parsed.error, lang) }, 422)
  try {
    const exitOn = parsed.data.exitOn || undefined
    const result = await inTransaction(c, (trx) => giveNotice(trx, actor, id, { exitOn }, deps))
    const t = translator(memberText, lang)
    return redirectWithFlash(
      c,
      `/members/${id}`,
      t('notice_done', { exit: formatDate(result.exitOn, lang), payout: formatDate(result.payoutDueBy, lang) }),
    )
  } catch (error) {
    return failed(c, id, error, { form: 'notice', values })
  }
})

memberRoutes.post('/members/:id/shares/declare', async (c) => {
  const actor = c.get('actor')
  const deps = c.get('deps')
  const lang = c.get('lang')
  const id = idParam(c.req.param('id'))
  await authorizedMember(deps.db, actor, id, 'member.request_shares', todayIn(deps.clock.now()))
  const values = { shares: formValue(c, 'shares'), consent: formValue(c, 'consent') }
  const parsed = extraSharesInput.safeParse(values)
  if (!parsed.success)
    return renderMemberPage(c, id, { form: 'declare', values, errors: formErrors(parsed.error, lang) }, 422)
  try {
    const context = { ip: clientIp(c), userAgent: c.req.header('user-agent') ?? null, lang }
    const { application } = await inTransaction(c, (trx) =>
      declareExtraShares(trx, actor, id, parsed.data.shares, context, deps),
    )
    return redirectWithFlash(
      c,
      `/members/${id}`,
      translator(memberText, lang)('extra_done', { ref: application.ref, shares: parsed.data.shares }),
    )
  } catch (error) {
    return failed(c, id, error, { form: 'declare', values })
  }
})

const cancelForm = z.object({ cancelShares: count(10_000).pipe(z.number().min(1, { error: 'too_small' })) })

memberRoutes.post('/members/:id/shares/cancel', async (c) => {
  const actor = c.get('actor')
  const deps = c.get('deps')
  const lang = c.get('lang')
  const id = idParam(c.req.param('id'))
  await authorizedMember(deps.db, actor, id, 'member.give_notice', todayIn(deps.clock.now()))
  const values = { cancelShares: formValue(c, 'cancelShares') }
  const parsed = cancelForm.safeParse(values)
  if (!parsed.success)
    return renderMemberPage(c, id, { form: 'cancel', values, errors: formErrors(parsed.error, lang) }, 422)
  try {
    const shares = parsed.data.cancelShares
    const result = await inTransaction(c, (trx) => cancelVoluntaryShares(trx, actor, id, { shares }, deps))
    return redirectWithFlash(
      c,
      `/members/${id}`,
      translator(memberText, lang)('cancel_done', { shares, date: formatDate(result.effectiveOn, lang) }),
    )
  } catch (error) {
    return failed(c, id, error, { form: 'cancel', values }, { shares: 'cancelShares' })
  }
})

// --- the board records an exit ------------------------------------------------------------------------------------

const exitForm = z
  .object({
    exitReason: z.enum(['exclusion', 'death', 'dissolution'], { error: 'invalid_choice' }),
    exitEventOn: dateField(),
    exitNote: text(2000),
  })
  .refine((v) => v.exitReason !== 'exclusion' || v.exitNote.length > 0, {
    error: 'note_required',
    path: ['exitNote'],
    when: () => true,
  })

memberRoutes.post('/members/:id/exit', async (c) => {
  const actor = c.get('actor')
  const deps = c.get('deps')
  const lang = c.get('lang')
  const id = idParam(c.req.param('id'))
  authorize(actor, 'member.manage')
  const values = {
    exitReason: formValue(c, 'exitReason'),
    exitEventOn: formValue(c, 'exitEventOn'),
    exitNote: formValue(c, 'exitNote'),
  }
  const parsed = exitForm.safeParse(values)
  if (!parsed.success)
    return renderMemberPage(c, id, { form: 'exit', values, errors: formErrors(parsed.error, lang) }, 422)
  try {
    const { exitReason: reason, exitEventOn: eventOn, exitNote: note } = parsed.data
    const result = await inTransaction(c, (trx) => recordExit(trx, actor, id, { reason, eventOn, note }, deps))
    return redirectWithFlash(
      c,
      `/members/${id}`,
      translator(memberText, lang)('exit_done', {
        reason: exitReasonText(reason, lang),
        exit: formatDate(result.exitOn, lang),
      }),
    )
  } catch (error) {
    return failed(c, id, error, { form: 'exit', values }, { reason: 'exitReason', eventOn: 'exitEventOn' })
  }
})
