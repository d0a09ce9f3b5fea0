import type { Command } from '../command';
import type { CycleReviewStarted } from './cycle.events';
import { assertCycleIn, assertMayRunCycles, existingCycle } from './cycle.rules';
import type { CycleState } from './cycle.state';

export type StartCycleReview = Command<'StartCycleReview', { cycleId: string }>;

/** active → review: goals are frozen, scores may be overridden, retrospectives written. */
export const startCycleReview = (
  command: StartCycleReview,
  state: CycleState,
): CycleReviewStarted[] => {
  const cycle = existingCycle(state, command.data.cycleId);
  assertMayRunCycles(command.actor, 'start the review of a cycle');
  if (cycle.status === 'review') return [];
  assertCycleIn(cycle, ['active'], 'start the review');
  return [{ type: 'CycleReviewStarted', data: { cycleId: cycle.cycleId } }];
};
