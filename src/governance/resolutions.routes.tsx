import { Hono } from 'hono'
import type { Resolution } from '../db/schema-rooms.ts'
import { csvCell, csvSeparator } from '../members/register-csv.ts'
import type { AppEnv } from '../platform/context.ts'
import { DomainError } from '../platform/errors.ts'
import { formatDate, type Language, translator } from '../platform/i18n.ts'
import { contentDisposition } from '../web/downloads.ts'
import { render } from '../web/render.tsx'
import { visibleResolutions } from './resolutions.actions.ts'
import { resolutionsText } from './resolutions.messages.ts'

/** The register of resolutions as a page and as CSV: what the reader may see of it. */
export const resolutionRoutes = new Hono<AppEnv>()

function votesText(votes: Record<string, unknown>): string {
  const v = votes as { yes?: number; no?: number; abstain?: number }
  if (typeof v.yes === 'number') return `${v.yes} / ${v.no ?? 0} / ${v.abstain ?? 0}`
  return JSON.stringify(votes)
}

function ResolutionsPage(props: { lang: Language; rows: Resolution[] }) {
  const t = translator(resolutionsText, props.lang)
  return (
    <>
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      <p>
        <a href="/resolutions.csv" download>
          {t('csv')}
        </a>
      </p>
      {props.rows.length === 0 ? (
        <p>{t('none')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('col_ref')}</th>
              <th scope="col">{t('col_date')}</th>
              <th scope="col">{t('col_body')}</th>
              <th scope="col">{t('col_text')}</th>
              <th scope="col">{t('col_votes')}</th>
              <th scope="col">{t('col_outcome')}</th>
              <th scope="col">{t('col_journal')}</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((r) => (
              <tr>
                <td>
                  <a href={r.link}>{r.ref}</a>
                </td>
                <td>{formatDate(r.decided_on, props.lang)}</td>
                <td>{r.body}</td>
                <td>
                  <strong>{r.title}</strong>: {r.text}
                </td>
                <td>{votesText(r.votes)}</td>
                <td>{t(`outcome_${r.outcome}` as 'outcome_adopted')}</td>
                <td>{`#${r.audit_seq}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  )
}

resolutionRoutes.get('/resolutions', async (c) => {
  const actor = c.get('actor')
  if (actor.kind === 'anonymous') throw new DomainError('unauthenticated')
  const lang = c.get('lang')
  const rows = await visibleResolutions(c.get('deps').db, actor)
  return render(c, translator(resolutionsText, lang)('title'), <ResolutionsPage lang={lang} rows={rows} />)
})

resolutionRoutes.get('/resolutions.csv', async (c) => {
  const actor = c.get('actor')
  if (actor.kind === 'anonymous') throw new DomainError('unauthenticated')
  const lang = c.get('lang')
  const t = translator(resolutionsText, lang)
  const rows = await visibleResolutions(c.get('deps').db, actor)
  const head = [
    t('col_ref'),
    t('col_date'),
    t('col_body'),
    t('col_text'),
    t('col_votes'),
    t('col_outcome'),
    t('source'),
    t('col_journal'),
  ]
  const lines = [
    head,
    ...rows.map((r) => [
      r.ref,
      r.decided_on,
      r.body,
      `${r.title}: ${r.text}`,
      votesText(r.votes),
      t(`outcome_${r.outcome}` as 'outcome_adopted'),
      r.link,
      String(r.audit_seq),
    ]),
  ]
  const body = `\uFEFF${lines.map((l) => l.map(csvCell).join(csvSeparator)).join('\r\n')}\r\n`
  return c.body(body, 200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': contentDisposition(`${t('title')}.csv`, 'attachment'),
  })
})
