/**
 * Text preparation for PDFs set in the 14 standard fonts. Those fonts only know WinAnsi (Windows-1252):
 * German umlauts, ß, € and typographic quotes are in it; many other letters (ł, ř, ő, ș) are not, and pdfkit
 * would silently write garbage for them. So every string is mapped into WinAnsi first: known look-alikes,
 * then the base letter without its accent, then '?'.
 */

/** Code points above Latin-1 that WinAnsi holds in 0x80–0x9F (the keys of pdfkit's WIN_ANSI_MAP). */
const winAnsiExtras = new Set([
  0x0152, 0x0153, 0x0160, 0x0161, 0x0178, 0x017d, 0x017e, 0x0192, 0x02c6, 0x02dc, 0x2013, 0x2014, 0x2018, 0x2019,
  0x201a, 0x201c, 0x201d, 0x201e, 0x2020, 0x2021, 0x2022, 0x2026, 0x2030, 0x2039, 0x203a, 0x20ac, 0x2122,
])

const lookAlikes: Record<string, string> = {
  '\t': ' ',
  '\u00ad': '',
  '\u0141': 'L',
  '\u0142': 'l',
  '\u0110': 'D',
  '\u0111': 'd',
  '\u0131': 'i',
  '\u1e9e': 'SS',
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2212': '-',
  '\u2002': ' ',
  '\u2003': ' ',
  '\u2007': '\u00a0',
  '\u2009': ' ',
  '\u200a': ' ',
  '\u200b': '',
  '\u202f': '\u00a0',
  '\u2192': '->',
  '\u2190': '<-',
  '\ufeff': '',
}

function isWinAnsi(codePoint: number): boolean {
  return (
    (codePoint >= 0x20 && codePoint <= 0x7e) || (codePoint >= 0xa0 && codePoint <= 0xff) || winAnsiExtras.has(codePoint)
  )
}

function mapCharacter(char: string): string {
  const codePoint = char.codePointAt(0) ?? 0
  if (isWinAnsi(codePoint) || char === '\n') return char
  const lookAlike = lookAlikes[char]
  if (lookAlike !== undefined) return lookAlike
  if (codePoint < 0x20 || (codePoint >= 0x7f && codePoint < 0xa0)) return ''
  const base = char.normalize('NFD').replace(/[\u0300-\u036f]/g, '')
  if (base !== '' && [...base].every((c) => isWinAnsi(c.codePointAt(0) ?? 0))) return base
  return '?'
}

/** Maps a string onto what Helvetica/Courier in WinAnsi can show; keeps line breaks ('\n'). */
export function toWinAnsi(text: string): string {
  const normalized = text.replace(/\r\n?/g, '\n').normalize('NFC')
  let result = ''
  for (const char of normalized) result += mapCharacter(char)
  return result
}

/**
 * Breaks text into lines no wider than `width` (as measured by `measure`): at '\n', then at spaces, and inside
 * words that are wider than a line on their own (hashes, e-mail addresses, long compound nouns).
 * Runs of spaces are kept, so a text shown "exactly as agreed to" keeps its indentation.
 */
export function wrapText(text: string, width: number, measure: (text: string) => number): string[] {
  const lines: string[] = []
  for (const hardLine of text.split('\n')) {
    if (measure(hardLine) <= width) {
      lines.push(hardLine)
      continue
    }
    let line: string | null = null
    for (const word of hardLine.split(' ')) {
      const candidate: string = line === null ? word : `${line} ${word}`
      if (measure(candidate) <= width) {
        line = candidate
        continue
      }
      if (line !== null) lines.push(line)
      if (measure(word) <= width) {
        line = word
        continue
      }
      const pieces = breakWord(word, width, measure)
      lines.push(...pieces.slice(0, -1))
      line = pieces.at(-1) ?? ''
    }
    lines.push(line ?? '')
  }
  return lines
}

function breakWord(word: string, width: number, measure: (text: string) => number): string[] {
  const pieces: string[] = []
  let piece = ''
  for (const char of word) {
    if (piece !== '' && measure(piece + char) > width) {
      pieces.push(piece)
      piece = ''
    }
    piece += char
  }
  pieces.push(piece)
  return pieces
}
