import type { z } from '@hono/zod-openapi'
import { capitalText } from '../capital/capital.messages.ts'
import { mandatorySharesOn } from '../capital/ledger.actions.ts'
import type { Trx } from '../db/db.ts'
import type { AppContext } from '../platform/context.ts'
import { todayIn } from '../platform/dates.ts'
import { DomainError, type ErrorCode, fromDatabaseError } from '../platform/errors.ts'
import { fieldIssues, localiseIssues } from '../platform/fields.ts'
import { type Language, translate } from '../platform/i18n.ts'
import { can } from '../platform/policy.ts'
import { statutesOn } from '../statutes/statutes.actions.ts'
import { type Errors, errorsByField } from '../web/components.tsx'
import { idParam } from '../web/params.ts'
import { formValue, redirectWithFlash, render } from '../web/render.tsx'
import { inTransaction } from '../web/transaction.ts'
import { mayOnMember, statementYears } from './documents.actions.ts'
import { memberErrorText } from './errors.messages.ts'
import { noticePreview } from './exit.actions.ts'
import { type MemberKey, memberText } from './members.messages.ts'
import { type FormState, MemberPage } from './members.pages.tsx'
import { shareCancellationEffectiveDate } from './membership.rules.ts'
import { memberDashboard } from './register.actions.ts'

/** What the member, register and capital routes share: reading a posted form, running it, showing the member page again. */
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
  const domain = error instanceof DomainError ? error : fromDatabaseError(error)
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
    order:
      member.organisationId !== null &&
      member.status === 'active' &&
      can(actor, 'booking.order', member.organisationId),
  }
  const preview = may.notice && member.status === 'active' ? await noticePreview(deps.db, actor, memberId, deps) : null
  const { settings } = await statutesOn(deps.db, today)
  // §67b: what a notice on voluntary shares given today would mean, by the same rules the action applies
  const shareEffectiveOn = shareCancellationEffectiveDate(today, settings)
  const cancellable = preview
    ? {
        effectiveOn: shareEffectiveOn,
        max: Math.max(0, data.ledger.sharesTotal - (await mandatorySharesOn(deps.db, memberId, shareEffectiveOn))),
      }
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
