import { formatDate, formatEuro, type Language } from '../platform/i18n.ts'
import { catalogT } from './catalog.messages.ts'
import { pick, pickList, type StoredPriceVersion } from './catalog.model.ts'
import {
  fromPrice,
  type SnapshotArea,
  type SnapshotService,
  StatusBadge,
  TierTable,
  validityCaption,
} from './catalog-view.tsx'
import { toolLabel } from './tools.ts'

/** The public catalog: the areas by kind, and one area's page with its services, prices and terms. */

function ProviderLine(props: { lang: Language; area: { provider: SnapshotArea['provider'] } }) {
  const t = catalogT(props.lang)
  if (props.area.provider.isHome) return null
  return (
    <p class="provider">
      {t('provided_by', { name: props.area.provider.name })} <span class="hint">({t('provider_cooperation')})</span>
    </p>
  )
}

function AreaCard(props: { lang: Language; area: SnapshotArea }) {
  const { lang, area } = props
  const t = catalogT(lang)
  const name = pick(area.name, lang)
  return (
    <li class="card catalog-card" data-area={area.key}>
      <h3>
        <a href={`/catalog/${area.key}`}>{name}</a>
      </h3>
      <p>
        <span class="visually-hidden">{`${t('status_label')}: `}</span>
        <StatusBadge lang={lang} status={area.status} /> <strong class="from-price">{fromPrice(area, lang)}</strong>
      </p>
      <p>{pick(area.summary, lang)}</p>
      <ProviderLine lang={lang} area={area} />
      <p>
        <a href={`/catalog/${area.key}`}>{t('details_link', { name })}</a>
      </p>
    </li>
  )
}

export function CatalogPage(props: { lang: Language; areas: SnapshotArea[] }) {
  const t = catalogT(props.lang)
  const primary = props.areas.filter((a) => a.kind === 'primary')
  const secondary = props.areas.filter((a) => a.kind === 'secondary')
  const section = (heading: string, id: string, areas: SnapshotArea[]) => (
    <section aria-labelledby={id}>
      <h2 id={id}>{heading}</h2>
      {areas.length === 0 ? (
        <p>{t('empty')}</p>
      ) : (
        <ul class="cards plain">
          {areas.map((area) => (
            <AreaCard lang={props.lang} area={area} />
          ))}
        </ul>
      )}
    </section>
  )
  return (
    <section>
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      <p class="actions">
        <a class="button" href="/prices">
          {t('calculator_link')}
        </a>
        <a href="/needs">{t('needs')}</a>
      </p>
      {section(t('primary_heading'), 'primary-areas', primary)}
      {section(t('secondary_heading'), 'secondary-areas', secondary)}
      <p class="hint">
        <a href="/catalog/feed.json" type="application/json">
          {t('feed_link')}
        </a>
      </p>
    </section>
  )
}

function Facts(props: { lang: Language; service: SnapshotService }) {
  const { lang, service: s } = props
  const t = catalogT(lang)
  const rows: Array<[string, string]> = [[t('pricing'), t(`pricing_${s.pricing}`)]]
  if (s.software.length > 0) rows.push([t('software'), s.software.join(', ')])
  if (s.replaces.length > 0) rows.push([t('replaces'), s.replaces.map((tool) => toolLabel(tool, lang)).join(', ')])
  if (s.dataLocation) rows.push([t('data_location'), s.dataLocation])
  if (s.energySource) rows.push([t('energy'), s.energySource])
  if (s.backupPolicy) rows.push([t('backup'), s.backupPolicy])
  if (s.pricing !== 'hourly') rows.push([t('sso'), t(`sso_${s.sso}`)])
  if (!s.provider.isHome) rows.push([t('provider_label'), s.provider.name])
  return (
    <dl class="facts">
      {rows.map(([label, value]) => (
        <>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </>
      ))}
    </dl>
  )
}

function ServiceItem(props: { lang: Language; service: SnapshotService }) {
  const { lang, service } = props
  const included = pickList(service.included, lang)
  return (
    <li class="service" data-service={service.key}>
      <h3>
        {pick(service.name, lang)} <StatusBadge lang={lang} status={service.status} />
      </h3>
      <p>{pick(service.summary, lang)}</p>
      {pick(service.description, lang) && <p class="prose">{pick(service.description, lang)}</p>}
      {included.length > 0 && (
        <ul>
          {included.map((line) => (
            <li>{line}</li>
          ))}
        </ul>
      )}
      <Facts lang={lang} service={service} />
    </li>
  )
}

function upcomingText(lang: Language, v: StoredPriceVersion): string {
  const t = catalogT(lang)
  return v.validUntil
    ? t('upcoming_range', { from: formatDate(v.validFrom, lang), until: formatDate(v.validUntil, lang) })
    : t('upcoming_from', { date: formatDate(v.validFrom, lang) })
}

function FlatRate(props: { lang: Language; area: SnapshotArea; upcoming: StoredPriceVersion[] }) {
  const { lang, area } = props
  const t = catalogT(lang)
  if (!area.flatRate) return <p>{t('no_flat_rate')}</p>
  const v = area.flatRate
  return (
    <>
      <TierTable lang={lang} version={v} caption={validityCaption(lang, v)} />
      <p class="hint">{t('tier_hint')}</p>
      <p>
        {v.setupCents > 0 ? t('setup_fee', { amount: formatEuro(v.setupCents, lang) }) : t('no_setup_fee')}{' '}
        {t('vat_note', { vat: v.vatPercent.toLocaleString(lang) })}
      </p>
      {props.upcoming.length > 0 && (
        <>
          <h3>{t('upcoming_heading')}</h3>
          {props.upcoming.map((u) => (
            <TierTable lang={lang} version={u} caption={upcomingText(lang, u)} />
          ))}
        </>
      )}
    </>
  )
}

function ServicePrices(props: { lang: Language; area: SnapshotArea; upcoming: StoredPriceVersion[] }) {
  const { lang, area } = props
  const t = catalogT(lang)
  const addons = area.services.filter((s) => s.pricing === 'addon')
  const hourly = area.services.filter((s) => s.pricing === 'hourly')
  const later = (serviceId: string) => props.upcoming.filter((v) => v.serviceId === serviceId)
  const vat = [...addons, ...hourly].find((s) => s.price)?.price?.vatPercent
  return (
    <>
      {addons.length > 0 && (
        <div class="table-wrap">
          <table>
            <caption>{t('addons_heading')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('addon_col')}</th>
                <th scope="col">{t('unit_price_col')}</th>
              </tr>
            </thead>
            <tbody>
              {addons.map((s) => (
                <tr data-addon={s.key}>
                  <th scope="row">{pick(s.name, lang)}</th>
                  <td>
                    {s.price?.monthlyCents != null
                      ? t('addon_price', {
                          amount: formatEuro(s.price.monthlyCents, lang),
                          unit: pick(s.unit, lang) || t('addon_unit_default'),
                        })
                      : t('not_priced')}
                    {later(s.id).map((u) => (
                      <span class="hint">
                        {' '}
                        · {upcomingText(lang, u)}: {formatEuro(u.monthlyCents ?? 0, lang)}
                      </span>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {hourly.length > 0 && (
        <div class="table-wrap">
          <table>
            <caption>{t('hourly_heading')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('activity_col')}</th>
                <th scope="col" class="num">
                  {t('member_rate_col')}
                </th>
                <th scope="col" class="num">
                  {t('non_member_rate_col')}
                </th>
              </tr>
            </thead>
            <tbody>
              {hourly.map((s) => {
                const rate = (cents: number | null | undefined) =>
                  cents == null ? t('not_priced') : t('per_hour', { amount: formatEuro(cents, lang) })
                return (
                  <tr data-hourly={s.key}>
                    <th scope="row">
                      {pick(s.name, lang)}
                      {later(s.id).map((u) => (
                        <span class="hint"> · {upcomingText(lang, u)}</span>
                      ))}
                    </th>
                    <td class="num">{rate(s.price?.hourlyMemberCents)}</td>
                    <td class="num">{rate(s.price?.hourlyNonMemberCents)}</td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      )}
      {vat !== undefined && <p class="hint">{t('vat_note', { vat: vat.toLocaleString(lang) })}</p>}
    </>
  )
}

function Terms(props: { lang: Language; area: SnapshotArea }) {
  const { lang, area } = props
  const t = catalogT(lang)
  const { noticeDays, termEnd, minimumTermMonths } = area.terms
  const text = pick(area.termsText, lang)
  return (
    <>
      <h2>{t('terms_heading')}</h2>
      <p>
        {termEnd === 'day'
          ? t('notice_day', { days: noticeDays })
          : t('notice_period', { days: noticeDays, period: t(`period_${termEnd}`) })}{' '}
        {minimumTermMonths > 0 ? t('minimum_term', { months: minimumTermMonths }) : t('no_minimum_term')}
      </p>
      {text && <p class="prose">{text}</p>}
    </>
  )
}

function Calls(props: { lang: Language; area: SnapshotArea }) {
  const { lang, area } = props
  const t = catalogT(lang)
  const orderable = area.status === 'orderable'
  return (
    <div class="actions cta">
      {orderable && (
        <a class="button" href={`/orders/new?area=${area.key}`}>
          {t('order_members')} <span class="hint-inline">({t('order_members_hint')})</span>
        </a>
      )}
      {orderable && area.kind === 'secondary' && (
        <a class="button secondary" href={`/orders/request?area=${area.key}`}>
          {t('request')}
        </a>
      )}
      <a class={orderable ? undefined : 'button'} href="/needs">
        {t('needs')}
      </a>
    </div>
  )
}

export function AreaPage(props: { lang: Language; area: SnapshotArea; upcoming: StoredPriceVersion[] }) {
  const { lang, area } = props
  const t = catalogT(lang)
  const included = pickList(area.included, lang)
  const services = area.services.filter((s) => s.status !== 'discontinued' && !s.provider.archived)
  const shown = { ...area, services }
  return (
    <article class="area-page" data-area={area.key}>
      <p>
        <a href="/catalog">{t('back')}</a>
      </p>
      <h1>{pick(area.name, lang)}</h1>
      <p>
        <span class="visually-hidden">{`${t('status_label')}: `}</span>
        <StatusBadge lang={lang} status={area.status} />{' '}
        {area.kind === 'primary' ? t('primary_heading') : t('secondary_heading')}
      </p>
      <ProviderLine lang={lang} area={area} />
      <p class="lead">{pick(area.summary, lang)}</p>
      {pick(area.description, lang) && <p class="prose">{pick(area.description, lang)}</p>}
      {area.status === 'planned' && <p class="notice">{t('planned_note')}</p>}
      {area.kind === 'primary' && <p class="hint">{t('members_only_note')}</p>}
      <Calls lang={lang} area={area} />
      {included.length > 0 && (
        <>
          <h2>{t('included_heading')}</h2>
          <ul>
            {included.map((line) => (
              <li>{line}</li>
            ))}
          </ul>
        </>
      )}
      <h2>{t('prices_heading')}</h2>
      {area.kind === 'primary' && (
        <FlatRate lang={lang} area={area} upcoming={props.upcoming.filter((v) => v.areaId === area.id)} />
      )}
      <ServicePrices lang={lang} area={shown} upcoming={props.upcoming} />
      <h2>{t('services_heading')}</h2>
      {services.length === 0 ? (
        <p>{t('no_services')}</p>
      ) : (
        <ul class="services plain">
          {services.map((s) => (
            <ServiceItem lang={lang} service={s} />
          ))}
        </ul>
      )}
      <Terms lang={lang} area={area} />
      <Calls lang={lang} area={area} />
    </article>
  )
}
