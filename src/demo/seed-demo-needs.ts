import type { Trx } from '../db/db.ts'
import { recordFollowUp } from '../needs/follow-up.actions.ts'
import { eraseQuestionnaire, submitQuestionnaire } from '../needs/needs.actions.ts'
import { questionnaireInput } from '../needs/needs.schema.ts'
import { systemActor } from '../platform/actor.ts'
import { fixedClock } from '../platform/clock.ts'
import type { ActionEnv } from '../platform/context.ts'
import { addDays, todayIn } from '../platform/dates.ts'

/**
 * Needs questionnaires of made-up organisations for the demo, across stages and sizes, so the founders' view
 * (Gründungsplanung) has something to show: submitted through the action over the last weeks, a few followed
 * up, one erased by its contact. Demo data only; the names and addresses are invented.
 */

interface DemoQuestionnaire {
  daysAgo: number
  answers: Record<string, unknown>
  followUp?: { status: 'contacted' | 'in_talks' | 'declined'; note: string; inDays: number }
  erase?: boolean
}

const base = { legalForm: 'ev', consentContact: true, consultingHours: 0, trainingHours: 0, devices: 0 }

const demo: DemoQuestionnaire[] = [
  {
    daysAgo: 34,
    answers: {
      organisationName: 'Tafel Leipzig-Ost e.V.',
      city: 'Leipzig',
      contactName: 'Renate Vogel',
      contactEmail: 'r.vogel@tafel-leipzig-ost.example',
      employees: 3,
      volunteers: 85,
      annualBudgetCents: 21_000_000,
      devices: 9,
      toolsToday: ['google_workspace', 'dropbox'],
      painPoints: 'Die Schichtpläne der Ehrenamtlichen liegen in privaten Google-Konten.',
      wantedAreas: ['digital_infrastructure', 'education'],
      trainingHours: 12,
      stage: 'discussing',
    },
    followUp: {
      status: 'in_talks',
      note: 'Vorstandssitzung am Monatsende, Schulung für Schichtleitungen gewünscht.',
      inDays: 12,
    },
  },
  {
    daysAgo: 31,
    answers: {
      organisationName: 'Jugendwerkstatt Neukölln gGmbH',
      legalForm: 'ggmbh',
      city: 'Berlin',
      contactName: 'Deniz Aydın',
      contactEmail: 'deniz.aydin@jugendwerkstatt-nk.example',
      employees: 24,
      volunteers: 10,
      annualBudgetCents: 140_000_000,
      devices: 40,
      toolsToday: ['microsoft_365', 'teams', 'zoom'],
      painPoints: 'Niemand ist für die Laptops zuständig, Updates bleiben liegen.',
      wantedAreas: ['digital_infrastructure', 'it_helpdesk', 'managed_workplace'],
      stage: 'committed',
    },
    followUp: { status: 'contacted', note: 'Zusage für die Gründungsversammlung im April.', inDays: 5 },
  },
  {
    daysAgo: 27,
    answers: {
      organisationName: 'Bürgerstiftung Kassel',
      legalForm: 'stiftung',
      city: 'Kassel',
      contactName: 'Helga Brandt',
      contactEmail: 'brandt@buergerstiftung-kassel.example',
      employees: 2,
      volunteers: 30,
      annualBudgetCents: 8_000_000,
      devices: 5,
      toolsToday: ['mailchimp', 'calendly'],
      wantedAreas: ['digital_infrastructure'],
      stage: 'informed',
    },
  },
  {
    daysAgo: 22,
    answers: {
      organisationName: 'Klimawerk Genossenschaft eG',
      legalForm: 'eg',
      city: 'Freiburg im Breisgau',
      contactName: 'Lukas Wendt',
      contactEmail: 'lukas@klimawerk.example',
      employees: 58,
      volunteers: 0,
      annualBudgetCents: 420_000_000,
      devices: 75,
      toolsToday: ['microsoft_365', 'slack', 'trello', '1password'],
      painPoints: 'Lizenzkosten steigen jedes Jahr, Daten liegen in den USA.',
      wantedAreas: ['digital_infrastructure', 'it_helpdesk', 'managed_workplace', 'consulting'],
      consultingHours: 40,
      stage: 'committed',
    },
    followUp: {
      status: 'in_talks',
      note: 'Migration in zwei Schritten besprochen; Angebot für Beratung folgt.',
      inDays: 9,
    },
  },
  {
    daysAgo: 19,
    answers: {
      organisationName: 'Stadtteilladen Gröpelingen e.V.',
      city: 'Bremen',
      contactName: 'Ayşe Kaya',
      contactEmail: 'kaya@stadtteilladen-groepelingen.example',
      employees: 1,
      volunteers: 12,
      annualBudgetCents: 4_500_000,
      devices: 3,
      toolsToday: ['zoom'],
      wantedAreas: ['digital_infrastructure', 'education'],
      trainingHours: 6,
      stage: 'informed',
    },
    erase: true,
  },
  {
    daysAgo: 15,
    answers: {
      organisationName: 'Hospizverein Lüneburg e.V.',
      city: 'Lüneburg',
      contactName: 'Martin Albers',
      contactEmail: 'albers@hospiz-lueneburg.example',
      employees: 11,
      volunteers: 140,
      annualBudgetCents: 90_000_000,
      devices: 18,
      toolsToday: ['google_workspace', 'zoom', 'other'],
      painPoints: 'Vertrauliche Unterlagen werden per Mail verschickt.',
      wantedAreas: ['digital_infrastructure', 'it_helpdesk', 'consulting'],
      consultingHours: 16,
      stage: 'discussing',
    },
  },
  {
    daysAgo: 11,
    answers: {
      organisationName: 'Mieterverein Dortmund e.V.',
      city: 'Dortmund',
      contactName: 'Sabine Kühn',
      contactEmail: 'kuehn@mieterverein-do.example',
      employees: 14,
      volunteers: 5,
      annualBudgetCents: 120_000_000,
      devices: 22,
      toolsToday: ['microsoft_365', 'dropbox'],
      wantedAreas: ['managed_workplace', 'it_helpdesk'],
      stage: 'discussing',
    },
    followUp: {
      status: 'declined',
      note: 'Bleibt vorerst beim bisherigen Dienstleister; in einem Jahr wieder fragen.',
      inDays: 365,
    },
  },
  {
    daysAgo: 8,
    answers: {
      organisationName: 'Lebenshilfe Oberland e.V.',
      city: 'Weilheim',
      contactName: 'Florian Huber',
      contactEmail: 'f.huber@lebenshilfe-oberland.example',
      employees: 260,
      volunteers: 60,
      annualBudgetCents: 1_400_000_000,
      devices: 310,
      toolsToday: ['microsoft_365', 'teams'],
      painPoints: 'Drei Standorte, drei verschiedene IT-Dienstleister.',
      wantedAreas: ['digital_infrastructure', 'it_helpdesk', 'managed_workplace', 'consulting', 'education'],
      consultingHours: 60,
      trainingHours: 30,
      stage: 'informed',
    },
  },
  {
    daysAgo: 5,
    answers: {
      organisationName: 'Naturschutzjugend Rhein-Main e.V.',
      city: 'Frankfurt am Main',
      contactName: 'Jonas Becker',
      contactEmail: 'jonas@naju-rheinmain.example',
      employees: 0,
      volunteers: 55,
      annualBudgetCents: 3_000_000,
      devices: 4,
      toolsToday: ['slack', 'trello', 'dropbox'],
      wantedAreas: ['digital_infrastructure'],
      stage: 'committed',
    },
  },
  {
    daysAgo: 2,
    answers: {
      organisationName: 'Flüchtlingsrat Thüringen e.V.',
      city: 'Erfurt',
      contactName: 'Miriam Said',
      contactEmail: 'said@fluechtlingsrat-th.example',
      employees: 7,
      volunteers: 25,
      annualBudgetCents: 48_000_000,
      devices: 12,
      toolsToday: ['google_workspace', '1password', 'mailchimp'],
      painPoints: 'Datenschutz bei Beratungsfällen ist schwer nachzuweisen.',
      wantedAreas: ['digital_infrastructure', 'consulting'],
      consultingHours: 10,
      stage: 'discussing',
    },
  },
]

/**
 * Seeds the demo's questionnaires inside the demo's transaction. `assignedAccountId`: a board or staff account the
 * follow-ups are assigned to (none when left out). Their confirmation mails are written to the outbox like any
 * other; the demo marks its outbox as not sent.
 */
export async function seedDemoNeeds(
  trx: Trx,
  env: ActionEnv,
  options: { assignedAccountId?: string } = {},
): Promise<{ refs: string[] }> {
  const actor = systemActor('seed-demo')
  const now = env.clock.now()
  const today = todayIn(now)
  const refs: string[] = []
  for (const q of demo) {
    const at = new Date(now.getTime() - q.daysAgo * 86_400_000)
    const atEnv = { ...env, clock: fixedClock(at) }
    const input = questionnaireInput.parse({ ...base, ...q.answers })
    const { questionnaire, token } = await submitQuestionnaire(trx, actor, input, atEnv, { ip: null, lang: 'de' })
    refs.push(questionnaire.ref)
    const later = { ...env, clock: fixedClock(new Date(at.getTime() + 2 * 86_400_000)) }
    if (q.followUp)
      await recordFollowUp(
        trx,
        actor,
        questionnaire.id,
        {
          status: q.followUp.status,
          note: q.followUp.note,
          nextOn: addDays(today, q.followUp.inDays),
          assignedAccountId: options.assignedAccountId ?? null,
        },
        later,
      )
    if (q.erase) await eraseQuestionnaire(trx, token, later)
  }
  return { refs }
}
