import { Hono } from 'hono'
import { cooperativeInfo } from '../members/cooperative.ts'
import type { AppEnv } from '../platform/context.ts'
import { defineMessages, translator } from '../platform/i18n.ts'
import { common } from '../web/messages.ts'
import { render } from '../web/render.tsx'
import { overview } from './home.actions.ts'
import { BackOfficeLinks, LandingPage, landingTitle } from './landing.pages.tsx'

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
  const lang = c.get('lang')
  if (actor.kind !== 'account') {
    const cooperative = await cooperativeInfo(c.get('deps').db)
    return render(c, landingTitle(lang), <LandingPage lang={lang} cooperative={cooperative.name} />)
  }
  const t = translator(text, lang)
  const roles = translator(common, lang)
  const { name, organisations: orgs, counts } = await overview(c.get('deps').db, actor)
  return render(
    c,
    t('title'),
    <section>
      <h1>{t('welcome', { name })}</h1>
      {actor.roles.size > 0 && (
        <>
          <h2>{t('your_roles')}</h2>
          <ul>
            {[...actor.roles].map((r) => (
              <li>{roles(`role_${r}`)}</li>
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
          <BackOfficeLinks lang={lang} actor={actor} />
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
