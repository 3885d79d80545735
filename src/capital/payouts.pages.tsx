import type { FormState } from '../members/members.pages.tsx'
import type { PlainDate } from '../platform/dates.ts'
import { formatDate, formatEuro, type Language, translator } from '../platform/i18n.ts'
import { Field, Form } from '../web/components.tsx'
import { DataTable } from '../web/data-table.tsx'
import { capitalText } from './capital.messages.ts'
import { Refusal, RowField } from './capital.pages.tsx'
import type { AnnualAccounts, PayoutItem } from './payouts.actions.ts'

function percent(value: number, lang: Language): string {
  return new Intl.NumberFormat(lang === 'de' ? 'de-DE' : 'en-GB', { maximumFractionDigits: 2 }).format(value) + ' %'
}

function PayoutStatus(props: { lang: Language; item: PayoutItem }) {
  const t = translator(capitalText, props.lang)
  const { item } = props
  if (item.status === 'paid') return <>{t('status_paid', { date: formatDate(item.paidOn, props.lang) })}</>
  return <strong class={`status-${item.status}`}>{t(`status_${item.status}`)}</strong>
}

function SettleForm(props: { lang: Language; csrf: string; item: PayoutItem; today: PlainDate; state?: FormState }) {
  const t = translator(capitalText, props.lang)
  const mine = props.state?.form === 'settle' && props.state.rowId === props.item.id ? props.state : undefined
  const id = props.item.id
  return (
    <details open={mine !== undefined}>
      <summary>{t('settle')}</summary>
      <form method="post" action={`/payouts/${id}/settle`} class="stack" novalidate>
        <input type="hidden" name="_csrf" value={props.csrf} />
        <RowField
          id={`settle-${id}-paidOn`}
          name="paidOn"
          type="date"
          label={t('settle_paid_on')}
          value={mine?.values?.paidOn ?? props.today}
          error={mine?.errors?.paidOn}
          required
        />
        <RowField
          id={`settle-${id}-reference`}
          name="reference"
          label={t('settle_reference')}
          value={mine?.values?.reference}
          error={mine?.errors?.reference}
          required
          maxlength={140}
        />
        <div class="actions">
          <button type="submit">{t('settle_submit')}</button>
        </div>
      </form>
    </details>
  )
}

export function PayoutsPage(props: {
  lang: Language
  csrf: string
  today: PlainDate
  filter: 'open' | 'paid' | 'all'
  items: PayoutItem[]
  accounts: AnnualAccounts[]
  canManage: boolean
  state?: FormState
}) {
  const t = translator(capitalText, props.lang)
  const euro = (cents: number) => formatEuro(cents, props.lang)
  const accountsState = props.state?.form === 'accounts' ? props.state : undefined
  const av = accountsState?.values ?? {}
  const ae = accountsState?.errors
  return (
    <section>
      <h1>{t('payouts_title')}</h1>
      <Refusal title={t('refused')} text={props.state?.refusal} />
      <p>{t('payouts_intro')}</p>
      <form method="get" action="/payouts" class="actions">
        <label for="f-filter">{t('filter_label')}</label>
        <select id="f-filter" name="status">
          {(['open', 'paid', 'all'] as const).map((f) => (
            <option value={f} selected={f === props.filter}>
              {t(`filter_${f}`)}
            </option>
          ))}
        </select>
        <button type="submit" class="secondary">
          {t('show')}
        </button>
      </form>
      <DataTable
        items={props.items}
        empty={t('payouts_none')}
        columns={[
          t('member'),
          t('cause'),
          t('ended_on'),
          t('due_by'),
          t('status'),
          { label: t('balance'), num: true },
          { label: t('loss_share'), num: true },
          { label: t('payout_amount'), num: true },
          props.canManage && t('settle'),
        ]}
        row={(item) => (
          <tr class={item.overdue ? 'overdue' : undefined}>
            <td>
              <a href={`/members/${item.memberId}`}>{item.memberNumber}</a> {item.memberName}
            </td>
            <td>{t(`cause_${item.cause}`)}</td>
            <td>{formatDate(item.endedOn, props.lang)}</td>
            <td>
              {formatDate(item.dueBy, props.lang)}
              {item.overdue && <strong class="overdue-label"> {t('overdue')}</strong>}
            </td>
            <td>
              <PayoutStatus lang={props.lang} item={item} />
              {item.lossPercent !== null && item.status !== 'paid' && (
                <span class="hint"> ({percent(item.lossPercent, props.lang)})</span>
              )}
            </td>
            <td class="num">{euro(item.balanceCents)}</td>
            <td class="num">{euro(item.lossCents)}</td>
            <td class="num">
              {euro(item.amountCents)}
              {item.status !== 'paid' && <span class="hint"> ({t('expected')})</span>}
            </td>
            {props.canManage && (
              <td>
                {item.status === 'payable' && (
                  <SettleForm lang={props.lang} csrf={props.csrf} item={item} today={props.today} state={props.state} />
                )}
              </td>
            )}
          </tr>
        )}
      />
      <h2>{t('accounts_heading')}</h2>
      <DataTable
        items={props.accounts}
        empty={t('accounts_none')}
        columns={[
          t('accounts_year_end'),
          t('accounts_approved_on'),
          { label: t('loss_share'), num: true },
          t('accounts_note'),
        ]}
        row={(a) => (
          <tr>
            <td>{formatDate(a.fiscalYearEnd, props.lang)}</td>
            <td>{formatDate(a.approvedOn, props.lang)}</td>
            <td class="num">{percent(a.lossPercent, props.lang)}</td>
            <td>{a.note}</td>
          </tr>
        )}
      />
      {props.canManage && (
        <>
          <h3>{t('accounts_form')}</h3>
          <Form
            action="/payouts/annual-accounts"
            csrf={props.csrf}
            lang={props.lang}
            errors={ae}
            labels={{
              fiscalYearEnd: t('accounts_year_end'),
              approvedOn: t('accounts_approved_on'),
              lossPercent: t('accounts_loss_percent'),
              note: t('accounts_note'),
            }}
          >
            <Field
              name="fiscalYearEnd"
              type="date"
              label={t('accounts_year_end')}
              value={av.fiscalYearEnd}
              errors={ae}
              required
            />
            <Field
              name="approvedOn"
              type="date"
              label={t('accounts_approved_on')}
              value={av.approvedOn}
              errors={ae}
              required
            />
            <Field
              name="lossPercent"
              label={t('accounts_loss_percent')}
              hint={t('accounts_loss_hint')}
              inputmode="decimal"
              value={av.lossPercent ?? '0'}
              errors={ae}
              required
            />
            <Field name="note" label={t('accounts_note')} value={av.note} errors={ae} maxlength={500} />
            <div class="actions">
              <button type="submit">{t('accounts_submit')}</button>
            </div>
          </Form>
        </>
      )}
    </section>
  )
}
