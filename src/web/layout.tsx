import type { Child } from 'hono/jsx'
import type { Actor } from '../platform/actor.ts'
import type { Language } from '../platform/i18n.ts'
import { defineMessages, translator } from '../platform/i18n.ts'
import { can } from '../platform/policy.ts'
import { common } from './messages.ts'

export interface PageProps {
  lang: Language
  actor: Actor
  csrf: string
  title: string
  path: string
  flash?: string | null
  banner?: Child
  children?: Child
}

const coopReaders = new Set(['board', 'supervisory_board', 'staff', 'auditor'])

const navText = defineMessages({
  de: {
    membership: 'Mitgliedschaft',
    members: 'Mitglieder',
    applications: 'Aufnahmen',
    payouts: 'Auszahlungen',
    statutes: 'Satzung',
    start: 'Start',
    catalog: 'Leistungen',
    prices: 'Preise',
    events: 'Veranstaltungen',
    needs: 'Bedarf angeben',
    join: 'Mitglied werden',
    interest: 'Informiert bleiben',
    bookings: 'Buchungen',
    orders: 'Bestellungen',
    catalog_manage: 'Katalog',
    founders: 'Gründungsplanung',
    rooms: 'Gremienräume',
    resolutions: 'Beschlüsse',
    assemblies: 'Versammlungen',
  },
  en: {
    membership: 'Membership',
    members: 'Members',
    applications: 'Admissions',
    payouts: 'Payouts',
    statutes: 'Statutes',
    start: 'Start',
    catalog: 'Services',
    prices: 'Prices',
    events: 'Events',
    needs: 'Tell us your needs',
    join: 'Join',
    interest: 'Stay informed',
    bookings: 'Bookings',
    orders: 'Orders',
    catalog_manage: 'Catalog',
    founders: 'Founding plan',
    rooms: 'Committee rooms',
    resolutions: 'Resolutions',
    assemblies: 'Assemblies',
  },
})

/** Whether the actor speaks for, pays for or runs the IT of an organisation: it has bookings to look at. */
function seesBookings(actor: Actor): boolean {
  return can(actor, 'booking.read_all') || [...actor.orgs.keys()].some((id) => can(actor, 'booking.read', id))
}

/** The one page frame: skip link, header with navigation and language switch, main landmark, footer. */
export function Layout(props: PageProps) {
  const t = translator(common, props.lang)
  const n = translator(navText, props.lang)
  const { actor } = props
  const signedIn = actor.kind === 'account'
  const backOffice = [...actor.roles].some((r) => coopReaders.has(r))
  const firstOrg = [...actor.orgs.keys()][0]
  const nav: Array<{ href: string; label: string }> = []
  if (signedIn) {
    nav.push({ href: '/', label: t('nav_home') })
    if (backOffice) {
      nav.push({ href: '/organisations', label: t('nav_organisations') })
      nav.push({ href: '/people', label: t('nav_people') })
      nav.push({ href: '/journal', label: t('nav_journal') })
    } else if (firstOrg) {
      nav.push({ href: `/organisations/${firstOrg}`, label: t('nav_my_organisations') })
    }
    // a person may hold a membership of their own; back-office people see it when they speak for a member
    if (!backOffice || [...actor.orgs.keys()].some((id) => can(actor, 'member.read', id)))
      nav.push({ href: '/membership', label: n('membership') })
    if (can(actor, 'member.read_all')) {
      nav.push({ href: '/members', label: n('members') })
      nav.push({ href: '/applications', label: n('applications') })
      nav.push({ href: '/payouts', label: n('payouts') })
    }
    if (seesBookings(actor)) nav.push({ href: '/bookings', label: n('bookings') })
    if (can(actor, 'booking.decide')) nav.push({ href: '/orders', label: n('orders') })
    nav.push(
      can(actor, 'catalog.manage')
        ? { href: '/catalog/manage', label: n('catalog_manage') }
        : { href: '/catalog', label: n('catalog') },
    )
    nav.push({ href: can(actor, 'event.manage') ? '/events/manage' : '/events', label: n('events') })
    if (can(actor, 'needs.read_all')) nav.push({ href: '/needs/overview', label: n('founders') })
    // the rooms of the bodies; working-group members who hold no role find theirs through the mail that adds them
    if (backOffice) nav.push({ href: '/rooms', label: n('rooms') })
    if (backOffice) nav.push({ href: '/resolutions', label: n('resolutions') })
    nav.push({ href: '/assemblies', label: n('assemblies') })
    nav.push({ href: '/statutes', label: n('statutes') })
    nav.push({ href: '/profile', label: t('nav_profile') })
  } else {
    // the public pages: what the cooperative offers, what it costs, how to take part
    nav.push({ href: '/', label: n('start') })
    nav.push({ href: '/catalog', label: n('catalog') })
    nav.push({ href: '/prices', label: n('prices') })
    nav.push({ href: '/events', label: n('events') })
    nav.push({ href: '/needs', label: n('needs') })
    nav.push({ href: '/join', label: n('join') })
    nav.push({ href: '/interest', label: n('interest') })
  }
  const other: Language = props.lang === 'de' ? 'en' : 'de'
  return (
    <html lang={props.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · ${t('app_name')}`}</title>
        <link rel="stylesheet" href="/static/app.css" />
        <script src="/static/app.js" defer />
      </head>
      <body>
        <a class="skip" href="#main">
          {t('skip_to_content')}
        </a>
        <header class="top">
          <a class="brand" href="/">
            {t('app_name')}
          </a>
          {nav.length > 0 && (
            <nav aria-label={t('nav_label')}>
              <ul>
                {nav.map((item) => (
                  <li>
                    <a href={item.href} aria-current={isCurrent(props.path, item.href) ? 'page' : undefined}>
                      {item.label}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          )}
          <div class="top-end">
            <a
              class="lang"
              href={`/lang/${other}?next=${encodeURIComponent(props.path)}`}
              hreflang={other}
              lang={other}
            >
              {other === 'en' ? 'English' : 'Deutsch'}
            </a>
            {signedIn ? (
              <form method="post" action="/logout" class="inline">
                <input type="hidden" name="_csrf" value={props.csrf} />
                <button type="submit" class="link">
                  {t('nav_sign_out')}
                </button>
              </form>
            ) : (
              <a href="/login">{t('nav_sign_in')}</a>
            )}
          </div>
        </header>
        <main id="main" tabindex={-1}>
          {props.banner}
          {props.flash && (
            <p class="flash" role="status">
              {props.flash}
            </p>
          )}
          {props.children}
        </main>
        <footer>{t('footer')}</footer>
      </body>
    </html>
  )
}

function isCurrent(fullPath: string, href: string): boolean {
  const path = fullPath.split('?')[0] ?? ''
  return href === '/' ? path === '/' : path === href || path.startsWith(`${href}/`)
}
