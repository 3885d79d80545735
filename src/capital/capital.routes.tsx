import { z } from '@hono/zod-openapi'
import { Hono } from 'hono'
import type { FormState } from '../members/members.pages.tsx'
import { dateField, failedForm, formErrors, renderMemberPage } from '../members/members.routes.tsx'
import type { AppContext, AppEnv } from '../platform/context.ts'
import { todayIn } from '../platform/dates.ts'
import { DomainError } from '../platform/errors.ts'
import { count, euroCents, requiredText, text } from '../platform/fields.ts'
import { formatDate, formatEuro, translator } from '../platform/i18n.ts'
import { authorize, can } from '../platform/policy.ts'
import { idParam } from '../web/params.ts'
import { formValue, redirectWithFlash, render } from '../web/render.tsx'
import { inTransaction } from '../web/transaction.ts'
import { capitalText } from './capital.messages.ts'
import { ledgerSummary, recordPayment, reverseTransaction, transferShares } from './ledger.actions.ts'
import { listAnnualAccounts, listPayouts, recordAnnualAccounts, settlePayout } from './payouts.actions.ts'
import { PayoutsPage } from './payouts.pages.tsx'

export const capitalRoutes = new Hono<AppEnv>()

/** Answers a failed booking on a member: the member's page with the form's errors or the refusal. */
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

// --- the board's bookings on a member -----------------------------------------------------------------------------

const paymentForm = z.object({
  amountCents: euroCents(100_000_000_00).pipe(z.number().min(1, { error: 'too_small' })),
  receivedOn: dateField(),
  reference: requiredText(140),
})

capitalRoutes.post('/members/:id/payments', async (c) => {
  const actor = c.get('actor')
  const deps = c.get('deps')
  const lang = c.get('lang')
  const id = idParam(c.req.param('id'))
  authorize(actor, 'capital.book')
  const values = {
    amountCents: formValue(c, 'amountCents'),
    receivedOn: formValue(c, 'receivedOn'),
    reference: formValue(c, 'reference'),
  }
  const parsed = paymentForm.safeParse(values)
  if (!parsed.success)
    return renderMemberPage(c, id, { form: 'payment', values, errors: formErrors(parsed.error, lang) }, 422)
  try {
    await inTransaction(c, (trx) => recordPayment(trx, actor, id, parsed.data, deps))
    const amount = formatEuro(parsed.data.amountCents, lang)
    return redirectWithFlash(
      c,
      `/members/${id}#capital-ledger`,
      translator(capitalText, lang)('payment_done', { amount }),
    )
  } catch (error) {
    return failed(c, id, error, { form: 'payment', values })
  }
})

const reversalForm = z.object({
  ledger: z.enum(['shares', 'capital'], { error: 'invalid_choice' }),
  transactionId: z.uuid(),
  reason: requiredText(500),
})

capitalRoutes.post('/members/:id/reversals', async (c) => {
  const actor = c.get('actor')
  const deps = c.get('deps')
  const lang = c.get('lang')
  const id = idParam(c.req.param('id'))
  authorize(actor, 'capital.book')
  const values = {
    ledger: formValue(c, 'ledger'),
    transactionId: formValue(c, 'transactionId'),
    reason: formValue(c, 'reason'),
  }
  const parsed = reversalForm.safeParse(values)
  const rowId = values.transactionId
  if (!parsed.success) {
    const errors = formErrors(parsed.error, lang)
    if (errors.ledger || errors.transactionId) throw new DomainError('not_found')
    return renderMemberPage(c, id, { form: 'reverse', rowId, values, errors }, 422)
  }
  // the entry must be one of this member's: the page it came from is the page it returns to
  const ledger = await ledgerSummary(deps.db, id, todayIn(deps.clock.now()))
  const rows = parsed.data.ledger === 'shares' ? ledger.shareRows : ledger.capitalRows
  if (!rows.some((r) => r.id === parsed.data.transactionId)) throw new DomainError('not_found')
  try {
    await inTransaction(c, (trx) => reverseTransaction(trx, actor, parsed.data, deps))
    const anchor = parsed.data.ledger === 'shares' ? 'share-ledger' : 'capital-ledger'
    return redirectWithFlash(c, `/members/${id}#${anchor}`, translator(capitalText, lang)('reversed_done'))
  } catch (error) {
    return failed(c, id, error, { form: 'reverse', rowId, values })
  }
})

const transferForm = z.object({
  toMemberNumber: text(20)
    .transform((v) => v.toUpperCase())
    .pipe(z.string().regex(/^M-\d{5,}$/, { error: 'member_number_invalid' })),
  transferShares: count(10_000).pipe(z.number().min(1, { error: 'too_small' })),
})

capitalRoutes.post('/members/:id/transfers', async (c) => {
  const actor = c.get('actor')
  const deps = c.get('deps')
  const lang = c.get('lang')
  const id = idParam(c.req.param('id'))
  authorize(actor, 'member.manage')
  const values = { toMemberNumber: formValue(c, 'toMemberNumber'), transferShares: formValue(c, 'transferShares') }
  const parsed = transferForm.safeParse(values)
  if (!parsed.success)
    return renderMemberPage(c, id, { form: 'transfer', values, errors: formErrors(parsed.error, lang) }, 422)
  try {
    const { toMemberNumber, transferShares: shares } = parsed.data
    const result = await inTransaction(c, (trx) => transferShares(trx, actor, id, { toMemberNumber, shares }, deps))
    return redirectWithFlash(
      c,
      `/members/${id}#share-ledger`,
      translator(capitalText, lang)('transfer_done', {
        shares,
        to: toMemberNumber,
        amount: formatEuro(result.amountCents, lang),
      }),
    )
  } catch (error) {
    return failed(c, id, error, { form: 'transfer', values }, { shares: 'transferShares' })
  }
})

// --- payouts (§73 GenG) -----------------------------------------------------------------------------------------

const payoutFilters = ['open', 'paid', 'all'] as const
type PayoutFilter = (typeof payoutFilters)[number]

async function renderPayouts(c: AppContext, filter: PayoutFilter, state?: FormState, status: 200 | 409 | 422 = 200) {
  const actor = c.get('actor')
  const deps = c.get('deps')
  const today = todayIn(deps.clock.now())
  const [items, accounts] = await Promise.all([
    listPayouts(deps.db, actor, { status: filter === 'all' ? undefined : filter, today }),
    listAnnualAccounts(deps.db, actor),
  ])
  return render(
    c,
    translator(capitalText, c.get('lang'))('payouts_title'),
    <PayoutsPage
      lang={c.get('lang')}
      csrf={c.get('csrf')}
      today={today}
      filter={filter}
      items={items}
      accounts={accounts}
      canManage={can(actor, 'payout.manage')}
      state={state}
    />,
    status,
  )
}

capitalRoutes.get('/payouts', (c) => {
  const raw = c.req.query('status') ?? 'open'
  const filter = (payoutFilters as readonly string[]).includes(raw) ? (raw as PayoutFilter) : 'open'
  return renderPayouts(c, filter)
})

const settleForm = z.object({ paidOn: dateField(), reference: requiredText(140) })

capitalRoutes.post('/payouts/:id/settle', async (c) => {
  const actor = c.get('actor')
  const deps = c.get('deps')
  const lang = c.get('lang')
  const id = idParam(c.req.param('id'))
  authorize(actor, 'payout.manage')
  const values = { paidOn: formValue(c, 'paidOn'), reference: formValue(c, 'reference') }
  const parsed = settleForm.safeParse(values)
  if (!parsed.success)
    return renderPayouts(c, 'open', { form: 'settle', rowId: id, values, errors: formErrors(parsed.error, lang) }, 422)
  try {
    const item = await inTransaction(c, (trx) => settlePayout(trx, actor, id, parsed.data, deps))
    return redirectWithFlash(
      c,
      '/payouts',
      translator(capitalText, lang)('settled', {
        member: `${item.memberNumber} ${item.memberName}`,
        amount: formatEuro(item.amountCents, lang),
      }),
    )
  } catch (error) {
    const state: FormState | null =
      error instanceof DomainError && error.code === 'already_decided'
        ? { form: 'settle', rowId: id, values, refusal: translator(capitalText, lang)('already_paid') }
        : failedForm(error, lang, { form: 'settle', rowId: id, values })
    if (!state) throw error
    return renderPayouts(c, 'open', state, state.errors ? 422 : 409)
  }
})

/** A loss share as people type it: 0 to 100, up to two decimals, comma or point. */
const percent = () =>
  z.string().transform((v, ctx) => {
    const t = v.trim().replace(',', '.')
    const n = Number(t)
    if (/^\d{1,3}(\.\d{1,2})?$/.test(t) && n <= 100) return n
    ctx.addIssue({ code: 'custom', message: 'percent_invalid' })
    return z.NEVER
  })

const accountsForm = z.object({
  fiscalYearEnd: dateField(),
  approvedOn: dateField(),
  lossPercent: percent(),
  note: text(500),
})

capitalRoutes.post('/payouts/annual-accounts', async (c) => {
  const actor = c.get('actor')
  const deps = c.get('deps')
  const lang = c.get('lang')
  authorize(actor, 'payout.manage')
  const values = {
    fiscalYearEnd: formValue(c, 'fiscalYearEnd'),
    approvedOn: formValue(c, 'approvedOn'),
    lossPercent: formValue(c, 'lossPercent'),
    note: formValue(c, 'note'),
  }
  const parsed = accountsForm.safeParse(values)
  if (!parsed.success)
    return renderPayouts(c, 'open', { form: 'accounts', values, errors: formErrors(parsed.error, lang) }, 422)
  try {
    const accounts = await inTransaction(c, (trx) => recordAnnualAccounts(trx, actor, parsed.data, deps))
    return redirectWithFlash(
      c,
      '/payouts',
      translator(capitalText, lang)('accounts_recorded', { date: formatDate(accounts.fiscalYearEnd, lang) }),
    )
  } catch (error) {
    const state = failedForm(error, lang, { form: 'accounts', values })
    if (!state) throw error
    return renderPayouts(c, 'open', state, state.errors ? 422 : 409)
  }
})
