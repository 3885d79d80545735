import { catalogStatuses } from '../db/schema-catalog.ts'
import { formatEuro, type Language } from '../platform/i18n.ts'
import { catalogT } from './catalog.messages.ts'
import { pick, type StoredPriceVersion } from './catalog.model.ts'
import { type SnapshotArea, type SnapshotService, StatusBadge } from './catalog-view.tsx'
import { manageT } from './manage.messages.ts'

/** The overview of the catalog for staff, or of a partner's own entries for its admins. */

export interface RowProblem {
  subject: string
  message: string
}

function priceText(lang: Language, kind: 'area' | 'service', pricing: string, price: StoredPriceVersion | null) {
  const t = manageT(lang)
  if (kind === 'service' && pricing === 'included') return t('price_included')
  if (!price) return t('price_none')
  if (price.kind === 'flat_rate')
    return t('price_flat', { amount: formatEuro(Math.min(...price.tiers.map((x) => x.monthlyCents)), lang) })
  if (price.kind === 'addon') return t('price_addon', { amount: formatEuro(price.monthlyCents ?? 0, lang) })
  return t('price_hourly', {
    member: formatEuro(price.hourlyMemberCents ?? 0, lang),
    nonMember: formatEuro(price.hourlyNonMemberCents ?? 0, lang),
  })
}

function StatusButtons(props: { lang: Language; csrf: string; action: string; name: string; current: string }) {
  const t = manageT(props.lang)
  return (
    <form
      method="post"
      action={props.action}
      class="inline status-form"
      aria-label={t('set_status', { name: props.name })}
    >
      <input type="hidden" name="_csrf" value={props.csrf} />
      {catalogStatuses
        .filter((s) => s !== props.current)
        .map((s) => (
          <button type="submit" name="status" value={s} class="secondary small">
            {t(`to_${s}`)}
          </button>
        ))}
    </form>
  )
}

function Row(props: {
  lang: Language
  csrf: string
  kind: 'area' | 'service'
  entry: SnapshotArea | SnapshotService
  price: StoredPriceVersion | null
  canManage: boolean
  problem?: RowProblem
}) {
  const { lang, entry, kind } = props
  const t = manageT(lang)
  const base = kind === 'area' ? `/catalog/areas/${entry.key}` : `/catalog/services/${entry.key}`
  const name = pick(entry.name, lang)
  const pricing = 'pricing' in entry ? entry.pricing : 'flat'
  const priced = kind === 'area' ? (entry as SnapshotArea).kind === 'primary' : pricing !== 'included'
  const problemId = `problem-${kind}-${entry.key}`
  return (
    <tr class={kind === 'service' ? 'service-row' : 'area-row'} data-entry={`${kind}:${entry.key}`}>
      <th scope="row">
        {kind === 'service' && <span aria-hidden="true">↳ </span>}
        {name} <span class="hint">({kind === 'area' ? t(`kind_${(entry as SnapshotArea).kind}`) : entry.key})</span>
        {props.problem && (
          <p class="error" id={problemId} role="alert">
            {props.problem.message}
          </p>
        )}
      </th>
      <td>
        <StatusBadge lang={lang} status={entry.status} />
      </td>
      <td>{entry.provider.name}</td>
      <td>{priceText(lang, kind, pricing, props.price)}</td>
      <td>
        {props.canManage && (
          <div class="actions">
            <a href={`${base}/edit`}>{t('edit')}</a>
            {priced && (
              <a href={`/catalog/prices/new?${kind === 'area' ? 'area' : 'service'}=${entry.key}`}>{t('new_price')}</a>
            )}
            <StatusButtons lang={lang} csrf={props.csrf} action={`${base}/status`} name={name} current={entry.status} />
          </div>
        )}
      </td>
    </tr>
  )
}

export function ManagePage(props: {
  lang: Language
  csrf: string
  staff: boolean
  providerNames: string[]
  areas: SnapshotArea[]
  mayManage: (providerId: string) => boolean
  problem?: RowProblem
}) {
  const { lang } = props
  const t = manageT(lang)
  const c = catalogT(lang)
  return (
    <section>
      <h1>{props.staff ? t('manage_title') : t('own_title')}</h1>
      <p>{props.staff ? t('manage_intro') : t('own_intro', { providers: props.providerNames.join(', ') })}</p>
      <div class="actions">
        <a class="button" href="/catalog/areas/new">
          {t('new_area')}
        </a>
        <a href="/catalog/prices">{t('prices_link')}</a>
        {props.staff && <a href="/catalog/providers">{t('providers_link')}</a>}
      </div>
      {props.areas.length === 0 ? (
        <p>{t('nothing_managed')}</p>
      ) : (
        <div class="table-wrap">
          <table class="manage">
            <thead>
              <tr>
                <th scope="col">{t('col_entry')}</th>
                <th scope="col">{t('col_status')}</th>
                <th scope="col">{t('col_provider')}</th>
                <th scope="col">{t('col_price')}</th>
                <th scope="col">{t('col_actions')}</th>
              </tr>
            </thead>
            {props.areas.map((area) => (
              <tbody>
                <Row
                  lang={lang}
                  csrf={props.csrf}
                  kind="area"
                  entry={area}
                  price={area.flatRate}
                  canManage={props.mayManage(area.providerId)}
                  problem={props.problem?.subject === `area:${area.key}` ? props.problem : undefined}
                />
                {area.services.map((s) => (
                  <Row
                    lang={lang}
                    csrf={props.csrf}
                    kind="service"
                    entry={s}
                    price={s.price}
                    canManage={props.mayManage(s.providerId)}
                    problem={props.problem?.subject === `service:${s.key}` ? props.problem : undefined}
                  />
                ))}
                {props.mayManage(area.providerId) && (
                  <tr class="add-row">
                    <td colspan={5}>
                      <a href={`/catalog/services/new?area=${area.key}`}>
                        {t('new_service')}: {pick(area.name, lang)}
                      </a>
                    </td>
                  </tr>
                )}
              </tbody>
            ))}
          </table>
        </div>
      )}
      <p class="hint">
        <a href="/catalog">{c('title')}</a>
      </p>
    </section>
  )
}
