import { textProblem, type Problem, type TextRule } from '@rhythm/event-sourcing';

/**
 * The goals context's own input limits and rules; `textProblem` and `rejectInvalid` are the
 * kernel's. The HTTP edge (DTOs) uses the same numbers, and they fit the goals integration
 * contract (libs/contracts/src/goals): what the edge accepts the relay can publish.
 */
export const limits = {
  title: { required: true, max: 200 },
  description: { required: false, max: 2000 },
  name: { required: true, max: 120 },
  reason: { required: true, max: 1000 },
  note: { required: true, max: 4000 },
  unit: { required: true, max: 20 },
} as const satisfies Record<string, TextRule>;

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

/** Text as it is stored: trimmed. */
export const clean = (text: string): string => text.trim();

/** An optional reason as it is stored: trimmed, and absent rather than empty. */
export const cleanReason = (reason: string | undefined): { reason?: string } =>
  reason === undefined || reason.trim() === '' ? {} : { reason: reason.trim() };
