import { createRoute, z } from '@hono/zod-openapi'
import { agendaKinds, assemblyBodies, assemblyForms, assemblyKinds, assemblyStatuses } from '../db/schema-governance.ts'
import { createAssembly, getAssembly, listAssemblies } from '../governance/assemblies.actions.ts'
import { addAgendaItem } from '../governance/assemblies.agenda.ts'
import type { AgendaItemView, AssemblyView } from '../governance/assemblies.model.ts'
import { agendaItemInput, assemblyInput, checkInInput, proxyInput } from '../governance/assemblies.schema.ts'
import { checkIn, presence, presenceChanged } from '../governance/attendance.actions.ts'
import { sendInvitations } from '../governance/invitations.actions.ts'
import { grantProxy, proxiesOf } from '../governance/proxies.actions.ts'
import { voterRoll } from '../governance/voters.actions.ts'
import { DomainError } from '../platform/errors.ts'
import { apiApp, bodyProblems, jsonBody, jsonResponse, problems, security, write } from './api.shared.ts'

/**
 * Assemblies (§§43–46 GenG): the list and one assembly with its agenda, calling one and adding agenda items
 * (board), the invitation, the voter roll, proxies and check-in with the presence counts.
 */
export const assembliesApi = apiApp()

const tags = ['Assemblies']

const refParams = z.object({
  ref: z
    .string()
    .regex(/^(GV|SI)-\d{4}-\d{3,9}$/)
    .openapi({ param: { name: 'ref', in: 'path' }, example: 'GV-2027-001' }),
})

const iso = () => z.string().openapi({ format: 'date-time' })

const assemblyOutput = z
  .object({
    id: z.string().uuid(),
    ref: z.string().openapi({ example: 'GV-2027-001' }),
    body: z.enum(assemblyBodies),
    kind: z.enum(assemblyKinds),
    form: z.enum(assemblyForms),
    title: z.string(),
    startsAt: iso(),
    endsAt: iso(),
    timeZone: z.string().openapi({ example: 'Europe/Berlin' }),
    location: z.string(),
    onlineUrl: z.string().nullable().openapi({ description: 'Only for those invited and the board' }),
    accessNote: z.string(),
    votingStartsAt: iso().nullable(),
    votingEndsAt: iso().nullable(),
    registerDate: z.string().openapi({ format: 'date', description: 'Whose membership counts (§43 GenG)' }),
    status: z.enum(assemblyStatuses),
    chairPersonId: z.string().uuid().nullable(),
    invitedAt: iso().nullable(),
    openedAt: iso().nullable(),
    closedAt: iso().nullable(),
    cancelReason: z.string().nullable(),
  })
  .openapi('Assembly')

const agendaItemOutput = z
  .object({
    id: z.string().uuid(),
    position: z.number().int(),
    title: z.string(),
    description: z.string(),
    kind: z.enum(agendaKinds),
    demanded: z.boolean(),
    addedAt: iso(),
    withdrawnAt: iso().nullable(),
    decidable: z.boolean().openapi({ description: 'Announced in time for a decision (§46 (2) GenG)' }),
  })
  .openapi('AgendaItem')

function assemblyView(a: AssemblyView): z.infer<typeof assemblyOutput> {
  return {
    id: a.id,
    ref: a.ref,
    body: a.body,
    kind: a.kind,
    form: a.form,
    title: a.title,
    startsAt: a.startsAt.toISOString(),
    endsAt: a.endsAt.toISOString(),
    timeZone: a.timeZone,
    location: a.location,
    onlineUrl: a.onlineUrl,
    accessNote: a.accessNote,
    votingStartsAt: a.votingStartsAt?.toISOString() ?? null,
    votingEndsAt: a.votingEndsAt?.toISOString() ?? null,
    registerDate: a.registerDate,
    status: a.status,
    chairPersonId: a.chairPersonId,
    invitedAt: a.invitedAt?.toISOString() ?? null,
    openedAt: a.openedAt?.toISOString() ?? null,
    closedAt: a.closedAt?.toISOString() ?? null,
    cancelReason: a.cancelReason,
  }
}

function itemView(i: AgendaItemView): z.infer<typeof agendaItemOutput> {
  return {
    id: i.id,
    position: i.position,
    title: i.title,
    description: i.description,
    kind: i.kind,
    demanded: i.demanded,
    addedAt: i.addedAt.toISOString(),
    withdrawnAt: i.withdrawnAt?.toISOString() ?? null,
    decidable: i.decidable,
  }
}

const presenceOutput = z
  .object({
    persons: z.number().int(),
    members: z.number().int().openapi({ description: 'Members represented: own and by proxy' }),
    votes: z.number().int(),
  })
  .openapi('Presence')

const now = (c: { get(key: 'deps'): { clock: { now(): Date } } }) => c.get('deps').clock.now()

assembliesApi.openapi(
  createRoute({
    method: 'get',
    path: '/assemblies',
    operationId: 'listAssemblies',
    tags,
    security,
    summary:
      'Assemblies the account may see: all for the boards, staff and auditors; the ones it is invited to otherwise',
    responses: {
      200: jsonResponse(z.object({ items: z.array(assemblyOutput) }).openapi('AssemblyList'), 'The assemblies'),
      ...problems(),
    },
  }),
  async (c) => {
    const items = await listAssemblies(c.get('deps').db, c.get('actor'))
    return c.json({ items: items.map(assemblyView) }, 200)
  },
)

assembliesApi.openapi(
  createRoute({
    method: 'get',
    path: '/assemblies/{ref}',
    operationId: 'getAssembly',
    tags,
    security,
    summary: 'One assembly with its agenda (404 for those not invited)',
    request: { params: refParams },
    responses: {
      200: jsonResponse(
        assemblyOutput.extend({ agenda: z.array(agendaItemOutput) }).openapi('AssemblyDetail'),
        'The assembly',
      ),
      ...problems(404, 422),
    },
  }),
  async (c) => {
    const { ref } = c.req.valid('param')
    const detail = await getAssembly(c.get('deps').db, c.get('actor'), ref, now(c))
    return c.json({ ...assemblyView(detail.assembly), agenda: detail.agenda.map(itemView) }, 200)
  },
)

assembliesApi.openapi(
  createRoute({
    method: 'post',
    path: '/assemblies',
    operationId: 'createAssembly',
    tags,
    security,
    summary: 'Call an assembly (board): a draft until the invitation is sent',
    description:
      'Times are ISO 8601 with an offset, or a Europe/Berlin wall time. `registerDate` defaults to the day of the assembly.',
    request: { body: jsonBody(assemblyInput) },
    responses: { 201: jsonResponse(assemblyOutput, 'The new assembly'), ...problems(403, ...bodyProblems) },
  }),
  async (c) => {
    const input = c.req.valid('json')
    const assembly = await write(c, (trx, actor, deps) => createAssembly(trx, actor, input, deps))
    return c.json(assemblyView(assembly), 201)
  },
)

assembliesApi.openapi(
  createRoute({
    method: 'post',
    path: '/assemblies/{ref}/agenda',
    operationId: 'addAgendaItem',
    tags,
    security,
    summary:
      'Add an agenda item (board); one for decision less than a week before a general assembly is refused (§46 (2) GenG)',
    request: { params: refParams, body: jsonBody(agendaItemInput) },
    responses: { 201: jsonResponse(agendaItemOutput, 'The new item'), ...problems(403, 404, 409, ...bodyProblems) },
  }),
  async (c) => {
    const { ref } = c.req.valid('param')
    const input = c.req.valid('json')
    const { item } = await write(c, (trx, actor, deps) => addAgendaItem(trx, actor, ref, input, deps))
    return c.json(itemView(item), 201)
  },
)

assembliesApi.openapi(
  createRoute({
    method: 'post',
    path: '/assemblies/{ref}/invite',
    operationId: 'inviteAssembly',
    tags,
    security,
    summary:
      'Send the invitation (board): computes the voter roll and mails everyone on it (§46 (1) GenG: two weeks ahead)',
    request: { params: refParams },
    responses: {
      200: jsonResponse(
        z
          .object({ assembly: assemblyOutput, invited: z.number().int(), members: z.number().int() })
          .openapi('InvitationResult'),
        'Invited',
      ),
      ...problems(403, 404, 409, 422),
    },
  }),
  async (c) => {
    const { ref } = c.req.valid('param')
    const result = await write(c, (trx, actor, deps) => sendInvitations(trx, actor, ref, deps))
    return c.json({ assembly: assemblyView(result.assembly), invited: result.invited, members: result.members }, 200)
  },
)

assembliesApi.openapi(
  createRoute({
    method: 'get',
    path: '/assemblies/{ref}/voters',
    operationId: 'getVoterRoll',
    tags,
    security,
    summary: 'The voter roll with its counts (boards, staff, auditors)',
    request: { params: refParams },
    responses: {
      200: jsonResponse(
        z
          .object({
            items: z.array(
              z.object({
                memberId: z.string().uuid(),
                number: z.string(),
                name: z.string(),
                memberType: z.enum(['organisation', 'employee', 'supporting']),
                votes: z.number().int().openapi({ description: '0: attends and speaks without a vote' }),
                representativePersonId: z.string().uuid().nullable(),
                representativeName: z.string().nullable(),
              }),
            ),
            counts: z.object({
              members: z.number().int(),
              voting: z.number().int(),
              votes: z.number().int(),
              withoutRepresentative: z.number().int(),
            }),
          })
          .openapi('VoterRoll'),
        'The roll',
      ),
      ...problems(403, 404, 422),
    },
  }),
  async (c) => {
    const { ref } = c.req.valid('param')
    const actor = c.get('actor')
    const db = c.get('deps').db
    const detail = await getAssembly(db, actor, ref, now(c))
    const { voters, counts } = await voterRoll(db, actor, detail.assembly.id)
    return c.json({ items: voters, counts }, 200)
  },
)

const proxyOutput = z
  .object({
    id: z.string().uuid(),
    grantorMemberId: z.string().uuid(),
    grantorNumber: z.string(),
    grantorName: z.string(),
    holderPersonId: z.string().uuid(),
    holderName: z.string(),
    form: z.enum(['online', 'written']),
    documentName: z.string().nullable(),
    documentSha256: z.string().nullable(),
    grantedAt: iso(),
    revokedAt: iso().nullable(),
  })
  .openapi('Proxy')

assembliesApi.openapi(
  createRoute({
    method: 'get',
    path: '/assemblies/{ref}/proxies',
    operationId: 'listProxies',
    tags,
    security,
    summary: 'Proxies: all for the boards, staff and auditors; those a member gave or holds otherwise',
    request: { params: refParams },
    responses: {
      200: jsonResponse(z.object({ items: z.array(proxyOutput) }).openapi('ProxyList'), 'The proxies'),
      ...problems(404, 422),
    },
  }),
  async (c) => {
    const { ref } = c.req.valid('param')
    const actor = c.get('actor')
    const db = c.get('deps').db
    const detail = await getAssembly(db, actor, ref, now(c))
    const items = await proxiesOf(db, actor, detail.assembly.id)
    return c.json(
      {
        items: items.map((p) => ({
          id: p.id,
          grantorMemberId: p.grantorMemberId,
          grantorNumber: p.grantorNumber,
          grantorName: p.grantorName,
          holderPersonId: p.holderPersonId,
          holderName: p.holderName,
          form: p.form,
          documentName: p.documentName,
          documentSha256: p.documentSha256,
          grantedAt: p.grantedAt.toISOString(),
          revokedAt: p.revokedAt?.toISOString() ?? null,
        })),
      },
      200,
    )
  },
)

assembliesApi.openapi(
  createRoute({
    method: 'post',
    path: '/assemblies/{ref}/proxies',
    operationId: 'grantProxy',
    tags,
    security,
    summary:
      'Give a member’s proxy online (its representative); a holder represents at most two members (§43 (5) GenG)',
    request: { params: refParams, body: jsonBody(proxyInput) },
    responses: {
      201: jsonResponse(
        z
          .object({ id: z.string().uuid(), holderPersonId: z.string().uuid(), holderName: z.string() })
          .openapi('GrantedProxy'),
        'Given',
      ),
      ...problems(403, 404, 409, ...bodyProblems),
    },
  }),
  async (c) => {
    const { ref } = c.req.valid('param')
    const input = c.req.valid('json')
    const db = c.get('deps').db
    await getAssembly(db, c.get('actor'), ref, now(c))
    const granted = await write(c, (trx, actor, deps) => grantProxy(trx, actor, ref, input, deps))
    return c.json(granted, 201)
  },
)

assembliesApi.openapi(
  createRoute({
    method: 'post',
    path: '/assemblies/{ref}/check-in',
    operationId: 'checkIn',
    tags,
    security,
    summary: 'Check a person in (staff); returns the presence',
    request: { params: refParams, body: jsonBody(checkInInput) },
    responses: {
      200: jsonResponse(presenceOutput, 'The presence after the check-in'),
      ...problems(403, 404, 409, ...bodyProblems),
    },
  }),
  async (c) => {
    const { ref } = c.req.valid('param')
    const input = c.req.valid('json')
    const detail = await getAssembly(c.get('deps').db, c.get('actor'), ref, now(c))
    const result = await write(c, (trx, actor, deps) => checkIn(trx, actor, ref, input, deps))
    presenceChanged(detail.assembly.id)
    return c.json(result, 200)
  },
)

assembliesApi.openapi(
  createRoute({
    method: 'get',
    path: '/assemblies/{ref}/presence',
    operationId: 'getPresence',
    tags,
    security,
    summary: 'Persons present, members represented (own and by proxy) and their votes',
    request: { params: refParams },
    responses: { 200: jsonResponse(presenceOutput, 'The presence'), ...problems(404, 422) },
  }),
  async (c) => {
    const { ref } = c.req.valid('param')
    const detail = await getAssembly(c.get('deps').db, c.get('actor'), ref, now(c))
    if (detail.assembly.status === 'draft') throw new DomainError('not_found')
    return c.json(await presence(c.get('deps').db, detail.assembly.id), 200)
  },
)
