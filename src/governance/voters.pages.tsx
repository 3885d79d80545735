import { formatDate, type Language } from '../platform/i18n.ts'
import { DataTable } from '../web/data-table.tsx'
import type { AssemblyView } from './assemblies.model.ts'
import { g, memberTypeLabel } from './governance.messages.ts'
import type { RollCounts, VoterView } from './voters.actions.ts'

/** The voter roll of an assembly for the board: every member on it, their votes and who acts for them. */
export function VoterRollPage(props: {
  lang: Language
  csrf: string
  assembly: AssemblyView
  voters: VoterView[]
  counts: RollCounts
  canManage: boolean
}) {
  const t = g(props.lang)
  const { lang, assembly: a, counts } = props
  return (
    <section>
      <h1>{t('roll_title', { ref: a.ref })}</h1>
      <p>
        <a href={`/assemblies/${a.ref}`}>{a.title}</a>
      </p>
      <p>{t('roll_as_of', { date: formatDate(a.registerDate, lang) })}</p>
      <p>
        {t('roll_counts', {
          members: counts.members,
          voting: counts.voting,
          votes: counts.votes,
          without: counts.withoutRepresentative,
        })}
      </p>
      {props.canManage && a.status === 'invited' && (
        <form method="post" action={`/assemblies/${a.ref}/voters/recompute`}>
          <input type="hidden" name="_csrf" value={props.csrf} />
          <button type="submit">{t('recompute')}</button>
        </form>
      )}
      <DataTable
        items={props.voters}
        empty={t('roll_empty')}
        columns={[
          t('col_number'),
          t('col_member'),
          t('col_type'),
          { label: t('col_votes'), num: true },
          t('col_representative'),
        ]}
        row={(v) => (
          <tr>
            <td>{v.number}</td>
            <td>{v.name}</td>
            <td>{memberTypeLabel(v.memberType, lang)}</td>
            <td class="num">{v.votes}</td>
            <td>{v.representativeName ?? t('no_representative')}</td>
          </tr>
        )}
      />
    </section>
  )
}
