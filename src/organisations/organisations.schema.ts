import { z } from '@hono/zod-openapi'
import { legalForms } from '../db/schema.ts'
import {
  count,
  country,
  euroCents,
  optionalEmail,
  optionalIban,
  optionalLeitwegId,
  optionalPhone,
  optionalUrl,
  optionalVatId,
  postalCodeRule,
  requiredText,
  text,
  withoutDefaults,
} from '../platform/fields.ts'

const fields = {
  name: requiredText(200).openapi({ example: 'Klimabündnis Nord e.V.' }),
  legalForm: z.enum(legalForms, { error: 'invalid_choice' }).openapi({ example: 'ev' }),
  street: text(200).default(''),
  postalCode: text(12)
    .transform((v) => v.toUpperCase())
    .default(''),
  city: text(100).default(''),
  country: country().default('DE'),
  email: optionalEmail(),
  phone: optionalPhone(),
  website: optionalUrl(),
  vatId: optionalVatId().openapi({ description: 'USt-IdNr., e.g. DE136695976' }),
  leitwegId: optionalLeitwegId().openapi({ description: 'Leitweg-ID for e-invoices to public bodies (BT-10)' }),
  iban: optionalIban(),
  employees: count(1_000_000).default(0),
  volunteers: count(1_000_000).default(0),
  annualBudgetCents: euroCents(100_000_000_000_00).default(0).openapi({ description: 'Annual budget in euro cents' }),
}

/** A new organisation; the same shape updates one (all fields, as a form sends them). */
export const organisationInput = z
  .object(fields)
  .strict()
  .refine(postalCodeRule.check, postalCodeRule.params)
  .openapi('OrganisationInput')
export type OrganisationInput = z.infer<typeof organisationInput>

export const organisationPatch = z.object(withoutDefaults(fields)).partial().strict().openapi('OrganisationPatch')
export type OrganisationPatch = z.infer<typeof organisationPatch>

export const organisationOutput = z
  .object({
    id: z.string().uuid(),
    ref: z.string().openapi({ example: 'O-00001' }),
    name: z.string(),
    legalForm: z.enum(legalForms),
    street: z.string(),
    postalCode: z.string(),
    city: z.string(),
    country: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    website: z.string().nullable(),
    vatId: z.string().nullable(),
    leitwegId: z.string().nullable(),
    iban: z.string().nullable(),
    employees: z.number().int(),
    volunteers: z.number().int(),
    annualBudgetCents: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
    archivedAt: z.string().nullable(),
  })
  .openapi('Organisation')
export type Organisation = z.infer<typeof organisationOutput>

export const listQuery = z.object({
  q: text(100).optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
})
