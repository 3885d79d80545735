import { Hono } from 'hono'
import type { AppContext, AppEnv } from '../platform/context.ts'
import { compareDates, todayIn } from '../platform/dates.ts'
import { DomainError } from '../platform/errors.ts'
import { fieldIssues, localiseIssues } from '../platform/fields.ts'
import { type Errors, errorsByField } from '../web/components.tsx'
import { render } from '../web/render.tsx'
import { CalculatorPage, CalculatorResult, type CalculatorValues } from './calculator.pages.tsx'
import { type Calculation, calculate, calculatorForm, formFieldOf, quotableAreas } from './calculator.ts'
import { catalogOn } from './catalog.actions.ts'
import { catalogT } from './catalog.messages.ts'
import { pick } from './catalog.model.ts'
import { AreaPage, CatalogPage } from './catalog.pages.tsx'
import { catalogFeed, isListed } from './feed.ts'
import { manageRoutes } from './manage.routes.tsx'
import { pricesRoutes } from './prices.routes.tsx'
import { providersRoutes } from './providers.routes.tsx'

/**
 * The catalog's pages: public (catalog, area pages, price calculator, feed) and, mounted first so their paths win
 * over `/catalog/:key`, the management of areas, services, providers and prices.
 */
export const catalogRoutes = new Hono<AppEnv>()

function today(c: AppContext) {
  return todayIn(c.get('deps').clock.now())
}

catalogRoutes.route('/', manageRoutes)
catalogRoutes.route('/', providersRoutes)
catalogRoutes.route('/', pricesRoutes)

catalogRoutes.get('/catalog', async (c) => {
  const lang = c.get('lang')
  const snapshot = await catalogOn(c.get('deps').db, today(c))
  return render(c, catalogT(lang)('title'), <CatalogPage lang={lang} areas={snapshot.areas.filter(isListed)} />)
})

/** The feed for federated portals (docs/catalog-feed.md): ETag of the body, 304 when it is unchanged. */
catalogRoutes.get('/catalog/feed.json', async (c) => {
  const { config, db } = c.get('deps')
  const { body, etag } = await catalogFeed(db, today(c), config.baseUrl)
  const headers = {
    etag,
    'cache-control': 'public, max-age=300, must-revalidate',
    'access-control-allow-origin': '*',
  }
  const match = (c.req.header('if-none-match') ?? '')
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === etag || tag === '*')
  if (match) return c.body(null, 304, headers)
  return c.body(body, 200, { ...headers, 'content-type': 'application/json; charset=utf-8' })
})

const calculatorFields = ['employees', 'volunteers', 'budget', 'consultingHours', 'trainingHours'] as const

function readCalculator(c: AppContext): { values: CalculatorValues; asked: boolean } {
  const values: CalculatorValues = {}
  let asked = false
  for (const name of calculatorFields) {
    const value = c.req.query(name)
    if (value !== undefined) asked = true
    values[name] = (value ?? '').slice(0, 40)
  }
  const areas = c.req.queries('areas') ?? []
  if (areas.length > 0) asked = true
  values.areas = areas.slice(0, 20)
  return { values, asked }
}

/** Parses and computes; field problems come back by the form's names, never as a 500. */
async function runCalculator(
  c: AppContext,
  values: CalculatorValues,
): Promise<{ calc: Calculation | null; errors?: Errors }> {
  const lang = c.get('lang')
  const parsed = calculatorForm.safeParse(values)
  if (!parsed.success) return { calc: null, errors: errorsByField(fieldIssues(parsed.error, lang)) }
  const { budget, ...rest } = parsed.data
  try {
    return { calc: await calculate(c.get('deps').db, { ...rest, annualBudgetCents: budget }, today(c)) }
  } catch (error) {
    if (!(error instanceof DomainError) || error.code !== 'validation') throw error
    const issues = localiseIssues(error.fields, lang).map((i) => ({ ...i, path: formFieldOf[i.path] ?? i.path }))
    return { calc: null, errors: errorsByField(issues) }
  }
}

function shareUrl(values: CalculatorValues): string {
  const query = new URLSearchParams()
  for (const [name, value] of Object.entries(values))
    for (const v of Array.isArray(value) ? value : [value]) if (v !== '') query.append(name, v)
  return `/prices?${query}`
}

catalogRoutes.get('/prices', async (c) => {
  const lang = c.get('lang')
  const { values, asked } = readCalculator(c)
  const result = asked ? await runCalculator(c, values) : { calc: null }
  const snapshot = result.calc?.snapshot ?? (await catalogOn(c.get('deps').db, today(c)))
  const areas = quotableAreas(snapshot).map((a) => ({ key: a.key, name: pick(a.name, lang), status: a.status }))
  return render(
    c,
    catalogT(lang)('calc_title'),
    <CalculatorPage
      lang={lang}
      values={values}
      errors={result.errors}
      areas={areas}
      calc={result.calc}
      shareUrl={result.calc ? shareUrl(values) : null}
    />,
    result.errors ? 422 : 200,
  )
})

/** The result alone, for the page's script while typing: the same computation as the "Berechnen" button. */
catalogRoutes.get('/prices/result', async (c) => {
  const { values } = readCalculator(c)
  const result = await runCalculator(c, values)
  c.header('cache-control', 'no-store')
  return c.html(<CalculatorResult lang={c.get('lang')} calc={result.calc} invalid={result.errors !== undefined} />)
})

catalogRoutes.get('/catalog/:key', async (c) => {
  const key = c.req.param('key')
  if (!/^[a-z][a-z0-9_]{1,39}$/.test(key)) throw new DomainError('not_found')
  const lang = c.get('lang')
  const snapshot = await catalogOn(c.get('deps').db, today(c))
  const area = snapshot.areas.find((a) => a.key === key)
  if (!area || !isListed(area)) throw new DomainError('not_found')
  const upcoming = snapshot.versions.filter((v) => compareDates(v.validFrom, snapshot.day) > 0)
  return render(c, pick(area.name, lang), <AreaPage lang={lang} area={area} upcoming={upcoming} />)
})
