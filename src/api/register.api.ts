import { createRoute, z } from '@hono/zod-openapi'
import { exitReasons, memberTypes } from '../db/schema.ts'
import { registerList } from '../members/documents.actions.ts'
import { purgeExpiredRecords, registerAsOf } from '../members/register.actions.ts'
import { registerCsv } from '../members/register-csv.ts'
import { apiApp, jsonResponse, problems, security, write } from './api.shared.ts'
import { pdf, pdfResponse, plainDate, today } from './members.shared.ts'

/** The member register (Mitgliederliste, §30 GenG) as of any date, and its retention purge. */
export const registerApi = apiApp()

const tags = ['Register']

const registerQuery = z.object({
  at: plainDate().optional().openapi({ description: 'The day the register is shown as of; today by default' }),
  includeFormer: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true')
    .openapi({ description: 'Whether members who had left by then are listed (with exit date and reason)' }),
})

const registerRow = z
  .object({
    id: z.string().uuid(),
    number: z.string().openapi({ example: 'M-00042' }),
    name: z.string(),
    address: z.string(),
    memberType: z.enum(memberTypes),
    joinedOn: z.string().openapi({ format: 'date' }),
    shares: z.number().int().openapi({ description: 'Shares held on that day' }),
    exitOn: z.string().nullable().openapi({ format: 'date', description: 'Only an exit in effect by that day' }),
    exitReason: z.enum(exitReasons).nullable(),
  })
  .openapi('RegisterRow')

registerApi.openapi(
  createRoute({
    method: 'get',
    path: '/register',
    operationId: 'getRegister',
    tags,
    security,
    summary: 'The register as it stood on a day: everyone who had joined, with the shares held then',
    request: { query: registerQuery },
    responses: {
      200: jsonResponse(
        z.object({ asOf: z.string().openapi({ format: 'date' }), items: z.array(registerRow) }).openapi('Register'),
        'The register in member-number order',
      ),
      ...problems(403, 422),
    },
  }),
  async (c) => {
    const { at, includeFormer } = c.req.valid('query')
    const asOf = at ?? today(c)
    return c.json({ asOf, items: await registerAsOf(c.get('deps').db, c.get('actor'), asOf, { includeFormer }) }, 200)
  },
)

registerApi.openapi(
  createRoute({
    method: 'get',
    path: '/register/csv',
    operationId: 'exportRegisterCsv',
    tags,
    security,
    summary: 'The register as of a day as CSV (`;`-separated, UTF-8 with BOM, for spreadsheets)',
    request: { query: registerQuery },
    responses: {
      200: {
        description: 'One line per member, headed in the language of `Accept-Language`',
        content: { 'text/csv': { schema: z.string() } },
      },
      ...problems(403, 422),
    },
  }),
  async (c) => {
    const { at, includeFormer } = c.req.valid('query')
    const asOf = at ?? today(c)
    const rows = await registerAsOf(c.get('deps').db, c.get('actor'), asOf, { includeFormer })
    return c.body(registerCsv(asOf, rows, c.get('lang')), 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="register-${asOf}.csv"`,
      'cache-control': 'private, no-store',
    })
  },
)

registerApi.openapi(
  createRoute({
    method: 'get',
    path: '/register/pdf',
    operationId: 'exportRegisterPdf',
    tags,
    security,
    summary: 'The register as of a day as PDF',
    request: { query: registerQuery.pick({ at: true }) },
    responses: { 200: pdfResponse('The register'), ...problems(403, 422) },
  }),
  async (c) => {
    const { at } = c.req.valid('query')
    const deps = c.get('deps')
    const download = await registerList(deps.db, c.get('actor'), at ?? today(c), deps, c.get('lang'))
    return pdf(c, download.pdf, download.filename)
  },
)

registerApi.openapi(
  createRoute({
    method: 'post',
    path: '/register/purge',
    operationId: 'purgeRegisterRecords',
    tags,
    security,
    summary:
      'Retention (§30 (3) GenG): three years after the year of exit the supporting records go; the register line ' +
      'and the ledgers stay (board)',
    responses: {
      200: jsonResponse(
        z
          .object({ purged: z.array(z.string()).openapi({ description: 'Member numbers whose records were purged' }) })
          .openapi('PurgeResult'),
        'What was purged (possibly nothing)',
      ),
      ...problems(403),
    },
  }),
  async (c) => c.json(await write(c, (trx, actor, deps) => purgeExpiredRecords(trx, actor, deps)), 200),
)
