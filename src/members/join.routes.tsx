import { z } from '@hono/zod-openapi'
import { Hono } from 'hono'
import { memberTypes } from '../db/schema.ts'
import { hasQuestionnaire, joinPrefill } from '../needs/join-link.actions.ts'
import { type AreaChoice, joinAreaChoices } from '../needs/needs.catalog.ts'
import { getOrganisation } from '../organisations/organisations.actions.ts'
import type { Actor } from '../platform/actor.ts'
import type { AppContext, AppEnv } from '../platform/context.ts'
import { todayIn } from '../platform/dates.ts'
import { DomainError } from '../platform/errors.ts'
import { count, euroCents, fieldIssues, localiseIssues } from '../platform/fields.ts'
import { type Language, translator } from '../platform/i18n.ts'
import { type StatutesVersionView, statutesOn } from '../statutes/statutes.actions.ts'
import { clientIp } from '../web/client.ts'
import { type Errors, errorsByField } from '../web/components.tsx'
import { idParam } from '../web/params.ts'
import { formValue, redirectWithFlash, render } from '../web/render.tsx'
import { inTransaction } from '../web/transaction.ts'
import { applicationByToken, submitApplication, withdrawApplication } from './applications.actions.ts'
import { ApplicationStatusPage } from './applications.pages.tsx'
import { applicationView, declarationDownload } from './applications.routes.tsx'
import { applicationInput } from './applications.schema.ts'
import { memberErrorText } from './errors.messages.ts'
import { joinText } from './join.messages.ts'
import { type FormValues, JoinForm, QuoteBody, type QuoteProps } from './join.pages.tsx'
import { joiningQuote } from './joining.rules.ts'

export const joinRoutes = new Hono<AppEnv>()

const singleFields = [
  'memberType',
  'organisationName',
  'legalForm',
  'organisationEmail',
  'vatId',
  'iban',
  'employees',
  'volunteers',
  'annualBudgetCents',
  'givenName',
  'familyName',
  'email',
  'phone',
  'street',
  'postalCode',
  'city',
  'country',
  'voluntaryShares',
  'devices',
  'painPoints',
  'stage',
  'consentStatutes',
  'consentPrivacy',
  'acknowledgeDuties',
] as const
const listFields = ['primaryAreas', 'toolsToday'] as const

/** The declaration's fields as posted; fields the form did not send (a disabled fieldset) stay out, so defaults apply. */
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

/** The inputs of the quote, read leniently: the live quote must never fail on a half-typed form. */
const quoteInput = z.object({
  memberType: z.enum(memberTypes).catch('organisation'),
  employees: count(1_000_000),
  annualBudgetCents: euroCents(100_000_000_000_00),
  voluntaryShares: count(10_000),
  primaryAreas: z.array(z.string()).transform((areas) => [...new Set(areas)]),
})

/** The catalog's primary areas as the form's checkboxes. */
function areaOptions(choices: AreaChoice[], lang: Language) {
  return choices.map((a) => ({ value: a.key, label: a.name[lang] || a.name.de }))
}

function quoteProps(
  c: AppContext,
  statutes: StatutesVersionView,
  values: FormValues,
  choices: AreaChoice[],
): QuoteProps {
  const one = (name: string) => {
    const v = values[name]
    return Array.isArray(v) ? (v[0] ?? '') : (v ?? '')
  }
  const areas = values.primaryAreas
  const parsed = quoteInput.safeParse({
    memberType: one('memberType') || 'organisation',
    employees: one('employees'),
    annualBudgetCents: one('annualBudgetCents'),
    voluntaryShares: one('voluntaryShares'),
    primaryAreas: areas === undefined ? [] : Array.isArray(areas) ? areas : [areas],
  })
  const base = {
    lang: c.get('lang'),
    settings: statutes.settings,
    validFrom: statutes.validFrom,
  }
  if (!parsed.success)
    return {
      ...base,
      quote: null,
      memberType: one('memberType'),
      employees: 0,
      annualBudgetCents: 0,
      areas: 0,
      areaNames: [],
    }
  const input = parsed.data
  // only areas the catalog offers count (an unknown key is refused when the declaration is submitted)
  const offered = areaOptions(choices, c.get('lang'))
  const areasCounted =
    input.memberType === 'organisation' ? input.primaryAreas.filter((a) => offered.some((o) => o.value === a)) : []
  return {
    ...base,
    quote: joiningQuote(statutes.settings, { ...input, primaryAreas: areasCounted }, today(c)),
    memberType: input.memberType,
    employees: input.employees,
    annualBudgetCents: input.annualBudgetCents,
    areas: areasCounted.length,
    areaNames: areasCounted.map((a) => offered.find((o) => o.value === a)?.label ?? a),
  }
}

function today(c: AppContext) {
  return todayIn(c.get('deps').clock.now())
}

/** Organisations whose admin the actor is: they may declare membership for them (an existing organisation). */
function adminOrganisationIds(actor: Actor): string[] {
  if (actor.kind !== 'account') return []
  return [...actor.orgs].filter(([, functions]) => functions.has('admin')).map(([id]) => id)
}

async function joinPage(
  c: AppContext,
  values: FormValues,
  options: {
    errors?: Errors
    forOrganisation?: { id: string; name: string } | null
    fromQuestionnaire?: { token: string; ref: string } | null
  } = {},
  status: 200 | 422 | 429 = 200,
) {
  const actor = c.get('actor')
  const db = c.get('deps').db
  const lang = c.get('lang')
  const [statutes, choices] = await Promise.all([statutesOn(db, today(c)), joinAreaChoices(db)])
  const offers = options.forOrganisation
    ? []
    : await Promise.all(
        adminOrganisationIds(actor).map(async (id) => ({ id, name: (await getOrganisation(db, actor, id)).name })),
      )
  return render(
    c,
    translator(joinText, lang)('title'),
    <JoinForm
      lang={lang}
      csrf={c.get('csrf')}
      values={values}
      errors={options.errors}
      quote={quoteProps(c, statutes, values, choices)}
      forOrganisation={options.forOrganisation ?? null}
      organisationOffers={offers}
      areas={areaOptions(choices, lang)}
      fromQuestionnaire={options.fromQuestionnaire ?? null}
    />,
    status,
  )
}

/** The organisation an admin declares membership for, from the form or the link; null for a new one. */
async function forOrganisation(c: AppContext, id: string | undefined) {
  if (!id) return null
  const actor = c.get('actor')
  const orgId = idParam(id)
  if (!adminOrganisationIds(actor).includes(orgId))
    throw new DomainError(actor.kind === 'account' ? 'forbidden' : 'unauthenticated')
  return getOrganisation(c.get('deps').db, actor, orgId)
}

/** `/join?questionnaire=<token>`: the form filled in from a quote; an unknown or used link is a plain form. */
async function fromQuestionnaire(c: AppContext, token: string | undefined) {
  if (!token || !/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null
  const prefill = await joinPrefill(c.get('deps').db, token)
  return prefill ? { token, ref: prefill.questionnaire.ref, values: prefill.values } : null
}

joinRoutes.get('/join', async (c) => {
  const org = await forOrganisation(c, c.req.query('organisation'))
  const questionnaire = await fromQuestionnaire(c, c.req.query('questionnaire'))
  if (questionnaire) {
    // the questionnaire's link is a secret: keep this page out of caches and search engines too
    c.header('cache-control', 'private, no-store')
    c.header('x-robots-tag', 'noindex')
    return joinPage(c, questionnaire.values, { fromQuestionnaire: questionnaire, forOrganisation: null })
  }
  const values: FormValues = org
    ? {
        memberType: 'organisation',
        organisationName: org.name,
        legalForm: org.legalForm,
        organisationEmail: org.email ?? '',
        vatId: org.vatId ?? '',
        iban: org.iban ?? '',
        employees: String(org.employees),
        volunteers: String(org.volunteers),
        annualBudgetCents: (org.annualBudgetCents / 100).toFixed(2).replace('.', ','),
        street: org.street,
        postalCode: org.postalCode,
        city: org.city,
        country: org.country,
      }
    : { memberType: 'organisation', country: 'DE' }
  return joinPage(c, values, { forOrganisation: org ? { id: org.id, name: org.name } : null })
})

/** The live quote as an HTML fragment for the form's script; the same computation as the "compute" button. */
joinRoutes.get('/join/quote', async (c) => {
  const db = c.get('deps').db
  const [statutes, choices] = await Promise.all([statutesOn(db, today(c)), joinAreaChoices(db)])
  const values: FormValues = {
    memberType: c.req.query('memberType') ?? 'organisation',
    employees: c.req.query('employees') ?? '0',
    annualBudgetCents: c.req.query('annualBudgetCents') ?? '0',
    voluntaryShares: c.req.query('voluntaryShares') ?? '0',
    primaryAreas: (c.req.queries('primaryAreas') ?? []).slice(0, 10),
  }
  c.header('cache-control', 'no-store')
  return c.html(<QuoteBody {...quoteProps(c, statutes, values, choices)} />)
})

joinRoutes.post('/join', async (c) => {
  const actor = c.get('actor')
  const lang = c.get('lang')
  const raw = readForm(c)
  const organisationId = formValue(c, 'organisationId') || undefined
  const org = await forOrganisation(c, organisationId)
  const forOrg = org ? { id: org.id, name: org.name } : null
  const questionnaireToken = formValue(c, 'questionnaire') || undefined
  const linked = await fromQuestionnaire(c, questionnaireToken)
  const fromQ = linked ? { token: linked.token, ref: linked.ref } : null
  if (formValue(c, '_action') === 'quote')
    return joinPage(c, raw, { forOrganisation: forOrg, fromQuestionnaire: fromQ })
  const parsed = applicationInput.safeParse(raw)
  if (!parsed.success)
    return joinPage(
      c,
      raw,
      { errors: errorsByField(fieldIssues(parsed.error, lang)), forOrganisation: forOrg, fromQuestionnaire: fromQ },
      422,
    )
  const deps = c.get('deps')
  try {
    const { application, trackingToken } = await inTransaction(c, (trx) =>
      submitApplication(
        trx,
        parsed.data,
        { ip: clientIp(c), userAgent: c.req.header('user-agent') ?? null, lang },
        deps,
        {
          actor: actor.kind === 'account' ? actor : undefined,
          organisationId: org?.id,
          questionnaireToken: fromQ?.token,
        },
      ),
    )
    return redirectWithFlash(
      c,
      `/join/status/${trackingToken}`,
      translator(joinText, lang)('submitted_flash', { ref: application.ref }),
    )
  } catch (error) {
    if (error instanceof DomainError && (error.code === 'validation' || error.code === 'rate_limited'))
      return joinPage(
        c,
        raw,
        {
          errors: errorsByField(localiseIssues(error.fields, lang)),
          forOrganisation: forOrg,
          fromQuestionnaire: fromQ,
        },
        error.code === 'rate_limited' ? 429 : 422,
      )
    throw error
  }
})

/** Tracking tokens are random base64url; anything else is not found without a database lookup. */
function tokenParam(value: string | undefined): string {
  if (!value || !/^[A-Za-z0-9_-]{20,100}$/.test(value)) throw new DomainError('not_found')
  return value
}

joinRoutes.get('/join/status/:token', async (c) => {
  const token = tokenParam(c.req.param('token'))
  const db = c.get('deps').db
  const lang = c.get('lang')
  const application = await applicationByToken(db, token)
  const view = await applicationView(db, application)
  // the link is the applicant's only key: keep it out of caches and search engines
  c.header('cache-control', 'private, no-store')
  c.header('x-robots-tag', 'noindex')
  return render(
    c,
    translator(joinText, lang)('status_title', { ref: application.ref }),
    <ApplicationStatusPage
      lang={lang}
      csrf={c.get('csrf')}
      token={token}
      view={view}
      quoteHref={(await hasQuestionnaire(db, token)) ? `/needs/${token}` : null}
    />,
  )
})

joinRoutes.get('/join/status/:token/declaration.pdf', async (c) => {
  const token = tokenParam(c.req.param('token'))
  return declarationDownload(c, await applicationByToken(c.get('deps').db, token))
})

joinRoutes.post('/join/status/:token/withdraw', async (c) => {
  const token = tokenParam(c.req.param('token'))
  const lang = c.get('lang')
  const deps = c.get('deps')
  const back = `/join/status/${token}`
  try {
    await inTransaction(c, (trx) => withdrawApplication(trx, token, deps))
  } catch (error) {
    if (error instanceof DomainError && error.code === 'already_decided')
      return redirectWithFlash(c, back, memberErrorText('already_decided', lang) ?? '')
    throw error
  }
  return redirectWithFlash(c, back, translator(joinText, lang)('withdrawn_flash'))
})
