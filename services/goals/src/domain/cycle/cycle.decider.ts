import type { Decider } from '@rhythm/event-sourcing';
import { assertNever } from '@rhythm/event-sourcing';
import type { ActivateCycle } from './activate-cycle.command';
import { activateCycle } from './activate-cycle.command';
import type { ChangeScoringRule } from './change-scoring-rule.command';
import { changeScoringRule } from './change-scoring-rule.command';
import type { CloseCycle } from './close-cycle.command';
import { closeCycle } from './close-cycle.command';
import type { CycleEvent } from './cycle.events';
import type { CycleState } from './cycle.state';
import { evolveCycle, initialCycleState } from './cycle.state';
import type { PlanCycle } from './plan-cycle.command';
import { planCycle } from './plan-cycle.command';
import type { ReopenCycle } from './reopen-cycle.command';
import { reopenCycle } from './reopen-cycle.command';
import type { RescheduleCycle } from './reschedule-cycle.command';
import { rescheduleCycle } from './reschedule-cycle.command';
import type { StartCycleReview } from './start-cycle-review.command';
import { startCycleReview } from './start-cycle-review.command';

export type CycleCommand =
  | PlanCycle
  | RescheduleCycle
  | ChangeScoringRule
  | ActivateCycle
  | StartCycleReview
  | ReopenCycle
  | CloseCycle;

const decide = (command: CycleCommand, state: CycleState): readonly CycleEvent[] => {
  switch (command.type) {
    case 'PlanCycle':
      return planCycle(command, state);
    case 'RescheduleCycle':
      return rescheduleCycle(command, state);
    case 'ChangeScoringRule':
      return changeScoringRule(command, state);
    case 'ActivateCycle':
      return activateCycle(command, state);
    case 'StartCycleReview':
      return startCycleReview(command, state);
    case 'ReopenCycle':
      return reopenCycle(command, state);
    case 'CloseCycle':
      return closeCycle(command, state);
    default:
      return assertNever(command);
  }
};

/** Stream `cycle-<tenant>.<cycleId>`. */
export const cycleDecider: Decider<CycleCommand, CycleState, CycleEvent> = {
  decide,
  evolve: evolveCycle,
  initialState: initialCycleState,
};
