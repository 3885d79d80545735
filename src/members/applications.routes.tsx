import { Hono } from 'hono'
import type { Executor } from '../db/db.ts'
import { declarationPdf } from '../documents/member-documents.ts'
import { areaNames } from '../needs/needs.catalog.ts'
import type { AppContext, AppEnv } from '../platform/context.ts'
import { isPlainDate, todayIn } from '../platform/dates.ts'
import { DomainError } from '../platform/errors.ts'
import { fieldIssues, localiseIssues } from '../platform/fields.ts'
import { type Language, translate, translator } from '../platform/i18n.ts'
import { can } from '../platform/policy.ts'
import { validationMessages } from '../platform/validation.messages.ts'
import { listStatutes, statutesOn } from '../statutes/statutes.actions.ts'
import { errorsByField } from '../web/components.tsx'
import { idParam, pageParam } from '../web/params.ts'
import { formValue, redirectWithFlash, render } from '../web/render.tsx'
import { inTransaction } from '../web/transaction.ts'
import { approveApplication, rejectApplication } from './admission.actions.ts'
import { type Application, getApplication, listApplications } from './applications.actions.ts'
import { applicationText } from './applications.messages.ts'
import { ApplicationDetail, ApplicationList, type ApplicationView, applicationStatuses } from './applications.pages.tsx'
import { rejectionInput } from './applications.schema.ts'
import { cooperativeInfo } from './cooperative.ts'
import { memberErrorText } from './errors.messages.ts'
import { findMember } from './members.repo.ts'

export const applicationRoutes = new Hono<AppEnv>()

const pageSize = 25

/** What the pages show beside an application: its statutes' share value and date, the member number. */
export async function applicationView(db: Executor, application: Application): Promise<ApplicationView> {
  const versions = await listStatutes(db)
  const statutes = versions.find((v) => v.id === application.statutesVersionId)
  const member = application.memberId
    ? await findMember(db, application.memberId, application.submittedAt.slice(0, 10))
    : undefined
  return {
    areaNames: await areaNames(db),
    application,
    shareValueCents: statutes?.settings.shareValueCents ?? 0,
    statutesValidFrom: statutes?.validFrom ?? application.declaration?.statutesValidFrom ?? '',
    memberNumber: member?.number ?? null,
  }
}

/** The signed declaration as a PDF (text form, §126b BGB), or not found once its text was purged. */
export async function declarationDownload(c: AppContext, application: Application) {
  const d = application.declaration
  if (!d?.text) throw new DomainError('not_found', 'declaration purged')
  const db = c.get('deps').db
  const pdf = await declarationPdf(
    {
      cooperative: await cooperativeInfo(db),
      reference: application.ref,
      signedAt: new Date(d.signedAt),
      signerName: d.signerName,
      signerEmail: d.signerEmail,
      ipAddress: d.ipAddress,
      statutesValidFrom: d.statutesValidFrom,
      text: d.text,
      contentHash: d.contentHash,
    },
    c.get('lang'),
  )
  return c.body(new Uint8Array(pdf), 200, {
    'content-type': 'application/pdf',
    'content-disposition': `attachment; filename="${application.ref.replace(/[^\w.-]/g, '_')}.pdf"`,
    'cache-control': 'private, no-store',
  })
}

function today(c: AppContext) {
  return todayIn(c.get('deps').clock.now())
}

async function requiredApprovals(c: AppContext): Promise<number> {
  return (await statutesOn(c.get('deps').db, today(c))).settings.admissionApprovals
}

/** Hides the queue from everyone who may not read it; anonymous visitors are sent to sign in. */
function requireReader(c: AppContext) {
  const actor = c.get('actor')
  if (actor.kind !== 'account') throw new DomainError('unauthenticated')
  if (!can(actor, 'application.read_all')) throw new DomainError('forbidden')
}

async function detailPage(
  c: AppContext,
  id: string,
  extra: {
    values?: { effectiveOn?: string; reason?: string }
    errors?: Record<string, string>
    refused?: string | null
  } = {},
  status: 200 | 409 | 422 = 200,
) {
  const actor = c.get('actor')
  const db = c.get('deps').db
  const lang = c.get('lang')
  const application = await getApplication(db, actor, id)
  const view = await applicationView(db, application)
  return render(
    c,
    translator(applicationText, lang)('detail_title', { ref: application.ref }),
    <ApplicationDetail
      lang={lang}
      csrf={c.get('csrf')}
      view={view}
      requiredApprovals={await requiredApprovals(c)}
      canDecide={can(actor, 'application.decide')}
      accountId={actor.accountId}
      today={today(c)}
      {...extra}
    />,
    status,
  )
}

/** A refused decision (already decided, already approved by this person, ...) shown on the detail page. */
function refusal(error: unknown, lang: Language): string | null {
  if (!(error instanceof DomainError) || error.code === 'validation') return null
  if (error.code === 'not_found' || error.code === 'forbidden' || error.code === 'unauthenticated') return null
  return memberErrorText(error.code, lang)
}

applicationRoutes.get('/applications', async (c) => {
  requireReader(c)
  const actor = c.get('actor')
  const lang = c.get('lang')
  const requested = c.req.query('status') ?? 'submitted'
  const status =
    requested === 'all' || (applicationStatuses as readonly string[]).includes(requested) ? requested : 'submitted'
  const page = pageParam(c.req.query('page'))
  const result = await listApplications(c.get('deps').db, actor, {
    status: status === 'all' ? undefined : (status as Application['status']),
    page,
    pageSize,
  })
  return render(
    c,
    translator(applicationText, lang)('list_title'),
    <ApplicationList
      lang={lang}
      items={result.items}
      total={result.total}
      page={page}
      pageSize={pageSize}
      status={status}
      requiredApprovals={await requiredApprovals(c)}
    />,
  )
})

applicationRoutes.get('/applications/:id', async (c) => {
  if (c.get('actor').kind !== 'account') throw new DomainError('unauthenticated')
  return detailPage(c, idParam(c.req.param('id')))
})

applicationRoutes.get('/applications/:id/declaration.pdf', async (c) => {
  if (c.get('actor').kind !== 'account') throw new DomainError('unauthenticated')
  const application = await getApplication(c.get('deps').db, c.get('actor'), idParam(c.req.param('id')))
  return declarationDownload(c, application)
})

applicationRoutes.post('/applications/:id/approve', async (c) => {
  const actor = c.get('actor')
  const id = idParam(c.req.param('id'))
  const lang = c.get('lang')
  const t = translator(applicationText, lang)
  if (!can(actor, 'application.decide'))
    throw new DomainError(actor.kind === 'account' ? 'forbidden' : 'unauthenticated')
  const effectiveOn = formValue(c, 'effectiveOn').trim()
  if (effectiveOn && !isPlainDate(effectiveOn)) {
    const message = translate(validationMessages, lang, 'date_invalid')
    return detailPage(c, id, { values: { effectiveOn }, errors: { effectiveOn: message } }, 422)
  }
  const deps = c.get('deps')
  try {
    const result = await inTransaction(c, (trx) =>
      approveApplication(trx, actor, id, deps, effectiveOn ? { effectiveOn } : {}),
    )
    if (result.status === 'admitted')
      return redirectWithFlash(c, `/applications/${id}`, t('admitted_flash', { number: result.member.number }))
    const missing = result.required - result.approvals
    return redirectWithFlash(
      c,
      `/applications/${id}`,
      missing === 1 ? t('awaiting_flash_one') : t('awaiting_flash_more', { missing }),
    )
  } catch (error) {
    if (error instanceof DomainError && error.code === 'validation') {
      const errors = errorsByField(localiseIssues(error.fields, lang))
      return detailPage(c, id, { values: { effectiveOn }, errors }, 422)
    }
    const refused = refusal(error, lang)
    if (refused) return detailPage(c, id, { values: { effectiveOn }, refused }, 409)
    throw error
  }
})

applicationRoutes.post('/applications/:id/reject', async (c) => {
  const actor = c.get('actor')
  const id = idParam(c.req.param('id'))
  const lang = c.get('lang')
  const t = translator(applicationText, lang)
  if (!can(actor, 'application.decide'))
    throw new DomainError(actor.kind === 'account' ? 'forbidden' : 'unauthenticated')
  const raw = { reason: formValue(c, 'reason') }
  const parsed = rejectionInput.safeParse(raw)
  if (!parsed.success)
    return detailPage(c, id, { values: raw, errors: errorsByField(fieldIssues(parsed.error, lang)) }, 422)
  const deps = c.get('deps')
  try {
    const application = await inTransaction(c, (trx) => rejectApplication(trx, actor, id, parsed.data.reason, deps))
    return redirectWithFlash(c, `/applications/${id}`, t('rejected_flash', { email: application.applicant.email }))
  } catch (error) {
    const refused = refusal(error, lang)
    if (refused) return detailPage(c, id, { values: raw, refused }, 409)
    throw error
  }
})
