/** The look shared by every document: fonts, greys, margins, sizes (points). */
import type { Align, FontStyle } from './pdf.ts'

export const fonts: Record<FontStyle, string> = { regular: 'Helvetica', bold: 'Helvetica-Bold', mono: 'Courier' }
export const black = '#000000'
export const grey = '#555555'
export const ruleGrey = '#bbbbbb'
export const headerFill = '#e8e8e8'
export const margin = { left: 56, right: 56, top: 64, bottom: 60 }
export const bodySize = 10
export const lineFactor = 1.3
export const cellPadX = 4
export const cellPadY = 2.5

export interface Box {
  width: number
  align: Align
}
