import { Hono } from 'hono'
import type { AppEnv } from '../platform/context.ts'
import { authorize, can } from '../platform/policy.ts'
import { redirectWithFlash, render } from '../web/render.tsx'
import { inTransaction } from '../web/transaction.ts'
import { detailOf } from './assemblies.routes.tsx'
import { g } from './governance.messages.ts'
import { recomputeRoll, voterRoll } from './voters.actions.ts'
import { VoterRollPage } from './voters.pages.tsx'

/** The voter roll page (board, supervisory board, auditors) and its recomputation (board, until the assembly opens). */
export const voterRoutes = new Hono<AppEnv>()

voterRoutes.get('/assemblies/:ref/voters', async (c) => {
  const actor = c.get('actor')
  authorize(actor, 'governance.read_all')
  const detail = await detailOf(c)
  const { voters, counts } = await voterRoll(c.get('deps').db, actor, detail.assembly.id)
  const lang = c.get('lang')
  c.header('cache-control', 'private, no-store')
  return render(
    c,
    g(lang)('roll_title', { ref: detail.assembly.ref }),
    <VoterRollPage
      lang={lang}
      csrf={c.get('csrf')}
      assembly={detail.assembly}
      voters={voters}
      counts={counts}
      canManage={can(actor, 'assembly.manage')}
    />,
  )
})

voterRoutes.post('/assemblies/:ref/voters/recompute', async (c) => {
  const actor = c.get('actor')
  authorize(actor, 'assembly.manage')
  const detail = await detailOf(c)
  const deps = c.get('deps')
  const counts = await inTransaction(c, (trx) => recomputeRoll(trx, actor, detail.assembly.ref, deps))
  return redirectWithFlash(
    c,
    `/assemblies/${detail.assembly.ref}/voters`,
    g(c.get('lang'))('recomputed_flash', { members: counts.members }),
  )
})
