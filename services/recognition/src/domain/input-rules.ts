import { identifierProblem, type Problem, type TextRule } from '@rhythm/event-sourcing';

/**
 * The recognition context's input limits. The HTTP edge (DTOs, next) uses the same numbers, and
 * the `rhythm.recognition.events` contracts will cap their texts at them.
 */
export const limits = {
  kudosMessage: { required: true, max: 1000 },
  comment: { required: true, max: 2000 },
  storyTitle: { required: true, max: 200 },
  storyPart: { required: true, max: 4000 },
  /** What was learned is optional in a success story; a lessons-learned story has it always. */
  storyLesson: { required: false, max: 4000 },
  reason: { required: true, max: 1000 },
  /** One of the organisation's values or tags, as an admin writes it. */
  value: { required: true, max: 40 },
  /** People one kudos or one story names. */
  peoplePerKudos: 20,
  valuesPerKudos: 5,
  helpersPerStory: 30,
  valuesPerOrganisation: 50,
} as const satisfies Record<string, TextRule | number>;

/** Text as it is stored: trimmed. */
export const clean = (text: string | undefined): string => (text ?? '').trim();

/** A moment as the commands carry it: an ISO-8601 instant with its offset (`Z` or `+02:00`). */
export const instantProblem = (at: string): Problem =>
  typeof at === 'string' &&
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(at) &&
  !Number.isNaN(Date.parse(at))
    ? undefined
    : 'must be an ISO-8601 instant with an offset';

/** Stored instants are UTC ISO strings, so they compare as text and as time alike. */
export const utc = (at: string): string => new Date(at).toISOString();

/**
 * The id of a kudos or a story becomes the last part of its stream id after the tenant and a
 * `.` (ADR 0042): a tenant id may hold a `.`, so this id may not, or two organisations' streams
 * could meet.
 */
export const streamIdProblem = (id: string): Problem =>
  identifierProblem(id) ?? (id.includes('.') ? "must not hold a '.'" : undefined);

export const idListProblem = (ids: readonly string[], max: number): Problem => {
  if (ids.length > max) return `must hold at most ${max} ids`;
  if (new Set(ids).size !== ids.length) return 'must not repeat an id';
  const wrong = ids.map(identifierProblem).find((problem) => problem !== undefined);
  return wrong === undefined ? undefined : `each id ${wrong}`;
};
