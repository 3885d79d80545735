import { Hono } from 'hono'
import { type EventKind, eventKinds } from '../db/schema-events.ts'
import { cooperativeInfo } from '../members/cooperative.ts'
import type { AppContext, AppEnv } from '../platform/context.ts'
import { todayIn } from '../platform/dates.ts'
import { DomainError } from '../platform/errors.ts'
import { fieldIssues, localiseIssues } from '../platform/fields.ts'
import { translator } from '../platform/i18n.ts'
import { clientIp } from '../web/client.ts'
import { type Errors, errorsByField } from '../web/components.tsx'
import { redirectWithFlash, render } from '../web/render.tsx'
import { inTransaction } from '../web/transaction.ts'
import { getEvent, isEventRef, upcomingEvents } from './events.actions.ts'
import { eventsText } from './events.messages.ts'
import { eventText } from './events.model.ts'
import { EventPage, EventsPage, LinkInvalidPage, RegistrationPage } from './events.pages.tsx'
import { registrationInput } from './events.schema.ts'
import { eventManageRoutes } from './events-manage.routes.tsx'
import {
  cancelRegistrationByToken,
  priceOptions,
  registerForEvent,
  registrationByToken,
} from './registrations.actions.ts'

/** The public event pages and the registrant's manage link; the staff pages come first (their paths are fixed). */
export const eventRoutes = new Hono<AppEnv>()
eventRoutes.route('/', eventManageRoutes)

function now(c: AppContext) {
  return c.get('deps').clock.now()
}

const registrationFields = ['name', 'email', 'organisation', 'organisationId', 'consent'] as const

function readRegistration(c: AppContext): Record<string, string> {
  const form = c.get('form')
  const out: Record<string, string> = {}
  for (const name of registrationFields) {
    const value = form[name]
    if (value !== undefined) out[name] = Array.isArray(value) ? (value[0] ?? '') : value
  }
  return out
}

async function eventPage(
  c: AppContext,
  ref: string,
  options: { values?: Record<string, string>; errors?: Errors; refusal?: 'event_full' | 'registration_closed' } = {},
  status: 200 | 409 | 422 | 429 = 200,
) {
  const { db } = c.get('deps')
  const actor = c.get('actor')
  const lang = c.get('lang')
  const event = await getEvent(db, ref)
  const choices = await priceOptions(db, actor, todayIn(now(c)))
  const values = options.values ?? {
    name: '',
    email: actor.kind === 'account' ? actor.label : '',
    organisationId: choices?.organisations.find((o) => o.isMember)?.id ?? choices?.organisations[0]?.id ?? '',
  }
  if (!options.values && actor.personId) {
    const person = await db
      .selectFrom('person')
      .select(['given_name', 'family_name'])
      .where('id', '=', actor.personId)
      .executeTakeFirst()
    if (person) values.name = `${person.given_name} ${person.family_name}`
  }
  return render(
    c,
    eventText(event, lang).title,
    <EventPage
      lang={lang}
      csrf={c.get('csrf')}
      event={event}
      now={now(c)}
      cooperative={(await cooperativeInfo(db)).name}
      values={values}
      errors={options.errors}
      options={choices}
      refusal={options.refusal ?? null}
    />,
    status,
  )
}

eventRoutes.get('/events', async (c) => {
  const raw = c.req.query('kind') ?? ''
  const kind = (eventKinds as readonly string[]).includes(raw) ? (raw as EventKind) : null
  const lang = c.get('lang')
  const events = await upcomingEvents(c.get('deps').db, now(c), kind ?? undefined)
  return render(
    c,
    translator(eventsText, lang)('title'),
    <EventsPage lang={lang} events={events} kind={kind} now={now(c)} />,
  )
})

/** Manage tokens are random base64url; anything else is not found without a database lookup. */
function tokenParam(value: string | undefined): string | null {
  return value && /^[A-Za-z0-9_-]{20,100}$/.test(value) ? value : null
}

function linkInvalid(c: AppContext) {
  const lang = c.get('lang')
  return render(c, translator(eventsText, lang)('link_invalid_title'), <LinkInvalidPage lang={lang} />, 404)
}

/** The registrant's page: the link in the mail is their only key, so it stays out of caches and search engines. */
eventRoutes.get('/events/registrations/:token', async (c) => {
  c.header('cache-control', 'private, no-store')
  c.header('x-robots-tag', 'noindex')
  const token = tokenParam(c.req.param('token'))
  if (!token) return linkInvalid(c)
  const lang = c.get('lang')
  let found: Awaited<ReturnType<typeof registrationByToken>>
  try {
    found = await registrationByToken(c.get('deps').db, token)
  } catch (error) {
    if (error instanceof DomainError && error.code === 'not_found') return linkInvalid(c)
    throw error
  }
  return render(
    c,
    translator(eventsText, lang)('registration_title'),
    <RegistrationPage
      lang={lang}
      csrf={c.get('csrf')}
      token={token}
      event={found.event}
      registration={found.registration}
      now={now(c)}
    />,
  )
})

eventRoutes.post('/events/registrations/:token/cancel', async (c) => {
  c.header('cache-control', 'private, no-store')
  c.header('x-robots-tag', 'noindex')
  const token = tokenParam(c.req.param('token'))
  if (!token) return linkInvalid(c)
  const lang = c.get('lang')
  const t = translator(eventsText, lang)
  const deps = c.get('deps')
  const back = `/events/registrations/${token}`
  try {
    const result = await inTransaction(c, (trx) => cancelRegistrationByToken(trx, token, deps))
    return redirectWithFlash(c, back, result.alreadyCancelled ? t('already_cancelled') : t('cancelled_flash'))
  } catch (error) {
    if (error instanceof DomainError && error.code === 'not_found') return linkInvalid(c)
    if (error instanceof DomainError && error.code === 'registration_closed')
      return redirectWithFlash(c, back, t('too_late_to_cancel'))
    throw error
  }
})

eventRoutes.get('/events/:ref', async (c) => {
  const ref = c.req.param('ref')
  if (!isEventRef(ref)) throw new DomainError('not_found')
  return eventPage(c, ref)
})

eventRoutes.post('/events/:ref/register', async (c) => {
  const ref = c.req.param('ref')
  if (!isEventRef(ref)) throw new DomainError('not_found')
  const lang = c.get('lang')
  const raw = readRegistration(c)
  const parsed = registrationInput.safeParse(raw)
  if (!parsed.success)
    return eventPage(c, ref, { values: raw, errors: errorsByField(fieldIssues(parsed.error, lang)) }, 422)
  const deps = c.get('deps')
  const actor = c.get('actor')
  const context = { ip: clientIp(c), userAgent: c.req.header('user-agent') ?? null, lang }
  try {
    const { registration, manageToken } = await inTransaction(c, (trx) =>
      registerForEvent(trx, actor, ref, parsed.data, context, deps),
    )
    const t = translator(eventsText, lang)
    return redirectWithFlash(
      c,
      `/events/registrations/${manageToken}`,
      registration.status === 'confirmed'
        ? t('registered_flash')
        : t('waitlisted_flash', { rank: registration.waitingRank ?? '' }),
    )
  } catch (error) {
    if (!(error instanceof DomainError)) throw error
    if (error.code === 'validation' || error.code === 'rate_limited')
      return eventPage(
        c,
        ref,
        { values: raw, errors: errorsByField(localiseIssues(error.fields, lang)) },
        error.code === 'rate_limited' ? 429 : 422,
      )
    if (error.code === 'event_full' || error.code === 'registration_closed')
      return eventPage(c, ref, { values: raw, refusal: error.code }, 409)
    throw error
  }
})
