import { RuleViolated, rejectInvalid } from '@rhythm/event-sourcing';
import type { Command } from '../command';
import type { CycleStanding } from '../cycle/cycle.state';
import { cleanReason, reasonProblem } from '../input-rules';
import type { KeyResultDropped } from './objective.events';
import {
  assertChangeable,
  assertMayManage,
  existingKeyResult,
  existingObjective,
  isAccountable,
} from './objective.rules';
import type { ObjectiveState } from './objective.state';

export type DropKeyResult = Command<
  'DropKeyResult',
  { objectiveId: string; keyResultId: string; reason?: string },
  { cycle: CycleStanding }
>;

/**
 * Dropping a key result of an active objective needs a reason, and an active objective keeps at
 * least one: to give all of it up, abandon the objective.
 */
export const dropKeyResult = (
  command: DropKeyResult,
  state: ObjectiveState,
): KeyResultDropped[] => {
  const { data } = command;
  const objective = existingObjective(state, data.objectiveId);
  const keyResult = existingKeyResult(objective, data.keyResultId);
  assertMayManage(command.actor, objective, 'drop a key result');
  rejectInvalid({
    reason: reasonProblem(
      data.reason,
      isAccountable(objective) ? 'to drop a key result of an active objective' : undefined,
    ),
  });
  assertChangeable(objective, command.facts.cycle, 'drop a key result');
  if (isAccountable(objective) && objective.keyResults.length === 1) {
    throw new RuleViolated(
      `Key result ${keyResult.keyResultId} is the last key result of active objective ${objective.objectiveId}; abandon the objective instead`,
      { keyResults: 'at least 1' },
    );
  }
  return [
    {
      type: 'KeyResultDropped',
      data: {
        objectiveId: objective.objectiveId,
        keyResultId: keyResult.keyResultId,
        title: keyResult.title,
        ...cleanReason(data.reason),
      },
    },
  ];
};
