import type { FontStyle, TableBlock } from './pdf.ts'
import type { PageWriter } from './pdf-page-writer.ts'
import { type Box, black, cellPadX, cellPadY, headerFill, ruleGrey } from './pdf-style.ts'
import { toWinAnsi } from './pdf-text.ts'

/** One table: column geometry, the header row on every page, rows that split only when taller than a page. */
export class TableWriter {
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
