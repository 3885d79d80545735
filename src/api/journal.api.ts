import { createRoute, z } from '@hono/zod-openapi'
import { readJournal } from '../journal/journal.actions.ts'
import { listQuery } from '../organisations/organisations.schema.ts'
import { apiApp, jsonResponse, paged, problems, security } from './api.shared.ts'

/** The audit journal: every change, who made it, before and after, in a hash chain. */
export const journalApi = apiApp()

const name = z
  .string()
  .regex(/^[\w.:-]{1,100}$/)
  .optional()

const journalQuery = listQuery.omit({ q: true }).extend({
  subjectType: name.openapi({ example: 'organisation' }),
  subjectId: name.openapi({ description: 'Id of the subject, usually a UUID' }),
  organisationId: z.string().uuid().optional().openapi({ description: 'Entries about this organisation' }),
  action: name.openapi({ example: 'organisation.updated' }),
})

const journalEntry = z
  .object({
    seq: z.number().int().openapi({ description: 'Position in the chain, from 1' }),
    at: z.string().openapi({ format: 'date-time' }),
    actor: z.string().openapi({ description: 'Email of the account, or `system:<what>`' }),
    action: z.string().openapi({ example: 'organisation.updated' }),
    subjectType: z.string(),
    subjectId: z.string(),
    organisationId: z.string().nullable(),
    before: z.unknown().openapi({ description: 'The changed fields before (null when nothing was there)' }),
    after: z.unknown().openapi({ description: 'The changed fields after' }),
    reason: z.string().nullable(),
    hash: z.string().openapi({ description: 'SHA-256 over the entry and the previous hash' }),
  })
  .openapi('JournalEntry')

journalApi.openapi(
  createRoute({
    method: 'get',
    path: '/journal',
    tags: ['Journal'],
    security,
    summary: "Journal entries, newest first: all for the cooperative's roles, their own organisation's for its admins",
    request: { query: journalQuery },
    responses: {
      200: jsonResponse(paged(journalEntry, 'JournalPage'), 'A page of entries'),
      ...problems(403, 422),
    },
  }),
  async (c) => {
    const filter = c.req.valid('query')
    const organisationId = filter.organisationId?.toLowerCase()
    const page = await readJournal(c.get('deps').db, c.get('actor'), { ...filter, organisationId })
    return c.json(page, 200)
  },
)
