import type { Trx } from '../db/db.ts'
import type { Actor } from '../platform/actor.ts'
import type { ActionEnv } from '../platform/context.ts'
import { addDays, todayIn } from '../platform/dates.ts'
import { addRoomMember, createMeeting, createRoom, recordDecision, uploadDocument } from '../rooms/rooms.actions.ts'

/** The demo's committee rooms: the board's, the supervisory board's and a working group with a member. */
export async function seedDemoRooms(trx: Trx, actor: Actor, env: ActionEnv): Promise<void> {
  const accounts = await trx.selectFrom('account').select(['email', 'person_id']).execute()
  const personIds = new Map(accounts.map((a) => [a.email, a.person_id]))
  const as = (email: string): Actor => ({
    ...actor,
    kind: 'account',
    personId: personIds.get(email) ?? null,
    label: email,
  })
  const rooms = [
    {
      key: 'vorstand',
      name: 'Vorstand',
      kind: 'board' as const,
      description: 'Sitzungen, Unterlagen und Beschlüsse des Vorstands.',
      chair: 'vorstand@beispiel-eg.example',
      members: ['vorstand2@beispiel-eg.example'],
    },
    {
      key: 'aufsichtsrat',
      name: 'Aufsichtsrat',
      kind: 'supervisory_board' as const,
      description: 'Der Raum des Aufsichtsrats; der Vorstand sieht ihn nicht.',
      chair: 'aufsichtsrat@beispiel-eg.example',
      members: [],
    },
    {
      key: 'ag-datenschutz',
      name: 'AG Datenschutz',
      kind: 'working_group' as const,
      description: 'Arbeitsgruppe zu Auftragsverarbeitung und Löschkonzept.',
      chair: 'team@beispiel-eg.example',
      members: ['jana.petersen@klimabuendnis-nord.example', 'vorstand2@beispiel-eg.example'],
    },
  ]
  const today = todayIn(env.clock.now())
  for (const room of rooms) {
    await createRoom(trx, actor, { ...room, chairEmail: room.chair }, env)
    for (const email of room.members) await addRoomMember(trx, as(room.chair), room.key, { email, role: 'member' }, env)
  }
  const board = as('vorstand@beispiel-eg.example')
  const agenda = new TextEncoder().encode(
    '# Vorstandssitzung\n\n1. Quartalszahlen\n2. Angebot Rechenzentrum Leipzig\n3. Vorbereitung der Generalversammlung\n',
  )
  await uploadDocument(
    trx,
    board,
    'vorstand',
    {
      documentId: null,
      title: 'Tagesordnung Vorstandssitzung',
      note: 'Entwurf',
      file: { name: 'tagesordnung.md', type: 'text/markdown', bytes: agenda },
    },
    env,
  )
  const past = addDays(today, -14)
  const meeting = await createMeeting(
    trx,
    board,
    'vorstand',
    {
      title: 'Vorstandssitzung',
      startsAt: new Date(`${past}T16:00:00Z`),
      location: 'Geschäftsstelle und Jitsi',
      agenda: '1. Quartalszahlen\n2. Rechenzentrum',
    },
    env,
  )
  await recordDecision(
    trx,
    board,
    'vorstand',
    {
      text: 'Der Vorstand beauftragt das Angebot des Rechenzentrums Leipzig (Ökostrom, Standort Deutschland).',
      decidedOn: past,
      yes: 2,
      no: 0,
      abstain: 0,
      meetingId: meeting.id,
      replacesId: null,
    },
    env,
  )
}
