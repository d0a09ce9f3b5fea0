import { identifierProblem, type Problem, type TextRule } from '@rhythm/event-sourcing';

/**
 * The checkins context's input limits. The HTTP edge (DTOs, later) uses the same numbers, and
 * the `checkins.check-in-recorded` contract will cap its texts at them.
 */
export const limits = {
  notePart: { required: false, max: 2000 },
  description: { required: true, max: 2000 },
  reason: { required: true, max: 1000 },
  comment: { required: false, max: 2000 },
  resolution: { required: true, max: 2000 },
  outsideParty: { required: true, max: 200 },
  /** A comment on a check-in, a blocker or an insight (the acknowledgement's own is `comment`). */
  commentText: { required: true, max: 2000 },
  insightTitle: { required: true, max: 200 },
  insightBody: { required: true, max: 4000 },
  /** Blockers one check-in may link. */
  blockersPerCheckIn: 10,
} as const satisfies Record<string, TextRule | number>;

/** Text as it is stored: trimmed. */
export const clean = (text: string | undefined): string => (text ?? '').trim();

export const finiteProblem = (value: number): Problem =>
  typeof value === 'number' && Number.isFinite(value) ? undefined : 'must be a finite number';

/** A moment as the commands carry it: an ISO-8601 instant with its offset (`Z` or `+02:00`). */
export const instantProblem = (at: string): Problem =>
  typeof at === 'string' &&
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(at) &&
  !Number.isNaN(Date.parse(at))
    ? undefined
    : 'must be an ISO-8601 instant with an offset';

/** Stored instants are UTC ISO strings, so they compare as text and as time alike. */
export const utc = (at: string): string => new Date(at).toISOString();

export const idListProblem = (ids: readonly string[], max: number): Problem => {
  if (ids.length > max) return `must hold at most ${max} ids`;
  if (new Set(ids).size !== ids.length) return 'must not repeat an id';
  const wrong = ids.map(identifierProblem).find((problem) => problem !== undefined);
  return wrong === undefined ? undefined : `each id ${wrong}`;
};
