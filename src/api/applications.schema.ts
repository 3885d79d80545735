import { z } from '@hono/zod-openapi'
import { memberTypes } from '../db/schema.ts'
import type { Application } from '../members/applications.actions.ts'
import { memberOutput } from './members.shared.ts'

/** Response shapes of the application routes: the board's full view and the applicant's own. */

const applicationStatuses = ['submitted', 'admitted', 'rejected', 'withdrawn'] as const

const applicant = z
  .object({
    organisationName: z.string().nullable(),
    legalForm: z.string().nullable(),
    organisationEmail: z.string().nullable(),
    vatId: z.string().nullable(),
    iban: z.string().nullable(),
    employees: z.number().int(),
    volunteers: z.number().int(),
    annualBudgetCents: z.number().int(),
    givenName: z.string(),
    familyName: z.string(),
    email: z.string(),
    phone: z.string().nullable(),
    street: z.string(),
    postalCode: z.string(),
    city: z.string(),
    country: z.string(),
    memberNumber: z.string().optional().openapi({ description: 'For further shares: the member it concerns' }),
    organisationId: z.string().optional().openapi({ description: 'An organisation already known to the cooperative' }),
  })
  .openapi('Applicant')

const declarationOutput = z
  .object({
    id: z.string().uuid(),
    text: z.string().openapi({ description: 'The exact text agreed to (§126b BGB text form)' }),
    signerName: z.string(),
    signerEmail: z.string(),
    signedAt: z.string().openapi({ format: 'date-time' }),
    ipAddress: z.string().nullable(),
    userAgent: z.string().nullable(),
    contentHash: z.string().openapi({ description: 'SHA-256 over text, signer, time and statutes version' }),
    statutesValidFrom: z.string().openapi({ format: 'date' }),
  })
  .openapi('Declaration')

const common = {
  id: z.string().uuid(),
  ref: z.string().openapi({ example: 'B-2026-00007' }),
  kind: z.enum(['join', 'extra_shares']),
  memberType: z.enum(memberTypes),
  status: z.enum(applicationStatuses),
  partyName: z.string(),
  mandatoryShares: z.number().int(),
  voluntaryShares: z.number().int(),
  totalShares: z.number().int(),
  submittedAt: z.string().openapi({ format: 'date-time' }),
  decidedAt: z.string().nullable().openapi({ format: 'date-time' }),
  rejectionReason: z.string().nullable(),
}

export const applicationOutput = z
  .object({
    ...common,
    applicant,
    questionnaire: z.record(z.string(), z.unknown()),
    primaryAreas: z.array(z.string()),
    statutesVersionId: z.string().uuid(),
    memberId: z.string().uuid().nullable(),
    decidedBy: z.string().nullable(),
    language: z.enum(['de', 'en']),
    approvals: z.array(
      z.object({
        accountId: z.string().uuid(),
        label: z.string(),
        approvedAt: z.string().openapi({ format: 'date-time' }),
      }),
    ),
    declaration: declarationOutput.nullable(),
  })
  .openapi('Application')

/** What the applicant sees through the tracking token: the decision and the text they agreed to. */
export const applicationStatusOutput = z
  .object({
    ...common,
    declaration: z
      .object({
        text: z.string(),
        signerName: z.string(),
        signedAt: z.string().openapi({ format: 'date-time' }),
        statutesValidFrom: z.string().openapi({ format: 'date' }),
        contentHash: z.string(),
      })
      .nullable(),
  })
  .openapi('ApplicationStatus')

export function applicationStatusView(a: Application): z.infer<typeof applicationStatusOutput> {
  return {
    id: a.id,
    ref: a.ref,
    kind: a.kind,
    memberType: a.memberType,
    status: a.status,
    partyName: a.partyName,
    mandatoryShares: a.mandatoryShares,
    voluntaryShares: a.voluntaryShares,
    totalShares: a.totalShares,
    submittedAt: a.submittedAt,
    decidedAt: a.decidedAt,
    rejectionReason: a.rejectionReason,
    declaration: a.declaration && {
      text: a.declaration.text,
      signerName: a.declaration.signerName,
      signedAt: a.declaration.signedAt,
      statutesValidFrom: a.declaration.statutesValidFrom,
      contentHash: a.declaration.contentHash,
    },
  }
}

export const submittedOutput = z
  .object({
    application: applicationStatusOutput,
    trackingToken: z.string().openapi({
      description:
        'Secret for GET /applications/tracking/{token}; shown only in this response and in the confirmation mail',
    }),
  })
  .openapi('SubmittedApplication')

export const approvalOutput = z
  .discriminatedUnion('status', [
    z.object({ status: z.literal('admitted'), application: applicationOutput, member: memberOutput }),
    z.object({
      status: z.literal('awaiting_approval'),
      application: applicationOutput,
      approvals: z.number().int(),
      required: z.number().int().openapi({ description: 'Distinct board members the statutes ask for' }),
    }),
  ])
  .openapi('ApprovalResult')
