/**
 * A small document builder over pdfkit: A4 pages, the cooperative's name on top of every page, "Seite 1 von 3"
 * at the bottom, and a handful of blocks. Layout is done here (line breaking, page breaks, table headers
 * repeated on every page) and pdfkit only places single lines, which keeps 10,000-row tables fast.
 *
 * The output is deterministic: dates come from the spec, and pdfkit derives the document ID from the info
 * dictionary (an MD5 over CreationDate and the other entries), so the same spec gives the same bytes.
 */
import PDFDocument from 'pdfkit'
import type { Language } from '../platform/i18n.ts'
import { PageWriter } from './pdf-page-writer.ts'
import { margin } from './pdf-style.ts'

export type Align = 'left' | 'right' | 'center'
export type FontStyle = 'regular' | 'bold' | 'mono'

export interface HeadingBlock {
  type: 'heading'
  text: string
  level?: 1 | 2
}
export interface ParagraphBlock {
  type: 'paragraph'
  text: string
  style?: FontStyle
}
export interface KeyValueBlock {
  type: 'keyValue'
  items: Array<{ key: string; value: string; mono?: boolean }>
}
export interface TableColumn {
  label: string
  /** Relative width; the columns share the width between the margins in these proportions. */
  width: number
  align?: Align
}
export interface TableBlock {
  type: 'table'
  columns: TableColumn[]
  rows: string[][]
  /** A closing row in bold under a rule (totals, closing balance). */
  footer?: string[]
  fontSize?: number
}
/** Small print: legal notes, "valid without signature". */
export interface NoticeBlock {
  type: 'notice'
  text: string
}
/** Lines to sign on, side by side, each with its caption underneath ("Ort, Datum", "Vorstand"). */
export interface SignatureBlock {
  type: 'signature'
  captions: string[]
}
export interface SpacerBlock {
  type: 'spacer'
  height: number
}
export type PdfBlock =
  | HeadingBlock
  | ParagraphBlock
  | KeyValueBlock
  | TableBlock
  | NoticeBlock
  | SignatureBlock
  | SpacerBlock

export interface PdfSpec {
  lang: Language
  /** Document title: PDF info, window title and the right side of the page header. */
  title: string
  /** PDF info Author: the issuing cooperative. */
  author: string
  subject?: string
  /** Top left of every page: the cooperative's name. */
  header: string
  /** Bottom left of every page, next to the page number (e.g. the cooperative's address). */
  footer?: string
  /** CreationDate and ModDate; never the clock, so that the bytes are reproducible. */
  createdAt: Date
  layout?: 'portrait' | 'landscape'
  blocks: PdfBlock[]
  /** Compressed content streams (default). Tests turn it off to read the text back. */
  compress?: boolean
}

/** Renders the spec into a complete PDF file. */
export async function renderPdf(spec: PdfSpec): Promise<Buffer> {
  if (Number.isNaN(spec.createdAt.getTime())) throw new RangeError('createdAt is not a valid date')
  const info: PDFKit.DocumentInfo = {
    Title: spec.title,
    Author: spec.author,
    Creator: 'Allmende',
    Producer: 'Allmende (PDFKit)',
    CreationDate: spec.createdAt,
    ModDate: spec.createdAt,
  }
  if (spec.subject) info.Subject = spec.subject
  const doc = new PDFDocument({
    size: 'A4',
    layout: spec.layout ?? 'portrait',
    margins: margin,
    bufferPages: true,
    compress: spec.compress ?? true,
    lang: spec.lang === 'de' ? 'de-DE' : 'en-GB',
    displayTitle: true,
    info,
  })
  const chunks: Buffer[] = []
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk))
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })
  const writer = new PageWriter(doc)
  for (const block of spec.blocks) writer.block(block)
  writer.decoratePages(spec)
  doc.end()
  return done
}
