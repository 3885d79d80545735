/** The seed's randomness (a seeded generator, so every run makes the same register) and the names it draws from. */
import { createHash } from 'node:crypto'
import { addDays, daysBetween, type PlainDate } from '../../src/platform/dates.ts'

// ---------------------------------------------------------------------------------------------- randomness

function mulberry32(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export class Random {
  next: () => number
  constructor(seed: number) {
    this.next = mulberry32(seed)
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1))
  }
  chance(p: number): boolean {
    return this.next() < p
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)]!
  }
  /** Weighted choice: [[value, weight], …]. */
  weighted<T>(options: ReadonlyArray<readonly [T, number]>): T {
    const total = options.reduce((s, [, w]) => s + w, 0)
    let r = this.next() * total
    for (const [value, w] of options) {
      r -= w
      if (r < 0) return value
    }
    return options[options.length - 1]![0]
  }
  uuid(): string {
    const word = () =>
      Math.floor(this.next() * 4294967296)
        .toString(16)
        .padStart(8, '0')
    const s = word() + word() + word() + word()
    const variant = ((Number.parseInt(s[16]!, 16) & 0x3) | 0x8).toString(16)
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-4${s.slice(13, 16)}-${variant}${s.slice(17, 20)}-${s.slice(20)}`
  }
  /** A day between a and b inclusive. */
  dayBetween(a: PlainDate, b: PlainDate): PlainDate {
    return addDays(a, this.int(0, Math.max(0, daysBetween(a, b))))
  }
  /** An instant on a day, during office hours (UTC). */
  at(day: PlainDate): string {
    return `${day}T${String(this.int(7, 16)).padStart(2, '0')}:${String(this.int(0, 59)).padStart(2, '0')}:${String(this.int(0, 59)).padStart(2, '0')}.000Z`
  }
}

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex')

// ---------------------------------------------------------------------------------------------- names

export const orgKinds = [
  'Naturschutzbund',
  'Jugendhilfe',
  'Nachbarschaftshilfe',
  'Tafel',
  'Sportverein',
  'Kulturzentrum',
  'Bürgerstiftung',
  'Umweltbündnis',
  'Flüchtlingshilfe',
  'Hospizverein',
  'Förderverein',
  'Kinderschutzbund',
  'Lebenshilfe',
  'Stadtteilladen',
  'Mieterverein',
  'Tierschutzverein',
  'Bildungswerk',
  'Frauenhaus',
  'Seniorenbüro',
  'Repair-Café',
  'Jugendkunstschule',
  'Verein „Miteinander“',
  'Initiative Offene Türen',
  'Sozialwerk',
] as const
export const places: ReadonlyArray<readonly [string, string]> = [
  ['Berlin', '10115'],
  ['Hamburg', '20095'],
  ['München', '80331'],
  ['Köln', '50667'],
  ['Frankfurt am Main', '60311'],
  ['Leipzig', '04109'],
  ['Dresden', '01067'],
  ['Bremen', '28195'],
  ['Hannover', '30159'],
  ['Nürnberg', '90402'],
  ['Freiburg im Breisgau', '79098'],
  ['Kassel', '34117'],
  ['Rostock', '18055'],
  ['Münster', '48143'],
  ['Erfurt', '99084'],
  ['Görlitz', '02826'],
  ['Offenbach', '63065'],
  ['Lüneburg', '21335'],
]
export const streets = [
  'Hauptstraße',
  'Bahnhofstraße',
  'Lindenallee',
  'Gartenweg',
  'Schillerstraße',
  'Am Markt',
  'Mühlenweg',
  'Rosa-Luxemburg-Platz',
  'Friedrich-Ebert-Straße',
  'Kirchgasse',
  'Uferstraße',
  'Weberstraße',
]
export const givenNames = [
  'Anna',
  'Jonas',
  'Fatma',
  'Lukas',
  'Marie',
  'Mehmet',
  'Sophie',
  'Paul',
  'Zeynep',
  'Felix',
  'Lena',
  'Ahmed',
  'Hannah',
  'Jan',
  'Olga',
  'Tobias',
  'Chiara',
  'Björn',
  'Ayşe',
  'Noah',
]
export const familyNames = [
  'Müller',
  'Schmidt',
  'Yılmaz',
  'Schneider',
  'Fischer',
  'Weber',
  'Kowalski',
  'Becker',
  'Nguyen',
  'Hoffmann',
  'Schäfer',
  'Koch',
  'Richter',
  'Öztürk',
  'Klein',
  'Wolf',
  'Neumann',
  "O'Brien",
  'Schwarz',
  'Zimmermann',
]
export const legalFormSuffix = {
  ev: 'e.V.',
  stiftung: 'Stiftung',
  ggmbh: 'gGmbH',
  gmbh: 'GmbH',
  eg: 'eG',
  other: '',
} as const
export type SeedLegalForm = keyof typeof legalFormSuffix

export const ascii = (s: string) =>
  s
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .replace(/ı/g, 'i')
    .replace(/ş/g, 's')
    .replace(/[^a-z0-9]+/g, '')
