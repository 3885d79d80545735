import { getConnInfo } from '@hono/node-server/conninfo'
import type { AppContext } from '../platform/context.ts'

/** The client's address for rate limits and the session list; behind a proxy only when TRUST_PROXY=1. */
export function clientIp(c: AppContext): string | null {
  if (c.get('deps').config.trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim()
    if (forwarded) return forwarded
  }
  try {
    return getConnInfo(c).remote.address ?? null
  } catch {
    return null
  }
}
