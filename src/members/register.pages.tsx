import type { PlainDate } from '../platform/dates.ts'
import { formatDate, formatEuro, type Language, translator } from '../platform/i18n.ts'
import { Pager } from '../web/components.tsx'
import { DataTable } from '../web/data-table.tsx'
import { exitReasonText } from './exit.actions.ts'
import { memberText } from './members.messages.ts'
import type { Member } from './members.model.ts'
import { memberStatusText } from './members.pages.tsx'
import type { RegisterRow } from './register.actions.ts'

export interface RegisterTotals {
  members: number
  shares: number
  /** Shares × the share value of the statutes in force that day; null before the first statutes. */
  capitalCents: number | null
  shareValueCents: number | null
}

/** §30 GenG: the register as of a day, its totals and exports, and (for the board) the retention purge. */
export function RegisterPage(props: {
  lang: Language
  csrf: string
  at: string
  asOf: PlainDate | null
  error: string | null
  includeFormer: boolean
  rows: RegisterRow[]
  totals: RegisterTotals | null
  page: number
  pages: number
  canPurge: boolean
}) {
  const t = translator(memberText, props.lang)
  const query = (asOf: string) => `at=${encodeURIComponent(asOf)}${props.includeFormer ? '' : '&former=0'}`
  return (
    <section>
      <h1>{t('register_title')}</h1>
      <p>{t('register_intro')}</p>
      <form method="get" action="/register" class="actions filter">
        <div class={props.error ? 'field invalid' : 'field'}>
          <label for="f-at">{t('register_at')}</label>
          <input
            id="f-at"
            name="at"
            type="date"
            value={props.at}
            aria-invalid={props.error ? 'true' : undefined}
            aria-describedby={props.error ? 'f-at-error' : undefined}
          />
          {props.error && (
            <p class="error" id="f-at-error" role="alert">
              {props.error}
            </p>
          )}
        </div>
        <div class="field">
          <label for="f-former">{t('register_former')}</label>
          <select id="f-former" name="former">
            <option value="1" selected={props.includeFormer}>
              {t('former_include')}
            </option>
            <option value="0" selected={!props.includeFormer}>
              {t('former_exclude')}
            </option>
          </select>
        </div>
        <button type="submit" class="secondary">
          {t('register_show')}
        </button>
      </form>
      {props.asOf && props.totals && (
        <>
          <div class="cards">
            <div class="card">
              <div>{t('register_members')}</div>
              <div class="big" data-testid="total-members">
                {props.totals.members}
              </div>
            </div>
            <div class="card">
              <div>{t('register_shares')}</div>
              <div class="big" data-testid="total-shares">
                {props.totals.shares}
              </div>
            </div>
            <div class="card">
              <div>{t('register_capital')}</div>
              <div class="big" data-testid="total-capital">
                {props.totals.capitalCents === null ? '—' : formatEuro(props.totals.capitalCents, props.lang)}
              </div>
              {props.totals.shareValueCents !== null && (
                <div class="hint">
                  {t('register_capital_hint', {
                    value: formatEuro(props.totals.shareValueCents, props.lang),
                    date: formatDate(props.asOf, props.lang),
                  })}
                </div>
              )}
            </div>
          </div>
          <p class="actions">
            <a href={`/register.csv?${query(props.asOf)}`}>{t('register_export_csv')}</a>
            <a href={`/register.pdf?${query(props.asOf)}`}>{t('register_export_pdf')}</a>
          </p>
          <DataTable
            items={props.rows}
            empty={t('register_empty')}
            columns={[
              t('number'),
              t('name'),
              t('address'),
              t('member_type'),
              t('joined_on'),
              { label: t('register_shares'), num: true },
              t('register_exit'),
              t('register_reason'),
            ]}
            row={(row) => (
              <tr>
                <td class="mono">
                  <a href={`/members/${row.id}`}>{row.number}</a>
                </td>
                <td>{row.name}</td>
                <td>{row.address}</td>
                <td>{t(`type_${row.memberType}`)}</td>
                <td>{formatDate(row.joinedOn, props.lang)}</td>
                <td class="num">{row.shares}</td>
                <td>{row.exitOn ? formatDate(row.exitOn, props.lang) : ''}</td>
                <td>{row.exitReason ? exitReasonText(row.exitReason, props.lang) : ''}</td>
              </tr>
            )}
          />
          <Pager
            lang={props.lang}
            page={props.page}
            pages={props.pages}
            href={(p) => `/register?${query(props.asOf ?? '')}&page=${p}`}
          />
        </>
      )}
      {props.canPurge && (
        <section aria-labelledby="purge-heading">
          <h2 id="purge-heading">{t('purge_heading')}</h2>
          <p>{t('purge_intro')}</p>
          <form method="post" action="/register/purge" data-confirm={t('purge_confirm')}>
            <input type="hidden" name="_csrf" value={props.csrf} />
            <button type="submit" class="danger">
              {t('purge_submit')}
            </button>
          </form>
        </section>
      )}
    </section>
  )
}

export type MemberStatusFilter = 'active' | 'leaving' | 'exited' | undefined

/** The board's list of members: search by name or number, filter by status, one page at a time. */
export function MemberList(props: {
  lang: Language
  items: Member[]
  total: number
  page: number
  pageSize: number
  q: string
  status: MemberStatusFilter
}) {
  const t = translator(memberText, props.lang)
  const pages = Math.max(1, Math.ceil(props.total / props.pageSize))
  const query = (page: number) =>
    `/members?page=${page}${props.q ? `&q=${encodeURIComponent(props.q)}` : ''}${props.status ? `&status=${props.status}` : ''}`
  return (
    <section>
      <h1>{t('list_title')}</h1>
      <form method="get" action="/members" class="actions">
        <label for="q">{t('search_label')}</label>
        <input id="q" name="q" type="search" value={props.q} maxlength={100} />
        <label for="f-status">{t('status_filter')}</label>
        <select id="f-status" name="status">
          {(['', 'active', 'leaving', 'exited'] as const).map((s) => (
            <option value={s} selected={(props.status ?? '') === s}>
              {t(s ? `filter_${s}` : 'filter_all')}
            </option>
          ))}
        </select>
        <button type="submit" class="secondary">
          {t('search')}
        </button>
      </form>
      <p>
        {t('count', { total: props.total })} · <a href="/register">{t('register_link')}</a>
      </p>
      <DataTable
        items={props.items}
        empty={t('none_found')}
        columns={[t('number'), t('name'), t('member_type'), t('joined_on'), t('status')]}
        row={(m) => (
          <tr>
            <td class="mono">
              <a href={`/members/${m.id}`}>{m.number}</a>
            </td>
            <td>{m.name}</td>
            <td>{t(`type_${m.memberType}`)}</td>
            <td>{formatDate(m.joinedOn, props.lang)}</td>
            <td>{memberStatusText(m, props.lang)}</td>
          </tr>
        )}
      />
      <Pager lang={props.lang} page={props.page} pages={pages} href={query} />
    </section>
  )
}
