import { Hono } from 'hono'
import { pick } from '../catalog/catalog.model.ts'
import { cooperativeInfo } from '../members/cooperative.ts'
import { getOrganisation } from '../organisations/organisations.actions.ts'
import { findPerson } from '../people/people.repo.ts'
import type { Actor } from '../platform/actor.ts'
import type { AppContext, AppEnv } from '../platform/context.ts'
import { todayIn } from '../platform/dates.ts'
import { DomainError, type FieldIssue } from '../platform/errors.ts'
import { fieldIssues, localiseIssues } from '../platform/fields.ts'
import { translator } from '../platform/i18n.ts'
import { clientIp } from '../web/client.ts'
import { type Errors, errorsByField } from '../web/components.tsx'
import { sendPdf } from '../web/downloads.ts'
import { idParam } from '../web/params.ts'
import { redirectWithFlash, render } from '../web/render.tsx'
import { inTransaction } from '../web/transaction.ts'
import { eraseQuestionnaire, questionnaireByToken, submitQuestionnaire } from './needs.actions.ts'
import { quoteBasisOn } from './needs.catalog.ts'
import { needsText } from './needs.messages.ts'
import type { Questionnaire } from './needs.model.ts'
import { type FormValues, QuestionnaireForm } from './needs.pages.tsx'
import { memberOrganisationIds } from './needs.repo.ts'
import { questionnaireInput } from './needs.schema.ts'
import { overviewRoutes } from './overview.routes.tsx'
import { type AreaAction, QuotePage } from './quote.pages.tsx'
import { quotePdf } from './quote.pdf.ts'

/** The public questionnaire, the contact's quote (page, PDF, erasure) and, mounted first, the founders' view. */
export const needsRoutes = new Hono<AppEnv>()

// the founders' paths (/needs/overview, /needs/by-id/…) before the token paths
needsRoutes.route('/', overviewRoutes)

const singleFields = [
  'organisationName',
  'legalForm',
  'city',
  'contactName',
  'contactEmail',
  'contactPhone',
  'employees',
  'volunteers',
  'annualBudgetCents',
  'devices',
  'painPoints',
  'consultingHours',
  'trainingHours',
  'stage',
  'consentContact',
] as const
const listFields = ['toolsToday', 'wantedAreas'] as const

function readForm(c: AppContext): FormValues {
  const form = c.get('form')
  const out: FormValues = {}
  for (const name of singleFields) {
    const value = form[name]
    if (value !== undefined) out[name] = Array.isArray(value) ? (value[0] ?? '') : value
  }
  for (const name of listFields) {
    const value = form[name]
    out[name] = value === undefined ? [] : Array.isArray(value) ? value : [value]
  }
  return out
}

/** A checkbox list's issue (`wantedAreas.1`) belongs to the list's one field. */
function atFields(issues: FieldIssue[]): Errors {
  return errorsByField(issues.map((i) => ({ ...i, path: i.path.replace(/^(wantedAreas|toolsToday)\.\d+$/, '$1') })))
}

function today(c: AppContext) {
  return todayIn(c.get('deps').clock.now())
}

function adminOrganisationIds(actor: Actor): string[] {
  if (actor.kind !== 'account') return []
  return [...actor.orgs].filter(([, functions]) => functions.has('admin')).map(([id]) => id)
}

/**
 * The organisation a signed-in admin fills the questionnaire in for: the one named in the link, else their first;
 * `none` for another one. Someone who is not its admin gets forbidden.
 */
async function forOrganisation(c: AppContext, requested: string | undefined) {
  const actor = c.get('actor')
  if (requested === 'none') return null
  const mine = adminOrganisationIds(actor)
  const id = requested ? idParam(requested) : mine[0]
  if (!id) return null
  if (!mine.includes(id)) throw new DomainError(actor.kind === 'account' ? 'forbidden' : 'unauthenticated')
  return getOrganisation(c.get('deps').db, actor, id)
}

async function formPage(
  c: AppContext,
  values: FormValues,
  org: { id: string; name: string } | null,
  errors?: Errors,
  status: 200 | 422 | 429 = 200,
) {
  const actor = c.get('actor')
  const db = c.get('deps').db
  const lang = c.get('lang')
  const basis = await quoteBasisOn(db, today(c))
  const offers = org
    ? []
    : await Promise.all(
        adminOrganisationIds(actor).map(async (id) => ({ id, name: (await getOrganisation(db, actor, id)).name })),
      )
  return render(
    c,
    translator(needsText, lang)('title'),
    <QuestionnaireForm
      lang={lang}
      csrf={c.get('csrf')}
      values={values}
      errors={errors}
      choices={basis.choices}
      forOrganisation={org}
      organisationOffers={offers}
    />,
    status,
  )
}

needsRoutes.get('/needs', async (c) => {
  const actor = c.get('actor')
  const org = await forOrganisation(c, c.req.query('organisation'))
  let values: FormValues = { legalForm: 'ev' }
  if (org) {
    const person = actor.personId ? await findPerson(c.get('deps').db, actor.personId) : undefined
    values = {
      organisationName: org.name,
      legalForm: org.legalForm,
      city: org.city,
      employees: String(org.employees),
      volunteers: String(org.volunteers),
      annualBudgetCents: (org.annualBudgetCents / 100).toFixed(2).replace('.', ','),
      contactName: person ? `${person.given_name} ${person.family_name}` : '',
      contactEmail: person?.email ?? (actor.kind === 'account' ? actor.label : ''),
      contactPhone: person?.phone ?? '',
    }
  }
  return formPage(c, values, org ? { id: org.id, name: org.name } : null)
})

needsRoutes.post('/needs', async (c) => {
  const actor = c.get('actor')
  const lang = c.get('lang')
  const raw = readForm(c)
  const requested = c.get('form').organisationId
  const org = typeof requested === 'string' && requested ? await forOrganisation(c, requested) : null
  const forOrg = org ? { id: org.id, name: org.name } : null
  const parsed = questionnaireInput.safeParse(raw)
  if (!parsed.success) return formPage(c, raw, forOrg, atFields(fieldIssues(parsed.error, lang)), 422)
  const deps = c.get('deps')
  try {
    const { questionnaire, token } = await inTransaction(c, (trx) =>
      submitQuestionnaire(trx, actor, parsed.data, deps, { ip: clientIp(c), lang, organisationId: org?.id }),
    )
    return redirectWithFlash(
      c,
      `/needs/${token}`,
      translator(needsText, lang)('submitted_flash', { ref: questionnaire.ref }),
    )
  } catch (error) {
    if (error instanceof DomainError && (error.code === 'validation' || error.code === 'rate_limited'))
      return formPage(
        c,
        raw,
        forOrg,
        atFields(localiseIssues(error.fields, lang)),
        error.code === 'rate_limited' ? 429 : 422,
      )
    throw error
  }
})

/** Quote links carry random base64url tokens; anything else is not found without a database lookup. */
function tokenParam(value: string | undefined): string {
  if (!value || !/^[A-Za-z0-9_-]{20,100}$/.test(value)) throw new DomainError('not_found')
  return value
}

/** The link is the contact's only key: keep its pages out of caches and search engines. */
function privatePage(c: AppContext) {
  c.header('cache-control', 'private, no-store')
  c.header('x-robots-tag', 'noindex')
}

/** Order links for primary areas (admins of a member organisation), request links for secondary ones (anyone). */
async function areaActions(c: AppContext, q: Questionnaire): Promise<AreaAction[]> {
  const lang = c.get('lang')
  const t = translator(needsText, lang)
  const members = await memberOrganisationIds(c.get('deps').db, adminOrganisationIds(c.get('actor')), today(c))
  const out: AreaAction[] = []
  for (const area of q.storedQuote.areas) {
    const name = pick(area.name, lang)
    if (area.kind === 'secondary')
      out.push({ key: area.key, name, href: `/orders/request?area=${area.key}`, label: t('request') })
    else if (members.length > 0)
      out.push({ key: area.key, name, href: `/orders/new?area=${area.key}`, label: t('order') })
  }
  return out
}

needsRoutes.get('/needs/:token', async (c) => {
  const token = tokenParam(c.req.param('token'))
  const lang = c.get('lang')
  const q = await questionnaireByToken(c.get('deps').db, token)
  privatePage(c)
  const t = translator(needsText, lang)
  return render(
    c,
    q.erasedAt ? t('erased_title', { ref: q.ref }) : t('quote_title', { ref: q.ref }),
    <QuotePage lang={lang} csrf={c.get('csrf')} token={token} q={q} areaActions={await areaActions(c, q)} />,
  )
})

needsRoutes.get('/needs/:token/quote.pdf', async (c) => {
  const token = tokenParam(c.req.param('token'))
  const db = c.get('deps').db
  const q = await questionnaireByToken(db, token)
  if (q.erasedAt) throw new DomainError('not_found', 'questionnaire erased')
  const lang = c.get('lang')
  const pdf = await quotePdf(q, await cooperativeInfo(db), lang)
  c.header('x-robots-tag', 'noindex')
  return sendPdf(c, { pdf, filename: `${translator(needsText, lang)('pdf_title', { ref: q.ref })}.pdf` })
})

needsRoutes.post('/needs/:token/erase', async (c) => {
  const token = tokenParam(c.req.param('token'))
  const deps = c.get('deps')
  await inTransaction(c, (trx) => eraseQuestionnaire(trx, token, deps))
  return redirectWithFlash(c, `/needs/${token}`, translator(needsText, c.get('lang'))('erased_flash'))
})
