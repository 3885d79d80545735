import { Hono } from 'hono'
import type { AppContext, AppEnv } from '../platform/context.ts'
import { DomainError } from '../platform/errors.ts'
import { fieldIssues, localiseIssues } from '../platform/fields.ts'
import { translator } from '../platform/i18n.ts'
import { authorize } from '../platform/policy.ts'
import { type Errors, errorsByField } from '../web/components.tsx'
import { contentDisposition } from '../web/downloads.ts'
import { idParam } from '../web/params.ts'
import { formValue, redirectWithFlash, render } from '../web/render.tsx'
import { inTransaction } from '../web/transaction.ts'
import { attendeesCsv } from './attendees-csv.ts'
import { allEvents, cancelEvent, createEvent, getEvent, isEventRef, updateEvent } from './events.actions.ts'
import { eventsText } from './events.messages.ts'
import { type EventView, eventText } from './events.model.ts'
import { cancelEventInput, eventInput } from './events.schema.ts'
import { manageText } from './manage.messages.ts'
import {
  AttendeesPage,
  type EventForm,
  EventFormPage,
  eventFormFields,
  eventFormValues,
  ManageEventsPage,
} from './manage.pages.tsx'
import { attendeesOf, cancelRegistrationByStaff } from './registrations.actions.ts'

/** Staff pages of events (event.manage): the list, new and edit with cancelling, the attendee list and its CSV. */
export const eventManageRoutes = new Hono<AppEnv>()

function now(c: AppContext) {
  return c.get('deps').clock.now()
}

function requireManager(c: AppContext) {
  authorize(c.get('actor'), 'event.manage')
}

function readForm(c: AppContext): EventForm {
  const form = c.get('form')
  const out: EventForm = {}
  for (const name of eventFormFields) {
    const value = form[name]
    out[name] = Array.isArray(value) ? (value[0] ?? '') : (value ?? '')
  }
  return out
}

async function refParam(c: AppContext): Promise<EventView> {
  const ref = c.req.param('ref')
  if (!isEventRef(ref)) throw new DomainError('not_found')
  return getEvent(c.get('deps').db, ref)
}

function formPage(
  c: AppContext,
  event: EventView | null,
  values: EventForm,
  errors?: { form?: Errors; cancel?: Errors },
  status: 200 | 409 | 422 = 200,
) {
  const lang = c.get('lang')
  const t = translator(manageText, lang)
  return render(
    c,
    event ? t('edit_title', { ref: event.ref }) : t('new_title'),
    <EventFormPage
      lang={lang}
      csrf={c.get('csrf')}
      event={event}
      values={values}
      errors={errors?.form}
      cancelErrors={errors?.cancel}
    />,
    status,
  )
}

eventManageRoutes.get('/events/manage', async (c) => {
  const lang = c.get('lang')
  const events = await allEvents(c.get('deps').db, c.get('actor'))
  return render(
    c,
    translator(manageText, lang)('manage_title'),
    <ManageEventsPage lang={lang} events={events} now={now(c)} />,
  )
})

eventManageRoutes.get('/events/new', (c) => {
  requireManager(c)
  return formPage(c, null, {
    kind: 'info_event',
    seats: '20',
    waitlistLimit: '',
    memberPriceCents: '0,00',
    nonMemberPriceCents: '0,00',
    vatPercent: '19',
  })
})

/** A form post: validate, run, and show every problem at its field. */
async function saveEvent(c: AppContext, event: EventView | null) {
  requireManager(c)
  const lang = c.get('lang')
  const raw = readForm(c)
  const parsed = eventInput.safeParse(raw)
  if (!parsed.success) return formPage(c, event, raw, { form: errorsByField(fieldIssues(parsed.error, lang)) }, 422)
  const deps = c.get('deps')
  const actor = c.get('actor')
  try {
    const saved = await inTransaction(c, (trx) =>
      event ? updateEvent(trx, actor, event.ref, parsed.data, deps) : createEvent(trx, actor, parsed.data, deps),
    )
    const t = translator(manageText, lang)
    return redirectWithFlash(c, '/events/manage', t(event ? 'saved_flash' : 'created_flash', { ref: saved.ref }))
  } catch (error) {
    if (error instanceof DomainError && error.code === 'validation')
      return formPage(c, event, raw, { form: errorsByField(localiseIssues(error.fields, lang)) }, 422)
    throw error
  }
}

eventManageRoutes.post('/events', (c) => saveEvent(c, null))

eventManageRoutes.get('/events/:ref/edit', async (c) => {
  requireManager(c)
  const event = await refParam(c)
  return formPage(c, event, eventFormValues(event))
})

eventManageRoutes.post('/events/:ref', async (c) => {
  requireManager(c)
  return saveEvent(c, await refParam(c))
})

eventManageRoutes.post('/events/:ref/cancel', async (c) => {
  requireManager(c)
  const event = await refParam(c)
  const lang = c.get('lang')
  const t = translator(manageText, lang)
  const parsed = cancelEventInput.safeParse({ reason: formValue(c, 'reason') })
  if (!parsed.success)
    return formPage(c, event, eventFormValues(event), { cancel: errorsByField(fieldIssues(parsed.error, lang)) }, 422)
  const deps = c.get('deps')
  const actor = c.get('actor')
  try {
    const people = event.confirmed + event.waitlisted
    await inTransaction(c, (trx) => cancelEvent(trx, actor, event.ref, parsed.data, deps))
    return redirectWithFlash(c, '/events/manage', t('cancelled_flash', { ref: event.ref, count: people }))
  } catch (error) {
    if (error instanceof DomainError && error.code === 'conflict')
      return redirectWithFlash(c, '/events/manage', t('already_cancelled'))
    throw error
  }
})

eventManageRoutes.get('/events/:ref/attendees', async (c) => {
  requireManager(c)
  const event = await refParam(c)
  const lang = c.get('lang')
  const lists = await attendeesOf(c.get('deps').db, c.get('actor'), event)
  c.header('cache-control', 'private, no-store')
  return render(
    c,
    translator(manageText, lang)('attendees_title', { title: eventText(event, lang).title }),
    <AttendeesPage lang={lang} csrf={c.get('csrf')} event={event} {...lists} now={now(c)} />,
  )
})

eventManageRoutes.get('/events/:ref/attendees.csv', async (c) => {
  requireManager(c)
  const event = await refParam(c)
  const lang = c.get('lang')
  const lists = await attendeesOf(c.get('deps').db, c.get('actor'), event)
  const filename = `${translator(manageText, lang)('file_attendees', { ref: event.ref })}.csv`
  return c.body(attendeesCsv(event, lists, lang), 200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': contentDisposition(filename, 'attachment'),
    'cache-control': 'private, no-store',
  })
})

eventManageRoutes.post('/events/:ref/attendees/:id/cancel', async (c) => {
  requireManager(c)
  const event = await refParam(c)
  const id = idParam(c.req.param('id'))
  const deps = c.get('deps')
  const actor = c.get('actor')
  const lang = c.get('lang')
  const back = `/events/${event.ref}/attendees`
  try {
    const { registration } = await inTransaction(c, (trx) => cancelRegistrationByStaff(trx, actor, event.ref, id, deps))
    return redirectWithFlash(
      c,
      back,
      translator(manageText, lang)('registration_cancelled_flash', { name: registration.name }),
    )
  } catch (error) {
    if (error instanceof DomainError && error.code === 'registration_closed')
      return redirectWithFlash(c, back, translator(eventsText, lang)('too_late_to_cancel'))
    throw error
  }
})
