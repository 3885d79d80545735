import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { CooperativeInfo } from '../members/cooperative.ts'
import {
  capitalStatementPdf,
  declarationPdf,
  type MemberHeader,
  registerExtractPdf,
  registerListPdf,
  shareCertificatePdf,
} from './member-documents.ts'
import { renderPdf } from './pdf.ts'

// --- reading text back out of an uncompressed pdfkit file -------------------------------------------------------
// pdfkit writes each placed line as one TJ array of hex strings in WinAnsi, e.g. [<4d2d31> 15 <3030> 0] TJ;
// the numbers in between are kerning. Each page's content is one stream, in page order.

const winAnsiHigh: Record<number, string> = {
  128: '€',
  130: '‚',
  132: '„',
  133: '…',
  138: 'Š',
  140: 'Œ',
  142: 'Ž',
  145: '‘',
  146: '’',
  147: '“',
  148: '”',
  149: '•',
  150: '–',
  151: '—',
  154: 'š',
  156: 'œ',
  158: 'ž',
  159: 'Ÿ',
}

function decodeHex(hex: string): string {
  let text = ''
  for (let i = 0; i < hex.length; i += 2) {
    const byte = Number.parseInt(hex.slice(i, i + 2), 16)
    text += byte === 0xa0 ? ' ' : (winAnsiHigh[byte] ?? String.fromCharCode(byte))
  }
  return text
}

/** The text lines on each page, in the order they were drawn. */
function pageLines(pdf: Buffer): string[][] {
  const source = pdf.toString('latin1')
  return [...source.matchAll(/\nstream\n([\s\S]*?)\nendstream/g)].map((stream) =>
    [...(stream[1] ?? '').matchAll(/\[([^\]]*)\] TJ/g)].map((array) =>
      [...(array[1] ?? '').matchAll(/<([0-9a-f]*)>/g)].map((hex) => decodeHex(hex[1] ?? '')).join(''),
    ),
  )
}

function allText(pdf: Buffer): string {
  return pageLines(pdf)
    .map((lines) => lines.join('\n'))
    .join('\n')
}

function pageCount(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type \/Page\n/g)?.length ?? 0
}

function assertPdf(pdf: Buffer): void {
  assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-')
  assert.match(pdf.subarray(-16).toString('latin1'), /%%EOF\s*$/)
}

// --- fixtures ------------------------------------------------------------------------------------------------------

const cooperative: CooperativeInfo = { name: 'Beispiel-Genossenschaft eG', address: 'Musterstraße 1, 10115 Berlin' }
const member: MemberHeader = {
  number: 'M-00042',
  name: 'Jürgen Weiß',
  address: 'Hauptstraße 5, 80331 München',
  memberType: 'employee',
  joinedOn: '2024-03-01',
  exitOn: null,
  exitReason: null,
}
const issuedAt = new Date('2026-12-31T10:00:00Z')

const certificate = {
  cooperative,
  member,
  asOf: '2026-12-31',
  shares: 3,
  mandatoryShares: 1,
  shareValueCents: 10_000,
  paidInCents: 20_000,
  issuedAt,
}
const statement = {
  cooperative,
  member,
  from: '2026-01-01',
  to: '2026-12-31',
  openingBalanceCents: 10_000,
  rows: [
    {
      effectiveOn: '2026-02-01',
      kind: 'Einzahlung',
      reference: 'EZ-2026-0001',
      amountCents: 20_000,
      balanceAfterCents: 30_000,
    },
    {
      effectiveOn: '2026-07-15',
      kind: 'Rückzahlung',
      reference: 'RZ-2026-0007',
      amountCents: -5_000,
      balanceAfterCents: 25_000,
    },
  ],
  closingBalanceCents: 25_000,
  dueCents: 30_000,
  paidInCents: 25_000,
  outstandingCents: 5_000,
  issuedAt,
}
const extract = {
  cooperative,
  member: { ...member, exitOn: '2027-12-31', exitReason: 'Kündigung durch das Mitglied' },
  entries: [
    { effectiveOn: '2024-03-01', event: 'Beitritt', sharesChange: 1, sharesAfter: 1 },
    { effectiveOn: '2025-01-01', event: 'Weitere Anteile', sharesChange: 2, sharesAfter: 3 },
    { effectiveOn: '2027-12-31', event: 'Ausscheiden', sharesChange: -3, sharesAfter: 0 },
  ],
  issuedAt,
}
function listRows(count: number) {
  return Array.from({ length: count }, (_, index) => ({
    number: `M-${String(index + 1).padStart(5, '0')}`,
    name: `Person ${index + 1} Müller`,
    address: `Gärtnerweg ${index + 1}, 10115 Berlin`,
    memberType: 'Fördermitglied',
    joinedOn: '2025-01-01',
    shares: (index % 7) + 1,
    exitOn: index % 10 === 0 ? '2026-12-31' : null,
    exitReason: index % 10 === 0 ? 'Tod' : null,
  }))
}
const declaration = {
  cooperative,
  reference: 'BE-2026-000017',
  signedAt: new Date('2026-03-01T14:05:00Z'),
  signerName: 'Zoë Dvořák',
  signerEmail: 'zoe@example.org',
  ipAddress: '203.0.113.7',
  statutesValidFrom: '2025-06-01',
  text: 'Ich erkläre meinen Beitritt zur Beispiel-Genossenschaft eG.\n\nIch verpflichte mich, die Einzahlungen zu leisten.',
  contentHash: 'sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
}

const documents = {
  shareCertificatePdf: (lang: 'de' | 'en', compress?: boolean) => shareCertificatePdf(certificate, lang, { compress }),
  capitalStatementPdf: (lang: 'de' | 'en', compress?: boolean) => capitalStatementPdf(statement, lang, { compress }),
  registerExtractPdf: (lang: 'de' | 'en', compress?: boolean) => registerExtractPdf(extract, lang, { compress }),
  registerListPdf: (lang: 'de' | 'en', compress?: boolean) =>
    registerListPdf({ cooperative, asOf: '2026-12-31', rows: listRows(3), issuedAt }, lang, { compress }),
  declarationPdf: (lang: 'de' | 'en', compress?: boolean) => declarationPdf(declaration, lang, { compress }),
}

// --- every document ------------------------------------------------------------------------------------------------

describe('every member document', () => {
  for (const [name, render] of Object.entries(documents)) {
    test(`${name} is a PDF that renders to the same bytes twice`, async () => {
      const first = await render('de')
      const second = await render('de')
      assertPdf(first)
      assert.ok(first.equals(second), 'same input, same bytes')
      assert.ok(!first.equals(await render('en')))
    })

    test(`${name} carries the cooperative on every page, page numbers and the info dictionary`, async () => {
      const pdf = await render('de', false)
      assertPdf(pdf)
      const pages = pageLines(pdf)
      assert.equal(pages.length, pageCount(pdf))
      pages.forEach((lines, index) => {
        assert.ok(lines.includes('Beispiel-Genossenschaft eG'))
        assert.ok(lines.includes(`Seite ${index + 1} von ${pages.length}`))
      })
      const raw = pdf.toString('latin1')
      assert.match(raw, /\/Lang \(de-DE\)/)
      assert.match(raw, /\(Beispiel-Genossenschaft eG\)/, 'Author')
      assert.match(raw, /\/Title \d+ 0 R/)
      assert.match(raw, /\/Subject \d+ 0 R/)
    })
  }
})

describe('share certificate', () => {
  test('states the shares, their total and the paid-in capital', async () => {
    const text = allText(await documents.shareCertificatePdf('de', false))
    for (const expected of [
      'Anteilsbescheinigung',
      'M-00042',
      'Jürgen Weiß',
      'Hauptstraße 5, 80331 München',
      'Mitarbeitendes Mitglied',
      '01.03.2024',
      '100,00 €',
      '300,00 €',
      '200,00 €',
      'Eingezahltes Geschäftsguthaben',
      'Ausgestellt am 31.12.2026',
    ]) {
      assert.ok(text.includes(expected), `missing ${expected}`)
    }
    assert.match(text, /am 31\.12\.2026 mit 3/)
  })

  test('in English', async () => {
    const text = allText(await documents.shareCertificatePdf('en', false))
    for (const expected of ['Share certificate', '€300.00', 'Issued on 31 Dec 2026', '1 Mar 2024', 'Page 1 of 1']) {
      assert.ok(text.includes(expected), `missing ${expected}`)
    }
  })
})

describe('capital statement', () => {
  test('lists every transaction with the running balance, opening and closing balance', async () => {
    const lines = pageLines(await documents.capitalStatementPdf('de', false)).flat()
    const text = lines.join('\n')
    for (const expected of [
      'Kontoauszug Geschäftsguthaben',
      '01.01.2026 bis 31.12.2026',
      'Anfangsbestand',
      'EZ-2026-0001',
      'Rückzahlung',
      '-50,00 €',
      '250,00 €',
      'Endbestand',
      'Fällige Einzahlungen',
      'Ausstehend',
    ]) {
      assert.ok(text.includes(expected), `missing ${expected}`)
    }
    assert.ok(lines.indexOf('Anfangsbestand') < lines.indexOf('EZ-2026-0001'))
    assert.ok(lines.indexOf('EZ-2026-0001') < lines.indexOf('RZ-2026-0007'))
    assert.ok(lines.indexOf('RZ-2026-0007') < lines.indexOf('Endbestand'))
  })
})

describe('register extract', () => {
  test('shows joining, each change of shares and the exit with its reason', async () => {
    const text = allText(await documents.registerExtractPdf('de', false))
    for (const expected of [
      'Auszug aus der Mitgliederliste',
      '§ 31 Abs. 1 GenG',
      'Beitritt',
      '+2',
      '-3',
      'Ausgeschieden zum',
      '31.12.2027',
      'Kündigung durch das Mitglied',
    ]) {
      assert.ok(text.includes(expected), `missing ${expected}`)
    }
  })
})

describe('declaration', () => {
  test('reproduces the text, the signer, the time, the address and the hash', async () => {
    const text = allText(await documents.declarationPdf('de', false))
    for (const expected of [
      'Beitrittserklärung',
      'BE-2026-000017',
      'zoe@example.org',
      '01.03.2026, 15:05',
      '2026-03-01T14:05:00.000Z',
      '203.0.113.7',
      '01.06.2025',
      declaration.contentHash,
      'Ich erkläre meinen Beitritt zur Beispiel-Genossenschaft eG.',
      'Ich verpflichte mich, die Einzahlungen zu leisten.',
    ]) {
      assert.ok(text.includes(expected), `missing ${expected}`)
    }
    // ř is not in the standard fonts' character set: shown as its base letter rather than as garbage
    assert.ok(text.includes('Zoë Dvorák'))
  })

  test('says so when no IP address was recorded', async () => {
    const text = allText(await declarationPdf({ ...declaration, ipAddress: null }, 'en', { compress: false }))
    assert.ok(text.includes('not recorded'))
  })
})

describe('register list', () => {
  test('10,000 members: many pages, the header row on every one, every member exactly once', async (t) => {
    const rows = listRows(10_000)
    const started = performance.now()
    const pdf = await registerListPdf({ cooperative, asOf: '2026-12-31', rows, issuedAt }, 'de', { compress: false })
    t.diagnostic(`10,000 rows rendered in ${Math.round(performance.now() - started)} ms, ${pdf.length} bytes`)
    assertPdf(pdf)
    const pages = pageLines(pdf)
    assert.ok(pages.length > 1)
    assert.equal(pages.length, pageCount(pdf))
    const header = ['Nr.', 'Name', 'Anschrift', 'Art', 'Eintritt', 'Anteile', 'Ausgeschieden', 'Grund']
    const seen = new Map<string, number>()
    pages.forEach((lines, index) => {
      const at = lines.indexOf('Nr.')
      assert.ok(at >= 0, `page ${index + 1} has no header row`)
      assert.deepEqual(lines.slice(at, at + header.length), header)
      assert.ok(lines.includes(`Seite ${index + 1} von ${pages.length}`))
      for (const line of lines) if (/^M-\d{5}$/.test(line)) seen.set(line, (seen.get(line) ?? 0) + 1)
    })
    assert.equal(seen.size, 10_000)
    assert.ok([...seen.values()].every((count) => count === 1))
    assert.ok(allText(pdf).includes('Stand 31.12.2026: 10.000 Einträge'))
  })
})

describe('renderPdf', () => {
  const base = {
    lang: 'de' as const,
    title: 'Test',
    author: 'Beispiel-Genossenschaft eG',
    header: 'Beispiel-Genossenschaft eG',
    createdAt: issuedAt,
  }

  test('the document ID follows the creation date instead of being random', async () => {
    const spec = { ...base, blocks: [{ type: 'paragraph' as const, text: 'Hallo' }] }
    const idOf = (pdf: Buffer) => /\/ID \[<([0-9a-f]+)>/.exec(pdf.toString('latin1'))?.[1]
    const first = idOf(await renderPdf(spec))
    assert.ok(first)
    assert.equal(idOf(await renderPdf(spec)), first)
    assert.notEqual(idOf(await renderPdf({ ...spec, createdAt: new Date('2027-01-01T00:00:00Z') })), first)
  })

  test('a table row taller than a page goes on across pages without losing a line', async () => {
    const tall = Array.from({ length: 150 }, (_, index) => `Zeile ${index + 1}`).join('\n')
    const pdf = await renderPdf({
      ...base,
      compress: false,
      blocks: [
        {
          type: 'table',
          columns: [
            { label: 'Kopf', width: 1 },
            { label: 'Inhalt', width: 3 },
          ],
          rows: [
            ['a', 'kurz'],
            ['b', tall],
            ['c', 'danach'],
          ],
        },
      ],
    })
    const pages = pageLines(pdf)
    assert.ok(pages.length >= 3)
    for (const lines of pages) assert.ok(lines.includes('Inhalt'))
    const text = pages.flat()
    for (let index = 1; index <= 150; index++) assert.ok(text.includes(`Zeile ${index}`), `missing Zeile ${index}`)
    assert.ok(text.indexOf('Zeile 150') < text.indexOf('danach'))
  })

  test('long paragraphs wrap and break onto further pages', async () => {
    const sentence = 'Die Mitgliederversammlung beschließt über die Verwendung des Jahresüberschusses. '
    const pdf = await renderPdf({
      ...base,
      compress: false,
      blocks: [{ type: 'paragraph', text: sentence.repeat(400) }],
    })
    const pages = pageLines(pdf)
    assert.ok(pages.length > 1)
    assert.ok(pages.flat().every((line) => line.length < 140))
  })
})
