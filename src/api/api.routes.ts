import { OpenAPIHono } from '@hono/zod-openapi'
import { HTTPException } from 'hono/http-exception'
import { loadActor } from '../auth/actor.repo.ts'
import { anonymous } from '../platform/actor.ts'
import type { AppEnv } from '../platform/context.ts'
import { DomainError } from '../platform/errors.ts'
import { resolveApiToken } from '../tokens/tokens.actions.ts'
import { affiliationsApi } from './affiliations.api.ts'
import { validationProblem } from './api.shared.ts'
import { applicationsApi } from './applications.api.ts'
import { assembliesApi } from './assemblies.api.ts'
import { bookingsApi } from './bookings.api.ts'
import { capitalApi } from './capital.api.ts'
import { catalogApi } from './catalog.api.ts'
import { documentsApi } from './documents.api.ts'
import { eventsApi } from './events.api.ts'
import { interestApi } from './interest.api.ts'
import { journalApi } from './journal.api.ts'
import { meApi } from './me.api.ts'
import { membersApi } from './members.api.ts'
import { motionsApi } from './motions.api.ts'
import { needsApi } from './needs.api.ts'
import { organisationsApi } from './organisations.api.ts'
import { payoutsApi } from './payouts.api.ts'
import { peopleApi } from './people.api.ts'
import { pollsApi } from './polls.api.ts'
import { pricesApi } from './prices.api.ts'
import { problem } from './problem.ts'
import { publicRouteMatcher } from './public-routes.ts'
import { registerApi } from './register.api.ts'
import { statutesApi } from './statutes.api.ts'
import { tokensApi } from './tokens.api.ts'

/**
 * The JSON API under /api/v1. Bearer tokens only (no cookies, so no CSRF); every route is declared with
 * createRoute so the OpenAPI document is generated from the same definitions that validate requests.
 */
export const apiRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationProblem })
const isPublic = publicRouteMatcher(apiRoutes)

apiRoutes.use('*', async (c, next) => {
  // The API speaks English unless asked otherwise, from the first problem on (a 401 included).
  c.set('lang', c.req.header('accept-language')?.toLowerCase().startsWith('de') ? 'de' : 'en')
  if (c.req.path.endsWith('/openapi.json')) return next()
  const header = c.req.header('authorization') ?? ''
  if (!header && isPublic(c.req.method, c.req.path.replace(/^\/api\/v1/, ''))) {
    // the statutes and an applicant's own application need no account; a token sent there is still checked
    c.set('actor', anonymous)
    c.set('apiTokenId', null)
    return next()
  }
  const match = /^Bearer\s+(\S+)$/i.exec(header)
  if (!match) throw new DomainError('unauthenticated', 'bearer token required')
  const { db, clock } = c.get('deps')
  const token = await resolveApiToken(db, match[1]!, clock.now())
  if (!token) throw new DomainError('unauthenticated', 'token unknown, revoked or expired')
  const actor = await loadActor(db, token.accountId, new Set(token.scopes))
  if (!actor) throw new DomainError('unauthenticated', 'account disabled')
  c.set('actor', actor)
  c.set('apiTokenId', token.id)
  return next()
})

/**
 * Hono's validators throw an HTTPException for a body that is not JSON; it becomes a 400 problem here.
 * Everything else goes on to the app's error handler, which maps DomainErrors for /api/ paths.
 */
apiRoutes.onError((err, c) => {
  if (!(err instanceof HTTPException) || err.status >= 500) throw err
  const code = err.status === 401 ? 'unauthenticated' : err.status === 413 ? 'payload_too_large' : 'validation'
  return problem(c, new DomainError(code, err.message || 'bad request'), err.status)
})

apiRoutes.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
  type: 'http',
  scheme: 'bearer',
  description: 'A personal API token (`alm_…`), created under Profile → API tokens or with POST /tokens.',
})

apiRoutes.route('/', meApi)
apiRoutes.route('/', organisationsApi)
apiRoutes.route('/', affiliationsApi)
apiRoutes.route('/', peopleApi)
apiRoutes.route('/', journalApi)
apiRoutes.route('/', tokensApi)
apiRoutes.route('/', statutesApi)
apiRoutes.route('/', applicationsApi)
apiRoutes.route('/', membersApi)
apiRoutes.route('/', capitalApi)
apiRoutes.route('/', documentsApi)
apiRoutes.route('/', registerApi)
apiRoutes.route('/', payoutsApi)
apiRoutes.route('/', catalogApi)
apiRoutes.route('/', pricesApi)
apiRoutes.route('/', needsApi)
apiRoutes.route('/', eventsApi)
apiRoutes.route('/', motionsApi)
apiRoutes.route('/', interestApi)
apiRoutes.route('/', bookingsApi)
apiRoutes.route('/', assembliesApi)
apiRoutes.route('/', pollsApi)

apiRoutes.doc31('/openapi.json', {
  openapi: '3.1.0',
  info: {
    title: 'Allmende API',
    version: '1.0.0',
    description:
      'The JSON API of an Allmende cooperative portal. Authenticate with a personal API token: `Authorization: Bearer alm_…`. ' +
      'Errors are `application/problem+json` (RFC 9457); invalid input lists each field with its path in `errors`.',
  },
  servers: [{ url: '/api/v1' }],
  security: [{ bearer: [] }],
})
