import { translator } from '../platform/i18n.ts'
import { documentsText } from './documents.messages.ts'
import type { FontStyle, HeadingBlock, KeyValueBlock, PdfBlock, PdfSpec, SignatureBlock } from './pdf.ts'
import { type Box, black, bodySize, fonts, grey, lineFactor, margin, ruleGrey } from './pdf-style.ts'
import { TableWriter } from './pdf-table.ts'
import { toWinAnsi, wrapText } from './pdf-text.ts'

/** Keeps the cursor, breaks pages and caches the graphics state of the current page. */
export class PageWriter {
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

  /** Starts a new page unless `height` still fits (or the page is still empty: more room there is not). */
  ensure(height: number): void {
    if (this.y + height > this.bottom && this.y !== this.top) this.newPage()
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
