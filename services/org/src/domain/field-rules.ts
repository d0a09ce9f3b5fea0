import { ValidationFailed } from '@rhythm/event-sourcing';

/**
 * Input rules shared by the org commands. Deciders validate their own input (the HTTP edge does
 * too) so that a command is safe whatever delivered it.
 */
type Problem = string | undefined;

export const textProblem = (
  value: string | undefined,
  rule: Readonly<{ required: boolean; max: number }>,
): Problem => {
  const text = (value ?? '').trim();
  if (rule.required && text.length === 0) return 'must not be empty';
  if (text.length > rule.max) return `must be at most ${rule.max} characters`;
  return undefined;
};

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const emailProblem = (value: string): Problem =>
  emailPattern.test(value.trim())
    ? textProblem(value, { required: true, max: 254 })
    : 'must be an email address';

export const limits = {
  name: { required: true, max: 120 },
  description: { required: false, max: 500 },
  craft: { required: true, max: 60 },
  reason: { required: true, max: 500 },
} as const;

/** Throws ValidationFailed naming every field at fault, or returns quietly. */
export const rejectInvalid = (problems: Readonly<Record<string, Problem>>): void => {
  const fields = Object.fromEntries(
    Object.entries(problems).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  if (Object.keys(fields).length > 0) {
    throw new ValidationFailed(`Invalid ${Object.keys(fields).join(', ')}`, fields);
  }
};
