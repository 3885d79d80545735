/**
 * Pure rules of the committee rooms: what an upload is (by its bytes, never by the name or the type the
 * browser claims) and how a body's decision comes out.
 */

export const maxDocumentBytes = 10 * 1024 * 1024

export interface DetectedType {
  contentType: string
  extension: string
}

const zipTypes: Record<string, string> = {
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  odp: 'application/vnd.oasis.opendocument.presentation',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
}
const textTypes: Record<string, string> = { txt: 'text/plain', md: 'text/markdown', csv: 'text/csv' }

function startsWith(bytes: Uint8Array, signature: number[]): boolean {
  return signature.every((b, i) => bytes[i] === b)
}

const utf8 = new TextDecoder('utf-8', { fatal: true })

/**
 * The type of an uploaded document from its first bytes, with the file name's extension only to tell apart
 * kinds that share a container (OpenDocument and Office files are ZIP archives). Null: not accepted.
 */
export function detectDocumentType(filename: string, bytes: Uint8Array): DetectedType | null {
  const extension = /\.([a-z0-9]{1,5})$/i.exec(filename)?.[1]?.toLowerCase() ?? ''
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return { contentType: 'application/pdf', extension: 'pdf' }
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    return { contentType: 'image/png', extension: 'png' }
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { contentType: 'image/jpeg', extension: 'jpg' }
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    const contentType = zipTypes[extension]
    return contentType ? { contentType, extension } : null
  }
  const textType = textTypes[extension]
  if (textType && !bytes.includes(0)) {
    try {
      utf8.decode(bytes)
      return { contentType: `${textType}; charset=utf-8`, extension }
    } catch {
      return null
    }
  }
  return null
}

/**
 * A body's decision by simple majority of the votes cast: more yes than no adopts, a tie rejects,
 * abstentions do not count (the default of the statutes for the board and committees, as §43 (2) GenG for the
 * general assembly).
 */
export function decisionOutcome(yes: number, no: number): 'adopted' | 'rejected' {
  return yes > no ? 'adopted' : 'rejected'
}

/** A decision's reference within its room: B-<year>-<number>, numbered from 1 each room. */
export function decisionRef(year: number, number: number): string {
  return `B-${year}-${String(number).padStart(3, '0')}`
}

/** A file name that is safe to send back in a header and to show: no path, no control characters. */
export function cleanFilename(name: string): string {
  const base = name.split(/[\\/]/).at(-1) ?? ''
  const cleaned = [...base]
    .filter((ch) => ch.charCodeAt(0) > 0x1f && ch.charCodeAt(0) !== 0x7f && ch !== '"')
    .join('')
    .trim()
  return (cleaned || 'dokument').slice(0, 200)
}
