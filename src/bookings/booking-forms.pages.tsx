import { Consent } from '../members/member-forms.tsx'
import { formatDate, type Language, translator } from '../platform/i18n.ts'
import { Field, Form, Select, TextArea } from '../web/components.tsx'
import { bookingsText } from './bookings.messages.ts'
import type { BookingFormsData } from './bookings.pages.tsx'
import type { BookingDetail } from './read.actions.ts'

/** The forms of a booking's page, each shown only to who may use it in the booking's state. */
export function BookingForms(props: { lang: Language; csrf: string; detail: BookingDetail; forms: BookingFormsData }) {
  const t = translator(bookingsText, props.lang)
  const { detail, forms } = props
  const b = detail.booking
  const base = `/bookings/${b.id}`
  const mine = (form: string) => (forms.state?.form === form ? forms.state : undefined)
  const date = (d: string) => formatDate(d, props.lang)
  return (
    <>
      {detail.may.decide && (
        <section aria-labelledby="decide-heading">
          <h2 id="decide-heading">{t('decide_heading')}</h2>
          {detail.shareApplication && detail.shareApplication.status !== 'admitted' && (
            <p class="hint">{t('confirm_shares_waiting', { ref: detail.shareApplication.ref })}</p>
          )}
          <Form
            action={`${base}/confirm`}
            csrf={props.csrf}
            lang={props.lang}
            errors={mine('confirm')?.errors}
            labels={{ startsOn: t('confirm_starts_on'), organisationId: t('link_organisation') }}
          >
            {!b.organisationId && (
              <Select
                name="organisationId"
                label={t('link_organisation')}
                value={mine('confirm')?.values.organisationId ?? ''}
                options={[
                  { value: '', label: t('link_new') },
                  ...forms.organisations.map((o) => ({ value: o.id, label: o.name })),
                ]}
                errors={mine('confirm')?.errors}
              />
            )}
            <Field
              name="startsOn"
              label={t('confirm_starts_on')}
              type="date"
              value={mine('confirm')?.values.startsOn ?? (b.startsOn < forms.today ? forms.today : b.startsOn)}
              errors={mine('confirm')?.errors}
              required
            />
            <div class="actions">
              <button type="submit">{t('confirm_submit')}</button>
            </div>
          </Form>
          <Form
            action={`${base}/reject`}
            csrf={props.csrf}
            lang={props.lang}
            errors={mine('reject')?.errors}
            labels={{ reason: t('reject_reason') }}
          >
            <TextArea
              name="reason"
              label={t('reject_reason')}
              value={mine('reject')?.values.reason}
              errors={mine('reject')?.errors}
              required
              maxlength={2000}
            />
            <div class="actions">
              <button type="submit" class="danger">
                {t('reject_submit')}
              </button>
            </div>
          </Form>
        </section>
      )}
      {detail.may.withdraw && (
        <section aria-labelledby="withdraw-heading">
          <h2 id="withdraw-heading">{t('withdraw_heading')}</h2>
          <Form action={`${base}/withdraw`} csrf={props.csrf} lang={props.lang}>
            <div class="actions">
              <button type="submit" class="danger">
                {t('withdraw_submit')}
              </button>
            </div>
          </Form>
        </section>
      )}
      {detail.may.change && forms.changeStarts && (
        <section aria-labelledby="change-heading">
          <h2 id="change-heading">{t('change_heading')}</h2>
          <p>
            {b.kind === 'addon'
              ? t('change_intro_addon', {
                  increase: date(forms.changeStarts.increase),
                  decrease: date(forms.changeStarts.decrease),
                })
              : t('change_intro_config', { increase: date(forms.changeStarts.increase) })}
          </p>
          <Form
            action={`${base}/changes`}
            csrf={props.csrf}
            lang={props.lang}
            errors={mine('change')?.errors}
            labels={{
              startsOn: t('change_starts_on'),
              quantity: t('facts_quantity'),
              acceptTerms: t('accept_terms'),
              ...Object.fromEntries(
                detail.item.area.configFields.map((f) => [
                  `config.${f.key}`,
                  props.lang === 'de' ? f.labelDe : f.labelEn,
                ]),
              ),
            }}
          >
            <Field
              name="startsOn"
              label={t('change_starts_on')}
              type="date"
              value={mine('change')?.values.startsOn ?? forms.changeStarts.increase}
              errors={mine('change')?.errors}
              required
            />
            {b.kind === 'addon' ? (
              <Field
                name="quantity"
                label={t('facts_quantity')}
                inputmode="numeric"
                value={mine('change')?.values.quantity ?? String(b.quantity)}
                errors={mine('change')?.errors}
                required
              />
            ) : (
              detail.item.area.configFields.map((f) => (
                <Field
                  name={`config.${f.key}`}
                  label={props.lang === 'de' ? f.labelDe : f.labelEn}
                  inputmode={f.type === 'number' ? 'numeric' : undefined}
                  value={mine('change')?.values[`config.${f.key}`] ?? String(b.config[f.key] ?? '')}
                  errors={mine('change')?.errors}
                  required={f.required}
                />
              ))
            )}
            <Consent
              name="acceptTerms"
              label={t('accept_terms')}
              checked={mine('change')?.values.acceptTerms === 'on'}
              errors={mine('change')?.errors}
            />
            <div class="actions">
              <button type="submit">{t('change_submit')}</button>
            </div>
          </Form>
        </section>
      )}
      {detail.may.cancel && forms.cancellation && (
        <section aria-labelledby="cancel-heading">
          <h2 id="cancel-heading">{t('cancel_heading')}</h2>
          <p data-testid="cancel-earliest">
            {forms.cancellation.beforeStart
              ? t('cancel_before_start')
              : t('cancel_intro', { date: date(forms.cancellation.endDates[0]!) })}
          </p>
          <Form
            action={`${base}/cancel`}
            csrf={props.csrf}
            lang={props.lang}
            errors={mine('cancel')?.errors}
            labels={{ endsOn: t('cancel_ends_on'), reason: t('cancel_reason') }}
          >
            <Select
              name="endsOn"
              label={t('cancel_ends_on')}
              value={mine('cancel')?.values.endsOn ?? forms.cancellation.endDates[0]}
              options={forms.cancellation.endDates.map((d) => ({ value: d, label: date(d) }))}
              errors={mine('cancel')?.errors}
              required
            />
            <TextArea
              name="reason"
              label={t('cancel_reason')}
              value={mine('cancel')?.values.reason}
              errors={mine('cancel')?.errors}
              maxlength={2000}
            />
            <div class="actions">
              <button type="submit" class="danger">
                {t('cancel_submit')}
              </button>
            </div>
          </Form>
        </section>
      )}
      {detail.sharesOffer &&
        (detail.sharesOffer.shares > 0 || (b.endsOn !== null && b.endsOn >= detail.sharesOffer.effectiveOn)) && (
          <section aria-labelledby="offer-heading">
            <h2 id="offer-heading">{t('offer_heading')}</h2>
            {detail.sharesOffer.shares > 0 ? (
              <>
                <p data-testid="shares-offer">
                  {t('offer_text', { shares: detail.sharesOffer.shares, date: date(detail.sharesOffer.effectiveOn) })}
                </p>
                <Form
                  action={`/members/${detail.sharesOffer.memberId}/shares/cancel`}
                  csrf={props.csrf}
                  lang={props.lang}
                >
                  <Field
                    name="cancelShares"
                    label={t('offer_shares')}
                    inputmode="numeric"
                    value={String(detail.sharesOffer.shares)}
                    required
                  />
                  <div class="actions">
                    <button type="submit" class="danger">
                      {t('offer_submit')}
                    </button>
                  </div>
                </Form>
              </>
            ) : (
              <p data-testid="shares-offer">{t('offer_none', { date: date(detail.sharesOffer.effectiveOn) })}</p>
            )}
          </section>
        )}
    </>
  )
}
