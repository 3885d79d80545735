import { z } from '@hono/zod-openapi'
import { Hono } from 'hono'
import { formAction, memberFormAction, postedOn } from '../members/member-page.routes.tsx'
import type { FormState } from '../members/members.pages.tsx'
import type { AppContext, AppEnv } from '../platform/context.ts'
import { todayIn } from '../platform/dates.ts'
import { DomainError } from '../platform/errors.ts'
import { count, dateInput, euroCents, requiredText, text } from '../platform/fields.ts'
import { formatDate, formatEuro, translator } from '../platform/i18n.ts'
import { authorize, can } from '../platform/policy.ts'
import { formValue, render } from '../web/render.tsx'
import { capitalText } from './capital.messages.ts'
import { ledgerSummary, recordPayment } from './ledger.actions.ts'
import { listAnnualAccounts, listPayouts, recordAnnualAccounts, settlePayout } from './payouts.actions.ts'
import { PayoutsPage } from './payouts.pages.tsx'
import { reverseTransaction } from './reversals.actions.ts'
import { transferShares } from './transfers.actions.ts'

export const capitalRoutes = new Hono<AppEnv>()

// --- the board's bookings on a member -----------------------------------------------------------------------------

const paymentForm = z.object({
  amountCents: euroCents(100_000_000_00).pipe(z.number().min(1, { error: 'too_small' })),
  receivedOn: dateInput(),
  reference: requiredText(140),
})

capitalRoutes.post('/members/:id/payments', async (c) => {
  const { actor, deps, lang, id } = postedOn(c)
  authorize(actor, 'capital.book')
  return memberFormAction(c, id, {
    form: 'payment',
    fields: ['amountCents', 'receivedOn', 'reference'],
    schema: paymentForm,
    run: (trx, data) => recordPayment(trx, actor, id, data, deps),
    done: (_, data) => ({
      to: `/members/${id}#capital-ledger`,
      flash: translator(capitalText, lang)('payment_done', { amount: formatEuro(data.amountCents, lang) }),
    }),
  })
})

const reversalForm = z.object({
  ledger: z.enum(['shares', 'capital'], { error: 'invalid_choice' }),
  transactionId: z.uuid(),
  reason: requiredText(500),
})

capitalRoutes.post('/members/:id/reversals', async (c) => {
  const { actor, deps, lang, id } = postedOn(c)
  authorize(actor, 'capital.book')
  return memberFormAction(c, id, {
    form: 'reverse',
    rowId: formValue(c, 'transactionId'),
    fields: ['ledger', 'transactionId', 'reason'],
    schema: reversalForm,
    invalid: (errors) => {
      if (errors.ledger || errors.transactionId) throw new DomainError('not_found')
    },
    run: async (trx, data) => {
      // the entry must be one of this member's: the page it came from is the page it returns to
      const ledger = await ledgerSummary(trx, id, todayIn(deps.clock.now()))
      const rows = data.ledger === 'shares' ? ledger.shareRows : ledger.capitalRows
      if (!rows.some((r) => r.id === data.transactionId)) throw new DomainError('not_found')
      return reverseTransaction(trx, actor, data, deps)
    },
    done: (_, data) => ({
      to: `/members/${id}#${data.ledger === 'shares' ? 'share-ledger' : 'capital-ledger'}`,
      flash: translator(capitalText, lang)('reversed_done'),
    }),
  })
})

const transferForm = z.object({
  toMemberNumber: text(20)
    .transform((v) => v.toUpperCase())
    .pipe(z.string().regex(/^M-\d{5,}$/, { error: 'member_number_invalid' })),
  transferShares: count(10_000).pipe(z.number().min(1, { error: 'too_small' })),
})

capitalRoutes.post('/members/:id/transfers', async (c) => {
  const { actor, deps, lang, id } = postedOn(c)
  authorize(actor, 'member.manage')
  return memberFormAction(c, id, {
    form: 'transfer',
    fields: ['toMemberNumber', 'transferShares'],
    schema: transferForm,
    rename: { shares: 'transferShares' },
    run: (trx, { toMemberNumber, transferShares: shares }) =>
      transferShares(trx, actor, id, { toMemberNumber, shares }, deps),
    done: (result, data) => ({
      to: `/members/${id}#share-ledger`,
      flash: translator(capitalText, lang)('transfer_done', {
        shares: data.transferShares,
        to: data.toMemberNumber,
        amount: formatEuro(result.amountCents, lang),
      }),
    }),
  })
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

const settleForm = z.object({ paidOn: dateInput(), reference: requiredText(140) })

capitalRoutes.post('/payouts/:id/settle', async (c) => {
  const { actor, deps, lang, id } = postedOn(c)
  authorize(actor, 'payout.manage')
  const t = translator(capitalText, lang)
  return formAction(c, {
    form: 'settle',
    rowId: id,
    fields: ['paidOn', 'reference'],
    schema: settleForm,
    run: (trx, data) => settlePayout(trx, actor, id, data, deps),
    done: (item) => ({
      to: '/payouts',
      flash: t('settled', {
        member: `${item.memberNumber} ${item.memberName}`,
        amount: formatEuro(item.amountCents, lang),
      }),
    }),
    refusal: (error) =>
      error instanceof DomainError && error.code === 'already_decided' ? t('already_paid') : undefined,
    page: (state, status) => renderPayouts(c, 'open', state, status),
  })
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
  fiscalYearEnd: dateInput(),
  approvedOn: dateInput(),
  lossPercent: percent(),
  note: text(500),
})

capitalRoutes.post('/payouts/annual-accounts', async (c) => {
  const actor = c.get('actor')
  const deps = c.get('deps')
  const lang = c.get('lang')
  authorize(actor, 'payout.manage')
  return formAction(c, {
    form: 'accounts',
    fields: ['fiscalYearEnd', 'approvedOn', 'lossPercent', 'note'],
    schema: accountsForm,
    run: (trx, data) => recordAnnualAccounts(trx, actor, data, deps),
    done: (accounts) => ({
      to: '/payouts',
      flash: translator(capitalText, lang)('accounts_recorded', { date: formatDate(accounts.fiscalYearEnd, lang) }),
    }),
    page: (state, status) => renderPayouts(c, 'open', state, status),
  })
})
