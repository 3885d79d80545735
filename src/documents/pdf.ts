/**
 * A small document builder over pdfkit: A4 pages, the cooperative's name on top of every page, "Seite 1 von 3"
 * at the bottom, and a handful of blocks. Layout is done here (line breaking, page breaks, table headers
 * repeated on every page) and pdfkit only places single lines, which keeps 10,000-row tables fast.
 *
 * The output is deterministic: dates come from the spec, and pdfkit derives the document ID from the info
 * dictionary (an MD5 over CreationDate and the other entries), so the same spec gives the same bytes.
 */
import PDFDocument from 'pdfkit'
import { type Language, translator } from '../platform/i18n.ts'
import { documentsText } from './documents.messages.ts'
import { toWinAnsi, wrapText } from './pdf-text.ts'

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

const fonts: Record<FontStyle, string> = { regular: 'Helvetica', bold: 'Helvetica-Bold', mono: 'Courier' }
const black = '#000000'
const grey = '#555555'
const ruleGrey = '#bbbbbb'
const headerFill = '#e8e8e8'
const margin = { left: 56, right: 56, top: 64, bottom: 60 }
const bodySize = 10
const lineFactor = 1.3
const cellPadX = 4
const cellPadY = 2.5

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

/** Keeps the cursor, breaks pages and caches the graphics state of the current page. */
class PageWriter {
  private y: number
  private readonly left: number
  private readonly width: number
  private readonly top: number
  private readonly bottom: number
  private fill: string | undefined
  private stroke: string | undefined

  constructor(private readonly doc: PDFKit.PDFDocument) {
    const page = doc.page
    this.left = margin.left
    this.width = page.width - margin.left - margin.right
    this.top = margin.top
    this.bottom = page.height - margin.bottom
    this.y = this.top
  }

  block(block: PdfBlock): void {
    switch (block.type) {
      case 'heading':
        this.heading(block)
        break
      case 'paragraph':
        this.paragraph(block.text, block.style ?? 'regular', bodySize, black, 6)
        break
      case 'notice':
        this.paragraph(block.text, 'regular', 8, grey, 6)
        break
      case 'keyValue':
        this.keyValue(block)
        break
      case 'table':
        new TableWriter(this, block).write()
        break
      case 'signature':
        this.signature(block)
        break
      case 'spacer':
        this.y = Math.min(this.y + block.height, this.bottom)
        break
    }
  }

  /** Header and footer go on last, when the number of pages is known. */
  decoratePages(spec: PdfSpec): void {
    const t = translator(documentsText, spec.lang)
    const range = this.doc.bufferedPageRange()
    const pageHeight = this.doc.page.height
    const right = this.left + this.width
    for (let index = 0; index < range.count; index++) {
      this.doc.switchToPage(range.start + index)
      this.resetState()
      this.text(toWinAnsi(spec.header), this.left, 30, 'bold', 10, black)
      const title = toWinAnsi(spec.title)
      this.use('regular', 8)
      this.text(title, right - this.doc.widthOfString(title), 31.5, 'regular', 8, grey)
      this.rule(this.left, right, 45, ruleGrey, 0.75)
      const footerY = pageHeight - margin.bottom + 18
      this.rule(this.left, right, footerY - 6, ruleGrey, 0.75)
      if (spec.footer) this.text(toWinAnsi(spec.footer), this.left, footerY, 'regular', 7.5, grey)
      const pageLabel = t('page_of', { page: index + 1, pages: range.count })
      this.use('regular', 7.5)
      this.text(pageLabel, right - this.doc.widthOfString(pageLabel), footerY, 'regular', 7.5, grey)
    }
  }

  get cursor(): number {
    return this.y
  }
  get contentLeft(): number {
    return this.left
  }
  get contentWidth(): number {
    return this.width
  }
  get contentTop(): number {
    return this.top
  }
  get contentBottom(): number {
    return this.bottom
  }

  advance(height: number): void {
    this.y += height
  }

  newPage(): void {
    this.doc.addPage()
    this.resetState()
    this.y = this.top
  }

  /** Starts a new page unless `height` still fits; true when it broke. */
  ensure(height: number): boolean {
    if (this.y + height <= this.bottom || this.y === this.top) return false
    this.newPage()
    return true
  }

  use(style: FontStyle, size: number): void {
    this.doc.font(fonts[style]).fontSize(size)
  }

  /** Wraps already WinAnsi-mapped text in the given font. */
  lines(text: string, width: number, style: FontStyle, size: number): string[] {
    this.use(style, size)
    return wrapText(text, width, (part) => this.doc.widthOfString(part))
  }

  /** Writes one line of WinAnsi text; `box` aligns it within a column. */
  text(text: string, x: number, y: number, style: FontStyle, size: number, color: string, box?: Box): void {
    if (text === '') return
    this.use(style, size)
    let left = x
    if (box && box.align !== 'left') {
      const free = box.width - this.doc.widthOfString(text)
      left = box.align === 'right' ? x + free : x + free / 2
    }
    if (this.fill !== color) {
      this.doc.fillColor(color)
      this.fill = color
    }
    this.doc.text(text, left, y, { lineBreak: false })
  }

  rule(x1: number, x2: number, y: number, color: string, lineWidth: number): void {
    if (this.stroke !== `${color}/${lineWidth}`) {
      this.doc.strokeColor(color).lineWidth(lineWidth)
      this.stroke = `${color}/${lineWidth}`
    }
    this.doc.moveTo(x1, y).lineTo(x2, y).stroke()
  }

  rect(x: number, y: number, width: number, height: number, color: string): void {
    if (this.fill !== color) {
      this.doc.fillColor(color)
      this.fill = color
    }
    this.doc.rect(x, y, width, height).fill()
  }

  private resetState(): void {
    this.fill = undefined
    this.stroke = undefined
  }

  private heading(block: HeadingBlock): void {
    const size = block.level === 2 ? 12 : 16
    const lineHeight = size * 1.25
    const lines = this.lines(toWinAnsi(block.text), this.width, 'bold', size)
    if (this.y !== this.top) this.y += block.level === 2 ? 6 : 4
    // keep a heading together with the first lines that follow it
    this.ensure(lines.length * lineHeight + 3 * bodySize * lineFactor)
    for (const line of lines) {
      this.text(line, this.left, this.y, 'bold', size, black)
      this.y += lineHeight
    }
    this.y += block.level === 2 ? 3 : 6
  }

  private paragraph(text: string, style: FontStyle, size: number, color: string, spaceAfter: number): void {
    const lineHeight = size * lineFactor
    for (const line of this.lines(toWinAnsi(text), this.width, style, size)) {
      this.ensure(lineHeight)
      this.text(line, this.left, this.y, style, size, color)
      this.y += lineHeight
    }
    this.y += spaceAfter
  }

  private keyValue(block: KeyValueBlock): void {
    const lineHeight = bodySize * lineFactor
    const keyWidth = Math.round(this.width * 0.34)
    const valueWidth = this.width - keyWidth
    for (const item of block.items) {
      const style: FontStyle = item.mono ? 'mono' : 'regular'
      const size = item.mono ? bodySize - 1 : bodySize
      const keyLines = this.lines(toWinAnsi(item.key), keyWidth - 10, 'regular', bodySize)
      let valueLines = this.lines(toWinAnsi(item.value), valueWidth, style, size)
      // a checksum or token split over lines cannot be compared or copied: below the key, across the page
      const below = item.mono === true && valueLines.length > 1
      if (below) valueLines = this.lines(toWinAnsi(item.value), this.width, style, size)
      const valueTop = below ? keyLines.length * lineHeight : 0
      const height = below
        ? valueTop + valueLines.length * lineHeight
        : Math.max(keyLines.length, valueLines.length) * lineHeight
      this.ensure(height)
      keyLines.forEach((line, index) => {
        this.text(line, this.left, this.y + index * lineHeight, 'regular', bodySize, grey)
      })
      valueLines.forEach((line, index) => {
        const x = below ? this.left : this.left + keyWidth
        this.text(line, x, this.y + valueTop + index * lineHeight, style, size, black)
      })
      this.y += height + 2
    }
    this.y += 6
  }

  private signature(block: SignatureBlock): void {
    const gap = 36
    const count = Math.max(block.captions.length, 1)
    const lineWidth = (this.width - gap * (count - 1)) / count
    this.ensure(60)
    this.y += 40
    block.captions.forEach((caption, index) => {
      const x = this.left + index * (lineWidth + gap)
      this.rule(x, x + lineWidth, this.y, black, 0.75)
      this.text(toWinAnsi(caption), x, this.y + 4, 'regular', 8, grey)
    })
    this.y += 20
  }
}

interface Box {
  width: number
  align: Align
}

/** One table: column geometry, the header row on every page, rows that split only when taller than a page. */
class TableWriter {
  private readonly size: number
  private readonly lineHeight: number
  private readonly xs: number[]
  private readonly boxes: Box[]
  private readonly header: string[][]
  private freshPage = false

  constructor(
    private readonly page: PageWriter,
    private readonly block: TableBlock,
  ) {
    this.size = block.fontSize ?? 9
    this.lineHeight = this.size * 1.2
    const total = block.columns.reduce((sum, column) => sum + column.width, 0) || 1
    let x = page.contentLeft
    this.xs = []
    this.boxes = []
    for (const column of block.columns) {
      const width = (page.contentWidth * column.width) / total
      this.xs.push(x)
      this.boxes.push({ width: width - 2 * cellPadX, align: column.align ?? 'left' })
      x += width
    }
    this.header = this.layout(
      block.columns.map((column) => column.label),
      'bold',
    )
  }

  write(): void {
    const first = this.block.rows[0]
    const firstHeight = first ? Math.min(this.height(this.layout(first, 'regular')), 3 * this.lineHeight) : 0
    this.page.ensure(this.height(this.header) + firstHeight)
    this.drawHeader()
    for (const row of this.block.rows) {
      this.drawRow(this.layout(row, 'regular'), 'regular')
      this.page.rule(this.page.contentLeft, this.right, this.page.cursor, ruleGrey, 0.4)
    }
    if (this.block.footer) {
      this.page.rule(this.page.contentLeft, this.right, this.page.cursor, black, 0.75)
      this.drawRow(this.layout(this.block.footer, 'bold'), 'bold')
    }
    this.page.advance(8)
  }

  private get right(): number {
    return this.page.contentLeft + this.page.contentWidth
  }

  private layout(cells: string[], style: FontStyle): string[][] {
    return this.boxes.map((box, index) => this.page.lines(toWinAnsi(cells[index] ?? ''), box.width, style, this.size))
  }

  private height(cells: string[][]): number {
    return this.lineCount(cells) * this.lineHeight + 2 * cellPadY
  }

  private lineCount(cells: string[][]): number {
    return Math.max(1, ...cells.map((lines) => lines.length))
  }

  private drawHeader(): void {
    const height = this.height(this.header)
    this.page.rect(this.page.contentLeft, this.page.cursor, this.page.contentWidth, height, headerFill)
    this.drawLines(this.header, 0, this.lineCount(this.header), 'bold')
    this.page.advance(height)
    this.page.rule(this.page.contentLeft, this.right, this.page.cursor, black, 0.75)
    this.freshPage = true
  }

  private drawRow(cells: string[][], style: FontStyle): void {
    const count = this.lineCount(cells)
    let start = 0
    while (start < count) {
      const room = Math.floor((this.page.contentBottom - this.page.cursor - 2 * cellPadY) / this.lineHeight)
      if (room >= count - start) {
        this.drawLines(cells, start, count, style)
        this.page.advance((count - start) * this.lineHeight + 2 * cellPadY)
        break
      }
      if (!this.freshPage) {
        this.page.newPage()
        this.drawHeader()
        continue
      }
      // taller than a whole page: show what fits, go on below the header of the next page
      const take = Math.max(room, 1)
      this.drawLines(cells, start, start + take, style)
      start += take
      this.page.newPage()
      this.drawHeader()
    }
    this.freshPage = false
  }

  private drawLines(cells: string[][], from: number, to: number, style: FontStyle): void {
    const top = this.page.cursor + cellPadY
    cells.forEach((lines, column) => {
      const box = this.boxes[column]!
      const x = this.xs[column]! + cellPadX
      for (let line = from; line < to && line < lines.length; line++) {
        this.page.text(lines[line]!, x, top + (line - from) * this.lineHeight, style, this.size, black, box)
      }
    })
  }
}
