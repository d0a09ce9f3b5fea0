import { Forbidden, NotFound, RuleViolated, textProblem } from '@rhythm/event-sourcing';
import type { Problem } from '@rhythm/event-sourcing';
import type { Actor } from '../actor';
import { limits } from '../input-rules';
import type { Insight, InsightState } from './insight.state';

/**
 * An insight on an objective the caller may not see answers as an unknown insight, to every
 * command (docs/security.md): `visible` is the application's rule, applied to its objective.
 */
export const existingInsight = (
  state: InsightState,
  insightId: string,
  visible: boolean,
): Insight => {
  if (state.status === 'none' || !visible) throw new NotFound(`Insight ${insightId} not found`);
  return state;
};

/** An insight is its author's words: not their guild's coordinators', not an admin's. */
export const assertAuthor = (actor: Actor, insight: Insight, doing: string): void => {
  if (insight.authorId === actor.personId) return;
  throw new Forbidden(`Only the author of insight ${insight.insightId} can ${doing}`);
};

export const assertPosted = (insight: Insight, doing: string): void => {
  if (insight.status === 'posted') return;
  throw new RuleViolated(`Cannot ${doing}: insight ${insight.insightId} is withdrawn`, {
    insight: 'withdrawn',
  });
};

export const insightTextProblems = (
  text: Readonly<{ title: string; body: string }>,
): Record<string, Problem> => ({
  title: textProblem(text.title, limits.insightTitle),
  body: textProblem(text.body, limits.insightBody),
});
