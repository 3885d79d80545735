import type { Errors } from '../web/components.tsx'

/** Form parts of the membership pages that src/web/components.tsx does not have. */

/** One required choice of a few, each with a hint. */
export function Radios(props: {
  name: string
  legend: string
  value: string
  options: Array<{ value: string; label: string; hint?: string }>
  errors?: Errors
}) {
  const error = props.errors?.[props.name]
  return (
    <fieldset class={error ? 'field invalid' : 'field'} id={`f-${props.name}`}>
      <legend>
        {props.legend}
        <span aria-hidden="true"> *</span>
      </legend>
      {props.options.map((o) => (
        <label class="check">
          <input type="radio" name={props.name} value={o.value} checked={o.value === props.value} />{' '}
          <span>
            {o.label}
            {o.hint && <span class="hint"> – {o.hint}</span>}
          </span>
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

/** A required consent: a checkbox whose error sits with it. */
export function Consent(props: { name: string; label: string; checked: boolean; errors?: Errors; extra?: unknown }) {
  const id = `f-${props.name}`
  const error = props.errors?.[props.name]
  return (
    <div class={error ? 'field invalid' : 'field'}>
      <label class="check" for={id}>
        <input
          type="checkbox"
          id={id}
          name={props.name}
          value="on"
          checked={props.checked}
          required
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
        />{' '}
        <span>
          {props.label}
          <span aria-hidden="true"> *</span>
        </span>
      </label>
      {props.extra}
      {error && (
        <p class="error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  )
}
