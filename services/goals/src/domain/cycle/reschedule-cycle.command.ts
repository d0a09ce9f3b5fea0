import { rejectInvalid } from '@rhythm/event-sourcing';
import type { Command } from '../command';
import { change } from '../change';
import { cleanReason, reasonProblem } from '../input-rules';
import type { CycleRescheduled } from './cycle.events';
import { assertCycleIn, assertMayRunCycles, datesProblems, existingCycle } from './cycle.rules';
import type { CycleState } from './cycle.state';

export type RescheduleCycle = Command<
  'RescheduleCycle',
  { cycleId: string; startsOn: string; endsOn: string; reason?: string }
>;

/** Dates may move while the cycle is planned or running; a reason is welcome, not required. */
export const rescheduleCycle = (
  command: RescheduleCycle,
  state: CycleState,
): CycleRescheduled[] => {
  const { data } = command;
  const cycle = existingCycle(state, data.cycleId);
  assertMayRunCycles(command.actor, 'reschedule a cycle');
  rejectInvalid({
    ...datesProblems(data.startsOn, data.endsOn),
    reason: reasonProblem(data.reason),
  });
  assertCycleIn(cycle, ['planning', 'active'], 'reschedule the cycle');
  if (cycle.startsOn === data.startsOn && cycle.endsOn === data.endsOn) return [];
  return [
    {
      type: 'CycleRescheduled',
      data: {
        cycleId: cycle.cycleId,
        startsOn: change(cycle.startsOn, data.startsOn),
        endsOn: change(cycle.endsOn, data.endsOn),
        ...cleanReason(data.reason),
      },
    },
  ];
};
