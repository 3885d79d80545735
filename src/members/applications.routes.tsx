import { Hono } from 'hono'
import type { AppEnv } from '../platform/context.ts'

export const applicationRoutes = new Hono<AppEnv>()
