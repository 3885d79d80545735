import { createRoute, z } from '@hono/zod-openapi'
import {
  admissionDeclaration,
  capitalStatement,
  type Download,
  registerExtract,
  shareCertificate,
} from '../members/documents.actions.ts'
import type { AppContext } from '../platform/context.ts'
import { apiApp, problems, security } from './api.shared.ts'
import { memberParams, pdf, pdfResponse, today, visibleMember } from './members.shared.ts'

/** A member's documents as PDF: share certificate, capital statement, register extract (§31 GenG), declaration. */
export const documentsApi = apiApp()

const tags = ['Documents']

/** Hides unrelated members (404), then renders through the action, which checks the permission. */
async function send(c: AppContext, id: string, make: () => Promise<Download>) {
  await visibleMember(c, id)
  const download = await make()
  return pdf(c, download.pdf, download.filename)
}

documentsApi.openapi(
  createRoute({
    method: 'get',
    path: '/members/{id}/documents/certificate',
    operationId: 'getShareCertificate',
    tags,
    security,
    summary: 'Share certificate (Anteilsbescheinigung): the shares held today and the capital paid in',
    request: { params: memberParams },
    responses: { 200: pdfResponse('The certificate'), ...problems(403, 404, 422) },
  }),
  async (c) => {
    const { id } = c.req.valid('param')
    const deps = c.get('deps')
    return send(c, id, () => shareCertificate(deps.db, c.get('actor'), id, deps, c.get('lang')))
  },
)

documentsApi.openapi(
  createRoute({
    method: 'get',
    path: '/members/{id}/documents/statement',
    operationId: 'getCapitalStatement',
    tags,
    security,
    summary: 'Capital statement of one fiscal year: every entry with the balance after it',
    request: {
      params: memberParams,
      query: z.object({
        year: z.coerce
          .number()
          .int()
          .min(1900)
          .max(9999)
          .optional()
          .openapi({ description: 'The calendar year the fiscal year ends in; the current one by default' }),
      }),
    },
    responses: { 200: pdfResponse('The statement'), ...problems(403, 404, 422) },
  }),
  async (c) => {
    const { id } = c.req.valid('param')
    const { year } = c.req.valid('query')
    const deps = c.get('deps')
    const current = Number(today(c).slice(0, 4))
    return send(c, id, () => capitalStatement(deps.db, c.get('actor'), id, year ?? current, deps, c.get('lang')))
  },
)

documentsApi.openapi(
  createRoute({
    method: 'get',
    path: '/members/{id}/documents/register-extract',
    operationId: 'getRegisterExtract',
    tags,
    security,
    summary: "Extract from the register (§31 GenG): the member's own entries",
    request: { params: memberParams },
    responses: { 200: pdfResponse('The extract'), ...problems(403, 404, 422) },
  }),
  async (c) => {
    const { id } = c.req.valid('param')
    const deps = c.get('deps')
    return send(c, id, () => registerExtract(deps.db, c.get('actor'), id, deps, c.get('lang')))
  },
)

documentsApi.openapi(
  createRoute({
    method: 'get',
    path: '/members/{id}/documents/declaration',
    operationId: 'getMembershipDeclaration',
    tags,
    security,
    summary: 'The membership declaration as signed (gone after the retention period)',
    request: { params: memberParams },
    responses: { 200: pdfResponse('The declaration'), ...problems(403, 404, 422) },
  }),
  async (c) => {
    const { id } = c.req.valid('param')
    const deps = c.get('deps')
    return send(c, id, () => admissionDeclaration(deps.db, c.get('actor'), id, deps, c.get('lang')))
  },
)
