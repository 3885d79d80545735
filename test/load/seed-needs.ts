/**
 * Needs questionnaires for the founders' benchmark (issue 4: the founders' view with 500 questionnaires under 1 s)
 * and its small run in the test suite. Every questionnaire goes through the real action (submitQuestionnaire:
 * area check, quote with the versions, journal, mail); follow-ups and erasures through theirs. The bulk part is
 * only that one catalog read serves all questionnaires of a day (the action's `basis` option) and that they are
 * written in batches of one transaction each. Organisations are drawn from a seeded generator, so every run makes
 * the same questionnaires.
 */
import { recordFollowUp } from '../../src/needs/follow-up.actions.ts'
import { eraseQuestionnaire, submitQuestionnaire } from '../../src/needs/needs.actions.ts'
import { quoteBasisOn } from '../../src/needs/needs.catalog.ts'
import { questionnaireInput } from '../../src/needs/needs.schema.ts'
import { anonymous, systemActor } from '../../src/platform/actor.ts'
import { fixedClock } from '../../src/platform/clock.ts'
import type { Deps } from '../../src/platform/context.ts'
import { addDays, type PlainDate } from '../../src/platform/dates.ts'
import { ascii, orgKinds, places, Random } from './seed-register-random.ts'

export interface NeedsSeedOptions {
  count: number
  /** Questionnaires arrive on the days from `firstDay` to `lastDay`; the catalog's prices must hold on them. */
  firstDay: PlainDate
  lastDay: PlainDate
  seed?: number
  /** Questionnaires per transaction. */
  batch?: number
  log?: (line: string) => void
}

export interface NeedsSeedResult {
  ids: string[]
  tokens: string[]
  followUps: number
  erased: number
  timings: { questionnaires: number; followUps: number }
}

const painPoints = [
  'Dateien liegen verstreut in privaten Dropbox-Konten.',
  'Zu viele Passwörter, die per Mail geteilt werden.',
  'Videokonferenzen brechen ab, und wir zahlen für Zoom-Lizenzen.',
  'Niemand kümmert sich um Updates der Laptops.',
  'Ehrenamtliche haben keinen Zugang zu gemeinsamen Kalendern.',
  'Der Newsletter läuft über Mailchimp – Datenschutz unklar.',
  'Wir wissen nicht, ob unsere Backups funktionieren.',
  '',
]
const tools = [
  ['google_workspace', 0.35],
  ['microsoft_365', 0.45],
  ['dropbox', 0.4],
  ['zoom', 0.5],
  ['teams', 0.3],
  ['slack', 0.15],
  ['trello', 0.2],
  ['1password', 0.1],
  ['calendly', 0.1],
  ['mailchimp', 0.3],
  ['other', 0.2],
] as const
const areaChance = [
  ['digital_infrastructure', 0.85],
  ['it_helpdesk', 0.55],
  ['managed_workplace', 0.35],
  ['consulting', 0.4],
  ['education', 0.3],
] as const

/** One organisation's answers, drawn from the generator: sizes skewed small, as the founders' audience is. */
export function drawQuestionnaire(rnd: Random, n: number): Record<string, unknown> {
  const employees = rnd.weighted<[number, number]>([
    [[0, 9], 55],
    [[10, 49], 30],
    [[50, 249], 12],
    [[250, 600], 3],
  ])
  const staff = rnd.int(employees[0], employees[1])
  const volunteers = rnd.chance(0.7) ? rnd.int(0, 300) : 0
  const budget = Math.round(staff * rnd.int(40_000, 75_000) + volunteers * rnd.int(0, 500)) * 100
  const [city] = rnd.pick(places)
  const kind = rnd.pick(orgKinds)
  const legalForm = rnd.weighted([
    ['ev', 60],
    ['ggmbh', 15],
    ['stiftung', 10],
    ['eg', 8],
    ['gmbh', 4],
    ['other', 3],
  ] as const)
  let wanted = areaChance.filter(([, p]) => rnd.chance(p)).map(([key]) => key as string)
  if (wanted.length === 0) wanted = ['digital_infrastructure']
  return {
    organisationName: `${kind} ${city} ${n}`,
    legalForm,
    city,
    contactName: `Kontakt ${n}`,
    contactEmail: `kontakt${n}@${ascii(kind)}-${n}.example`,
    contactPhone: rnd.chance(0.5) ? `+49 30 ${rnd.int(1_000_000, 9_999_999)}` : null,
    employees: staff,
    volunteers,
    annualBudgetCents: budget,
    devices: Math.round(staff * 1.3 + volunteers * 0.1),
    toolsToday: tools.filter(([, p]) => rnd.chance(p)).map(([tool]) => tool),
    painPoints: rnd.pick(painPoints),
    wantedAreas: wanted,
    consultingHours: wanted.includes('consulting') ? rnd.int(4, 80) : 0,
    trainingHours: wanted.includes('education') ? rnd.int(4, 40) : 0,
    stage: rnd.weighted([
      ['informed', 45],
      ['discussing', 35],
      ['committed', 20],
    ] as const),
    consentContact: true,
  }
}

/** Seeds `count` questionnaires through the actions; a third get a follow-up, one in thirty is erased. */
export async function seedNeeds(deps: Deps, options: NeedsSeedOptions): Promise<NeedsSeedResult> {
  const rnd = new Random(options.seed ?? 20260210)
  const batch = options.batch ?? 50
  const log = options.log ?? (() => {})
  const ids: string[] = []
  const tokens: string[] = []
  const days: PlainDate[] = []
  for (let d = options.firstDay; d <= options.lastDay; d = addDays(d, 1)) days.push(d)
  const started = performance.now()
  const planned = Array.from({ length: options.count }, (_, i) => ({
    day: days[Math.floor((i * days.length) / options.count)]!,
    input: questionnaireInput.parse(drawQuestionnaire(rnd, i + 1)),
    second: i % 3600,
  }))
  for (let from = 0; from < planned.length; from += batch) {
    const slice = planned.slice(from, from + batch)
    await deps.db.transaction().execute(async (trx) => {
      let basis: Awaited<ReturnType<typeof quoteBasisOn>> | undefined
      for (const p of slice) {
        const at = new Date(`${p.day}T08:00:00Z`)
        at.setUTCSeconds(p.second)
        const env = { ...deps, clock: fixedClock(at) }
        if (basis?.day !== p.day) basis = await quoteBasisOn(trx, p.day)
        const { questionnaire, token } = await submitQuestionnaire(trx, anonymous, p.input, env, {
          ip: null,
          lang: 'de',
          basis,
        })
        ids.push(questionnaire.id)
        tokens.push(token)
      }
    })
    log(`  questionnaires: ${Math.min(from + batch, planned.length)} of ${planned.length}`)
  }
  const questionnaireMs = performance.now() - started
  const followStarted = performance.now()
  const actor = systemActor('seed-needs')
  const statuses = ['contacted', 'in_talks', 'declined'] as const
  let followUps = 0
  let erased = 0
  const lastDay = options.lastDay
  const env = { ...deps, clock: fixedClock(new Date(`${lastDay}T17:00:00Z`)) }
  await deps.db.transaction().execute(async (trx) => {
    for (const [i, id] of ids.entries()) {
      if (i % 30 === 29) {
        await eraseQuestionnaire(trx, tokens[i]!, env)
        erased++
      } else if (i % 3 === 0) {
        await recordFollowUp(
          trx,
          actor,
          id,
          {
            status: statuses[i % statuses.length]!,
            note: `Telefonat ${i}`,
            nextOn: addDays(lastDay, 7 + (i % 21)),
            assignedAccountId: null,
          },
          env,
        )
        followUps++
      }
    }
  })
  return {
    ids,
    tokens,
    followUps,
    erased,
    timings: { questionnaires: questionnaireMs, followUps: performance.now() - followStarted },
  }
}
