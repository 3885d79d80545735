import { electronicFormatIBAN, isValidIBAN } from 'ibantools'

/**
 * Pure validators for the identifiers people type in. Each returns the normalised value or an error key
 * (translated at the field by the page or the API).
 */
export type Checked = { ok: true; value: string } | { ok: false; error: ValidationKey }

export type ValidationKey =
  | 'email_invalid'
  | 'postal_code_invalid'
  | 'vat_id_invalid'
  | 'vat_id_checksum'
  | 'iban_invalid'
  | 'leitweg_id_invalid'
  | 'text_control_chars'

// Deliberately simple: one @, a dot in the domain, no spaces. The mail round trip is the real check.
const emailPattern = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]{2,}$/

export function checkEmail(input: string): Checked {
  const value = input.trim()
  if (value.length > 254 || !emailPattern.test(value)) return { ok: false, error: 'email_invalid' }
  return { ok: true, value }
}

/** German postal codes are five digits; other countries 3–10 letters, digits, spaces or hyphens. */
export function checkPostalCode(input: string, country: string): Checked {
  const value = input.trim().toUpperCase()
  const valid = country === 'DE' ? /^\d{5}$/.test(value) : /^[A-Z0-9][A-Z0-9 -]{1,8}[A-Z0-9]$/.test(value)
  return valid ? { ok: true, value } : { ok: false, error: 'postal_code_invalid' }
}

/** VAT identification number (USt-IdNr., Art. 215 VAT Directive): country prefix and national format; DE with its check digit. */
export function checkVatId(input: string): Checked {
  const value = input.replace(/[\s.-]/g, '').toUpperCase()
  if (!/^(?:[A-Z]{2}[A-Z0-9+*]{2,12})$/.test(value)) return { ok: false, error: 'vat_id_invalid' }
  if (value.startsWith('DE')) {
    if (!/^DE\d{9}$/.test(value)) return { ok: false, error: 'vat_id_invalid' }
    if (!germanVatCheckDigitValid(value.slice(2))) return { ok: false, error: 'vat_id_checksum' }
  }
  return { ok: true, value }
}

/** ISO 7064 MOD 11,10 as used by the Bundeszentralamt für Steuern for the ninth digit. */
export function germanVatCheckDigitValid(digits: string): boolean {
  let product = 10
  for (const ch of digits.slice(0, 8)) {
    let sum = (Number(ch) + product) % 10
    if (sum === 0) sum = 10
    product = (2 * sum) % 11
  }
  let check = 11 - product
  if (check === 10) check = 0
  return check === Number(digits[8])
}

export function checkIban(input: string): Checked {
  const value = electronicFormatIBAN(input) ?? ''
  return isValidIBAN(value) ? { ok: true, value } : { ok: false, error: 'iban_invalid' }
}

/** Leitweg-ID for e-invoices to public bodies (BT-10): coarse-fine-check, check digits ISO 7064 MOD 97-10. */
export function checkLeitwegId(input: string): Checked {
  const value = input.trim().toUpperCase()
  const match = /^(\d{2,12})(?:-([A-Z0-9]{1,30}))?-(\d{2})$/.exec(value)
  if (!match) return { ok: false, error: 'leitweg_id_invalid' }
  const body = (match[1] ?? '') + (match[2] ?? '')
  let digits = ''
  for (const ch of body) digits += /\d/.test(ch) ? ch : String(ch.charCodeAt(0) - 55)
  let remainder = 0
  for (const d of `${digits}00`) remainder = (remainder * 10 + Number(d)) % 97
  const expected = String(98 - remainder).padStart(2, '0')
  return expected === match[3] ? { ok: true, value } : { ok: false, error: 'leitweg_id_invalid' }
}

/** Text fields refuse control characters (NUL cannot be stored, the others hide content from people). */
export function hasControlChars(value: string): boolean {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: that is the point of this check
  return /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(value)
}
