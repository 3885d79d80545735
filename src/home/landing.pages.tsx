import type { Actor } from '../platform/actor.ts'
import { defineMessages, type Language, translator } from '../platform/i18n.ts'
import { can } from '../platform/policy.ts'

const text = defineMessages({
  de: {
    title: 'Willkommen',
    lead: '{cooperative} betreibt digitale Infrastruktur und IT-Dienste für ihre Mitglieder – Organisationen, die ihre Cloud gemeinsam besitzen: ohne Gewinnmaximierung, transparent und demokratisch. Ein Mitglied, eine Stimme.',
    how_title: 'So macht ihr mit',
    step_interest: 'Tragt euch ein, um über Gründung, Angebote und Termine informiert zu bleiben.',
    step_discuss: 'Besprecht das Konzept in eurer Organisation auf Entscheidungsebene.',
    step_needs:
      'Füllt den Bedarfsfragebogen aus: Ihr bekommt sofort ein Angebot mit Monatsbeitrag, Anteilen und einer Umzugsliste eurer Werkzeuge.',
    step_join: 'Erklärt den Beitritt online; der Vorstand entscheidet über die Aufnahme.',
    offer_title: 'Was die Genossenschaft bietet',
    catalog: 'Leistungen',
    catalog_text:
      'Cloud-Arbeitsplatz, IT-Helpdesk, Managed Workplace – und Beratung und Bildung auch für Nichtmitglieder.',
    prices: 'Preise',
    prices_text: 'Flatrate nach Größe eurer Organisation, ohne Grenzen bei Konten und Ressourcen. Rechnet es aus.',
    events: 'Veranstaltungen',
    events_text: 'Workshops, Trainings, Webinare und Infoabende.',
    statutes: 'Satzung',
    statutes_text: 'Die Regeln, nach denen wir zusammen wirtschaften und entscheiden.',
    interest: 'Informiert bleiben',
    needs: 'Bedarf angeben',
    join: 'Mitglied werden',
    sign_in: 'Anmelden',
    members_title: 'Schon Mitglied?',
    members_text: 'Meldet euch an, um eure Mitgliedschaft, Buchungen und Versammlungen zu sehen.',
    admin_title: 'Verwaltung',
    admin_interest: 'Interessenliste',
    admin_providers: 'Anbieter (Partnergenossenschaften)',
    admin_prices: 'Preise und Preisfassungen',
    admin_events: 'Veranstaltungen verwalten',
    admin_orders: 'Bestellungen bestätigen',
    admin_founders: 'Gründungsplanung: Bedarfe und Hochrechnung',
  },
  en: {
    title: 'Welcome',
    lead: '{cooperative} runs digital infrastructure and IT services for its members – organisations that own their cloud together: not for profit, transparent and democratic. One member, one vote.',
    how_title: 'How to take part',
    step_interest: 'Sign up to stay informed about the founding, the offers and dates.',
    step_discuss: 'Discuss the concept in your organisation at decision level.',
    step_needs:
      'Fill in the needs questionnaire: you get a quote at once with the monthly fee, the shares and a migration list of your tools.',
    step_join: 'Declare your membership online; the board decides on the admission.',
    offer_title: 'What the cooperative offers',
    catalog: 'Services',
    catalog_text: 'Cloud workplace, IT helpdesk, managed workplace – and consulting and education for non-members too.',
    prices: 'Prices',
    prices_text: 'A flat rate by the size of your organisation, no limits on accounts or resources. Work it out.',
    events: 'Events',
    events_text: 'Workshops, trainings, webinars and information evenings.',
    statutes: 'Statutes',
    statutes_text: 'The rules by which we run our business and decide together.',
    interest: 'Stay informed',
    needs: 'Tell us your needs',
    join: 'Join',
    sign_in: 'Sign in',
    members_title: 'Already a member?',
    members_text: 'Sign in to see your membership, bookings and assemblies.',
    admin_title: 'Back office',
    admin_interest: 'Interest list',
    admin_providers: 'Providers (partner cooperatives)',
    admin_prices: 'Prices and price versions',
    admin_events: 'Manage events',
    admin_orders: 'Confirm orders',
    admin_founders: 'Founding plan: needs and projections',
  },
})

/** The public start page: what the cooperative is, how to take part, where its offers and rules are. */
export function LandingPage(props: { lang: Language; cooperative: string }) {
  const t = translator(text, props.lang)
  return (
    <section class="landing">
      <h1>{props.cooperative}</h1>
      <p class="lead">{t('lead', { cooperative: props.cooperative })}</p>
      <h2>{t('how_title')}</h2>
      <ol class="steps">
        <li>
          <a href="/interest">{t('interest')}</a>: {t('step_interest')}
        </li>
        <li>{t('step_discuss')}</li>
        <li>
          <a href="/needs">{t('needs')}</a>: {t('step_needs')}
        </li>
        <li>
          <a href="/join">{t('join')}</a>: {t('step_join')}
        </li>
      </ol>
      <h2>{t('offer_title')}</h2>
      <div class="cards">
        <a class="card" href="/catalog">
          <strong>{t('catalog')}</strong>
          <br />
          {t('catalog_text')}
        </a>
        <a class="card" href="/prices">
          <strong>{t('prices')}</strong>
          <br />
          {t('prices_text')}
        </a>
        <a class="card" href="/events">
          <strong>{t('events')}</strong>
          <br />
          {t('events_text')}
        </a>
        <a class="card" href="/statutes">
          <strong>{t('statutes')}</strong>
          <br />
          {t('statutes_text')}
        </a>
      </div>
      <h2>{t('members_title')}</h2>
      <p>
        {t('members_text')} <a href="/login">{t('sign_in')}</a>
      </p>
    </section>
  )
}

/** Links of the back office that the navigation leaves out, as far as the actor may use them. */
export function BackOfficeLinks(props: { lang: Language; actor: Actor }) {
  const t = translator(text, props.lang)
  const { actor } = props
  const links: Array<{ href: string; label: string }> = []
  if (can(actor, 'needs.read_all')) links.push({ href: '/needs/overview', label: t('admin_founders') })
  if (can(actor, 'booking.decide')) links.push({ href: '/orders', label: t('admin_orders') })
  if (can(actor, 'catalog.manage')) {
    links.push({ href: '/catalog/prices', label: t('admin_prices') })
    links.push({ href: '/catalog/providers', label: t('admin_providers') })
  }
  if (can(actor, 'event.manage')) links.push({ href: '/events/manage', label: t('admin_events') })
  if (can(actor, 'interest.read')) links.push({ href: '/interest/manage', label: t('admin_interest') })
  if (links.length === 0) return null
  return (
    <ul class="cards plain" aria-label={t('admin_title')}>
      {links.map((l) => (
        <li class="card">
          <a href={l.href}>{l.label}</a>
        </li>
      ))}
    </ul>
  )
}

export const landingTitle = (lang: Language) => translator(text, lang)('title')
