import type { Child } from 'hono/jsx'
import type { FieldIssue } from '../platform/errors.ts'
import type { Language } from '../platform/i18n.ts'
import { translator } from '../platform/i18n.ts'
import { common } from './messages.ts'

export type Errors = Record<string, string>

export function errorsByField(issues: FieldIssue[]): Errors {
  const out: Errors = {}
  for (const issue of issues) if (!out[issue.path]) out[issue.path] = issue.message
  return out
}

interface FieldProps {
  name: string
  label: string
  value?: string | number | null
  errors?: Errors
  type?: string
  required?: boolean
  autocomplete?: string
  hint?: string
  inputmode?: 'numeric' | 'decimal' | 'email' | 'tel' | 'url' | 'text'
  lang?: Language
  maxlength?: number
}

/** What ties a control to its label, hint and error for screen readers. */
interface ControlAttributes {
  id: string
  'aria-invalid': 'true' | undefined
  'aria-describedby': string | undefined
}

/** Label, hint and error around one control; the error sits right under it. */
function LabelledControl(props: {
  name: string
  label: string
  required?: boolean
  hint?: string
  errors?: Errors
  control: (attributes: ControlAttributes) => Child
}) {
  const id = `f-${props.name}`
  const error = props.errors?.[props.name]
  const describedBy = [props.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ')
  return (
    <div class={error ? 'field invalid' : 'field'}>
      <label for={id}>
        {props.label}
        {props.required && <span aria-hidden="true"> *</span>}
      </label>
      {props.hint && (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      )}
      {props.control({ id, 'aria-invalid': error ? 'true' : undefined, 'aria-describedby': describedBy || undefined })}
      {error && (
        <p class="error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  )
}

/** A labelled input. */
export function Field(props: FieldProps) {
  return (
    <LabelledControl
      {...props}
      control={(attributes) => (
        <input
          {...attributes}
          name={props.name}
          type={props.type ?? 'text'}
          value={props.value ?? ''}
          required={props.required}
          autocomplete={props.autocomplete}
          inputmode={props.inputmode}
          maxlength={props.maxlength}
        />
      )}
    />
  )
}

/** A labelled text area of four rows. */
export function TextArea(props: {
  name: string
  label: string
  value?: string | null
  errors?: Errors
  required?: boolean
  maxlength?: number
  hint?: string
}) {
  return (
    <LabelledControl
      {...props}
      control={(attributes) => (
        <textarea {...attributes} name={props.name} rows={4} required={props.required} maxlength={props.maxlength}>
          {props.value ?? ''}
        </textarea>
      )}
    />
  )
}

interface SelectProps {
  name: string
  label: string
  value?: string | null
  options: Array<{ value: string; label: string }>
  errors?: Errors
  required?: boolean
}

export function Select(props: SelectProps) {
  const id = `f-${props.name}`
  const error = props.errors?.[props.name]
  return (
    <div class={error ? 'field invalid' : 'field'}>
      <label for={id}>
        {props.label}
        {props.required && <span aria-hidden="true"> *</span>}
      </label>
      <select
        id={id}
        name={props.name}
        required={props.required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      >
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.value}>
            {o.label}
          </option>
        ))}
      </select>
      {error && (
        <p class="error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  )
}

interface CheckboxesProps {
  name: string
  legend: string
  options: Array<{ value: string; label: string }>
  checked: string[]
  errors?: Errors
}

export function Checkboxes(props: CheckboxesProps) {
  const error = props.errors?.[props.name]
  return (
    <fieldset class={error ? 'field invalid' : 'field'} aria-describedby={error ? `f-${props.name}-error` : undefined}>
      <legend>{props.legend}</legend>
      {props.options.map((o) => (
        <label class="check">
          <input type="checkbox" name={props.name} value={o.value} checked={props.checked.includes(o.value)} />{' '}
          {o.label}
        </label>
      ))}
      {error && (
        <p class="error" id={`f-${props.name}-error`}>
          {error}
        </p>
      )}
    </fieldset>
  )
}

/** A form with the CSRF token; the error summary at the top links to each invalid field. */
export function Form(props: {
  action: string
  csrf: string
  lang: Language
  errors?: Errors
  labels?: Record<string, string>
  children?: Child
  class?: string
  id?: string
}) {
  const t = translator(common, props.lang)
  const entries = Object.entries(props.errors ?? {})
  return (
    <form method="post" action={props.action} class={props.class ?? 'stack'} id={props.id} novalidate>
      <input type="hidden" name="_csrf" value={props.csrf} />
      {entries.length > 0 && (
        <div class="error-summary" role="alert" tabindex={-1}>
          <p>{t('form_has_errors')}</p>
          <ul>
            {entries.map(([path, message]) => (
              <li>
                <a href={`#f-${path}`}>{`${props.labels?.[path] ?? path}: ${message}`}</a>
              </li>
            ))}
          </ul>
        </div>
      )}
      {props.children}
    </form>
  )
}

export function Pager(props: { lang: Language; page: number; pages: number; href: (page: number) => string }) {
  const t = translator(common, props.lang)
  if (props.pages <= 1) return null
  return (
    <nav class="pager" aria-label={t('page_of', { page: props.page, pages: props.pages })}>
      {props.page > 1 && (
        <a href={props.href(props.page - 1)} rel="prev">
          {t('previous')}
        </a>
      )}
      <span>{t('page_of', { page: props.page, pages: props.pages })}</span>
      {props.page < props.pages && (
        <a href={props.href(props.page + 1)} rel="next">
          {t('next')}
        </a>
      )}
    </nav>
  )
}

/** The head of a list page: title, a search form that works without JavaScript, the "new" button, the count. */
export function ListHeader(props: {
  title: string
  action: string
  q: string
  searchLabel: string
  searchButton: string
  newHref?: string | null
  newLabel: string
  count: string
}) {
  return (
    <>
      <h1>{props.title}</h1>
      <div class="actions">
        <form method="get" action={props.action} class="actions">
          <label for="q">{props.searchLabel}</label>
          <input id="q" name="q" type="search" value={props.q} />
          <button type="submit" class="secondary">
            {props.searchButton}
          </button>
        </form>
        {props.newHref && (
          <a class="button" href={props.newHref}>
            {props.newLabel}
          </a>
        )}
      </div>
      <p>{props.count}</p>
    </>
  )
}
