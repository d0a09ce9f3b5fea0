import { RuleViolated } from '@rhythm/event-sourcing';
import type { Command } from '../command';
import type { CycleStanding } from '../cycle/cycle.state';
import type { ObjectiveActivated } from './objective.events';
import {
  assertCycleAllows,
  assertObjectiveIn,
  goalChangingCycle,
  managedObjective,
} from './objective.rules';
import type { ObjectiveState } from './objective.state';

export type ActivateObjective = Command<
  'ActivateObjective',
  { objectiveId: string },
  { cycle: CycleStanding }
>;

/**
 * The draft becomes the unit's objective: from now on progress counts, and lowering a target or
 * dropping a key result needs a reason. An objective without key results cannot be measured, so
 * it cannot be activated (ADR 0020). Activating an active objective again changes nothing, and
 * says so only to one who may activate it.
 */
export const activateObjective = (
  command: ActivateObjective,
  state: ObjectiveState,
): ObjectiveActivated[] => {
  const objective = managedObjective(
    state,
    command.data.objectiveId,
    command.actor,
    'activate this objective',
  );
  if (objective.status === 'active') return [];
  assertObjectiveIn(objective, ['draft'], 'activate the objective');
  assertCycleAllows(
    command.facts.cycle,
    objective.cycleId,
    goalChangingCycle,
    'activate an objective',
  );
  if (objective.keyResults.length === 0) {
    throw new RuleViolated(
      `Objective ${objective.objectiveId} needs at least one key result before it can be activated`,
      { keyResults: 'at least 1' },
    );
  }
  return [{ type: 'ObjectiveActivated', data: { objectiveId: objective.objectiveId } }];
};
