import { type Hook, OpenAPIHono, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import type { Trx } from '../db/db.ts'
import type { Actor, ApiScope } from '../platform/actor.ts'
import type { AppEnv, Deps } from '../platform/context.ts'
import { DomainError, fieldError } from '../platform/errors.ts'
import { fieldIssues } from '../platform/fields.ts'
import { can } from '../platform/policy.ts'
import { checkPostalCode } from '../platform/validation.ts'
import { problem } from './problem.ts'

/**
 * Building blocks shared by the API's route files: one hook for validation problems, the transaction
 * wrapper, the schemas of ids, pages and problems, and the few checks that belong to HTTP rather than
 * to an action (existence hiding, token scopes for self-service).
 */

/** A sub-application for one domain; api.routes.ts mounts it, so its routes land in the one OpenAPI document. */
export function apiApp() {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationProblem })
}

/** The hook of every route: a 422 problem listing each field with its path. */
export const validationProblem: Hook<unknown, AppEnv, string, Response | undefined> = (result, c) => {
  if (result.success) return
  const lang = c.get('lang') ?? 'en'
  return problem(c, new DomainError('validation', 'request', fieldIssues(perField(result.error), lang)), 422)
}

/** zod reports unknown keys as one issue on the object; the client needs the path of each key. */
function perField(error: z.ZodError): z.ZodError {
  return new z.ZodError(
    error.issues.flatMap((issue): z.core.$ZodIssue[] =>
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((key) => ({ ...issue, keys: [key], path: [...issue.path, key] }))
        : [issue],
    ),
  )
}

export const security = [{ bearer: [] }]

/**
 * Runs one use case in one transaction; the outbox is flushed after the commit so mails leave only for
 * changes that were kept.
 */
export async function write<T>(c: Context<AppEnv>, fn: (trx: Trx, actor: Actor, deps: Deps) => Promise<T>): Promise<T> {
  const deps = c.get('deps')
  const actor = c.get('actor')
  const result = await deps.db.transaction().execute((trx) => fn(trx, actor, deps))
  deps.mailer.flush(deps.db).catch(() => {})
  return result
}

/** A UUID path segment; anything else is a 422 problem before any query runs (never a database error). */
export const uuid = (name: string) =>
  z
    .string()
    .uuid()
    .transform((v) => v.toLowerCase())
    .openapi({ param: { name, in: 'path' }, format: 'uuid', example: '0b6c9a52-3f8e-4d6e-9d0a-2f1c6f8e9a10' })

export const idParams = z.object({ id: uuid('id') })

export function jsonBody<T extends z.ZodType>(schema: T, description?: string) {
  return { required: true, description, content: { 'application/json': { schema } } } as const
}

export function jsonResponse<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } } as const
}

/** A page of a longer list. */
export function paged<T extends z.ZodType>(item: T, name: string) {
  return z
    .object({
      items: z.array(item),
      total: z.number().int().openapi({ description: 'Number of items across all pages' }),
      page: z.number().int(),
      pageSize: z.number().int(),
    })
    .openapi(name)
}

export const problemSchema = z
  .object({
    type: z.string().openapi({ example: 'https://allmende.coop/problems/validation' }),
    title: z.string(),
    status: z.number().int(),
    code: z.string().openapi({ example: 'validation' }),
    detail: z.string().optional(),
    errors: z
      .array(z.object({ path: z.string().openapi({ example: 'postalCode' }), message: z.string() }))
      .optional()
      .openapi({ description: 'Validation problems: one per field, with its path in the request' }),
  })
  .openapi('Problem', { description: 'RFC 9457 problem details' })

const problemText: Record<number, string> = {
  400: 'Malformed request body (not JSON, or not UTF-8)',
  401: 'Bearer token missing, unknown, revoked or expired',
  403: 'The token or its account lacks the permission',
  404: 'Not found, or not visible to this account',
  409: 'Conflicts with the current state',
  413: 'Request body too large',
  415: 'The body is not `application/json`',
  422: 'Invalid input; `errors` lists each field',
}

/** Problem responses for the document; handlers throw DomainErrors and the error handler renders them. */
export function problems(...statuses: Array<400 | 401 | 403 | 404 | 409 | 413 | 415 | 422>) {
  const out: Record<
    number,
    { description: string; content: { 'application/problem+json': { schema: typeof problemSchema } } }
  > = {}
  for (const status of [401, ...statuses])
    out[status] = {
      description: problemText[status]!,
      content: { 'application/problem+json': { schema: problemSchema } },
    }
  return out
}

/** Problems of a route with a JSON body. */
export const bodyProblems = [400, 413, 415, 422] as const

/**
 * An organisation the account could not see even with every scope (no cooperative role, no function there)
 * does not exist for it: 404 rather than 403, so ids cannot be probed. Checked before any action runs, so
 * archiving (which has no organisation-bound rule) hides it the same way.
 */
export function hideUnrelated(actor: Actor, organisationId: string): void {
  if (!can({ ...actor, scopes: null }, 'organisation.read', organisationId)) throw new DomainError('not_found')
}

/**
 * A token's scopes narrow what it may do even where the action lets a person act on themselves without a
 * permission (reading and editing one's own person).
 */
export function requireScope(actor: Actor, scope: ApiScope): void {
  if (actor.scopes && !actor.scopes.has(scope)) throw new DomainError('forbidden', `token lacks scope ${scope}`)
}

/**
 * A patch is checked like a full input: the postal code must fit the country of the merged result. Called
 * inside the transaction after the update, so a failure rolls the change (and its journal entry) back.
 */
export function checkMergedPostalCode(
  patch: { postalCode?: string; country?: string },
  merged: { postalCode: string; country: string },
): void {
  if (patch.postalCode === undefined && patch.country === undefined) return
  if (!merged.postalCode) return
  const result = checkPostalCode(merged.postalCode, merged.country)
  if (!result.ok) throw fieldError('postalCode', result.error)
}
