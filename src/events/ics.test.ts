import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { formatEventTime, fromWallTime, parseWallTimeInput, toWallTime } from './event-time.ts'
import { escapeText, foldLine, icsCalendar, icsDateTime, paramValue, unfold } from './ics.ts'

const event = {
  uid: 'registration-1@coop.test',
  sequence: 0,
  start: new Date('2026-06-10T16:00:00Z'),
  end: new Date('2026-06-10T18:00:00Z'),
  stamp: new Date('2026-05-01T08:30:00Z'),
  summary: 'Infoabend: Die Cloud gehört uns',
  description: 'Zeile 1\nZeile 2, mit Komma; und Semikolon \\ Ende',
  location: 'Oranienstraße 45, 10969 Berlin',
  status: 'CONFIRMED' as const,
  organizer: { name: 'Beispiel-Genossenschaft eG', email: 'noreply@coop.test' },
  attendee: { name: 'Jana "JB" Berg', email: 'jana@verein.test' },
}

test('a REQUEST: the required properties, UTC times, CRLF line ends', () => {
  const ics = icsCalendar({ method: 'REQUEST', productId: '-//Allmende//Veranstaltungen//DE', event })
  assert.ok(ics.endsWith('\r\n'))
  assert.ok(!/[^\r]\n/.test(ics), 'every line ends with CRLF')
  const lines = unfold(ics)
  assert.deepEqual(lines.slice(0, 6), [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Allmende//Veranstaltungen//DE',
    'CALSCALE:GREGORIAN',
    'METHOD:REQUEST',
    'BEGIN:VEVENT',
  ])
  for (const line of [
    'UID:registration-1@coop.test',
    'SEQUENCE:0',
    'DTSTAMP:20260501T083000Z',
    'DTSTART:20260610T160000Z',
    'DTEND:20260610T180000Z',
    'SUMMARY:Infoabend: Die Cloud gehört uns',
    'DESCRIPTION:Zeile 1\\nZeile 2\\, mit Komma\\; und Semikolon \\\\ Ende',
    'LOCATION:Oranienstraße 45\\, 10969 Berlin',
    'STATUS:CONFIRMED',
    'ORGANIZER;CN=Beispiel-Genossenschaft eG:mailto:noreply@coop.test',
    "ATTENDEE;CN=Jana 'JB' Berg;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;RSVP=FALSE:mailto:jana@verein.test",
  ])
    assert.ok(lines.includes(line), line)
  assert.deepEqual(lines.slice(-2), ['END:VEVENT', 'END:VCALENDAR'])
})

test('a CANCEL keeps the UID and says so; the end must be after the start', () => {
  const lines = unfold(
    icsCalendar({ method: 'CANCEL', productId: 'x', event: { ...event, sequence: 2, status: 'CANCELLED' } }),
  )
  assert.ok(lines.includes('METHOD:CANCEL'))
  assert.ok(lines.includes('STATUS:CANCELLED'))
  assert.ok(lines.includes('SEQUENCE:2'))
  assert.ok(lines.includes('UID:registration-1@coop.test'))
  assert.throws(() => icsCalendar({ method: 'REQUEST', productId: 'x', event: { ...event, end: event.start } }))
})

test('long lines fold at 75 octets (umlauts count as two), never inside a character', () => {
  const summary = `SUMMARY:${'Grüße aus der Öffentlichkeitsarbeit, '.repeat(6)}`
  const folded = foldLine(summary)
  for (const [i, line] of folded.split('\r\n').entries()) {
    assert.ok(Buffer.byteLength(line, 'utf8') <= 75, `line ${i} has ${Buffer.byteLength(line)} octets`)
    if (i > 0) assert.ok(line.startsWith(' '))
  }
  assert.equal(unfold(`${folded}\r\n`)[0], summary)
  fc.assert(
    fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => {
      const line = `DESCRIPTION:${escapeText(text)}`
      const out = foldLine(line)
      return (
        out.split('\r\n').every((l) => Buffer.byteLength(l, 'utf8') <= 75) &&
        out.replace(/\r\n /g, '') === line &&
        !out.includes('\uFFFD')
      )
    }),
  )
})

test('text escaping and parameter values', () => {
  assert.equal(escapeText('a,b;c\\d\r\ne\nf\u0007'), 'a\\,b\\;c\\\\d\\ne\\nf')
  assert.equal(paramValue('Verein e.V.'), 'Verein e.V.')
  assert.equal(paramValue('Müller, Jana'), '"Müller, Jana"')
  assert.equal(paramValue('Say "hi"'), "Say 'hi'")
  assert.equal(icsDateTime(new Date('2026-12-31T23:59:59.999Z')), '20261231T235959Z')
})

test('Berlin wall time to instants and back, on both sides of the summer-time changes', () => {
  assert.equal(fromWallTime('2026-06-10', '18:00')?.toISOString(), '2026-06-10T16:00:00.000Z')
  assert.equal(fromWallTime('2026-01-15', '18:00')?.toISOString(), '2026-01-15T17:00:00.000Z')
  // 29 March 2026: 02:00 → 03:00, so 02:30 does not exist
  assert.equal(fromWallTime('2026-03-29', '02:30'), null)
  assert.equal(fromWallTime('2026-03-29', '03:30')?.toISOString(), '2026-03-29T01:30:00.000Z')
  assert.equal(fromWallTime('2026-03-29', '01:30')?.toISOString(), '2026-03-29T00:30:00.000Z')
  // 25 October 2026: 03:00 → 02:00, so 02:30 exists twice; the first is taken
  assert.equal(fromWallTime('2026-10-25', '02:30')?.toISOString(), '2026-10-25T00:30:00.000Z')
  assert.equal(fromWallTime('2026-02-30', '10:00'), null)
  assert.equal(fromWallTime('2026-06-10', '24:00'), null)
  assert.deepEqual(toWallTime(new Date('2026-06-10T22:30:00Z')), { date: '2026-06-11', time: '00:30' })
  fc.assert(
    fc.property(fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 0, 1) }), (ms) => {
      const instant = new Date(Math.floor(ms / 60_000) * 60_000)
      const wall = toWallTime(instant)
      const back = fromWallTime(wall.date, wall.time)
      // every instant's wall time maps back to it, except the repeated hour in October (the first is taken)
      return back !== null && (back.getTime() === instant.getTime() || back.getTime() === instant.getTime() - 3600_000)
    }),
  )
})

test('wall times as forms send them, and how an event time reads', () => {
  assert.deepEqual(parseWallTimeInput('2026-06-10T18:00'), { date: '2026-06-10', time: '18:00' })
  assert.deepEqual(parseWallTimeInput('10.6.2026 9:05'), { date: '2026-06-10', time: '09:05' })
  assert.equal(parseWallTimeInput('morgen'), null)
  assert.equal(parseWallTimeInput('2026-13-01T10:00'), null)
  const start = new Date('2026-06-10T16:00:00Z')
  assert.equal(formatEventTime(start, new Date('2026-06-10T18:00:00Z'), 'de'), 'Mi., 10. Juni 2026, 18:00–20:00 Uhr')
  assert.equal(formatEventTime(start, new Date('2026-06-10T18:00:00Z'), 'en'), 'Wed, 10 June 2026, 18:00–20:00')
  assert.equal(
    formatEventTime(start, new Date('2026-06-11T15:00:00Z'), 'de'),
    'Mi., 10. Juni 2026, 18:00 Uhr – Do., 11. Juni 2026, 17:00 Uhr',
  )
})
