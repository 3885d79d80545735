import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { Hono } from 'hono'
import { secureHeaders } from 'hono/secure-headers'
import { sql } from 'kysely'
import { apiRoutes } from './api/api.routes.ts'
import { problem } from './api/problem.ts'
import { authRoutes } from './auth/auth.routes.tsx'
import { oidcRoutes } from './auth/oidc.routes.tsx'
import { bookingRoutes } from './bookings/bookings.routes.tsx'
import { capitalRoutes } from './capital/capital.routes.tsx'
import { catalogRoutes } from './catalog/catalog.routes.tsx'
import { eventRoutes } from './events/events.routes.tsx'
import { demandRoutes } from './governance/assemblies.demands.routes.tsx'
import { assemblyRoutes } from './governance/assemblies.routes.tsx'
import { attendanceRoutes } from './governance/attendance.routes.tsx'
import { motionRoutes } from './governance/motions.routes.tsx'
import { pollRoutes } from './governance/polls.routes.tsx'
import { proxyRoutes } from './governance/proxies.routes.tsx'
import { resolutionRoutes } from './governance/resolutions.routes.tsx'
import { voterRoutes } from './governance/voters.routes.tsx'
import { homeRoutes } from './home/home.routes.tsx'
import { interestRoutes } from './interest/interest.routes.tsx'
import { journalRoutes } from './journal/journal.routes.tsx'
import { applicationRoutes } from './members/applications.routes.tsx'
import { joinRoutes } from './members/join.routes.tsx'
import { memberRoutes } from './members/members.routes.tsx'
import { registerRoutes } from './members/register.routes.tsx'
import { needsRoutes } from './needs/needs.routes.tsx'
import { organisationRoutes } from './organisations/organisations.routes.tsx'
import { peopleRoutes } from './people/people.routes.tsx'
import type { AppEnv, Deps } from './platform/context.ts'
import { DomainError, errorStatus, fromDatabaseError } from './platform/errors.ts'
import { localiseIssues } from './platform/fields.ts'
import { translator } from './platform/i18n.ts'
import { profileRoutes } from './profile/profile.routes.tsx'
import { roomRoutes } from './rooms/rooms.routes.tsx'
import { statutesRoutes } from './statutes/statutes.routes.tsx'
import { common } from './web/messages.ts'
import { bodyGuard, csrfMiddleware, languageMiddleware, sessionMiddleware } from './web/middleware.ts'
import { ErrorPage, render } from './web/render.tsx'

const staticDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'web', 'static')
const staticFiles = new Map<string, { body: string; type: string }>()
for (const name of fs.readdirSync(staticDir)) {
  const type = name.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8'
  staticFiles.set(name, { body: fs.readFileSync(path.join(staticDir, name), 'utf8'), type })
}

/** Builds the whole application; main.ts serves it, tests call `app.request()` in-process. */
export function createApp(deps: Deps) {
  const app = new Hono<AppEnv>()

  app.use('*', async (c, next) => {
    c.set('deps', deps)
    await next()
  })
  app.use(
    '*',
    secureHeaders({
      // Not hono's default "no-referrer": under it browsers send `Origin: null` with every form POST, which
      // the CSRF check refuses. "same-origin" still sends nothing to other sites.
      referrerPolicy: 'same-origin',
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        styleSrc: ["'self'"],
        scriptSrc: ["'self'"],
        formAction: ["'self'", ...(deps.config.oidc ? [new URL(deps.config.oidc.issuer).origin] : [])],
        frameAncestors: ["'none'"],
      },
    }),
  )

  app.get('/healthz', async (c) => {
    const started = performance.now()
    try {
      await sql`SELECT 1`.execute(deps.db)
      return c.json({
        status: 'ok',
        database: { reachable: true, kind: deps.handle.kind, latencyMs: Math.round(performance.now() - started) },
      })
    } catch (error) {
      return c.json(
        { status: 'degraded', database: { reachable: false, kind: deps.handle.kind, error: (error as Error).message } },
        503,
      )
    }
  })

  app.get('/static/:name', (c) => {
    const file = staticFiles.get(c.req.param('name'))
    if (!file) return c.text('not found', 404)
    return c.body(file.body, 200, { 'content-type': file.type, 'cache-control': 'public, max-age=3600' })
  })

  app.use('*', bodyGuard)
  app.use('*', sessionMiddleware)
  app.use('*', languageMiddleware)
  app.route('/api/v1', apiRoutes)
  app.use('*', csrfMiddleware)
  app.route('/', homeRoutes)
  app.route('/', authRoutes)
  app.route('/', oidcRoutes)
  app.route('/', profileRoutes)
  app.route('/', organisationRoutes)
  app.route('/', peopleRoutes)
  app.route('/', journalRoutes)
  app.route('/', statutesRoutes)
  app.route('/', roomRoutes)
  app.route('/', resolutionRoutes)
  app.route('/', joinRoutes)
  app.route('/', applicationRoutes)
  app.route('/', memberRoutes)
  app.route('/', registerRoutes)
  app.route('/', capitalRoutes)
  app.route('/', catalogRoutes)
  app.route('/', needsRoutes)
  app.route('/', eventRoutes)
  app.route('/', interestRoutes)
  app.route('/', bookingRoutes)
  app.route('/', motionRoutes)
  app.route('/', voterRoutes)
  app.route('/', proxyRoutes)
  app.route('/', attendanceRoutes)
  app.route('/', assemblyRoutes)
  app.route('/', demandRoutes)
  app.route('/', pollRoutes)

  app.notFound((c) => {
    if (c.req.path.startsWith('/api/')) return problem(c, new DomainError('not_found'))
    if (!c.get('csrf')) c.set('csrf', '')
    if (!c.get('lang')) c.set('lang', 'de')
    return render(c, translator(common, c.get('lang'))('not_found_title'), <ErrorPage c={c} kind="not_found" />, 404)
  })

  app.onError((err, c) => {
    const error = err instanceof DomainError ? err : fromDatabaseError(err)
    if (!error) {
      if (deps.config.logLevel !== 'silent')
        console.error(`[${new Date().toISOString()}] ${c.req.method} ${c.req.path} failed:`, err)
    }
    const domain = error ?? new DomainError('database_busy', 'internal')
    const status = error ? errorStatus[domain.code] : 500
    if (c.req.path.startsWith('/api/')) return problem(c, domain, status)
    if (!c.get('lang')) c.set('lang', 'de')
    if (c.get('csrf') === undefined) c.set('csrf', '')
    if (!c.get('actor'))
      c.set('actor', {
        kind: 'anonymous',
        accountId: null,
        personId: null,
        label: 'anonymous',
        roles: new Set(),
        orgs: new Map(),
        scopes: null,
        language: 'de',
      })
    const t = translator(common, c.get('lang'))
    if (domain.code === 'unauthenticated' && c.req.method === 'GET') {
      return c.redirect(`/login?next=${encodeURIComponent(c.req.path + (new URL(c.req.url).search || ''))}`, 303)
    }
    const kind =
      status === 404
        ? 'not_found'
        : status === 403 || status === 401
          ? 'forbidden'
          : status >= 500
            ? 'error'
            : 'bad_request'
    const detail =
      domain.code === 'csrf_failed'
        ? t('csrf_failed')
        : domain.code === 'payload_too_large'
          ? t('too_large')
          : domain.code === 'invalid_encoding'
            ? t('invalid_encoding')
            : domain.code === 'validation'
              ? localiseIssues(domain.fields, c.get('lang'))
                  .map((f) => `${f.path}: ${f.message}`)
                  .join(' · ')
              : undefined
    return render(
      c,
      t(
        kind === 'not_found'
          ? 'not_found_title'
          : kind === 'forbidden'
            ? 'forbidden_title'
            : kind === 'error'
              ? 'error_title'
              : 'bad_request_title',
      ),
      <ErrorPage c={c} kind={kind} detail={detail} />,
      status as 400,
    )
  })

  return app
}

export type App = ReturnType<typeof createApp>
