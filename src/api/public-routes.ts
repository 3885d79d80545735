import type { OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from '../platform/context.ts'

/**
 * Routes anyone may call: the statutes and the applicant's own application (apply, track, withdraw). A token
 * is optional there (`{}` in the security list); when one is sent it is checked like anywhere else.
 */
export const optionalToken: Array<Record<string, string[]>> = [{}, { bearer: [] }]

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^$()|[\]\\]/g, '\\$&')
}

/**
 * Whether a request goes to a route declared with `optionalToken`. Read from the same definitions that make
 * the OpenAPI document, so what the document calls public and what the token check lets through agree.
 */
export function publicRouteMatcher(app: OpenAPIHono<AppEnv>): (method: string, path: string) => boolean {
  let routes: Array<{ method: string; pattern: RegExp }> | null = null
  return (method, path) => {
    routes ??= app.openAPIRegistry.definitions.flatMap((definition) => {
      if (definition.type !== 'route') return []
      const { route } = definition
      if (!route.security?.some((requirement) => Object.keys(requirement).length === 0)) return []
      const pattern = escapeRegExp(route.path).replace(/\\?\{\w+\\?\}/g, '[^/]+')
      return [{ method: route.method.toUpperCase(), pattern: new RegExp(`^${pattern}$`) }]
    })
    return routes.some((r) => r.method === method && r.pattern.test(path))
  }
}
