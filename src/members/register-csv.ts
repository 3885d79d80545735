import type { PlainDate } from '../platform/dates.ts'
import { type Language, translator } from '../platform/i18n.ts'
import { registerRowTexts } from './documents.actions.ts'
import { memberText } from './members.messages.ts'
import type { RegisterRow } from './register.actions.ts'

/**
 * The member register as CSV for spreadsheets: RFC 4180 quoting and CRLF line ends, but `;` as the separator and
 * a UTF-8 byte order mark, which is what German Excel opens correctly with a double click. Dates stay ISO
 * (YYYY-MM-DD), which every spreadsheet reads as a date. A cell that would start a formula is prefixed with `'`.
 */
export const csvSeparator = ';'

export function csvCell(value: string | number | null): string {
  let text = value === null ? '' : String(value)
  // a name like "=HYPERLINK(...)" must stay text in a spreadsheet (CSV injection)
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

export function registerCsv(asOf: PlainDate, rows: RegisterRow[], lang: Language): string {
  const t = translator(memberText, lang)
  const head = [
    t('register_at'),
    t('number'),
    t('name'),
    t('address'),
    t('member_type'),
    t('joined_on'),
    t('register_shares'),
    t('register_exit'),
    t('register_reason'),
  ]
  const lines = [head.map(csvCell).join(csvSeparator)]
  for (const row of rows) {
    const texts = registerRowTexts(row, lang)
    lines.push(
      [
        asOf,
        row.number,
        row.name,
        row.address,
        texts.memberType,
        row.joinedOn,
        row.shares,
        row.exitOn,
        texts.exitReason,
      ]
        .map(csvCell)
        .join(csvSeparator),
    )
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`
}
