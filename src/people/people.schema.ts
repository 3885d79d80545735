import { z } from '@hono/zod-openapi'
import { coopRoles, orgFunctions } from '../db/schema.ts'
import {
  country,
  email,
  optionalEmail,
  optionalPhone,
  postalCodeRule,
  requiredText,
  text,
  withoutDefaults,
} from '../platform/fields.ts'

const personFields = {
  givenName: requiredText(100).openapi({ example: 'Erika' }),
  familyName: requiredText(100).openapi({ example: 'Musterfrau' }),
  email: optionalEmail(),
  phone: optionalPhone(),
  street: text(200).default(''),
  postalCode: text(12)
    .transform((v) => v.toUpperCase())
    .default(''),
  city: text(100).default(''),
  country: country().default('DE'),
}

export const personInput = z
  .object(personFields)
  .strict()
  .refine(postalCodeRule.check, postalCodeRule.params)
  .openapi('PersonInput')
export type PersonInput = z.infer<typeof personInput>
export const personPatch = z.object(withoutDefaults(personFields)).partial().strict().openapi('PersonPatch')
export type PersonPatch = z.infer<typeof personPatch>

export const functionList = z
  .array(z.enum(orgFunctions, { error: 'invalid_choice' }))
  .min(1, { error: 'required' })
  .max(orgFunctions.length)
  .transform((list) => [...new Set(list)])

export const invitationInput = z
  .object({
    email: email(),
    givenName: requiredText(100),
    familyName: requiredText(100),
    functions: functionList.default(['member_user']),
  })
  .strict()
  .openapi('InvitationInput')
export type InvitationInput = z.infer<typeof invitationInput>

export const rolesInput = z
  .object({
    roles: z
      .array(z.enum(coopRoles, { error: 'invalid_choice' }))
      .max(coopRoles.length)
      .transform((r) => [...new Set(r)]),
  })
  .strict()
  .openapi('CoopRolesInput')

export const accountSummary = z
  .object({
    id: z.string(),
    email: z.string(),
    emailVerified: z.boolean(),
    twoFactor: z.boolean(),
    roles: z.array(z.enum(coopRoles)),
    lastLoginAt: z.string().nullable(),
  })
  .openapi('AccountSummary')

export const personOutput = z
  .object({
    id: z.string().uuid(),
    givenName: z.string(),
    familyName: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    street: z.string(),
    postalCode: z.string(),
    city: z.string(),
    country: z.string(),
    account: accountSummary.nullable(),
    organisations: z.array(z.object({ id: z.string(), name: z.string(), functions: z.array(z.enum(orgFunctions)) })),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Person')
export type Person = z.infer<typeof personOutput>

export const memberOfOrganisation = z
  .object({
    personId: z.string().uuid(),
    givenName: z.string(),
    familyName: z.string(),
    email: z.string().nullable(),
    functions: z.array(z.enum(orgFunctions)),
    hasAccount: z.boolean(),
    invitationPending: z.boolean(),
  })
  .openapi('OrganisationPerson')
export type MemberOfOrganisation = z.infer<typeof memberOfOrganisation>
