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
  },
  en: {
    membership: 'Membership',
    members: 'Members',
    applications: 'Admissions',
    payouts: 'Payouts',
    statutes: 'Statutes',
  },
})

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
    nav.push({ href: '/statutes', label: n('statutes') })
    nav.push({ href: '/profile', label: t('nav_profile') })
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
