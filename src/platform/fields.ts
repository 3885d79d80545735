import { z } from '@hono/zod-openapi'
import { isPlainDate, type PlainDate } from './dates.ts'
import type { FieldIssue } from './errors.ts'
import { type Language, translate } from './i18n.ts'
import { type ValidationMessageKey, validationMessages } from './validation.messages.ts'
import {
  type Checked,
  checkEmail,
  checkIban,
  checkLeitwegId,
  checkPostalCode,
  checkVatId,
  hasControlChars,
} from './validation.ts'

/** zod building blocks shared by every domain's schema. Custom errors are message keys, translated at the field. */
export function text(max: number) {
  return z
    .string()
    .trim()
    .max(max, { error: 'too_long' })
    .refine((v) => !hasControlChars(v), { error: 'text_control_chars' })
}

export function requiredText(max: number) {
  return text(max).pipe(z.string().min(1, { error: 'required' }))
}

/** An optional text: empty input means "none" (null). */
export function optionalText(max: number) {
  return z
    .union([text(max), z.null()])
    .optional()
    .transform((v) => (v ? v : null))
}

function checked(fn: (v: string) => Checked) {
  return (value: string, ctx: z.RefinementCtx): string => {
    const result = fn(value)
    if (!result.ok) {
      ctx.addIssue({ code: 'custom', message: result.error })
      return z.NEVER
    }
    return result.value
  }
}

export const email = () =>
  text(254)
    .pipe(z.string().min(1, { error: 'required' }))
    .transform(checked(checkEmail))
export const optionalEmail = () => optionalText(254).transform((v, ctx) => (v ? checked(checkEmail)(v, ctx) : null))
export const optionalVatId = () => optionalText(20).transform((v, ctx) => (v ? checked(checkVatId)(v, ctx) : null))
export const optionalIban = () => optionalText(42).transform((v, ctx) => (v ? checked(checkIban)(v, ctx) : null))
export const optionalLeitwegId = () =>
  optionalText(46).transform((v, ctx) => (v ? checked(checkLeitwegId)(v, ctx) : null))
export const country = () =>
  text(2)
    .transform((v) => v.toUpperCase() || 'DE')
    .pipe(z.string().regex(/^[A-Z]{2}$/, { error: 'country_invalid' }))
export const optionalPhone = () =>
  optionalText(40).refine((v) => v === null || /^[+0-9 ()/-]{3,40}$/.test(v), { error: 'phone_invalid' })
export const optionalUrl = () =>
  optionalText(300).refine((v) => v === null || /^https?:\/\/[^\s]+$/i.test(v), { error: 'url_invalid' })

/**
 * Postal code checked against the country of the same object (the German rule differs from the rest).
 * `when` makes it run even if other fields failed, so every error shows at once.
 */
export const postalCodeRule = {
  check: (value: { postalCode?: string | null; country?: string }) =>
    !value.postalCode || checkPostalCode(value.postalCode, value.country ?? 'DE').ok,
  params: {
    error: 'postal_code_invalid',
    path: ['postalCode'],
    when: (payload: { value: unknown }) => typeof (payload.value as { postalCode?: unknown })?.postalCode === 'string',
  },
}

type NoDefaults<S> = { [K in keyof S]: S[K] extends z.ZodDefault<infer T> ? T : S[K] }

/**
 * The shape of a patch: a field left out means "unchanged". zod 4 applies `.default()` even inside
 * `.partial()`, which would reset every field a patch does not name, so the defaults are removed.
 */
export function withoutDefaults<S extends Record<string, z.ZodType>>(shape: S): NoDefaults<S> {
  const out: Record<string, z.ZodType> = {}
  for (const [key, schema] of Object.entries(shape))
    out[key] = schema instanceof z.ZodDefault ? (schema.removeDefault() as z.ZodType) : schema
  return out as NoDefaults<S>
}

/** A whole number from JSON or from a form field (where everything arrives as text). */
export function count(max: number) {
  return z.preprocess(
    (v) => (typeof v === 'string' ? (v.trim() === '' ? 0 : /^-?\d+$/.test(v.trim()) ? Number(v.trim()) : v) : v),
    z
      .number({ error: 'not_integer' })
      .int({ error: 'not_integer' })
      .min(0, { error: 'too_small' })
      .max(max, { error: 'too_big' }),
  )
}

/** Euro amount typed as `1234,56` or `1234.56` in a form, or integer cents in JSON. */
export function euroCents(max: number) {
  return z.preprocess(
    (v) => {
      if (typeof v !== 'string') return v
      const t = v.trim().replace(/\s|€/g, '')
      if (t === '') return 0
      const m = /^(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,2}))?$/.exec(t) ?? /^(\d+)(?:\.(\d{1,2}))?$/.exec(t)
      if (!m) return v
      return Number((m[1] ?? '0').replace(/\./g, '')) * 100 + Number((m[2] ?? '').padEnd(2, '0') || 0)
    },
    z
      .number({ error: 'not_integer' })
      .int({ error: 'not_integer' })
      .min(0, { error: 'too_small' })
      .max(max, { error: 'too_big' }),
  )
}

function isKey(message: string): message is ValidationMessageKey {
  return message in validationMessages.de
}

/** zod issues -> field issues with a message in the reader's language. */
export function fieldIssues(error: z.ZodError, lang: Language): FieldIssue[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.') || '(body)'
    let key: ValidationMessageKey = 'invalid'
    const params: Record<string, string | number> = {}
    if (isKey(issue.message)) key = issue.message
    else if (issue.code === 'invalid_type') {
      key = issue.input === undefined ? 'required' : 'invalid_type'
      params.expected = issue.expected
    } else if (issue.code === 'too_small') key = issue.origin === 'string' ? 'too_short' : 'too_small'
    else if (issue.code === 'too_big') key = issue.origin === 'string' ? 'too_long' : 'too_big'
    else if (issue.code === 'invalid_value') key = 'invalid_choice'
    else if (issue.code === 'unrecognized_keys') key = 'unknown_field'
    if ('minimum' in issue) params.min = String(issue.minimum)
    if ('maximum' in issue) params.max = String(issue.maximum)
    return { path, message: translate(validationMessages, lang, key, params) }
  })
}

/** Translates issue messages that are validation keys (actions raise `fieldError(path, key)`). */
export function localiseIssues(issues: FieldIssue[], lang: Language): FieldIssue[] {
  return issues.map((issue) =>
    isKey(issue.message) ? { ...issue, message: translate(validationMessages, lang, issue.message) } : issue,
  )
}

/** A date as a date input sends it (2026-12-31) or as people type it (31.12.2026); null if it is neither. */
export function parseDateInput(value: string): PlainDate | null {
  const v = value.trim()
  const german = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(v)
  const iso = german ? `${german[3]}-${german[2]!.padStart(2, '0')}-${german[1]!.padStart(2, '0')}` : v
  return isPlainDate(iso) ? iso : null
}

/** A form's date field: required, then 'YYYY-MM-DD' or 'DD.MM.YYYY', as a calendar date. */
export const dateInput = () =>
  z
    .string()
    .trim()
    .min(1, { error: 'required' })
    .transform((v, ctx) => {
      const date = parseDateInput(v)
      if (date) return date
      ctx.addIssue({ code: 'custom', message: 'date_invalid' })
      return z.NEVER
    })
