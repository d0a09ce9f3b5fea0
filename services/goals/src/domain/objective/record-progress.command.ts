import { Forbidden, rejectInvalid } from '@rhythm/event-sourcing';
import type { Command } from '../command';
import { change } from '../change';
import type { CycleStanding } from '../cycle/cycle.state';
import { valueProblem } from './metric';
import type { KeyResultProgressed } from './objective.events';
import {
  assertCycleAllows,
  assertObjectiveIn,
  existingKeyResult,
  existingObjective,
  isInvolved,
} from './objective.rules';
import type { ObjectiveState } from './objective.state';

export type RecordProgress = Command<
  'RecordProgress',
  { objectiveId: string; keyResultId: string; value: number; checkInId?: string },
  { cycle: CycleStanding }
>;

/**
 * A new current value for a key result, usually from a check-in. Reaching the target is
 * announced by the decider (KeyResultAchieved, and ObjectiveAchieved when it was the last one).
 */
export const recordProgress = (
  command: RecordProgress,
  state: ObjectiveState,
): KeyResultProgressed[] => {
  const { data, actor } = command;
  const objective = existingObjective(state, data.objectiveId);
  const keyResult = existingKeyResult(objective, data.keyResultId);
  if (!isInvolved(actor, objective)) {
    throw new Forbidden(
      `Only the owner of key result ${keyResult.keyResultId}, contributors, the objective's lead or an admin can record its progress`,
    );
  }
  rejectInvalid({ value: valueProblem(keyResult.metric, data.value) });
  assertObjectiveIn(objective, ['active'], 'record progress');
  assertCycleAllows(
    command.facts.cycle,
    objective.cycleId,
    ['active', 'review'],
    'record progress',
  );
  if (data.value === keyResult.current) return [];
  return [
    {
      type: 'KeyResultProgressed',
      data: {
        objectiveId: objective.objectiveId,
        keyResultId: keyResult.keyResultId,
        value: change(keyResult.current, data.value),
        ...(data.checkInId === undefined ? {} : { checkInId: data.checkInId }),
      },
    },
  ];
};
