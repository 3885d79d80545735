import type { z } from '@hono/zod-openapi'
import type { FieldIssue } from '../platform/errors.ts'
import type { AreaUpdate, ServiceUpdate } from './catalog.schema.ts'

/**
 * Form text ↔ the catalog's inputs. The forms name their inputs by the inputs' paths (`name.de`,
 * `terms.noticeDays`, `configFields.1.labelEn`), so an issue's path is the field's name; lists are typed one per
 * line, a choice field's choices separated by semicolons; empty configuration rows are left out.
 */
export type FormValues = Record<string, string | string[]>

export const configRowFields = ['key', 'labelDe', 'labelEn', 'type', 'required', 'choices'] as const
const maxConfigRows = 30

function one(form: FormValues, name: string): string {
  const v = form[name]
  return Array.isArray(v) ? (v[0] ?? '') : (v ?? '')
}

function many(form: FormValues, name: string): string[] {
  const v = form[name]
  return v === undefined ? [] : Array.isArray(v) ? v : [v]
}

/** A whole number as typed: empty means "the default", anything not a whole number is left for zod to refuse. */
function num(text: string): number | string | undefined {
  const v = text.trim()
  if (v === '') return undefined
  return /^-?\d{1,12}$/.test(v) ? Number(v) : v
}

function lines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '')
}

const localised = (form: FormValues, name: string) => ({ de: one(form, `${name}.de`), en: one(form, `${name}.en`) })

/** Form rows that were filled in, in order (their indices in the form). */
export function filledConfigRows(form: FormValues): number[] {
  const indices = new Set<number>()
  for (const name of Object.keys(form)) {
    const match = /^configFields\.(\d{1,2})\.(\w+)$/.exec(name)
    if (match && Number(match[1]) < maxConfigRows) indices.add(Number(match[1]))
  }
  return [...indices]
    .sort((a, b) => a - b)
    .filter((i) =>
      ['key', 'labelDe', 'labelEn', 'choices'].some((f) => one(form, `configFields.${i}.${f}`).trim() !== ''),
    )
}

/** The posted area form as the input's shape (key and kind only where the form has them: at creation). */
export function areaFromForm(form: FormValues): Record<string, unknown> {
  const rows = filledConfigRows(form)
  const out: Record<string, unknown> = {
    providerKey: one(form, 'providerKey') || undefined,
    position: num(one(form, 'position')),
    name: localised(form, 'name'),
    summary: localised(form, 'summary'),
    description: localised(form, 'description'),
    included: { de: lines(one(form, 'included.de')), en: lines(one(form, 'included.en')) },
    terms: {
      noticeDays: num(one(form, 'terms.noticeDays')),
      termEnd: one(form, 'terms.termEnd') || undefined,
      minimumTermMonths: num(one(form, 'terms.minimumTermMonths')),
      text: localised(form, 'terms.text'),
    },
    configFields: rows.map((i) => {
      const field = (f: string) => one(form, `configFields.${i}.${f}`)
      const choices = field('choices')
        .split(';')
        .map((c) => c.trim())
        .filter((c) => c !== '')
      return {
        key: field('key').trim(),
        labelDe: field('labelDe'),
        labelEn: field('labelEn'),
        type: field('type') || 'text',
        required: field('required') === 'on',
        ...(choices.length > 0 || field('type') === 'choice' ? { choices } : {}),
      }
    }),
  }
  if (form.key !== undefined) out.key = one(form, 'key').trim()
  if (form.kind !== undefined) out.kind = one(form, 'kind')
  return out
}

/** The posted service form as the input's shape. */
export function serviceFromForm(form: FormValues): Record<string, unknown> {
  const out: Record<string, unknown> = {
    providerKey: one(form, 'providerKey') || undefined,
    position: num(one(form, 'position')),
    name: localised(form, 'name'),
    summary: localised(form, 'summary'),
    description: localised(form, 'description'),
    included: { de: lines(one(form, 'included.de')), en: lines(one(form, 'included.en')) },
    software: lines(one(form, 'software')),
    replaces: many(form, 'replaces'),
    dataLocation: one(form, 'dataLocation'),
    energySource: one(form, 'energySource'),
    backupPolicy: one(form, 'backupPolicy'),
    sso: one(form, 'sso') || undefined,
    unit: localised(form, 'unit'),
  }
  if (form.key !== undefined) out.key = one(form, 'key').trim()
  if (form.areaKey !== undefined) out.areaKey = one(form, 'areaKey')
  if (form.pricing !== undefined) out.pricing = one(form, 'pricing')
  return out
}

/** Issues of configuration rows point at the form's row numbers (empty rows were left out). */
export function toFormIssues(issues: FieldIssue[], form: FormValues): FieldIssue[] {
  const rows = filledConfigRows(form)
  return issues.map((issue) => {
    const match = /^configFields\.(\d+)(\..*)?$/.exec(issue.path)
    if (!match) return issue
    return { ...issue, path: `configFields.${rows[Number(match[1])] ?? match[1]}${match[2] ?? ''}` }
  })
}

export function zodIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }))
}

/** An area's fields as form values, with `rows` configuration rows (the fields, then empty ones). */
export function areaToForm(fields: AreaUpdate, rows: number): FormValues {
  const v: FormValues = {
    providerKey: fields.providerKey ?? '',
    position: String(fields.position),
    'terms.noticeDays': String(fields.terms.noticeDays),
    'terms.termEnd': fields.terms.termEnd,
    'terms.minimumTermMonths': String(fields.terms.minimumTermMonths),
    'terms.text.de': fields.terms.text.de,
    'terms.text.en': fields.terms.text.en,
    'included.de': fields.included.de.join('\n'),
    'included.en': fields.included.en.join('\n'),
  }
  for (const name of ['name', 'summary', 'description'] as const) {
    v[`${name}.de`] = fields[name].de
    v[`${name}.en`] = fields[name].en
  }
  for (let i = 0; i < rows; i++) {
    const f = fields.configFields[i]
    v[`configFields.${i}.key`] = f?.key ?? ''
    v[`configFields.${i}.labelDe`] = f?.labelDe ?? ''
    v[`configFields.${i}.labelEn`] = f?.labelEn ?? ''
    v[`configFields.${i}.type`] = f?.type ?? 'text'
    v[`configFields.${i}.required`] = f?.required ? 'on' : ''
    v[`configFields.${i}.choices`] = (f?.choices ?? []).join('; ')
  }
  return v
}

export function configRowCount(existing: number, form?: FormValues): number {
  let highest = -1
  if (form)
    for (const name of Object.keys(form)) {
      const match = /^configFields\.(\d{1,2})\./.exec(name)
      if (match) highest = Math.max(highest, Number(match[1]))
    }
  return Math.min(maxConfigRows, Math.max(existing + 2, 3, highest + 1))
}

export function serviceToForm(fields: ServiceUpdate): FormValues {
  const v: FormValues = {
    providerKey: fields.providerKey ?? '',
    position: String(fields.position),
    'included.de': fields.included.de.join('\n'),
    'included.en': fields.included.en.join('\n'),
    software: fields.software.join('\n'),
    replaces: [...fields.replaces],
    dataLocation: fields.dataLocation,
    energySource: fields.energySource,
    backupPolicy: fields.backupPolicy,
    sso: fields.sso,
  }
  for (const name of ['name', 'summary', 'description', 'unit'] as const) {
    v[`${name}.de`] = fields[name].de
    v[`${name}.en`] = fields[name].en
  }
  return v
}
