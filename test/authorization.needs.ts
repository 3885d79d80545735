import { submitQuestionnaire } from '../src/needs/needs.actions.ts'
import { questionnaireInput } from '../src/needs/needs.schema.ts'
import { anonymous } from '../src/platform/actor.ts'
import type { Expectation, Who } from './authorization.roles.ts'
import type { TestApp } from './support/app.ts'
import { questionnaireForm, questionnaireJson } from './support/needs.ts'

/**
 * The needs questionnaire: public form, quote and erasure by its link; the founders' view for the board, the
 * supervisory board and staff; follow-ups by the board and staff only.
 */
const founders: Who[] = ['board', 'supervisor', 'staff']
const followers: Who[] = ['board', 'staff']

interface NeedsFixtures {
  id: string
  token: string
  /** A second questionnaire, so erasing one leaves the other for the routes after it. */
  eraseToken: string
}

const cache = new WeakMap<TestApp, NeedsFixtures>()

async function needsFixtures(t: TestApp): Promise<NeedsFixtures> {
  const cached = cache.get(t)
  if (cached) return cached
  const submit = (email: string) =>
    t.deps.db.transaction().execute((trx) =>
      submitQuestionnaire(
        trx,
        anonymous,
        questionnaireInput.parse(questionnaireJson({ contactEmail: email })),
        t.deps,
        {
          ip: null,
          lang: 'de',
        },
      ),
    )
  const kept = await submit('walk@needs.test')
  const erased = await submit('walk-erase@needs.test')
  const fx = { id: kept.questionnaire.id, token: kept.token, eraseToken: erased.token }
  cache.set(t, fx)
  return fx
}

const token = async (t: TestApp) => ({ ':token': (await needsFixtures(t)).token })
const eraseToken = async (t: TestApp) => ({ ':token': (await needsFixtures(t)).eraseToken })
const id = async (t: TestApp) => ({ ':id': (await needsFixtures(t)).id })

export const needsExpectations: Record<string, Expectation> = {
  'GET /needs': { allow: 'public' },
  'POST /needs': { allow: 'public', body: questionnaireForm() },
  'GET /needs/:token': { allow: 'public', params: token },
  'GET /needs/:token/quote.pdf': { allow: 'public', params: token },
  'POST /needs/:token/erase': { allow: 'public', params: eraseToken },
  'GET /needs/overview': { allow: founders },
  'GET /needs/overview.csv': { allow: founders },
  'GET /needs/summary.csv': { allow: founders },
  'GET /needs/by-id/:id': { allow: founders, params: id },
  'POST /needs/by-id/:id/follow-ups': { allow: followers, body: { status: 'contacted', note: 'walk' }, params: id },
  'POST /api/v1/questionnaires': { allow: 'public', body: questionnaireJson() },
  'GET /api/v1/questionnaires/tracking/:token': { allow: 'public', params: token },
  'POST /api/v1/questionnaires/tracking/:token/erase': { allow: 'public', params: eraseToken },
  'GET /api/v1/questionnaires': { allow: founders },
  'GET /api/v1/questionnaires/summary': { allow: founders },
  'GET /api/v1/questionnaires/:id': { allow: founders, params: id },
  'POST /api/v1/questionnaires/:id/follow-ups': { allow: followers, body: { status: 'contacted' }, params: id },
}
