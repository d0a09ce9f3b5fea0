import { NotFound } from '@rhythm/event-sourcing';
import { objectiveNotFound } from '../goal-facts';

/**
 * What a discussion thread hangs on: a check-in, a blocker or a guild's insight. The objective
 * (and key result, and guild) ride along in every thread event, so a feed and the privacy filter
 * of the read side need only the event (ADR 0038).
 */
export type FeedbackTarget =
  | Readonly<{ kind: 'check-in'; objectiveId: string; keyResultId: string; checkInId: string }>
  | Readonly<{ kind: 'blocker'; objectiveId: string; keyResultId?: string; blockerId: string }>
  | Readonly<{ kind: 'insight'; objectiveId: string; guildId: string; insightId: string }>;

/**
 * What the directory knows of a thread's target when a command names it. `no-objective` also for
 * an objective the caller may not see (docs/security.md); `no-target` for a check-in, blocker or
 * insight that does not exist, or no longer does (a withdrawn insight).
 */
export type TargetFacts =
  | 'no-objective'
  | 'no-target'
  | Readonly<{
      /** The objective's lead today: with an admin, they may take a comment down. */
      objectiveLeadIds: readonly string[];
    }>;

export type KnownTarget = Exclude<TargetFacts, 'no-objective' | 'no-target'>;

const named = (target: FeedbackTarget): string => {
  switch (target.kind) {
    case 'check-in':
      return `Check-in ${target.checkInId}`;
    case 'blocker':
      return `Blocker ${target.blockerId}`;
    case 'insight':
      return `Insight ${target.insightId}`;
  }
};

/** The one answer for a target that does not exist and for one on an objective out of sight. */
export const knownTarget = (facts: TargetFacts, target: FeedbackTarget): KnownTarget => {
  if (facts === 'no-objective') throw objectiveNotFound(target.objectiveId);
  if (facts === 'no-target') throw new NotFound(`${named(target)} not found`);
  return facts;
};
