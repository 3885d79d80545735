import { z } from '@hono/zod-openapi'
import { Hono } from 'hono'
import { capitalText } from '../capital/capital.messages.ts'
import { cancelVoluntaryShares } from '../capital/ledger.actions.ts'
import type { Trx } from '../db/db.ts'
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
import { declareExtraShares } from './share-declarations.actions.ts'

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

export interface FormAction<S extends z.ZodType, R> {
  /** The form on the page; with `rowId` the table row it belongs to. */
  form: FormState['form']
  rowId?: string
  /** The posted fields the schema reads. */
  fields: readonly string[]
  schema: S
  /** The action's field names -> the form's, for the errors the action reports. */
  rename?: Record<string, string>
  /** Sees the errors of an unreadable form first (may throw, e.g. not_found for tampered hidden fields). */
  invalid?: (errors: Errors) => void
  /** The use case, in one transaction. */
  run: (trx: Trx, data: z.output<S>) => Promise<R>
  /** Where to go after it and what to say there. */
  done: (result: R, data: z.output<S>) => { to: string; flash: string }
  /** A refusal this form words itself, before the general ones of failedForm. */
  refusal?: (error: unknown) => string | undefined
  /** The page again with the form's errors (422) or the refusal (409). */
  page: (state: FormState, status: 409 | 422) => Promise<Response>
}

/**
 * One posted form (the actor is authorized already): read and check the fields, run the use case, redirect with a
 * flash message; errors at the fields or a refusal show the page again, anything else goes to the error handler.
 */
export async function formAction<S extends z.ZodType, R>(c: AppContext, spec: FormAction<S, R>) {
  const lang = c.get('lang')
  const values = Object.fromEntries(spec.fields.map((name) => [name, formValue(c, name)]))
  const base: FormState =
    spec.rowId === undefined ? { form: spec.form, values } : { form: spec.form, rowId: spec.rowId, values }
  const parsed = spec.schema.safeParse(values)
  if (!parsed.success) {
    const errors = formErrors(parsed.error, lang)
    spec.invalid?.(errors)
    return spec.page({ ...base, errors }, 422)
  }
  try {
    const result = await inTransaction(c, (trx) => spec.run(trx, parsed.data))
    const { to, flash } = spec.done(result, parsed.data)
    return redirectWithFlash(c, to, flash)
  } catch (error) {
    const refusal = spec.refusal?.(error)
    const state = refusal ? { ...base, refusal } : failedForm(error, lang, base, spec.rename)
    if (!state) throw error
    return spec.page(state, state.errors ? 422 : 409)
  }
}

/** What a form posted to `…/:id/…` works with. */
export function postedOn(c: AppContext) {
  return { actor: c.get('actor'), deps: c.get('deps'), lang: c.get('lang'), id: idParam(c.req.param('id')) }
}

/** A form on the member's page: `formAction` with that page to show again. */
export function memberFormAction<S extends z.ZodType, R>(
  c: AppContext,
  memberId: string,
  spec: Omit<FormAction<S, R>, 'page'>,
) {
  return formAction(c, { ...spec, page: (state, status) => renderMemberPage(c, memberId, state, status) })
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
    exitEventOn: dateField(),
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
