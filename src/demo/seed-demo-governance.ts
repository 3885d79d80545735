import type { Trx } from '../db/db.ts'
import { fromWallTime } from '../events/event-time.ts'
import { closeAssembly, createAssembly, openAssembly } from '../governance/assemblies.actions.ts'
import { addAgendaItem } from '../governance/assemblies.agenda.ts'
import { agendaItemInput, assemblyInput } from '../governance/assemblies.schema.ts'
import { checkIn } from '../governance/attendance.actions.ts'
import { sendInvitations } from '../governance/invitations.actions.ts'
import type { Actor } from '../platform/actor.ts'
import { fixedClock } from '../platform/clock.ts'
import type { ActionEnv } from '../platform/context.ts'
import { addDays, todayIn } from '../platform/dates.ts'

/**
 * Demo assemblies, through the same actions the portal uses: the ordinary general assembly five weeks ahead,
 * hybrid, invited with its agenda (reports for information, the accounts, the surplus, the discharges and an
 * election, §48 GenG); and an extraordinary one three months ago on a statute change, held in person and closed,
 * with the people who came. The past one runs on a clock set back to its own days. Runs inside the demo seed's
 * transaction, after the members; its mails are left in the outbox for the seed to mark as not to be sent.
 */

const ordinaryItems: Array<{ title: string; kind: 'information' | 'motion' | 'election'; description?: string }> = [
  { title: 'Bericht des Vorstands über das Geschäftsjahr', kind: 'information' },
  { title: 'Bericht des Aufsichtsrats', kind: 'information' },
  { title: 'Bericht über die gesetzliche Prüfung (§ 59 GenG)', kind: 'information' },
  { title: 'Feststellung des Jahresabschlusses', kind: 'motion' },
  { title: 'Verwendung des Jahresüberschusses (Rücklagen und Rückvergütung)', kind: 'motion' },
  { title: 'Entlastung des Vorstands', kind: 'motion' },
  { title: 'Entlastung des Aufsichtsrats', kind: 'motion' },
  { title: 'Wahl zum Aufsichtsrat', kind: 'election', description: 'Ein Sitz ist neu zu besetzen.' },
]

export async function seedDemoGovernance(
  trx: Trx,
  actor: Actor,
  env: ActionEnv,
): Promise<{ future: string; past: string }> {
  const today = todayIn(env.clock.now())
  const year = Number(today.slice(0, 4))

  // the extraordinary assembly of three months ago: called 30 days before it, held, closed
  const heldOn = addDays(today, -90)
  const pastClock = fixedClock(fromWallTime(addDays(heldOn, -30), '10:00')!)
  const pastEnv: ActionEnv = { ...env, clock: pastClock }
  const past = await createAssembly(
    trx,
    actor,
    assemblyInput.parse({
      body: 'general_assembly',
      kind: 'extraordinary',
      form: 'in_person',
      title: 'Außerordentliche Generalversammlung: Satzungsänderung',
      startsAt: `${heldOn}T18:00`,
      endsAt: `${heldOn}T20:00`,
      location: 'Oranienstraße 45, 10969 Berlin',
    }),
    pastEnv,
  )
  await addAgendaItem(
    trx,
    actor,
    past.ref,
    agendaItemInput.parse({
      title: 'Änderung der Satzung: Stimmrecht der Fördermitglieder (§ 8 Abs. 2 GenG)',
      kind: 'statute_change',
    }),
    pastEnv,
  )
  await addAgendaItem(
    trx,
    actor,
    past.ref,
    agendaItemInput.parse({ title: 'Verschiedenes', kind: 'information' }),
    pastEnv,
  )
  await sendInvitations(trx, actor, past.ref, pastEnv)
  pastClock.set(fromWallTime(heldOn, '17:45')!)
  const representatives = await trx
    .selectFrom('assembly_voter')
    .select('representative_person_id')
    .where('assembly_id', '=', past.id)
    .where('representative_person_id', 'is not', null)
    .where('votes', '>', 0)
    .orderBy('member_id')
    .limit(3)
    .execute()
  for (const r of representatives)
    await checkIn(trx, actor, past.ref, { personId: r.representative_person_id! }, pastEnv)
  pastClock.set(fromWallTime(heldOn, '18:00')!)
  await openAssembly(trx, actor, past.ref, {}, pastEnv)
  pastClock.set(fromWallTime(heldOn, '19:40')!)
  await closeAssembly(trx, actor, past.ref, pastEnv)

  // the ordinary general assembly five weeks ahead, invited now (§46 (1) GenG: more than two weeks)
  const on = addDays(today, 35)
  const future = await createAssembly(
    trx,
    actor,
    assemblyInput.parse({
      body: 'general_assembly',
      kind: 'ordinary',
      form: 'hybrid',
      title: `Ordentliche Generalversammlung ${year}`,
      startsAt: `${on}T18:00`,
      endsAt: `${on}T21:00`,
      location: 'Oranienstraße 45, 10969 Berlin',
      onlineUrl: 'https://meet.beispiel-eg.example/generalversammlung',
      accessNote: 'Online: Kamera und Mikrofon bitte vorher testen; die Abstimmungen laufen im Portal.',
    }),
    env,
  )
  for (const item of ordinaryItems) await addAgendaItem(trx, actor, future.ref, agendaItemInput.parse(item), env)
  await sendInvitations(trx, actor, future.ref, env)
  return { future: future.ref, past: past.ref }
}
