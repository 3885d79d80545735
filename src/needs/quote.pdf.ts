import { pick } from '../catalog/catalog.model.ts'
import { toolLabel } from '../catalog/tools.ts'
import { type PdfBlock, renderPdf } from '../documents/pdf.ts'
import type { CooperativeInfo } from '../members/cooperative.ts'
import { legalFormLabel } from '../organisations/organisations.pages.tsx'
import { formatEuro, type Language, translator } from '../platform/i18n.ts'
import { needsText, stageLabel } from './needs.messages.ts'
import type { Questionnaire } from './needs.model.ts'
import { quoteTexts } from './quote-view.ts'

/**
 * The quote as a PDF (src/documents: A4, the cooperative's name on every page). The same lines as the page
 * (quote-view.ts); dated by the submission, so the same questionnaire always gives the same bytes.
 */
export function quotePdf(
  q: Questionnaire,
  cooperative: CooperativeInfo,
  lang: Language,
  options: { compress?: boolean } = {},
): Promise<Buffer> {
  const t = translator(needsText, lang)
  const x = quoteTexts(q.storedQuote, lang)
  const areaName = (key: string) => {
    const name = q.storedQuote.names.areas[key]
    return name ? pick(name, lang) : key
  }
  const blocks: PdfBlock[] = [
    { type: 'heading', text: t('pdf_title', { ref: q.ref }) },
    { type: 'paragraph', text: t('pdf_for', { organisation: q.organisationName || q.ref }) },
    { type: 'heading', text: t('inputs_section'), level: 2 },
    {
      type: 'keyValue',
      items: [
        { key: t('organisation_name'), value: q.organisationName || t('none') },
        { key: t('legal_form'), value: legalFormLabel(lang, q.legalForm) },
        { key: t('city'), value: q.city || t('none') },
        {
          key: t('contact'),
          value: [q.contactName, q.contactEmail, q.contactPhone].filter(Boolean).join(', ') || t('none'),
        },
        {
          key: t('size'),
          value: t('size_value', {
            employees: q.employees,
            volunteers: q.volunteers,
            budget: formatEuro(q.annualBudgetCents, lang),
            devices: q.devices,
          }),
        },
        { key: t('wanted_areas'), value: q.wantedAreas.map(areaName).join(', ') || t('none') },
        { key: t('tools_today'), value: q.toolsToday.map((tool) => toolLabel(tool, lang)).join(', ') || t('none') },
        { key: t('hours'), value: t('hours_value', { consulting: q.consultingHours, training: q.trainingHours }) },
        { key: t('stage'), value: stageLabel(q.stage, lang) },
      ],
    },
    { type: 'heading', text: t('monthly_section'), level: 2 },
  ]
  if (x.monthly.total === null) blocks.push({ type: 'paragraph', text: t('no_primary') })
  else
    blocks.push({
      type: 'table',
      columns: [
        { label: t('area'), width: 4 },
        { label: t('tier'), width: 1.6 },
        { label: t('net'), width: 1.6, align: 'right' },
        { label: t('vat'), width: 2, align: 'right' },
        { label: t('gross'), width: 1.6, align: 'right' },
        { label: t('setup'), width: 1.8, align: 'right' },
      ],
      rows: x.monthly.rows.map((r) =>
        r.priced ? [r.area, r.tier, r.net, r.vat, r.gross, r.setup] : [r.area, t('unpriced'), '', '', '', ''],
      ),
      footer: [
        t('total_monthly'),
        '',
        x.monthly.total.net,
        x.monthly.total.vat,
        x.monthly.total.gross,
        x.monthly.total.setup,
      ],
    })
  if (x.monthly.unpricedNote) blocks.push({ type: 'notice', text: x.monthly.unpricedNote })
  blocks.push(
    { type: 'heading', text: t('shares_section'), level: 2 },
    {
      type: 'keyValue',
      items: [
        { key: t('shares_mandatory'), value: `${x.shares.mandatory} – ${x.shares.why}` },
        { key: t('first_payment'), value: x.shares.firstPayment },
        { key: t('shares_suggested'), value: `${x.shares.suggested} – ${x.shares.suggestedWhy}` },
      ],
    },
    {
      type: 'table',
      columns: [
        { label: t('due'), width: 3 },
        { label: t('plan_mandatory'), width: 2, align: 'right' },
        { label: t('plan_with_suggested'), width: 2, align: 'right' },
      ],
      rows: x.shares.plan.map((p) => [p.due, p.mandatory, p.withSuggested]),
    },
    { type: 'heading', text: t('hours_section'), level: 2 },
  )
  if (x.hours.length === 0) blocks.push({ type: 'paragraph', text: t('hours_none') })
  else
    blocks.push(
      {
        type: 'table',
        columns: [
          { label: t('area'), width: 3.4 },
          { label: t('hours_table_hours'), width: 1.2, align: 'right' },
          { label: t('rate_member'), width: 1.5, align: 'right' },
          { label: t('total_member'), width: 1.7, align: 'right' },
          { label: t('rate_non_member'), width: 1.5, align: 'right' },
          { label: t('total_non_member'), width: 1.7, align: 'right' },
        ],
        rows: x.hours.map((h) =>
          h.priced
            ? [h.area, h.hours, h.rateMember, h.totalMember, h.rateNonMember, h.totalNonMember]
            : [h.area, h.hours, t('unpriced'), '', '', ''],
        ),
      },
      { type: 'notice', text: t('hours_net_note') },
    )
  blocks.push({ type: 'heading', text: t('migration_section'), level: 2 })
  if (x.migration.length === 0) blocks.push({ type: 'paragraph', text: t('no_tools') })
  else
    blocks.push({
      type: 'table',
      columns: [
        { label: t('tool'), width: 2 },
        { label: t('replacement'), width: 6 },
      ],
      rows: x.migration.map((m) => [
        m.tool,
        m.replacements.length === 0
          ? t('no_replacement')
          : m.replacements.map((r) => `${r.service}${r.software ? ` (${r.software})` : ''} – ${r.where}`).join('\n'),
      ]),
    })
  blocks.push(
    { type: 'notice', text: `${x.computedWith} ${x.priceVersions}` },
    { type: 'notice', text: t('pdf_footer') },
  )
  return renderPdf({
    lang,
    title: t('pdf_title', { ref: q.ref }),
    author: cooperative.name,
    subject: t('pdf_for', { organisation: q.organisationName || q.ref }),
    header: cooperative.name,
    footer: [cooperative.name, cooperative.address].filter(Boolean).join(' · '),
    createdAt: new Date(q.submittedAt),
    compress: options.compress,
    blocks,
  })
}
