import type { CapitalTransactionRow, ShareTransactionRow } from '../db/schema.ts'
import { capitalKindText } from '../members/documents.actions.ts'
import type { FormState } from '../members/members.pages.tsx'
import type { PlainDate } from '../platform/dates.ts'
import { formatDate, formatEuro, type Language, translator } from '../platform/i18n.ts'
import { Field, Form } from '../web/components.tsx'
import { DataTable } from '../web/data-table.tsx'
import { capitalText } from './capital.messages.ts'

/** A refused action, shown where it was asked for: what the rules say, nothing changed. */
export function Refusal(props: { title: string; text: string | undefined }) {
  if (!props.text) return null
  return (
    <div class="error-summary" role="alert">
      <p>{props.title}</p>
      <p class="error">{props.text}</p>
    </div>
  )
}

/** One small input with its own id, for forms repeated per table row. */
export function RowField(props: {
  id: string
  name: string
  label: string
  type?: string
  value?: string
  error?: string
  required?: boolean
  maxlength?: number
}) {
  return (
    <div class={props.error ? 'field invalid' : 'field'}>
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value ?? ''}
        required={props.required}
        maxlength={props.maxlength}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={props.error ? `${props.id}-error` : undefined}
      />
      {props.error && (
        <p class="error" id={`${props.id}-error`}>
          {props.error}
        </p>
      )}
    </div>
  )
}

/**
 * Paid, due now and due later as one bar (inline SVG, no script): the width of each part is its share of the
 * subscribed capital. The figures themselves stand next to it, so the chart is only a picture of them.
 */
export function CapitalBar(props: { lang: Language; label: string; subscribed: number; paid: number; owed: number }) {
  const total = Math.max(props.subscribed, props.paid, 1)
  const paid = Math.min(props.paid, total)
  const owed = Math.min(props.owed, total - paid)
  const later = Math.max(0, total - paid - owed)
  const w = (cents: number) => ((cents / total) * 100).toFixed(2)
  return (
    <svg class="capital-bar" viewBox="0 0 100 6" preserveAspectRatio="none" role="img" aria-label={props.label}>
      <title>{props.label}</title>
      <rect class="bar-paid" x="0" y="0" height="6" width={w(paid)} />
      <rect class="bar-owed" x={w(paid)} y="0" height="6" width={w(owed)} />
      <rect class="bar-later" x={w(paid + owed)} y="0" height="6" width={w(later)} />
    </svg>
  )
}

function shareKindText(row: ShareTransactionRow, lang: Language): string {
  return translator(capitalText, lang)(`share_${row.kind}`)
}

function ReverseForm(props: {
  lang: Language
  csrf: string
  memberId: string
  ledger: 'shares' | 'capital'
  rowId: string
  state?: FormState
}) {
  const t = translator(capitalText, props.lang)
  const mine = props.state?.form === 'reverse' && props.state.rowId === props.rowId
  return (
    <details open={mine}>
      <summary>{t('reverse')}</summary>
      <form method="post" action={`/members/${props.memberId}/reversals`} class="stack" novalidate>
        <input type="hidden" name="_csrf" value={props.csrf} />
        <input type="hidden" name="ledger" value={props.ledger} />
        <input type="hidden" name="transactionId" value={props.rowId} />
        <RowField
          id={`reverse-${props.rowId}`}
          name="reason"
          label={t('reverse_reason')}
          value={mine ? props.state?.values?.reason : ''}
          error={mine ? props.state?.errors?.reason : undefined}
          required
          maxlength={500}
        />
        <div class="actions">
          <button type="submit" class="danger">
            {t('reverse_submit')}
          </button>
        </div>
      </form>
    </details>
  )
}

/** Both ledgers of a member; the board gets a reversal per entry that is neither a reversal nor reversed. */
export function LedgerTables(props: {
  lang: Language
  csrf: string
  memberId: string
  shareRows: ShareTransactionRow[]
  capitalRows: CapitalTransactionRow[]
  canReverse: boolean
  state?: FormState
}) {
  const t = translator(capitalText, props.lang)
  const reversed = new Set(
    [...props.shareRows, ...props.capitalRows].map((r) => r.reverses_id).filter((id): id is string => id !== null),
  )
  const reversible = (row: { id: string; kind: string }) =>
    props.canReverse && row.kind !== 'reversal' && !reversed.has(row.id)
  const mark = (row: { id: string }) => (reversed.has(row.id) ? ` (${t('reversed')})` : '')
  // in the order they take effect; entries of one day in the order they were booked
  const byDate = <R extends { effective_on: string; seq: number }>(rows: R[]) =>
    [...rows].sort((a, b) => a.effective_on.localeCompare(b.effective_on) || Number(a.seq) - Number(b.seq))
  const columns = (figure: 'change' | 'amount') => [
    t('date'),
    t('kind'),
    { label: t(figure), num: true },
    t('reference'),
    props.canReverse && t('actions'),
  ]
  const actions = (ledger: 'shares' | 'capital', row: { id: string; kind: string }) =>
    props.canReverse && (
      <td>
        {reversible(row) && (
          <ReverseForm
            lang={props.lang}
            csrf={props.csrf}
            memberId={props.memberId}
            ledger={ledger}
            rowId={row.id}
            state={props.state}
          />
        )}
      </td>
    )
  return (
    <>
      <h2 id="share-ledger">{t('share_ledger')}</h2>
      <DataTable
        items={byDate(props.shareRows)}
        empty={t('ledger_empty')}
        columns={columns('change')}
        row={(row) => (
          <tr>
            <td>{formatDate(row.effective_on, props.lang)}</td>
            <td>{shareKindText(row, props.lang) + mark(row)}</td>
            <td class="num">{row.shares > 0 ? `+${row.shares}` : String(row.shares)}</td>
            <td>{row.note}</td>
            {actions('shares', row)}
          </tr>
        )}
      />
      <h2 id="capital-ledger">{t('capital_ledger')}</h2>
      <DataTable
        items={byDate(props.capitalRows)}
        empty={t('ledger_empty')}
        columns={columns('amount')}
        row={(row) => (
          <tr>
            <td>{formatDate(row.effective_on, props.lang)}</td>
            <td>{capitalKindText(row, props.lang) + mark(row)}</td>
            <td class="num">{formatEuro(Number(row.amount_cents), props.lang)}</td>
            <td>{[row.reference, row.note].filter(Boolean).join(' · ')}</td>
            {actions('capital', row)}
          </tr>
        )}
      />
    </>
  )
}

/** The board books a payment received on the member's shares. */
export function PaymentForm(props: {
  lang: Language
  csrf: string
  memberId: string
  today: PlainDate
  state?: FormState
}) {
  const t = translator(capitalText, props.lang)
  const mine = props.state?.form === 'payment' ? props.state : undefined
  const v = mine?.values ?? {}
  const e = mine?.errors
  return (
    <section aria-labelledby="payment-heading">
      <h3 id="payment-heading">{t('payment_heading')}</h3>
      <Form
        action={`/members/${props.memberId}/payments`}
        csrf={props.csrf}
        lang={props.lang}
        errors={e}
        labels={{
          amountCents: t('payment_amount'),
          receivedOn: t('payment_received_on'),
          reference: t('payment_reference'),
        }}
      >
        <Field
          name="amountCents"
          label={t('payment_amount')}
          inputmode="decimal"
          value={v.amountCents}
          errors={e}
          required
        />
        <Field
          name="receivedOn"
          label={t('payment_received_on')}
          type="date"
          value={v.receivedOn ?? props.today}
          errors={e}
          required
        />
        <Field
          name="reference"
          label={t('payment_reference')}
          value={v.reference}
          errors={e}
          maxlength={140}
          required
        />
        <div class="actions">
          <button type="submit">{t('payment_submit')}</button>
        </div>
      </Form>
    </section>
  )
}

/** §76 GenG: the board books a transfer of shares to another member. */
export function TransferForm(props: { lang: Language; csrf: string; memberId: string; state?: FormState }) {
  const t = translator(capitalText, props.lang)
  const mine = props.state?.form === 'transfer' ? props.state : undefined
  const v = mine?.values ?? {}
  const e = mine?.errors
  return (
    <section aria-labelledby="transfer-heading">
      <h3 id="transfer-heading">{t('transfer_heading')}</h3>
      <p class="hint">{t('transfer_intro')}</p>
      <Form
        action={`/members/${props.memberId}/transfers`}
        csrf={props.csrf}
        lang={props.lang}
        errors={e}
        labels={{ toMemberNumber: t('transfer_to'), transferShares: t('transfer_shares') }}
      >
        <Field
          name="toMemberNumber"
          label={t('transfer_to')}
          value={v.toMemberNumber}
          errors={e}
          required
          maxlength={20}
        />
        <Field
          name="transferShares"
          label={t('transfer_shares')}
          inputmode="numeric"
          value={v.transferShares}
          errors={e}
          required
        />
        <div class="actions">
          <button type="submit">{t('transfer_submit')}</button>
        </div>
      </Form>
    </section>
  )
}
