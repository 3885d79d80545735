import type { PlainDate } from '../platform/dates.ts'
import { formatDate, formatEuro, type Language, translator } from '../platform/i18n.ts'
import { Field, Form, Select } from '../web/components.tsx'
import { exitReasonText, type NoticePreview } from './exit.actions.ts'
import { memberText } from './members.messages.ts'
import type { Member } from './members.model.ts'
import type { FormState } from './members.pages.tsx'
import { payoutDueDate } from './membership.rules.ts'
import type { MemberDashboard } from './register.actions.ts'

/**
 * The declarations on a member's page: notice of termination (§65 GenG), further shares (§15b), cancelling
 * voluntary shares (§67b) and, for the board, an exit it records (§§68, 77, 77a).
 */

export function NoticeSection(props: {
  lang: Language
  csrf: string
  memberId: string
  preview: NoticePreview
  state?: FormState
}) {
  const t = translator(memberText, props.lang)
  const { preview } = props
  const mine = props.state?.form === 'notice' ? props.state : undefined
  const date = (d: PlainDate) => formatDate(d, props.lang)
  const earliest = preview.exitDates[0] ?? preview.givenOn
  return (
    <section aria-labelledby="notice-heading">
      <h2 id="notice-heading">{t('notice_heading')}</h2>
      <p>{t('notice_intro', { months: preview.noticeMonths })}</p>
      <dl class="facts">
        <dt>{t('notice_today')}</dt>
        <dd>{date(preview.givenOn)}</dd>
        <dt>{t('notice_period')}</dt>
        <dd>{t('notice_months', { months: preview.noticeMonths })}</dd>
        <dt>{t('notice_earliest')}</dt>
        <dd data-testid="notice-earliest">{date(earliest)}</dd>
        <dt>{t('notice_payout')}</dt>
        <dd>
          <span data-testid="notice-payout">{date(preview.payoutDueBy)}</span>
          <span class="hint"> ({t('notice_payout_hint')})</span>
        </dd>
      </dl>
      <form method="post" action={`/members/${props.memberId}/notice`} class="stack" data-confirm={t('notice_confirm')}>
        <input type="hidden" name="_csrf" value={props.csrf} />
        <Select
          name="exitOn"
          label={t('notice_exit_on')}
          value={mine?.values?.exitOn ?? earliest}
          errors={mine?.errors}
          options={preview.exitDates.map((d) => ({
            value: d,
            label: t('notice_option', { exit: date(d), payout: date(payoutDueDate(d)) }),
          }))}
          required
        />
        <div class="actions">
          <button type="submit" class="danger">
            {t('notice_submit')}
          </button>
        </div>
      </form>
    </section>
  )
}

export function ExtraSharesSection(props: { lang: Language; csrf: string; data: MemberDashboard; state?: FormState }) {
  const t = translator(memberText, props.lang)
  const { member } = props.data
  const mine = props.state?.form === 'declare' ? props.state : undefined
  const e = mine?.errors
  const value = formatEuro(props.data.shareValueCents, props.lang)
  return (
    <section aria-labelledby="extra-heading">
      <h2 id="extra-heading">{t('extra_heading')}</h2>
      <p>{t('extra_intro', { value, max: props.data.maximumShares })}</p>
      <Form
        action={`/members/${member.id}/shares/declare`}
        csrf={props.csrf}
        lang={props.lang}
        errors={e}
        labels={{ shares: t('extra_shares'), consent: t('extra_heading') }}
      >
        <Field
          name="shares"
          label={t('extra_shares')}
          inputmode="numeric"
          value={mine?.values?.shares ?? '1'}
          errors={e}
          required
        />
        <div class={e?.consent ? 'field invalid' : 'field'}>
          <label class="check" for="f-consent">
            <input
              id="f-consent"
              type="checkbox"
              name="consent"
              value="on"
              aria-invalid={e?.consent ? 'true' : undefined}
              aria-describedby={e?.consent ? 'f-consent-error' : undefined}
            />{' '}
            {t('extra_consent', { name: member.name, value })}
          </label>
          {e?.consent && (
            <p class="error" id="f-consent-error">
              {e.consent}
            </p>
          )}
          <a href="/statutes">{t('extra_statutes')}</a>
        </div>
        <div class="actions">
          <button type="submit">{t('extra_submit')}</button>
        </div>
      </Form>
    </section>
  )
}

export function CancelSharesSection(props: {
  lang: Language
  csrf: string
  data: MemberDashboard
  cancellable: { effectiveOn: PlainDate; max: number }
  state?: FormState
}) {
  const t = translator(memberText, props.lang)
  const mine = props.state?.form === 'cancel' ? props.state : undefined
  const label = t('cancel_shares', { max: props.cancellable.max })
  return (
    <section aria-labelledby="cancel-heading">
      <h2 id="cancel-heading">{t('cancel_heading')}</h2>
      <p>
        {t('cancel_intro', {
          date: formatDate(props.cancellable.effectiveOn, props.lang),
          mandatory: props.data.mandatoryShares,
        })}
      </p>
      <Form
        action={`/members/${props.data.member.id}/shares/cancel`}
        csrf={props.csrf}
        lang={props.lang}
        errors={mine?.errors}
        labels={{ cancelShares: label }}
      >
        <Field
          name="cancelShares"
          label={label}
          inputmode="numeric"
          value={mine?.values?.cancelShares ?? '1'}
          errors={mine?.errors}
          required
        />
        <div class="actions">
          <button type="submit" class="danger">
            {t('cancel_submit')}
          </button>
        </div>
      </Form>
    </section>
  )
}

export function ExitForm(props: { lang: Language; csrf: string; member: Member; today: PlainDate; state?: FormState }) {
  const t = translator(memberText, props.lang)
  const mine = props.state?.form === 'exit' ? props.state : undefined
  const v = mine?.values ?? {}
  const e = mine?.errors
  const reasons = ['exclusion', props.member.organisationId ? 'dissolution' : 'death'] as const
  return (
    <section aria-labelledby="exit-heading">
      <h3 id="exit-heading">{t('exit_heading')}</h3>
      <p class="hint">{t('exit_intro')}</p>
      <Form
        action={`/members/${props.member.id}/exit`}
        csrf={props.csrf}
        lang={props.lang}
        errors={e}
        labels={{ exitReason: t('exit_reason'), exitEventOn: t('exit_event_on'), exitNote: t('exit_note') }}
      >
        <Select
          name="exitReason"
          label={t('exit_reason')}
          value={v.exitReason ?? 'exclusion'}
          options={reasons.map((r) => ({ value: r, label: exitReasonText(r, props.lang) }))}
          errors={e}
          required
        />
        <Field
          name="exitEventOn"
          type="date"
          label={t('exit_event_on')}
          value={v.exitEventOn ?? props.today}
          errors={e}
          required
        />
        <Field name="exitNote" label={t('exit_note')} value={v.exitNote} errors={e} maxlength={2000} />
        <div class="actions">
          <button type="submit" class="danger">
            {t('exit_submit')}
          </button>
        </div>
      </Form>
    </section>
  )
}
