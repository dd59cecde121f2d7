/**
 * The secretary forms' fields: a label, the control, a hint, and the refusal in plain words beside it
 * (`aria-describedby`, `aria-invalid`). One component per kind of control, so a form lists its fields.
 */
import type { ComponentChildren } from 'preact';
import { useRef } from 'preact/hooks';
import type { FieldMessages } from './secretary-problems';

let fieldSeq = 0;

interface FieldProps {
  name: string;
  label: string;
  messages: FieldMessages;
  hint?: string;
}

/** Any control: `children` gets the id, name and ARIA attributes to spread on it. */
export function Field(props: FieldProps & { children: (attrs: Record<string, unknown>) => ComponentChildren }) {
  const id = useRef(`f${++fieldSeq}-${props.name}`).current;
  const error = props.messages.fields[props.name];
  const describedBy = [error ? `${id}-error` : '', props.hint ? `${id}-hint` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`field${error ? ' has-error' : ''}`} data-field={props.name}>
      <label for={id}>{props.label}</label>
      {props.children({ id, name: props.name, 'aria-invalid': error ? 'true' : undefined, 'aria-describedby': describedBy })}
      {props.hint ? <span id={`${id}-hint`} class="hint">{props.hint}</span> : null}
      {error ? <FieldError id={`${id}-error`} text={error} /> : null}
    </div>
  );
}

export const val = (e: Event) => (e.target as HTMLInputElement).value;

/** A text (or number) input. */
export function TextField(props: FieldProps & { value: string; onValue: (v: string) => void; size?: number; numeric?: boolean; disabled?: boolean }) {
  return (
    <Field {...props}>
      {(a) => (
        <input
          {...a}
          value={props.value}
          size={props.size ?? (props.numeric ? 4 : 50)}
          inputMode={props.numeric ? 'numeric' : undefined}
          disabled={props.disabled}
          onInput={(e) => props.onValue(val(e))}
        />
      )}
    </Field>
  );
}

export type Choice = string | { value: string; label: ComponentChildren };

/** A select; `empty` labels a first option whose value is '' (nothing chosen). */
export function SelectField(props: FieldProps & { value: string; onValue: (v: string) => void; options: Choice[]; empty?: string; disabled?: boolean }) {
  return (
    <Field {...props}>
      {(a) => (
        <select {...a} value={props.value} disabled={props.disabled} onChange={(e) => props.onValue(val(e))}>
          {props.empty !== undefined ? <option value="">{props.empty}</option> : null}
          {props.options.map((o) =>
            typeof o === 'string' ? (
              <option key={o}>{o}</option>
            ) : (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ),
          )}
        </select>
      )}
    </Field>
  );
}

export function FieldError(props: { id?: string; text: string }) {
  return (
    <span id={props.id} class="field-error" data-testid="field-error" role="alert">
      {props.text}
    </span>
  );
}
