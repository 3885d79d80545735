import { isPlainDate, type PlainDate } from '../platform/dates.ts'
import type { Language } from '../platform/i18n.ts'

/**
 * Event times: stored as instants (timestamptz), entered and shown as wall-clock time in Europe/Berlin. The
 * conversion asks Intl for the zone's offset, so summer time is right on both sides of a change; a wall time
 * that does not exist (the hour skipped in March) is refused rather than silently moved.
 */
export const eventTimeZone = 'Europe/Berlin'

const partsFormatter = new Intl.DateTimeFormat('en-US', {
  timeZone: eventTimeZone,
  calendar: 'gregory',
  numberingSystem: 'latn',
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
})

interface WallTime {
  date: PlainDate
  /** HH:MM */
  time: string
}

function wallParts(instant: Date) {
  const p = Object.fromEntries(partsFormatter.formatToParts(instant).map((part) => [part.type, part.value]))
  return {
    y: Number(p.year),
    m: Number(p.month),
    d: Number(p.day),
    h: Number(p.hour),
    min: Number(p.minute),
    s: Number(p.second),
  }
}

/** The wall-clock date and time of an instant in Berlin. */
export function toWallTime(instant: Date): WallTime {
  const w = wallParts(instant)
  const pad = (n: number) => String(n).padStart(2, '0')
  return { date: `${String(w.y).padStart(4, '0')}-${pad(w.m)}-${pad(w.d)}`, time: `${pad(w.h)}:${pad(w.min)}` }
}

/** Berlin's offset from UTC at an instant, in minutes (60 in winter, 120 in summer). */
function offsetMinutes(instant: Date): number {
  const w = wallParts(instant)
  const asUtc = Date.UTC(w.y, w.m - 1, w.d, w.h, w.min, w.s)
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000)
}

/**
 * The instant of a Berlin wall time, or null when that time does not exist there (skipped at the change to
 * summer time). A time that exists twice (the hour repeated in October) is taken at its first occurrence.
 */
export function fromWallTime(date: PlainDate, time: string): Date | null {
  const t = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time)
  if (!isPlainDate(date) || !t) return null
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  const naive = Date.UTC(y, m - 1, d, Number(t[1]), Number(t[2]))
  // try the offsets on either side of a change; the earlier instant first
  const candidates = [...new Set([offsetMinutes(new Date(naive - 3 * 3600_000)), offsetMinutes(new Date(naive))])]
    .map((offset) => new Date(naive - offset * 60_000))
    .sort((a, b) => a.getTime() - b.getTime())
  for (const instant of candidates) {
    const back = toWallTime(instant)
    if (back.date === date && back.time === time) return instant
  }
  return null
}

/**
 * A wall time as forms send it: `2026-06-10T18:00` (datetime-local) or `10.06.2026 18:00` as people type it.
 * Returns the date and time parts, or null when it is neither.
 */
export function parseWallTimeInput(value: string): WallTime | null {
  const v = value.trim()
  const iso = /^(\d{4}-\d{2}-\d{2})[T ](\d{1,2}):(\d{2})(?::00)?$/.exec(v)
  const german = /^(\d{1,2})\.(\d{1,2})\.(\d{4}),? (\d{1,2})[:.](\d{2})(?: Uhr)?$/.exec(v)
  const date = iso
    ? iso[1]!
    : german
      ? `${german[3]}-${german[2]!.padStart(2, '0')}-${german[1]!.padStart(2, '0')}`
      : null
  const hour = iso ? iso[2]! : german ? german[4]! : null
  const minute = iso ? iso[3]! : german ? german[5]! : null
  if (!date || hour === null || minute === null || !isPlainDate(date)) return null
  return { date, time: `${hour.padStart(2, '0')}:${minute}` }
}

/** The value of a datetime-local input for an instant (Berlin wall time). */
export function wallTimeInputValue(instant: Date | null): string {
  if (!instant) return ''
  const w = toWallTime(instant)
  return `${w.date}T${w.time}`
}

const longDate = {
  de: new Intl.DateTimeFormat('de-DE', {
    timeZone: eventTimeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }),
  en: new Intl.DateTimeFormat('en-GB', {
    timeZone: eventTimeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }),
}

/**
 * When an event takes place, as people read it, in Berlin time: "Mi., 10. Juni 2026, 18:00–20:00 Uhr" on one day,
 * "Mi., 10. Juni 2026, 09:00 Uhr – Do., 11. Juni 2026, 17:00 Uhr" over several.
 */
export function formatEventTime(start: Date, end: Date, lang: Language): string {
  const s = toWallTime(start)
  const e = toWallTime(end)
  const day = (instant: Date) => longDate[lang].format(instant)
  const clock = (time: string) => (lang === 'de' ? `${time} Uhr` : time)
  if (s.date === e.date) return `${day(start)}, ${s.time}–${clock(e.time)}`
  return `${day(start)}, ${clock(s.time)} – ${day(end)}, ${clock(e.time)}`
}
