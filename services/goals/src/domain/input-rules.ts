import { ValidationFailed } from '@rhythm/event-sourcing';

/**
 * Input rules shared by the goals commands. Deciders validate their own input (the HTTP edge
 * does too) so that a command is safe whatever delivered it.
 */
export type Problem = string | undefined;

export type TextRule = Readonly<{ required: boolean; max: number }>;

export const limits = {
  title: { required: true, max: 200 },
  description: { required: false, max: 2000 },
  name: { required: true, max: 120 },
  reason: { required: true, max: 1000 },
  note: { required: true, max: 4000 },
  unit: { required: true, max: 20 },
} as const satisfies Record<string, TextRule>;

export const textProblem = (value: string | undefined, rule: TextRule): Problem => {
  const text = (value ?? '').trim();
  if (rule.required && text.length === 0) return 'must not be empty';
  if (text.length > rule.max) return `must be at most ${rule.max} characters`;
  return undefined;
};

/**
 * A reason is optional unless `requiredTo` says what it is required for (e.g. 'to drop a key
 * result of an active objective'); when given it must be real text.
 */
export const reasonProblem = (reason: string | undefined, requiredTo?: string): Problem => {
  if ((reason ?? '').trim() === '')
    return requiredTo === undefined ? undefined : `is required ${requiredTo}`;
  return textProblem(reason, limits.reason);
};

export const finiteProblem = (value: number): Problem =>
  Number.isFinite(value) ? undefined : 'must be a finite number';

export const oneOfProblem = (allowed: readonly string[], value: string): Problem =>
  allowed.includes(value) ? undefined : `must be one of ${allowed.join(', ')}`;

/** Throws ValidationFailed naming every field at fault, or returns quietly. */
export const rejectInvalid = (problems: Readonly<Record<string, Problem>>): void => {
  const fields = Object.fromEntries(
    Object.entries(problems).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  if (Object.keys(fields).length > 0) {
    throw new ValidationFailed(`Invalid ${Object.keys(fields).join(', ')}`, fields);
  }
};

/** Text as it is stored: trimmed. */
export const clean = (text: string): string => text.trim();

/** An optional reason as it is stored: trimmed, and absent rather than empty. */
export const cleanReason = (reason: string | undefined): { reason?: string } =>
  reason === undefined || reason.trim() === '' ? {} : { reason: reason.trim() };
