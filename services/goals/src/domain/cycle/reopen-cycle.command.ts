import { rejectInvalid } from '@rhythm/event-sourcing';
import type { Command } from '../command';
import { clean, reasonProblem } from '../input-rules';
import type { CycleReopened } from './cycle.events';
import { assertCycleIn, assertMayRunCycles, existingCycle } from './cycle.rules';
import type { CycleState } from './cycle.state';

export type ReopenCycle = Command<'ReopenCycle', { cycleId: string; reason: string }>;

/** review → active, e.g. when the review started too early. Never from closed (ADR 0020). */
export const reopenCycle = (command: ReopenCycle, state: CycleState): CycleReopened[] => {
  const { data } = command;
  const cycle = existingCycle(state, data.cycleId);
  assertMayRunCycles(command.actor, 'reopen a cycle');
  rejectInvalid({ reason: reasonProblem(data.reason, 'to reopen a cycle') });
  assertCycleIn(cycle, ['review'], 'reopen the cycle');
  return [{ type: 'CycleReopened', data: { cycleId: cycle.cycleId, reason: clean(data.reason) } }];
};
