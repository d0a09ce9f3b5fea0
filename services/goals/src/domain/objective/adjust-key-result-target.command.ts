import { rejectInvalid } from '@rhythm/event-sourcing';
import type { Command } from '../command';
import { change } from '../change';
import type { CycleStanding } from '../cycle/cycle.state';
import { cleanReason, reasonProblem } from '../input-rules';
import { lowersAmbition, newTargetProblem } from './metric';
import type { KeyResultTargetAdjusted } from './objective.events';
import {
  assertChangeable,
  assertMayManage,
  existingKeyResult,
  existingObjective,
  isAccountable,
} from './objective.rules';
import type { ObjectiveState } from './objective.state';

export type AdjustKeyResultTarget = Command<
  'AdjustKeyResultTarget',
  { objectiveId: string; keyResultId: string; target: number; reason?: string },
  { cycle: CycleStanding }
>;

/**
 * Targets may move mid-cycle. Asking for less (a lower number to increase towards, a higher one
 * to decrease towards) needs a reason once the objective is active.
 */
export const adjustKeyResultTarget = (
  command: AdjustKeyResultTarget,
  state: ObjectiveState,
): KeyResultTargetAdjusted[] => {
  const { data } = command;
  const objective = existingObjective(state, data.objectiveId);
  const keyResult = existingKeyResult(objective, data.keyResultId);
  assertMayManage(command.actor, objective, 'adjust a target');
  rejectInvalid({ target: newTargetProblem(keyResult.metric, data.target) });
  const lowers = lowersAmbition(keyResult.metric.direction, keyResult.metric.target, data.target);
  rejectInvalid({
    reason: reasonProblem(
      data.reason,
      lowers && isAccountable(objective)
        ? 'to lower the target of a key result of an active objective'
        : undefined,
    ),
  });
  assertChangeable(objective, command.facts.cycle, 'adjust a target');
  if (data.target === keyResult.metric.target) return [];
  return [
    {
      type: 'KeyResultTargetAdjusted',
      data: {
        objectiveId: objective.objectiveId,
        keyResultId: keyResult.keyResultId,
        target: change(keyResult.metric.target, data.target),
        lowersAmbition: lowers,
        ...cleanReason(data.reason),
      },
    },
  ];
};
