import type { Command } from '../command';
import type { CycleActivated } from './cycle.events';
import { assertCycleIn, assertMayRunCycles, existingCycle } from './cycle.rules';
import type { CycleState } from './cycle.state';

export type ActivateCycle = Command<'ActivateCycle', { cycleId: string }>;

/** planning → active. Activating an active cycle again changes nothing. */
export const activateCycle = (command: ActivateCycle, state: CycleState): CycleActivated[] => {
  const cycle = existingCycle(state, command.data.cycleId);
  assertMayRunCycles(command.actor, 'activate a cycle');
  if (cycle.status === 'active') return [];
  assertCycleIn(cycle, ['planning'], 'activate the cycle');
  return [{ type: 'CycleActivated', data: { cycleId: cycle.cycleId } }];
};
