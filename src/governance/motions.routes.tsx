import { Hono } from 'hono'
import type { AppContext, AppEnv } from '../platform/context.ts'
import { DomainError } from '../platform/errors.ts'
import { fieldIssues, localiseIssues } from '../platform/fields.ts'
import { translator } from '../platform/i18n.ts'
import { type Errors, errorsByField } from '../web/components.tsx'
import { redirectWithFlash, render } from '../web/render.tsx'
import { inTransaction } from '../web/transaction.ts'
import {
  admitMotion,
  getMotion,
  listMotions,
  motionAccess,
  submitMotion,
  supportMotion,
  withdrawMotion,
} from './motions.actions.ts'
import { admitAmendment, submitAmendment, withdrawAmendment } from './motions.amendments.actions.ts'
import { motionsText } from './motions.messages.ts'
import { AmendmentFormPage, MotionFormPage, MotionPage, MotionsPage, motionsPath } from './motions.pages.tsx'
import { acceptsMotions } from './motions.rules.ts'
import { amendmentFromForm, amendmentInput, motionFromForm, motionInput, supportInput } from './motions.schema.ts'

/** The motion pages of an assembly: /assemblies/:ref/motions and below (the assembly pages are elsewhere). */
export const motionRoutes = new Hono<AppEnv>()

function readForm(c: AppContext): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(c.get('form'))) {
    if (name === '_csrf') continue
    out[name] = Array.isArray(value) ? (value[0] ?? '') : value
  }
  return out
}

function refs(c: AppContext) {
  return { assembly: c.req.param('ref') ?? '', motion: c.req.param('motion') ?? '' }
}

/** Form errors from a parse failure or an action's validation error; anything else is rethrown. */
function formErrors(c: AppContext, error: unknown): Errors {
  if (error instanceof DomainError && error.code === 'validation')
    return errorsByField(localiseIssues(error.fields, c.get('lang')))
  throw error
}

motionRoutes.get('/assemblies/:ref/motions', async (c) => {
  const lang = c.get('lang')
  const { access, motions } = await listMotions(c.get('deps').db, c.get('actor'), refs(c))
  return render(
    c,
    translator(motionsText, lang)('title'),
    <MotionsPage
      lang={lang}
      assembly={access.assembly}
      motions={motions}
      canSubmit={access.manage || access.actsFor.length > 0}
      open={acceptsMotions(access.assembly.status)}
    />,
  )
})

async function motionForm(c: AppContext, values: Record<string, string>, errors?: Errors, status: 200 | 422 = 200) {
  const access = await motionAccess(c.get('deps').db, c.get('actor'), refs(c).assembly)
  if (!access.manage && access.actsFor.length === 0) throw new DomainError('forbidden', 'assembly.act')
  if (!acceptsMotions(access.assembly.status)) throw new DomainError('conflict', 'assembly takes no motions')
  const lang = c.get('lang')
  return render(
    c,
    translator(motionsText, lang)('new_title'),
    <MotionFormPage
      lang={lang}
      csrf={c.get('csrf')}
      assembly={access.assembly}
      members={access.actsFor}
      values={values}
      errors={errors}
    />,
    status,
  )
}

motionRoutes.get('/assemblies/:ref/motions/new', (c) => motionForm(c, {}))

motionRoutes.post('/assemblies/:ref/motions', async (c) => {
  const raw = readForm(c)
  const parsed = motionInput.safeParse(motionFromForm(raw))
  if (!parsed.success) {
    // who may not submit learns that before any field message
    await motionAccess(c.get('deps').db, c.get('actor'), refs(c).assembly)
    return motionForm(c, raw, errorsByField(fieldIssues(parsed.error, c.get('lang'))), 422)
  }
  const { deps, actor } = { deps: c.get('deps'), actor: c.get('actor') }
  try {
    const motion = await inTransaction(c, (trx) =>
      submitMotion(trx, actor, { ...parsed.data, assembly: refs(c).assembly }, deps),
    )
    return redirectWithFlash(
      c,
      motionsPath(refs(c).assembly, motion.ref),
      translator(motionsText, c.get('lang'))('flash_submitted', { ref: motion.ref }),
    )
  } catch (error) {
    return motionForm(c, raw, formErrors(c, error), 422)
  }
})

async function amendmentForm(c: AppContext, values: Record<string, string>, errors?: Errors, status: 200 | 422 = 200) {
  const { access, motion } = await getMotion(c.get('deps').db, c.get('actor'), refs(c))
  if (!access.manage && access.actsFor.length === 0) throw new DomainError('forbidden', 'assembly.act')
  if (!acceptsMotions(access.assembly.status)) throw new DomainError('conflict', 'assembly takes no motions')
  const lang = c.get('lang')
  return render(
    c,
    translator(motionsText, lang)('amend_title', { ref: motion.ref }),
    <AmendmentFormPage
      lang={lang}
      csrf={c.get('csrf')}
      assembly={access.assembly}
      motion={motion}
      members={access.actsFor}
      values={{ body: motion.body, ...values }}
      errors={errors}
    />,
    status,
  )
}

motionRoutes.get('/assemblies/:ref/motions/:motion/amendments/new', (c) => amendmentForm(c, {}))

motionRoutes.post('/assemblies/:ref/motions/:motion/amendments', async (c) => {
  const raw = readForm(c)
  const parsed = amendmentInput.safeParse(amendmentFromForm(raw))
  if (!parsed.success) {
    await getMotion(c.get('deps').db, c.get('actor'), refs(c))
    return amendmentForm(c, raw, errorsByField(fieldIssues(parsed.error, c.get('lang'))), 422)
  }
  const { deps, actor } = { deps: c.get('deps'), actor: c.get('actor') }
  try {
    const amendment = await inTransaction(c, (trx) => submitAmendment(trx, actor, { ...parsed.data, ...refs(c) }, deps))
    return redirectWithFlash(
      c,
      `${motionsPath(refs(c).assembly, refs(c).motion)}#amendment-${amendment.ref}`,
      translator(motionsText, c.get('lang'))('flash_amended', { ref: amendment.ref }),
    )
  } catch (error) {
    return amendmentForm(c, raw, formErrors(c, error), 422)
  }
})

motionRoutes.get('/assemblies/:ref/motions/:motion', async (c) => {
  const lang = c.get('lang')
  const actor = c.get('actor')
  const detail = await getMotion(c.get('deps').db, actor, refs(c))
  return render(
    c,
    `${detail.motion.ref}: ${detail.motion.title}`,
    <MotionPage
      lang={lang}
      csrf={c.get('csrf')}
      assembly={detail.access.assembly}
      motion={detail.motion}
      supporters={detail.supporters}
      amendments={detail.amendments}
      agendaDays={detail.agendaDays}
      open={acceptsMotions(detail.access.assembly.status)}
      manage={detail.access.manage}
      actsFor={detail.access.actsFor}
      personId={actor.personId}
    />,
  )
})

/** A workflow step from a button: the action, then back to the motion with a message (or the reason it failed). */
async function step(
  c: AppContext,
  run: Parameters<typeof inTransaction>[1],
  flash: string,
  anchor = '',
): Promise<Response> {
  const { assembly, motion } = refs(c)
  try {
    await inTransaction(c, run)
  } catch (error) {
    if (error instanceof DomainError && error.code === 'validation' && error.fields.length)
      return redirectWithFlash(
        c,
        motionsPath(assembly, motion),
        localiseIssues(error.fields, c.get('lang'))
          .map((f) => f.message)
          .join(' '),
      )
    throw error
  }
  return redirectWithFlash(c, `${motionsPath(assembly, motion)}${anchor}`, flash)
}

motionRoutes.post('/assemblies/:ref/motions/:motion/support', async (c) => {
  const parsed = supportInput.safeParse({ memberId: readForm(c).memberId || null })
  if (!parsed.success) throw new DomainError('validation', 'memberId')
  const t = translator(motionsText, c.get('lang'))
  return step(
    c,
    (trx) => supportMotion(trx, c.get('actor'), { ...parsed.data, ...refs(c) }, c.get('deps')),
    t('flash_supported', { ref: refs(c).motion }),
  )
})

motionRoutes.post('/assemblies/:ref/motions/:motion/admit', async (c) => {
  const t = translator(motionsText, c.get('lang'))
  return step(
    c,
    (trx) => admitMotion(trx, c.get('actor'), refs(c), c.get('deps')),
    t('flash_admitted', { ref: refs(c).motion }),
  )
})

motionRoutes.post('/assemblies/:ref/motions/:motion/withdraw', async (c) => {
  const t = translator(motionsText, c.get('lang'))
  return step(
    c,
    (trx) => withdrawMotion(trx, c.get('actor'), refs(c), c.get('deps')),
    t('flash_withdrawn', { ref: refs(c).motion }),
  )
})

for (const [path, action, key] of [
  ['admit', admitAmendment, 'flash_admitted'],
  ['withdraw', withdrawAmendment, 'flash_withdrawn'],
] as const)
  motionRoutes.post(`/assemblies/:ref/motions/:motion/amendments/:amendment/${path}`, async (c) => {
    const t = translator(motionsText, c.get('lang'))
    const amendment = c.req.param('amendment') ?? ''
    return step(
      c,
      (trx) => action(trx, c.get('actor'), { ...refs(c), amendment }, c.get('deps')),
      t(key, { ref: amendment }),
      `#amendment-${amendment}`,
    )
  })
