import type { Command } from '../command';
import type { CycleClosed } from './cycle.events';
import { assertCycleIn, assertMayRunCycles, existingCycle } from './cycle.rules';
import type { CycleState } from './cycle.state';

export type CloseCycle = Command<'CloseCycle', { cycleId: string }>;

/**
 * review → closed, for good. The cycle-close process then scores every active objective of the
 * cycle under the rule recorded here (ScoreObjective).
 */
export const closeCycle = (command: CloseCycle, state: CycleState): CycleClosed[] => {
  const cycle = existingCycle(state, command.data.cycleId);
  assertMayRunCycles(command.actor, 'close a cycle');
  if (cycle.status === 'closed') return [];
  assertCycleIn(cycle, ['review'], 'close the cycle');
  return [
    { type: 'CycleClosed', data: { cycleId: cycle.cycleId, scoringRule: cycle.scoringRule } },
  ];
};
