import { Hono } from 'hono'
import type { AppEnv } from '../platform/context.ts'

export const statutesRoutes = new Hono<AppEnv>()
