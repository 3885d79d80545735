import { z } from '@hono/zod-openapi'
import { apiScopes } from '../platform/actor.ts'
import { requiredText } from '../platform/fields.ts'

const scopeList = z
  .array(z.enum(apiScopes, { error: 'invalid_choice' }))
  .min(1, { error: 'required' })
  .max(apiScopes.length)
  .transform((list) => [...new Set(list)])

const days = z
  .number({ error: 'not_integer' })
  .int({ error: 'not_integer' })
  .min(1, { error: 'too_small' })
  .max(3650, { error: 'too_big' })

/** A new personal API token, as JSON. */
export const tokenInput = z
  .object({
    name: requiredText(100).openapi({ example: 'Nightly export' }),
    scopes: scopeList.openapi({ description: 'At most the scopes of the token making the request' }),
    expiresInDays: days.optional().openapi({ description: 'Never expires when left out' }),
  })
  .strict()
  .openapi('ApiTokenInput')
export type TokenInput = z.infer<typeof tokenInput>

/** The same token from the profile form, where the days arrive as text and an empty field means "never". */
export const tokenForm = tokenInput.extend({
  expiresInDays: z.preprocess((v) => {
    if (typeof v !== 'string') return v
    const t = v.trim()
    return t === '' ? undefined : /^-?\d+$/.test(t) ? Number(t) : t
  }, days.optional()),
})
