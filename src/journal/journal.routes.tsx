import { Hono } from 'hono'
import type { AppEnv } from '../platform/context.ts'
import { defineMessages, formatDateTime, translator } from '../platform/i18n.ts'
import { Pager } from '../web/components.tsx'
import { pageParam } from '../web/params.ts'
import { render } from '../web/render.tsx'
import { readJournal } from './journal.actions.ts'

const text = defineMessages({
  de: {
    title: 'Journal',
    intro:
      'Jede Änderung wird hier festgehalten: wer, wann, was, vorher und nachher. Die Einträge sind verkettet und können nicht geändert werden.',
    filter: 'Filtern',
    subject_type: 'Art des Gegenstands',
    subject_id: 'Kennung des Gegenstands',
    action: 'Aktion',
    all: 'alle',
    seq: 'Nr.',
    at: 'Zeit',
    actor: 'Wer',
    subject: 'Gegenstand',
    change: 'Änderung',
    reason: 'Grund',
    none: 'Keine Einträge.',
    count: '{total} Einträge',
    before: 'vorher',
    after: 'nachher',
    subject_organisation: 'Organisation',
    subject_person: 'Person',
    subject_account: 'Zugang',
  },
  en: {
    title: 'Journal',
    intro:
      'Every change is recorded here: who, when, what, before and after. Entries are chained and cannot be changed.',
    filter: 'Filter',
    subject_type: 'Kind of subject',
    subject_id: 'Subject id',
    action: 'Action',
    all: 'all',
    seq: 'No.',
    at: 'Time',
    actor: 'Who',
    subject: 'Subject',
    change: 'Change',
    reason: 'Reason',
    none: 'No entries.',
    count: '{total} entries',
    before: 'before',
    after: 'after',
    subject_organisation: 'Organisation',
    subject_person: 'Person',
    subject_account: 'Account',
  },
})

export const journalRoutes = new Hono<AppEnv>()

journalRoutes.get('/journal', async (c) => {
  const actor = c.get('actor')
  const lang = c.get('lang')
  const t = translator(text, lang)
  const clean = (v: string | undefined) => (v && /^[\w.:-]{1,100}$/.test(v) ? v : undefined)
  const filter = {
    subjectType: clean(c.req.query('subjectType')),
    subjectId: clean(c.req.query('subjectId')),
    organisationId: clean(c.req.query('organisationId')),
    action: clean(c.req.query('action')),
    page: pageParam(c.req.query('page')),
    pageSize: 50,
  }
  const result = await readJournal(c.get('deps').db, actor, filter)
  const pages = Math.max(1, Math.ceil(result.total / result.pageSize))
  const query = (page: number) => {
    const params = new URLSearchParams()
    for (const [k, v] of Object.entries(filter)) if (v && k !== 'page' && k !== 'pageSize') params.set(k, String(v))
    params.set('page', String(page))
    return `/journal?${params}`
  }
  return render(
    c,
    t('title'),
    <section>
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      <form method="get" action="/journal" class="actions">
        {filter.organisationId && <input type="hidden" name="organisationId" value={filter.organisationId} />}
        <label for="subjectType">{t('subject_type')}</label>
        <select id="subjectType" name="subjectType">
          <option value="">{t('all')}</option>
          {(['organisation', 'person', 'account'] as const).map((s) => (
            <option value={s} selected={filter.subjectType === s}>
              {t(`subject_${s}`)}
            </option>
          ))}
        </select>
        <label for="subjectId">{t('subject_id')}</label>
        <input id="subjectId" name="subjectId" value={filter.subjectId ?? ''} />
        <button type="submit" class="secondary">
          {t('filter')}
        </button>
      </form>
      <p>{t('count', { total: result.total })}</p>
      {result.items.length === 0 ? (
        <p>{t('none')}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('seq')}</th>
                <th scope="col">{t('at')}</th>
                <th scope="col">{t('actor')}</th>
                <th scope="col">{t('action')}</th>
                <th scope="col">{t('subject')}</th>
                <th scope="col">{t('change')}</th>
              </tr>
            </thead>
            <tbody>
              {result.items.map((e) => (
                <tr>
                  <td>{e.seq}</td>
                  <td>{formatDateTime(e.at, lang)}</td>
                  <td>{e.actor}</td>
                  <td>
                    <code>{e.action}</code>
                  </td>
                  <td>
                    <a href={`/journal?subjectType=${e.subjectType}&subjectId=${e.subjectId}`}>
                      {['organisation', 'person', 'account'].includes(e.subjectType)
                        ? t(`subject_${e.subjectType as 'person'}`)
                        : e.subjectType}
                    </a>
                  </td>
                  <td>
                    {e.before !== null && (
                      <details>
                        <summary>{t('before')}</summary>
                        <pre class="json">{JSON.stringify(e.before, null, 1)}</pre>
                      </details>
                    )}
                    {e.after !== null && (
                      <details>
                        <summary>{t('after')}</summary>
                        <pre class="json">{JSON.stringify(e.after, null, 1)}</pre>
                      </details>
                    )}
                    {e.reason && (
                      <p>
                        {t('reason')}: {e.reason}
                      </p>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager lang={lang} page={result.page} pages={pages} href={query} />
    </section>,
  )
})
