/**
 * The documents a member (or the board) can download: share certificate, capital statement, extract from the
 * register of members (§ 31 GenG), the register itself (§ 30 GenG) and the signed membership declaration.
 * Pure rendering: every figure comes in already computed; the issue date comes in, the clock is never read.
 */
import type { CooperativeInfo } from '../members/cooperative.ts'
import { todayIn } from '../platform/dates.ts'
import { formatDate, formatDateTime, formatEuro, type Language, translator } from '../platform/i18n.ts'
import { documentsText } from './documents.messages.ts'
import { type PdfBlock, renderPdf } from './pdf.ts'

export interface MemberHeader {
  /** Readable member number, e.g. M-00042. */
  number: string
  name: string
  address: string
  memberType: 'organisation' | 'employee' | 'supporting'
  joinedOn: string
  exitOn: string | null
  /** Already in the reader's language. */
  exitReason: string | null
}

/** Internal switch for tests: uncompressed content streams can be read back as text. */
export interface RenderOptions {
  compress?: boolean
}

type Translate = (key: keyof typeof documentsText.de, params?: Record<string, string | number>) => string

const countFormats = {
  de: new Intl.NumberFormat('de-DE', { maximumFractionDigits: 0 }),
  en: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 }),
}

function formatCount(value: number, lang: Language): string {
  return countFormats[lang].format(value)
}

function formatChange(value: number | null, lang: Language): string {
  if (value === null) return ''
  return value > 0 ? `+${formatCount(value, lang)}` : formatCount(value, lang)
}

function memberItems(member: MemberHeader, t: Translate, lang: Language): Array<{ key: string; value: string }> {
  const items = [
    { key: t('member_number'), value: member.number },
    { key: t('member'), value: member.name },
    { key: t('address'), value: member.address },
    { key: t('member_type'), value: t(`type_${member.memberType}`) },
    { key: t('joined_on'), value: formatDate(member.joinedOn, lang) },
  ]
  if (member.exitOn) items.push({ key: t('exit_on'), value: formatDate(member.exitOn, lang) })
  if (member.exitReason) items.push({ key: t('exit_reason'), value: member.exitReason })
  return items
}

function frame(cooperative: CooperativeInfo, lang: Language) {
  return {
    lang,
    author: cooperative.name,
    header: cooperative.name,
    footer: `${cooperative.name} · ${cooperative.address}`,
  }
}

function issuedOn(issuedAt: Date, t: Translate, lang: Language): PdfBlock {
  return { type: 'paragraph', text: t('issued_on', { date: formatDate(todayIn(issuedAt), lang) }) }
}

/** Anteilsbescheinigung: the shares a member holds on a date, what they add up to and what is paid in. */
export function shareCertificatePdf(
  input: {
    cooperative: CooperativeInfo
    member: MemberHeader
    asOf: string
    shares: number
    mandatoryShares: number
    shareValueCents: number
    paidInCents: number
    issuedAt: Date
  },
  lang: Language,
  options: RenderOptions = {},
): Promise<Buffer> {
  const t = translator(documentsText, lang)
  const { member } = input
  const subscribedCents = input.shares * input.shareValueCents
  const outstandingCents = subscribedCents - input.paidInCents
  const intro = t(input.shares === 1 ? 'certificate_intro_one' : 'certificate_intro', {
    name: member.name,
    number: member.number,
    date: formatDate(input.asOf, lang),
    shares: formatCount(input.shares, lang),
    value: formatEuro(input.shareValueCents, lang),
    cooperative: input.cooperative.name,
  })
  const figures = [
    { key: t('as_of'), value: formatDate(input.asOf, lang) },
    { key: t('shares'), value: formatCount(input.shares, lang) },
    { key: t('mandatory_shares'), value: formatCount(input.mandatoryShares, lang) },
    { key: t('share_value'), value: formatEuro(input.shareValueCents, lang) },
    { key: t('subscribed'), value: formatEuro(subscribedCents, lang) },
    { key: t('paid_in'), value: formatEuro(input.paidInCents, lang) },
  ]
  if (outstandingCents > 0) figures.push({ key: t('outstanding'), value: formatEuro(outstandingCents, lang) })
  return renderPdf({
    ...frame(input.cooperative, lang),
    title: `${t('certificate_title')} ${member.number}`,
    subject: `${t('certificate_title')} – ${member.name}`,
    createdAt: input.issuedAt,
    compress: options.compress,
    blocks: [
      { type: 'heading', text: t('certificate_title') },
      { type: 'paragraph', text: intro },
      { type: 'keyValue', items: memberItems(member, t, lang) },
      { type: 'keyValue', items: figures },
      issuedOn(input.issuedAt, t, lang),
      { type: 'signature', captions: [t('place_date'), t('board')] },
      { type: 'spacer', height: 16 },
      { type: 'notice', text: t('certificate_notice') },
    ],
  })
}

/** Kontoauszug Geschäftsguthaben: every capital transaction of a period with the balance after it. */
export function capitalStatementPdf(
  input: {
    cooperative: CooperativeInfo
    member: MemberHeader
    from: string
    to: string
    openingBalanceCents: number
    rows: Array<{
      effectiveOn: string
      kind: string
      reference: string
      amountCents: number
      balanceAfterCents: number
    }>
    closingBalanceCents: number
    dueCents: number
    paidInCents: number
    outstandingCents: number
    issuedAt: Date
  },
  lang: Language,
  options: RenderOptions = {},
): Promise<Buffer> {
  const t = translator(documentsText, lang)
  const { member } = input
  const euro = (cents: number) => formatEuro(cents, lang)
  const period = t('period_value', { from: formatDate(input.from, lang), to: formatDate(input.to, lang) })
  return renderPdf({
    ...frame(input.cooperative, lang),
    title: `${t('statement_title')} ${member.number}`,
    subject: `${t('statement_title')} – ${member.name}, ${period}`,
    createdAt: input.issuedAt,
    compress: options.compress,
    blocks: [
      { type: 'heading', text: t('statement_title') },
      { type: 'keyValue', items: [...memberItems(member, t, lang), { key: t('period'), value: period }] },
      {
        type: 'table',
        columns: [
          { label: t('date'), width: 14 },
          { label: t('transaction'), width: 30 },
          { label: t('reference'), width: 22 },
          { label: t('amount'), width: 17, align: 'right' },
          { label: t('balance'), width: 17, align: 'right' },
        ],
        rows: [
          [formatDate(input.from, lang), t('opening_balance'), '', '', euro(input.openingBalanceCents)],
          ...input.rows.map((row) => [
            formatDate(row.effectiveOn, lang),
            row.kind,
            row.reference,
            euro(row.amountCents),
            euro(row.balanceAfterCents),
          ]),
        ],
        footer: [formatDate(input.to, lang), t('closing_balance'), '', '', euro(input.closingBalanceCents)],
      },
      {
        type: 'keyValue',
        items: [
          { key: t('due'), value: euro(input.dueCents) },
          { key: t('paid'), value: euro(input.paidInCents) },
          { key: t('open'), value: euro(input.outstandingCents) },
        ],
      },
      issuedOn(input.issuedAt, t, lang),
      { type: 'notice', text: t('machine_made') },
    ],
  })
}

/** §§ 30, 31 GenG: the member's own entries in the register: joining, each change of shares, leaving. */
export function registerExtractPdf(
  input: {
    cooperative: CooperativeInfo
    member: MemberHeader
    entries: Array<{ effectiveOn: string; event: string; sharesChange: number | null; sharesAfter: number | null }>
    issuedAt: Date
  },
  lang: Language,
  options: RenderOptions = {},
): Promise<Buffer> {
  const t = translator(documentsText, lang)
  const { member } = input
  return renderPdf({
    ...frame(input.cooperative, lang),
    title: `${t('extract_title')} ${member.number}`,
    subject: `${t('extract_title')} – ${member.name}`,
    createdAt: input.issuedAt,
    compress: options.compress,
    blocks: [
      { type: 'heading', text: t('extract_title') },
      { type: 'paragraph', text: t('extract_intro') },
      { type: 'keyValue', items: memberItems(member, t, lang) },
      {
        type: 'table',
        columns: [
          { label: t('effective_on'), width: 16 },
          { label: t('entry'), width: 48 },
          { label: t('shares_change'), width: 18, align: 'right' },
          { label: t('shares_after'), width: 18, align: 'right' },
        ],
        rows: input.entries.map((entry) => [
          formatDate(entry.effectiveOn, lang),
          entry.event,
          formatChange(entry.sharesChange, lang),
          entry.sharesAfter === null ? '' : formatCount(entry.sharesAfter, lang),
        ]),
      },
      issuedOn(input.issuedAt, t, lang),
      { type: 'notice', text: t('machine_made') },
    ],
  })
}

/** § 30 GenG: the register of members as of a date, one row per member, landscape for the width. */
export function registerListPdf(
  input: {
    cooperative: CooperativeInfo
    asOf: string
    rows: Array<{
      number: string
      name: string
      address: string
      memberType: string
      joinedOn: string
      shares: number
      exitOn: string | null
      exitReason: string | null
    }>
    issuedAt: Date
  },
  lang: Language,
  options: RenderOptions = {},
): Promise<Buffer> {
  const t = translator(documentsText, lang)
  const asOf = formatDate(input.asOf, lang)
  return renderPdf({
    ...frame(input.cooperative, lang),
    title: `${t('list_title')} ${asOf}`,
    subject: `${t('list_title')} – ${input.cooperative.name}`,
    createdAt: input.issuedAt,
    layout: 'landscape',
    compress: options.compress,
    blocks: [
      { type: 'heading', text: t('list_title') },
      { type: 'paragraph', text: t('list_intro', { date: asOf, count: formatCount(input.rows.length, lang) }) },
      {
        type: 'table',
        fontSize: 8,
        columns: [
          { label: t('number_short'), width: 8 },
          { label: t('name'), width: 18 },
          { label: t('address'), width: 23 },
          { label: t('type_short'), width: 12 },
          { label: t('joined_short'), width: 8.5 },
          { label: t('shares_short'), width: 6.5, align: 'right' },
          { label: t('exit_short'), width: 10 },
          { label: t('reason_short'), width: 14 },
        ],
        rows: input.rows.map((row) => [
          row.number,
          row.name,
          row.address,
          row.memberType,
          formatDate(row.joinedOn, lang),
          formatCount(row.shares, lang),
          row.exitOn ? formatDate(row.exitOn, lang) : '',
          row.exitReason ?? '',
        ]),
      },
      issuedOn(input.issuedAt, t, lang),
    ],
  })
}

/**
 * Beitrittserklärung as the applicant agreed to it: the exact text, who, when, from which address, which
 * statutes and the content hash. The PDF's creation date is the signing time, so the record of one
 * declaration always renders to the same bytes.
 */
export function declarationPdf(
  input: {
    cooperative: CooperativeInfo
    reference: string
    signedAt: Date
    signerName: string
    signerEmail: string
    ipAddress: string | null
    statutesValidFrom: string
    text: string
    contentHash: string
  },
  lang: Language,
  options: RenderOptions = {},
): Promise<Buffer> {
  const t = translator(documentsText, lang)
  return renderPdf({
    ...frame(input.cooperative, lang),
    title: `${t('declaration_title')} ${input.reference}`,
    subject: `${t('declaration_title')} – ${input.signerName}`,
    createdAt: input.signedAt,
    compress: options.compress,
    blocks: [
      { type: 'heading', text: t('declaration_title') },
      { type: 'paragraph', text: t('declaration_intro') },
      {
        type: 'keyValue',
        items: [
          { key: t('reference'), value: input.reference },
          { key: t('cooperative'), value: `${input.cooperative.name}, ${input.cooperative.address}` },
          { key: t('name'), value: input.signerName },
          { key: t('email'), value: input.signerEmail },
          { key: t('signed_at'), value: formatDateTime(input.signedAt, lang) },
          { key: t('signed_at_utc'), value: input.signedAt.toISOString() },
          { key: t('ip_address'), value: input.ipAddress ?? t('not_recorded') },
          { key: t('statutes_valid_from'), value: formatDate(input.statutesValidFrom, lang) },
          { key: t('content_hash'), value: input.contentHash, mono: true },
        ],
      },
      { type: 'heading', text: t('declaration_text'), level: 2 },
      { type: 'paragraph', text: input.text },
      { type: 'spacer', height: 6 },
      { type: 'notice', text: t('declaration_notice') },
    ],
  })
}
