import { textProblem, type Problem, type TextRule } from '@rhythm/event-sourcing';

/**
 * The org context's own input limits; `textProblem` and `rejectInvalid` are the kernel's. The
 * HTTP edge (DTOs) uses the same numbers, and they fit the org integration contract
 * (libs/contracts/src/org): what the edge accepts the relay can publish.
 */
export const limits = {
  name: { required: true, max: 120 },
  description: { required: false, max: 500 },
  craft: { required: true, max: 60 },
  reason: { required: true, max: 500 },
  email: { required: true, max: 254 },
} as const satisfies Record<string, TextRule>;

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const emailProblem = (value: string): Problem =>
  emailPattern.test(value.trim()) ? textProblem(value, limits.email) : 'must be an email address';
