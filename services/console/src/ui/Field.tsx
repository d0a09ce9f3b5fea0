import { useId, type ReactNode } from 'react';
import { ApiError } from '../api/http';
import './field.css';

/**
 * What a refused request says about one field. The services answer a 400 (and a 409 that names
 * the fields a rule concerns) with `fields: { "draft.title": "…" }`; `errors: [{ field, message }]`
 * is read too.
 */
export function fieldProblem(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const fields = error.body.fields;
  if (fields && typeof fields === 'object' && field in fields) {
    const message = (fields as Record<string, unknown>)[field];
    if (typeof message === 'string') return message;
  }
  return error.fieldMessage(field);
}

export interface FieldControlProps {
  readonly id: string;
  readonly 'aria-invalid'?: true;
  readonly 'aria-describedby'?: string;
}

/**
 * A labelled input with the service's complaint about it right beneath (never colour alone: the
 * message is text, and the input says it is invalid).
 */
export function Field({
  label,
  field,
  error,
  hint,
  children,
}: {
  readonly label: string;
  /** The field's path in the request body, as the service names it in a 400. */
  readonly field: string;
  readonly error?: unknown;
  readonly hint?: string;
  readonly children: (control: FieldControlProps) => ReactNode;
}) {
  const id = useId();
  const problem = fieldProblem(error, field);
  const described = [hint ? `${id}-hint` : '', problem ? `${id}-problem` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({
        id,
        ...(problem ? { 'aria-invalid': true as const } : {}),
        ...(described ? { 'aria-describedby': described } : {}),
      })}
      {hint && (
        <span id={`${id}-hint`} className="field__hint">
          {hint}
        </span>
      )}
      {problem && (
        <span id={`${id}-problem`} className="field-error">
          {problem}
        </span>
      )}
    </div>
  );
}
