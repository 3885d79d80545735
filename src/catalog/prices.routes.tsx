import { Hono } from 'hono'
import type { Executor } from '../db/db.ts'
import type { Actor } from '../platform/actor.ts'
import type { AppContext, AppEnv } from '../platform/context.ts'
import { addDays, type PlainDate, todayIn } from '../platform/dates.ts'
import { DomainError } from '../platform/errors.ts'
import { count, fieldIssues, localiseIssues } from '../platform/fields.ts'
import { formatDate } from '../platform/i18n.ts'
import { can } from '../platform/policy.ts'
import { type Errors, errorsByField } from '../web/components.tsx'
import { formValue, redirectWithFlash, render } from '../web/render.tsx'
import { inTransaction } from '../web/transaction.ts'
import { type CatalogSnapshot, catalogOn, quoteCapitalMonths } from './catalog.actions.ts'
import { pick } from './catalog.model.ts'
import { mayManageProvider } from './catalog.policy.ts'
import { bookingsRunningFrom } from './catalog.repo.ts'
import type { FormValues } from './catalog-forms.ts'
import { addPriceVersion } from './prices.actions.ts'
import { pricesT } from './prices.messages.ts'
import { ChooseItemPage, type PricedItem, PriceFormPage, PricesPage } from './prices.pages.tsx'
import { parsePriceForm, priceFormValues, tierIssuesToForm, tierRowCount } from './prices-form.ts'
import { versionOn } from './pricing.rules.ts'
import { setCapitalMonths } from './quote-settings.actions.ts'

/** Prices: the timeline (anyone signed in), new versions (who manages the entry), the quote setting (staff). */
export const pricesRoutes = new Hono<AppEnv>()

function signedIn(c: AppContext): Actor {
  const actor = c.get('actor')
  if (actor.kind !== 'account') throw new DomainError('unauthenticated')
  return actor
}

function today(c: AppContext): PlainDate {
  return todayIn(c.get('deps').clock.now())
}

interface Item extends PricedItem {
  areaId: string
  serviceId: string | null
}

/** Every priced entry: primary areas' flat rates, add-ons and hourly services, with all their versions. */
function pricedItems(snapshot: CatalogSnapshot, actor: Actor, lang: 'de' | 'en'): Item[] {
  const providers = new Map(snapshot.providers.map((p) => [p.id, p]))
  const manage = (providerId: string) => {
    const p = providers.get(providerId)
    return p ? mayManageProvider(actor, { organisation_id: p.organisationId }) : false
  }
  const items: Item[] = []
  for (const area of snapshot.areas) {
    if (area.kind === 'primary')
      items.push({
        param: `area=${area.key}`,
        name: pick(area.name, lang),
        kind: 'flat_rate',
        versions: snapshot.versions.filter((v) => v.areaId === area.id),
        canManage: manage(area.providerId),
        areaId: area.id,
        serviceId: null,
      })
    for (const s of area.services)
      if (s.pricing !== 'included')
        items.push({
          param: `service=${s.key}`,
          name: `${pick(s.name, lang)} – ${pick(area.name, lang)}`,
          kind: s.pricing,
          versions: snapshot.versions.filter((v) => v.serviceId === s.id),
          canManage: manage(s.providerId),
          areaId: area.id,
          serviceId: s.id,
        })
  }
  return items
}

async function pricesPage(c: AppContext, setting?: { value: string; error: string }) {
  const actor = signedIn(c)
  const db = c.get('deps').db
  const lang = c.get('lang')
  const snapshot = await catalogOn(db, today(c))
  const staff = can(actor, 'catalog.manage')
  return render(
    c,
    pricesT(lang)('prices_title'),
    <PricesPage
      lang={lang}
      csrf={c.get('csrf')}
      items={pricedItems(snapshot, actor, lang)}
      today={today(c)}
      capitalMonths={staff ? await quoteCapitalMonths(db) : null}
      settingValue={setting?.value}
      settingError={setting?.error}
    />,
    setting ? 422 : 200,
  )
}

pricesRoutes.get('/catalog/prices', (c) => pricesPage(c))

/** The item a form is for, which the actor must be allowed to price; undefined when none was named. */
async function itemFor(c: AppContext, query: { area?: string; service?: string }) {
  const actor = signedIn(c)
  const snapshot = await catalogOn(c.get('deps').db, today(c))
  const items = pricedItems(snapshot, actor, c.get('lang'))
  const param = query.service ? `service=${query.service}` : query.area ? `area=${query.area}` : null
  if (!param) {
    if (!items.some((i) => i.canManage)) throw new DomainError('forbidden', 'catalog.manage')
    return { items, item: undefined }
  }
  const item = items.find((i) => i.param === param)
  if (!item) throw new DomainError('not_found')
  if (!item.canManage) throw new DomainError('forbidden', 'catalog.manage')
  return { items, item }
}

async function runningCount(db: Executor, item: Item, from: PlainDate) {
  const rows = await bookingsRunningFrom(
    db,
    item.serviceId ? { areaId: item.areaId, serviceId: item.serviceId } : { areaId: item.areaId, serviceId: null },
    from,
  )
  return { count: rows.length, from }
}

async function formPage(c: AppContext, item: Item, values: FormValues, errors?: Errors) {
  const lang = c.get('lang')
  const current = versionOn(item.versions, today(c))
  const from = formValue(c, 'validFrom') || (Array.isArray(values.validFrom) ? '' : values.validFrom) || ''
  const running = /^\d{4}-\d{2}-\d{2}$/.test(from) ? await runningCount(c.get('deps').db, item, from) : null
  const rows = tierRowCount(current?.tiers.length ?? 0, values)
  return render(
    c,
    pricesT(lang)('new_title', { name: item.name }),
    <PriceFormPage
      lang={lang}
      csrf={c.get('csrf')}
      item={item}
      current={current}
      values={values}
      rows={rows}
      running={running}
      errors={errors}
    />,
    errors ? 422 : 200,
  )
}

pricesRoutes.get('/catalog/prices/new', async (c) => {
  const { items, item } = await itemFor(c, { area: c.req.query('area'), service: c.req.query('service') })
  if (!item)
    return render(c, pricesT(c.get('lang'))('choose_title'), <ChooseItemPage lang={c.get('lang')} items={items} />)
  const current = versionOn(item.versions, today(c))
  const values = priceFormValues(current, addDays(today(c), 1), tierRowCount(current?.tiers.length ?? 0))
  return formPage(c, item as Item, values)
})

pricesRoutes.post('/catalog/prices', async (c) => {
  const actor = signedIn(c)
  const lang = c.get('lang')
  const areaKey = formValue(c, 'areaKey')
  const serviceKey = formValue(c, 'serviceKey')
  const { item: found } = await itemFor(c, { area: areaKey || undefined, service: serviceKey || undefined })
  if (!found) throw new DomainError('not_found')
  const item = found as Item
  const form: FormValues = {}
  for (const [name, value] of Object.entries(c.get('form'))) if (name !== '_csrf') form[name] = value
  const key = serviceKey ? { serviceKey } : { areaKey }
  const parsed = parsePriceForm(form, key, item.kind)
  if (!parsed.success) return formPage(c, item, form, errorsByField(fieldIssues(parsed.error, lang)))
  try {
    const { version, notified } = await inTransaction(c, (trx) =>
      addPriceVersion(trx, actor, parsed.data, c.get('deps')),
    )
    return redirectWithFlash(
      c,
      '/catalog/prices',
      pricesT(lang)('adopted_flash', { date: formatDate(version.validFrom, lang), n: notified }),
    )
  } catch (error) {
    if (error instanceof DomainError && error.code === 'validation')
      return formPage(c, item, form, errorsByField(tierIssuesToForm(localiseIssues(error.fields, lang), form)))
    throw error
  }
})

const monthsField = count(36)

pricesRoutes.post('/catalog/prices/settings', async (c) => {
  const actor = signedIn(c)
  if (!can(actor, 'catalog.manage')) throw new DomainError('forbidden', 'catalog.manage')
  const lang = c.get('lang')
  const value = formValue(c, 'months')
  const parsed = monthsField.safeParse(value.trim() === '' ? undefined : value)
  if (!parsed.success) return pricesPage(c, { value, error: fieldIssues(parsed.error, lang)[0]?.message ?? '' })
  await inTransaction(c, (trx) => setCapitalMonths(trx, actor, parsed.data, c.get('deps')))
  return redirectWithFlash(c, '/catalog/prices', pricesT(lang)('setting_saved', { months: parsed.data }))
})
