import { z } from '@hono/zod-openapi'
import { email, optionalText } from '../platform/fields.ts'

/** A checkbox that must be ticked: `on` from a form, `true` from JSON. */
const consent = () =>
  z.preprocess((v) => v === true || v === 'on' || v === 'true', z.literal(true, { error: 'interest_consent_required' }))

/** The public sign-up: the email, optionally a name and organisation, and the consent. */
export const interestInput = z
  .object({
    email: email(),
    name: optionalText(200),
    organisation: optionalText(200),
    consent: consent(),
  })
  .strict()
  .openapi('InterestInput')
export type InterestInput = z.infer<typeof interestInput>

/** A token from a mail, in the body (the API) so it never lands in a server log as part of a URL. */
export const tokenInput = z
  .object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, { error: 'invalid' }) })
  .strict()
  .openapi('TokenInput')
