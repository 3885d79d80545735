/**
 * A small iCalendar writer (RFC 5545) for the invitations and cancellations that event mails carry, with the
 * iTIP methods of RFC 5546. Written here because the npm package `ics` folds lines by characters, not by the
 * 75 octets RFC 5545 §3.1 asks for (a line with umlauts comes out too long), and `ical-generator` needs Node 22.
 * Pure: the time stamp comes in as an argument.
 */

export interface IcsEvent {
  /** Stable per registration, so a later CANCEL or update replaces what the calendar holds. */
  uid: string
  /** Raised with every change; a calendar ignores a message with a lower one. */
  sequence: number
  start: Date
  end: Date
  stamp: Date
  summary: string
  description?: string
  location?: string
  url?: string
  status: 'CONFIRMED' | 'CANCELLED'
  organizer: { name: string; email: string }
  attendee?: { name: string; email: string }
}

export type IcsMethod = 'REQUEST' | 'PUBLISH' | 'CANCEL'

/** 20260610T160000Z: DTSTART and DTEND in UTC (RFC 5545 §3.3.5, form #2), so no time zone table is needed. */
export function icsDateTime(instant: Date): string {
  if (Number.isNaN(instant.getTime())) throw new RangeError('invalid instant')
  return instant
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '')
}

/** TEXT values (§3.3.11): backslash, semicolon, comma and line breaks escaped; other control characters dropped. */
export function escapeText(value: string): string {
  return (
    value
      .replace(/\r\n?/g, '\n')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
      .replace(/\\/g, '\\\\')
      .replace(/;/g, '\\;')
      .replace(/,/g, '\\,')
      .replace(/\n/g, '\\n')
  )
}

/**
 * A parameter value (§3.2): DQUOTE cannot appear in one, so it becomes a single quote; a value with `:`, `;` or `,`
 * is quoted.
 */
export function paramValue(value: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  const clean = value.replace(/[\u0000-\u001f\u007f]/g, '').replace(/"/g, "'")
  return /[:;,]/.test(clean) ? `"${clean}"` : clean
}

/**
 * Folds a content line so no line is longer than 75 octets, CRLF plus one space before each continuation
 * (§3.1). Splits between characters, never inside a UTF-8 sequence.
 */
export function foldLine(line: string): string {
  const out: string[] = []
  let current = ''
  let octets = 0
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8')
    // the first line has 75 octets; a continuation has 74 after its leading space
    const limit = out.length === 0 ? 75 : 74
    if (octets + size > limit) {
      out.push(current)
      current = ''
      octets = 0
    }
    current += ch
    octets += size
  }
  out.push(current)
  return out.join('\r\n ')
}

function mailto(email: string): string {
  return `mailto:${email.replace(/[\s"<>]/g, '')}`
}

/** One VCALENDAR with one VEVENT; every line CRLF-terminated and folded. */
export function icsCalendar(options: { method: IcsMethod; productId: string; event: IcsEvent }): string {
  const { event } = options
  if (!(event.end.getTime() > event.start.getTime())) throw new RangeError('the end must be after the start')
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${options.productId}`,
    'CALSCALE:GREGORIAN',
    `METHOD:${options.method}`,
    'BEGIN:VEVENT',
    `UID:${event.uid}`,
    `SEQUENCE:${event.sequence}`,
    `DTSTAMP:${icsDateTime(event.stamp)}`,
    `DTSTART:${icsDateTime(event.start)}`,
    `DTEND:${icsDateTime(event.end)}`,
    `SUMMARY:${escapeText(event.summary)}`,
    ...(event.description ? [`DESCRIPTION:${escapeText(event.description)}`] : []),
    ...(event.location ? [`LOCATION:${escapeText(event.location)}`] : []),
    // URL is a URI value (§3.8.4.6), not TEXT: it is written as it is
    ...(event.url ? [`URL:${event.url.replace(/[\s"]/g, '')}`] : []),
    `STATUS:${event.status}`,
    `ORGANIZER;CN=${paramValue(event.organizer.name)}:${mailto(event.organizer.email)}`,
    ...(event.attendee
      ? [
          `ATTENDEE;CN=${paramValue(event.attendee.name)};ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;RSVP=FALSE:${mailto(event.attendee.email)}`,
        ]
      : []),
    'TRANSP:OPAQUE',
    'END:VEVENT',
    'END:VCALENDAR',
  ]
  return `${lines.map(foldLine).join('\r\n')}\r\n`
}

/** Undoes folding and splits into content lines (for tests and for reading a calendar back). */
export function unfold(ics: string): string[] {
  return ics
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .filter((line) => line !== '')
}
