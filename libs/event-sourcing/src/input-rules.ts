import { ValidationFailed } from './errors';

/**
 * Input rules every context's deciders share. Deciders validate their own input (the HTTP edge
 * does too) so that a command is safe whatever delivered it; each context keeps its own `limits`.
 */
export type Problem = string | undefined;

export type TextRule = Readonly<{ required: boolean; max: number }>;

/** Text as it is stored is trimmed, so the rule counts the trimmed text. */
export const textProblem = (value: string | undefined, rule: TextRule): Problem => {
  const text = (value ?? '').trim();
  if (rule.required && text.length === 0) return 'must not be empty';
  if (text.length > rule.max) return `must be at most ${rule.max} characters`;
  return undefined;
};

/**
 * The ids a token carries: the tenant (organisation) id and the subject (the person, the actor
 * of every event). They become parts of stream ids, document keys and Kafka headers, so they are
 * short and plain: a letter or digit, then letters, digits, '.', '_' or '-', 64 at most
 * (docs/adr/0026). Integration contracts cap them at least as tightly.
 */
export const identifierPattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
export const identifierMaxLength = 64;

export const identifierProblem = (value: string | undefined): Problem => {
  if (value === undefined || value === '') return 'must not be empty';
  if (value.length > identifierMaxLength) {
    return `must be at most ${identifierMaxLength} characters`;
  }
  if (!identifierPattern.test(value)) {
    return "must start with a letter or digit and hold only letters, digits, '.', '_' and '-'";
  }
  return undefined;
};

/** Throws ValidationFailed naming every field at fault, or returns quietly. */
export const rejectInvalid = (problems: Readonly<Record<string, Problem>>): void => {
  const fields = Object.fromEntries(
    Object.entries(problems).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  if (Object.keys(fields).length > 0) {
    throw new ValidationFailed(`Invalid ${Object.keys(fields).join(', ')}`, fields);
  }
};
