import { CapitalBar, LedgerTables, PaymentForm, Refusal, TransferForm } from '../capital/capital.pages.tsx'
import { pick } from '../catalog/catalog.model.ts'
import type { PlainDate } from '../platform/dates.ts'
import { formatDate, formatEuro, type Language, translator } from '../platform/i18n.ts'
import type { Errors } from '../web/components.tsx'
import { exitReasonText, type NoticePreview } from './exit.actions.ts'
import { CancelSharesSection, ExitForm, ExtraSharesSection, NoticeSection } from './member-declarations.pages.tsx'
import { memberText } from './members.messages.ts'
import type { Member } from './members.model.ts'
import { payoutDueDate } from './membership.rules.ts'
import type { MemberDashboard } from './register.actions.ts'

/** What a form on the member page sent back: its values, errors at the fields, or why it was refused. */
export interface FormState {
  form: 'notice' | 'declare' | 'cancel' | 'exit' | 'payment' | 'transfer' | 'reverse' | 'settle' | 'accounts'
  values?: Record<string, string>
  errors?: Errors
  refusal?: string
  /** For forms repeated per table row: the row they belong to. */
  rowId?: string
}

/** aktiv / gekündigt zum … / ausgeschieden am …, with the payout deadline while leaving. */
export function memberStatusText(member: Member, lang: Language): string {
  const t = translator(memberText, lang)
  if (member.status === 'active' || !member.exitOn) return t('status_active')
  const exit = formatDate(member.exitOn, lang)
  const reason = exitReasonText(member.exitReason, lang)
  if (member.status === 'exited') return t('status_exited', { exit, reason })
  const payout = formatDate(payoutDueDate(member.exitOn), lang)
  return member.exitReason === 'termination'
    ? t('status_terminated', { exit, payout })
    : t('status_leaving', { exit, reason, payout })
}

export function MembershipList(props: { lang: Language; members: Member[] }) {
  const t = translator(memberText, props.lang)
  return (
    <section>
      <h1>{t('my_memberships')}</h1>
      {props.members.length === 0 ? (
        <>
          <p>{t('no_membership')}</p>
          <p>
            <a class="button" href="/join">
              {t('join')}
            </a>
          </p>
        </>
      ) : (
        <ul>
          {props.members.map((m) => (
            <li>
              <a href={`/members/${m.id}`}>{`${m.number} · ${m.name}`}</a> ({memberStatusText(m, props.lang)})
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

export interface MemberPageProps {
  lang: Language
  csrf: string
  today: PlainDate
  data: MemberDashboard
  preview: NoticePreview | null
  /** Earliest date a cancellation of voluntary shares given today takes effect, and how many may go. */
  cancellable: { effectiveOn: PlainDate; max: number } | null
  statementYears: number[]
  may: {
    notice: boolean
    requestShares: boolean
    readCapital: boolean
    book: boolean
    manage: boolean
    order: boolean
  }
  state?: FormState
}

function Facts(props: { lang: Language; member: Member }) {
  const t = translator(memberText, props.lang)
  const m = props.member
  return (
    <dl class="facts">
      <dt>{t('number')}</dt>
      <dd class="mono">{m.number}</dd>
      <dt>{t('member_type')}</dt>
      <dd>{t(`type_${m.memberType}`)}</dd>
      <dt>{t('address')}</dt>
      <dd>{m.address || '—'}</dd>
      <dt>{t('joined_on')}</dt>
      <dd>{formatDate(m.joinedOn, props.lang)}</dd>
      <dt>{t('status')}</dt>
      <dd>
        <strong>{memberStatusText(m, props.lang)}</strong>
        {m.noticeGivenOn && <> · {t('notice_given_on', { date: formatDate(m.noticeGivenOn, props.lang) })}</>}
      </dd>
    </dl>
  )
}

function SharesAndCapital(props: { lang: Language; data: MemberDashboard }) {
  const t = translator(memberText, props.lang)
  const { data } = props
  const { ledger } = data
  const euro = (cents: number) => formatEuro(cents, props.lang)
  const laterCents = Math.max(0, ledger.unpaidCommitmentCents - ledger.owedNowCents)
  return (
    <div class="grid2">
      <section aria-labelledby="shares-heading">
        <h2 id="shares-heading">{t('shares_heading')}</h2>
        <dl class="facts">
          <dt>{t('shares_held')}</dt>
          <dd class="big" data-testid="shares-now">
            {ledger.sharesNow}
          </dd>
          <dt>{t('shares_mandatory')}</dt>
          <dd data-testid="shares-mandatory">{data.mandatoryShares}</dd>
          <dt>{t('shares_voluntary')}</dt>
          <dd data-testid="shares-voluntary">{data.voluntaryShares}</dd>
          {ledger.sharesTotal !== ledger.sharesNow && (
            <>
              <dt>{t('shares_later')}</dt>
              <dd>{ledger.sharesTotal}</dd>
            </>
          )}
          <dt>{t('share_value')}</dt>
          <dd>{euro(data.shareValueCents)}</dd>
        </dl>
      </section>
      <section aria-labelledby="capital-heading">
        <h2 id="capital-heading">{t('capital_heading')}</h2>
        <CapitalBar
          lang={props.lang}
          label={t('chart_label', {
            paid: euro(ledger.capital.paidInCents),
            subscribed: euro(ledger.subscribedCents),
            owed: euro(ledger.owedNowCents),
            later: euro(laterCents),
          })}
          subscribed={ledger.subscribedCents}
          paid={ledger.capital.paidInCents}
          owed={ledger.owedNowCents}
        />
        <dl class="facts">
          <dt>{t('subscribed')}</dt>
          <dd>{euro(ledger.subscribedCents)}</dd>
          <dt>
            <span class="swatch bar-paid" aria-hidden="true" /> {t('paid_in')}
          </dt>
          <dd data-testid="paid-in">{euro(ledger.capital.paidInCents)}</dd>
          <dt>
            <span class="swatch bar-owed" aria-hidden="true" /> {t('owed_now')}
          </dt>
          <dd data-testid="owed-now">{euro(ledger.owedNowCents)}</dd>
          <dt>
            <span class="swatch bar-later" aria-hidden="true" /> {t('later_due')}
          </dt>
          <dd>{euro(laterCents)}</dd>
          <dt>{t('outstanding')}</dt>
          <dd>{euro(ledger.unpaidCommitmentCents)}</dd>
          <dt>{t('balance')}</dt>
          <dd data-testid="balance">{euro(ledger.capital.balanceCents)}</dd>
        </dl>
      </section>
    </div>
  )
}

function PaymentPlan(props: { lang: Language; data: MemberDashboard }) {
  const t = translator(memberText, props.lang)
  const rows = props.data.ledger.capitalRows
  const reversed = new Set(rows.map((r) => r.reverses_id))
  const plan = rows
    .filter((r) => r.kind === 'payment_due' && !reversed.has(r.id))
    .sort((a, b) => (a.effective_on < b.effective_on ? -1 : a.effective_on > b.effective_on ? 1 : 0))
  return (
    <section aria-labelledby="plan-heading">
      <h2 id="plan-heading">{t('plan_heading')}</h2>
      {plan.length === 0 ? (
        <p>{t('plan_empty')}</p>
      ) : (
        <table class="narrow">
          <thead>
            <tr>
              <th scope="col">{t('plan_due_on')}</th>
              <th scope="col" class="num">
                {t('plan_amount')}
              </th>
            </tr>
          </thead>
          <tbody>
            {plan.map((r) => (
              <tr>
                <td>{formatDate(r.effective_on, props.lang)}</td>
                <td class="num">{formatEuro(Number(r.amount_cents), props.lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}

function Documents(props: {
  lang: Language
  memberId: string
  years: number[]
  readCapital: boolean
  /** The declaration's text is gone after the retention period (§30 (3) GenG). */
  declarationKept: boolean
}) {
  const t = translator(memberText, props.lang)
  const base = `/members/${props.memberId}`
  return (
    <section aria-labelledby="documents-heading">
      <h2 id="documents-heading">{t('documents_heading')}</h2>
      <ul>
        {props.declarationKept && (
          <li>
            <a href={`${base}/declaration.pdf`}>{t('doc_declaration')}</a>
          </li>
        )}
        <li>
          <a href={`${base}/register-extract.pdf`}>{t('doc_extract')}</a>
        </li>
        {props.readCapital && (
          <li>
            <a href={`${base}/certificate.pdf`}>{t('doc_certificate')}</a>
          </li>
        )}
      </ul>
      {props.readCapital && props.years.length > 0 && (
        <form method="get" action={`${base}/statement.pdf`} class="actions">
          <label for="f-year">{t('statement_year')}</label>
          <select id="f-year" name="year">
            {props.years.map((y) => (
              <option value={String(y)}>{String(y)}</option>
            ))}
          </select>
          <button type="submit" class="secondary">
            {`${t('doc_statement')}: ${t('download')}`}
          </button>
        </form>
      )}
    </section>
  )
}

function Pending(props: { lang: Language; data: MemberDashboard }) {
  const t = translator(memberText, props.lang)
  const { pendingApplications, openPayouts } = props.data
  return (
    <section aria-labelledby="pending-heading">
      <h2 id="pending-heading">{t('pending_heading')}</h2>
      {pendingApplications.length + openPayouts.length === 0 ? (
        <p>{t('pending_none')}</p>
      ) : (
        <ul>
          {pendingApplications.map((a) => (
            <li>
              {t('pending_application', {
                ref: a.ref,
                shares: a.shares,
                date: formatDate(a.submittedAt.slice(0, 10), props.lang),
              })}
            </li>
          ))}
          {openPayouts.map((p) => (
            <li>
              {t('pending_payout', {
                cause: t(`cause_${p.cause as 'exit' | 'share_cancellation'}`),
                ended: formatDate(p.endedOn, props.lang),
                due: formatDate(p.dueBy, props.lang),
              })}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

/** The primary areas a member organisation books today, and those it wanted on joining with a link to order them. */
function Areas(props: { lang: Language; data: MemberDashboard; mayOrder: boolean }) {
  const t = translator(memberText, props.lang)
  const { booked, wanted } = props.data.areas
  const organisationId = props.data.member.organisationId
  if (!organisationId) return null
  return (
    <section aria-labelledby="areas-heading">
      <h2 id="areas-heading">{t('areas_heading')}</h2>
      {booked.length === 0 ? (
        <p>{t('areas_none')}</p>
      ) : (
        <p>
          {t('areas_booked')}: {booked.map((a) => pick(a.name, props.lang)).join(', ')}
        </p>
      )}
      {wanted.length > 0 && (
        <p data-testid="areas-wanted">
          {t('areas_wanted')}:{' '}
          {wanted.map((a, i) => (
            <>
              {i > 0 && ', '}
              {pick(a.name, props.lang)}
              {props.mayOrder && (
                <>
                  {' — '}
                  <a href={`/orders/new?area=${encodeURIComponent(a.key)}&organisation=${organisationId}`}>
                    {t('areas_order_now')}
                  </a>
                </>
              )}
            </>
          ))}
        </p>
      )}
      <p>
        <a href={`/bookings?organisation=${organisationId}`}>{t('areas_bookings')}</a>
      </p>
    </section>
  )
}

/** The member's page: its own view (§31 GenG) and, with the permissions, the board's bookings on it. */
export function MemberPage(props: MemberPageProps) {
  const t = translator(memberText, props.lang)
  const { data, may, state } = props
  const { member } = data
  const active = member.status === 'active'
  const anyBoard = may.book || may.manage
  return (
    <section>
      <h1>{member.name}</h1>
      <Refusal title={t('refused')} text={state?.refusal} />
      <Facts lang={props.lang} member={member} />
      {may.readCapital && <SharesAndCapital lang={props.lang} data={data} />}
      {may.readCapital && <PaymentPlan lang={props.lang} data={data} />}
      <Documents
        lang={props.lang}
        memberId={member.id}
        years={props.statementYears}
        readCapital={may.readCapital}
        declarationKept={!member.purged}
      />
      <Pending lang={props.lang} data={data} />
      <Areas lang={props.lang} data={data} mayOrder={may.order} />
      {active && may.notice && props.preview && (
        <NoticeSection lang={props.lang} csrf={props.csrf} memberId={member.id} preview={props.preview} state={state} />
      )}
      {active && may.requestShares && (
        <ExtraSharesSection lang={props.lang} csrf={props.csrf} data={data} state={state} />
      )}
      {active && may.notice && props.cancellable && props.cancellable.max > 0 && (
        <CancelSharesSection
          lang={props.lang}
          csrf={props.csrf}
          data={data}
          cancellable={props.cancellable}
          state={state}
        />
      )}
      {may.readCapital && (
        <LedgerTables
          lang={props.lang}
          csrf={props.csrf}
          memberId={member.id}
          shareRows={data.ledger.shareRows}
          capitalRows={data.ledger.capitalRows}
          canReverse={may.book}
          state={state}
        />
      )}
      {anyBoard && (
        <section aria-labelledby="board-heading">
          <h2 id="board-heading">{t('board_heading')}</h2>
          {may.book && (
            <PaymentForm lang={props.lang} csrf={props.csrf} memberId={member.id} today={props.today} state={state} />
          )}
          {may.manage && active && (
            <TransferForm lang={props.lang} csrf={props.csrf} memberId={member.id} state={state} />
          )}
          {may.manage && member.status !== 'exited' && (
            <ExitForm lang={props.lang} csrf={props.csrf} member={member} today={props.today} state={state} />
          )}
        </section>
      )}
    </section>
  )
}
