import { Hono } from 'hono'
import type { AppEnv } from '../platform/context.ts'
import { DomainError } from '../platform/errors.ts'
import { defineMessages, translator } from '../platform/i18n.ts'
import { can } from '../platform/policy.ts'
import { render } from '../web/render.tsx'

const text = defineMessages({
  de: {
    title: 'Übersicht',
    welcome: 'Willkommen, {name}.',
    your_roles: 'Deine Rollen in der Genossenschaft',
    your_organisations: 'Deine Organisationen',
    organisations: 'Organisationen',
    people: 'Personen',
    journal_entries: 'Einträge im Journal',
    back_office: 'Verwaltung',
    no_org: 'Du gehörst noch zu keiner Organisation.',
  },
  en: {
    title: 'Overview',
    welcome: 'Welcome, {name}.',
    your_roles: 'Your roles in the cooperative',
    your_organisations: 'Your organisations',
    organisations: 'Organisations',
    people: 'People',
    journal_entries: 'Journal entries',
    back_office: 'Back office',
    no_org: 'You do not belong to an organisation yet.',
  },
})

export const homeRoutes = new Hono<AppEnv>()

homeRoutes.get('/', async (c) => {
  const actor = c.get('actor')
  if (actor.kind !== 'account') throw new DomainError('unauthenticated')
  const { db } = c.get('deps')
  const lang = c.get('lang')
  const t = translator(text, lang)
  const person = await db
    .selectFrom('person')
    .select(['given_name', 'family_name'])
    .where('id', '=', actor.personId!)
    .executeTakeFirst()
  const orgIds = [...actor.orgs.keys()]
  const orgs = orgIds.length
    ? await db
        .selectFrom('organisation')
        .select(['id', 'name', 'ref'])
        .where('id', 'in', orgIds)
        .orderBy('name')
        .execute()
    : []
  const roleLabels: Record<string, { de: string; en: string }> = {
    board: { de: 'Vorstand', en: 'Board' },
    supervisory_board: { de: 'Aufsichtsrat', en: 'Supervisory board' },
    staff: { de: 'Team', en: 'Staff' },
    auditor: { de: 'Prüfung (nur lesen)', en: 'Auditor (read only)' },
  }
  let counts: { organisations: number; people: number; journal: number } | null = null
  if (can(actor, 'organisation.list_all')) {
    const [o, p, j] = await Promise.all([
      db
        .selectFrom('organisation')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('archived_at', 'is', null)
        .executeTakeFirstOrThrow(),
      db
        .selectFrom('person')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
      db.selectFrom('audit_head').select('seq').executeTakeFirstOrThrow(),
    ])
    counts = { organisations: Number(o.n), people: Number(p.n), journal: Number(j.seq) }
  }
  return render(
    c,
    t('title'),
    <section>
      <h1>{t('welcome', { name: person ? `${person.given_name} ${person.family_name}` : actor.label })}</h1>
      {actor.roles.size > 0 && (
        <>
          <h2>{t('your_roles')}</h2>
          <ul>
            {[...actor.roles].map((r) => (
              <li>{roleLabels[r]?.[lang] ?? r}</li>
            ))}
          </ul>
        </>
      )}
      {counts && (
        <>
          <h2>{t('back_office')}</h2>
          <div class="cards">
            <a class="card" href="/organisations">
              <span class="big">{counts.organisations}</span> {t('organisations')}
            </a>
            <a class="card" href="/people">
              <span class="big">{counts.people}</span> {t('people')}
            </a>
            <a class="card" href="/journal">
              <span class="big">{counts.journal}</span> {t('journal_entries')}
            </a>
          </div>
        </>
      )}
      <h2>{t('your_organisations')}</h2>
      {orgs.length === 0 ? (
        <p>{t('no_org')}</p>
      ) : (
        <ul>
          {orgs.map((o) => (
            <li>
              <a href={`/organisations/${o.id}`}>{o.name}</a> <span class="mono">{o.ref}</span>
            </li>
          ))}
        </ul>
      )}
    </section>,
  )
})
